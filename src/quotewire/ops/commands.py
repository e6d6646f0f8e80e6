"""Operations and analyst commands: ``diff``, ``report``, ``push``, ``serve`` and ``services``.

Registered by ``quotewire.ops.cli.build_parser`` through ``add_parsers``; each ``cmd_*`` is a
thin layer over ``quotewire.read.diff``, ``quotewire.read.report``, the validation service or
Prefect's own CLI (run as a subprocess: Prefect is never imported under src/).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from quotewire import settings
from quotewire.dataset import layout

AddParser = Callable[..., argparse.ArgumentParser]

SERVE_POOL = "quotewire-process"


def add_store_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--root", default=layout.DEFAULT_ROOT, help="datasets root folder (default: %(default)s)")
    p.add_argument("--dataset", default=layout.DEFAULT_DATASET, help="dataset name (default: %(default)s)")


def root_problem(root: str, dataset: str) -> str | None:
    """Why ``--root`` (with ``--dataset``) cannot hold datasets, or None: a folder that does
    not exist yet is fine (a build creates it), a file in its place is not."""
    for path in (Path(root), Path(root) / dataset):
        if path.exists() and not path.is_dir():
            return f"--root {root}: {path} is a file, not a folder; pass a folder (one that does not exist yet is created)"
    return None


def add_parsers(add: AddParser) -> None:
    """Register diff, report and serve with ``cli.build_parser``'s ``add`` helper."""
    p = add(
        "diff",
        "Compare two published versions table by table: rows added, removed and changed, "
        "matched by id (article_id, speaker_id, statement_id, timex_id; rejects by source).",
        "quotewire diff v0001 v0002\nquotewire diff 1 LATEST --examples 5 --root data/datasets --dataset news",
    )
    p.add_argument("version_a", metavar="VERSION_A", help="older version (v0001, 1, or LATEST)")
    p.add_argument("version_b", metavar="VERSION_B", help="newer version (v0002, 2, or LATEST)")
    p.add_argument("--examples", type=int, default=3, help="example ids per kind of change (default: %(default)s)")
    add_store_args(p)

    p = add(
        "report",
        "Write one self-contained HTML page about a version: statements over time, top "
        "speakers, statements per outlet, rejects by reason, validation results. No network "
        "resources: charts are inline SVG.",
        "quotewire report -o report.html\nquotewire report v0002 -o out/v0002.html --root data/datasets",
    )
    p.add_argument("version", nargs="?", default=None, metavar="VERSION", help="version (default: LATEST)")
    p.add_argument("-o", "--output", default="report.html", help="HTML file to write (default: %(default)s)")
    p.add_argument("--top", type=int, default=15, help="speakers and outlets to chart (default: %(default)s)")
    add_store_args(p)

    p = add(
        "push",
        "Copy a published version to object storage (any fsspec URL: s3://, gs://, ...), "
        "files first and LATEST last, so readers of that root never see half a version. "
        "Analysts then read it with quotewire.load(..., root=URL) or pd.read_parquet(URL).",
        "quotewire push s3://my-bucket/datasets            # LATEST of data/datasets/news\n"
        "quotewire push s3://my-bucket/datasets v0003 --root data/datasets --dataset news",
    )
    p.add_argument("remote", metavar="URL", help="remote datasets root, e.g. s3://bucket/datasets (s3:// needs s3fs)")
    p.add_argument("version", nargs="?", default=None, metavar="VERSION", help="version (default: LATEST)")
    add_store_args(p)

    p = add(
        "serve",
        "Start a local Prefect server with its UI, create the process work pool, deploy "
        "prefect.yaml (daily 06:00 UTC) and run a worker, until Ctrl-C.",
        "quotewire serve                 # then open http://127.0.0.1:4200\nquotewire serve --port 4300\n"
        "PREFECT_API_URL=http://127.0.0.1:4200/api quotewire build data/raw   # (another shell) a run recorded there",
    )
    p.add_argument("--port", type=int, default=4200, help="server port on 127.0.0.1 (default: %(default)s)")
    p.add_argument("--repo", default=None, help="repository with prefect.yaml (default: $QUOTEWIRE_HOME or this checkout)")
    p.add_argument("--startup-timeout", type=float, default=120.0, help="seconds to wait for the server (default: %(default)s)")

    p = add(
        "services",
        "Show or stop the validation service: the local process interactive builds share so "
        "that each does not import great_expectations again (seconds). Builds start it (never "
        "under a Prefect worker); it exits after $QUOTEWIRE_VALIDATOR_IDLE_SECONDS idle "
        "(default 600; 0 turns it off) and logs to <root>/_logs/validator-service.log.",
        "quotewire services status\nquotewire services stop\n"
        "QUOTEWIRE_VALIDATOR_IDLE_SECONDS=0 quotewire build data/raw   # no service: validate in the build's process",
        "exit codes: 0 done. A build whose service is stopped mid-validation validates by itself.",
    )
    p.add_argument("action", choices=("status", "stop"), help="status: pid, memory and socket; stop: end them now")


