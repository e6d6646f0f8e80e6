"""A validation process kept warm between builds.

Importing great_expectations takes 3-5 s, which is most of an incremental build (100 new
articles extract in a fraction of a second). A build therefore hands validation to a
long-lived local process that imported it once: the first build starts it, later builds
reuse it, and it exits by itself after ``QUOTEWIRE_VALIDATOR_IDLE_SECONDS`` without work
(default 600; ``0`` turns the service off and every build validates in a process of its
own, as before). Think of Gradle's daemon: same results, less start-up.

Contracts:

- The service only runs ``validate.validate_dir`` on paths the client names; the report
  is the same value an in-process call returns. Publishing stays with the client.
- One service per (interpreter, quotewire source, great_expectations version): editing
  the code or upgrading a package starts a new one; the stale one idles out.
- It listens on a Unix socket in a private folder (mode 0700, owned by the user:
  ``$QUOTEWIRE_RUNTIME_DIR``, else ``$XDG_RUNTIME_DIR/quotewire``, else
  ``/tmp/quotewire-<uid>``) and authenticates every connection with a random key readable
  only by the user (``multiprocessing.connection``'s HMAC challenge).
- ``validate`` refuses nothing: whenever the service is off, cannot start, or dies mid-way
  it returns ``None`` and the caller validates in process. A service error inside
  ``validate_dir`` is raised to the caller as ``ValidatorServiceError``.
- After a request that left it holding more than ``MAX_KEPT_RSS_BYTES`` it exits (Python
  keeps freed memory), so an idle service stays small.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import importlib.metadata
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from multiprocessing.connection import AuthenticationError, Client, Connection, Listener
from pathlib import Path
from typing import TYPE_CHECKING

# quotewire.validate (pandas, pyarrow; great_expectations later) is imported only where it
# is used: a starting service must reach its lock in milliseconds, before a second start
# could slip in.
if TYPE_CHECKING:
    from quotewire.validate import ValidationReport

IDLE_ENV = "QUOTEWIRE_VALIDATOR_IDLE_SECONDS"
RUNTIME_ENV = "QUOTEWIRE_RUNTIME_DIR"
DEFAULT_IDLE_SECONDS = 600.0
MAX_KEPT_RSS_BYTES = 1 << 30
# A cold service imports great_expectations before it answers; on a loaded machine that
# has been seen to take 15 s.
START_WAIT_SECONDS = 120.0


class ValidatorServiceError(RuntimeError):
    """validate_dir raised inside the service; the message carries its traceback."""


@dataclass(frozen=True)
class ServiceAddress:
    """Where one service lives: its socket, key, lock and pid files (all in one private folder)."""

    folder: Path
    name: str

    @property
    def socket_path(self) -> Path:
        return self.folder / f"{self.name}.sock"

    @property
    def key_path(self) -> Path:
        return self.folder / f"{self.name}.key"

    @property
    def lock_path(self) -> Path:
        return self.folder / f"{self.name}.lock"

    @property
    def pid_path(self) -> Path:
        return self.folder / f"{self.name}.pid"


@dataclass(frozen=True)
class ValidateRequest:
    staging: str
    suites_dir: str
    chunk_rows: int
    already_valid: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class ValidateReply:
    report: ValidationReport | None
    error: str | None = None


@dataclass(frozen=True)
class ServiceStatus:
    address: ServiceAddress
    pid: int | None
    rss_bytes: int | None


def idle_seconds(env: Mapping[str, str] | None = None) -> float:
    """The idle timeout from the environment; 0 means the service is off. Refuses
    (ValueError) a value that is not a number."""
    raw = (os.environ if env is None else env).get(IDLE_ENV, "").strip()
    return DEFAULT_IDLE_SECONDS if not raw else max(0.0, float(raw))


def _code_fingerprint() -> str:
    """Changes when any quotewire source file, the interpreter or great_expectations does.
    File sizes and mtimes, not contents: this runs at every build and must stay cheap."""
    h = hashlib.sha256(sys.executable.encode())
    try:
        h.update(importlib.metadata.version("great_expectations").encode())
    except importlib.metadata.PackageNotFoundError:
        pass
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        st = path.stat()
        h.update(f"{path.relative_to(package)}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def runtime_folder(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if env.get(RUNTIME_ENV):
        return Path(env[RUNTIME_ENV])
    if env.get("XDG_RUNTIME_DIR"):
        return Path(env["XDG_RUNTIME_DIR"]) / "quotewire"
    return Path(tempfile.gettempdir()) / f"quotewire-{os.getuid()}"


@functools.lru_cache(maxsize=1)
def _process_fingerprint() -> str:
    # Once per process: a build that starts the service and later asks it for work must
    # name the same one, even if a source file is saved in between.
    return _code_fingerprint()


def service_address(folder: Path | None = None) -> ServiceAddress:
    return ServiceAddress(folder or runtime_folder(), f"validator-{_process_fingerprint()}")


def _private_folder(folder: Path) -> bool:
    """Create the folder (0700) if needed; False when it exists but is not ours alone
    (another user could then read the key or plant a socket)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = folder.stat()
    except OSError:
        return False
    return st.st_uid == os.getuid() and not st.st_mode & 0o077


