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

import functools
import importlib.metadata
import os
import secrets
import signal
import socket
import sys
import threading
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from multiprocessing.connection import AuthenticationError, Connection, Listener
from pathlib import Path
from typing import TYPE_CHECKING

from quotewire import services
from quotewire.memory import release_memory
from quotewire.services import ServiceAddress, ServiceStatus

# quotewire.validate (pandas, pyarrow; great_expectations later) is imported only where it
# is used: a starting service must reach its lock in milliseconds, before a second start
# could slip in.
if TYPE_CHECKING:
    from quotewire.validate import ValidationReport

IDLE_ENV = "QUOTEWIRE_VALIDATOR_IDLE_SECONDS"
RUNTIME_ENV = services.RUNTIME_ENV
DEFAULT_IDLE_SECONDS = 600.0
MAX_KEPT_RSS_BYTES = 1 << 30
START_WAIT_SECONDS = services.START_WAIT_SECONDS
PREFIX = "validator-"


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


def idle_seconds(env: Mapping[str, str] | None = None) -> float:
    """The idle timeout from the environment; 0 means the service is off. Refuses
    (ValueError) a value that is not a number."""
    return services.idle_seconds(IDLE_ENV, DEFAULT_IDLE_SECONDS, env)


def _code_fingerprint() -> str:
    """Changes when any quotewire source file, the interpreter or great_expectations does."""
    try:
        gx = importlib.metadata.version("great_expectations")
    except importlib.metadata.PackageNotFoundError:
        gx = ""
    return services.source_fingerprint(Path(__file__).resolve().parent, [gx])


@functools.lru_cache(maxsize=1)
def _process_fingerprint() -> str:
    # Once per process: a build that starts the service and later asks it for work must
    # name the same one, even if a source file is saved in between.
    return _code_fingerprint()


def service_address(folder: Path | None = None) -> ServiceAddress:
    return ServiceAddress(folder or services.runtime_folder(), f"{PREFIX}{_process_fingerprint()}")


def start(address: ServiceAddress | None = None, idle_s: float | None = None) -> bool:
    """Make sure a service is running or starting at ``address``; returns at once. False
    when the service is off or its folder is not private (the caller validates itself).
    Starts at most one process at a time per address from this process."""
    idle_s = idle_seconds() if idle_s is None else idle_s
    if idle_s <= 0 or not _socket_supported():
        return False
    address = address or service_address()
    return services.spawn(address, PREFIX, [
        sys.executable, "-m", "quotewire.validator_service", "--folder", str(address.folder),
        "--name", address.name, "--idle-seconds", str(idle_s),
    ])


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
        conn = services.connect(address)
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
    return services.status(address or service_address())


def running(folder: Path | None = None) -> list[ServiceStatus]:
    """Every service running in ``folder``: this code's and older code's not yet idled out."""
    return services.running(folder or services.runtime_folder(), PREFIX)


def stop(address: ServiceAddress | None = None, wait_s: float | None = 10.0) -> int | None:
    """Ask the service at ``address`` to exit (SIGTERM) and wait for it; its pid, or None
    when none was running."""
    return services.stop(address or service_address(), wait_s)


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
    if not services.private_folder(address.folder):
        return 2
    if services.take_lock(address) is None:
        return 0  # a second start raced us; the first one serves

    def leave(*_: object) -> None:
        services.remove_files(address)
        os._exit(0)

    signal.signal(signal.SIGTERM, leave)
    signal.signal(signal.SIGINT, leave)
    from quotewire.validate import warm_up_import

    warm_up_import()
    key = secrets.token_bytes(32)
    services.write_private(address.key_path, key)
    address.socket_path.unlink(missing_ok=True)  # left by a service that was killed
    listener = Listener(str(address.socket_path), family="AF_UNIX", authkey=key)
    services.write_private(address.pid_path, str(os.getpid()).encode())
    activity = services.Activity()

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
        # A large validation leaves its chunks' memory with the allocators: given back, an
        # idle service is the size it was before it (a 200,000-article build: 514 MB
        # instead of 692 MB), and the next build's memory does not start from its peak.
        release_memory()
        rss = services.rss_bytes()
        if rss is not None and rss > MAX_KEPT_RSS_BYTES:
            leave()


def _socket_supported() -> bool:
    return hasattr(socket, "AF_UNIX")


def main(argv: list[str] | None = None) -> int:
    address, idle_s = services.parse_service_args(
        "Run the validation service (started by builds; see quotewire validator).", DEFAULT_IDLE_SECONDS, argv)
    if not _socket_supported():
        return 2
    return serve(address, idle_s)


if __name__ == "__main__":
    # Run from the module under its real name: replies pickle their classes as
    # quotewire.validator_service.*, which the client can import (not __main__.*).
    from quotewire.validator_service import main as _main

    sys.exit(_main())