def _version_arg(value: str) -> str | None:
    return None if value.upper() == layout.LATEST else value


# ---------------------------------------------------------------------------------------
# diff, report
# ---------------------------------------------------------------------------------------


def cmd_diff(args: argparse.Namespace) -> int:
    from quotewire.read.diff import diff_versions, format_diff

    if args.examples < 0:
        print("quotewire diff: --examples must be >= 0", file=sys.stderr)
        return 2
    result = diff_versions(_version_arg(args.version_a), _version_arg(args.version_b), args.dataset, args.root, args.examples)
    print(format_diff(result))
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from quotewire.dataset import store

    if not store.is_url(args.remote):
        print(f"quotewire push: {args.remote!r} is not a URL (s3://bucket/prefix, gs://..., file:///...)", file=sys.stderr)
        return 2
    source = store.version_dir(args.version, args.dataset, args.root)
    version, copied = store.push(source, args.remote, args.dataset)
    where = f"{args.remote.rstrip('/')}/{args.dataset}/{version}"
    print(f"{'pushed' if copied else 'already there:'} {where}")
    print(f'load:    quotewire.load("statements", dataset="{args.dataset}", root="{args.remote}")')
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from quotewire.read.report import collect, write_report

    if args.top < 1:
        print("quotewire report: --top must be >= 1", file=sys.stderr)
        return 2
    version = None if args.version is None else _version_arg(args.version)
    data = collect(version, args.dataset, args.root, args.top)
    path = write_report(data, args.output)
    print(f"quotewire report: {data.dataset} {data.version} → {path}")
    return 0


def cmd_services(args: argparse.Namespace) -> int:
    from quotewire.ops import validator_service

    current = settings.from_env()
    found = validator_service.running(current)
    for service in found:
        if args.action == "stop":
            validator_service.stop(service.address)
            print(f"validation service: stopped pid {service.pid}")
            continue
        rss = f"{service.rss_bytes / 2**20:.0f} MB" if service.rss_bytes is not None else "memory unknown"
        print(f"validation service: running, pid {service.pid}, {rss}; socket {service.address.socket_path}")
    if not found:
        state = "not running" if current.validator_service else "off (QUOTEWIRE_VALIDATOR_IDLE_SECONDS=0 or under a Prefect worker)"
        print(f"validation service: {state}; builds start it in {current.runtime_dir}")
    elif args.action == "status":
        print(f"validation service: exits after {current.validator_idle_s:g} s idle")
    return 0


# ---------------------------------------------------------------------------------------
# serve
# ---------------------------------------------------------------------------------------


def _repo_root(explicit: str | None) -> Path:
    """``--repo``, else ``$QUOTEWIRE_HOME``, else the checkout this module lives in."""
    return Path(explicit).resolve() if explicit else settings.from_env().home


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait_healthy(api_url: str, proc: subprocess.Popen[bytes], timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=5) as resp:  # noqa: S310 (loopback)
                if json.loads(resp.read()) is True:
                    return True
        except (urllib.error.URLError, OSError, ValueError):
            pass
        time.sleep(0.5)
    return False


