"""The steps of a build, each a function the Prefect flow wraps as a task.

plan batches → open staging → run each batch (in worker processes: read, extract or reuse
the cache, write a part) → tabulate the parts into the five tables → validate → publish
(or quarantine). ``build_local`` runs the same steps with a process pool and no Prefect:
the library path that tests and ``--engine local`` use.

Validation runs in this process, in a validator process of this interpreter, or through a
``RemoteValidator`` the caller passes (the command line's validation service): this
module starts no service itself.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import dataclasses
import errno
import functools
import gc
import hashlib
import logging
import multiprocessing
import os
import shutil
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pyarrow as pa
import pyarrow.compute as pc

from quotewire.dataset import cache
from quotewire.dataset import store
from quotewire.dataset.cache import CODE_VERSION
# quotewire.dataset.pipeline (the extractors: their grammars and model, ~0.3 s to import)
# is imported where a batch runs: a process that only plans, tabulates and publishes
# (the Prefect flow's, while a worker extracts) never needs it.
from quotewire.records import BatchSummary, Speaker
from quotewire.dataset.schemas import SCHEMA_VERSION, SCHEMAS
from quotewire.ingest.sources import DEFAULT_MAX_BYTES, BatchPlan, PlanItem, discover, plan_batches, plan_items, units_not_in
from quotewire.dataset.tables import (
    import_pandas_bridge,
    merge_speakers,
    rejects_from_table,
    rejects_table,
    resolve_duplicates,
    sort_rejects,
    speakers_from_table,
    speakers_table,
)
# quotewire.dataset.validate (pandas, then great_expectations) is imported where a check runs in
# this process: with the validation service on, a build never needs it.
from quotewire.dataset.checks import ValidationReport, default_suites_dir, suites_fingerprint



class RemoteValidator(Protocol):
    """``validate_dir`` done elsewhere (the validation service)."""

    def start(self) -> bool:
        """Get ready (returns at once): False when it cannot serve this build."""

    def __call__(self, staging: Path, suites_dir: Path, chunk_rows: int, already_valid: Mapping[str, int]) -> ValidationReport | None:
        """``validate_dir(staging, suites_dir, chunk_rows, already_valid)``; None when it
        could not, and the build validates by itself."""

DEFAULT_BATCH_SIZE = 1000
INCREMENTAL_MAX_BATCHES = 10
ARTICLE_TABLES = ("articles", "statements", "temporal_expressions")
VALIDATION_CHUNK_ROWS = 100_000
# Disk a build needs per byte of input it extracts, at least: staged parts, the tables
# and the cache's entries are all on disk at once before the parts are dropped. Measured
# 3.3 (BBC, 5.3 MB of JSONL: 17 MB at the peak); 2 keeps the check from refusing a build
# that would have fit.
SPACE_PER_INPUT_BYTE = 2.0
SPACE_MARGIN_BYTES = 1 << 20

log = logging.getLogger(__name__)


# --- the processes of a build ---------------------------------------------------------

_watching: list[int] = []


def exit_with_parent() -> None:
    """End this process when its parent is gone (polled twice a second). Idempotent. The
    initializer of a build's pool workers: a build killed with SIGKILL runs no cleanup, and
    its workers would wait on their task queue forever (each holds the queue's write end
    itself, so it never reads end-of-file). A no-op in a process that multiprocessing did
    not start, so a build run from a shell that exits is not taken down with it."""
    started_by = multiprocessing.parent_process()
    if _watching or started_by is None:
        return
    # The pid multiprocessing recorded, not os.getppid(): a parent killed while this
    # process was still starting up has left it to init already.
    parent = started_by.pid
    _watching.append(parent)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, or None where the C library has none (macOS, musl)."""
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None


def release_memory() -> None:
    """Collect cycles, and return what Arrow's pool and the C heap hold unused. Changes no
    data; costs a full collection (tens of milliseconds). A long step leaves its freed
    memory with the allocators, which keep it: measured on a 200,000-article build after
    tabulating, 521 MB; 351 MB after a full collection (the step leaves reference cycles),
    289 MB once Arrow's pool released its unused pages, 264 MB after malloc_trim."""
    gc.collect()
    pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


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
    # Incremental builds: leading rows per file that come unchanged from the base version.
    already_valid: dict[str, int] = field(default_factory=dict)
    base_version: str | None = None
    units: int = 0
    new_units: int = 0


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
    # An incremental build: the version it extended, and how many input units were new.
    base_version: str | None = None
    new_units: int = 0

    @property
    def exit_code(self) -> int:
        return 1 if self.status == "failed" else 0


