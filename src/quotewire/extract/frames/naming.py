"""Naming constructions: what someone calls a thing, or calls themself.

Two readings, each general to the construction and not to a word:

* ``naming_quotation`` (a complement handler): a naming cue's object followed by the
  quotation that names it, "Trump called Ford's plan “an absolute disgrace,” and
  threatened ...", "calling him a “nice guy” and ...": the content is the object with
  its naming quotation and ends where the quotation closes, not at the clause's end.
* ``epithet_frames`` (a sentence step): a self-naming epithet before a noun phrase,
  "Sanders, a self-described democratic socialist, said ...": the noun phrase is what
  the bearer (the phrase the epithet is in apposition to, or the subject of "is a
  ...") says of themself; the epithet's verb part is the cue.

Word lists are data: ``calling_cues.txt``, ``calling_continuations.txt``,
``self_epithets.txt``.
"""

from __future__ import annotations

from quotewire.extract.frames.complement import Clause, Complement, Content
from quotewire.extract.frames.model import PASS, Frame
from quotewire.extract.frames.phrases import left_speaker
from quotewire.extract.lexicons import words
from quotewire.extract.tokens import PUNCT, QUOTE, WORD, Tok

CALLING_CUES = words("calling_cues.txt")
_CONTINUATIONS = words("calling_continuations.txt")
_EPITHETS = words("self_epithets.txt")
# An object before its naming quotation is short: "Ford's plans to open a $1.6 billion
# assembly plant in Mexico" is 11 tokens.
_MAX_OBJECT_TOKENS = 16
_CLAUSE_PUNCT = frozenset(";:.?!()[]\u2014\u2013")
# The epithet's noun phrase: a few words, ended by punctuation or a relative pronoun.
_MAX_EPITHET_TOKENS = 6
_EPITHET_STOPS = frozenset(["who", "whose", "which", "that", "and", "or", "but", "with"])
_ARTICLES = frozenset(["a", "an", "the"])
_LIST_GLUE = _ARTICLES | frozenset(["and", "or"])
_COPULAS = frozenset(["is", "was", "are", "were", "'s", "\u2019s"])


def naming_quotation(c: Clause) -> Complement:
    """ "called [Ford's plans “an absolute disgrace,”] and threatened": a naming cue
    (``calling_cues.txt``) whose object, within ``_MAX_OBJECT_TOKENS`` tokens and no
    clause punctuation, is followed by a quotation; the content ends with that
    quotation unless a continuation word (``calling_continuations.txt``: "to", "of",
    "that" ...) carries the phrase on. PASS otherwise (the bare reading then runs)."""
    toks, k, limit = c.toks, c.k, c.limit
    if toks[c.cue.i].low not in CALLING_CUES or c.cue.j != c.cue.i + 1:
        return PASS
    if not (k < limit and toks[k].kind == WORD):
        return PASS
    q = k
    while q < limit and q - k <= _MAX_OBJECT_TOKENS and toks[q].kind != QUOTE:
        if toks[q].kind == PUNCT and toks[q].text in _CLAUSE_PUNCT:
            return PASS
        q += 1
    if q >= limit or toks[q].kind != QUOTE or q - k > _MAX_OBJECT_TOKENS:
        return PASS
    q = _last_listed_quotation(toks, q, limit)
    if q + 2 <= limit and _noun_after_modifier(toks, q, limit):
        q += 1  # 'called North Korea's “reckless, dangerous” actions.'
    if q + 1 >= limit or toks[q + 1].low in _CONTINUATIONS:
        return PASS  # the clause ends with the quotation anyway, or the phrase goes on
    return Content([(k, q + 1)])


def _last_listed_quotation(toks: list[Tok], q: int, limit: int) -> int:
    """The last quotation of a list that starts with the quotation at ``q``: 'a “nasty
    guy,” an “anchor baby,” “unstable” and “sick.”' (commas, "and"/"or" and articles
    between its items, nothing else)."""
    j = q + 1
    while j < limit:
        if toks[j].kind == QUOTE:
            q = j
        elif not (toks[j].text == "," or toks[j].low in _LIST_GLUE):
            break
        j += 1
    return q


def _noun_after_modifier(toks: list[Tok], q: int, limit: int) -> bool:
    """The quotation at ``q`` modifies the one lower-case word after it, which ends the
    clause: 'North Korea's “reckless, dangerous” actions.'"""
    t = toks[q + 1]
    return (
        t.kind == WORD
        and t.text.islower()
        and t.low not in _CONTINUATIONS
        and t.low not in _EPITHET_STOPS
        and (q + 2 >= limit or (toks[q + 2].kind == PUNCT and toks[q + 2].text != "-"))
    )


def epithet_frames(toks: list[Tok]) -> list[Frame]:
    """One frame per self-naming epithet (``self_epithets.txt``) of the sentence whose
    bearer is found: "X, a self-described N" (the phrase before the comma) or "X is a
    self-described N" (the subject of the copula). The content is the noun phrase after
    the epithet, up to punctuation or a stop word (at most ``_MAX_EPITHET_TOKENS``
    tokens); the cue is the epithet's part after "self-"."""
    out = []
    for e, t in enumerate(toks):
        if t.kind != WORD or t.low not in _EPITHETS or e < 2:
            continue
        bearer = _bearer(toks, e)
        end = _epithet_end(toks, e + 1)
        if bearer is None or end is None:
            continue
        cue_start = t.start + t.text.index("-") + 1
        out.append(
            Frame(
                cue_start,
                t.end,
                "speech",
                ((toks[e + 1].start, toks[end - 1].end),),
                (toks[bearer[0]].start, toks[bearer[1] - 1].end),
                False,
                any(toks[x].kind == QUOTE for x in range(e + 1, end)),
                False,
            )
        )
    return out


def _bearer(toks: list[Tok], e: int) -> tuple[int, int] | None:
    """Token span of whom the epithet at ``e`` names: before "a"/"an"/"the", either the
    phrase before an apposition's comma or the subject before a copula."""
    if toks[e - 1].low not in _ARTICLES:
        return None
    before = toks[e - 2]
    if before.text != "," and before.low not in _COPULAS:
        return None
    got = left_speaker(toks, e - 2)
    if got is None or got[2]:
        return None
    return got[0], got[1]


def _epithet_end(toks: list[Tok], a: int) -> int | None:
    """One past the last token of the noun phrase starting at ``a``; None when it is
    empty or longer than ``_MAX_EPITHET_TOKENS``."""
    b = a
    while b < len(toks) and not (
        (toks[b].kind == PUNCT and toks[b].text not in ("-", "'"))
        or toks[b].low in _EPITHET_STOPS
    ):
        b += 1
    if b == a or b - a > _MAX_EPITHET_TOKENS:
        return None
    return b
