"""Versioned storage: atomic publication, no-change detection, locking, sweeping.

The tables published here are built as ``quotewire build`` builds them (tests/production.py):
each named input file is empty, so each becomes one ``empty`` reject row."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotewire.dataset import build
from quotewire.dataset import store
from quotewire.dataset.checks import ValidationReport

from .production import Staged, build_texts, stage


def _stage(root: Path, *sources: str) -> Staged:
    """The tables of empty input files named ``sources``, staged in dataset ``news`` under
    ``root`` (the input folder is a new one beside the dataset)."""
    return stage({name: b"" for name in sources}, Path(tempfile.mkdtemp(dir=root)) / "in", root)


def _publish(root: Path, *sources: str) -> store.PublishResult:
    """A whole build of empty input files named ``sources`` (without cache, so never
    incremental: an unchanged result is the store's own finding)."""
    outcome = build_texts({name: b"" for name in sources}, Path(tempfile.mkdtemp(dir=root)) / "in", root)
    assert outcome.version is not None and outcome.path is not None
    return store.PublishResult(outcome.status, outcome.version, outcome.path)


def test_publish_then_unchanged_then_new_version(tmp_path: Path) -> None:
    first = _publish(tmp_path, "a.txt")
    assert (first.status, first.version) == ("published", "v0001")
    ds = tmp_path / "news"
    assert (ds / "LATEST").read_text() == "v0001\n"
    digests = store.table_digests(ds / "v0001")
    again = _publish(tmp_path, "a.txt")
    assert (again.status, again.version) == ("unchanged", "v0001")
    second = _publish(tmp_path, "a.txt", "b.txt")
    assert (second.status, second.version) == ("published", "v0002")
    assert (ds / "LATEST").read_text() == "v0002\n"
    # Publishing v0002 did not touch v0001.
    assert store.table_digests(ds / "v0001") == digests
    assert store.list_versions(ds) == ["v0001", "v0002"]
    assert not [p for p in ds.iterdir() if p.name.startswith(".staging")]
    manifest = store.read_manifest(ds / "v0002")
    assert manifest["version"] == "v0002"
    assert manifest["tables"]["rejects"]["rows"] == 2


def test_version_dir_errors(tmp_path: Path) -> None:
    with pytest.raises(store.StoreError, match="no published version"):
        store.version_dir(None, "news", tmp_path)
    _publish(tmp_path, "a.txt")
    assert store.version_dir("1", "news", tmp_path).name == "v0001"
    with pytest.raises(store.StoreError):
        store.version_dir("v0009", "news", tmp_path)
    with pytest.raises(store.StoreError, match="invalid dataset name"):
        store.dataset_dir(tmp_path, "../escape")


def test_quarantine_moves_staging(tmp_path: Path) -> None:
    ds = store.dataset_dir(tmp_path, "news")
    staging = _stage(tmp_path, "a.txt").path
    target = store.quarantine(staging, ds)
    assert target.parent.name == "_quarantine" and (target / "rejects.parquet").exists()
    assert not staging.exists() and store.latest_version(ds) is None


def test_sweep_removes_staging_of_dead_processes(tmp_path: Path) -> None:
    ds = store.dataset_dir(tmp_path, "news")
    ds.mkdir(parents=True)
    proc = multiprocessing.get_context("fork").Process(target=os._exit, args=(0,))
    proc.start()
    proc.join()
    dead = ds / f".staging-{proc.pid}-abcd"
    dead.mkdir()
    alive = ds / f".staging-{os.getpid()}-abcd"
    alive.mkdir()
    assert store.sweep_stale_staging(ds) == [dead]
    assert alive.exists() and not dead.exists()


def test_lock_times_out_cleanly(tmp_path: Path) -> None:
    ds = tmp_path / "news"
    with store.dataset_lock(ds):
        with pytest.raises(store.StoreBusy, match="another build"):
            with store.dataset_lock(ds, timeout_s=0.2):
                pass


def _publish_in_child(staged: Staged, report: ValidationReport, queue) -> None:  # type: ignore[no-untyped-def]
    queue.put(build.publish_or_quarantine(staged.path, report, staged.config)[1])


def test_concurrent_publishers_get_distinct_versions(tmp_path: Path) -> None:
    """Four builds staged and validated here publish at once from four processes."""
    staged = [_stage(tmp_path, f"s{i}.txt") for i in range(4)]
    reports = [build.validate_staged(s.path, s.config, s.stats) for s in staged]
    assert all(r.success for r in reports)
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_publish_in_child, args=(s, r, queue)) for s, r in zip(staged, reports, strict=True)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    versions = sorted(queue.get(timeout=5) for _ in procs)
    assert versions == ["v0001", "v0002", "v0003", "v0004"]
    ds = tmp_path / "news"
    assert store.latest_version(ds) in versions
    for v in versions:
        assert pq.read_table(ds / v / "rejects.parquet").num_rows == 1


