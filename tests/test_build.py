"""Incremental builds: a rebuild extracts and validates what is new, and publishes the
same tables a full build over the same input would (up to row order)."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from quotewire.dataset import build
from quotewire.dataset import cache
from quotewire.dataset import store
from quotewire.dataset.build import BuildConfig, build_local
from quotewire.dataset.schemas import TABLE_NAMES
from quotewire.dataset.validate import validate_dir

from .synthetic import write_jsonl


def _sorted_frame(version: Path, table: str) -> pd.DataFrame:
    frame = pd.read_parquet(store.table_path(version, table)).astype(str)
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


def _append(path: Path, lines: list[dict]) -> Path:
    with path.open("a", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line) + "\n")
    return path


@pytest.fixture()
def two_inputs(tmp_path: Path) -> tuple[Path, Path]:
    """30 articles, then a second file of 10 new ones plus 2 copies of earlier texts."""
    (tmp_path / "in").mkdir()
    old = write_jsonl(tmp_path / "in" / "a.jsonl", 30, seed=1)
    fresh = write_jsonl(tmp_path / "fresh.jsonl", 10, seed=2)
    earlier = [json.loads(line) for line in old.read_text(encoding="utf-8").splitlines()[:2]]
    new = _append(tmp_path / "in" / "b.jsonl", [{**d, "doc_id": f"new-{d['doc_id']}"} for d in [json.loads(x) for x in fresh.read_text(encoding="utf-8").splitlines()]])
    _append(new, [{**d, "doc_id": f"copy-{d['doc_id']}"} for d in earlier])
    return old, new


def test_incremental_build_publishes_what_a_full_build_would(tmp_path: Path, two_inputs: tuple[Path, Path]) -> None:
    old, new = two_inputs
    config = BuildConfig(root=str(tmp_path / "inc"), batch_size=8)
    first = build_local([old], config)
    second = build_local([old, new], config)
    full = build_local([old, new], BuildConfig(root=str(tmp_path / "full"), batch_size=8))
    assert (first.status, second.status, full.status) == ("published", "published", "published")
    assert (second.base_version, second.new_units, full.base_version) == (first.version, 12, None)
    assert second.row_counts == full.row_counts
    assert second.rejects_by_reason == full.rejects_by_reason == {"duplicate": 2}
    for table in TABLE_NAMES:
        pd.testing.assert_frame_equal(_sorted_frame(second.path, table), _sorted_frame(full.path, table), obj=table)
    # Base rows first, new rows after, so the base's rows were not checked again.
    ids = pq.read_table(store.table_path(second.path, "articles"))["article_id"].to_pylist()
    assert ids[: first.row_counts["articles"]] == pq.read_table(first.path / "articles.parquet")["article_id"].to_pylist()
    manifest = store.read_manifest(second.path)
    assert manifest["build"] == {
        "base_version": first.version,
        "input_units": 42,
        "extracted_units": 12,
        "validated": "rows new since the base version",
    }
    assert store.verify_checksums(second.path) == []
    assert validate_dir(second.path).success  # and the whole version passes from scratch


def test_unchanged_input_stages_and_validates_nothing(tmp_path: Path, two_inputs: tuple[Path, Path]) -> None:
    old, _ = two_inputs
    config = BuildConfig(root=str(tmp_path / "ds"), batch_size=8)
    first = build_local([old], config)
    again = build_local([old], config)
    assert (again.status, again.version, again.row_counts) == ("unchanged", first.version, first.row_counts)
    assert again.report.results == ()
    assert sorted(p.name for p in config.dataset_dir.iterdir() if not p.name.startswith((".lock", "_cache"))) == ["LATEST", "v0001"]


def test_an_edited_unit_means_a_full_build_from_the_cache(tmp_path: Path, two_inputs: tuple[Path, Path]) -> None:
    old, _ = two_inputs
    config = BuildConfig(root=str(tmp_path / "ds"), batch_size=8)
    build_local([old], config)
    lines = old.read_text(encoding="utf-8").splitlines()
    edited = {**json.loads(lines[3]), "text": json.loads(lines[3])["text"] + "\nAn added line.\n"}
    old.write_text("\n".join([*lines[:3], json.dumps(edited), *lines[4:]]) + "\n", encoding="utf-8")
    outcome = build_local([old], config)
    assert (outcome.status, outcome.base_version, outcome.cache_hits) == ("published", None, 29)


def test_a_new_extractor_version_rebuilds_and_drops_only_the_old_cache(
    tmp_path: Path, two_inputs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = two_inputs
    config = BuildConfig(root=str(tmp_path / "ds"), batch_size=8)
    build_local([old], config)
    old_cache = config.cache_path
    assert old_cache is not None and old_cache.exists()
    monkeypatch.setattr(build, "CODE_VERSION", build.CODE_VERSION + "+changed")
    outcome = build_local([old, new], config)
    assert (outcome.status, outcome.base_version, outcome.cache_hits) == ("published", None, 0)
    assert not old_cache.exists() and config.cache_path is not None and config.cache_path.exists()
    assert config.cache_path == cache.cache_file(config.dataset_dir / "_cache", build.CODE_VERSION)


def test_partitioned_tables_are_extended_month_by_month(tmp_path: Path, two_inputs: tuple[Path, Path]) -> None:
    old, new = two_inputs
    config = BuildConfig(root=str(tmp_path / "inc"), batch_size=8, partition_rows=10)
    first = build_local([old], config)
    second = build_local([old, new], config)
    full = build_local([old, new], BuildConfig(root=str(tmp_path / "full"), batch_size=8, partition_rows=10))
    assert second.base_version == first.version
    base_files = {p.name: p for p in (first.path / "statements").glob("*.parquet")}
    shared = [p for p in (second.path / "statements").glob("*.parquet") if p.name in base_files and p.samefile(base_files[p.name])]
    assert len(shared) == len(base_files), "the base's month files are shared, not copied"
    def months(version: Path) -> set[str]:
        return {p.stem.split("~")[0] for p in (version / "statements").glob("*.parquet")}

    assert months(second.path) == months(full.path)
    assert all("~" not in p.stem for p in (full.path / "statements").glob("*.parquet"))
    for table in TABLE_NAMES:
        pd.testing.assert_frame_equal(_sorted_frame(second.path, table), _sorted_frame(full.path, table), obj=table)
    assert store.verify_checksums(second.path) == []


def test_validation_skips_exactly_the_rows_said_to_be_valid(sample_build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    outcome, _ = sample_build
    copy = tmp_path / "copy"
    shutil.copytree(outcome.path, copy)
    table = pq.read_table(copy / "statements.parquet")
    ends = table["content_end"].to_pylist()
    for row, label in ((0, "first"), (len(ends) - 1, "last")):
        broken = list(ends)
        broken[row] = 10**9  # far outside any article text
        column = pa.array(broken, table.schema.field("content_end").type)
        pq.write_table(table.set_column(table.schema.get_field_index("content_end"), "content_end", column), copy / "statements.parquet")
        assert not validate_dir(copy).success, label
        skipped = validate_dir(copy, already_valid={"statements.parquet": 1})
        assert skipped.success is (label == "first"), label


def test_added_files_are_compacted_after_a_few_builds(tmp_path: Path, two_inputs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    old, _ = two_inputs
    monkeypatch.setattr(store, "MAX_DELTA_FILES", 2)
    config = BuildConfig(root=str(tmp_path / "ds"), batch_size=8)
    build_local([old], config)
    layouts = []
    for k in range(3):
        _append(old, [{"doc_id": f"later-{k}", "text": f"Story {k}. Prices will fall, Ana Ortiz said on Monday.\n"}])
        outcome = build_local([old], config)
        assert outcome.base_version is not None and outcome.status == "published"
        layouts.append(sorted(p.relative_to(outcome.path).as_posix() for p in store.table_files(outcome.path, "articles")))
        assert store.verify_checksums(outcome.path) == []
    assert layouts == [
        ["articles/part.parquet", "articles/part~001.parquet"],
        ["articles/part.parquet", "articles/part~001.parquet", "articles/part~002.parquet"],
        ["articles.parquet"],  # two added files: rewritten as one
    ]
    assert len(pd.read_parquet(store.table_path(outcome.path, "articles"))) == 33


def test_batches_on_the_extraction_pool_write_what_inline_batches_write(tmp_path: Path) -> None:
    """The Prefect flow's path (a task per batch on a thread, the batch on a spawned
    worker) writes the same parts and summaries as extracting in this process."""
    corpus = write_jsonl(tmp_path / "in.jsonl", 12, seed=3)
    plans = build.plan([corpus], BuildConfig(batch_size=5)).batches
    assert len(plans) == 3
    inline = BuildConfig(root=str(tmp_path / "inline"), batch_size=5, use_cache=False)
    pooled = BuildConfig(root=str(tmp_path / "pooled"), batch_size=5, use_cache=False)
    here_dir, pool_dir = build.open_staging(inline, False), build.open_staging(pooled, False)
    here = [build.extract_batch(p, here_dir, inline) for p in plans]
    with build.extraction_pool(2) as pool:
        there = [build.extract_batch_in(pool, p, pool_dir, pooled) for p in plans]
    assert there == here
    for p in plans:
        for name in ("articles", "statements", "temporal_expressions", "speakers", "rejects"):
            assert store.read_part(pool_dir, p.index, name).equals(store.read_part(here_dir, p.index, name)), name


def test_a_prestarted_worker_runs_the_next_pool_and_an_unused_one_is_killed(tmp_path: Path) -> None:
    """The Prefect build's head start: the worker spawned before the flow starts is the one
    the extraction pool then uses; one never used (an unchanged input) is killed at the end
    of its block rather than waited for while it imports the extractors."""
    with build.prestarted_extraction(1):
        started = {p.pid for p in multiprocessing.active_children()}
        assert build.extraction_prestarted()
        with build.extraction_pool(1) as pool:
            assert pool.submit(os.getpid).result() in started
        assert not build.extraction_prestarted()
    with build.prestarted_extraction(1):
        unused = [p for p in multiprocessing.active_children() if p.pid not in started]
        assert len(unused) == 1
    # The pool's own manager thread reaps the killed worker too (it joins a broken pool's
    # processes), and when its waitpid wins, ours gets ECHILD and join() returns before
    # that thread records the exit code: so poll the code rather than trust one join.
    deadline = time.monotonic() + 30
    while unused[0].exitcode is None and time.monotonic() < deadline:
        unused[0].join(0.1)
    assert unused[0].exitcode == -signal.SIGKILL


def test_the_orchestrating_process_does_not_import_the_extractors() -> None:
    """The flow's process plans, tabulates and publishes; only the process that runs a
    batch imports the extractors (their grammars and model: 0.3 s of a +100 build)."""
    heavy = ["quotewire.dataset.pipeline", "quotewire.extract.timex", "quotewire.extract.statements", "quotewire.extract.decide"]
    code = f"import sys, quotewire.dataset.build; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_an_error_in_the_block_cancels_queued_batches(tmp_path: Path) -> None:
    """Ctrl-C (or any error) while batches are queued: the pool drops what has not
    started instead of extracting the rest before the error surfaces."""
    corpus = write_jsonl(tmp_path / "in.jsonl", 40, seed=4)
    config = BuildConfig(root=str(tmp_path / "out"), batch_size=1, use_cache=False)
    staging = build.open_staging(config, False)
    futures = []
    with pytest.raises(KeyboardInterrupt), build.extraction_pool(1) as pool:
        futures = [pool.submit(build.extract_batch, p, staging, config) for p in build.plan([corpus], config).batches]
        raise KeyboardInterrupt
    assert len(futures) == 40
    # The pool's own thread cancels them (without notifying waiters: poll, not wait).
    deadline = time.monotonic() + 120
    while not all(f.done() for f in futures) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sum(f.cancelled() for f in futures) > 30


def test_a_build_that_will_not_fit_is_refused_before_staging(
    tmp_path: Path, two_inputs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    old, _ = two_inputs
    config = BuildConfig(root=str(tmp_path / "ds"), batch_size=8)
    assert build.planned_bytes(build.plan([old], config).batches) == old.stat().st_size
    short = int(old.stat().st_size * build.SPACE_PER_INPUT_BYTE)  # the estimate's margin short
    monkeypatch.setattr(build.shutil, "disk_usage", lambda _: shutil._ntuple_diskusage(10**12, 10**12 - short, short))  # type: ignore[attr-defined]
    with pytest.raises(store.BuildFault, match=f"not enough disk space under {tmp_path}"):
        build_local([old], config)
    assert not config.dataset_dir.exists()  # nothing staged


def test_only_failures_a_retry_cannot_mend_are_permanent() -> None:
    import errno

    assert build.is_permanent(store.BuildFault("corrupted base"))
    assert build.is_permanent(OSError(errno.ENOSPC, "No space left on device"))
    assert build.is_permanent(cache.CacheDiskFull(errno.ENOSPC, "No space left on device", "x.sqlite"))
    assert not build.is_permanent(OSError(errno.EIO, "Input/output error"))  # transient: retried
    assert not build.is_permanent(store.StoreBusy("another build holds the lock"))
    assert not build.is_permanent(ValueError("a bug"))
