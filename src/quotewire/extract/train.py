"""Train the statement model: ``python -m quotewire.extract.train`` (``make train``).

Reads the PolNeAR train split, labels each candidate of the pool (rules + loose
generators) by whether it matches a gold attribution (word-token overlap of at least
half both ways, as the shared scorer counts), and fits a regularised logistic
regression on the feature names of :mod:`features`. Five-fold cross-validation by
document scores the full pipeline (rules + model) on each held-out fold with the shared
scorer, the rules alone beside it; then the model is fitted on all of train and written
with its manifest. Deterministic: folds from document-id hashes, sorted vocabularies,
fixed float formatting, no timestamps; two runs write the same bytes.

Needs scikit-learn (the ``train`` extra); the run-time path (:mod:`decide`) does not.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import logging
import sys
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from quotewire.extract import decide
from quotewire.extract.candidates import ORIGIN_FRAME, Candidate
from quotewire.extract.features import FEATURE_VERSION, candidate_features
from quotewire.extract.loose import ALT_ORIGINS, LOOSE_ORIGINS
from quotewire.extract.statements import extract_with, rule_candidates
from quotewire.extract.training_data import POLNEAR_TRAIN, SHARED_BENCH

# scipy and scikit-learn (the ``train`` extra) are imported where a model is fitted, so
# that the threshold choice and the data preparation can be tested without them.
if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

log = logging.getLogger(__name__)
T = TypeVar("T")

FOLDS = 5
INNER_FOLDS = 3
MIN_COUNT = 2  # a feature seen once in training carries no weight
# The model judges sentence frames and the loose candidates. The structural origins
# (transcript turns, title lines, colon introductions, follow-on quotations) keep the
# rules' decision: a handful each in PolNeAR, and decided by the article's layout.
JUDGED_ORIGINS = frozenset([ORIGIN_FRAME, *LOOSE_ORIGINS, *ALT_ORIGINS])
C = 0.3  # inverse L2 strength (chosen by CV on train: see docs/model.md)
# Loose candidates are kept at P >= 0.5 at least. PolNeAR annotates beliefs, plans and
# evidence ("expected to", "appeared", "showed") that wire annotation does not count as
# statements; below 0.5 those readings cost wire dev precision. Chosen on wire dev, which
# issue 18 allows as tuning data (shipped model's loose threshold 0.3 / 0.4 / 0.5 / 0.6:
# wire dev F1 0.846 / 0.856 / 0.863 / 0.861). The CV applies the same grid in every fold.
LOOSE_THRESHOLDS = tuple(round(0.5 + 0.05 * k, 2) for k in range(7))  # 0.50 .. 0.80
# Measured: CV F1 0.6897 with these rows in training, 0.6905 without (docs/model.md).
_DROP_DUP = True
_LOOSE = frozenset(LOOSE_ORIGINS)
RULE_THRESHOLDS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)
# A loose candidate whose content holds a quotation is a statement more often than its
# probability says (the quoted words are the statement's or its speaker's): it has its own
# threshold, searched after the (rule, loose) pair, from these up to the loose threshold.
# Measured with out-of-fold probabilities: speech recall +0.001, direct +0.001, CV F1
# +0.0008 at 0.15 (docs/model.md).
QUOTED_THRESHOLDS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45)
# Proxy F1 differences below this (about ten golds of train's 19,832) do not decide the
# thresholds: between 0.25 and 0.30 the search flipped on 0.00006 (one or two golds), and
# dev speech recall moved by 0.007 with it (docs/model.md). See pick_thresholds.
PROXY_TOLERANCE = 0.0005
# Kept rule candidates at different cues sharing at least this share of the longer
# content are one statement twice; the less probable goes (decide.select). Searched with
# the thresholds; decide.SHARE_OFF drops none. Not below 0.6: wire annotation marks both
# of two nested attributions whose contents nearly coincide ("X said Y ordered Z") more
# often than PolNeAR; at 0.5 wire dev speech recall fell 0.946 to 0.936, at 0.6 to 0.941
# (chosen on wire dev, as the loose floor above; docs/model.md).
SAME_SHARES = (0.6, 0.7, 0.8, decide.SHARE_OFF)


@dataclass(frozen=True)
class Doc:
    """One training article: its candidates' features and gold labels."""

    doc_id: str
    gold: dict
    pool: tuple[Candidate, ...]
    feats: tuple[tuple[str, ...], ...]
    match: tuple[int, ...]  # per candidate, the gold index it matches, or -1
    n_gold: int