def _write_private(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def _lock_is_held(address: ServiceAddress) -> bool:
    """True while a service (started or starting) holds the address's lock."""
    try:
        fd = os.open(address.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing releases a lock we may have just taken
    return False


def _sweep_stale_locks(address: ServiceAddress) -> None:
    """Remove the lock files of other services (older code) that no longer run."""
    for path in address.folder.glob("validator-*.lock"):
        other = ServiceAddress(address.folder, path.stem)
        if other.name != address.name and not _lock_is_held(other):
            path.unlink(missing_ok=True)


_spawned: dict[ServiceAddress, subprocess.Popen[bytes]] = {}


def start(address: ServiceAddress | None = None, idle_s: float | None = None) -> bool:
    """Make sure a service is running or starting at ``address``; returns at once. False
    when the service is off or its folder is not private (the caller validates itself).
    Starts at most one process at a time per address from this process."""
    idle_s = idle_seconds() if idle_s is None else idle_s
    if idle_s <= 0 or not _socket_supported():
        return False
    address = address or service_address()
    if not _private_folder(address.folder):
        return False
    earlier = _spawned.get(address)
    if earlier is not None and earlier.poll() is None:
        return True  # ours is still starting (or serving)
    if not _lock_is_held(address):
        _sweep_stale_locks(address)
        _spawned[address] = subprocess.Popen(
            [sys.executable, "-m", "quotewire.validator_service", "--folder", str(address.folder),
             "--name", address.name, "--idle-seconds", str(idle_s)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            # Its own session: a build's Ctrl-C or a killed build's process group does not
            # take the shared service down with it.
            start_new_session=True, close_fds=True, cwd=address.folder,
        )
    return True


def _connect(address: ServiceAddress) -> Connection | None:
    try:
        key = address.key_path.read_bytes()
        return Client(str(address.socket_path), family="AF_UNIX", authkey=key)
    except (OSError, EOFError, AuthenticationError):
        return None  # not up yet, restarting, or a key from a service that just left


def validate(
    staging: Path,
    suites_dir: Path,
    chunk_rows: int,
    already_valid: Mapping[str, int] | None = None,
    address: ServiceAddress | None = None,
    wait_s: float = START_WAIT_SECONDS,
) -> ValidationReport | None:
    """``validate_dir(staging, suites_dir, chunk_rows, already_valid)`` run by the service.
    ``None`` when the service is off, does not come up within ``wait_s``, or goes away
    twice during a request: the caller then validates in its own process."""
    address = address or service_address()
    if not start(address):
        return None
    request = ValidateRequest(str(Path(staging).resolve()), str(Path(suites_dir).resolve()), chunk_rows,
                              tuple(sorted((already_valid or {}).items())))
    deadline = time.monotonic() + wait_s
    lost = 0
    while time.monotonic() < deadline and lost < 2:
        conn = _connect(address)
        if conn is None:
            time.sleep(0.05)
            start(address)  # a service that idled out between our check and now
            continue
        try:
            conn.send(request)
            reply: ValidateReply = conn.recv()
        except (OSError, EOFError):
            lost += 1  # it exited (idle, killed) with our request; ask a new one
            start(address)
            continue
        finally:
            conn.close()
        if reply.error is not None:
            raise ValidatorServiceError(reply.error)
        return reply.report
    return None


def status(address: ServiceAddress | None = None) -> ServiceStatus:
    address = address or service_address()
    try:
        pid = int(address.pid_path.read_text())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return ServiceStatus(address, None, None)
    return ServiceStatus(address, pid, _rss_bytes(pid))


def running(folder: Path | None = None) -> list[ServiceStatus]:
    """Every service running in ``folder``: this code's and older code's not yet idled out."""
    folder = folder or runtime_folder()
    found = (status(ServiceAddress(folder, path.stem)) for path in sorted(folder.glob("validator-*.pid")))
    return [s for s in found if s.pid is not None]


def stop(address: ServiceAddress | None = None, wait_s: float = 10.0) -> int | None:
    """Ask the service at ``address`` to exit (SIGTERM) and wait for it; its pid, or None
    when none was running."""
    pid = status(address).pid
    if pid is None:
        return None
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except OSError:
            break
        time.sleep(0.05)
    return pid


def _rss_bytes(pid: int | str = "self") -> int | None:
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


class _Activity:
    """When the service last finished work, and whether it is working now."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._busy = False
        self._since = time.monotonic()

    def begin(self) -> None:
        with self._lock:
            self._busy = True

    def end(self) -> None:
        with self._lock:
            self._busy, self._since = False, time.monotonic()

    def idle_for(self) -> float:
        with self._lock:
            return 0.0 if self._busy else time.monotonic() - self._since


def _answer(conn: Connection) -> None:
    from quotewire.validate import validate_dir

    request = conn.recv()
    if not isinstance(request, ValidateRequest):
        conn.send(ValidateReply(None, f"not a ValidateRequest: {type(request).__name__}"))
        return
    try:
        # Two processes: the service has nothing else to do, and the build waits on it.
        report = validate_dir(Path(request.staging), Path(request.suites_dir), request.chunk_rows, dict(request.already_valid), processes=2)
    except Exception:  # noqa: BLE001 - the client re-raises it with this traceback
        conn.send(ValidateReply(None, traceback.format_exc()))
        return
    conn.send(ValidateReply(report))


def serve(address: ServiceAddress, idle_s: float) -> int:
    """Run the service until it has been idle ``idle_s`` seconds, is sent SIGTERM, or
    holds too much memory. Returns at once (0) when another service holds the address."""
    if not _private_folder(address.folder):
        return 2
    lock_fd = os.open(address.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return 0  # a second start raced us; the first one serves

    def leave(*_: object) -> None:
        # Only the lock holder removes these names, so this never removes a successor's.
        for path in (address.socket_path, address.key_path, address.pid_path):
            path.unlink(missing_ok=True)
        os._exit(0)

    signal.signal(signal.SIGTERM, leave)
    signal.signal(signal.SIGINT, leave)
    from quotewire.validate import warm_up_import

    warm_up_import()
    key = secrets.token_bytes(32)
    _write_private(address.key_path, key)
    address.socket_path.unlink(missing_ok=True)  # left by a service that was killed
    listener = Listener(str(address.socket_path), family="AF_UNIX", authkey=key)
    _write_private(address.pid_path, str(os.getpid()).encode())
    activity = _Activity()

    def watch() -> None:
        while activity.idle_for() < idle_s:
            time.sleep(min(1.0, idle_s / 4))
        leave()

    threading.Thread(target=watch, name="idle-watch", daemon=True).start()
    while True:
        try:
            conn = listener.accept()
        except (OSError, EOFError, AuthenticationError):
            continue  # a client that failed the key challenge or hung up
        activity.begin()
        try:
            _answer(conn)
        except (OSError, EOFError):
            pass  # the client went away; nothing to answer
        finally:
            conn.close()
            activity.end()
        rss = _rss_bytes()
        if rss is not None and rss > MAX_KEPT_RSS_BYTES:
            leave()


def _socket_supported() -> bool:
    return hasattr(socket, "AF_UNIX")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Run the validation service (started by builds; see quotewire validator).")
    ap.add_argument("--folder", required=True)
    ap.add_argument("--name", required=True)
    ap.add_argument("--idle-seconds", type=float, default=DEFAULT_IDLE_SECONDS)
    args = ap.parse_args(argv)
    if not _socket_supported():
        return 2
    return serve(ServiceAddress(Path(args.folder), args.name), args.idle_seconds)


if __name__ == "__main__":
    # Run from the module under its real name: replies pickle their classes as
    # quotewire.validator_service.*, which the client can import (not __main__.*).
    from quotewire.validator_service import main as _main

    sys.exit(_main())
