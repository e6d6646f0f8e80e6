"""A Prefect process kept warm between builds, with its server.

A Prefect build pays two fixed costs before its first task: importing Prefect and the
flow (3-4 s here) and, with no API configured, starting a temporary Prefect server (6-8
s). For 100 new articles that was 80% of the build. ``quotewire build`` therefore hands
the run to a local service that paid both once: it has the flow imported and its server
up, and forks one process per build. The fork gets the client's terminal (its stdin,
stdout and stderr, passed over the socket), working folder, environment and arguments,
and runs ``quotewire build`` exactly as the client would have; the client waits for its
exit status. Prefect's own runner works the same way in spirit (a process per flow run);
Rails' Spring preloader and Gradle's daemon are the models.

Contracts:

- The first build starts the service and waits for it; later builds reuse it. It exits
  after ``QUOTEWIRE_FLOW_SERVICE_IDLE_SECONDS`` (default 600) with no build running, and
  stops its server. ``0`` turns it off: every build imports Prefect and starts its own
  temporary server, as before.
- One service per (interpreter, quotewire source, flows/ source, Prefect version,
  ``PREFECT_*`` variables): code edits, upgrades and another Prefect profile or API each
  get a service of their own; a stale one idles out.
- With ``PREFECT_API_URL`` set, builds record their runs there and the service starts no
  server. Without it, the service's server keeps run history in ``PREFECT_HOME``'s
  database, as Prefect's temporary server does.
- ``run_build`` refuses nothing: when the service is off, cannot start or goes away
  before the build starts, it returns ``None`` and the CLI builds in its own process.
- Ctrl-C, SIGTERM and SIGHUP sent to the client are forwarded to the build's process
  group. A client killed with SIGKILL closes the socket, and the build's group is killed.
- SIGTERM to the service (``quotewire services stop``) never cuts a build short: with
  builds running it takes no new one (their clients build in their own process) and
  leaves, stopping its server, when the last has ended. ``running_builds`` names them.
- Same private folder, key and lock as the validation service (``quotewire.services``).
"""

from __future__ import annotations

import functools
import gc
import importlib.metadata
import os
import secrets
import select
import signal
import socket
import sys
import threading
import time
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import AuthenticationError, Connection, answer_challenge, deliver_challenge
from pathlib import Path

from quotewire import lifetimes, services, validator_service
from quotewire.services import ServiceAddress, ServiceStatus

IDLE_ENV = "QUOTEWIRE_FLOW_SERVICE_IDLE_SECONDS"
DEFAULT_IDLE_SECONDS = 600.0
PREFIX = "flows-"
# Set in the forked build, so that it builds rather than asking a service again.
IN_SERVICE_ENV = "QUOTEWIRE_IN_FLOW_SERVICE"
_FD_MARK = b"F"
# Set for every Prefect build unless the environment says otherwise: telemetry off (the
# server phones home without the first two), room for a slow temporary server start.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "GX_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
}


@dataclass(frozen=True)
class BuildRequest:
    """A ``quotewire`` command line, and the folder and environment to run it in."""

    argv: tuple[str, ...]
    cwd: str
    env: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Started:
    pid: int


@dataclass(frozen=True)
class Finished:
    exit_code: int


def idle_seconds(env: Mapping[str, str] | None = None) -> float:
    """The idle timeout from the environment; 0 means the service is off. Refuses
    (ValueError) a value that is not a number."""
    return services.idle_seconds(IDLE_ENV, DEFAULT_IDLE_SECONDS, env)


def flows_dir(env: Mapping[str, str] | None = None) -> Path:
    """``$QUOTEWIRE_FLOWS``, else the ``flows/`` folder of the checkout this module is in."""
    env = os.environ if env is None else env
    return Path(env.get("QUOTEWIRE_FLOWS") or Path(__file__).resolve().parents[2] / "flows")


@functools.lru_cache(maxsize=4)
def _fingerprint(prefect_env: tuple[tuple[str, str], ...], flows: str) -> str:
    try:
        prefect = importlib.metadata.version("prefect")
    except importlib.metadata.PackageNotFoundError:
        prefect = ""
    flow_files = [f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in sorted(Path(flows).glob("*.py"))]
    extra = [prefect, flows, *flow_files, *(f"{k}={v}" for k, v in prefect_env)]
    return services.source_fingerprint(Path(__file__).resolve().parent, extra)