@dataclass(frozen=True)
class BuildPlan:
    """What a build extracts. ``base`` is the published version an incremental build
    extends: its rows are kept as they are and ``batches`` hold only the new input units.
    Without a base (a full build) ``batches`` cover every unit. ``unchanged``: the input is
    exactly the base's, so there is nothing to build."""

    batches: tuple[BatchPlan, ...]
    base: Path | None = None
    unchanged: bool = False
    units: int = 0

    @property
    def new_units(self) -> int:
        return sum(b.units for b in self.batches)


def settings(config: BuildConfig) -> dict[str, object]:
    """Everything besides the input that decides a version's rows; an incremental build
    extends only a version built with the same."""
    return {
        "code_version": CODE_VERSION,
        "schema_version": SCHEMA_VERSION,
        "suites": suites_fingerprint(),
        "legacy_encoding": config.legacy_encoding,
        "max_bytes": config.max_bytes,
        "partition_rows": config.partition_rows,
    }


def extendable_base(config: BuildConfig) -> Path | None:
    """LATEST, when an incremental build may extend it: built with the same settings and
    recording its input units. Never with ``use_cache`` off (a build from scratch)."""
    if not config.use_cache:
        return None
    version = store.latest_version(config.dataset_dir)
    if version is None:
        return None
    path = config.dataset_dir / version
    try:
        manifest = store.read_manifest(path)
    except (OSError, ValueError):
        return None
    if manifest.get("settings") != settings(config) or not (path / store.INPUTS).is_file():
        return None
    return path


class StepClock:
    """Wall seconds per build step, for the build summary: ``lap(name)`` charges the time
    since the previous lap to ``name``."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = self.seconds.get(name, 0.0) + now - self._last
        self._last = now


def plan(inputs: Sequence[str | os.PathLike[str]], config: BuildConfig = BuildConfig()) -> BuildPlan:
    """Batches over the input units to extract, in a defined order. When LATEST can be
    extended and its input units are all still present unchanged, only the new units are
    planned (an incremental build); an edited or removed unit means a full build (whose
    unchanged articles still come from the cache). A base whose files differ from its
    manifest is never extended: a full build replaces it when every one of its input
    units is given, else BuildFault names the file. Raises FileNotFoundError for a missing
    input, BuildFault when the disk has clearly too little room for the build."""
    batches = plan_batches(discover(inputs), config.batch_size)
    units = sum(b.units for b in batches)
    full = BuildPlan(tuple(batches), units=units)
    base = extendable_base(config)
    known = store.read_inputs(base) if base else None
    if base is None or known is None:
        return check_space(full, config)
    given: set[str] = set()
    new: list[PlanItem] = []
    for batch in batches:
        digests, items = units_not_in(batch, known)
        given.update(digests)
        new.extend(items)
    problems = store.verify_checksums(base)
    if problems:
        return check_space(_replace_corrupted_base(base, problems, known, given, full), config)
    if not known <= given:
        return check_space(full, config)
    if len(new) > INCREMENTAL_MAX_BATCHES * config.batch_size:
        # An incremental build holds its new rows in memory; past this a full build, which
        # streams (and still reuses cached articles), is the bounded one.
        return check_space(full, config)
    return check_space(BuildPlan(tuple(plan_items(new, config.batch_size)), base, unchanged=not new, units=units), config)


def _replace_corrupted_base(base: Path, problems: list[str], known: frozenset[str], given: set[str], full: BuildPlan) -> BuildPlan:
    """The full build that replaces a base whose files differ from its manifest, when the
    input holds every unit the base was built from (its record of them intact); else
    BuildFault naming the first bad file."""
    table, _, what = problems[0].partition(": ")  # "statements: statements.parquet differs ..."
    first = f"{base}/{what}" if what and "/" not in table else problems[0]
    if any(p.startswith("inputs:") for p in problems) or not known <= given:
        raise store.BuildFault(
            f"the latest version is corrupted ({first}) and the input lacks some of the articles it was built from, "
            f"so it cannot be rebuilt: restore the file from a backup, or build again with every input of {base.name}"
        )
    log.warning("the latest version is corrupted (%s%s); building everything again from the input, not on top of it",
                first, f" and {len(problems) - 1} more" if len(problems) > 1 else "")
    return full


def _existing_ancestor(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def planned_bytes(batches: Sequence[BatchPlan]) -> int:
    """Bytes of input the batches read (JSONL slices by their byte range, files whole)."""
    total = 0
    for batch in batches:
        for item in batch.items:
            if item.start_byte is not None and item.end_byte is not None:
                total += item.end_byte - item.start_byte
            else:
                with contextlib.suppress(OSError):
                    total += Path(item.path).stat().st_size
    return total


def check_space(build_plan: BuildPlan, config: BuildConfig) -> BuildPlan:
    """``build_plan`` when the dataset's disk has room for it by the estimate
    (``SPACE_PER_INPUT_BYTE`` per input byte extracted); else BuildFault before anything
    is staged."""
    if build_plan.unchanged:
        return build_plan
    need = int(planned_bytes(build_plan.batches) * SPACE_PER_INPUT_BYTE) + SPACE_MARGIN_BYTES
    where = _existing_ancestor(config.dataset_dir)
    free = shutil.disk_usage(where).free
    if free < need:
        raise store.BuildFault(
            f"not enough disk space under {where}: the build needs about {need / 2**20:.1f} MB, "
            f"{free / 2**20:.1f} MB are free; free some space or build under another --root"
        )
    return build_plan


_DISK_FULL = (errno.ENOSPC, errno.EDQUOT)
_NO_PERMISSION = (errno.EACCES, errno.EPERM, errno.EROFS)


def is_permanent(exc: BaseException) -> bool:
    """True for a failure that trying the step again cannot mend (a fault named by us, a
    full disk, a permission): the flow's retries are for transient I/O errors only."""
    if isinstance(exc, store.StoreError):
        return not isinstance(exc, store.StoreBusy)
    return isinstance(exc, OSError) and (exc.errno in _DISK_FULL + _NO_PERMISSION or "No space left on device" in str(exc))


