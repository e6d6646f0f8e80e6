"""Score the TIMEX3 tagger on TempEval-3 TimeBank+AQUAINT with the shared scorer.

    python bench/timex.py [--gold ../shared/bench/timex/tbaq_train.jsonl] [--errors] [--in-process]

Builds ``{"doc_id", "text", "published"}`` lines from the gold file, runs
``quotewire annotate IN -o OUT`` when the CLI exists (``.venv/bin/quotewire``), else calls
``tag_timexes`` in-process with ``anchor = date.fromisoformat(dct)``; then runs
``score_timex.py`` and prints its report. ``--errors`` also writes every mismatch to
``bench/out/timex_errors.txt`` (bench/out/ is git-ignored).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "bench"
OUT = ROOT / "bench" / "out"


def predict_in_process(gold_docs: list[dict]) -> list[dict]:
    sys.path.insert(0, str(ROOT / "src"))
    from quotewire.extract.timex import tag_timexes

    preds = []
    for d in gold_docs:
        anchor = date.fromisoformat(d["dct"][:10]) if d.get("dct") else None
        ms = tag_timexes(d["text"], anchor)
        preds.append({"doc_id": d["doc_id"], "temporal_expressions": [
            {"start": m.start, "end": m.end, "text": m.text, "type": m.type.value,
             "value": m.value, "mod": m.mod} for m in ms]})
    return preds


def predict_with_cli(cli: Path, gold_docs: list[dict]) -> list[dict] | None:
    OUT.mkdir(parents=True, exist_ok=True)
    inp, outp = OUT / "timex_in.jsonl", OUT / "timex_annotated.jsonl"
    with inp.open("w", encoding="utf-8") as f:
        for d in gold_docs:
            f.write(json.dumps({"doc_id": d["doc_id"], "text": d["text"],
                                "published": d["dct"]}) + "\n")
    r = subprocess.run([str(cli), "annotate", str(inp), "-o", str(outp)],
                       capture_output=True, text=True)
    if r.returncode != 0 or not outp.exists():
        print(f"quotewire annotate failed ({r.returncode}); falling back to in-process:\n"
              f"{r.stderr[-2000:]}", file=sys.stderr)
        return None
    preds = []
    for line in outp.read_text(encoding="utf-8").splitlines():
        if line.strip():
            o = json.loads(line)
            preds.append({"doc_id": o["doc_id"],
                          "temporal_expressions": o.get("temporal_expressions") or []})
    return preds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=SHARED / "timex" / "tbaq_train.jsonl")
    ap.add_argument("--errors", action="store_true", help="write bench/out/timex_errors.txt")
    ap.add_argument("--in-process", action="store_true", help="skip the CLI, call tag_timexes")
    args = ap.parse_args(argv)
    gold_docs = [json.loads(x) for x in args.gold.read_text(encoding="utf-8").splitlines()
                 if x.strip()]
    t0 = time.perf_counter()
    preds = None
    cli = ROOT / ".venv" / "bin" / "quotewire"
    if cli.exists() and not args.in_process:
        preds = predict_with_cli(cli, gold_docs)
    mode = "cli"
    if preds is None:
        preds, mode = predict_in_process(gold_docs), "in-process"
    secs = time.perf_counter() - t0
    OUT.mkdir(parents=True, exist_ok=True)
    pred_path = OUT / "timex_pred.jsonl"
    with pred_path.open("w", encoding="utf-8") as f:
        for p in preds:
            f.write(json.dumps(p) + "\n")
    print(f"# {len(gold_docs)} docs via {mode} in {secs:.2f}s")
    scorer = SHARED / "score_timex.py"
    cmd = [sys.executable, str(scorer), str(args.gold), str(pred_path)]
    report = subprocess.run(cmd, capture_output=True, text=True)
    head, _, errors = report.stdout.partition("\n# doc\t")
    print(head.rstrip())
    if report.stderr.strip():
        print(report.stderr.strip(), file=sys.stderr)
    if args.errors:
        full = subprocess.run(cmd + ["--errors"], capture_output=True, text=True).stdout
        err_path = OUT / "timex_errors.txt"
        err_path.write_text(full, encoding="utf-8")
        print(f"errors written to {err_path}")
    return report.returncode


if __name__ == "__main__":
    sys.exit(main())
