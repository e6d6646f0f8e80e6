"""The learned decision over candidate statements: keep or drop each one.

The model is a logistic regression over the binary feature names of
:func:`features.candidate_features`, trained by ``make train`` (:mod:`train`) and shipped
as ``model/statements.json`` (feature name -> weight, a threshold). Inference is a
dictionary look-up per feature and numpy sums: scikit-learn is never imported here.
"""

from __future__ import annotations

import hashlib
import json
import logging
from bisect import bisect_left, bisect_right, insort
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from quotewire.extract.candidates import Candidate
from quotewire.extract.features import FEATURE_VERSION, candidate_features
from quotewire.extract.loose import ALT_ORIGINS, LOOSE_ORIGINS, alternatives, loose_candidates
from quotewire.extract.segment import Paragraph

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parent / "model"
MODEL_PATH = MODEL_DIR / "statements.json"
MANIFEST_PATH = MODEL_DIR / "manifest.json"
MODEL_SHA256 = (
    hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest() if MODEL_PATH.exists() else "missing"
)
# Two kept candidates whose contents share at least this share of the shorter one's
# characters are one statement twice: the better scored stays.
_SAME_CONTENT = 0.5
# Two kept rule candidates at different cues whose contents share at least ``share`` of
# the longer one's characters are one statement twice (a nested or neighbouring cue
# framing the same words): the less probable goes. The share is learned by the inner CV
# of ``train.fit`` (``Model.same_share``); above 1 nothing is dropped (models before it).
SHARE_OFF = 2.0
# Alternative readings of rule candidates (loose.alternatives) are off: measured, they
# lowered CV F1 (0.6887 to 0.6770, speech recall 0.851 to 0.839; docs/model.md).
_ALTERNATIVES = False


class ModelMissing(RuntimeError):
    """The shipped model file is absent (it is package data; reinstall or `make train`)."""


@dataclass(frozen=True)
class Model:
    """Weights by feature name, an intercept, and the keep thresholds on the probability
    for rule candidates and for loose ones (a loose one whose content holds a quotation
    has its own, ``quoted_threshold``; None: the loose threshold)."""

    index: Mapping[str, int]
    weights: np.ndarray
    bias: float
    rule_threshold: float
    loose_threshold: float
    feature_version: str
    # Origins the model judges; a candidate of another origin (a transcript turn, a title
    # line, a follow-on quotation) keeps the rules' decision.
    origins: frozenset[str] = frozenset()
    quoted_threshold: float | None = None
    # Kept rule candidates sharing this share of the longer content: the less probable
    # goes (see ``SHARE_OFF``).
    same_share: float = SHARE_OFF

    @cached_property
    def weight_of(self) -> dict[str, float]:
        """Each feature name's weight: one dictionary lookup per name on the hot path."""
        return {name: float(self.weights[i]) for name, i in self.index.items()}


def load_model(path: Path) -> Model:
    """The model stored at ``path`` (the JSON :mod:`train` writes)."""
    if not path.exists():
        raise ModelMissing(f"statement model not found: {path} (run `make train`)")
    data = json.loads(path.read_text(encoding="utf-8"))
    names = [name for name, _ in data["weights"]]
    weights = np.array([w for _, w in data["weights"]], dtype=np.float64)
    if data["feature_version"] != FEATURE_VERSION:
        log.warning(
            "statement model trained on features %s, code is %s: run `make train`",
            data["feature_version"],
            FEATURE_VERSION,
        )
    return Model(
        index={n: i for i, n in enumerate(names)},
        weights=weights,
        bias=float(data["bias"]),
        rule_threshold=float(data["rule_threshold"]),
        loose_threshold=float(data["loose_threshold"]),
        feature_version=data["feature_version"],
        origins=frozenset(data["origins"]),
        quoted_threshold=data.get("quoted_threshold"),
        same_share=float(data.get("same_share", SHARE_OFF)),
    )


@lru_cache(maxsize=1)
def shipped_model() -> Model:
    """The packaged model, loaded once per process."""
    return load_model(MODEL_PATH)


