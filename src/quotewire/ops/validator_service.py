"""A validation process kept warm between interactive builds.

Importing great_expectations takes 3-5 s, which is most of an incremental build (100 new
articles extract in a fraction of a second). An interactive build therefore hands
validation to a long-lived local process that imported it once: the first build starts
it, later builds reuse it, and it exits by itself after ``QUOTEWIRE_VALIDATOR_IDLE_SECONDS``
without work (default 600; ``0`` turns it off and every build validates in a process of
its own). Measured with ``--engine local`` (README, Engines): 100 new articles on top of
19,679 Reuters ones took 7.7 s without it, 3.4 s with it.

Contracts:

- The service only runs ``validate.validate_dir`` on paths the client names; the report
  is the same value an in-process call returns. Publishing stays with the client.
- It is never started under a Prefect worker (``Settings.validator_service``): a scheduled
  run is a fresh process once a day, and the service would idle out unused.
- One service per (interpreter, quotewire source, great_expectations version, datasets
  root): editing the code or upgrading a package starts a new one; the stale one idles
  out. It logs to ``<root>/_logs/validator-service.log``.
- It listens on a Unix socket in a private folder (``Settings.runtime_dir``, mode 0700)
  and authenticates every connection with a random key readable only by the user
  (``multiprocessing.connection``'s HMAC challenge). Both sides bound their waits: the
  service drops a client that sends nothing within ``REQUEST_TIMEOUT_SECONDS``; a client
  gives up after ``QUOTEWIRE_VALIDATOR_TIMEOUT_SECONDS`` without a reply.
- ``validate`` refuses nothing: whenever the service is off, fails to start, does not
  answer in time or dies mid-way it returns ``None`` (logged) and the caller validates in
  process. An error inside ``validate_dir`` is raised to the caller as
  ``ValidatorServiceError``.
- After a request that left it holding more than ``MAX_KEPT_RSS_BYTES`` it exits (Python
  keeps freed memory), so an idle service stays small.
"""

from __future__ import annotations

import argparse
import fcntl
import functools
import hashlib
import importlib.metadata
import logging
import os
import secrets
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import AuthenticationError, Client, Connection, Listener, answer_challenge, deliver_challenge
from pathlib import Path
from typing import TYPE_CHECKING

from quotewire.settings import Settings

# quotewire.dataset.validate (pandas, pyarrow; great_expectations later) is imported only where it
# is used: a starting service must reach its lock in milliseconds, before a second start
# could slip in.
if TYPE_CHECKING:
    from quotewire.dataset.validate import ValidationReport

MAX_KEPT_RSS_BYTES = 1 << 30
# A cold service imports great_expectations before it answers; on a loaded machine that
# has been seen to take 15 s. One that exits before it answers is given up at once.
START_WAIT_SECONDS = 60.0
# A connected client sends its request at once; one that does not is dropped after this.
REQUEST_TIMEOUT_SECONDS = 10.0
# Both ends answer the key challenge at once. A peer that does not (stopped, or a foreign
# process on the socket) would otherwise hold the single-threaded service in its accept,
# or a build in its connect, for ever.
HANDSHAKE_TIMEOUT_SECONDS = 10.0
PREFIX = "validator-"
LOG_NAME = "validator-service.log"

log = logging.getLogger(__name__)


# --- where a service lives, and how it is started, found and stopped -------------------
#
# Each service lives at a ``ServiceAddress``: a socket, a key, a lock and a pid file in one
# private folder (mode 0700, owned by the user). The lock (flock) is held by the one
# process serving the address, from before it starts listening until it leaves; a second
# start finds it held and returns.


@dataclass(frozen=True)
class ServiceAddress:
    """Where one service lives: its socket, key, lock and pid files (all in one private folder)."""

    folder: Path
    name: str

    def file(self, suffix: str) -> Path:
        """Its ``sock``et, ``key``, ``lock`` or ``pid`` file."""
        return self.folder / f"{self.name}.{suffix}"

    socket_path = property(lambda self: self.file("sock"))
    key_path = property(lambda self: self.file("key"))
    lock_path = property(lambda self: self.file("lock"))
    pid_path = property(lambda self: self.file("pid"))


@dataclass(frozen=True)
class ServiceStatus:
    address: ServiceAddress
    pid: int | None
    rss_bytes: int | None


