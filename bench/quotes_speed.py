"""Throughput of extract_statements over Reuters-21578 beside a bare regex tokenisation.

    python bench/quotes_speed.py [--news ../shared/bench/news/reuters21578.jsonl] [--limit N]

Prints docs/s for extract_statements (single process), the time of one
``re.findall(r"\\w+|[^\\w\\s]", text)`` pass over the same texts as a floor, and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_NEWS = ROOT.parent / "shared" / "bench" / "news" / "reuters21578.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--news", type=Path, default=DEFAULT_NEWS)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)
    if not args.news.exists():
        print(f"no corpus at {args.news}", file=sys.stderr)
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    from quotewire.extract.statements import extract_statements

    with args.news.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    if args.limit:
        texts = texts[: args.limit]
    n_chars = sum(map(len, texts))

    token_re = re.compile(r"\w+|[^\w\s]")
    t0 = time.perf_counter()
    for t in texts:
        token_re.findall(t)
    regex_s = time.perf_counter() - t0

    t0, c0 = time.perf_counter(), time.process_time()
    n_statements = 0
    for t in texts:
        n_statements += len(extract_statements(t).statements)
    extract_s = time.perf_counter() - t0
    # CPU seconds of this process: less disturbed than wall time on a shared machine.
    extract_cpu_s = time.process_time() - c0

    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(texts)} docs, {n_chars / 1e6:.1f} M chars, {n_statements} statements")
    print(
        f"extract_statements: {extract_s:.2f} s = {len(texts) / extract_s:,.0f} docs/s "
        f"({n_chars / extract_s / 1e6:.2f} M chars/s)"
    )
    print(
        f"extract_statements CPU time: {extract_cpu_s:.2f} s = {len(texts) / extract_cpu_s:,.0f} docs/s"
    )
    print(
        f"bare regex tokenisation: {regex_s:.2f} s ({extract_s / regex_s:.1f}x faster than extraction)"
    )
    print(f"peak RSS: {peak_rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
