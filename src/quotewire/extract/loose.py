"""Looser candidate generators: attributions the precise rules leave out.

Each generator over-generates on purpose; the model (:mod:`decide`) keeps or drops
each candidate. They read the paragraphs and the rule candidates, never change them.

``SUBJECT CUE CONTENT`` at a cue word the rules framed nothing for: a verb or noun of
speech, belief, intention or evidence ("Economists believe this provides ...", "The
poll showed Trump leading ..."), from ``lexicons/loose_cues.txt`` plus the rule cue
words. The content runs from past the cue (and a "that") either to the sentence end or
to the first clause break; both are proposed, the model picks. With the subject before
a comma ("CONTENT, analysts believe."), the words before it are proposed as content.
"""

from __future__ import annotations

import re

from quotewire.extract.candidates import Candidate
from quotewire.extract.frames import Frame, left_speaker
from quotewire.extract.lexicons import CUES, _words
from quotewire.extract.segment import Paragraph, sentences
from quotewire.extract.tokens import PUNCT, QUOTE, WORD, Tok, tokenize

ORIGIN_AFTER = "loose-after"  # content to the sentence end
ORIGIN_CLAUSE = "loose-clause"  # content to the first clause break
ORIGIN_BEFORE = "loose-before"  # content before ", SPEAKER CUE"
LOOSE_ORIGINS = (ORIGIN_AFTER, ORIGIN_CLAUSE, ORIGIN_BEFORE)

LOOSE_CUES = _words("loose_cues.txt") | frozenset(CUES)
_WORDS = re.compile(r"[a-z]+")
_SKIP_AFTER_CUE = frozenset(["that", ",", ":"])
_CLAUSE_BREAKS = frozenset([",", ";", "\u2014", "\u2013", "(", ":"])
_MIN_CONTENT_TOKENS = 2
_MAX_WINDOW_TOKENS = 200
# Real paragraphs give at most 18 loose candidates (PolNeAR train); the cap keeps the
# model's near-duplicate check linear on hostile input (one paragraph of cue words).
_MAX_PER_PARAGRAPH = 60


def _next_breaks(toks: list[Tok]) -> list[int]:
    """Per token, the index of the first clause break after it (``len(toks)`` if none)."""
    out = [len(toks)] * len(toks)
    nxt = len(toks)
    for k in range(len(toks) - 1, -1, -1):
        out[k] = nxt
        if toks[k].text in _CLAUSE_BREAKS:
            nxt = k
    return out


def loose_candidates(
    text: str, paras: tuple[Paragraph, ...], rule: list[Candidate]
) -> list[Candidate]:
    """Extra candidates for ``text`` at cue words no rule candidate uses as its cue.

    Refuses cue words inside a quotation (one opaque token) and contents shorter than
    two tokens.
    """
    taken = {c.frame.cue_start for c in rule}
    out: list[Candidate] = []
    for pi, para in enumerate(paras):
        chunk = text[para.start : para.end].lower()
        if LOOSE_CUES.isdisjoint(_WORDS.findall(chunk)):
            continue
        quotes = para.quotes
        if para.open_quote is not None:
            quotes = quotes + ((para.open_quote, para.end),)
        here: list[Candidate] = []
        for ss, se in sentences(text, para.start, para.end, quotes):
            if len(here) >= _MAX_PER_PARAGRAPH:
                break
            if LOOSE_CUES.isdisjoint(_WORDS.findall(text[ss:se].lower())):
                continue
            toks = tokenize(text, ss, se, quotes)
            # Windows of bounded length keep hostile input (no full stop) linear.
            for a in range(0, len(toks), _MAX_WINDOW_TOKENS):
                window = toks[a : a + _MAX_WINDOW_TOKENS]
                breaks = _next_breaks(window)
                for i, t in enumerate(window):
                    if t.kind == WORD and t.low in LOOSE_CUES and t.start not in taken:
                        here.extend(_at_cue(window, breaks, i, pi))
        out.extend(here[:_MAX_PER_PARAGRAPH])
    return out


def _at_cue(toks: list[Tok], breaks: list[int], i: int, pi: int) -> list[Candidate]:
    """The candidates of the cue word at token ``i`` (see the module docstring).
    Refuses a cue with no subject before it, or a passive one ("She was told")."""
    cue = toks[i]
    found = left_speaker(toks, i)
    if found is None or found[2]:
        # Without a speaker the statement is half found (measured: speaker-span
        # accuracy fell from 0.934 to 0.877 on train with speakerless candidates).
        return []
    entries = CUES.get(cue.low, ())
    cls = entries[0].cue_class if entries else "other"
    speaker = (toks[found[0]].start, toks[found[1] - 1].end)
    out = []
    k = i + 1
    while k < len(toks) and toks[k].low in _SKIP_AFTER_CUE:
        k += 1
    last = len(toks) - 1
    while last >= k and toks[last].kind == PUNCT:
        last -= 1
    if last - k + 1 >= _MIN_CONTENT_TOKENS:
        out.append(_candidate(cue, cls, toks, k, last, speaker, pi, ORIGIN_AFTER))
        brk = breaks[k] if k < len(toks) else len(toks)
        if brk < last and brk - k >= _MIN_CONTENT_TOKENS:
            out.append(_candidate(cue, cls, toks, k, brk - 1, speaker, pi, ORIGIN_CLAUSE))
    if found[0] >= 2 and toks[found[0] - 1].text == ",":
        end = found[0] - 2
        if end + 1 >= _MIN_CONTENT_TOKENS:
            out.append(_candidate(cue, cls, toks, 0, end, speaker, pi, ORIGIN_BEFORE))
    return out


def _candidate(
    cue: Tok,
    cls: str,
    toks: list[Tok],
    a: int,
    b: int,
    speaker: tuple[int, int],
    pi: int,
    origin: str,
) -> Candidate:
    """A candidate whose content is tokens ``a..b`` (inclusive)."""
    inner = toks[a : b + 1]
    quoted = any(t.kind == QUOTE for t in inner)
    direct = all(t.kind == QUOTE or t.kind == PUNCT for t in inner) and quoted
    frame = Frame(
        cue.start,
        cue.end,
        cls,
        ((toks[a].start, toks[b].end),),
        speaker,
        False,
        quoted,
        direct,
    )
    return Candidate(frame, speaker, pi, origin=origin)
