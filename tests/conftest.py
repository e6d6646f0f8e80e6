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
# them at the end is found by it. Under pytest-xdist each worker sets its own (its pid) and
# checks, at its end, what its own tests started.
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


@pytest.fixture(scope="session")
def afp_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """../shared/bench/wire/afp_wire.jsonl built once by ``build_local`` (dataset ``afp``):
    its published version folder. The metadata floors and the speaker lint both score it."""
    afp = SHARED / "bench" / "wire" / "afp_wire.jsonl"
    if not afp.exists():
        pytest.skip(f"{afp} is absent")
    from quotewire.dataset.build import BuildConfig, build_local

    root = tmp_path_factory.mktemp("afp_wire")
    outcome = build_local([afp], BuildConfig(root=str(root), dataset="afp"))
    assert outcome.status == "published", outcome.report.table_rows(only_failed=True)
    return root / "afp" / "v0001"


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


# --- parallel runs ----------------------------------------------------------------------
# `make test` runs pytest-xdist workers with --dist loadgroup --no-loadscope-reorder. A
# test is handed out on its own unless it uses a module- or class-scoped fixture: then its
# file is one group, run by one worker, so the fixture is made once and the tests of the
# file run in their order, as in a serial run. Files named here are grouped otherwise.
GROUPS = {
    # Both score the one AFP build (the session fixture afp_build): one worker builds it.
    "tests/test_wire_metadata_bench.py": "afp_wire",
    "tests/extract/test_wire_speakers_bench.py": "afp_wire",
    # Its module fixture is a 6 s build that every test copies before touching; its tests
    # take minutes together, so they are spread and each worker builds the fixture once.
    "tests/test_faults.py": None,
}
# The longest tests and groups (20 s or more each in a serial run), longest first: they
# are handed out first, so that no worker starts one near the end while the other idles.
# A name that no longer matches only loses its place in this order.
LONGEST_FIRST = (
    "tests/test_robustness.py::test_hostile_inputs_each_end_as_one_unit[5 MB single line]",
    "tests/test_robustness.py::test_hostile_inputs_each_end_as_one_unit[1 MB of said]",
    "tests/test_server.py",  # the group of the module's Prefect server
    "tests/test_store.py::test_large_tables_are_partitioned_by_month_and_read_in_one_call",
    "tests/test_flow.py::test_build_command_runs_the_flow",
    "tests/test_characterization.py::test_bench_output_is_unchanged",
    "afp_wire",
    "tests/test_build.py::test_partitioned_tables_are_extended_month_by_month",
    "tests/test_robustness.py::test_kill_minus_nine_at_random_moments",
    "tests/test_dask.py::test_dask_cluster_build_matches_local",
    "tests/test_faults.py::test_an_unreadable_cache_is_moved_aside",
    "tests/test_faults.py::test_a_prefect_run_ends_failed_with_the_same_line",
    "tests/test_store.py::test_concurrent_publishers_get_distinct_versions",
    "tests/extract/test_statements.py::test_hostile_inputs_finish",
    "tests/test_faults.py::test_a_disk_that_fills_up_mid_build_leaves_latest_as_it_was",
    "tests/test_build.py::test_incremental_build_publishes_what_a_full_build_would",
    "tests/test_flow.py::test_a_killed_flow_leaves_no_process_behind",
    "tests/test_faults.py::test_a_dangling_latest_is_reported_and_healed",
)


def _group(item: pytest.Item) -> str | None:
    path = item.nodeid.split("::")[0]
    if path in GROUPS:
        return GROUPS[path]
    defs = item._fixtureinfo.name2fixturedefs.values()  # type: ignore[attr-defined]
    shared = any(d.scope in ("class", "module", "package") for chain in defs for d in chain)
    return path if shared else None


def _rank(item: pytest.Item) -> int:
    group = _group(item)
    return next((n for n, name in enumerate(LONGEST_FIRST) if item.nodeid.startswith(name) or name == group),
                len(LONGEST_FIRST))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In an xdist worker only: mark each test's group and put the longest first (every
    worker orders the same collection the same way, as xdist requires). A serial run keeps
    pytest's order."""
    if not hasattr(config, "workerinput"):
        return
    for item in items:
        if (group := _group(item)) is not None and not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group(group))
    items.sort(key=_rank)  # stable: the rest keeps pytest's order
