"""Features of candidate statements: one code path for training and inference.

Each candidate becomes a tuple of binary feature names ("cue=said", "kind=direct|o=frame"):
which step proposed it, the cue and its neighbours, the speaker's form, the content's
length, edges and quotation marks, its place in the paragraph, and its overlaps with
the other candidates of the article. The model (:mod:`decide`) maps names to weights;
unseen names weigh nothing.

``FEATURE_VERSION`` hashes this module's source and the loose candidate generator's:
the shipped model records the version it was trained on, and a test fails when they
differ (the feature code changed without a retrain).
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from pathlib import Path

from quotewire.extract.candidates import Candidate
from quotewire.extract.lexicons import PRONOUNS
from quotewire.extract.segment import Paragraph

_HERE = Path(__file__).resolve().parent
FEATURE_VERSION = hashlib.sha256(
    b"".join((_HERE / name).read_bytes() for name in ("features.py", "loose.py"))
).hexdigest()[:16]

_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_SPACE = re.compile(r"\s+")
# Content length in words, in buckets (a length is a weak signal per word).
_LENGTH_EDGES = (1, 2, 3, 4, 6, 9, 14, 22, 35, 60)
_GAP_EDGES = (0, 1, 2, 3, 6, 12, 30)
_QUOTE_MARKS = frozenset('"\u201c\u201d\u2018\u2019\u00ab\u00bb')


def _bucket(n: int, edges: tuple[int, ...]) -> int:
    """Index of the first edge above ``n`` (``len(edges)`` past the last)."""
    return bisect_right(edges, n)


def _word_before(text: str, pos: int, floor: int) -> str:
    """The lower-cased word or punctuation mark ending before ``pos`` (not before ``floor``)."""
    k = pos
    while k > floor and text[k - 1].isspace():
        k -= 1
    if k <= floor:
        return "^"
    if not text[k - 1].isalnum():
        return text[k - 1]
    a = k
    while a > floor and (text[a - 1].isalnum() or text[a - 1] in "'\u2019"):
        a -= 1
    return text[a:k].lower()


def _word_after(text: str, pos: int, ceil: int) -> str:
    """The lower-cased word or punctuation mark starting at or after ``pos``."""
    k = pos
    while k < ceil and text[k].isspace():
        k += 1
    if k >= ceil:
        return "$"
    if not text[k].isalnum():
        return text[k]
    b = k
    while b < ceil and (text[b].isalnum() or text[b] in "'\u2019"):
        b += 1
    return text[k:b].lower()


_DETERMINERS = frozenset(["the", "a", "an", "this", "that", "these", "those", "his", "her", "their",
                          "its", "our", "my", "your"])
_AUXILIARIES = frozenset(["is", "are", "was", "were", "be", "been", "has", "have", "had", "do",
                          "does", "did", "will", "would", "could", "should", "may", "might", "can",
                          "must", "not", "also", "to"])


def _word_class(w: str) -> str:
    """A coarse class of a neighbour word: the part of speech a parser would use."""
    if w in _DETERMINERS or w in _AUXILIARIES or w in ("that", "to", "for", "of", "on", "in"):
        return w
    if w in PRONOUNS:
        return "pron"
    if not w[:1].isalnum():
        return "punct:" + w
    if w.endswith("'s") or w.endswith("\u2019s"):
        return "poss"
    return "word"


def _speaker_form(text: str, span: tuple[int, int] | None) -> tuple[str, str, int]:
    """(form, head word, word count): form is none, a pronoun, capitalised or lower."""
    if span is None:
        return "none", "", 0
    words = _WORD.findall(text, span[0], span[1])
    if not words:
        return "empty", "", 0
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return "pron:" + words[0].lower(), words[0].lower(), 1
    form = "cap" if words[0][:1].isupper() else "low"
    return form, words[-1].lower(), len(words)


def candidate_features(
    text: str, paras: tuple[Paragraph, ...], cands: list[Candidate]
) -> list[tuple[str, ...]]:
    """The feature names of each candidate of one article, in ``cands`` order.

    Pure and deterministic; reads only ``text``, the paragraphs and the candidates.
    """
    spans = [(c.frame.content[0][0], c.frame.content[-1][1]) for c in cands]
    # Sorted edges: each count below is two bisections, so an article with thousands
    # of candidates (hostile input) stays n log n.
    starts = sorted(a for a, _ in spans)
    ends = sorted(b for _, b in spans)
    cue_starts = sorted(c.frame.cue_start for c in cands)
    starts_list = [p.start for p in paras]
    out = []
    for k, c in enumerate(cands):
        a, b = spans[k]
        cs = c.frame.cue_start
        # spans with start < b and end > a, less this one
        overlaps = bisect_left(starts, b) - bisect_right(ends, a) - 1
        own = 1 if a <= cs < b else 0
        holds_cue = bisect_left(cue_starts, b) - bisect_left(cue_starts, a) - own > 0
        # spans with start <= cs < end, less this one
        cue_inside = bisect_right(starts, cs) - bisect_right(ends, cs) - own > 0
        pk = bisect_right(starts_list, a) - 1
        para = paras[pk] if pk >= 0 else None
        out.append(_one(text, para, c, overlaps, holds_cue, cue_inside))
    return out


def _one(
    text: str,
    para: Paragraph | None,
    c: Candidate,
    overlaps: int,
    holds_cue: bool,
    cue_inside: bool,
) -> tuple[str, ...]:
    """Feature names of one candidate (see :func:`candidate_features`)."""
    fr = c.frame
    a, b = fr.content[0][0], fr.content[-1][1]
    pa, pb = (para.start, para.end) if para is not None else (0, len(text))
    cue = _SPACE.sub(" ", text[fr.cue_start : fr.cue_end].lower())
    kind = "direct" if fr.direct else "mixed" if fr.quoted else "indirect"
    cpos = "after" if a >= fr.cue_end else "before" if b <= fr.cue_start else "around"
    gap = a - fr.cue_end if cpos == "after" else fr.cue_start - b if cpos == "before" else 0
    form, head, nspk = _speaker_form(text, c.speaker)
    spos = "none"
    if c.speaker is not None:
        spos = "before" if c.speaker[1] <= fr.cue_start else "after"
    nwords = sum(len(_WORD.findall(text, s, e)) for s, e in fr.content)
    length = _bucket(nwords, _LENGTH_EDGES)
    first = _word_after(text, a, b)
    last = text[b - 1] if b > a else "$"
    right = _word_after(text, fr.cue_end, pb)
    left = _word_before(text, fr.cue_start, pa)
    cap = "cap" if text[fr.cue_start : fr.cue_start + 1].isupper() else "low"
    pidx = min(c.paragraph, 3)
    feats = [
        "bias",
        "o=" + c.origin,
        "cls=" + fr.cue_class,
        "cue=" + cue,
        "kind=" + kind,
        "cpos=" + cpos,
        "gap=%d" % _bucket(gap, _GAP_EDGES),
        "spk=" + form,
        "spkh=" + head,
        "spkn=%d" % min(nspk, 6),
        "spos=" + spos,
        "len=%d" % length,
        "nspan=%d" % min(len(fr.content), 3),
        "wl=" + left,
        "wr=" + right,
        "wlc|wrc=%s|%s" % (_word_class(left), _word_class(right)),
        "cue|wlc=%s|%s" % (cue, _word_class(left)),
        "cue|wrc=%s|%s" % (cue, _word_class(right)),
        "cue|spk=%s|%s" % (cue, form if form != "cap" else "cap"),
        "cuecap|o=%s|%s" % (cap, c.origin),
        "pre=" + _word_before(text, a, pa),
        "post=" + _word_after(text, b, pb),
        "first=" + first,
        "last=" + (last if not last.isalnum() else "w"),
        "para=%d" % pidx,
        "pstart=%d" % (a == pa or (a == pa + 1 and text[pa] in _QUOTE_MARKS)),
        "pend=%d" % (pb - b <= 2),
        "ovl=%d" % min(overlaps, 3),
        "holdscue=%d" % holds_cue,
        "cueinside=%d" % cue_inside,
        "qmark=%d" % ("?" in text[a:b]),
        "inh=%d" % fr.inherits,
        "turn=%d" % c.turn,
        # Conjunctions: a linear model sees pairs only when named.
        "cue|kind=%s|%s" % (cue, kind),
        "cue|cpos=%s|%s" % (cue, cpos),
        "cue|wr=%s|%s" % (cue, right),
        "cue|len=%s|%d" % (cue, length),
        "o|kind|cpos=%s|%s|%s" % (c.origin, kind, cpos),
        "kind|len=%s|%d" % (kind, length),
        "spk|cls=%s|%s" % (form, fr.cue_class),
        "o|spk=%s|%s" % (c.origin, form),
        "cpos|pre=%s|%s" % (cpos, _word_before(text, a, pa)),
    ]
    return tuple(feats)