def load_scorer(path: Path):
    """The shared scorer module (``score_quotes.py``)."""
    spec = importlib.util.spec_from_file_location("score_quotes_shared", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def prepare(gold: dict, scorer) -> Doc:
    """Candidates, features and labels of one gold article."""
    text = gold["text"]
    paras, rule = rule_candidates(text)
    pool = decide.candidate_pool(text, paras, rule)
    idx = scorer.DocIndex(text)
    gtoks = [idx.token_set(scorer.spans_of(q)) for q in gold["quotes"]]
    match = [best_match(gtoks, idx.token_set(c.frame.content)) for c in pool]
    feats = candidate_features(text, paras, pool)
    return Doc(gold["doc_id"], gold, tuple(pool), tuple(feats), tuple(match), len(gtoks))


def best_match(gtoks: list[set[int]], ptoks: set[int]) -> int:
    """The gold a prediction's word tokens match as the shared scorer counts a match
    (shared tokens at least half of each side), the best of several; -1 for none."""
    best, arg = 0.0, -1
    for gi, g in enumerate(gtoks):
        inter = len(g & ptoks)
        if inter and g and ptoks:
            sc = min(inter / len(g), inter / len(ptoks))
            if sc >= 0.5 and sc > best:
                best, arg = sc, gi
    return arg


def fold_of(doc_id: str, folds: int) -> int:
    """A document's fold: from a hash of its id, so stable across runs and machines."""
    return int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest(), 16) % folds


def _rows(d: Doc) -> list[int]:
    """The candidates of ``d`` the model learns from: all but the loose ones matching a
    gold a rule candidate matches too (selection drops those as the rule's duplicate,
    so they teach nothing about what a loose reading adds)."""
    if not _DROP_DUP:
        return list(range(len(d.pool)))
    ruled = {m for c, m in zip(d.pool, d.match) if m >= 0 and c.origin not in _LOOSE}
    return [k for k, c in enumerate(d.pool) if c.origin not in _LOOSE or d.match[k] not in ruled
            or d.match[k] < 0]


def _matrix(docs: list[Doc], index: dict[str, int]) -> csr_matrix:
    rows, cols = [], []
    r = 0
    for d in docs:
        for j in _rows(d):
            for n in d.feats[j]:
                k = index.get(n)
                if k is not None:
                    rows.append(r)
                    cols.append(k)
            r += 1
    from scipy.sparse import csr_matrix

    data = np.ones(len(rows), dtype=np.float64)
    return csr_matrix((data, (rows, cols)), shape=(r, len(index)))


def _labels(docs: list[Doc]) -> np.ndarray:
    return np.array([d.match[k] >= 0 for d in docs for k in _rows(d)], dtype=np.int64)


def _fit_weights(
    docs: list[Doc], c: float
) -> tuple[list[str], np.ndarray, float, frozenset[str]]:
    """Vocabulary (sorted), weights and intercept fitted on ``docs``, and the origins
    the model judges."""
    counts = Counter(n for d in docs for k in _rows(d) for n in set(d.feats[k]))
    names = sorted(n for n, k in counts.items() if k >= MIN_COUNT)
    index = {n: i for i, n in enumerate(names)}
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=0)
    clf.fit(_matrix(docs, index), _labels(docs))
    return names, clf.coef_[0].astype(np.float64), float(clf.intercept_[0]), JUDGED_ORIGINS


def _as_model(
    fitted: tuple[list[str], np.ndarray, float, frozenset[str]], thresholds: tuple[float, ...]
) -> decide.Model:
    """The model of ``fitted`` weights deciding at ``thresholds`` (see ``_decision``)."""
    names, w, b, origins = fitted
    index = {n: i for i, n in enumerate(names)}
    rule, loose, share, quoted = _decision(thresholds)
    return decide.Model(
        index, w, b, rule, loose, FEATURE_VERSION, origins, quoted_threshold=quoted, same_share=share
    )


def _decision(t: tuple[float, ...]) -> tuple[float, float, float, float | None]:
    """(rule threshold, loose threshold, same-content share, quoted threshold) from a
    searched tuple ``(rule, loose[, share[, quoted]])``: a share not searched drops
    nothing, a quoted threshold not searched is the loose one."""
    return t[0], t[1], t[2] if len(t) > 2 else decide.SHARE_OFF, t[3] if len(t) > 3 else None