def private_folder(folder: Path) -> bool:
    """Create the folder (0700) if needed; False when it exists but is not ours alone
    (another user could then read the key or plant a socket)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = folder.stat()
    except OSError:
        return False
    return st.st_uid == os.getuid() and not st.st_mode & 0o077


def write_private(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def lock_is_held(address: ServiceAddress) -> bool:
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


def take_lock(address: ServiceAddress) -> int | None:
    """The address's lock, held until this process exits (the fd is returned to keep it
    open); None when another process holds it."""
    fd = os.open(address.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def sweep_stale_locks(address: ServiceAddress) -> None:
    """Remove the lock files of other validation services (older code, other roots) that no
    longer run."""
    for path in address.folder.glob(f"{PREFIX}*.lock"):
        other = ServiceAddress(address.folder, path.stem)
        if other.name != address.name and not lock_is_held(other):
            path.unlink(missing_ok=True)


_spawned: dict[ServiceAddress, subprocess.Popen[bytes]] = {}


def spawn(address: ServiceAddress, argv: Sequence[str], log_file: Path) -> bool:
    """Make sure a service is running or starting at ``address``: unless one holds its lock,
    start ``argv`` detached, its output appended to ``log_file``. Returns at once; False
    when the folder is not private or the log cannot be opened (the caller then does the
    work itself), or when the service this process started has exited with an error (its
    log says why). Starts at most one process at a time per address from here."""
    if not private_folder(address.folder):
        return False
    earlier = _spawned.get(address)
    if earlier is not None and earlier.poll() is None:
        return True  # ours is still starting (or serving)
    if earlier is not None and earlier.returncode != 0:
        return False  # ours failed (an idled-out one exits 0 and may be started again)
    if not lock_is_held(address):
        sweep_stale_locks(address)
        try:
            log_file.parent.mkdir(parents=True, exist_ok=True)
            out = log_file.open("ab")
        except OSError:
            return False
        with out:
            _spawned[address] = subprocess.Popen(
                list(argv), stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                # Its own session: a build's Ctrl-C or a killed build's process group does
                # not take the shared service down with it.
                start_new_session=True, close_fds=True, cwd=address.folder,
            )
    return True


def connect(address: ServiceAddress) -> Connection | None:
    """A connection to the service, authenticated both ways; None when there is no
    service, its key differs, or it does not answer the handshake in time."""
    try:
        key = address.key_path.read_bytes()
        return _handshake(Client(str(address.socket_path), family="AF_UNIX"), key, server=False)
    except (OSError, EOFError, AuthenticationError):
        return None  # not up yet, restarting, stuck, or a key from a service that just left


def _handshake(conn: Connection, key: bytes, *, server: bool) -> Connection:
    """Authenticate ``conn`` both ways, as ``Listener``/``Client`` with an ``authkey`` do,
    but with every read bounded by HANDSHAKE_TIMEOUT_SECONDS (``SO_RCVTIMEO``: a silent
    peer raises OSError instead of blocking). Closes ``conn`` and raises
    AuthenticationError (wrong key), OSError or EOFError (silent or gone) on failure."""
    try:
        _receive_timeout(conn, HANDSHAKE_TIMEOUT_SECONDS)
        if server:
            deliver_challenge(conn, key)
            answer_challenge(conn, key)
        else:
            answer_challenge(conn, key)
            deliver_challenge(conn, key)
        _receive_timeout(conn, 0.0)  # requests and replies have their own bounded polls
    except BaseException:
        conn.close()
        raise
    return conn


def _receive_timeout(conn: Connection, seconds: float) -> None:
    """Set the socket's receive timeout (0: none) through a duplicate of its descriptor."""
    sock = socket.socket(fileno=os.dup(conn.fileno()))
    try:
        whole = int(seconds)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, struct.pack("ll", whole, int((seconds - whole) * 1e6)))
    finally:
        sock.close()


def rss_bytes(pid: int | str = "self") -> int | None:
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def status(address: ServiceAddress) -> ServiceStatus:
    try:
        pid = int(address.pid_path.read_text())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return ServiceStatus(address, None, None)
    return ServiceStatus(address, pid, rss_bytes(pid))


def stop(address: ServiceAddress, wait_s: float | None = 10.0) -> int | None:
    """Ask the service at ``address`` to exit (SIGTERM) and wait for it up to ``wait_s``
    seconds (None: until it has exited); its pid, or None when none was running."""
    pid = status(address).pid
    if pid is None:
        return None
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + (float("inf") if wait_s is None else wait_s)
    while time.monotonic() < deadline and not _exited(address, pid):
        time.sleep(0.05)
    return pid


def _exited(address: ServiceAddress, pid: int) -> bool:
    """Whether the service ``pid`` has exited. One this process started is reaped here:
    until then it is a zombie, which signal 0 still finds."""
    ours = _spawned.get(address)
    if ours is not None and ours.pid == pid:
        return ours.poll() is not None
    try:
        os.kill(pid, 0)
    except OSError:
        return True
    return False


def remove_files(address: ServiceAddress) -> None:
    """What a leaving service removes. Only the lock holder calls it, so it never removes a
    successor's files."""
    for path in (address.socket_path, address.key_path, address.pid_path):
        path.unlink(missing_ok=True)