@contextlib.contextmanager
def discarded_on_failure(staging: Path) -> Iterator[None]:
    """Remove the staging folder when the block fails. A published or quarantined build
    has moved it already, so a success leaves nothing to do."""
    try:
        yield
    except BaseException:
        store.discard(staging)
        raise


@contextlib.contextmanager
def faults_in_one_line(config: BuildConfig) -> Iterator[None]:
    """An error of the environment inside the block is raised as its BuildFault (``fault``):
    one line, exit 3. Anything else passes as it is."""
    try:
        yield
    except Exception as exc:
        as_fault = fault(exc, config)
        if as_fault is None or as_fault is exc:
            raise
        raise as_fault from exc


def fault(exc: BaseException, config: BuildConfig) -> store.BuildFault | None:
    """The BuildFault (exit 3, one line) an exception of the environment amounts to: a full
    disk, a permission, another OS error. None for anything else (a bug of ours, which
    keeps its traceback)."""
    if isinstance(exc, store.BuildFault):
        return exc
    if not isinstance(exc, OSError):
        return None
    where = exc.filename or config.dataset_dir
    latest = store.latest_version(config.dataset_dir) if config.dataset_dir.is_dir() else None
    after = f"; nothing was published{f', LATEST still names {latest}' if latest else ''}"
    if exc.errno in _DISK_FULL or "No space left on device" in str(exc):
        return store.BuildFault(f"disk full writing {where}{after}; free some space or build under another --root")
    if exc.errno in _NO_PERMISSION or "Permission denied" in str(exc):
        return store.BuildFault(f"permission denied: {where}{after}; make it writable for this user or build under another --root")
    return store.BuildFault(f"{exc.strerror or exc}: {where}{after}")


def open_staging(config: BuildConfig, warm_up_validator: bool = True) -> Path:
    """A fresh staging folder; sweeps those of killed builds and stale cache files.
    Imports the validator on a thread meanwhile (unless told not to: a validation service
    or process does the checks), so that the extraction that follows hides its cost."""
    if warm_up_validator:
        from quotewire.dataset.validate import warm_up

        warm_up()
    if config.cache_path:
        cache.sweep_other_versions(config.cache_path.parent, config.cache_path)
        cache.check(config.cache_path)  # moves an unreadable cache aside, with a warning
    return store.open_staging(config.dataset_dir)