def _proxy_f1(docs: list[Doc], probs: list[np.ndarray], t: tuple[float, ...]) -> float:
    """F1 of the kept candidates against the golds they match (each gold once), kept at
    ``t`` (see ``_decision``)."""
    kept = tp = gold = 0
    rule, loose, share, quoted = _decision(t)
    for d, p in zip(docs, probs):
        chosen = decide.select(list(d.pool), p, rule, loose, (), quoted_t=quoted, share=share)
        kept += len(chosen)
        pos = {id(c): m for c, m in zip(d.pool, d.match)}
        tp += len({pos[id(c)] for c in chosen if pos[id(c)] >= 0})
        gold += d.n_gold
    return 2 * tp / (kept + gold) if kept + gold else 0.0


def fit(docs: list[Doc], c: float) -> decide.Model:
    """A model fitted on ``docs``; its threshold chosen on inner out-of-fold scores."""
    ordered = out_of_fold(docs, c, INNER_FOLDS, "inner:")
    grid = [(r, x, s) for r in RULE_THRESHOLDS for x in LOOSE_THRESHOLDS for s in SAME_SHARES]
    chosen = pick_thresholds({t: _proxy_f1(docs, ordered, t) for t in grid})
    quoted = [q for q in QUOTED_THRESHOLDS if q < chosen[1]] + [chosen[1]]
    q = pick_quoted({q: _proxy_f1(docs, ordered, (*chosen, q)) for q in quoted})
    return _as_model(_fit_weights(docs, c), (*chosen, q))


def out_of_fold(docs: list[Doc], c: float, folds: int, salt: str = "") -> list[np.ndarray]:
    """Each document's keep probabilities from weights fitted on the other folds
    (``fold_of(salt + doc_id)``), in ``docs`` order."""
    probs: dict[str, np.ndarray] = {}
    for k in range(folds):
        rest = [d for d in docs if fold_of(salt + d.doc_id, folds) != k]
        m = _as_model(_fit_weights(rest, c), (0.5, 0.5))
        for d in docs:
            if fold_of(salt + d.doc_id, folds) == k:
                probs[d.doc_id] = decide.judged(m, list(d.pool), list(d.feats))
    return [probs[d.doc_id] for d in docs]


def pick_thresholds(proxy: dict[tuple[float, ...], float]) -> tuple[float, ...]:
    """The (rule, loose[, share]) choice to ship: among those whose proxy F1 is within
    ``PROXY_TOLERANCE`` of the best, the lowest rule threshold (then the highest loose
    one, then the highest same-content share: the fewest dropped). A closer race is
    noise, and there the lower rule threshold keeps more rule candidates, which carry
    the speech recall issue 18 asks for."""
    return min(_tied(proxy), key=lambda t: (t[0], *(-x for x in t[1:])))


def pick_quoted(proxy: dict[float, float]) -> float:
    """The quoted threshold to ship: the lowest within ``PROXY_TOLERANCE`` of the best
    proxy F1 (as for the rule threshold: a closer race is noise, and the lower threshold
    keeps more quoted statements, which carry speech and direct recall)."""
    return min(_tied(proxy))


def _tied(proxy: Mapping[T, float]) -> list[T]:
    """The choices whose proxy F1 is within ``PROXY_TOLERANCE`` of the best."""
    best = max(proxy.values())
    return [t for t, f in proxy.items() if f >= best - PROXY_TOLERANCE]


def _pred(doc_id: str, text: str, model: decide.Model | None) -> dict:
    """The prediction line the shared scorer reads, from the production path."""
    out = [
        # The scorer reads content_spans first; speaker offsets for the span measure.
        {"content_spans": [list(x) for x in s.content_spans], "speaker": s.speaker_text}
        | {"speaker_start": s.speaker_start, "speaker_end": s.speaker_end}
        for s in extract_with(text, model).statements
    ]
    return {"doc_id": doc_id, "statements": out}


def summary(res: dict) -> dict:
    """The figures the manifest keeps from one scorer result (4 decimals)."""
    ov = res["overlap"]
    return {
        "docs": res["docs"],
        "gold": res["gold_quotes"],
        "pred": res["pred_quotes"],
        "precision": round(ov["precision"], 4),
        "recall": round(ov["recall"], 4),
        "f1": round(ov["f1"], 4),
        "speech_recall": round(res["recall_by_cue_class"]["speech"]["recall"], 4),
        "other_recall": round(res["recall_by_cue_class"]["other"]["recall"], 4),
        "direct_recall": round(res["recall_by_kind"]["direct"]["recall"], 4),
        "speaker_span": round(res["speaker_span"]["accuracy"], 4),
    }


