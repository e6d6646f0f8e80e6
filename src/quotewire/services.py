"""How a long-lived local service (the validation service) is found, started, locked and
stopped.

Each service lives at a ``ServiceAddress``: a socket, a key, a lock and a pid file in one
private folder (mode 0700, owned by the user: ``settings.runtime_dir``, from
``$QUOTEWIRE_RUNTIME_DIR``, else ``$XDG_RUNTIME_DIR/quotewire``, else
``/tmp/quotewire-<uid>``). The lock (flock) is held by
the one process serving the address, from before it starts listening until it leaves; a
second start finds it held and returns. Connections are authenticated with the key
(``multiprocessing.connection``'s HMAC challenge), which only the user can read.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import AuthenticationError, Client, Connection
from pathlib import Path

# A cold service imports a large package before it answers; on a loaded machine that has
# been seen to take 15 s. A service that exits before it answers is given up at once.
START_WAIT_SECONDS = 60.0


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
class ServiceStatus:
    address: ServiceAddress
    pid: int | None
    rss_bytes: int | None


def source_fingerprint(package: Path, extra: Iterable[str] = ()) -> str:
    """Changes when any ``*.py`` file under ``package``, the interpreter or one of ``extra``
    does. File sizes and mtimes, not contents: this runs at every build and must stay cheap."""
    h = hashlib.sha256(sys.executable.encode())
    for item in extra:
        h.update(item.encode() + b"\0")
    for path in sorted(package.rglob("*.py")):
        st = path.stat()
        h.update(f"{path.relative_to(package)}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


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


def sweep_stale_locks(address: ServiceAddress, prefix: str) -> None:
    """Remove the lock files of other services named ``prefix*`` (older code) that no
    longer run."""
    for path in address.folder.glob(f"{prefix}*.lock"):
        other = ServiceAddress(address.folder, path.stem)
        if other.name != address.name and not lock_is_held(other):
            path.unlink(missing_ok=True)


_spawned: dict[ServiceAddress, subprocess.Popen[bytes]] = {}


def spawn(address: ServiceAddress, prefix: str, argv: Sequence[str], log_path: Path) -> bool:
    """Make sure a service is running or starting at ``address``: unless one holds its lock,
    start ``argv`` detached, its output appended to ``log_path``. Returns at once; False
    when the folder is not private or the log cannot be opened (the caller then does the
    work itself), or when the service this process started has exited already (it failed:
    its log says why). Starts at most one process at a time per address from here."""
    if not private_folder(address.folder):
        return False
    earlier = _spawned.get(address)
    if earlier is not None and earlier.poll() is None:
        return True  # ours is still starting (or serving)
    if earlier is not None and earlier.returncode != 0:
        return False  # ours failed (an idled-out one exits 0 and may be started again)
    if not lock_is_held(address):
        sweep_stale_locks(address, prefix)
        try:
            log_path.parent.mkdir(parents=True, exist_ok=True)
            log = log_path.open("ab")
        except OSError:
            return False
        with log:
            _spawned[address] = subprocess.Popen(
                list(argv), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                # Its own session: a build's Ctrl-C or a killed build's process group does
                # not take the shared service down with it.
                start_new_session=True, close_fds=True, cwd=address.folder,
            )
    return True


def connect(address: ServiceAddress) -> Connection | None:
    try:
        key = address.key_path.read_bytes()
        return Client(str(address.socket_path), family="AF_UNIX", authkey=key)
    except (OSError, EOFError, AuthenticationError):
        return None  # not up yet, restarting, or a key from a service that just left


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


def running(folder: Path, prefix: str) -> list[ServiceStatus]:
    """Every service named ``prefix*`` running in ``folder``: this code's and older code's
    not yet idled out."""
    found = (status(ServiceAddress(folder, path.stem)) for path in sorted(folder.glob(f"{prefix}*.pid")))
    return [s for s in found if s.pid is not None]


def stop(address: ServiceAddress, wait_s: float | None = 10.0) -> int | None:
    """Ask the service at ``address`` to exit (SIGTERM) and wait for it up to ``wait_s``
    seconds (None: until it has exited); its pid, or None when none was running."""
    pid = status(address).pid
    if pid is None:
        return None
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + (float("inf") if wait_s is None else wait_s)
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except OSError:
            break
        time.sleep(0.05)
    return pid


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


def parse_service_args(description: str, default_idle_s: float, argv: list[str] | None = None) -> tuple[ServiceAddress, float]:
    """A service process's command line (``--folder --name --idle-seconds``, set by the
    build that starts it): its address and idle timeout."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--folder", required=True)
    ap.add_argument("--name", required=True)
    ap.add_argument("--idle-seconds", type=float, default=default_idle_s)
    args = ap.parse_args(argv)
    return ServiceAddress(Path(args.folder), args.name), args.idle_seconds