def candidate_pool(
    text: str, paras: tuple[Paragraph, ...], rule: list[Candidate]
) -> list[Candidate]:
    """Every candidate the model decides on: the rule candidates, then the loose ones,
    then the alternative readings of rule candidates (``parent`` indexes ``rule``, which
    leads the pool)."""
    alts = alternatives(text, paras, rule) if _ALTERNATIVES else []
    return rule + loose_candidates(text, paras, rule) + alts


def probabilities(model: Model, feats: list[tuple[str, ...]]) -> np.ndarray:
    """P(keep) of each candidate from its feature names."""
    weight = model.weight_of
    sums: list[float] = []
    for names in feats:
        # Added in the order of the names, from 0.0, as numpy's bincount over the same
        # (row, weight) pairs did: the same floats, bit for bit.
        acc = 0.0
        for name in names:
            w = weight.get(name)
            if w is not None:
                acc += w
        sums.append(acc)
    z = np.full(len(feats), model.bias)
    z += np.asarray(sums, dtype=np.float64)
    return 1.0 / (1.0 + np.exp(-z))


def decide(
    model: Model, text: str, paras: tuple[Paragraph, ...], rule: list[Candidate]
) -> list[Candidate]:
    """The candidates ``model`` keeps, best first among near-duplicates, in pool order."""
    pool = candidate_pool(text, paras, rule)
    if not pool:
        return []
    p = judged(model, pool, candidate_features(text, paras, pool))
    starts = [para.start for para in paras]
    return select(
        pool,
        p,
        model.rule_threshold,
        model.loose_threshold,
        starts,
        quoted_t=model.quoted_threshold,
        share=model.same_share,
    )


def judged(model: Model, pool: list[Candidate], feats: list[tuple[str, ...]]) -> np.ndarray:
    """P(keep) of each candidate; 1 for a candidate whose origin the model does not judge."""
    p = probabilities(model, feats)
    for k, c in enumerate(pool):
        if c.origin not in model.origins:
            p[k] = 1.0
    return p


def select(
    pool: list[Candidate],
    p: np.ndarray,
    rule_t: float,
    loose_t: float,
    starts: Sequence[int] = (),
    quoted_t: float | None = None,
    share: float = SHARE_OFF,
) -> list[Candidate]:
    """The kept candidates, in ``pool`` order.

    A rule candidate stays when ``p >= rule_t``, read as its most probable alternative
    (:func:`loose.alternatives`) when that one is more probable than the rule's own
    reading, and when its content is not nearly (``share`` of the longer) that of a more
    probable rule candidate kept (:func:`_distinct`). A loose one (:mod:`loose`) stays
    when ``p >= loose_t`` (``quoted_t`` when its content holds a quotation and ``quoted_t``
    is given) and its content is not (nearly) that of a candidate already kept, in
    :func:`_loose_order`. Rule candidates are never displaced by loose ones: they carry
    the speech recall the rules reached. ``starts`` (sorted paragraph starts) only narrows
    which kept candidates a loose one is compared with (those sharing one of its
    paragraphs), so long articles stay near linear; the result is the same.
    """
    best: dict[int, int] = {}
    for k, c in enumerate(pool):
        if c.origin in ALT_ORIGINS and p[k] > p[best.get(c.parent, c.parent)]:
            best[c.parent] = k
    ruled = [
        best.get(k, k)
        for k in range(len(pool))
        if pool[k].origin not in LOOSE_ORIGINS
        and pool[k].origin not in ALT_ORIGINS
        and p[k] >= rule_t
    ]
    kept = _distinct(pool, p, ruled, share)
    by_para: dict[int, list[int]] = {}
    for k in kept:
        for x in _paras_of(pool[k], starts):
            by_para.setdefault(x, []).append(k)
    quoted_t = loose_t if quoted_t is None else quoted_t
    loose = [
        k
        for k in range(len(pool))
        if pool[k].origin in LOOSE_ORIGINS
        and p[k] >= (quoted_t if pool[k].frame.quoted else loose_t)
    ]
    for k in _loose_order(pool, p, loose):
        a, b = pool[k].frame.content[0][0], pool[k].frame.content[-1][1]
        near = {x for q in _paras_of(pool[k], starts) for x in by_para.get(q, ())}
        if any(_same(a, b, pool[x]) for x in near):
            continue
        kept.append(k)
        for x in _paras_of(pool[k], starts):
            by_para.setdefault(x, []).append(k)
    return [pool[k] for k in sorted(kept)]


