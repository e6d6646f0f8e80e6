"""The flow service: Prefect builds forked from a process that has Prefect imported and its
server up (src/quotewire/flow_service.py). Real services, real Prefect server (slow)."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pyarrow.parquet as pq
import pytest

from quotewire import flow_service
from quotewire.build import BuildConfig, build_local
from quotewire.store import table_path

from .conftest import REPO, SAMPLE_INPUT, build_until_first_batch, impossible_suites

pytestmark = pytest.mark.slow

TABLES = ("articles", "speakers", "statements", "temporal_expressions", "rejects")


@pytest.fixture(scope="module")
def service_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """An environment with the flow service (and the validation service, which keeps each
    build from importing great_expectations) on, in a folder of its own; every service
    started in it is stopped afterwards."""
    home = tmp_path_factory.mktemp("flow-service")
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "PREFECT_HOME": str(home / "prefect-home"),
        "QUOTEWIRE_RUNTIME_DIR": str(home / "runtime"),
        "QUOTEWIRE_FLOW_SERVICE_IDLE_SECONDS": "600",
        "QUOTEWIRE_VALIDATOR_IDLE_SECONDS": "600",
    }
    yield env
    subprocess.run([sys.executable, "-m", "quotewire.cli", "services", "stop"], env=env, timeout=60, check=True)
    assert flow_service.running(home / "runtime") == []


def _build(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "quotewire.cli", "build", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)


def _service(env: dict[str, str]) -> psutil.Process:
    (status,) = flow_service.running(Path(env["QUOTEWIRE_RUNTIME_DIR"]))
    assert status.pid is not None
    return psutil.Process(status.pid)


def _tables(root: Path) -> dict[str, object]:
    version = (root / "news" / "LATEST").read_text().strip()
    return {name: pq.read_table(table_path(root / "news" / version, name)) for name in TABLES}


def test_builds_run_in_one_warm_service_and_match_a_local_build(service_env: dict[str, str], tmp_path: Path) -> None:
    first = _build(service_env, str(SAMPLE_INPUT), "--root", str(tmp_path / "a"))
    assert first.returncode == 0, first.stdout + first.stderr
    assert "starting the flow service" in first.stderr
    service = _service(service_env)
    second = _build(service_env, str(SAMPLE_INPUT), "--root", str(tmp_path / "b"))
    assert second.returncode == 0, second.stdout + second.stderr
    assert "starting the flow service" not in second.stderr
    assert _service(service_env).pid == service.pid  # reused, not restarted
    # A client returns only after the service reaped its build: no zombie is left behind.
    assert [c.pid for c in service.children() if c.status() == psutil.STATUS_ZOMBIE] == []
    # The build's own output reaches the client's stdout and stderr (passed to the fork).
    assert "quotewire build: published" in second.stdout
    assert "Task run 'extract-batch-" in second.stdout + second.stderr
    local = tmp_path / "local"
    build_local([SAMPLE_INPUT], BuildConfig(root=str(local)))
    expected = _tables(local)
    for root in (tmp_path / "a", tmp_path / "b"):
        got = _tables(root)
        for name in TABLES:
            assert got[name].equals(expected[name]), name


def test_exit_status_and_relative_paths_come_from_the_client(service_env: dict[str, str], tmp_path: Path) -> None:
    shutil.copytree(SAMPLE_INPUT, tmp_path / "raw")
    ok = subprocess.run([sys.executable, "-m", "quotewire.cli", "build", "raw", "--root", "ds"], cwd=tmp_path,
                        env=service_env, capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert (tmp_path / "ds" / "news" / "LATEST").is_file()  # the client's folder, not the service's
    # The client's environment reaches the build: suites with one impossible critical
    # expectation make it refuse, and its exit status is the client's.
    suites = impossible_suites(tmp_path / "expectations")
    refused = subprocess.run([sys.executable, "-m", "quotewire.cli", "build", "raw", "--root", "ds2"], cwd=tmp_path,
                             env={**service_env, "QUOTEWIRE_EXPECTATIONS": str(suites)},
                             capture_output=True, text=True, timeout=300)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "validation: FAILED" in refused.stdout
    assert not (tmp_path / "ds2" / "news" / "LATEST").exists()


@pytest.mark.parametrize("how", ["SIGKILL", "SIGINT"])
def test_a_killed_or_interrupted_client_takes_its_build_down(service_env: dict[str, str], tmp_path: Path, how: str) -> None:
    """The build runs in the service's fork, not under the client: SIGKILL to the client
    (the socket closes) or Ctrl-C (forwarded) must still end the build and its workers,
    and leave the service serving."""
    from .synthetic import write_corpus

    inputs = write_corpus(tmp_path / "in", 400)
    if not flow_service.running(Path(service_env["QUOTEWIRE_RUNTIME_DIR"])):
        assert _build(service_env, str(SAMPLE_INPUT), "--root", str(tmp_path / "warm")).returncode == 0
    service = _service(service_env)
    baseline = {p.pid for p in service.children(recursive=True)}
    proc = build_until_first_batch(inputs, tmp_path / "ds", service_env, tmp_path / "build.log")
    # The fork and its workers are the service's descendants besides its server.
    builds = {p.pid for p in service.children(recursive=True)} - baseline
    assert len(builds) >= 3, builds  # the forked build and two workers
    proc.send_signal(getattr(signal, how))
    assert proc.wait(timeout=60) != 0
    _, alive = psutil.wait_procs([psutil.Process(pid) for pid in builds if psutil.pid_exists(pid)], timeout=30)
    assert alive == []
    assert not (tmp_path / "ds" / "news" / "LATEST").exists()  # nothing half-published
    again = _build(service_env, str(SAMPLE_INPUT), "--root", str(tmp_path / "ds2"))
    assert again.returncode == 0, again.stdout + again.stderr
    assert "starting the flow service" not in again.stderr


def test_stop_ends_the_service_and_its_server(service_env: dict[str, str], tmp_path: Path) -> None:
    first = _build(service_env, str(SAMPLE_INPUT), "--root", str(tmp_path / "ds"))
    assert first.returncode == 0, first.stdout + first.stderr
    service = _service(service_env)
    children = service.children(recursive=True)
    assert any("uvicorn" in " ".join(c.cmdline()) for c in children)  # its Prefect server
    stopped = subprocess.run([sys.executable, "-m", "quotewire.cli", "services", "stop"], env=service_env,
                             capture_output=True, text=True, timeout=60)
    assert f"flow service: stopped pid {service.pid}" in stopped.stdout
    _, alive = psutil.wait_procs([service, *children], timeout=30)
    assert alive == []


def test_an_idle_service_exits_by_itself(service_env: dict[str, str], tmp_path: Path) -> None:
    env = {**service_env, "QUOTEWIRE_FLOW_SERVICE_IDLE_SECONDS": "2", "QUOTEWIRE_VALIDATOR_IDLE_SECONDS": "0",
           "QUOTEWIRE_RUNTIME_DIR": str(tmp_path / "rt")}
    done = _build(env, str(SAMPLE_INPUT), "--root", str(tmp_path / "ds"))
    assert done.returncode == 0, done.stdout + done.stderr
    deadline = time.monotonic() + 60
    while flow_service.running(tmp_path / "rt") and time.monotonic() < deadline:
        time.sleep(0.5)
    assert flow_service.running(tmp_path / "rt") == []


def test_a_service_per_code_and_prefect_settings() -> None:
    base = {"PREFECT_HOME": "/x", "PATH": "/usr/bin"}
    same = flow_service.service_address(base)
    assert flow_service.service_address({**base, "PATH": "/bin", "MY_TOKEN": "t"}) == same
    assert flow_service.service_address({**base, "PREFECT_API_URL": "http://127.0.0.1:4200/api"}) != same
    assert flow_service.service_address({**base, "QUOTEWIRE_FLOWS": "/elsewhere"}) != same


def test_off_means_the_build_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(flow_service.IDLE_ENV, "0")
    assert flow_service.run_build(["build", "data/raw"]) is None
    monkeypatch.setenv(flow_service.IDLE_ENV, "600")
    monkeypatch.setenv(flow_service.IN_SERVICE_ENV, "1")  # already inside the service
    assert flow_service.run_build(["build", "data/raw"]) is None