def extract_batch(plan_: BatchPlan, staging: Path, config: BuildConfig) -> BatchSummary:
    from quotewire.dataset.pipeline import run_batch

    return run_batch(plan_, staging, config.cache_path, config.legacy_encoding, config.max_bytes)


def warm_up_extraction() -> None:
    """Import the extractors and load the statement model (what a worker's first batch
    would otherwise wait for)."""
    from quotewire.dataset import pipeline

    pipeline.warm_up()


@contextlib.contextmanager
def extraction_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """``workers`` processes for ``extract_batch_in``, for a caller that dispatches batches
    from threads (the Prefect flow: one task run per batch, its work in the pool).

    The workers are spawned, not forked: the caller has threads of its own (Prefect's
    event and log workers), and a fork copies their locks in whatever state they are. A
    spawned worker imports quotewire only (about 1 s), not the caller's Prefect (4 s
    each under Prefect's own process pool). Workers end with the caller (SIGKILL
    included). On an exception in the block, queued batches are cancelled and the pool is
    not waited for. A pool ``prestarted_extraction`` started is used, and ended, here."""
    pool = _prestarted.pop() if _prestarted else _spawned_pool(workers)
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    # Every batch is done; the workers' own exit (an interpreter's teardown, 0.1 s) need
    # not hold up tabulating.
    pool.shutdown(wait=False)


def _spawned_pool(workers: int) -> ProcessPoolExecutor:
    # Processes are spawned as batches arrive (up to ``workers``), not all at once.
    return ProcessPoolExecutor(
        max_workers=max(1, workers), mp_context=multiprocessing.get_context("spawn"), initializer=exit_with_parent
    )


_prestarted: list[ProcessPoolExecutor] = []


@contextlib.contextmanager
def prestarted_extraction(workers: int) -> Iterator[None]:
    """Within the block, the next ``extraction_pool`` has one process ready: spawned now,
    importing the extractors while the caller does other work. The Prefect build starts
    it before importing Prefect (about 1 s, then the flow run's creation and the plan):
    an incremental build's one batch then runs on a warm worker while the flow's process
    never imports the extractors (Reuters +100 against a running server: 3.6 s became 3.2 s
    in alternating runs). A pool the block did not use (an unchanged input) is killed
    at its end, not waited for."""
    pool = _spawned_pool(workers)
    pool.submit(warm_up_extraction)
    _prestarted.append(pool)
    try:
        yield
    finally:
        if pool in _prestarted:
            _prestarted.remove(pool)
            _kill_pool(pool)


def extraction_prestarted() -> bool:
    """Whether ``extraction_pool`` would get a process that is already running."""
    return bool(_prestarted)


def _kill_pool(pool: ProcessPoolExecutor) -> None:
    # shutdown() alone lets a worker finish its task first: the warm-up, up to a second
    # that the interpreter's exit would wait for (it joins the pool's thread).
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            proc.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def extract_batch_in(pool: ProcessPoolExecutor, plan_: BatchPlan, staging: Path, config: BuildConfig) -> BatchSummary:
    """``extract_batch`` run on one of ``pool``'s processes; blocks the calling thread."""
    future = pool.submit(extract_batch, plan_, staging, config)
    # Tabulating, next, needs pyarrow's pandas: imported while the batch runs elsewhere.
    import_pandas_bridge()
    return future.result()


def _owned(table: pa.Table, owned: frozenset[str]) -> pa.Table:
    if table.num_rows == 0:
        return table
    return table.filter(pc.is_in(table["article_id"], pa.array(sorted(owned), pa.string())))


def _month_keys(published_at: pa.ChunkedArray) -> list[str]:
    return [f"{t.year:04d}-{t.month:02d}" if t is not None else "undated" for t in published_at.to_pylist()]


def partition_large_tables(staging: Path, rows: dict[str, int], partition_rows: int) -> list[str]:
    """Write each article-level table with more than ``partition_rows`` rows as one file per
    publication month (statements and temporal expressions follow their article's month).
    A table that is partitioned already (extended from a partitioned base) stays as it is.
    Returns the names of the tables partitioned."""
    large = [n for n in ARTICLE_TABLES if rows[n] > partition_rows and (staging / f"{n}.parquet").exists()]
    if not large:
        return []
    arts = store.read_table(store.table_path(staging, "articles"), columns=["article_id", "published_at"])
    month_by_id = dict(zip(arts["article_id"].to_pylist(), _month_keys(arts["published_at"]), strict=True))
    for name in large:
        if name == "articles":
            store.partition_table(staging, name, lambda t: _month_keys(t["published_at"]))
        else:
            store.partition_table(staging, name, lambda t: [month_by_id.get(a, "undated") for a in t["article_id"].to_pylist()])
    return large



