"""A quotation attributed by a verb the cue lexicon does not list: '“Go home,” the
man barked.', '“Not again!” beamed a delegate.' A sentence that is a quotation closed
by a comma (or a question or exclamation mark), then a short subject and a past-tense
verb (or the verb and its subject), and nothing more than an adjunct, reads as an
attribution whatever the verb: the layout carries it. Used only for sentences in which
no listed cue framed anything.
"""

from __future__ import annotations

from quotewire.extract.frames.lexical import _comma_before, _is_trailing, _long_quote
from quotewire.extract.frames.model import Frame
from quotewire.extract.frames.phrases import right_speaker
from quotewire.extract.frames.words import _CUE_WORDS, _IRREGULAR_PAST, _PREDICATE_AUX
from quotewire.extract.lexicons import DETERMINERS, FUNCTION_WORDS, PRONOUNS
from quotewire.extract.tokens import PUNCT, QUOTE, WORD, Tok

# A subject between the quotation and the verb is short: "the man", "Sen. Ann Lee".
_MAX_SUBJECT_TOKENS = 5
_SUBJECT_PRONOUNS = frozenset(["he", "she", "they", "i", "we"])


def _closes_utterance(t: Tok) -> bool:
    """A quotation token whose words end in a comma, "?" or "!" inside the marks."""
    inner = t.text.rstrip("\"'\u201d\u2019\u00bb ")
    return _comma_before(t) or inner[-1:] in ("?", "!")


def _past_verb(t: Tok) -> bool:
    low = t.low
    return (
        t.kind == WORD
        and t.text.islower()
        and (low.endswith("ed") or low in _IRREGULAR_PAST)
        and low not in _PREDICATE_AUX
    )


def _subject_before(toks: list[Tok], a: int, v: int) -> bool:
    """Tokens [a, v) are a short subject: a pronoun, a determiner and words, or
    capitalised name words."""
    if not 0 < v - a <= _MAX_SUBJECT_TOKENS:
        return False
    words = toks[a:v]
    if any(t.kind != WORD for t in words if t.text != "."):
        return False
    first = words[0]
    if v - a == 1 and first.low in _SUBJECT_PRONOUNS:
        return True
    if first.low in DETERMINERS and first.low not in ("that", "this"):
        return all(t.low not in FUNCTION_WORDS and t.low not in PRONOUNS for t in words[1:])
    return all(t.text[:1].isupper() for t in words if t.kind == WORD)


def unlisted_verb_frames(toks: list[Tok]) -> list[Frame]:
    """The frame of '“Q,” SUBJECT VERBED (adjunct).' or '“Q,” VERBED SUBJECT.' when
    the verb is no listed cue; [] otherwise. The quotation opens the sentence or
    follows a colon."""
    n = len(toks)
    # The quotation opens the sentence, or follows the writer's colon ("Then came the
    # plea: “Q,” exhorted X.").
    q = 2 if n > 4 and toks[1].text == ":" and toks[2].kind == QUOTE else 0
    if q == 0:
        q = next((x + 1 for x in range(1, min(n - 2, 30)) if toks[x].text == ":"), 0)
        q = q if q and toks[q].kind == QUOTE else 0
    if n - q < 3 or toks[q].kind != QUOTE or not _closes_utterance(toks[q]):
        return []
    if not (_long_quote(toks[q]) or _exclaims(toks[q])):
        return []
    a = q + 1
    for v in range(a, min(n, a + _MAX_SUBJECT_TOKENS + 1)):
        t = toks[v]
        if t.kind != WORD and t.text != ".":
            return []
        if not _past_verb(t) or t.low in _CUE_WORDS:
            continue
        if v > a and _subject_before(toks, a, v):
            rest = v + 1
            if rest < n and toks[rest].text.islower() and toks[rest].low in ("back", "out", "up"):
                rest += 1  # "shot back", "cried out"
            if rest + 1 < n and toks[rest].text == "," and toks[rest + 1].kind == QUOTE:
                # '“A,” the judge exclaimed, “B.”': the split quotation's second part
                return [_frame(toks, q, v, rest, (a, v), rest + 1)]
            if _is_trailing(toks, rest, n) or toks[rest].low in FUNCTION_WORDS:
                return [_frame(toks, q, v, rest, (a, v))]
            return []
        if v == a:
            np = right_speaker(toks, a + 1)
            if np is not None and _is_trailing(toks, np[1], n):
                return [_frame(toks, q, a, a + 1, np)]
            return []
    return []


def _exclaims(t: Tok) -> bool:
    """ "“Mexico!”", "“Never?”": a one-word shout or question is an utterance too."""
    return t.text.rstrip("\"'\u201d\u2019\u00bb ")[-1:] in ("!", "?")


def _frame(
    toks: list[Tok], qi: int, v: int, e: int, spk: tuple[int, int], q2: int | None = None
) -> Frame:
    q = toks[qi]
    parts = ((q.start, q.end),)
    if q2 is not None:
        parts += ((toks[q2].start, toks[q2].end),)
    return Frame(
        toks[v].start,
        toks[e - 1].end,
        "speech",
        parts,
        (toks[spk[0]].start, toks[spk[1] - 1].end),
        False,
        True,
        True,
    )
