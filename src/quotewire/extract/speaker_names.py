"""Speaker names and kinds: name keys, title splitting and the kind of a capitalised run.

:func:`fold_name` (accent- and case-folded key), :func:`split_title` ("Cuban Prime
Minister" -> ("prime minister", "Cuba")), :func:`split_name` (title words apart from name
words, at the last title word), :func:`run_kind` (outlet, state, organisation or person,
from the lexicons) and :func:`classify_name` (a capitalised run -> name, kind and titles);
:func:`name_tail` (the name ending a mention, across "of"/"for"/"on" after a body's head
word), :func:`spelled_name` and :func:`initials` (the long name an acronym spells).
Also the country keys and demonyms (lexicons/countries.tsv) and the patterns of capitalised
runs that the in-article look-ups share. Pure; the word-level look-ups are cached.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Mapping
from importlib.resources import files
from types import MappingProxyType

from quotewire.extract.lexicons import (
    COUNTRIES,
    DETERMINERS,
    FUNCTION_WORDS,
    MEDIA_NAMES,
    MEDIA_WORDS,
    ORGANIZATION_WORDS,
    ROLE_WORDS,
    ROLES,
    SPEAKER_KINDS,
    SPEAKER_NOUNS,
    TITLE_WORDS,
)
from quotewire.records import SpeakerKind

COUNTRY_KEYS: dict[str, str] = {}
for _k, _v in COUNTRIES.items():
    COUNTRY_KEYS[_k.lower()] = _v
    COUNTRY_KEYS[_v.lower()] = _v
COUNTRY_RE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(k) for k in sorted(COUNTRY_KEYS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_ROLE_RE = re.compile(
    r"(?<![\w.])(?:" + "|".join(re.escape(r) for r in ROLES) + r")(?![\w])", re.IGNORECASE
)
_WS = re.compile(r"\s+")


def _word_classes(name: str) -> Mapping[str, frozenset[str]]:
    """class -> words, from a ``word<TAB>class`` lexicon file (``#`` comment lines)."""
    raw = (files("quotewire.extract") / "lexicons" / name).read_text(encoding="utf-8")
    classes: dict[str, set[str]] = {}
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            word, cls = line.split("\t")
            classes.setdefault(cls.strip(), set()).add(word.strip())
    return MappingProxyType({cls: frozenset(words) for cls, words in classes.items()})


# The short word classes of speaker resolution (lexicons/speaker_words.tsv says what each is).
SPEAKER_WORDS: Mapping[str, frozenset[str]] = _word_classes("speaker_words.tsv")
NAME_PARTICLES = SPEAKER_WORDS["name_particle"]
NAME_CONNECTIVES = SPEAKER_WORDS["name_connective"]
_ELIDED = tuple(sorted(SPEAKER_WORDS["elided_article"]))
_DESIGNATORS = SPEAKER_WORDS["corporate_designator"]
_PLACE_OPENERS = SPEAKER_WORDS["place_opener"]
_NAME_STOPS = SPEAKER_WORDS["name_stop"]
# Lower-case words an acronym's long name may hold besides its capitalised words.
_ACRONYM_INNER = NAME_CONNECTIVES | NAME_PARTICLES | frozenset(["and", "&", "the"])


def fold_name(name: str) -> str:
    """Accent-, case- and punctuation-insensitive key: "Díaz-Canel" == "diaz-canel"."""
    if name.isascii():
        plain = name  # fast path: nothing to decompose
    else:
        decomposed = unicodedata.normalize("NFKD", name)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("\u2019", "'").replace("\u2010", "-").replace("\u2011", "-")
    return _WS.sub(" ", plain).strip().casefold()


def split_title(title: str) -> tuple[str | None, str | None]:
    """(role, country) of a title phrase, lower-case role, country name or None.

    "Cuban Prime Minister" -> ("prime minister", "Cuba"); "Chinese president" ->
    ("president", "China"); "leader of the Cuban Revolution" -> ("leader", "Cuba").
    """
    country = None
    cm = COUNTRY_RE.search(title)
    rest = title
    if cm:
        country = COUNTRY_KEYS[cm.group().lower()]
        rest = title[: cm.start()] + " " + title[cm.end() :]
    rm = _ROLE_RE.search(rest)
    role = _WS.sub(" ", rm.group().lower()) if rm else None
    if rm and " " not in role:
        # "Health Minister" -> "health minister": a portfolio word right before the role
        before = rest[: rm.start()].split()
        if before and TITLE_WORDS.get(before[-1].lower()) == "portfolio":
            role = before[-1].lower() + " " + role
    return role, country


@functools.lru_cache(maxsize=8192)
def norm(word: str) -> str:
    """Lower-case a word for lexicon look-ups: no edge punctuation, no possessive 's."""
    w = word.lower().strip(",;:()\"\u201c\u201d")
    if w.endswith(("'s", "\u2019s")):
        w = w[:-2]
    return w


def is_title_word(word: str) -> bool:
    w = norm(word)
    return (
        w in ROLE_WORDS
        or w in COUNTRY_KEYS
        or w.rstrip(".") + "." in ROLE_WORDS
        or w in TITLE_WORDS
        or w.replace(".", "") in TITLE_WORDS
        or (("-" in w) and all(p in ROLE_WORDS or p in TITLE_WORDS for p in w.split("-") if p))
    )


def singular_title(word: str) -> str | None:
    """The singular of a plural title word as written ("Presidents" -> "President",
    "Secretaries" -> "Secretary"), else None; a country's people ("Americans") are none."""
    w = norm(word)
    if len(w) < 4 or not w.endswith("s") or is_title_word(word):
        return None
    for cut, one in ((3, word[:-3] + "y"), (1, word[:-1])):
        if (
            (cut == 1 or w.endswith("ies")) and is_title_word(one)
            and norm(one) not in COUNTRY_KEYS and TITLE_WORDS.get(norm(one)) != "qualifier"  # "News"
        ):
            return one
    return None


def split_name(words: list[str]) -> tuple[list[str], list[str]]:
    """Split a capitalised word run into (title words, name words) at the last title word:
    ["Chinese", "Premier", "Li", "Qiang"] -> (["Chinese", "Premier"], ["Li", "Qiang"]);
    "Indeni Managing Director Luis Urbano" -> Luis Urbano; "Archbishop of Canterbury Rowan
    Williams" -> Rowan Williams (a place or body after "of" precedes a two-word name).
    A run whose last word is a title word ("Julie Bishop") keeps the leading-title split.
    An organisation head before a connective names a body, no title ("Campaign for
    Tobacco-Free Kids"). A plural title opening a personal name is its singular, the
    title of each name of a coordination ("Presidents Leonid Kuchma and ..." ->
    (["President"], ["Leonid", "Kuchma"])), not before a function word ("Doctors Without
    Borders")."""
    one = singular_title(words[0]) if len(words) > 1 else None
    if one and words[1][:1].isupper() and norm(words[1]) not in FUNCTION_WORDS and run_kind(words[1:]) is SpeakerKind.PERSON:
        words = [one] + words[1:]
    last = -1
    for i, w in enumerate(words[:-1]):
        if w == "of" and last >= 0:
            last = i
        elif _title_at(words, i):
            last = i
    if last >= 0:
        titles, name = words[: last + 1], words[last + 1 :]
        if "of" in titles and len(name) >= 3 and not any(w.lower() in NAME_PARTICLES for w in name):
            titles, name = titles + name[:-2], name[-2:]
        return titles, name
    i = 0
    while i < len(words) - 1 and _title_at(words, i):
        i += 1
    return words[:i], words[i:]


def _title_at(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` is a title word there ("of" is one: "Mike Powell of Acme
    Capital"): an organisation head that a connective continues is none, nor is that
    connective ("Campaign for ...", "Federation of the Glass Industry"). A qualifier
    (title_words.tsv: "new", "former") with no title word after it is a name's word
    inside a run ("Papua New Guinea") or opening a place name ("New York"); opening
    another run it stays a title ("Former Worldcom boss ...")."""
    w = words[i]
    if TITLE_WORDS.get(norm(w)) == "qualifier" and norm(w) not in ROLE_WORDS:
        if not any(is_title_word(x) for x in words[i + 1 :]) and (i > 0 or place_name(words)):
            return False
    after = words[i + 1] if i + 1 < len(words) else ""
    before = words[i - 1] if i > 0 else ""
    if after in NAME_CONNECTIVES and norm(w) in ORGANIZATION_WORDS:
        return False
    if w in NAME_CONNECTIVES and norm(before) in ORGANIZATION_WORDS:
        return False
    return is_title_word(w)


def name_word(word: str) -> str:
    """A word of a name without an article elided onto it: "l'Audiovisuel" ->
    "Audiovisuel", "d’Ivoire" -> "Ivoire"; any other word as it is."""
    low = word.lower().replace("\u2019", "'")
    for art in _ELIDED:
        if low.startswith(art) and len(word) > len(art):
            return word[len(art) :]
    return word


def is_name_word(word: str) -> bool:
    """A capitalised word of a name, an elided article in front allowed ("l'Audiovisuel")."""
    return name_word(word)[:1].isupper()


def initials(words: list[str]) -> str:
    """The initials of the capitalised words of a name, lower-case words skipped:
    "Institute for Fiscal Studies" -> "IFS", "Conseil Superieur de l'Audiovisuel" -> "CSA"."""
    return "".join(name_word(w)[0] for w in words if is_name_word(w))


def strip_possessive(words: list[str]) -> list[str]:
    """A name without the apostrophe of a plural possessive on its last word:
    "Incomes Data Services'" -> "Incomes Data Services" ("McDonald's" keeps its "'s")."""
    if words and len(words[-1]) > 2 and words[-1].endswith(("s'", "s\u2019")):
        return words[:-1] + [words[-1][:-1]]
    return words


def body_possessive_off(words: list[str]) -> list[str]:
    """A body's name without the "'s" of a possessive on its last word when that word is
    an organisation word or legal form: "Burlington Industries Inc's" -> "... Inc"."""
    last = words[-1] if words else ""
    if last.endswith(("'s", "\u2019s")) and (norm(last) in ORGANIZATION_WORDS or is_designator(last)):
        return words[:-1] + [last[:-2]]
    return words


def split_possessor(words: list[str]) -> tuple[list[str], list[str]]:
    """(owner, name) of a run that names a person after a possessive owner: "NBC's Lester
    Holt" -> (["NBC"], ["Lester", "Holt"]), "Fairchild's Bill Fulwider" likewise; the
    owner loses its "'s". ([], words) when no personal name of two or more words follows
    the last possessive ("Moody's Investors Service", "McDonald's")."""
    for k in range(len(words) - 2, -1, -1):
        if words[k].endswith(("'s", "\u2019s")) and len(words[k]) > 2:
            rest = words[k + 1 :]
            if len(rest) >= 2 and all(is_name_word(w) for w in rest) and run_kind(rest) is SpeakerKind.PERSON:
                return words[:k] + [words[k][:-2]], rest
            break
    return [], words


def spelled_name(acronym: str, before: str) -> list[str] | None:
    """The longest run of words ending ``before`` (the text up to "(ACRONYM)") whose
    capitalised words' initials are the acronym's capitals: "the independent Institute for
    Fiscal Studies" and "IFS" -> Institute for Fiscal Studies; "The Conseil Superieur de
    l'Audiovisuel" and "CSA" -> Conseil Superieur de l'Audiovisuel; "Bank of England" and
    "BoE". Inside the run only connectives, name particles, "and", "&" and "the" may be in
    lower case. None when no run spells it."""
    letters = "".join(c for c in acronym if c.isupper())
    toks = strip_possessive(re.split(r"[,;:!?()\"\u201c\u201d\n]", before)[-1].split())
    for i in range(len(toks)):
        run = toks[i:]
        if len(letters) >= 2 and is_name_word(run[0]) and initials(run) == letters:
            if all(is_name_word(w) or w.lower() in _ACRONYM_INNER for w in run):
                return run
    return None


def name_tail(words: list[str], joins: frozenset[str] = frozenset()) -> list[str]:
    """The capitalised name that ends ``words`` (empty when the last word is no name word):
    "Menatep Group's managing director Tim Osborne" -> Tim Osborne. It crosses name
    particles ("Henri de Bodinat"), and a connective ("the independent Institute for
    Fiscal Studies" -> Institute for Fiscal Studies; "Federation of the Red Cross") or a
    word of ``joins`` ("and") when a capitalised word stands before it; a connective other
    than a bare "of" ("Museum of Modern Art"), and one followed by "the", only after an
    organisation head ("Talks on Russia's", "Stuart Hensel of the Economist Intelligence
    Unit", "Top of the Pops", "High Commissioner for Refugees" end at the connective)."""
    i = len(words)
    while i > 0:
        w = words[i - 1]
        if is_name_word(w) or PARTICLE_NAME.match(w) or (i < len(words) and w in NAME_PARTICLES):
            i -= 1
            continue
        k = i - 2 if w == "the" and i >= 2 and words[i - 2] in NAME_CONNECTIVES else i - 1
        if i == len(words) or k < 1 or not is_name_word(words[k - 1]):
            break
        head = norm(words[k - 1])
        if words[k] in joins or (words[k] in NAME_CONNECTIVES and (
            head in ORGANIZATION_WORDS or (k == i - 1 and words[k] == "of")
        )):
            i = k
            continue
        break
    return words[i:]


CAP_RUN_RE = re.compile(
    r"[A-Z][\w\u2019'.&\-]*(?:[ \t]+(?:(?:of|de|van|von|bin|da|del)[ \t]+)?[A-Z][\w\u2019'.&\-]*)*"
)
ACRONYM_PAREN = re.compile(r"[ \t]*\([A-Z][A-Za-z0-9&.\-]{1,9}\)")
SENTENCE_START = re.compile(r"(?:^|[.!?][\"'\u201d\u2019]?[ \t]+|\n[ \t]*)(?=[A-Z\"\u201c])")
ORG_KINDS = frozenset([SpeakerKind.ORGANIZATION, SpeakerKind.MEDIA, SpeakerKind.STATE])
PARTICLE_NAME = re.compile(r"(?:al|el|bin|ibn|abu)-[A-Z]")
_PEOPLE_PLURALS = tuple(sorted(SPEAKER_WORDS["people_plural_suffix"]))
# Country -> its adjective ("Pakistan" -> "Pakistani"): the first demonym row of countries.tsv.
DEMONYMS: dict[str, str] = {}
for _k, _v in COUNTRIES.items():
    if _k != _v and _k[:1].isupper() and _k[-1:] in "nihe" and " " not in _k.replace("South ", "").replace("North ", ""):
        DEMONYMS.setdefault(_v, _k)
_COUNTRY_NAMES = frozenset(v.lower() for v in COUNTRIES.values())


def _word_char(c: str) -> bool:
    return c.isalnum() or c in "_-"


def word_starts(text: str, word: str) -> Iterator[int]:
    r"""The offsets where ``word`` stands in ``text`` as a whole word (no letter, digit,
    "_" or "-" on either side), in text order. The same as searching
    ``(?<![\w-])WORD(?![\w-])``, without compiling a pattern per word: speaker
    resolution asks this of many different words per article, and a pattern cache that
    size thrashes (Reuters annotate lost 0.2 ms a story to compiling)."""
    n = len(word)
    if not n:
        return
    pos = text.find(word)
    while pos >= 0:
        end = pos + n
        if (pos == 0 or not _word_char(text[pos - 1])) and (end >= len(text) or not _word_char(text[end])):
            yield pos
            pos = text.find(word, end)
        else:
            pos = text.find(word, pos + 1)


def has_word(text: str, word: str) -> bool:
    """Whether ``word`` stands in ``text`` as a whole word (see :func:`word_starts`)."""
    return next(word_starts(text, word), None) is not None


def lone_word_kind(word: str, text: str) -> SpeakerKind:
    """A lone capitalised word the article never extends to a full name: a group when it
    reads as a plural of people ("Islamists", "Others") or is a plural the article also
    writes in lower case ("Attendants" ... "the attendants"), else an organisation."""
    low = word.lower()
    plural = low.endswith("s") and not low.endswith("ss")
    if low.endswith(_PEOPLE_PLURALS) or (plural and has_word(text, low)):
        return SpeakerKind.GROUP
    return SpeakerKind.ORGANIZATION


def is_designator(word: str) -> bool:
    """A company's legal form, capitalised, dots and a possessive ignored ("AG", "N.V.",
    "Inc.", "Ltd's"): lexicons/speaker_words.tsv corporate_designator."""
    return word[:1].isupper() and norm(word).rstrip("'\u2019").replace(".", "") in _DESIGNATORS


def sentence_break(before: str, after: str) -> bool:
    """Whether a sentence ends between two capitalised words: a company's legal form
    written with its full stop ("Inc.", "Ltd.") before an honorific with its own
    ("Mr.", "Ms.", "Dr."): "... Salomon Brothers Inc. Ms. Applebaum said" names two."""
    return (
        before.endswith(".") and is_designator(before)
        and after.endswith(".") and TITLE_WORDS.get(norm(after).rstrip(".")) == "honorific"
    )


def after_sentence_break(words: list[str]) -> int:
    """Index of the first word after the last :func:`sentence_break` inside ``words``,
    else 0: a mention that runs across one is the part after it, the clause's subject."""
    for i in range(len(words) - 1, 0, -1):
        if sentence_break(words[i - 1], words[i]):
            return i
    return 0


def place_name(words: list[str]) -> bool:
    """Whether a capitalised run is a place name by its first word (speaker_words.tsv
    place_opener: "New York", "New Jersey"): two words or more, the rest name words
    that are no known noun or title ("New Poll", "New Chancellor" are none)."""
    return (
        len(words) >= 2
        and words[0][:1].isupper()
        and norm(words[0]) in _PLACE_OPENERS
        and all(w[:1].isupper() and not known_noun(w) and not is_title_word(w) for w in words[1:])
    )


def known_noun(word: str) -> bool:
    w = norm(word)
    return w in SPEAKER_KINDS or w in SPEAKER_NOUNS or w in ROLE_WORDS


def run_kind(words: list[str]) -> SpeakerKind:
    """Kind of a capitalised name as a whole: outlet, state, organisation or person."""
    return _run_kind_cached(tuple(words))


@functools.lru_cache(maxsize=8192)
def _run_kind_cached(words: tuple[str, ...]) -> SpeakerKind:
    joined = " ".join(words)
    lows = [norm(w) for w in words]
    if joined in MEDIA_NAMES or any(w in MEDIA_WORDS for w in lows):
        return SpeakerKind.MEDIA
    if " ".join(lows) in _COUNTRY_NAMES or (len(words) == 1 and lows[0] in COUNTRY_KEYS):
        return SpeakerKind.STATE
    if any(w in ORGANIZATION_WORDS for w in lows):
        return SpeakerKind.ORGANIZATION
    if any(w in FUNCTION_WORDS and x[:1].isupper() and not x.isupper() for w, x in zip(lows[1:], words[1:])):
        return SpeakerKind.ORGANIZATION  # "Reporters Without Borders"
    if len(words) >= 2 and is_designator(words[-1]):
        return SpeakerKind.ORGANIZATION  # "Mannesmann AG", "Nippon Kokan K.K."
    if len(words) == 1 and len(words[0]) >= 2 and words[0].replace("-", "").isupper():
        return SpeakerKind.ORGANIZATION  # an acronym: "SIRPA", "PNC"
    if place_name(list(words)):
        return SpeakerKind.STATE  # "New York", "New Jersey": a place speaking as a state
    return SpeakerKind.PERSON


def classify_name(words: list[str]) -> tuple[str, SpeakerKind, tuple[str, ...]]:
    """(name, kind, titles) of a capitalised run: "U.N. Secretary-General Kofi Annan" ->
    ("Kofi Annan", person, ("U.N. Secretary-General",)); "the Iranian Students News Agency"
    -> ("Iranian Students News Agency", media, ()); "Italy" -> ("Italy", state, ()).
    A trailing name_stop word is no part of the name (:func:`name_stops_off`)."""
    return _classify_cached(tuple(name_stops_off(words)))


def name_stops_off(words: list[str]) -> list[str]:
    """``words`` without trailing name_stop words, never emptied: "President Ann Tano
    Thursday" -> "President Ann Tano" (wire style for "said Thursday")."""
    while len(words) > 1 and norm(words[-1]) in _NAME_STOPS:
        words = words[:-1]
    return words


@functools.lru_cache(maxsize=8192)
def _classify_cached(run: tuple[str, ...]) -> tuple[str, SpeakerKind, tuple[str, ...]]:
    words = strip_possessive(strip_det(list(run)))
    owner, words = split_possessor(words)
    if owner:
        name, _, titles = _classify_cached(tuple(words))
        return name, SpeakerKind.PERSON, (" ".join(owner),) + titles
    whole = " ".join(words)
    if whole in MEDIA_NAMES:
        return whole, SpeakerKind.MEDIA, ()
    titles, name = split_name(words)
    if titles and titles[-1].lower() == "and":
        titles, name = [], words  # "Department of Housing and Urban Development": one body
    if titles and run_kind(name) is SpeakerKind.PERSON and (len(name) >= 2 or run_kind(words) is SpeakerKind.PERSON):
        return " ".join(name), SpeakerKind.PERSON, (" ".join(titles),)
    kind = run_kind(words)
    if titles and kind is SpeakerKind.PERSON:
        kind = SpeakerKind.ORGANIZATION  # "National Zoological Gardens of South Africa"
    if kind is not SpeakerKind.PERSON:
        return whole, kind, ()
    return " ".join(name), SpeakerKind.PERSON, ((" ".join(titles),) if titles else ())


def is_shouted(word: str) -> bool:
    """A name in capitals ("WALLACE"), as transcripts label their speakers."""
    return len(word) >= 3 and word.isalpha() and word.isupper()


def strip_det(words: list[str]) -> list[str]:
    i = 0
    while i < len(words) - 1 and words[i].lower() in DETERMINERS:
        i += 1
    return words[i:]