def cross_validate(docs: list[Doc], scorer, c: float) -> dict:
    """Per fold and in total: the rules alone and rules + a model that never saw the fold."""
    folds: list[dict] = []
    all_rules: list[dict] = []
    all_model: list[dict] = []
    for k in range(FOLDS):
        train = [d for d in docs if fold_of(d.doc_id, FOLDS) != k]
        held = [d for d in docs if fold_of(d.doc_id, FOLDS) == k]
        model = fit(train, c)
        rules = [_pred(d.doc_id, d.gold["text"], None) for d in held]
        mixed = [_pred(d.doc_id, d.gold["text"], model) for d in held]
        gold = [d.gold for d in held]
        folds.append(
            {
                "fold": k,
                "thresholds": [
                    model.rule_threshold,
                    model.loose_threshold,
                    model.same_share,
                    model.quoted_threshold,
                ],
                "rules": summary(scorer.score(gold, rules)),
                "rules+model": summary(scorer.score(gold, mixed)),
            }
        )
        log.info("fold %d: %s", k, folds[-1])
        all_rules += rules
        all_model += mixed
    gold = [d.gold for d in docs]
    total = {
        "rules": summary(scorer.score(gold, all_rules)),
        "rules+model": summary(scorer.score(gold, all_model)),
    }
    return {"folds": folds, "total": total}


def model_json(model: decide.Model, names: list[str]) -> str:
    """The model file: sorted weights with fixed float formatting, so bytes repeat."""
    weights = [[n, float("%.6g" % model.weights[i])] for i, n in enumerate(names)]
    data = {
        "kind": "logistic-regression",
        "feature_version": model.feature_version,
        "bias": float("%.6g" % model.bias),
        "rule_threshold": model.rule_threshold,
        "loose_threshold": model.loose_threshold,
        "quoted_threshold": model.quoted_threshold,
        "origins": sorted(model.origins),
        "same_share": model.same_share,
        "weights": weights,
    }
    return json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=POLNEAR_TRAIN)
    ap.add_argument("--out", type=Path, default=decide.MODEL_DIR)
    ap.add_argument("-C", type=float, default=C, dest="c")
    ap.add_argument("--no-cv", action="store_true", help="skip cross-validation")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    raw = args.gold.read_bytes()
    scorer = load_scorer(SHARED_BENCH / "score_quotes.py")
    golds = [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]
    docs = [prepare(g, scorer) for g in sorted(golds, key=lambda g: g["doc_id"])]
    reach = sum(len({m for m in d.match if m >= 0}) for d in docs)
    log.info(
        "%d docs, %d candidates (%d match a gold), %d of %d golds reachable",
        len(docs),
        sum(len(d.pool) for d in docs),
        sum(m >= 0 for d in docs for m in d.match),
        reach,
        sum(d.n_gold for d in docs),
    )
    cv = None if args.no_cv else cross_validate(docs, scorer, args.c)
    final = fit(docs, args.c)
    names = sorted(final.index, key=final.index.__getitem__)
    manifest = {
        "training_data": args.gold.name,
        "training_data_sha256": hashlib.sha256(raw).hexdigest(),
        "feature_version": FEATURE_VERSION,
        "model": {
            "kind": "logistic-regression (L2, liblinear)",
            "C": args.c,
            "min_feature_count": MIN_COUNT,
            "features": len(names),
            "rule_threshold": final.rule_threshold,
            "loose_threshold": final.loose_threshold,
            "same_share": final.same_share,
            "quoted_threshold": final.quoted_threshold,
            "threshold_search": "inner %d-fold out-of-fold proxy F1, rule %s, loose %s, share %s, "
            "then quoted %s up to the loose one"
            % (
                INNER_FOLDS,
                list(RULE_THRESHOLDS),
                list(LOOSE_THRESHOLDS),
                list(SAME_SHARES),
                list(QUOTED_THRESHOLDS),
            ),
        },
        "cv": cv,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "statements.json").write_text(model_json(final, names), encoding="utf-8")
    (args.out / "manifest.json").write_text(
        json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    if cv:
        log.info("total: %s", json.dumps(cv["total"], sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
