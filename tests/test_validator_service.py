"""The validation service: the same report as validating in process, one process reused by
every build, private to the user, logging under the datasets root, bounded waits, never
started under a Prefect worker, and gone when stopped or idle."""

from __future__ import annotations

import dataclasses
import os
import shutil
import socket
import stat
import tempfile
import time
from collections.abc import Iterator
from multiprocessing.connection import AuthenticationError, Client
from pathlib import Path

import pytest

from quotewire import settings
from quotewire.ops import validator_service as vs
from quotewire.dataset.build import BuildConfig, build_local
from quotewire.dataset.validate import default_suites_dir, validate_dir

SUITES = default_suites_dir()


def _on(runtime: Path, idle_s: float = 120.0) -> settings.Settings:
    """Settings with the service on, in a private runtime folder (conftest turns it off)."""
    return dataclasses.replace(settings.from_env({}), runtime_dir=runtime, validator_idle_s=idle_s)


def _pid(current: settings.Settings, root: Path) -> int | None:
    return vs.status(vs.service_address(current, root)).pid


@pytest.fixture(scope="module")
def on(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    base = tmp_path_factory.mktemp("runtime")
    current, root = _on(base / "qw"), base / "datasets"
    yield current, root
    for service in vs.running(current):
        vs.stop(service.address)


def test_report_equals_in_process_and_one_service_serves_every_request(on, sample_build) -> None:  # type: ignore[no-untyped-def]
    current, root = on
    outcome, _ = sample_build
    first = vs.validate(outcome.path, SUITES, 100_000, settings=current, root=root)
    assert first is not None
    pid = _pid(current, root)
    assert pid is not None and pid != os.getpid()
    second = vs.validate(outcome.path, SUITES, 100_000, {"rejects/part.parquet": 0}, settings=current, root=root)
    assert second is not None and _pid(current, root) == pid
    in_process = validate_dir(outcome.path, SUITES, 100_000)
    assert first.to_json() == second.to_json() == in_process.to_json()
    assert first.success and len(first.results) > 50
    # It logs to the datasets root's _logs/, quotewire's lines only at INFO.
    text = vs.log_path(root).read_text()
    assert f"pid {pid} starting" in text and "validated " in text and "Skipping registering" not in text


def test_folder_and_key_are_private(on, sample_build) -> None:  # type: ignore[no-untyped-def]
    current, root = on
    assert vs.validate(sample_build[0].path, SUITES, 100_000, settings=current, root=root) is not None
    address = vs.service_address(current, root)
    assert stat.S_IMODE(current.runtime_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(address.key_path.stat().st_mode) == 0o600


def test_a_client_without_the_key_is_refused_and_the_service_keeps_serving(on, sample_build) -> None:  # type: ignore[no-untyped-def]
    current, root = on
    assert vs.validate(sample_build[0].path, SUITES, 100_000, settings=current, root=root) is not None
    with pytest.raises(AuthenticationError):
        Client(str(vs.service_address(current, root).socket_path), family="AF_UNIX", authkey=b"not the key")
    assert vs.validate(sample_build[0].path, SUITES, 100_000, settings=current, root=root) is not None


def _silent_peer(address: vs.ServiceAddress, stage: str):  # type: ignore[no-untyped-def]
    """A connection that stays silent at ``stage``: in the key handshake, or after it."""
    if stage == "request":
        return vs.connect(address)
    peer = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    peer.connect(str(address.socket_path))
    return peer


@pytest.mark.parametrize("stage", ["handshake", "request"])
def test_a_silent_client_is_dropped_and_the_service_keeps_serving(on, sample_build, stage: str) -> None:  # type: ignore[no-untyped-def]
    """A peer that connects and then sends nothing (not even its answer to the key
    challenge) holds the service at most HANDSHAKE_TIMEOUT_SECONDS or
    REQUEST_TIMEOUT_SECONDS; the next client is answered after it."""
    current, root = on
    assert vs.validate(sample_build[0].path, SUITES, 100_000, settings=current, root=root) is not None
    silent = _silent_peer(vs.service_address(current, root), stage)
    assert silent is not None
    started = time.monotonic()
    try:
        assert vs.validate(sample_build[0].path, SUITES, 100_000, settings=current, root=root) is not None
    finally:
        silent.close()
    assert time.monotonic() - started < max(vs.REQUEST_TIMEOUT_SECONDS, vs.HANDSHAKE_TIMEOUT_SECONDS) + 30


def test_a_service_silent_in_the_handshake_is_given_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """connect() gives up on a socket whose listener never sends the challenge."""
    monkeypatch.setattr(vs, "HANDSHAKE_TIMEOUT_SECONDS", 0.5)
    address = vs.ServiceAddress(tmp_path, "validator-stuck")
    address.key_path.write_bytes(b"k" * 32)
    stuck = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stuck.bind(str(address.socket_path))
    stuck.listen(1)
    started = time.monotonic()
    try:
        assert vs.connect(address) is None
    finally:
        stuck.close()
    assert time.monotonic() - started < 5

def test_no_reply_in_time_means_the_caller_validates(on, sample_build) -> None:  # type: ignore[no-untyped-def]
    current, root = on
    impatient = dataclasses.replace(current, validator_timeout_s=0.0)
    assert vs.validate(sample_build[0].path, SUITES, 100_000, settings=impatient, root=root) is None


def test_a_service_that_fails_to_start_is_given_up_at_once(tmp_path: Path, sample_build,  # type: ignore[no-untyped-def]
                                                            monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """Not after the start-up wait: as soon as the process it started has exited with an
    error, the caller validates by itself, with a warning naming the log that says why."""
    import logging
    import sys

    # The command line, run earlier in this process, keeps quotewire's log to itself.
    monkeypatch.setattr(logging.getLogger("quotewire"), "propagate", True)
    current, root = _on(tmp_path / "qw"), tmp_path / "ds"
    failing = [sys.executable, "-c", "import sys; print('cannot start: no great_expectations'); sys.exit(1)"]
    monkeypatch.setattr(vs, "start", lambda s, r: vs.spawn(vs.service_address(s, r), failing, vs.log_path(r)))
    started = time.monotonic()
    assert vs.validate(sample_build[0].path, SUITES, 100_000, settings=current, root=root) is None
    assert time.monotonic() - started < 20 < vs.START_WAIT_SECONDS
    assert "cannot start: no great_expectations" in vs.log_path(root).read_text()
    assert any("unavailable" in r.getMessage() and str(vs.log_path(root)) in r.getMessage() for r in caplog.records)


def test_an_error_inside_the_service_reaches_the_caller(on, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    current, root = on
    with pytest.raises(vs.ValidatorServiceError, match="No such file|not found|FileNotFound"):
        vs.validate(tmp_path / "no-such-version", SUITES, 100_000, settings=current, root=root)


def test_builds_share_the_service_and_incremental_rows_pass(on, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import SAMPLE_INPUT

    current, _ = on
    raw = tmp_path / "raw"
    raw.mkdir()
    first = next(p for p in sorted(SAMPLE_INPUT.iterdir()) if p.is_file())
    (raw / first.name).write_bytes(first.read_bytes())
    root = tmp_path / "ds"
    config = BuildConfig(root=str(root))
    base = build_local([raw], config, remote=vs.remote(current, root))
    pid = _pid(current, root)
    assert pid is not None
    (raw / "added.txt").write_text("BEIJING, Jan. 5 -- The minister said the talks would resume on Monday.\n", encoding="utf-8")
    grown = build_local([raw], config, remote=vs.remote(current, root))
    assert (base.status, grown.status) == ("published", "published")
    assert grown.base_version == base.version and _pid(current, root) == pid
    assert vs.log_path(root).read_text().count("validated ") == 2


def test_stop_ends_it_and_removes_its_files(on, sample_build) -> None:  # type: ignore[no-untyped-def]
    current, root = on
    assert vs.validate(sample_build[0].path, SUITES, 100_000, settings=current, root=root) is not None
    address = vs.service_address(current, root)
    pid = _pid(current, root)
    assert vs.stop(address) == pid
    assert _pid(current, root) is None and address not in [s.address for s in vs.running(current)]
    assert not address.socket_path.exists() and not address.key_path.exists()


@pytest.fixture()
def short_runtime() -> Iterator[Path]:
    """A runtime folder on a short path: a socket's path holds at most 107 bytes, and
    tmp_path under a pytest-xdist worker (.../popen-gw1/test_an_idle_service_exits_by_0/)
    leaves too few for the service's socket name."""
    folder = Path(tempfile.mkdtemp(prefix="qw-"))
    yield folder / "qw"
    shutil.rmtree(folder, ignore_errors=True)


def test_an_idle_service_exits_by_itself(short_runtime: Path, tmp_path: Path, sample_build) -> None:  # type: ignore[no-untyped-def]
    current, root = _on(short_runtime, idle_s=1.0), tmp_path / "ds"
    assert vs.validate(sample_build[0].path, SUITES, 100_000, settings=current, root=root) is not None
    deadline = time.monotonic() + 60
    while _pid(current, root) is not None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _pid(current, root) is None
    assert "idle for 1 s" in vs.log_path(root).read_text()


def test_off_under_a_worker_or_in_a_shared_folder_means_the_caller_validates(tmp_path: Path) -> None:
    off = dataclasses.replace(_on(tmp_path / "off"), validator_idle_s=0.0)
    assert vs.remote(off, tmp_path / "ds") is None and not (tmp_path / "off").exists()
    # A run a Prefect worker started (the scheduled path) never starts the service.
    worker = settings.from_env({"PREFECT__FLOW_RUN_ID": "1b5a", "QUOTEWIRE_RUNTIME_DIR": str(tmp_path / "w")})
    assert worker.validator_idle_s > 0 and not worker.validator_service
    assert vs.remote(worker, tmp_path / "ds") is None and not (tmp_path / "w").exists()
    assert not (tmp_path / "ds" / "_logs").exists()
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    in_shared = vs.remote(_on(shared), tmp_path / "ds")
    assert in_shared is not None and in_shared.start() is False
    # ... and a build given it validates by itself, with the same tables.
    from tests.conftest import SAMPLE_INPUT

    outcome = build_local([SAMPLE_INPUT], BuildConfig(root=str(tmp_path / "ds")), remote=in_shared)
    assert outcome.status == "published" and outcome.report.success
