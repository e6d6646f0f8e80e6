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

import functools
import hashlib
import importlib.metadata
import logging
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
from quotewire.services import ServiceAddress, ServiceStatus
from quotewire.settings import Settings

# quotewire.validate (pandas, pyarrow; great_expectations later) is imported only where it
# is used: a starting service must reach its lock in milliseconds, before a second start
# could slip in.
if TYPE_CHECKING:
    from quotewire.validate import ValidationReport

MAX_KEPT_RSS_BYTES = 1 << 30
START_WAIT_SECONDS = services.START_WAIT_SECONDS
# A connected client sends its request at once; one that does not is dropped after this.
REQUEST_TIMEOUT_SECONDS = 10.0
PREFIX = "validator-"
LOG_NAME = "validator-service.log"

log = logging.getLogger(__name__)


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
    return services.spawn(address, PREFIX, [
        sys.executable, "-m", "quotewire.validator_service", "--folder", str(address.folder),
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
        conn = services.connect(address)
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
    return services.running(settings.runtime_dir, PREFIX)


def _answer(conn: Connection) -> None:
    from quotewire.validate import validate_dir

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
    if not services.private_folder(address.folder):
        return 2
    if services.take_lock(address) is None:
        return 0  # a second start raced us; the first one serves

    def leave(*_: object) -> None:
        services.remove_files(address)
        log.info("pid %d leaving", os.getpid())
        logging.shutdown()
        os._exit(0)

    signal.signal(signal.SIGTERM, leave)
    signal.signal(signal.SIGINT, leave)
    from quotewire.build import release_memory
    from quotewire.validate import warm_up_import

    log.info("pid %d starting at %s (idle timeout %g s)", os.getpid(), address.socket_path, idle_s)
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
        log.info("idle for %g s", idle_s)
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
    address, idle_s = services.parse_service_args(
        "Run the validation service (started by builds; see quotewire services).", Settings().validator_idle_s, argv)
    if not _socket_supported():
        return 2
    return serve(address, idle_s)


if __name__ == "__main__":
    # Run from the module under its real name: replies pickle their classes as
    # quotewire.validator_service.*, which the client can import (not __main__.*).
    from quotewire.validator_service import main as _main

    sys.exit(_main())
