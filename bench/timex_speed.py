"""Throughput of tag_timexes over Reuters-21578 (single process) and peak RSS.

    python bench/timex_speed.py [--news ../shared/bench/news/reuters21578.jsonl] [--limit N]

The anchor of each document is its ``published`` date. Prints docs/s, MB/s, timexes found
and the peak resident set size of this process.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from quotewire.extract.timex import tag_timexes  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--news", type=Path,
                    default=ROOT.parent / "shared" / "bench" / "news" / "reuters21578.jsonl")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    args = ap.parse_args(argv)
    docs = []
    with args.news.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                pub = d.get("published")
                anchor = date.fromisoformat(pub[:10]) if pub else None
                docs.append((d.get("text") or "", anchor))
                if args.limit and len(docs) >= args.limit:
                    break
    chars = sum(len(t) for t, _ in docs)
    t0, c0 = time.perf_counter(), time.process_time()
    found = 0
    for text, anchor in docs:
        found += len(tag_timexes(text, anchor))
    secs = time.perf_counter() - t0
    cpu = time.process_time() - c0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"docs {len(docs)}  chars {chars}  timexes {found}")
    print(f"tag_timexes: {len(docs) / secs:,.0f} docs/s  {chars / secs / 1e6:.2f} MB/s  "
          f"({secs:.2f} s wall)  {len(docs) / cpu:,.0f} docs/s of CPU time  "
          f"peak RSS {rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
