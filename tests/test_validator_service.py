"""The validation service: the same report as validating in process, one process reused by
every build, private to the user, and gone when stopped or idle."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from multiprocessing.connection import AuthenticationError, Client
from pathlib import Path

import pytest

from quotewire import validator_service as vs
from quotewire.build import BuildConfig, build_local
from quotewire.validate import default_suites_dir, validate_dir

SUITES = default_suites_dir()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A private runtime folder with the service on (conftest turns it off elsewhere)."""
    path = tmp_path_factory.mktemp("runtime") / "qw"
    mp = pytest.MonkeyPatch()
    mp.setenv(vs.RUNTIME_ENV, str(path))
    mp.setenv(vs.IDLE_ENV, "120")
    yield path
    for service in vs.running(path):
        vs.stop(service.address)
    mp.undo()


def test_report_equals_in_process_and_one_service_serves_every_request(folder: Path, sample_build) -> None:  # type: ignore[no-untyped-def]
    outcome, _ = sample_build
    first = vs.validate(outcome.path, SUITES, 100_000)
    assert first is not None
    pid = vs.status().pid
    assert pid is not None and pid != os.getpid()
    second = vs.validate(outcome.path, SUITES, 100_000, already_valid={"rejects/part.parquet": 0})
    assert second is not None and vs.status().pid == pid
    in_process = validate_dir(outcome.path, SUITES, 100_000)
    assert first.to_json() == second.to_json() == in_process.to_json()
    assert first.success and len(first.results) > 50


def test_folder_and_key_are_private(folder: Path, sample_build) -> None:  # type: ignore[no-untyped-def]
    assert vs.validate(sample_build[0].path, SUITES, 100_000) is not None
    address = vs.service_address()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(address.key_path.stat().st_mode) == 0o600


def test_a_client_without_the_key_is_refused_and_the_service_keeps_serving(folder: Path, sample_build) -> None:  # type: ignore[no-untyped-def]
    assert vs.validate(sample_build[0].path, SUITES, 100_000) is not None
    with pytest.raises(AuthenticationError):
        Client(str(vs.service_address().socket_path), family="AF_UNIX", authkey=b"not the key")
    assert vs.validate(sample_build[0].path, SUITES, 100_000) is not None


def test_an_error_inside_the_service_reaches_the_caller(folder: Path, tmp_path: Path) -> None:
    with pytest.raises(vs.ValidatorServiceError, match="No such file|not found|FileNotFound"):
        vs.validate(tmp_path / "no-such-version", SUITES, 100_000)


def test_builds_share_the_service_and_incremental_rows_pass(folder: Path, tmp_path: Path) -> None:
    from tests.conftest import SAMPLE_INPUT

    raw = tmp_path / "raw"
    raw.mkdir()
    first = next(p for p in sorted(SAMPLE_INPUT.iterdir()) if p.is_file())
    (raw / first.name).write_bytes(first.read_bytes())
    config = BuildConfig(root=str(tmp_path / "ds"))
    base = build_local([raw], config)
    pid = vs.status().pid
    (raw / "added.txt").write_text("BEIJING, Jan. 5 -- The minister said the talks would resume on Monday.\n", encoding="utf-8")
    grown = build_local([raw], config)
    assert (base.status, grown.status) == ("published", "published")
    assert grown.base_version == base.version and vs.status().pid == pid


def test_stop_ends_it_and_removes_its_files(folder: Path, sample_build) -> None:  # type: ignore[no-untyped-def]
    assert vs.validate(sample_build[0].path, SUITES, 100_000) is not None
    address = vs.service_address()
    pid = vs.status().pid
    assert vs.stop() == pid
    assert vs.status().pid is None and vs.running(folder) == []
    assert not address.socket_path.exists() and not address.key_path.exists()


def test_an_idle_service_exits_by_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample_build) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(vs.RUNTIME_ENV, str(tmp_path / "qw"))
    monkeypatch.setenv(vs.IDLE_ENV, "1")
    assert vs.validate(sample_build[0].path, SUITES, 100_000) is not None
    deadline = time.monotonic() + 60
    while vs.status().pid is not None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert vs.status().pid is None


def test_off_or_shared_folder_means_the_caller_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(vs.RUNTIME_ENV, str(tmp_path / "off"))
    monkeypatch.setenv(vs.IDLE_ENV, "0")
    assert vs.validate(tmp_path, SUITES, 100_000) is None and not (tmp_path / "off").exists()
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    monkeypatch.setenv(vs.RUNTIME_ENV, str(shared))
    monkeypatch.setenv(vs.IDLE_ENV, "60")
    assert vs.start() is False and vs.validate(tmp_path, SUITES, 100_000) is None


def test_idle_seconds_from_the_environment() -> None:
    assert vs.idle_seconds({}) == vs.DEFAULT_IDLE_SECONDS
    assert vs.idle_seconds({vs.IDLE_ENV: "0"}) == 0
    assert vs.idle_seconds({vs.IDLE_ENV: "-5"}) == 0
    with pytest.raises(ValueError):
        vs.idle_seconds({vs.IDLE_ENV: "soon"})
