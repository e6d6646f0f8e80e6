"""Features of candidate statements: one code path for training and inference.

Each candidate becomes a tuple of binary feature names ("cue=said", "kind=direct|o=frame"):
which step proposed it, the cue and its neighbours, the speaker's form, the content's
length, edges and quotation marks, its place in the paragraph, its overlaps with
the other candidates of the article, and the attribution it is nested in or holds ("X
told reporters he wants Z": which of two nested cues frames the statement). The model
(:mod:`decide`) maps names to weights; unseen names weigh nothing.

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
from quotewire.extract.loose import LEXICON_FILES
from quotewire.extract.segment import Paragraph

_HERE = Path(__file__).resolve().parent
FEATURE_VERSION = hashlib.sha256(
    b"".join(
        (_HERE / name).read_bytes()
        for name in ("features.py", "loose.py", *("lexicons/" + f for f in LEXICON_FILES))
    )
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
    # of candidates (hostile input) stays n log n. Alternative readings are left out
    # of the counts, so a rule candidate's overlaps mean what they meant without them.
    base = [k for k, c in enumerate(cands) if c.parent < 0]
    starts = sorted(spans[k][0] for k in base)
    ends = sorted(spans[k][1] for k in base)
    cue_starts = sorted(cands[k].frame.cue_start for k in base)
    starts_list = [p.start for p in paras]
    by_start = sorted(base, key=lambda j: (spans[j][0], j))
    nest_starts = [spans[j][0] for j in by_start]
    by_cue = sorted(base, key=lambda j: (cands[j].frame.cue_start, j))
    out = []
    for k, c in enumerate(cands):
        a, b = spans[k]
        cs = c.frame.cue_start
        # spans with start < b and end > a, less this one
        overlaps = bisect_left(starts, b) - bisect_right(ends, a) - 1
        own = 1 if a <= cs < b and c.parent < 0 else 0
        holds_cue = bisect_left(cue_starts, b) - bisect_left(cue_starts, a) - own > 0
        # spans with start <= cs < end, less this one
        cue_inside = bisect_right(starts, cs) - bisect_right(ends, cs) - own > 0
        pk = bisect_right(starts_list, a) - 1
        para = paras[pk] if pk >= 0 else None
        feats = _one(text, para, c, overlaps, holds_cue, cue_inside)
        # Looked for only where the counts above found one (most candidates stand alone).
        outer = _outer(cands, spans, (by_start, nest_starts), k) if cue_inside else None
        inner = _inner(cands, by_cue, cue_starts, k, spans[k]) if holds_cue else None
        feats += _nesting(text, c, outer) + _holding(text, c, inner)
        if c.parent >= 0:
            feats += _alternative(text, c, cands[c.parent], spans[c.parent])
        out.append(feats)
    return out


_NEST_LOOKBACK = 12  # containing spans looked for among the nearest starts: stays linear


def _outer(
    cands: list[Candidate],
    spans: list[tuple[int, int]],
    order: tuple[list[int], list[int]],
    k: int,
) -> Candidate | None:
    """The candidate whose content holds ``cands[k]``'s cue (the shortest such), or None:
    the attribution this one is nested in ("X said Y believes Z")."""
    by_start, nest_starts = order
    cs = cands[k].frame.cue_start
    x = bisect_right(nest_starts, cs)
    best = None
    for j in by_start[max(0, x - _NEST_LOOKBACK) : x][::-1]:
        a, b = spans[j]
        if j != k and a <= cs < b and (best is None or b - a < spans[best][1] - spans[best][0]):
            best = j
    return cands[best] if best is not None else None


def _inner(
    cands: list[Candidate], by_cue: list[int], cue_starts: list[int], k: int, span: tuple[int, int]
) -> Candidate | None:
    """The first other candidate whose cue lies inside ``cands[k]``'s content, or None."""
    x = bisect_left(cue_starts, span[0])
    for j in by_cue[x : x + 3]:
        if j != k and cands[j].frame.cue_start < span[1]:
            return cands[j]
    return None


def _holding(text: str, c: Candidate, inner: Candidate | None) -> tuple[str, ...]:
    """What a candidate holds of another's attribution: the two cue classes, the inner
    cue's stem and whether the inner speaker opens the content ("X says Y promised")."""
    if inner is None:
        return ("held=0",)
    fr = inner.frame
    at = inner.speaker[0] if inner.speaker is not None else fr.cue_start
    head = int(at <= c.frame.content[0][0] + 1)
    stem = _stem(_SPACE.sub(" ", text[fr.cue_start : fr.cue_end].lower()).split(" ")[0])
    return (
        "held=%s|%s" % (c.frame.cue_class, fr.cue_class),
        "held|icue|cls=%s|%s" % (stem, c.frame.cue_class),
        "held|head|o=%d|%s" % (head, inner.origin),
    )