# Names of input files (a "/" would make a folder, a NUL is no file name's).
_NAMES = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"), min_size=1, max_size=40)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_NAMES, min_size=0, max_size=20, unique=True))
def test_round_trip_through_storage(tmp_path: Path, names: list[str]) -> None:
    """Any source name comes back from the staged table as written (publication then
    renames the folder, tested above; validating 25 examples would take half a minute)."""
    sources = [f"{name}.txt" for name in names]
    staged = _stage(Path(tempfile.mkdtemp(dir=tmp_path)), *sources)
    got = pq.read_table(staged.path / "rejects.parquet").column("source").to_pylist()
    assert got == sorted(sources)  # the build orders rejects by source


def test_large_tables_are_partitioned_by_month_and_read_in_one_call(tmp_path: Path) -> None:
    import pandas as pd

    from quotewire.read.api import load
    from quotewire.dataset.build import BuildConfig, build_local
    from quotewire.dataset.validate import validate_dir

    from .synthetic import write_corpus

    inputs = write_corpus(tmp_path / "in", 40)
    config = BuildConfig(root=str(tmp_path / "ds"), partition_rows=10)
    outcome = build_local([inputs], config)
    assert outcome.status == "published", outcome.report.table_rows(only_failed=True)
    folder = outcome.path / "statements"
    months = sorted(p.stem for p in folder.glob("*.parquet"))
    assert len(months) > 1 and all(len(m) == 7 and m[4] == "-" for m in months)
    assert not (outcome.path / "statements.parquet").exists()
    assert len(pd.read_parquet(folder)) == outcome.row_counts["statements"] == len(load("statements", root=config.root))
    assert (outcome.path / "speakers.parquet").exists()  # small tables stay single files
    # store.read_table takes either form, as pq.read_table does.
    assert store.read_table(folder).num_rows == outcome.row_counts["statements"]
    speakers = store.read_table(outcome.path / "speakers.parquet", ["speaker_id"])
    assert speakers.column_names == ["speaker_id"] and speakers.num_rows == outcome.row_counts["speakers"]
    assert store.verify_checksums(outcome.path) == []
    assert validate_dir(outcome.path).success
    assert build_local([inputs], config).status == "unchanged"
    victim = sorted(folder.glob("*.parquet"))[0]
    victim.write_bytes(victim.read_bytes() + b"x")
    assert any("differs from the sha256" in p for p in store.verify_checksums(outcome.path))


def test_push_to_object_storage_then_load_from_the_url(sample_build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """``memory://`` stands in for s3:// (same fsspec interface, no network)."""
    import pandas as pd

    from quotewire.read.api import load, versions
    from quotewire.ops.cli import main

    outcome, root = sample_build
    remote = f"memory://quotewire-test-{tmp_path.name}/datasets"
    assert main(["push", remote, "--root", str(root)]) == 0
    assert versions(root=remote) == [outcome.version]
    for table in ("statements", "speakers"):
        local = pd.read_parquet(store.table_path(outcome.path, table))
        pd.testing.assert_frame_equal(load(table, root=remote), local)
        pd.testing.assert_frame_equal(pd.read_parquet(store.remote_table_url(remote, "news", None, table)), local)
    assert store.push(outcome.path, remote, "news") == (outcome.version, False)  # already there: nothing copied
    fs, base = store.remote_fs(remote)
    fs.pipe_file(f"{base}/news/{outcome.version}/_manifest.json", b"{}")  # type: ignore[attr-defined]
    with pytest.raises(store.StoreError, match="never overwritten"):
        store.push(outcome.path, remote, "news")
    assert main(["push", "not-a-url", "--root", str(root)]) == 2


def test_a_dangling_latest_is_named_and_the_next_version_follows_the_highest(tmp_path: Path) -> None:
    first = _publish(tmp_path, "a.txt")
    second = _publish(tmp_path, "a.txt", "b.txt")
    ds = tmp_path / "news"
    assert store.dangling_latest(ds) is None
    shutil.rmtree(second.path)
    assert store.dangling_latest(ds) == second.version
    assert _publish(tmp_path, "a.txt", "c.txt").version == second.version  # after v0001, the highest left
    assert store.dangling_latest(ds) is None and first.version == "v0001"