def _owned_pieces(staging: Path, summaries: Sequence[BatchSummary], owned: Sequence[frozenset[str]], name: str) -> Iterator[pa.Table]:
    return (_owned(store.read_part(staging, s.index, name), own) for s, own in zip(summaries, owned, strict=True))


def _statement_counts(speaker_ids: pa.ChunkedArray) -> Counter[str]:
    # Column by column: a Python object per struct scalar cost 0.1 s per 25,000 speakers,
    # paid again by every incremental build.
    counts = pc.value_counts(pc.list_flatten(speaker_ids))
    return Counter(dict(zip(counts.field("values").to_pylist(), counts.field("counts").to_pylist(), strict=True)))


def _part_rows(staging: Path, summaries: Sequence[BatchSummary], name: str) -> Iterator[pa.Table]:
    return (store.read_part(staging, s.index, name) for s in summaries)


def _speakers(new: Sequence[Speaker], counts: Mapping[str, int], base: pa.Table | None) -> pa.Table:
    """The speakers table: the new speaker rows merged, with statement counts. With a base
    table, only the base rows of speakers that appear again are merged (in Python); the
    others are kept as they are (in Arrow): no new statement names them, so their counts
    hold too. Merging is associative and rows are sorted by id, so this is the table a full
    build would write."""
    if base is None:
        return speakers_table(merge_speakers(new), counts)
    again = pc.is_in(base["speaker_id"], value_set=pa.array(sorted({sp.speaker_id for sp in new}), pa.string()))
    merged = speakers_table(merge_speakers([*speakers_from_table(base.filter(again)), *new]), counts)
    table = pa.concat_tables([base.filter(pc.invert(again)).cast(SCHEMAS["speakers"]), merged.cast(SCHEMAS["speakers"])])
    return table.take(pc.sort_indices(table, [("speaker_id", "ascending")]))


def tabulate(staging: Path, summaries: Sequence[BatchSummary], partition_rows: int = 1_000_000, base: Path | None = None) -> TableStats:
    """Turn the batches' parts into the five tables in the staging folder: the first copy of
    each text is kept (later ones become ``duplicate`` rejects), speakers are merged, row
    order is batch order. Streams part by part, so memory is bounded by a batch.

    With a ``base`` version (an incremental build) every table is the base's rows followed
    by the new ones, as a full build over the same input would give them up to row order:
    a new copy of a base text is a duplicate, speakers merge with the base's, statement
    counts add up."""
    summaries = sorted(summaries, key=lambda s: s.index)
    base_pairs: list[tuple[str, str]] = []
    if base is not None:
        arts = store.read_table(store.table_path(base, "articles"), columns=["article_id", "source"])
        base_pairs = list(zip(arts["article_id"].to_pylist(), arts["source"].to_pylist(), strict=True))
    owned, dup_rejects = resolve_duplicates([base_pairs, *(s.articles for s in summaries)])
    owned = owned[1:]
    rows: dict[str, int] = {}
    already_valid: dict[str, int] = {}
    if base is None:
        for name in ARTICLE_TABLES:
            rows[name] = store.write_table(staging, name, SCHEMAS[name], _owned_pieces(staging, summaries, owned, name))
    else:
        new_articles = pa.concat_tables([*_owned_pieces(staging, summaries, owned, "articles")]) if summaries else SCHEMAS["articles"].empty_table()
        month_by_id = dict(zip(new_articles["article_id"].to_pylist(), _month_keys(new_articles["published_at"]), strict=True))
        for name in ARTICLE_TABLES:
            month_of = (lambda t: _month_keys(t["published_at"])) if name == "articles" else (lambda t: [month_by_id.get(a, "undated") for a in t["article_id"].to_pylist()])
            delta = new_articles if name == "articles" else pa.concat_tables([SCHEMAS[name].empty_table(), *(p.cast(SCHEMAS[name]) for p in _owned_pieces(staging, summaries, owned, name))])
            rows[name], valid = store.extend_table(staging, name, SCHEMAS[name], base, delta, month_of, partition_rows)
            already_valid.update(valid)
    counts = _statement_counts(store.read_table(store.table_path(staging, "statements"), columns=["speaker_ids"])["speaker_ids"])
    new_speakers = [sp for part in _part_rows(staging, summaries, "speakers") for sp in speakers_from_table(part)]
    speakers = _speakers(new_speakers, counts, store.read_table(store.table_path(base, "speakers")) if base else None)
    rows["speakers"] = store.write_table(staging, "speakers", SCHEMAS["speakers"], [speakers])
    rejects = sort_rejects(
        [
            *(rejects_from_table(store.read_table(store.table_path(base, "rejects"))) if base else ()),
            *(r for part in _part_rows(staging, summaries, "rejects") for r in rejects_from_table(part)),
            *dup_rejects,
        ]
    )
    rows["rejects"] = store.write_table(staging, "rejects", SCHEMAS["rejects"], [rejects_table(rejects)])
    inputs = [*(store.read_table(base / store.INPUTS)["unit_digest"].to_pylist() if base else ())]
    inputs += [d for part in _part_rows(staging, summaries, "inputs") for d in part["unit_digest"].to_pylist()]
    store.write_inputs(staging, inputs)
    store.drop_parts(staging)
    if partition_large_tables(staging, rows, partition_rows):
        already_valid = {k: v for k, v in already_valid.items() if (staging / k).exists()}
    fingerprint = hashlib.sha256("".join(sorted(inputs)).encode()).hexdigest()
    reasons = dict(sorted(Counter(r.reason.value for r in rejects).items()))
    order = ("articles", "speakers", "statements", "temporal_expressions", "rejects")
    return TableStats(
        {n: rows[n] for n in order},
        reasons,
        fingerprint,
        sum(s.cache_hits for s in summaries),
        already_valid,
        base.name if base else None,
        len(inputs),
        sum(s.units for s in summaries),
    )


