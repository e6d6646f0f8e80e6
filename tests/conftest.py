"""Shared fixtures. ``SHARED`` is ../shared beside the repository: tests that read it skip
cleanly when it is absent."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotewire.settings import apply_prefect_defaults

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_c57c7e43a65ced37.txt"
SEED_GOLD = SHARED / "gold" / "seed_000_c57c7e43a65ced37.json"
SAMPLE_INPUT = REPO / "data" / "raw"

apply_prefect_defaults(os.environ)
# No build in the tests leaves a service behind; tests/test_validator_service.py turns it
# on where it is under test.
os.environ["QUOTEWIRE_VALIDATOR_IDLE_SECONDS"] = "0"
# Inherited by every process the tests start (not read by quotewire): what is left of
# them at the end is found by it.
_SESSION = f"QUOTEWIRE_TEST_SESSION={os.getpid()}"
os.environ["QUOTEWIRE_TEST_SESSION"] = str(os.getpid())


@pytest.fixture(scope="session", autouse=True)
def nothing_left_running():  # type: ignore[no-untyped-def]
    """After the last test, no process the tests started outlives them: a service or
    server (its own session), or an orphan. Pool workers of this process (same session,
    its children) end with it."""
    yield
    mine = os.getsid(0)

    def left() -> list[int]:
        found = []
        for pid in processes_with_env(_SESSION):
            try:
                ppid = int((Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[1])
                if os.getsid(pid) != mine or ppid == 1:
                    found.append(pid)
            except (OSError, ValueError):
                continue
        return found

    deadline = time.monotonic() + 30
    while left() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert left() == [], [(pid, (Path("/proc") / str(pid) / "cmdline").read_bytes()[:200]) for pid in left()]


# For tests that start quotewire with an environment of their own: the sources under test
# (a checkout whose package is installed from elsewhere runs with PYTHONPATH set).
PYTHONPATH = {"PYTHONPATH": os.environ["PYTHONPATH"]} if os.environ.get("PYTHONPATH") else {}


def needs_shared(path: Path) -> pytest.MarkDecorator:
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is absent")


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    if not SEED_GOLD.exists():
        pytest.skip(f"{SEED_GOLD} is absent")
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_text() -> str:
    # The seed is also committed as sample input, so this works without ../shared.
    return (SAMPLE_INPUT / "000_c57c7e43a65ced37.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory):
    """The sample input built once, in this process (no Prefect): (outcome, root)."""
    from quotewire.dataset.build import BuildConfig, build_local

    root = tmp_path_factory.mktemp("datasets")
    inputs = tmp_path_factory.mktemp("raw")
    shutil.copytree(SAMPLE_INPUT, inputs, dirs_exist_ok=True)
    outcome = build_local([inputs], BuildConfig(root=str(root)))
    return outcome, root


def load_path(name: str, path: Path):  # type: ignore[no-untyped-def]
    """Import a file that is not on the package path (a bench script, the shared scorers,
    the flow module) as a module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def processes_with_env(marker: str) -> list[int]:
    """Live processes whose environment contains ``marker`` (a unique PREFECT_HOME):
    everything a test started, however deep, and nothing else."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            if marker.encode() in (proc / "environ").read_bytes().split(b"\0"):
                stat = (proc / "stat").read_text()
                if stat.rsplit(")", 1)[1].split()[0] != "Z":  # zombies hold no resources
                    found.append(int(proc.name))
        except OSError:
            continue
    return found


def build_until_first_batch(inputs: Path, root: Path, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """Start ``quotewire build`` (Prefect, batches of 10, two workers) and return once its
    first batch is done: the server and both workers are up by then. Fails if it ends first."""
    cmd = [sys.executable, "-m", "quotewire.ops.cli", "build", str(inputs), "--root", str(root), "--batch-size", "10", "--workers", "2",
           "--engine", "prefect"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 240
    while "Task run 'extract-batch-" not in log.read_text(errors="replace") and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert proc.poll() is None, "the build ended before it could be stopped:\n" + log.read_text(errors="replace")[-2000:]
    return proc


def impossible_suites(folder: Path) -> Path:
    """A copy of the expectation suites with one critical expectation no build can meet."""
    shutil.copytree(REPO / "expectations", folder)
    spec = json.loads((folder / "articles.json").read_text())
    spec["expectations"].append(
        {"type": "expect_table_row_count_to_be_between", "kwargs": {"min_value": 100000, "max_value": None}}
    )
    (folder / "articles.json").write_text(json.dumps(spec))
    return folder