class Activity:
    """When the service last finished work, and how much it is doing now."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._busy = 0
        self._since = time.monotonic()

    def begin(self) -> None:
        with self._lock:
            self._busy += 1

    def end(self) -> None:
        with self._lock:
            self._busy, self._since = max(0, self._busy - 1), time.monotonic()

    def idle_for(self) -> float:
        with self._lock:
            return 0.0 if self._busy else time.monotonic() - self._since


# --- the validation service -------------------------------------------------------------


class ValidatorServiceError(RuntimeError):
    """validate_dir raised inside the service; the message carries its traceback."""


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


@functools.lru_cache(maxsize=1)
def _process_fingerprint() -> str:
    """Changes when any quotewire source file, the interpreter or great_expectations does.
    File sizes and mtimes, not contents: cheap at every build. Once per process: a build
    that starts the service and later asks it for work must name the same one, even if a
    source file is saved in between."""
    try:
        gx = importlib.metadata.version("great_expectations")
    except importlib.metadata.PackageNotFoundError:
        gx = ""
    package = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(f"{sys.executable}\0{gx}\0".encode())
    for path in sorted(package.rglob("*.py")):
        st = path.stat()
        h.update(f"{path.relative_to(package)}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def service_address(settings: Settings, root: str | os.PathLike[str]) -> ServiceAddress:
    """Where the service for datasets under ``root`` lives, for this code."""
    where = hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:8]
    return ServiceAddress(settings.runtime_dir, f"{PREFIX}{_process_fingerprint()}-{where}")


def log_path(root: str | os.PathLike[str]) -> Path:
    return Path(root).resolve() / "_logs" / LOG_NAME


def start(settings: Settings, root: str | os.PathLike[str]) -> bool:
    """Make sure the service for ``root`` is running or starting; returns at once. False
    when the service is off (``Settings.validator_service``), failed to start from this
    process before, or its folder is not private: the caller validates itself."""
    if not settings.validator_service or not _socket_supported():
        return False
    address = service_address(settings, root)
    return spawn(address, [
        sys.executable, "-m", "quotewire.ops.validator_service", "--folder", str(address.folder),
        "--name", address.name, "--idle-seconds", str(settings.validator_idle_s),
    ], log_path(root))


@dataclass(frozen=True)
class ServiceValidator:
    """A ``build.RemoteValidator``: the service for datasets under ``root``."""

    settings: Settings
    root: str

    def start(self) -> bool:
        return start(self.settings, self.root)

    def __call__(self, staging: Path, suites_dir: Path, chunk_rows: int, already_valid: Mapping[str, int]) -> ValidationReport | None:
        return validate(staging, suites_dir, chunk_rows, already_valid, settings=self.settings, root=self.root)


def remote(settings: Settings, root: str | os.PathLike[str]) -> ServiceValidator | None:
    """The validator a build hands its checks to, or None when the service is off (the
    build validates by itself). Starts nothing: the build does, when it has work."""
    if not settings.validator_service:
        log.info("validation service off (%s): this build validates in its own process",
                 "a Prefect worker's run" if settings.under_prefect_worker else "QUOTEWIRE_VALIDATOR_IDLE_SECONDS=0")
        return None
    return ServiceValidator(settings, str(root))


def validate(
    staging: Path,
    suites_dir: Path,
    chunk_rows: int,
    already_valid: Mapping[str, int] | None = None,
    *,
    settings: Settings,
    root: str | os.PathLike[str],
    wait_s: float = START_WAIT_SECONDS,
) -> ValidationReport | None:
    """``validate_dir(staging, suites_dir, chunk_rows, already_valid)`` run by the service.
    ``None`` (logged) when the service is off, does not come up within ``wait_s``, sends
    no reply within ``settings.validator_timeout_s``, or goes away twice during a request:
    the caller then validates in its own process."""
    address = service_address(settings, root)
    request = ValidateRequest(str(Path(staging).resolve()), str(Path(suites_dir).resolve()), chunk_rows,
                              tuple(sorted((already_valid or {}).items())))
    deadline = time.monotonic() + wait_s
    lost = 0
    while time.monotonic() < deadline and lost < 2:
        conn = connect(address)
        if conn is None:
            if not start(settings, root):  # a service that failed, or idled out meanwhile
                break
            time.sleep(0.05)
            continue
        try:
            conn.send(request)
            if not conn.poll(settings.validator_timeout_s):
                log.warning("the validation service sent no reply within %g s (see %s); validating in this process",
                            settings.validator_timeout_s, log_path(root))
                return None
            reply: ValidateReply = conn.recv()
        except (OSError, EOFError):
            lost += 1  # it exited (idle, killed) with our request; ask a new one
            start(settings, root)
            continue
        finally:
            conn.close()
        if reply.error is not None:
            raise ValidatorServiceError(reply.error)
        return reply.report
    log.warning("the validation service is unavailable (see %s); validating in this process", log_path(root))
    return None


def running(settings: Settings) -> list[ServiceStatus]:
    """Every service running in the settings' folder: this code's and older code's (or
    other roots') not yet idled out."""
    found = (status(ServiceAddress(settings.runtime_dir, p.stem)) for p in sorted(settings.runtime_dir.glob(f"{PREFIX}*.pid")))
    return [s for s in found if s.pid is not None]