def validate_staged(staging: Path, config: BuildConfig, stats: TableStats, remote: RemoteValidator | None = None) -> ValidationReport:
    """Validate what was written and record the results in the staging folder's manifest.
    ``remote`` does the checking when given and able; else this process does."""
    report = _validate(staging, stats, remote=remote)
    record_validation(staging, config, stats, report)
    return report


def _validate_here(*args: object) -> ValidationReport:
    from quotewire.dataset.validate import validate_dir

    return validate_dir(*args)  # type: ignore[arg-type]


def _validate(staging: Path, stats: TableStats, in_pool: bool = False, remote: RemoteValidator | None = None) -> ValidationReport:
    """The report from ``remote`` (the validation service); when there is none or it could
    not answer, from this interpreter's validator process (``in_pool``) or this process."""
    # Tabulating leaves its garbage with the allocators; this process waits on the
    # validation now, and would otherwise hold it at the same time as the validation's
    # peak (a 200,000-article build: 521 MB, 264 MB once given back). Not after a build
    # of one batch or less (an incremental one): its validation is small, and a full
    # collection of a process that has Prefect loaded costs 60 ms of a 3 s build.
    if stats.new_units > DEFAULT_BATCH_SIZE:
        release_memory()
    args = (staging, default_suites_dir(), VALIDATION_CHUNK_ROWS, stats.already_valid)
    report = remote(*args) if remote is not None else None
    if report is not None:
        return report
    return _validator().submit(_validate_here, *args).result() if in_pool else _validate_here(*args)


def record_validation(staging: Path, config: BuildConfig, stats: TableStats, report: ValidationReport) -> None:
    """Write the staging folder's manifest: tables, settings, the build, the validation."""
    store.write_manifest(
        staging,
        dataset=config.dataset,
        input_fingerprint=stats.input_fingerprint,
        code_version=CODE_VERSION,
        validation_summary=report.summary(),
        validation_results=report.to_json(),
        extra={
            "settings": settings(config),
            "build": {
                "base_version": stats.base_version,
                "input_units": stats.units,
                "extracted_units": stats.new_units,
                "validated": "rows new since the base version" if stats.base_version else "all rows",
            },
        },
    )


def publish_or_quarantine(staging: Path, report: ValidationReport, config: BuildConfig) -> tuple[str, str | None, Path]:
    """(status, version, path): publish when every critical check passed, else move the
    staged tables and results to the quarantine folder and publish nothing."""
    if not report.success:
        return "failed", None, store.quarantine(staging, config.dataset_dir)
    result = store.publish(staging, config.dataset_dir, config.lock_timeout_s)
    return result.status, result.version, result.path


