"""`quotewire annotate` throughput on Reuters-21578, and where its time goes.

    .venv/bin/python bench/annotate_speed.py [--workers N]

1. End to end: the CLI over all 19,779 documents (JSON in, JSON out, N worker processes),
   wall time, docs/s and peak RSS, beside one bare regex tokenization pass over the same
   texts in the same run (the floor any tokenizing extractor pays).
2. In one process: CPU seconds in statement extraction, temporal tagging and the rest
   (header, ids, rows, JSON), so the cost of temporal tagging is a share of annotate.
Skips when ../shared/bench is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REUTERS = REPO.parent / "shared" / "bench" / "news" / "reuters21578.jsonl"
OUT = REPO / "bench" / "out"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    if not REUTERS.exists():
        print(f"skipped: {REUTERS} is absent")
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    docs = [json.loads(line) for line in REUTERS.open(encoding="utf-8")]
    src = OUT / "annotate_in.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps({"doc_id": d["doc_id"], "text": d["text"], "published": d["published"]}) + "\n")

    t0 = time.perf_counter()
    tokens = sum(len(re.findall(r"\w+|[^\w\s]", d["text"])) for d in docs)
    regex_s = time.perf_counter() - t0

    cmd = [sys.executable, "-m", "quotewire.ops.cli", "annotate", str(src), "-o", str(OUT / "annotate_out.jsonl"), "--workers", str(args.workers)]
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=REPO, check=True)
    wall = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"annotate, {args.workers} workers: {len(docs)} docs in {wall:.1f} s = {len(docs) / wall:.0f} docs/s; "
          f"peak RSS of a process {rss_mb:.0f} MB")
    print(f"bare regex tokenization pass: {regex_s:.2f} s ({tokens:,} tokens), {len(docs) / regex_s:.0f} docs/s")

    from datetime import date

    from quotewire.dataset.annotate import annotate_line
    from quotewire.extract.statements import extract_statements
    from quotewire.extract.timex import tag_timexes

    lines = src.read_text(encoding="utf-8").splitlines()
    sample = docs[:5000]
    t0 = time.process_time()
    for d in sample:
        extract_statements(d["text"])
    statements_s = time.process_time() - t0
    t0 = time.process_time()
    for d in sample:
        tag_timexes(d["text"], date.fromisoformat(d["published"]))
    timex_s = time.process_time() - t0
    t0 = time.process_time()
    for line in lines[: len(sample)]:
        annotate_line(line)
    total_s = time.process_time() - t0
    print(f"one process, first {len(sample)} docs, CPU: annotate {total_s:.2f} s ({len(sample) / total_s:.0f} docs/s): "
          f"statements {statements_s:.2f} s ({statements_s / total_s:.0%}), "
          f"temporal tagging {timex_s:.2f} s ({timex_s / total_s:.0%}), "
          f"rest {max(0.0, total_s - statements_s - timex_s):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