def _nesting(text: str, c: Candidate, outer: Candidate | None) -> tuple[str, ...]:
    """How a candidate sits inside another's content: the two cue classes, the outer
    cue's stem, the inner speaker's form and the word before it (a "that" or a
    relative pronoun reports the outer's words; a comma or "and" starts a clause)."""
    if outer is None:
        return ("nest=0",)
    fr = c.frame
    at = c.speaker[0] if c.speaker is not None and c.speaker[1] <= fr.cue_start else fr.cue_start
    before = _word_class(_word_before(text, at, outer.frame.content[0][0]))
    form = _speaker_form(text, c.speaker)[0]
    form = "pron" if form.startswith("pron") else form
    ocue = _stem(_SPACE.sub(" ", text[outer.frame.cue_start : outer.frame.cue_end].lower()))
    head = int(outer.frame.content[0][0] >= at - 1)
    return (
        "nest=%s|%s" % (outer.frame.cue_class, fr.cue_class),
        "nest|o=%s|%s" % (outer.origin, c.origin),
        "nest|ocue=" + ocue,
        "nest|spk|cls=%s|%s" % (form, fr.cue_class),
        "nest|pre|cls=%s|%s" % (before, fr.cue_class),
        "nest|head|cls=%d|%s" % (head, fr.cue_class),
    )


def _alternative(
    text: str, c: Candidate, parent: Candidate, pspan: tuple[int, int]
) -> tuple[str, ...]:
    """Features of an alternative reading against its rule candidate's: the share of
    the rule's content it keeps, and the mark or word where it cuts."""
    a, b = c.frame.content[0][0], c.frame.content[-1][1]
    share = (b - a) / max(1, pspan[1] - pspan[0])
    cut = _word_after(text, b, pspan[1])
    cue = _SPACE.sub(" ", text[c.frame.cue_start : c.frame.cue_end].lower())
    return (
        "alt|share=%s|%d" % (c.origin, min(int(share * 5), 4)),
        "alt|cut=%s|%s" % (c.origin, cut),
        "alt|cue=%s|%s" % (c.origin, cue),
        "alt|cls|cut=%s|%s" % (parent.frame.cue_class, cut),
    )


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
    lcls, rcls = _word_class(left), _word_class(right)
    pre = _word_before(text, a, pa)
    cap = "cap" if text[fr.cue_start : fr.cue_start + 1].isupper() else "low"
    pidx = min(c.paragraph, 3)
    feats: list[str] = [
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
        "wlc|wrc=%s|%s" % (lcls, rcls),
        "cue|wlc=%s|%s" % (cue, lcls),
        "cue|wrc=%s|%s" % (cue, rcls),
        "cue|spk=%s|%s" % (cue, form if form != "cap" else "cap"),
        "cuecap|o=%s|%s" % (cap, c.origin),
        "pre=" + pre,
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
        "note=" + c.note,
        "note|o=%s|%s" % (c.note, c.origin),
        # Conjunctions: a linear model sees pairs only when named.
        "cue|kind=%s|%s" % (cue, kind),
        "cue|cpos=%s|%s" % (cue, cpos),
        "cue|wr=%s|%s" % (cue, right),
        "cue|len=%s|%d" % (cue, length),
        "o|kind|cpos=%s|%s|%s" % (c.origin, kind, cpos),
        "kind|len=%s|%d" % (kind, length),
        "spk|cls=%s|%s" % (form, fr.cue_class),
        "o|spk=%s|%s" % (c.origin, form),
        "cpos|pre=%s|%s" % (cpos, pre),
    ]
    feats += _extra(text, c, cue, first, a, b)
    return tuple(feats)


_FINITE = frozenset(["is", "are", "was", "were", "has", "have", "had", "will", "would", "could",
                     "should", "may", "might", "can", "must", "does", "did", "do"])
_SUFFIXES = ("ing", "ed", "es", "s", "d")


def _stem(word: str) -> str:
    """A crude stem, so the forms of a rare cue share a weight ("endorse|d|s|ing")."""
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            return word[: -len(suf)].rstrip("e")
    return word.rstrip("e")


def _extra(text: str, c: Candidate, cue: str, first: str, a: int, b: int) -> list[str]:
    """Features that separate right and wrong loose readings: the cue's stem, whether
    the content holds a finite verb, and how far the speaker stands from the cue."""
    stem = _stem(cue.split(" ")[0])
    words = [w.lower() for w in _WORD.findall(text, a, min(b, a + 120))][:12]
    fin = int(any(w in _FINITE for w in words) or any(w.endswith("n't") for w in words))
    fwc = _word_class(first)
    sgap = -1
    if c.speaker is not None and c.speaker[1] <= c.frame.cue_start:
        sgap = _bucket(c.frame.cue_start - c.speaker[1], (2, 3, 8, 20, 50))
    return [
        "cstem=" + stem,
        "cstem|o=%s|%s" % (stem, c.origin),
        "fin|o=%d|%s" % (fin, c.origin),
        "fin|cls=%d|%s" % (fin, c.frame.cue_class),
        "sgap|o=%d|%s" % (sgap, c.origin),
        "o|fwc=%s|%s" % (c.origin, fwc),
        # How a generator found the speaker (note) weighs differently per cue and form.
        "note|cstem=%s|%s" % (c.note, stem),
        "note|fwc=%s|%s" % (c.note, fwc),
        "note|fin=%s|%d" % (c.note, fin),
    ]
