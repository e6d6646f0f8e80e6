"""Pattern handlers for the constructions read before the general
``SPEAKER CUE CONTENT`` one ("according to", "as reported by", "Asked about X, ...",
"Citing new figures, the agency said ...").
"""

from __future__ import annotations

from quotewire.extract.frames.bounds import _before_frame, _clause_end
from quotewire.extract.frames.lexical import _digit_comma, _is_trailing, _main_verb
from quotewire.extract.frames.model import _Cue, Frame, _frame
from quotewire.extract.frames.phrases import right_speaker, _source_phrase
from quotewire.extract.frames.words import _OBJECT_PRONOUNS
from quotewire.extract.lexicons import _words
from quotewire.extract.tokens import PUNCT, QUOTE, WORD, Tok

_QUESTION_WORDS = _words("question_words.txt")
_MAX_FRONTED_TOKENS = 40
_SOURCE_INNER_PUNCT = frozenset("/-'().")


def _asked_frame(toks: list[Tok], cue: _Cue, limit: int, qpos: list[int]) -> Frame | None:
    """ "Asked (by NP) about X, Y said ..." / "... when asked whether X": annotators
    mark the question as content, with the asker (or no one) as its source."""
    k = cue.j
    speaker = None
    if k < limit and toks[k].low == "by":
        np = right_speaker(toks, k + 1)
        if np is None:
            return None
        speaker, k = np, np[1]
    if k < limit and toks[k].kind == WORD and _is_trailing(toks, k, limit):
        # "Asked on Monday whether ...", "Asked at a briefing in Washington about ...":
        # step over a short time/place adjunct (at most eight words) to the question.
        # Measured on PolNeAR: dev unchanged, train +9 matches (F1 +0.0004).
        x = k + 1
        while (
            x < limit
            and x - k <= 8
            and toks[x].kind == WORD
            and toks[x].low not in _QUESTION_WORDS
        ):
            x += 1
        if x < limit and x - k <= 8 and toks[x].low in _QUESTION_WORDS:
            k = x
    if k >= limit or (toks[k].low not in _QUESTION_WORDS and toks[k].low != "to"):
        return None
    end = k + 1
    while end < limit and toks[end].text not in ",;:.?!" and toks[end].kind != QUOTE:
        end += 1
    if toks[k].low == "to" and not (end < limit and toks[end].text == ","):
        # "When asked to leave, he refused": a request closed by the main clause's
        # comma is the content; unclosed ones run on ("asked to do so by police and
        # ..."). Dev +1 match (F1 +0.0003), train +3 (F1 +0.0001).
        return None
    if toks[k].low == "about":
        k += 1  # "asked about Trump's temperament": the topic, without "about"
    return _frame(toks, cue, [(k, end)], speaker, False, qpos)


def _fronted_participle(toks: list[Tok], cue: _Cue, limit: int, qpos: list[int]) -> Frame | None:
    """ "Citing new figures, the agency said ..." / "While saying that A, she ...": a
    participle clause opening the sentence; its content runs to the clause's comma and
    its speaker is the main clause's subject right after that comma (a pronoun or a
    noun phrase followed by a word)."""
    k = cue.j
    if k < limit and toks[k].low == "that":
        k += 1
    c = k
    while c < limit and c - k < _MAX_FRONTED_TOKENS and (
        toks[c].text != "," or _digit_comma(toks, c)
    ):
        if toks[c].kind == PUNCT and toks[c].text in ".;:!?":
            return None
        c += 1
    if c >= limit or toks[c].text != "," or c == k or c + 2 >= len(toks):
        return None
    np = right_speaker(toks, c + 1)
    if np is None:
        return None
    e = np[0] + 1
    while e < np[1] and not _main_verb(toks[e]):
        e += 1  # "the mayor said": the phrase stops at the main clause's verb
    if e >= len(toks) or toks[e].kind != WORD:
        return None
    return _frame(toks, cue, [(k, c)], (np[0], e), False, qpos)


def _as_reported(toks: list[Tok], cue: _Cue, limit: int, qpos: list[int]) -> Frame | None:
    """ "As reported by X, A." / "A, as first reported by X.": an "according to" with a
    passive verb. Measured on PolNeAR: dev unchanged, train +6 matches (F1 +0.0002)."""
    a = cue.i - 1
    if a >= 0 and toks[a].low == "first":
        a -= 1
    if a < 0 or toks[a].low != "as":
        return None
    np = right_speaker(toks, cue.j + 1)
    if np is None:
        return None
    if a == 0:
        if np[1] + 1 < limit and toks[np[1]].text == "," and toks[np[1] + 1].kind in (WORD, QUOTE):
            return _frame(toks, cue, [(np[1] + 1, limit)], np, False, qpos)
        return None
    if toks[a - 1].text == "," and _is_trailing(toks, np[1], limit):
        return _frame(toks, cue, [_before_frame(toks, a - 1)], np, False, qpos)
    return None


def _according_to(toks: list[Tok], cue: _Cue, limit: int, qpos: list[int]) -> Frame | None:
    n = len(toks)
    np = right_speaker(toks, cue.j)
    if np is None and cue.j < n and toks[cue.j].low in _OBJECT_PRONOUNS:
        np = (cue.j, cue.j + 1)
    wide = _source_phrase(toks, cue.j, limit)
    if wide is not None and (np is None or wide[1] > np[1]):
        np = wide
    if np is None:
        return None
    i = cue.i
    at_start = i == 0 or (toks[i - 1].kind == PUNCT and toks[i - 1].text not in ",")
    if at_start and np[1] < n and toks[np[1]].text == ",":
        return _frame(toks, cue, [(np[1] + 1, limit)], np, False, qpos)
    if at_start:
        # "According to a Reuters/Ipsos poll, A" / "According to the book and the movie,
        # A": a longer source, up to the first comma (bounded scan). Measured on
        # PolNeAR: dev +1, train +15 matches (F1 +0.0003 / +0.0005).
        c = np[1]
        while (
            c < limit
            and c - np[1] < 25
            and (toks[c].kind == WORD or toks[c].text in _SOURCE_INNER_PUNCT)
        ):
            c += 1
        if c + 1 < limit and toks[c].text == "," and toks[c + 1].kind in (WORD, QUOTE):
            return _frame(toks, cue, [(c + 1, limit)], (np[0], c), False, qpos)
    end = i - 1 if i > 0 and toks[i - 1].text == "," else i
    parts = [(0, end)]
    if np[1] + 1 < limit and toks[np[1]].text == "," and toks[np[1] + 1].kind in (WORD, QUOTE):
        # "Over the long term, according to the budget office, the rise ...": the
        # frame sits inside its content.
        parts.append((np[1] + 1, _clause_end(toks, np[1] + 1, limit)))
    return _frame(toks, cue, parts, np, False, qpos)
