"""Throughput, parallel speed-up, incremental rebuilds and memory growth (issue 6).

    .venv/bin/python bench/throughput.py                 # Reuters: full build, 1 vs N workers, incremental
    .venv/bin/python bench/throughput.py --only incremental
    .venv/bin/python bench/throughput.py --only speedup --repeat 3   # 1 against N workers, fastest of 3 each
    .venv/bin/python bench/throughput.py --only incremental-server   # Prefect against a running server
    .venv/bin/python bench/throughput.py --only engines      # the README's engine table (AFP and Reuters)
    .venv/bin/python bench/throughput.py --scale 20000 50000 100000 200000

Every build runs as a child process (``quotewire build``). For the first full build and
the --scale builds, peak memory is sampled over it and all its descendants, and over the
service builds share (the validation service: its own folder under bench/out, stopped
before each full build and at the end). Printed: the largest single process's RSS, the
RSS summed (which counts a page shared between processes once per process) and the
proportional set sizes summed (each shared page split between its sharers: the memory
the processes hold together). The speed-up, incremental and engine builds are timed only
(see ``run_build``). Reads ../shared/bench/news/reuters21578.jsonl and
../shared/bench/wire/afp_wire.jsonl in place; writes only under bench/out/ (git-ignored).
Skips when the Reuters corpus is absent.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
REUTERS = REPO.parent / "shared" / "bench" / "news" / "reuters21578.jsonl"
AFP = REPO.parent / "shared" / "bench" / "wire" / "afp_wire.jsonl"
OUT = REPO / "bench" / "out" / "throughput"
RUNTIME = REPO / "bench" / "out" / "throughput-runtime"  # the validation service's folder
QUOTEWIRE = [sys.executable, "-m", "quotewire.ops.cli"]


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_total_mb: float  # the build's processes together (client, workers, service, server): RSS summed
    peak_process_mb: float  # the largest single process (RSS)
    # The same processes' proportional set sizes summed: a page shared by n processes
    # counts 1/n in each, so this is the memory they really hold together; summed RSS
    # counts shared pages once per process.
    peak_total_pss_mb: float
    output: str
    largest: str = ""  # which process the largest RSS was (see _role)
    at_peak: str = ""  # RSS by role when the summed RSS peaked (see _breakdown)
    sampled: bool = True  # False: a time-only run, the memory fields are not measurements


def _service_processes() -> list[psutil.Process]:
    """The validation service builds share (its folder is RUNTIME), with any children."""
    found = []
    for pid_file in RUNTIME.glob("validator-*.pid"):
        try:
            service = psutil.Process(int(pid_file.read_text()))
            found.extend([service, *service.children(recursive=True)])
        except (OSError, ValueError, psutil.Error):
            pass
    return found


def _role(p: psutil.Process, client_pid: int) -> str:
    """A short name for a process of a build: client, worker, Prefect server, validation service."""
    cmd = " ".join(p.cmdline())
    if "validator_service" in cmd:
        return "validation service"
    if "uvicorn" in cmd or "prefect server" in cmd:
        return "Prefect server"
    return "client" if p.pid == client_pid else "worker"


def stop_services() -> None:
    """Stop the validation service so that the next build starts cold."""
    subprocess.run([*QUOTEWIRE, "services", "stop"], env={**os.environ, "QUOTEWIRE_RUNTIME_DIR": str(RUNTIME)},
                   stdout=subprocess.DEVNULL, check=False)


def run_build(
    inputs: list[Path], root: Path, *extra: str, env_extra: dict[str, str] | None = None, sample: bool = True
) -> Run:
    """Wall time and memory of one ``quotewire build`` child process, its descendants and
    the services, sampled every 0.2 s; with ``sample=False`` wall time only.

    The speed-up and incremental runs are timed without the sampler: its psutil calls
    (the process tree every 0.2 s, PSS every second) take a share of a core, which costs
    a build that keeps both cores busy and not one that leaves a core idle, so it would
    bias the 1-against-2-workers ratio, and it is a visible share of a 3 s rebuild."""
    env = {**os.environ, "DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "QUOTEWIRE_RUNTIME_DIR": str(RUNTIME), **(env_extra or {})}
    cmd = [*QUOTEWIRE, "build", *map(str, inputs), "--root", str(root), *extra]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peaks = [0.0, 0.0, 0.0]
    largest = [""]
    at_peak = [""]

    def sample_memory() -> None:
        parent = psutil.Process(proc.pid)
        tick = 0
        while proc.poll() is None:
            try:
                procs = [*{p.pid: p for p in [parent, *parent.children(recursive=True), *_service_processes()]}.values()]
                rss = [p.memory_info().rss for p in procs]
                # PSS walks every page table (smaps_rollup): at 0.2 s it took a fifth of a
                # core from the builds it measured. Once a second is enough for a peak.
                pss = [p.memory_full_info().pss for p in procs] if tick % 5 == 0 else []
            except psutil.Error:  # a process ended mid-read: try again at the next tick
                time.sleep(0.2)
                continue
            if sum(rss) / 2**20 > peaks[0]:
                peaks[0] = sum(rss) / 2**20
                with contextlib.suppress(psutil.Error):
                    at_peak[0] = _breakdown([_role(p, proc.pid) for p in procs], rss)
            if max(rss) / 2**20 > peaks[1]:
                peaks[1] = max(rss) / 2**20
                with contextlib.suppress(psutil.Error):
                    largest[0] = _role(procs[rss.index(max(rss))], proc.pid)
            peaks[2] = max(peaks[2], sum(pss) / 2**20)
            tick += 1
            time.sleep(0.2)

    sampler = threading.Thread(target=sample_memory, daemon=True) if sample else None
    if sampler:
        sampler.start()
    output, _ = proc.communicate()
    seconds = time.perf_counter() - started
    if sampler:
        sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({proc.returncode}):\n{output[-3000:]}")
    return Run(seconds, peaks[0], peaks[1], peaks[2], output, largest[0], at_peak[0], sampled=sample)


def _breakdown(roles: list[str], rss: list[int]) -> str:
    """RSS in MB by role, largest first: "validation service 530, worker 300+310, ..."."""
    by_role: dict[str, list[int]] = {}
    for role, r in zip(roles, rss, strict=True):
        by_role.setdefault(role, []).append(r // 2**20)
    parts = sorted(by_role.items(), key=lambda kv: -sum(kv[1]))
    return ", ".join(f"{role} {'+'.join(map(str, v))}" for role, v in parts)


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


def summary_line(label: str, run: Run) -> str:
    rows = next((line for line in run.output.splitlines() if line.startswith("rows:")), "")
    steps = next((line for line in run.output.splitlines() if line.startswith("steps:")), "")
    memory = (
        f"peak RSS {run.peak_total_mb:6.0f} MB all processes, {run.peak_process_mb:6.0f} MB largest ({run.largest}); "
        f"PSS {run.peak_total_pss_mb:6.0f} MB all processes"
        if run.sampled
        else "(time only: memory not sampled)"
    )
    return (
        f"{label:44s} {run.seconds:7.1f} s  {memory}  {rows}"
        + (f"\n{'':44s} {steps}" if steps else "")
        + (f"\n{'':44s} RSS at its peak, MB: {run.at_peak}" if run.at_peak else "")
    )


def new_articles(path: Path, n: int = 100, tag: str = "new") -> Path:
    """``n`` articles not in the corpus: its first texts, each with an added line."""
    with path.open("w", encoding="utf-8") as f:
        for i, line in enumerate(REUTERS.open(encoding="utf-8")):
            if i == n:
                break
            d = json.loads(line)
            f.write(json.dumps({**d, "doc_id": f"{tag}-{i}", "text": d["text"] + f"\n\n({tag} {i}.)"}) + "\n")
    return path


@contextlib.contextmanager
def prefect_server(port: int = 4317) -> Iterator[dict[str, str]]:
    """A ``prefect server start`` of its own (its database under bench/out), as a scheduled
    deployment has one: builds then skip the temporary server's start-up. Its memory is
    not in the builds' figures."""
    from quotewire.ops.commands import stop_group, wait_healthy, serve_env

    env = serve_env(port, REPO, {**os.environ, "PREFECT_HOME": str(OUT / "prefect-home")})
    proc = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start"], env=env, cwd=OUT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        if not wait_healthy(env["PREFECT_API_URL"], proc, 120):
            raise SystemExit("prefect server did not start")
        yield {"PREFECT_API_URL": env["PREFECT_API_URL"], "PREFECT_HOME": env["PREFECT_HOME"]}
    finally:
        stop_group(proc)