def _import_time_env(env: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    # What the service reads while importing (Prefect's settings and logging, sys.path):
    # a build whose values differ needs a service of its own.
    return tuple(sorted((k, v) for k, v in env.items() if k.startswith("PREFECT_") or k in ("PYTHONPATH", "QUOTEWIRE_FLOWS")))


def service_address(env: Mapping[str, str] | None = None, folder: Path | None = None) -> ServiceAddress:
    """The service a build in ``env`` (default: this process's, with ``PREFECT_DEFAULTS``)
    uses."""
    env = {**PREFECT_DEFAULTS, **os.environ} if env is None else env
    name = f"{PREFIX}{_fingerprint(_import_time_env(env), str(flows_dir(env)))}"
    return ServiceAddress(folder or services.runtime_folder(env), name)


def start(address: ServiceAddress, idle_s: float, env: Mapping[str, str]) -> bool:
    """Make sure a service is running or starting at ``address``; returns at once. False
    when its folder is not private."""
    return services.spawn(address, PREFIX, [
        sys.executable, "-m", "quotewire.flow_service", "--folder", str(address.folder),
        "--name", address.name, "--idle-seconds", str(idle_s),
    ], env)


def status(address: ServiceAddress | None = None) -> ServiceStatus:
    return services.status(address or service_address())


def running(folder: Path | None = None) -> list[ServiceStatus]:
    return services.running(folder or services.runtime_folder(), PREFIX)


def stop(address: ServiceAddress | None = None, wait_s: float | None = 10.0) -> int | None:
    return services.stop(address or service_address(), wait_s)


@dataclass(frozen=True)
class RunningBuild:
    pid: int
    command: str


def running_builds(address: ServiceAddress | None = None) -> list[RunningBuild]:
    """The builds the service at ``address`` runs now (as it last recorded them)."""
    address = address or service_address()
    try:
        lines = address.work_path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    found = []
    for line in lines:
        pid, _, command = line.partition("\t")
        if pid.isdigit() and services.pid_alive(int(pid)):
            found.append(RunningBuild(int(pid), command))
    return found


def _record_builds(address: ServiceAddress, builds: Mapping[int, str]) -> None:
    services.write_private(address.work_path, "".join(f"{pid}\t{cmd}\n" for pid, cmd in builds.items()).encode())


# ---------------------------------------------------------------------------------------
# client
# ---------------------------------------------------------------------------------------


def run_build(argv: Sequence[str], wait_s: float | None = None) -> int | None:
    """Run ``quotewire <argv>`` in the flow service and return its exit status; ``None``
    when the service is off or unavailable (the caller builds in its own process). Waits
    up to ``wait_s`` for a cold service to import Prefect and start its server (default:
    the server's start-up timeout and 30 s more, at least ``START_WAIT_SECONDS``)."""
    env = dict(os.environ)
    if wait_s is None:
        from quotewire.cli_ops import server_start_timeout_s

        wait_s = max(services.START_WAIT_SECONDS, server_start_timeout_s(env) + 30.0)
    idle_s = idle_seconds(env)
    if idle_s <= 0 or env.get(IN_SERVICE_ENV) or not hasattr(socket, "AF_UNIX"):
        return None
    address = service_address(env)
    if not start(address, idle_s, env):
        return None
    deadline = time.monotonic() + wait_s
    told = False
    while True:
        conn = services.connect(address)
        if conn is not None:
            break
        if time.monotonic() >= deadline:
            return None
        if not services.lock_is_held(address):
            if services.spawned_and_gone(address):
                return None  # the one we started could not serve (no server, say): build here
            start(address, idle_s, env)  # one that idled out between our check and now
        if not told and services.lock_is_held(address):
            print("quotewire build: starting the flow service (Prefect and its server, kept for later builds)",
                  file=sys.stderr, flush=True)
            # The build will validate: the validation service imports great_expectations
            # now, on the core this start-up leaves idle, instead of during extraction.
            validator_service.start()
            told = True
        time.sleep(0.05)
    with conn:
        try:
            conn.send(BuildRequest(tuple(argv), os.getcwd(), tuple(env.items())))
            with socket.socket(fileno=os.dup(conn.fileno())) as sock:
                socket.send_fds(sock, [_FD_MARK], [0, 1, 2])
            started = conn.recv()
        except (OSError, EOFError):
            return None  # it left (idle, killed) before the build began: build here
        if not isinstance(started, Started):
            return None
        return _wait_for(conn, started.pid)


def _wait_for(conn: Connection, pid: int) -> int:
    """The build's exit status. Signals to this process reach the build's whole group, as
    a terminal's Ctrl-C reaches a foreground build's workers."""

    def forward(signum: int, _frame: object) -> None:
        try:
            os.killpg(pid, signum)
        except OSError:
            pass

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    try:
        finished = conn.recv()
    except (OSError, EOFError):
        print("quotewire build: the build ended without an exit status (killed?)", file=sys.stderr)
        return 1
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return finished.exit_code if isinstance(finished, Finished) else 1


# ---------------------------------------------------------------------------------------
# service
# ---------------------------------------------------------------------------------------


def _start_server_thread(env: Mapping[str, str]) -> tuple[threading.Thread, list[object]]:
    """Start the temporary server on a thread (it waits on HTTP, the main thread meanwhile
    imports Prefect); the list receives (process, url) or the exception."""
    from quotewire.cli_ops import TEMPORARY_SERVER_ENV, server_start_timeout_s, start_temporary_server

    out: list[object] = []

    def run() -> None:
        try:
            out.append(start_temporary_server({**env, **TEMPORARY_SERVER_ENV}, server_start_timeout_s(env)))
        except Exception as exc:  # noqa: BLE001 - read by serve()
            out.append(exc)

    thread = threading.Thread(target=run, name="server-start", daemon=True)
    thread.start()
    return thread, out


def serve(address: ServiceAddress, idle_s: float) -> int:
    """Import the flow, start a server unless an API is configured, then fork a build per
    request until idle for ``idle_s`` seconds (no build running) or sent SIGTERM. Returns
    at once (0) when another service holds the address."""
    if not services.private_folder(address.folder):
        return 0
    lock_fd = services.take_lock(address)
    if lock_fd is None:
        return 0
    server = None
    # A build's client learns its exit status from here, after the build was reaped, so
    # a client that has returned never leaves a zombie behind it (SIGCHLD wakes the loop).
    builds: dict[int, Connection] = {}
    commands: dict[int, str] = {}
    stopping = threading.Event()
    serving = threading.Event()

    def leave(*_: object) -> None:
        services.remove_files(address)
        if server is not None:
            from quotewire.cli_ops import stop_group

            stop_group(server)
        os._exit(0)

    def stop_after_builds(*_: object) -> None:
        if not serving.is_set():
            leave()  # still starting: no build to wait for
        stopping.set()  # the loop leaves once no build runs (at once if none does)

    signal.signal(signal.SIGTERM, stop_after_builds)
    signal.signal(signal.SIGINT, stop_after_builds)
    from quotewire import cli

    api_env: dict[str, str] = {}
    starting = None if os.environ.get("PREFECT_API_URL") else _start_server_thread(os.environ)
    flow_module = cli.load_flow_module()
    # Every build turns rows into Arrow arrays, and pyarrow's first pa.array() imports
    # pandas (0.25 s, a tenth of an incremental build): imported once here, every fork
    # has it.
    import pandas  # noqa: F401
    # What the imports made lives as long as the service: kept out of the collector's
    # sight, it is not walked by every full collection in a build (which makes many
    # objects), and its pages stay shared with the forks instead of being copied.
    gc.freeze()
    if starting is not None:
        thread, out = starting
        thread.join()
        if isinstance(out[0], Exception):
            services.remove_files(address)
            return 1
        server, url = out[0]  # type: ignore[misc]
        if flow_module._api_configured():  # a Prefect profile names an API: builds use it
            from quotewire.cli_ops import stop_group

            stop_group(server)
            server = None
    if server is not None:
        # Killed with SIGKILL, the service could not stop its server: a watcher does.
        lifetimes.reap_with_this_process(server.pid)
        # Logs of build runs go to the terminal, not into the server's database: writing
        # each line there kept the server busy on one of two cores (see flows/).
        api_env = {"PREFECT_API_URL": url, "PREFECT_LOGGING_TO_API_ENABLED": "false"}
    key = secrets.token_bytes(32)
    services.write_private(address.key_path, key)
    address.socket_path.unlink(missing_ok=True)  # left by a service that was killed
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(address.socket_path))
    listener.listen(16)
    services.write_private(address.pid_path, str(os.getpid()).encode())
    woken_r, woken_w = os.pipe()
    os.set_blocking(woken_w, False)
    signal.set_wakeup_fd(woken_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    idle_since = time.monotonic()
    serving.set()
    while True:
        if _reap_builds(builds):
            idle_since = time.monotonic()
            for pid in [p for p in commands if p not in builds]:
                del commands[pid]
            _record_builds(address, commands)
        if not builds and (stopping.is_set() or time.monotonic() - idle_since >= idle_s):
            leave()
        if server is not None and server.poll() is not None:
            leave()  # the server died: later builds start a new service
        ready = select.select([listener, woken_r], [], [], 1.0)[0]
        if woken_r in ready:
            os.read(woken_r, 512)
        if listener not in ready:
            continue
        client, _ = listener.accept()
        conn = Connection(client.detach())
        try:
            deliver_challenge(conn, key)
            answer_challenge(conn, key)
            request = conn.recv()
            with socket.socket(fileno=os.dup(conn.fileno())) as sock:
                _, fds, _, _ = socket.recv_fds(sock, len(_FD_MARK), 3)
        except (OSError, EOFError, AuthenticationError):
            conn.close()
            continue
        if not isinstance(request, BuildRequest) or len(fds) != 3 or stopping.is_set():
            # Stopping: the client finds the connection closed and builds in its own process.
            for fd in fds:
                os.close(fd)
            conn.close()
            continue
        pid = os.fork()
        if pid == 0:
            signal.set_wakeup_fd(-1)
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            for fd in (woken_r, woken_w, lock_fd):  # the lock is the service's alone
                os.close(fd)
            listener.close()
            _run_build_here(conn, request, fds, api_env)  # never returns
        builds[pid] = conn
        commands[pid] = " ".join(("quotewire", *request.argv))
        _record_builds(address, commands)
        for fd in fds:
            os.close(fd)


def _reap_builds(builds: dict[int, Connection]) -> bool:
    """Reap every build that has exited and send its client the exit status; True when
    one was reaped. A client gone meanwhile is not an error."""
    reaped = False
    for pid, conn in list(builds.items()):
        done, status = os.waitpid(pid, os.WNOHANG)
        if done != pid:
            continue
        code = os.waitstatus_to_exitcode(status)
        try:
            conn.send(Finished(code if code >= 0 else 128 - code))
        except OSError:
            pass
        conn.close()
        del builds[pid]
        reaped = True
    return reaped


def _run_build_here(conn: Connection, request: BuildRequest, fds: list[int], api_env: Mapping[str, str]) -> None:
    """In the forked build: become the client's command, report its exit status, exit."""
    code = 1
    done = threading.Event()
    try:
        os.setsid()  # its own group: forwarded signals reach it and its workers only
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        for stream in (sys.stdout, sys.stderr):
            stream.reconfigure(line_buffering=stream.isatty())  # type: ignore[union-attr]
        os.chdir(request.cwd)
        os.environ.clear()
        os.environ.update(dict(request.env))
        os.environ.update(api_env)
        os.environ[IN_SERVICE_ENV] = "1"
        from quotewire import cli

        cli.load_flow_module().reload_settings()  # Prefect read them when the service started
        conn.send(Started(os.getpid()))

        def watch_client() -> None:
            try:
                conn.recv_bytes()
            except (OSError, EOFError):
                pass
            if not done.is_set():
                os.killpg(0, signal.SIGKILL)  # the client was killed: so is its build

        threading.Thread(target=watch_client, name="client-watch", daemon=True).start()
        code = cli.main(list(request.argv))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except KeyboardInterrupt:
        code = 130
    except BaseException:  # noqa: BLE001 - reported to the client's terminal
        traceback.print_exc()
        code = 1
    try:
        from quotewire import cli

        cli.load_flow_module().drain_run_io()
        sys.stdout.flush()
        sys.stderr.flush()
        done.set()  # the service reports the exit status once it has reaped this process
    finally:
        os._exit(code)


def main(argv: list[str] | None = None) -> int:
    address, idle_s = services.parse_service_args(
        "Run the flow service (started by builds; see quotewire services).", DEFAULT_IDLE_SECONDS, argv)
    return serve(address, idle_s)


if __name__ == "__main__":
    # Run under its real name: messages pickle their classes as quotewire.flow_service.*.
    from quotewire.flow_service import main as _main

    sys.exit(_main())
