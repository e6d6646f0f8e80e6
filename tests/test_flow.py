"""The Prefect flow, for real, on Prefect's temporary local server (takes 10-20 s)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotewire.settings import PREFECT_DEFAULTS

from .conftest import PYTHONPATH, REPO, SAMPLE_INPUT, build_until_first_batch, processes_with_env

pytestmark = pytest.mark.slow


def test_build_command_runs_the_flow(tmp_path: Path) -> None:
    root = tmp_path / "ds"
    env_home = tmp_path / "prefect-home"
    inputs = tmp_path / "raw"
    shutil.copytree(SAMPLE_INPUT, inputs)
    cmd = [sys.executable, "-m", "quotewire.ops.cli", "build", str(inputs), "--root", str(root), "--batch-size", "2", "--engine", "prefect"]
    env = {
        "PATH": "/usr/bin:/bin",
        **PYTHONPATH,
        **PREFECT_DEFAULTS,
        "HOME": str(tmp_path),
        "PREFECT_HOME": str(env_home),
        "QUOTEWIRE_VALIDATOR_IDLE_SECONDS": "0",
    }
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "quotewire build: published" in proc.stdout
    assert "engine: prefect (asked for with --engine)" in proc.stdout
    # Batches are tasks: five input units in batches of two are three extract-batch runs.
    logs = proc.stdout + proc.stderr
    assert logs.count("Task run 'extract-batch-") == 3
    for step in ("plan", "open-staging", "tabulate", "validate", "publish"):
        assert logs.count(f"Task run '{step}-") == 1
    assert (root / "news" / "LATEST").read_text().strip() == "v0001"
    assert (root / "news" / "v0001" / "_validation.json").exists()
    # A scheduled run after one new article: an incremental build, one batch, on top of v0001.
    (inputs / "zz-new.txt").write_text("Extra story. The plan will work, Ana Ortiz said on Monday.\n", encoding="utf-8")
    again = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "incremental: 1 new input unit(s) on top of v0001" in again.stdout
    assert (again.stdout + again.stderr).count("Task run 'extract-batch-") == 1
    assert (root / "news" / "LATEST").read_text().strip() == "v0002"


def test_a_killed_flow_leaves_no_process_behind(tmp_path: Path) -> None:
    """SIGKILL to `quotewire build` mid-extraction: its pool workers and the temporary
    Prefect server go too (they would otherwise wait or listen forever)."""
    from .synthetic import write_corpus

    inputs = write_corpus(tmp_path / "in", 400)
    marker = f"QUOTEWIRE_TEST_MARKER={tmp_path.name}"
    env = {
        "PATH": "/usr/bin:/bin",
        **PYTHONPATH,
        **PREFECT_DEFAULTS,
        "HOME": str(tmp_path),
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
        "QUOTEWIRE_VALIDATOR_IDLE_SECONDS": "0",
        marker.split("=")[0]: marker.split("=")[1],
    }
    proc = build_until_first_batch(inputs, tmp_path / "ds", env, tmp_path / "build.log")
    assert len(processes_with_env(marker)) >= 4  # the build, the server, two workers
    proc.kill()
    proc.wait(timeout=30)
    deadline = time.monotonic() + 30
    while processes_with_env(marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert processes_with_env(marker) == []


def test_builds_send_no_heartbeats_unless_the_environment_asks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Prefect joins its heartbeat thread, which sleeps in one-second steps, at the end of
    every flow run; builds turn heartbeats off unless their frequency is set."""
    from quotewire.ops.cli import load_flow_module

    flows = load_flow_module()
    for name in ("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "PREFECT_RUNNER_HEARTBEAT_FREQUENCY"):
        monkeypatch.delenv(name, raising=False)
    off = flows._heartbeat_settings()
    assert [(key.name, value) for key, value in off.items()] == [("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", None)]
    monkeypatch.setenv("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "60")
    assert flows._heartbeat_settings() == {}
