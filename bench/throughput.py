"""Throughput, parallel speed-up, incremental rebuilds and memory growth (issue 6).

    .venv/bin/python bench/throughput.py                 # Reuters: full build, 1 vs N workers, incremental
    .venv/bin/python bench/throughput.py --scale 20000 50000 100000 200000

Every build runs as a child process (``quotewire build``), so wall time and peak RSS are
the child's own. Reads ../shared/bench/news/reuters21578.jsonl in place; writes only under
bench/out/ (git-ignored). Skips when the corpus is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REUTERS = REPO.parent / "shared" / "bench" / "news" / "reuters21578.jsonl"
OUT = REPO / "bench" / "out" / "throughput"
QUOTEWIRE = [sys.executable, "-m", "quotewire.cli"]


def run_build(inputs: list[Path], root: Path, *extra: str) -> tuple[float, float, str]:
    """(wall seconds, child peak RSS in MB, stdout) of one ``quotewire build``."""
    env = {**os.environ, "DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    cmd = [*QUOTEWIRE, "build", *map(str, inputs), "--root", str(root), *extra]
    # A wrapper process per build, so ru_maxrss is this build's peak, not the largest so far.
    wrapper = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "print(repr((time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, p.returncode, p.stdout + p.stderr)))"
    )
    proc = subprocess.run([sys.executable, "-c", wrapper, *cmd], cwd=REPO, env=env, capture_output=True, text=True, check=True)
    seconds, rss_mb, code, output = eval(proc.stdout)  # noqa: S307 - our own repr
    if code != 0:
        raise SystemExit(f"build failed ({code}):\n{output[-3000:]}")
    return seconds, rss_mb, output


def replicate(n: int, path: Path) -> Path:
    """``n`` Reuters articles, replicated with distinct ids and texts when n exceeds the corpus."""
    docs = [json.loads(line) for line in REUTERS.open(encoding="utf-8")]
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            d = dict(docs[i % len(docs)])
            copy = i // len(docs)
            if copy:
                d["doc_id"] = f"{d['doc_id']}-r{copy}"
                d["text"] = f"{d['text']}\n\n(Replica {copy}.)"
            f.write(json.dumps(d) + "\n")
    return path


def _step(output: str, name: str) -> float:
    """Seconds of one step from a build's ``steps:`` summary line."""
    line = next(line for line in output.splitlines() if line.startswith("steps:"))
    return float(line.split(f"{name} ", 1)[1].split(" s", 1)[0])


def summary_line(label: str, seconds: float, rss_mb: float, output: str) -> str:
    rows = next((line for line in output.splitlines() if line.startswith("rows:")), "")
    steps = next((line for line in output.splitlines() if line.startswith("steps:")), "")
    return f"{label:42s} {seconds:7.1f} s  peak RSS {rss_mb:7.0f} MB  {rows}" + (f"\n{'':42s} {steps}" if steps else "")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=int, nargs="*", default=[], help="corpus sizes for the memory curve")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    if not REUTERS.exists():
        print(f"skipped: {REUTERS} is absent")
        return 0
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    if args.scale:
        for n in args.scale:
            corpus = replicate(n, OUT / f"corpus-{n}.jsonl")
            print(summary_line(f"{n} articles (prefect, {args.workers} workers)", *run_build([corpus], OUT / f"ds-{n}")), flush=True)
            shutil.rmtree(OUT / f"ds-{n}", ignore_errors=True)
        return 0

    print(summary_line("reuters, prefect, full build", *run_build([REUTERS], OUT / "prefect")), flush=True)
    one = run_build([REUTERS], OUT / "w1", "--engine", "local", "--no-cache", "--workers", "1")
    print(summary_line("reuters, local, 1 worker, no cache", *one), flush=True)
    many = run_build([REUTERS], OUT / "wn", "--engine", "local", "--no-cache", "--workers", str(args.workers))
    print(summary_line(f"reuters, local, {args.workers} workers, no cache", *many), flush=True)
    print(f"parallel speed-up, whole build: {one[0] / many[0]:.2f}x; extract step: {_step(one[2], 'extract') / _step(many[2], 'extract'):.2f}x", flush=True)

    # Incremental: a published 19.8k-article dataset, then 100 new articles.
    inc = OUT / "inc"
    full = run_build([REUTERS], inc, "--engine", "local")
    print(summary_line("incremental base, local, cold cache", *full), flush=True)
    extra = OUT / "new-articles.jsonl"
    with extra.open("w", encoding="utf-8") as f:
        for i, line in enumerate(REUTERS.open(encoding="utf-8")):
            if i == 100:
                break
            d = json.loads(line)
            f.write(json.dumps({**d, "doc_id": f"new-{i}", "text": d["text"] + f"\n\n(Update {i}.)"}) + "\n")
    again = run_build([REUTERS, extra], inc, "--engine", "local")
    print(summary_line("+100 articles, local, warm cache", *again), flush=True)
    print(f"incremental cost: {again[0] / full[0]:.0%} of the full build", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
