"""The steps of a build, each a function the Prefect flow wraps as a task.

discover → read units → batches → process each batch → tabulate → stage → validate →
publish (or quarantine). ``build_local`` runs the same steps in order without Prefect: the
library path that tests and ``--engine local`` use. The flow in ``flows/build_dataset.py``
is the scheduled path.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from quotewire import store
from quotewire.pipeline import CODE_VERSION, BatchResult, input_fingerprint, process_batch
from quotewire.records import RawDocument, Reject
from quotewire.sources import DEFAULT_MAX_BYTES, discover, read_units
from quotewire.tables import assemble, to_arrow
from quotewire.validate import ValidationReport, validate_dir

DEFAULT_BATCH_SIZE = 500


@dataclass(frozen=True)
class BuildConfig:
    root: str = store.DEFAULT_ROOT
    dataset: str = store.DEFAULT_DATASET
    batch_size: int = DEFAULT_BATCH_SIZE
    max_bytes: int = DEFAULT_MAX_BYTES
    legacy_encoding: str = "cp1252"
    lock_timeout_s: float = 120.0


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

    @property
    def exit_code(self) -> int:
        return 1 if self.status == "failed" else 0


def read_inputs(inputs: Sequence[str | os.PathLike[str]], max_bytes: int = DEFAULT_MAX_BYTES) -> list[RawDocument | Reject]:
    """Every input unit, in a defined order. Raises FileNotFoundError for a missing input."""
    return list(read_units(discover(inputs), max_bytes))


def make_batches(units: Sequence[RawDocument | Reject], batch_size: int) -> list[tuple[RawDocument | Reject, ...]]:
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    return [tuple(units[i : i + batch_size]) for i in range(0, len(units), batch_size)]


def tabulate(results: Iterable[BatchResult]) -> dict[str, pa.Table]:
    """All batches' rows as the five published tables (duplicates become rejects)."""
    results = list(results)
    tables, counts = assemble(
        (b for r in results for b in r.bundles),
        (x for r in results for x in r.rejects),
    )
    return to_arrow(tables, counts)


def stage_and_validate(
    tables: dict[str, pa.Table], config: BuildConfig, fingerprint: str
) -> tuple[Path, ValidationReport]:
    """Write the tables to a staging directory, validate what was written, and record the
    results in its manifest. Sweeps staging left by killed builds first."""
    ds_dir = store.dataset_dir(config.root, config.dataset)
    store.sweep_stale_staging(ds_dir)
    staging = store.stage_tables(ds_dir, tables)
    report = validate_dir(staging)
    store.write_manifest(
        staging,
        dataset=config.dataset,
        input_fingerprint=fingerprint,
        code_version=CODE_VERSION,
        validation_summary=report.summary(),
        validation_results=report.to_json(),
    )
    return staging, report


def publish_or_quarantine(staging: Path, report: ValidationReport, config: BuildConfig) -> tuple[str, str | None, Path]:
    """(status, version, path): publish when every critical check passed, else move the
    staged tables and results to the quarantine folder and publish nothing."""
    ds_dir = store.dataset_dir(config.root, config.dataset)
    if not report.success:
        return "failed", None, store.quarantine(staging, ds_dir)
    result = store.publish(staging, ds_dir, config.lock_timeout_s)
    return result.status, result.version, result.path


def summarize(tables: dict[str, pa.Table]) -> tuple[dict[str, int], dict[str, int]]:
    rows = {name: t.num_rows for name, t in tables.items()}
    reasons = Counter(tables["rejects"].column("reason").to_pylist())
    return rows, dict(sorted(reasons.items()))


def build_local(
    inputs: Sequence[str | os.PathLike[str]],
    config: BuildConfig = BuildConfig(),
    progress: Callable[[int, int], None] | None = None,
) -> BuildOutcome:
    """Run every step in this process, without Prefect. ``progress(done, total)`` is called
    after each batch."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    units = read_inputs(inputs, config.max_bytes)
    fingerprint = input_fingerprint(units)
    timings["ingest"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    batches = make_batches(units, config.batch_size)
    results = []
    for i, batch in enumerate(batches, 1):
        results.append(process_batch(batch, config.legacy_encoding))
        if progress:
            progress(i, len(batches))
    timings["extract"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    tables = tabulate(results)
    timings["tabulate"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    staging, report = stage_and_validate(tables, config, fingerprint)
    timings["validate"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    status, version, path = publish_or_quarantine(staging, report, config)
    timings["publish"] = time.perf_counter() - t0
    rows, reasons = summarize(tables)
    return BuildOutcome(status, version, path, rows, reasons, report, timings)
