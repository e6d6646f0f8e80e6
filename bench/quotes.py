"""Score statement extraction on the PolNeAR split with the shared scorer.

    python bench/quotes.py [--gold ../shared/bench/quotes/polnear_dev.jsonl] [--in-process]

Builds ``{"doc_id", "text", "published"}`` input lines from the gold file, runs
``quotewire annotate IN -o OUT`` (or, when the CLI is missing or ``--in-process`` is
given, calls ``extract_statements`` directly and writes the same fields), prints the
shared scorer's report, and writes missed gold statements and false positives with
context to ``bench/out/quotes_errors.txt``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "bench"
DEFAULT_GOLD = SHARED / "quotes" / "polnear_dev.jsonl"
OUT_DIR = ROOT / "bench" / "out"


def load_scorer(path: Path = SHARED / "score_quotes.py"):
    spec = importlib.util.spec_from_file_location("score_quotes", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def statement_dict(s) -> dict:
    return {
        "content_start": s.content_start,
        "content_end": s.content_end,
        "content_spans": [list(x) for x in s.content_spans],
        "speaker": s.speaker_text,
        "speaker_start": s.speaker_start,
        "speaker_end": s.speaker_end,
        "cue": s.cue,
        "cue_start": s.cue_start,
        "cue_end": s.cue_end,
        "kind": s.kind.value,
        "cue_class": s.cue_class.value,
    }


def predict_in_process(gold_docs: list[dict]) -> list[dict]:
    sys.path.insert(0, str(ROOT / "src"))
    from quotewire.extract.statements import extract_statements

    return [
        {
            "doc_id": d["doc_id"],
            "statements": [statement_dict(s) for s in extract_statements(d["text"]).statements],
        }
        for d in gold_docs
    ]


def predict_cli(gold_docs: list[dict], tmp: Path) -> list[dict] | None:
    exe = shutil.which("quotewire") or str(ROOT / ".venv" / "bin" / "quotewire")
    if not Path(exe).exists():
        return None
    inp, out = tmp / "in.jsonl", tmp / "out.jsonl"
    with inp.open("w", encoding="utf-8") as f:
        for d in gold_docs:
            row = {"doc_id": d["doc_id"], "text": d["text"], "published": d.get("publication_date")}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    proc = subprocess.run(
        [exe, "annotate", str(inp), "-o", str(out)], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0 or not out.exists():
        print(
            f"CLI failed ({proc.returncode}); falling back to in-process\n{proc.stderr[-2000:]}",
            file=sys.stderr,
        )
        return None
    with out.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _ctx(text: str, a: int, b: int, width: int = 60) -> str:
    return (text[max(0, a - width) : a] + "[[" + text[a:b] + "]]" + text[b : b + width]).replace(
        "\n", " / "
    )


def write_errors(
    scorer, gold_docs: list[dict], preds: list[dict], path: Path, limit: int = 400
) -> None:
    """Missed gold statements and unmatched predictions, with context, per document."""
    by_id = {p["doc_id"]: p.get("statements") or p.get("quotes") or [] for p in preds}
    lines: list[str] = []
    for d in gold_docs:
        text = d["text"]
        idx = scorer.DocIndex(text)
        G = [{"q": q, "toks": idx.token_set(scorer.spans_of(q))} for q in d["quotes"]]
        P = [
            {"q": q, "toks": idx.token_set(scorer.spans_of(q))} for q in by_id.get(d["doc_id"], [])
        ]

        def ov(g, p):
            inter = len(g["toks"] & p["toks"])
            return min(inter / len(g["toks"]), inter / len(p["toks"])) if inter else 0.0

        pairs = scorer.greedy_match(G, P, ov, lambda s: s >= 0.5)
        mg, mp = {g for g, _, _ in pairs}, {p for _, p, _ in pairs}
        for gi, g in enumerate(G):
            q = g["q"]
            if gi not in mg:
                cls = "speech" if scorer.SPEECH_CUE.search(q.get("cue") or "") else "other"
                lines.append(
                    f"MISS {cls:6} {q['kind']:8} cue={q.get('cue')!r} spk={q.get('speaker')!r}\n    "
                    + _ctx(text, q["content_start"], q["content_end"])
                )
        for pi, p in enumerate(P):
            if pi not in mp:
                q = p["q"]
                lines.append(
                    f"FP   {q.get('kind', ''):8} cue={q.get('cue')!r} spk={q.get('speaker')!r}\n    "
                    + _ctx(text, q["content_start"], q["content_end"])
                )
        for gi, pi, _ in pairs:
            gq, pq = G[gi]["q"], P[pi]["q"]
            if gq.get("speaker") and gq.get("speaker_start") is not None:
                ok = (
                    pq.get("speaker_start") is not None
                    and pq["speaker_start"] < gq["speaker_end"]
                    and pq["speaker_end"] > gq["speaker_start"]
                )
                if not ok:
                    lines.append(
                        f"SPK  gold={gq['speaker']!r} pred={pq.get('speaker')!r} cue={pq.get('cue')!r}\n    "
                        + _ctx(text, gq["speaker_start"], gq["speaker_end"])
                    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--in-process", action="store_true", help="skip the CLI, call the library")
    ap.add_argument("--errors", type=Path, default=OUT_DIR / "quotes_errors.txt")
    args = ap.parse_args(argv)
    if not args.gold.exists():
        print(f"no gold at {args.gold}; nothing to score", file=sys.stderr)
        return 0
    scorer = load_scorer()
    gold_docs = scorer.read_jsonl(args.gold)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        preds = None if args.in_process else predict_cli(gold_docs, Path(tmp))
        how = "cli"
        if preds is None:
            preds, how = predict_in_process(gold_docs), "in-process"
    elapsed_s = time.perf_counter() - t0
    print(f"{args.gold.name}: {len(gold_docs)} docs via {how} in {elapsed_s:.2f} s")
    res = scorer.score(gold_docs, preds)
    scorer.print_report(res)
    write_errors(scorer, gold_docs, preds, args.errors)
    print(f"errors: {args.errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