def incremental(engine: str, env_extra: dict[str, str] | None = None) -> None:
    """A published Reuters dataset (the service stopped first: a cold start), then the same
    input plus 100 new articles (the service warm, as the full build left it), the same
    input again, and 100 more with the service off (the build imports great_expectations
    itself)."""
    stop_services()
    label = engine + (" + server" if env_extra else "")
    root = OUT / f"inc-{label.replace(' + ', '-')}"

    def timed(inputs: list[Path], services_off: bool = False) -> Run:
        off_env = {"QUOTEWIRE_VALIDATOR_IDLE_SECONDS": "0"}
        env = {**(env_extra or {}), **(off_env if services_off else {})}
        return run_build(inputs, root, "--engine", engine, env_extra=env, sample=False)

    full = timed([REUTERS])
    print(summary_line(f"incremental base, {label}, full build", full), flush=True)
    first = new_articles(OUT / "new-articles.jsonl")
    again = timed([REUTERS, first])
    print(summary_line(f"+100 articles, {label}", again), flush=True)
    same = timed([REUTERS, first])
    print(summary_line(f"same input again, {label}", same), flush=True)
    off = timed([REUTERS, first, new_articles(OUT / "more-articles.jsonl", tag="more")], services_off=True)
    print(summary_line(f"+100 more, {label}, service off", off), flush=True)
    print(f"incremental cost ({label}): {again.seconds / full.seconds:.1%} of the full build; "
          f"unchanged input: {same.seconds / full.seconds:.1%}; "
          f"with the service off: {off.seconds / full.seconds:.1%}", flush=True)
    stop_services()