def stop_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM (a graceful stop for Prefect's server and worker), then SIGKILL, to the
    whole group. Not SIGINT: a process started from a background shell ignores it."""
    for sig, wait_s in ((signal.SIGTERM, 20), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait_s)
        except subprocess.TimeoutExpired:
            continue
        # The leader is gone; anything left in its group goes with it.
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        return


def serve_env(port: int, repo: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for the server, deploy and worker: a copy of ``base`` (default
    ``os.environ``) pointed at the local server, with telemetry off."""
    env = dict(os.environ if base is None else base)
    env.update({
        "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
        "PREFECT_SERVER_API_HOST": "127.0.0.1",
        "PREFECT_SERVER_API_PORT": str(port),
        "PREFECT_CLI_PROMPT": "false",
        "QUOTEWIRE_HOME": str(repo),
    })
    settings.apply_prefect_defaults(env)
    return env


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def cmd_serve(args: argparse.Namespace) -> int:
    repo = _repo_root(args.repo)
    if not (repo / "prefect.yaml").is_file():
        print(f"quotewire serve: no prefect.yaml in {repo} (use --repo)", file=sys.stderr)
        return 2
    if _port_in_use(args.port):
        # Otherwise the health check would happily find someone else's server.
        print(f"quotewire serve: 127.0.0.1:{args.port} is in use (another server?); try --port", file=sys.stderr)
        return 2
    env = serve_env(args.port, repo)
    api_url = env["PREFECT_API_URL"]
    # sys.executable is this venv's Python: the worker runs flows with it.
    prefect = [sys.executable, "-m", "prefect"]
    procs: list[subprocess.Popen[bytes]] = []

    def start(*cmd: str) -> subprocess.Popen[bytes]:
        # Own process group each, so stopping reaches uvicorn and flow-run children.
        proc = subprocess.Popen([*prefect, *cmd], cwd=repo, env=env, start_new_session=True)
        procs.append(proc)
        return proc

    def run(*cmd: str) -> bool:
        return subprocess.run([*prefect, *cmd], cwd=repo, env=env).returncode == 0

    # SIGTERM (e.g. from a supervisor) takes the same clean path as Ctrl-C; SIGINT is set
    # explicitly because a command started in the background inherits it ignored.
    previous = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        print(f"quotewire serve: starting Prefect server on {api_url}", flush=True)
        server = start("server", "start", "--host", "127.0.0.1", "--port", str(args.port))
        if not wait_healthy(api_url, server, args.startup_timeout):
            print(f"quotewire serve: server did not start on port {args.port} (in use?)", file=sys.stderr)
            return 1
        # The pool may exist from an earlier session; --overwrite keeps this idempotent.
        if not run("work-pool", "create", SERVE_POOL, "--type", "process", "--overwrite"):
            return 1
        if not run("deploy", "--all"):
            return 1
        worker = start("worker", "start", "--pool", SERVE_POOL, "--type", "process")
        ui = api_url.removesuffix("/api")
        print(
            f"\nquotewire serve: UI {ui}  (Ctrl-C stops server and worker)\n"
            f"  run now: PREFECT_API_URL={api_url} {sys.executable} -m prefect deployment run build-dataset/daily-news\n",
            flush=True,
        )
        while server.poll() is None and worker.poll() is None:
            time.sleep(1)
        print("quotewire serve: a Prefect process exited; stopping", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        # A second Ctrl-C must not cut the cleanup short and leave a server running; each
        # stop is bounded (SIGKILL after 20 s).
        for sig in previous:
            signal.signal(sig, signal.SIG_IGN)
        for proc in reversed(procs):
            stop_group(proc)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "diff": cmd_diff,
    "report": cmd_report,
    "push": cmd_push,
    "serve": cmd_serve,
    "services": cmd_services,
}
