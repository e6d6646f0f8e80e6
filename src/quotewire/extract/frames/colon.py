"""Colon introductions: "Trump went even further: “Q”" (a closing quotation after a
colon) and a sentence ending in a colon that introduces the next paragraph.
"""

from __future__ import annotations

from quotewire.extract.frames.lexical import _participle
from quotewire.extract.frames.model import Frame
from quotewire.extract.frames.phrases import _sentence_subject
from quotewire.extract.lexicons import CUES
from quotewire.extract.tokens import PUNCT, QUOTE, WORD, Tok

def _dash_source(toks: list[Tok], colon: int) -> tuple[int, int] | None:
    """ "Iowa poll overhype - HuffPollster: “Q”": a short capitalised source between a
    dash and the colon (news round-ups)."""
    k = colon
    while k > 0 and colon - k < 4 and toks[k - 1].kind == WORD and toks[k - 1].text[:1].isupper():
        k -= 1
    if k == colon or k == 0 or toks[k - 1].text not in ("-", "\u2014", "\u2013"):
        return None
    return k, colon


def _from_source(toks: list[Tok], colon: int) -> tuple[int, int] | None:
    """ "From the report: “Q”", "More from Jones: “Q”": the short phrase after a "from"
    that the colon closes (a determiner and words, or capitalised words)."""
    f = colon - 1
    while f > 0 and colon - f <= 5 and toks[f].low != "from":
        f -= 1
    if f < 0 or toks[f].low != "from" or f + 1 >= colon or colon - f > 5:
        return None
    if f > 1 and toks[f - 1].low != "more":
        return None  # "... away from home: ": only an opening "From X:" / "More from X:"
    if not all(t.kind == WORD for t in toks[f + 1 : colon]):
        return None
    return f + 1, colon


def _name_before_colon(toks: list[Tok], colon: int) -> tuple[int, int] | None:
    """ "..., did not surprise the economist Maria Okafor: “Q”": a capitalised name (two
    to four words) ending the clause right before the colon, after a lower-case word."""
    k = colon
    while k > 0 and colon - k < 4 and toks[k - 1].kind == WORD and toks[k - 1].text[:1].isupper():
        k -= 1
    if colon - k < 2 or k == 0 or not toks[k - 1].text.islower():
        return None
    return k, colon


def _full_utterance(t: Tok) -> bool:
    """A quotation that reads as a whole sentence: a capital first word, at least four
    words, closed by a full stop, "?" or "!" (" Hillary shot back, “I suppose ...”")."""
    inner = t.text.strip("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb ")
    return (
        len(inner.split()) >= 4
        and inner[:1].isupper()
        and inner.rstrip("\u2026")[-1:] in (".", "?", "!")
    )


def _colon_quote_frame(toks: list[Tok]) -> list[Frame]:
    """ "Trump went even further: “If he loses, it's the end.”": a sentence whose
    subject does something and a colon (or a comma before a whole quoted sentence)
    hands over to a closing quotation."""
    q = _closing_quote(toks)
    if q < 3 or toks[q].kind != QUOTE or not (
        toks[q - 1].text == ":" or (toks[q - 1].text == "," and _full_utterance(toks[q]))
    ):
        return []
    spk = (
        _dash_source(toks, q - 1)
        or _from_source(toks, q - 1)
        or _name_before_colon(toks, q - 1)
        or _sentence_subject(toks, q - 1)
        or _later_clause_subject(toks, q - 1)
    )
    if spk is None:
        return []
    colon = toks[q - 1]
    return [
        Frame(
            colon.start,
            colon.end,
            "speech",
            ((toks[q].start, toks[q].end),),
            (toks[spk[0]].start, toks[spk[1] - 1].end),
            False,
            True,
            True,
        )
    ]


def _closing_quote(toks: list[Tok]) -> int:
    """Index of the sentence's closing quotation: its last token past the punctuation,
    or a quotation followed only by a comma and a participle clause ("...: “Q,”
    pointing to the polls"), which is the writer's comment on it."""
    q = len(toks) - 1
    while q > 0 and toks[q].kind == PUNCT:
        q -= 1
    for k in range(max(q - _MAX_PARTICIPLE_CLAUSE, 0), q):
        if toks[k].kind != QUOTE:
            continue
        if toks[k].text[:-1].endswith(",") and _participle(toks[k + 1]):
            return k
        if toks[k + 1].text == "," and _participle(toks[k + 2]):
            return k
    return q


_MAX_PARTICIPLE_CLAUSE = 25
_CLAUSE_LEADS = frozenset(["and", "but", "so", "then", "yet", "still", "now"])
_MAX_FRONTED_TOKENS = 30


def _later_clause_subject(toks: list[Tok], colon: int) -> tuple[int, int] | None:
    """The subject of the main clause when a fronted phrase or a conjunction opens the
    sentence: "After X criticized Y during a debate, Hillary shot back, “Q”", "And then
    Trump went on the attack, saying: “Q”" (the subject after the leading "and then",
    else after the first comma within ``_MAX_FRONTED_TOKENS`` tokens)."""
    k = 0
    while k < colon and toks[k].low in _CLAUSE_LEADS:
        k += 1
    starts = [k] if k else []
    c = next((x for x in range(min(colon, _MAX_FRONTED_TOKENS)) if toks[x].text == ","), None)
    if c is not None and c + 1 < colon:
        starts.append(c + 1)
    for a in starts:
        got = _sentence_subject(toks[a:], colon - a)
        if got is not None:
            return got[0] + a, got[1] + a
    return None


def colon_intro_speaker(toks: list[Tok]) -> tuple[int, int] | None:
    """Speaker of a sentence that ends in a colon introducing the next paragraph
    ("Breitbart News described the attack as terrorism:")."""
    if len(toks) < 3 or toks[-1].text != ":":
        return None
    return _sentence_subject(toks, len(toks) - 1) or _inverted_intro(toks)


def _inverted_intro(toks: list[Tok]) -> tuple[int, int] | None:
    """ "Added Jones:", "Wrote Maria Okafor:": an invertible one-word cue (the ``inv``
    flag) opening the sentence, then only a capitalised name of one to four words."""
    n = len(toks) - 1
    entries = CUES.get(toks[0].low, ())
    if not any(e.inv and len(e.words) == 1 for e in entries) or not 2 <= n <= 5:
        return None
    if not all(t.kind == WORD and t.text[:1].isupper() for t in toks[1:n]):
        return None
    return 1, n
