"""The steps of a build, each a function the Prefect flow wraps as a task.

plan batches → open staging → run each batch (in worker processes: read, extract or reuse
the cache, write a part) → tabulate the parts into the five tables → validate → publish
(or quarantine). ``build_local`` runs the same steps with a process pool and no Prefect:
the library path that tests and ``--engine local`` use.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from quotewire import cache, store
from quotewire.pipeline import CODE_VERSION, BatchSummary, run_batch
from quotewire.schemas import SCHEMAS
from quotewire.sources import DEFAULT_MAX_BYTES, BatchPlan, discover, plan_batches
from quotewire.tables import (
    merge_speakers,
    rejects_from_table,
    rejects_table,
    resolve_duplicates,
    sort_rejects,
    speakers_from_table,
    speakers_table,
)
from quotewire.validate import ValidationReport, validate_dir, warm_up

DEFAULT_BATCH_SIZE = 1000


@dataclass(frozen=True)
class BuildConfig:
    root: str = store.DEFAULT_ROOT
    dataset: str = store.DEFAULT_DATASET
    batch_size: int = DEFAULT_BATCH_SIZE
    max_bytes: int = DEFAULT_MAX_BYTES
    legacy_encoding: str = "cp1252"
    lock_timeout_s: float = 120.0
    use_cache: bool = True
    # Tables with more rows are written as one file per publication month.
    partition_rows: int = 1_000_000

    @property
    def dataset_dir(self) -> Path:
        return store.dataset_dir(self.root, self.dataset)

    @property
    def cache_path(self) -> Path | None:
        return cache.cache_file(self.dataset_dir / "_cache", CODE_VERSION) if self.use_cache else None


@dataclass(frozen=True)
class TableStats:
    row_counts: dict[str, int]
    rejects_by_reason: dict[str, int]
    input_fingerprint: str
    cache_hits: int


@dataclass(frozen=True)
class BuildOutcome:
    """``status``: published, unchanged, or failed (validation refused; nothing published)."""

    status: str
    version: str | None
    path: Path | None
    row_counts: dict[str, int]
    rejects_by_reason: dict[str, int]
    report: ValidationReport
    seconds_by_step: dict[str, float] = field(default_factory=dict)
    cache_hits: int = 0

    @property
    def exit_code(self) -> int:
        return 1 if self.status == "failed" else 0


def plan(inputs: Sequence[str | os.PathLike[str]], batch_size: int = DEFAULT_BATCH_SIZE) -> list[BatchPlan]:
    """Batches over every input unit, in a defined order. Raises FileNotFoundError for a
    missing input."""
    return plan_batches(discover(inputs), batch_size)


def open_staging(config: BuildConfig) -> Path:
    """A fresh staging folder; sweeps those of killed builds and stale cache files. Starts
    importing the validator meanwhile: the extraction that follows hides its cost."""
    warm_up()
    if config.cache_path:
        cache.sweep_other_versions(config.cache_path.parent, config.cache_path)
    return store.open_staging(config.dataset_dir)


def extract_batch(plan_: BatchPlan, staging: Path, config: BuildConfig) -> BatchSummary:
    return run_batch(plan_, staging, config.cache_path, config.legacy_encoding, config.max_bytes)


def _owned(table: pa.Table, owned: frozenset[str]) -> pa.Table:
    if table.num_rows == 0:
        return table
    return table.filter(pc.is_in(table["article_id"], pa.array(sorted(owned), pa.string())))


def _month_keys(published_at: pa.ChunkedArray) -> list[str]:
    return [f"{t.year:04d}-{t.month:02d}" if t is not None else "undated" for t in published_at.to_pylist()]


def partition_large_tables(staging: Path, rows: dict[str, int], partition_rows: int) -> list[str]:
    """Write each article-level table with more than ``partition_rows`` rows as one file per
    publication month (statements and temporal expressions follow their article's month).
    Returns the names of the tables partitioned."""
    large = [n for n in ("articles", "statements", "temporal_expressions") if rows[n] > partition_rows]
    if not large:
        return []
    arts = pq.read_table(staging / "articles.parquet", columns=["article_id", "published_at"])
    month_by_id = dict(zip(arts["article_id"].to_pylist(), _month_keys(arts["published_at"]), strict=True))
    for name in large:
        if name == "articles":
            store.partition_table(staging, name, lambda t: _month_keys(t["published_at"]))
        else:
            store.partition_table(staging, name, lambda t: [month_by_id.get(a, "undated") for a in t["article_id"].to_pylist()])
    return large


def tabulate(staging: Path, summaries: Sequence[BatchSummary], partition_rows: int = 1_000_000) -> TableStats:
    """Turn the batches' parts into the five tables in the staging folder: the first copy of
    each text is kept (later ones become ``duplicate`` rejects), speakers are merged, row
    order is batch order. Streams part by part, so memory is bounded by a batch."""
    summaries = sorted(summaries, key=lambda s: s.index)
    owned, dup_rejects = resolve_duplicates(s.articles for s in summaries)
    rows = {}
    for name in ("articles", "statements", "temporal_expressions"):
        pieces = (_owned(store.read_part(staging, s.index, name), own) for s, own in zip(summaries, owned, strict=True))
        rows[name] = store.write_table(staging, name, SCHEMAS[name], pieces)
    ids = pq.read_table(staging / "statements.parquet", columns=["speaker_ids"])["speaker_ids"]
    flat = pc.list_flatten(ids)
    counts = {v["values"].as_py(): v["counts"].as_py() for v in pc.value_counts(flat)} if len(flat) else {}
    speakers = merge_speakers(sp for s in summaries for sp in speakers_from_table(store.read_part(staging, s.index, "speakers")))
    rows["speakers"] = store.write_table(staging, "speakers", SCHEMAS["speakers"], [speakers_table(speakers, counts)])
    rejects = sort_rejects([r for s in summaries for r in rejects_from_table(store.read_part(staging, s.index, "rejects"))] + list(dup_rejects))
    rows["rejects"] = store.write_table(staging, "rejects", SCHEMAS["rejects"], [rejects_table(rejects)])
    store.drop_parts(staging)
    partition_large_tables(staging, rows, partition_rows)
    fingerprint = hashlib.sha256("".join(s.fingerprint for s in summaries).encode()).hexdigest()
    reasons = dict(sorted(Counter(r.reason.value for r in rejects).items()))
    order = ("articles", "speakers", "statements", "temporal_expressions", "rejects")
    return TableStats({n: rows[n] for n in order}, reasons, fingerprint, sum(s.cache_hits for s in summaries))


def validate_staged(staging: Path, config: BuildConfig, stats: TableStats) -> ValidationReport:
    """Validate what was written and record the results in the staging folder's manifest."""
    report = validate_dir(staging)
    store.write_manifest(
        staging,
        dataset=config.dataset,
        input_fingerprint=stats.input_fingerprint,
        code_version=CODE_VERSION,
        validation_summary=report.summary(),
        validation_results=report.to_json(),
    )
    return report


def publish_or_quarantine(staging: Path, report: ValidationReport, config: BuildConfig) -> tuple[str, str | None, Path]:
    """(status, version, path): publish when every critical check passed, else move the
    staged tables and results to the quarantine folder and publish nothing."""
    if not report.success:
        return "failed", None, store.quarantine(staging, config.dataset_dir)
    result = store.publish(staging, config.dataset_dir, config.lock_timeout_s)
    return result.status, result.version, result.path


def build_local(
    inputs: Sequence[str | os.PathLike[str]],
    config: BuildConfig = BuildConfig(),
    progress: Callable[[int, int], None] | None = None,
    workers: int = 1,
) -> BuildOutcome:
    """Run every step without Prefect; batches on a pool of ``workers`` processes (a single
    batch runs in this one). ``progress(done, total)`` is called after each batch."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    plans = plan(inputs, config.batch_size)
    staging = open_staging(config)
    timings["plan"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    summaries: list[BatchSummary] = []
    if len(plans) > 1:
        with ProcessPoolExecutor(max_workers=max(1, workers)) as pool:
            futures = [pool.submit(extract_batch, p, staging, config) for p in plans]
            for f in futures:
                summaries.append(f.result())
                if progress:
                    progress(len(summaries), len(plans))
    else:
        for p in plans:
            summaries.append(extract_batch(p, staging, config))
            if progress:
                progress(len(summaries), len(plans))
    timings["extract"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    stats = tabulate(staging, summaries, config.partition_rows)
    timings["tabulate"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    report = validate_staged(staging, config, stats)
    timings["validate"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    status, version, path = publish_or_quarantine(staging, report, config)
    timings["publish"] = time.perf_counter() - t0
    return BuildOutcome(status, version, path, stats.row_counts, stats.rejects_by_reason, report, timings, stats.cache_hits)