def _loose_order(pool: list[Candidate], p: np.ndarray, loose: list[int]) -> list[int]:
    """The order in which the loose candidates ``loose`` claim their content: the readings
    of one cue word together, the cue with the most probable reading first; within a cue,
    a wholly quoted reading first (the quotation is the statement's own words, and a longer
    reading of the same cue runs past it: "would denounce | “self-deportation,” as ..."),
    then the more probable. 5-fold CV on train: direct recall 0.9697 to 0.9704, speech
    0.8720 to 0.8722, F1 0.7102 unchanged (docs/model.md)."""
    best: dict[int, float] = {}
    for k in loose:
        cue = pool[k].frame.cue_start
        best[cue] = max(best.get(cue, 0.0), float(p[k]))

    def key(k: int) -> tuple:
        f = pool[k].frame
        return (-best[f.cue_start], f.cue_start, not f.direct, -p[k], k)

    return sorted(loose, key=key)


def _distinct(pool: list[Candidate], p: np.ndarray, ruled: list[int], share: float) -> list[int]:
    """The rule candidates of ``ruled`` that stay, the more probable first: one whose
    content shares ``share`` of the longer content with one already kept at another cue
    is the same statement framed twice, and goes, unless it is a direct quotation (they
    carry the direct recall)."""
    kept: list[int] = []
    by_start: list[tuple[int, int]] = []  # (content start, index) of the kept, sorted
    for k in sorted(ruled, key=lambda k: (-p[k], k)):
        fr = pool[k].frame
        if share <= 1.0 and not fr.direct and _framed_twice(pool, k, share, by_start):
            continue
        kept.append(k)
        insort(by_start, (fr.content[0][0], k))
    return kept


def _framed_twice(pool: list[Candidate], k: int, share: float, by_start: list[tuple[int, int]]) -> bool:
    """Whether a kept candidate of ``by_start`` at another cue than ``pool[k]``'s shares
    ``share`` of the longer of their contents with it. Only contents starting within
    ``L * (1 - share) / share`` before ``pool[k]``'s or ``L * (1 - share)`` after it (L its
    length) can: only those are compared, so a paragraph of thousands of frames
    (bench/hostile.py's "1 MB of said") is not compared pair by pair."""
    fr = pool[k].frame
    a, b = fr.content[0][0], fr.content[-1][1]
    n = b - a
    lo = bisect_left(by_start, (a - int(n * (1 - share) / share) - 1, -1))
    hi = bisect_right(by_start, (a + int(n * (1 - share)) + 1, len(pool)))
    return any(
        pool[x].frame.cue_start != fr.cue_start and _shared(a, b, pool[x]) >= share
        for _, x in by_start[lo:hi]
    )


def _paras_of(c: Candidate, starts: Sequence[int]) -> range:
    """Indices of the paragraphs ``c``'s content touches (all in one when no starts)."""
    if not starts:
        return range(1)
    a, b = c.frame.content[0][0], c.frame.content[-1][1]
    return range(bisect_right(starts, a) - 1, bisect_right(starts, max(a, b - 1)))


def _overlap(a: int, b: int, other: Candidate) -> tuple[int, int]:
    """The characters ``(a, b)`` and ``other``'s content have in common (<= 0: none), and
    the length of that content (first fragment's start to last fragment's end)."""
    s, e = other.frame.content[0][0], other.frame.content[-1][1]
    return min(b, e) - max(a, s), e - s


def _shared(a: int, b: int, other: Candidate) -> float:
    """The share of the longer of ``(a, b)`` and ``other``'s content that both cover."""
    inter, n = _overlap(a, b, other)
    return inter / max(b - a, n, 1) if inter > 0 else 0.0


def _same(a: int, b: int, other: Candidate) -> bool:
    inter, n = _overlap(a, b, other)
    return inter > 0 and inter >= _SAME_CONTENT * min(b - a, n)