def unchanged_outcome(build_plan: BuildPlan) -> BuildOutcome:
    """The outcome of a build whose input is exactly its base version's: nothing is
    staged, extracted or validated again; the base stays LATEST."""
    assert build_plan.base is not None
    manifest = store.read_manifest(build_plan.base)
    tables = dict(manifest.get("tables", {}))  # type: ignore[arg-type]
    rejects = store.read_table(store.table_path(build_plan.base, "rejects"), columns=["reason"])["reason"].to_pylist()
    return BuildOutcome(
        "unchanged",
        build_plan.base.name,
        build_plan.base,
        {name: int(entry["rows"]) for name, entry in tables.items()},
        dict(sorted(Counter(rejects).items())),
        ValidationReport(()),
    )


def build_local(
    inputs: Sequence[str | os.PathLike[str]],
    config: BuildConfig = BuildConfig(),
    progress: Callable[[int, int], None] | None = None,
    workers: int = 1,
    remote: RemoteValidator | None = None,
) -> BuildOutcome:
    """Run every step without Prefect; batches on a pool of ``workers`` processes (a single
    batch runs in this one). ``progress(done, total)`` is called after each batch;
    ``remote`` validates when given and able (else a validator process of this
    interpreter). An error of the environment (disk full, permission) is raised as
    BuildFault, with the staging folder removed and LATEST as it was."""
    clock = StepClock()
    with faults_in_one_line(config):
        build_plan = plan(inputs, config)
        if build_plan.unchanged:
            clock.lap("plan")
            return dataclasses.replace(unchanged_outcome(build_plan), seconds_by_step=clock.seconds)
        return _build_planned(build_plan, config, progress, workers, clock, remote)


_validator_pool: list[ProcessPoolExecutor] = []


def _validator() -> ProcessPoolExecutor:
    """One process per interpreter that validates builds. It starts importing
    great_expectations (seconds) as soon as a build has work, on the other core, while
    this process extracts: an incremental build would otherwise wait for that import after
    its short extraction. Kept for the interpreter's life, so a second build in the same
    process (tests, notebooks) does not import it again."""
    if not _validator_pool:
        pool = ProcessPoolExecutor(max_workers=1, initializer=exit_with_parent)
        from quotewire.dataset.validate import warm_up_import

        pool.submit(warm_up_import)
        _validator_pool.append(pool)
    return _validator_pool[0]


def _build_planned(
    build_plan: BuildPlan,
    config: BuildConfig,
    progress: Callable[[int, int], None] | None,
    workers: int,
    clock: StepClock,
    remote: RemoteValidator | None,
) -> BuildOutcome:
    # The remote validator, or this interpreter's own validator process: either started
    # now, so that it imports great_expectations while this process extracts.
    if remote is not None and not remote.start():
        log.warning("the validation service cannot start; validating in this process")
        remote = None
    if remote is None:
        _validator()
    staging = open_staging(config, warm_up_validator=False)
    with discarded_on_failure(staging):
        return _build_staged(build_plan, config, progress, workers, clock, staging, remote)


def _build_staged(
    build_plan: BuildPlan,
    config: BuildConfig,
    progress: Callable[[int, int], None] | None,
    workers: int,
    clock: StepClock,
    staging: Path,
    remote: RemoteValidator | None,
) -> BuildOutcome:
    clock.lap("plan")
    summaries: list[BatchSummary] = []
    plans = build_plan.batches
    if len(plans) > 1:
        with ProcessPoolExecutor(max_workers=max(1, workers), initializer=exit_with_parent) as pool:
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
    clock.lap("extract")
    stats = tabulate(staging, summaries, config.partition_rows, build_plan.base)
    clock.lap("tabulate")
    # Only the check runs there; the manifest is written here, from this process's state.
    report = _validate(staging, stats, in_pool=True, remote=remote)
    record_validation(staging, config, stats, report)
    clock.lap("validate")
    status, version, path = publish_or_quarantine(staging, report, config)
    clock.lap("publish")
    return BuildOutcome(
        status, version, path, stats.row_counts, stats.rejects_by_reason, report, clock.seconds, stats.cache_hits, stats.base_version, stats.new_units
    )
