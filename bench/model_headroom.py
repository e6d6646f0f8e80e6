"""Where the statement model's remaining error sits: the headroom figures of issue 18.

    python bench/model_headroom.py            # all sections, about 5 minutes
    python bench/model_headroom.py --quick    # without the model-capacity variants

Reads PolNeAR train from ``../shared/bench`` (exits 0 with a message when it is absent)
and prints, every figure out of fold (the 5 folds of ``train.fold_of``: each document
judged by keep weights fitted without it, at the shipped model's thresholds):

1. reach: the share of gold attributions, per cue class, that some candidate of the
   pool matches (what a perfect keep/drop decision could reach);
2. the keep model: F1, class recalls, and its ranking quality (AUC) on rule and loose
   candidates;
3. the decision: the best threshold setting of a grid that ignores the wire dev floor;
4. model capacity (skipped by ``--quick``): other regularisation strengths, separate
   rule and loose weights, and every pairwise conjunction of 18 feature templates;
5. content boundaries: what two rules that move kept contents' ends would fix and break.

The training path's own functions (``train.prepare``, ``train._fit_weights``,
``decide.select``) do the work, so the figures are those of the shipped code. Needs the
training extra (scikit-learn).
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable

import numpy as np

from quotewire.extract import decide, train
from quotewire.extract.segment import body_paragraphs, sentences
from quotewire.extract.training_data import POLNEAR_TRAIN, SHARED_BENCH

Thresholds = tuple[float, float, float, float]


def _class(q: dict, scorer) -> str:
    return "speech" if scorer.SPEECH_CUE.search(q.get("cue") or "") else "other"


def reach(docs: list[train.Doc], scorer) -> dict:
    """Per cue class: golds, and those some pool candidate matches (overlap >= 0.5)."""
    tot: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    for d in docs:
        matched = {m for m in d.match if m >= 0}
        for gi, q in enumerate(d.gold["quotes"]):
            tot[_class(q, scorer)] += 1
            hit[_class(q, scorer)] += gi in matched
    return {k: (tot[k], hit[k], round(hit[k] / tot[k], 4)) for k in sorted(tot)}


def kept(d: train.Doc, p: np.ndarray, t: Thresholds) -> list:
    return decide.select(list(d.pool), p, t[0], t[1], (), quoted_t=t[3], share=t[2])


def evaluate(docs: list[train.Doc], probs: list[np.ndarray], t: Thresholds, scorer) -> dict:
    """Candidate-level figures of the kept candidates (each gold matched once)."""
    n_kept = tp = n_gold = 0
    tot: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    for d, p in zip(docs, probs):
        chosen = kept(d, p, t)
        pos = {id(c): m for c, m in zip(d.pool, d.match)}
        found = {pos[id(c)] for c in chosen if pos[id(c)] >= 0}
        n_kept, tp, n_gold = n_kept + len(chosen), tp + len(found), n_gold + d.n_gold
        for gi, q in enumerate(d.gold["quotes"]):
            tot[_class(q, scorer)] += 1
            hit[_class(q, scorer)] += gi in found
    out = {"f1": 2 * tp / (n_kept + n_gold), "precision": tp / n_kept, "recall": tp / n_gold}
    out |= {k + "_recall": hit[k] / tot[k] for k in tot}
    return {k: round(v, 4) for k, v in out.items()}


def auc(labels: list[bool], scores: list[float]) -> float:
    """Area under the ROC curve (rank statistic, ties averaged)."""
    s = np.asarray(scores)
    y = np.asarray(labels, dtype=bool)
    _, inv, counts = np.unique(s, return_inverse=True, return_counts=True)
    # The rank of a score is the mean of the ranks its ties share.
    ranks = (np.cumsum(counts) - (counts - 1) / 2.0)[inv]
    npos, nneg = y.sum(), (~y).sum()
    return round(float((ranks[y].sum() - npos * (npos + 1) / 2) / (npos * nneg)), 4)


def ranking(docs: list[train.Doc], probs: list[np.ndarray]) -> dict:
    """AUC of the keep probabilities on the judged rule and loose candidates it learns from."""
    out = {}
    for name, loose in (("rule", False), ("loose", True)):
        y, s = [], []
        for d, p in zip(docs, probs):
            for k in train._rows(d):
                c = d.pool[k]
                if c.origin in train.JUDGED_ORIGINS and (c.origin in train._LOOSE) == loose:
                    y.append(d.match[k] >= 0)
                    s.append(float(p[k]))
        out[name] = {"candidates": len(y), "matching": int(sum(y)), "auc": auc(y, s)}
    return out


def grid(docs: list[train.Doc], probs: list[np.ndarray], scorer) -> tuple[Thresholds, dict]:
    """The best setting of a wider grid than training searches (the loose threshold down
    to 0.3: no wire dev floor), and its figures."""
    best: tuple[float, Thresholds] = (-1.0, (0.0, 0.0, 0.0, 0.0))
    for r, x, s in itertools.product((0.15, 0.2, 0.25, 0.3, 0.35), (0.3, 0.35, 0.4, 0.45, 0.5),
                                     (0.4, 0.5, 0.6)):
        f = evaluate(docs, probs, (r, x, s, 0.05), scorer)["f1"]
        best = max(best, (f, (r, x, s, 0.05)))
    return best[1], evaluate(docs, probs, best[1], scorer)


def with_extra(docs: list[train.Doc], extra: Callable[[train.Doc], list[tuple[str, ...]]]):
    """The documents with more feature names per candidate (the candidates unchanged)."""
    return [
        dataclasses.replace(d, feats=tuple(f + a for f, a in zip(d.feats, extra(d)))) for d in docs
    ]


def _grouped(d: train.Doc) -> list[tuple[str, ...]]:
    # A copy of every name per group: rule and loose candidates get weights of their own.
    return [tuple(("L:" if c.origin in train._LOOSE else "R:") + n for n in f)
            for c, f in zip(d.pool, d.feats)]


_PAIRED = ("o=", "cls=", "cstem=", "kind=", "cpos=", "spk=", "len=", "wr=", "wl=", "first=",
           "note=", "fin|cls=", "pstart=", "pend=", "holdscue=", "cueinside=", "last=", "post=")


def _pairs(d: train.Doc) -> list[tuple[str, ...]]:
    out = []
    for f in d.feats:
        names = sorted(n for n in f if n.startswith(_PAIRED))
        out.append(tuple("P:%s&%s" % ab for ab in itertools.combinations(names, 2)))
    return out


def capacity(docs: list[train.Doc], t: Thresholds, scorer) -> dict:
    """The same candidates and decision with more or less model capacity."""
    out = {}
    for c in (0.1, 1.0):
        out["C=%g" % c] = evaluate(docs, train.out_of_fold(docs, c, train.FOLDS), t, scorer)
    grouped = with_extra(docs, _grouped)
    out["separate rule/loose weights"] = evaluate(grouped, train.out_of_fold(grouped, train.C, train.FOLDS), t, scorer)
    paired = with_extra(docs, _pairs)
    out["pairwise conjunctions, C=0.1"] = evaluate(paired, train.out_of_fold(paired, 0.1, train.FOLDS), t, scorer)
    return out


_CONNECTIVE = re.compile(r"[\s,;:\u2014-]*(?:(?:and|but|while|as|whereas|although|though|"
                         r"because)\s+)?$", re.I)


def _cut_at_inner(text: str, f, chosen: list) -> list[tuple[int, int]] | None:
    """f's content cut before the first kept attribution whose speaker stands inside it
    ("X said A, while Y suggested B" to "A"), or None."""
    a, b = f.frame.content[0][0], f.frame.content[-1][1]
    inner = [g.speaker[0] for g in chosen if g is not f and g.speaker
             and a + 20 < g.speaker[0] < b and g.speaker[0] < g.frame.cue_start < b]
    if f.frame.direct or not inner:
        return None
    cut = a + _CONNECTIVE.search(text[a:min(inner)]).start()
    return [(x, min(y, cut)) for x, y in f.frame.content if x < cut] if cut > a else None


def _append_next(text: str, f, sents: list[tuple[int, int]], chosen: list):
    """f's content with the next sentence added, when f's content ends its sentence and
    no kept candidate has its cue or content in the next one; else None."""
    b = f.frame.content[-1][1]
    nxt = next(((s, e) for s, e in sents if s >= b), None)
    if nxt is None or re.search(r"\w", text[b : nxt[0]]):
        return None
    s, e = nxt
    for g in chosen:
        if s <= g.frame.cue_start < e or (g.frame.content[0][0] < e and g.frame.content[-1][1] > s):
            return None
    return [*f.frame.content, (s, e)]


def boundaries(docs: list[train.Doc], probs: list[np.ndarray], t: Thresholds, scorer) -> dict:
    """Golds each boundary move would newly match (fix) or lose (break) among the kept."""
    out = {"cut before an inner attribution": Counter(), "append the next free sentence": Counter()}
    for d, p in zip(docs, probs):
        text = d.gold["text"]
        idx = scorer.DocIndex(text)
        gtoks = [idx.token_set(scorer.spans_of(q)) for q in d.gold["quotes"]]
        chosen = kept(d, p, t)
        pos = {id(c): m for c, m in zip(d.pool, d.match)}
        found = {pos[id(c)] for c in chosen}
        sents = [x for pa in body_paragraphs(text) for x in sentences(text, pa.start, pa.end, pa.quotes)]
        for f in chosen:
            moves = (_cut_at_inner(text, f, chosen), _append_next(text, f, sents, chosen))
            for name, spans in zip(out, moves):
                if spans is None:
                    continue
                old, new = pos[id(f)], train.best_match(gtoks, idx.token_set(spans))
                if old < 0 and new >= 0 and new not in found:
                    out[name]["fix"] += 1
                elif old >= 0 and new != old:
                    out[name]["break"] += 1
    return {k: dict(v) for k, v in out.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0], epilog=
                                 "example: python bench/model_headroom.py --quick")
    ap.add_argument("--quick", action="store_true", help="skip the model-capacity variants")
    args = ap.parse_args(argv)
    if not POLNEAR_TRAIN.exists():
        print("skipped: %s is absent" % POLNEAR_TRAIN)
        return 0
    started = time.time()
    scorer = train.load_scorer(SHARED_BENCH / "score_quotes.py")
    golds = [json.loads(x) for x in POLNEAR_TRAIN.read_text(encoding="utf-8").splitlines() if x.strip()]
    docs = [train.prepare(g, scorer) for g in sorted(golds, key=lambda g: g["doc_id"])]
    shipped = decide.shipped_model()
    t = (shipped.rule_threshold, shipped.loose_threshold, shipped.same_share,
         shipped.quoted_threshold)
    probs = train.out_of_fold(docs, train.C, train.FOLDS)
    report = {"thresholds": t, "reach": reach(docs, scorer),
              "keep model": evaluate(docs, probs, t, scorer), "ranking": ranking(docs, probs)}
    report["best of a wider grid"] = grid(docs, probs, scorer)
    if not args.quick:
        report["capacity"] = capacity(docs, t, scorer)
    report["boundaries"] = boundaries(docs, probs, t, scorer)
    print(json.dumps(report, indent=1, default=list))
    print("%.0f s" % (time.time() - started), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