def _answer(conn: Connection) -> None:
    from quotewire.dataset.validate import validate_dir

    if not conn.poll(REQUEST_TIMEOUT_SECONDS):
        log.warning("a client sent no request within %g s; dropped", REQUEST_TIMEOUT_SECONDS)
        return
    request = conn.recv()
    if not isinstance(request, ValidateRequest):
        conn.send(ValidateReply(None, f"not a ValidateRequest: {type(request).__name__}"))
        return
    started = time.monotonic()
    try:
        # Two processes: the service has nothing else to do, and the build waits on it.
        report = validate_dir(Path(request.staging), Path(request.suites_dir), request.chunk_rows, dict(request.already_valid), processes=2)
    except Exception:  # noqa: BLE001 - the client re-raises it with this traceback
        log.exception("validating %s failed", request.staging)
        conn.send(ValidateReply(None, traceback.format_exc()))
        return
    log.info("validated %s in %.1f s: %s", request.staging, time.monotonic() - started,
             "passed" if report.success else "FAILED")
    conn.send(ValidateReply(report))


def serve(address: ServiceAddress, idle_s: float) -> int:
    """Run the service until it has been idle ``idle_s`` seconds, is sent SIGTERM, or
    holds too much memory. Returns at once (0) when another service holds the address."""
    if not private_folder(address.folder):
        return 2
    if take_lock(address) is None:
        return 0  # a second start raced us; the first one serves

    def leave(*_: object) -> None:
        remove_files(address)
        log.info("pid %d leaving", os.getpid())
        logging.shutdown()
        os._exit(0)

    signal.signal(signal.SIGTERM, leave)
    signal.signal(signal.SIGINT, leave)
    from quotewire.dataset.build import release_memory
    from quotewire.dataset.validate import warm_up_import

    log.info("pid %d starting at %s (idle timeout %g s)", os.getpid(), address.socket_path, idle_s)
    warm_up_import()
    key = secrets.token_bytes(32)
    write_private(address.key_path, key)
    address.socket_path.unlink(missing_ok=True)  # left by a service that was killed
    # No authkey here: _handshake authenticates each client with a bounded wait.
    listener = Listener(str(address.socket_path), family="AF_UNIX")
    write_private(address.pid_path, str(os.getpid()).encode())
    activity = Activity()

    def watch() -> None:
        while activity.idle_for() < idle_s:
            time.sleep(min(1.0, idle_s / 4))
        log.info("idle for %g s", idle_s)
        leave()

    threading.Thread(target=watch, name="idle-watch", daemon=True).start()
    while True:
        try:
            conn = _handshake(listener.accept(), key, server=True)
        except (OSError, EOFError, AuthenticationError):
            continue  # a client that failed the key challenge, stayed silent or hung up
        activity.begin()
        try:
            _answer(conn)
        except (OSError, EOFError):
            pass  # the client went away; nothing to answer
        finally:
            conn.close()
            activity.end()
        # A large validation leaves its chunks' memory with the allocators: given back, an
        # idle service is the size it was before it (a 200,000-article build: 514 MB
        # instead of 692 MB), and the next build's memory does not start from its peak.
        release_memory()
        rss = rss_bytes()
        if rss is not None and rss > MAX_KEPT_RSS_BYTES:
            log.info("holding %d MB after a request; leaving", rss >> 20)
            leave()


def _socket_supported() -> bool:
    return hasattr(socket, "AF_UNIX")


def main(argv: list[str] | None = None) -> int:
    # Its output is the log file the build opened for it (<root>/_logs/).
    # Warnings from anything; quotewire's own INFO records too (not great_expectations').
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s validation service: %(name)s: %(levelname)s: %(message)s")
    logging.getLogger("quotewire").setLevel(logging.INFO)
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    ap = argparse.ArgumentParser(description="Run the validation service (started by builds; see quotewire services).")
    ap.add_argument("--folder", required=True)
    ap.add_argument("--name", required=True)
    ap.add_argument("--idle-seconds", type=float, default=Settings().validator_idle_s)
    args = ap.parse_args(argv)
    if not _socket_supported():
        return 2
    return serve(ServiceAddress(Path(args.folder), args.name), args.idle_seconds)


if __name__ == "__main__":
    # Run from the module under its real name: replies pickle their classes as
    # quotewire.ops.validator_service.*, which the client can import (not __main__.*).
    from quotewire.ops.validator_service import main as _main

    sys.exit(_main())