def split_tail(corpus: Path, tail: int = 100) -> tuple[Path, Path]:
    """The corpus's lines but its last ``tail``, and those last ``tail``, as two files."""
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    head, rest = OUT / f"{corpus.stem}-head.jsonl", OUT / f"{corpus.stem}-tail.jsonl"
    head.write_text("".join(lines[:-tail]), encoding="utf-8")
    rest.write_text("".join(lines[-tail:]), encoding="utf-8")
    return head, rest


def engines(server_env: dict[str, str]) -> None:
    """The README's engine table: per corpus (AFP, Reuters) and engine, a new root built
    cold (no cache, the validation service stopped) from all but the last 100 articles,
    then the same root from those plus the last 100 (``quotewire build HEAD [TAIL] --root
    ROOT --engine E``; wall time of each). The running server is ``server_env``'s."""
    if "PREFECT_API_URL" in os.environ:
        raise SystemExit("unset PREFECT_API_URL: the temporary-server row needs none configured")
    configs = [
        ("local", "local", {}),
        ("local, validation service off", "local", {"QUOTEWIRE_VALIDATOR_IDLE_SECONDS": "0"}),
        ("prefect, Prefect's temporary server", "prefect", {}),
        ("prefect, against a running server", "prefect", server_env),
    ]
    for corpus in (c for c in (AFP, REUTERS) if c.exists()):
        head, tail = split_tail(corpus)
        for label, engine, env in configs:
            stop_services()
            root = OUT / f"engines-{corpus.stem}-{label.split(',')[0]}-{len(env)}"
            full = run_build([head], root, "--engine", engine, env_extra=env, sample=False)
            plus = run_build([head, tail], root, "--engine", engine, env_extra=env, sample=False)
            print(f"{corpus.stem:14s} {label:38s} cold full {full.seconds:6.1f} s   "
                  f"+100 {plus.seconds:5.1f} s ({plus.seconds / full.seconds:.1%})", flush=True)
            shutil.rmtree(root, ignore_errors=True)
    stop_services()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=int, nargs="*", default=[], help="corpus sizes for the memory curve")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--repeat", type=int, default=2, help="runs of each worker count for the speed-up (the fastest counts)")
    ap.add_argument("--only", choices=["full", "speedup", "incremental", "incremental-server", "engines"], help="run one part of the default report")
    args = ap.parse_args()
    if not REUTERS.exists():
        print(f"skipped: {REUTERS} is absent")
        return 0
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    if args.scale:
        for n in args.scale:
            corpus = replicate(n, OUT / f"corpus-{n}.jsonl")
            stop_services()
            print(summary_line(f"{n} articles (prefect, {args.workers} workers)", run_build([corpus], OUT / f"ds-{n}")), flush=True)
            shutil.rmtree(OUT / f"ds-{n}", ignore_errors=True)
            corpus.unlink()
        return 0

    if args.only in (None, "full"):
        stop_services()
        print(summary_line("reuters, prefect, full build", run_build([REUTERS], OUT / "prefect")), flush=True)
    if args.only in (None, "speedup"):
        # Alternating 1 and N workers, each --repeat times; the fastest of each counts (as
        # timeit does): a run can only be slowed by the rest of a shared machine.
        ones, manys = [], []
        local = ("--engine", "local", "--no-cache")
        for _ in range(args.repeat):
            ones.append(run_build([REUTERS], OUT / f"w1-{len(ones)}", *local, "--workers", "1", sample=False))
            print(summary_line("reuters, local, 1 worker, no cache", ones[-1]), flush=True)
            manys.append(run_build([REUTERS], OUT / f"wn-{len(manys)}", *local, "--workers", str(args.workers), sample=False))
            print(summary_line(f"reuters, local, {args.workers} workers, no cache", manys[-1]), flush=True)
        one_s, many_s = min(r.seconds for r in ones), min(r.seconds for r in manys)
        one_x, many_x = min(_step(r.output, "extract") for r in ones), min(_step(r.output, "extract") for r in manys)
        print(
            f"parallel speed-up (fastest of {args.repeat} each), whole build: {one_s / many_s:.2f}x "
            f"({one_s:.1f} s against {many_s:.1f} s); extract step: {one_x / many_x:.2f}x ({one_x:.1f} s against {many_x:.1f} s)",
            flush=True,
        )
    if args.only in (None, "incremental"):
        for engine in ("local", "prefect"):
            incremental(engine)
    if args.only in (None, "incremental-server"):
        with prefect_server() as server_env:
            incremental("prefect", server_env)
    if args.only in (None, "engines"):
        with prefect_server() as server_env:
            engines(server_env)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        stop_services()
