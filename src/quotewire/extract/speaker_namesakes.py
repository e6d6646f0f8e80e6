"""People who share a name in one article: the ranks and countries their titles carry,
and which of them a mention of the shared word can mean (used by
:meth:`quotewire.extract.speaker_article.ArticleSpeakers.namesake`): "King Hussein of
Jordan" is no "President Saddam Hussein", "Sen. Ward" is "Senator Ann Ward"."""

from __future__ import annotations

import re

from quotewire.extract.lexicons import ROLE_SYNONYMS, ROLE_WORDS, TITLE_WORDS
from quotewire.extract.speaker_names import COUNTRY_KEYS, COUNTRY_RE, norm


def holds(name: list[str], part: list[str]) -> bool:
    """Whether ``part`` is a shorter contiguous run of the words of ``name``."""
    n = len(part)
    return n < len(name) and any(name[i : i + n] == part for i in range(len(name) - n + 1))


def title_ranks(titles: list[str] | tuple[str, ...]) -> frozenset[str]:
    """The rank words of title words or titles: role words (lexicons/roles.txt) that are
    no honorific or qualifier ("King", "President", "Sen."; not "Mr.", "former"),
    without their full stop: "Jordan's King" -> {"king"}."""
    out = set()
    for t in titles:
        for w in re.split(r"[\s\-]+", t):
            low = norm(w)
            if (low in ROLE_WORDS or low.rstrip(".") + "." in ROLE_WORDS) and TITLE_WORDS.get(low.rstrip(".")) not in (
                "honorific", "qualifier"
            ):
                out.add(low.rstrip("."))
    return frozenset(out)


def _rankedapart(ranks: frozenset[str], titles: list[str] | tuple[str, ...]) -> bool:
    """Whether titles carry ranks and none is compatible with ``ranks``: the same word,
    a synonym (lexicons/role_synonyms.tsv), or an abbreviation of it ("sen" of "senator")."""
    other = title_ranks(titles)
    if not ranks or not other:
        return False
    for a in ranks:
        for b in other:
            if a == b or b in ROLE_SYNONYMS.get(a, ()) or a in ROLE_SYNONYMS.get(b, ()) or a.startswith(b) or b.startswith(a):
                return False
    return True


def personal(titles: tuple[str, ...]) -> bool:
    """Whether titles hold an honorific or a party affiliation ("Mr.", "Labour MP"),
    which only persons carry (an ordinal or a country may open a company's name: "First
    Interstate", "American Brands")."""
    kinds = {TITLE_WORDS.get(norm(w).rstrip(".")) for t in titles for w in t.split()}
    return bool(kinds & {"honorific", "affiliation"})


def countries(titles: list[str] | tuple[str, ...]) -> frozenset[str]:
    """The countries titles name ("Iraq's", "Iraqi President", "Jordan")."""
    return frozenset(COUNTRY_KEYS[m.group().lower()] for m in COUNTRY_RE.finditer(" ".join(titles)))


def apart(ranks: frozenset[str], where: frozenset[str], titles: list[str] | tuple[str, ...]) -> bool:
    """Whether a person with ``titles`` is no one a mention of ``ranks`` in the
    countries ``where`` means: incompatible ranks (:func:`_ranked_apart`) or countries."""
    other = countries(titles)
    return _rankedapart(ranks, titles) or bool(where and other and not where & other)


def namesakes(found: list[tuple[list[str], list[str], int]]) -> list[tuple[list[str], list[str]]]:
    """The distinct people of person-name runs sharing a word: each fullest name (one
    not held inside another) with the titles of all its runs, and each rank of a titled
    one-word run no fuller name carries ("King Hussein" beside "President Saddam
    Hussein"), in order of first mention."""
    fullest: list[list[str]] = []
    for c in found:
        if len(c[0]) > 1 and c[0] not in fullest and not any(holds(f, c[0]) for f in (x[0] for x in found)):
            fullest.append(c[0])
    people = [(f, [t for c in found if c[0] == f for t in c[1]]) for f in fullest]
    for c in found:
        ranks = title_ranks(c[1])
        if len(c[0]) == 1 and ranks and all(_rankedapart(ranks, p[1]) for p in people):
            people.append((c[0], list(c[1])))
    return people
