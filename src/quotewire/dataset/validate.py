"""Data-quality gate: the only module that imports great_expectations.

Suites live in ``expectations/<table>.json`` as reviewable JSON. Each expectation's
``meta.severity`` is ``critical`` (a failure blocks publication) or ``warning`` (recorded in
the manifest and run summary, never blocking); the suite's own ``meta.severity`` is the
default. Checks that span tables (foreign keys, offsets into the article text, slices
equal to the stored strings) are computed here as boolean ``check_*`` columns, and the
suites expect them to be true: the rule stays in the JSON, the join stays in code.

great_expectations is imported lazily (it takes seconds), only when a check actually runs.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import importlib
import json
import os
import pickle
import threading
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from quotewire.dataset.checks import (  # noqa: F401 - ValidationReport, default_suites_dir and report_text re-exported for their callers
    CRITICAL,
    CheckResult,
    ValidationReport,
    default_suites_dir,
    report_text,
)
from quotewire.dataset.schemas import TABLE_NAMES
from quotewire.dataset.store import table_files, table_path

# The tables with a suite: the five stored ones and the per-article statistics.
SUITE_TABLES = (*TABLE_NAMES, "article_stats")


def warm_up_import() -> None:
    """Import great_expectations now, in a process that will validate later and do
    little else (the validation service, a build's validator process). Its objects then
    live as long as the process: frozen, so that the collection after each chunk
    (``run_suites``) does not walk them again."""
    importlib.import_module("great_expectations")
    for table in SUITE_TABLES:
        _batch_definition(table)  # a forked validator inherits them
    gc.freeze()


def warm_up() -> threading.Thread:
    """Import great_expectations on a background thread (it takes seconds), so a build
    pays for it while its workers extract rather than after. ``validate_*`` then finds
    the module already imported (or waits on Python's import lock for the rest)."""
    thread = threading.Thread(target=importlib.import_module, args=("great_expectations",), name="gx-import", daemon=True)
    thread.start()
    return thread


def load_suite_json(table: str, suites_dir: Path | None = None) -> dict[str, object]:
    path = (suites_dir or default_suites_dir()) / f"{table}.json"
    return json.loads(path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------
# Derived check columns (cross-table rules)
# ---------------------------------------------------------------------------------------


def _ints(series: pd.Series) -> list[int | None]:
    """A nullable integer column as Python ints and None, fast."""
    nulls = series.isna().tolist()
    values = series.fillna(-1).astype("int64").tolist()
    return [None if n else v for v, n in zip(values, nulls, strict=True)]


@dataclass(frozen=True)
class ArticleTexts:
    """Article texts by id, for checks of offsets into them. Texts stay in their Parquet
    row groups and are read when a chunk of rows points at them: rows come in article
    order, so a chunk reads a few row groups, and memory follows the chunk, not the
    corpus (200k texts as Python strings would take over half a gigabyte).

    ``where`` maps an article id to (row group index into ``groups``, row within it);
    ``groups`` lists (file, row group) pairs."""

    where: Mapping[str, tuple[int, int]]
    groups: tuple[tuple[Path, int], ...] = ()

    def for_ids(self, ids: Sequence[str]) -> list[str | None]:
        """The text of each id's article (None for an unknown id); one Python string per
        distinct article, shared by the rows that point at it."""
        spots = [self.where.get(i) for i in ids]
        found: dict[tuple[int, int], str] = {}
        by_group: dict[int, set[int]] = {}
        for spot in spots:
            if spot is not None:
                by_group.setdefault(spot[0], set()).add(spot[1])
        for group, rows in by_group.items():
            path, row_group = self.groups[group]
            wanted = sorted(rows)
            column = pq.ParquetFile(path).read_row_group(row_group, columns=["text"])["text"]
            found.update(zip(((group, r) for r in wanted), column.take(pa.array(wanted, pa.int64())).to_pylist(), strict=True))
        return [None if spot is None else found[spot] for spot in spots]


def _texts_for(ids: pd.Series, texts: ArticleTexts) -> list[str | None]:
    return texts.for_ids(ids.tolist())


def _slice_equals(texts: list[str | None], starts: pd.Series, ends: pd.Series, values: pd.Series) -> list[bool]:
    """text[start:end] == value for each row (bounds checked; a null value only checks bounds)."""
    out = []
    for text, s, e, v in zip(texts, _ints(starts), _ints(ends), values.tolist(), strict=True):
        if text is None or s is None or e is None:
            out.append(False)
        else:
            out.append(0 <= s <= e <= len(text) and (not isinstance(v, str) or text[s:e] == v))
    return out


def _in_bounds(texts: list[str | None], starts: pd.Series, ends: pd.Series, allow_null: bool) -> list[bool]:
    out = []
    for text, s, e in zip(texts, _ints(starts), _ints(ends), strict=True):
        if s is None and e is None:
            out.append(allow_null)
        elif text is None or s is None or e is None:
            out.append(False)
        else:
            out.append(0 <= s < e <= len(text))
    return out


@dataclass(frozen=True)
class CheckContext:
    """What row checks need from other tables: article texts, the ids that foreign keys
    point at, and the keys that occur more than once anywhere in their table."""

    texts: ArticleTexts
    speaker_ids: frozenset[str]
    statement_ids: pa.Array  # a value set for pyarrow.compute.is_in: 800k ids as Python strings would cost ~150 MB
    duplicate_keys: Mapping[str, frozenset[str]]


KEYS = {"articles": "article_id", "speakers": "speaker_id", "statements": "statement_id", "temporal_expressions": "timex_id"}


def _repeated(version_path: Path, table: str, column: str, skip: Mapping[str, int] | None = None) -> frozenset[str]:
    """Keys that occur more than once in a table, counted in Arrow (a million ids as Python
    strings would cost a hundred megabytes for a handful of repeats). With ``skip`` (rows
    validated before, per file), only the repeats among the keys of the rows still to
    check: the only rows the result flags. Only those keys are counted (an incremental
    build of Reuters: 25 ms instead of 45 ms, before its validation can fork)."""
    files = table_files(version_path, table)
    parts = [pq.read_table(f, columns=[column])[column] for f in files]
    if not parts:
        return frozenset()
    values = pa.chunked_array([c for part in parts for c in part.chunks], type=parts[0].type)
    done = [(skip or {}).get(f.relative_to(version_path).as_posix(), 0) for f in files]
    if any(done):
        fresh = pa.chunked_array([c for part, k in zip(parts, done, strict=True) for c in part.slice(k).chunks], type=parts[0].type)
        values = values.filter(pc.is_in(values, value_set=pc.unique(fresh)))
    counts = pc.value_counts(values)
    repeated = counts.filter(pc.greater(counts.field("counts"), 1)).field("values")
    return frozenset(v for v in repeated.to_pylist() if isinstance(v, str))


def _key_checks(table: str, df: pd.DataFrame, ctx: CheckContext) -> None:
    # GX checks uniqueness within one chunk; this catches a key repeated across chunks.
    dup = ctx.duplicate_keys.get(table, frozenset())
    df["check_key_unique"] = [k not in dup for k in df[KEYS[table]].tolist()]


def _check_articles(df: pd.DataFrame, ctx: CheckContext) -> None:
    df["check_sha256_matches_text"] = [
        isinstance(t, str) and hashlib.sha256(t.encode("utf-8", "surrogatepass")).hexdigest() == h
        for t, h in zip(df["text"].tolist(), df["text_sha256"].tolist(), strict=True)
    ]
    lo, hi = datetime(1800, 1, 1, tzinfo=timezone.utc), datetime.now(timezone.utc) + timedelta(days=1)
    tz_aware = getattr(df["published_at"].dtype, "tz", None) is not None
    df["check_published_at_in_range"] = [
        pd.isna(v) or (tz_aware and lo <= v.to_pydatetime() <= hi) for v in df["published_at"]
    ]


def _check_statements(df: pd.DataFrame, ctx: CheckContext) -> None:
    texts = _texts_for(df["article_id"], ctx.texts)
    df["check_article_exists"] = [t is not None for t in texts]
    df["check_content_matches_text"] = _slice_equals(texts, df["content_start"], df["content_end"], df["content"])
    df["check_cue_in_text"] = _in_bounds(texts, df["cue_start"], df["cue_end"], allow_null=False)
    # A statement without a speaker mention has neither text nor offsets: that passes.
    no_mention = (df["speaker_text"].isna() & df["speaker_start"].isna() & df["speaker_end"].isna()).tolist()
    spans_ok = _slice_equals(texts, df["speaker_start"], df["speaker_end"], df["speaker_text"])
    df["check_speaker_span_in_text"] = [a or b for a, b in zip(no_mention, spans_ok, strict=True)]
    df["check_spans_inside_content"] = [
        spans is not None and len(spans) > 0 and all(s <= int(f["start"]) < int(f["end"]) <= e for f in spans)
        for spans, s, e in zip(df["content_spans"].tolist(), df["content_start"].tolist(), df["content_end"].tolist(), strict=True)
    ]
    df["check_speakers_exist"] = [
        ids is not None and all(i in ctx.speaker_ids for i in ids) for ids in df["speaker_ids"].tolist()
    ]
    df["check_content_not_blank"] = [isinstance(c, str) and c.strip() != "" for c in df["content"].tolist()]
    df["has_speaker"] = [ids is not None and len(ids) > 0 for ids in df["speaker_ids"].tolist()]


def _check_timexes(df: pd.DataFrame, ctx: CheckContext) -> None:
    texts = _texts_for(df["article_id"], ctx.texts)
    df["check_article_exists"] = [t is not None for t in texts]
    df["check_text_matches_offsets"] = _slice_equals(texts, df["start"], df["end"], df["text"])
    # Missing statement ids come back as None or NaN depending on the reader: not a str.
    ids = [s if isinstance(s, str) else None for s in df["statement_id"].tolist()]
    # Hash the chunk's few ids and scan the statement ids, not the other way round: that
    # would build a hash table of every statement id once per chunk.
    wanted = pa.array(sorted({i for i in ids if i is not None}), pa.string())
    found = set(ctx.statement_ids.filter(pc.is_in(ctx.statement_ids, value_set=wanted)).to_pylist()) if len(wanted) else set()
    df["check_statement_exists"] = [s is None or s in found for s in ids]


def _check_speakers(df: pd.DataFrame, ctx: CheckContext) -> None:
    df["check_name_not_blank"] = [isinstance(n, str) and n.strip() != "" for n in df["name"].tolist()]


_CHECKS = {
    "articles": _check_articles,
    "statements": _check_statements,
    "temporal_expressions": _check_timexes,
    "speakers": _check_speakers,
}


def with_checks(table: str, df: pd.DataFrame, ctx: CheckContext) -> pd.DataFrame:
    """A copy of one chunk of ``table`` with its ``check_*`` columns, ready for GX."""
    out = df.copy()
    if table in KEYS:
        _key_checks(table, out, ctx)
    if table in _CHECKS:
        _CHECKS[table](out, ctx)
    return _hashable(out)


def _hashable(df: pd.DataFrame) -> pd.DataFrame:
    """List cells reach GX as their lengths (null stays null). GX fingerprints every batch
    with ``pd.util.hash_pandas_object``, which refuses arrays and then pickles the whole
    frame instead: seconds per table on a large build. The suites only ask list columns to
    be non-null, which lengths preserve."""
    for column in df.columns:
        if df[column].dtype == object and len(df) and any(hasattr(v, "tolist") for v in df[column].head(50)):
            df[column] = pd.array([None if v is None else len(v) for v in df[column].tolist()], dtype="Int64")
    return df


def article_stats(article_ids: Sequence[str], published_at_null: Sequence[bool], statement_article_ids: Iterable[str]) -> pd.DataFrame:
    """One row per article: its statement count and whether it has a date (warning suite)."""
    counts = Counter(statement_article_ids)
    return pd.DataFrame(
        {
            "article_id": list(article_ids),
            "statement_count": pd.array([counts.get(a, 0) for a in article_ids], dtype="int64"),
            "has_date": [not n for n in published_at_null],
        }
    )


# ---------------------------------------------------------------------------------------
# Running the suites
# ---------------------------------------------------------------------------------------


def _unexpected_text(count: int, sample: Sequence[str]) -> str:
    return f"{count} unexpected" + (f", e.g. {list(sample)}" if sample else "")


def _observed(result: Mapping[str, object]) -> tuple[str, int | None, tuple[str, ...]]:
    """(observed, unexpected_count, unexpected_sample) of one GX result."""
    if "unexpected_count" in result:
        count = int(result["unexpected_count"])  # type: ignore[call-overload]
        sample = tuple(str(x)[:60] for x in list(result.get("partial_unexpected_list") or [])[:3])  # type: ignore[call-overload]
        return _unexpected_text(count, sample), count, sample
    if "observed_value" in result:
        return str(result["observed_value"])[:120], None, ()
    return "", None, ()


@functools.cache
def _gx_context():  # type: ignore[no-untyped-def]
    """One ephemeral context per process: the data sources below live in it."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    return ctx


# Chunks up to this many rows stay loaded in GX after their validation (a few megabytes).
_HELD_ROWS = 20_000


@functools.cache
def _batch_definition(table: str):  # type: ignore[no-untyped-def]
    """The whole-dataframe batch definition of ``table``, made once per process. Adding and
    deleting a data source per chunk cost about 40 ms a chunk (GX writes its whole
    configuration as YAML at each change): a tenth of an incremental build's validation."""
    source = _gx_context().data_sources.add_pandas(f"quotewire-{table}")
    return source.add_dataframe_asset(table).add_batch_definition_whole_dataframe(table)


def _merge(a: CheckResult, b: CheckResult) -> CheckResult:
    """One result for an expectation run on several chunks: it passes when every chunk
    passes; unexpected counts add up, other observations show the failing (or last) one."""
    success = a.success and b.success
    if a.unexpected_count is not None and b.unexpected_count is not None:
        count = a.unexpected_count + b.unexpected_count
        sample = a.unexpected_sample or b.unexpected_sample
        return dataclasses.replace(a, success=success, observed=_unexpected_text(count, sample), unexpected_count=count, unexpected_sample=sample)
    return dataclasses.replace(b if a.success else a, success=success)


def run_suites(chunks: Iterable[tuple[str, pd.DataFrame]], suites_dir: Path | None = None) -> ValidationReport:
    """Validate (table, checked chunk) pairs against the suites, merging results per
    expectation across the chunks of a table."""
    import great_expectations as gx

    merged: dict[tuple[str, int], CheckResult] = {}
    suites: dict[str, tuple[object, str]] = {}
    for n, (table, frame) in enumerate(chunks):
        if table not in suites:
            spec = load_suite_json(table, suites_dir)
            suites[table] = (gx.ExpectationSuite(**spec), (spec.get("meta") or {}).get("severity", CRITICAL))  # type: ignore[union-attr]
        suite, default_severity = suites[table]
        batch = _batch_definition(table).get_batch(batch_parameters={"dataframe": frame})
        # BASIC has all a CheckResult keeps (counts, the first unexpected values, observed
        # values); SUMMARY, the default, also tallies the unexpected values and finds their
        # row indices, for every expectation: about a fifth of a small validation's time.
        results = batch.validate(suite, result_format="BASIC").results
        # The data source's execution engine keeps the batch it loaded (by the batch's id,
        # the same for every chunk of a table: the next chunk replaces it). A large chunk
        # is replaced now by its empty head, so that an idle validation service does not
        # hold it until the next build.
        if len(frame) > _HELD_ROWS:
            _batch_definition(table).get_batch(batch_parameters={"dataframe": frame.iloc[:0]})
        del batch, frame
        # A validation leaves cycles of GX objects that hold the chunk's columns; left to
        # the collector's thresholds they piled up for several chunks (1.6 GB instead of
        # 1.2 GB validating 200k articles).
        gc.collect()
        for i, r in enumerate(results):
            cfg = r.expectation_config
            observed, count, sample = _observed(r.result or {})
            result = CheckResult(
                table=table,
                expectation=cfg.type,
                column=str(cfg.kwargs.get("column", cfg.kwargs.get("column_list", ""))),
                severity=(cfg.meta or {}).get("severity", default_severity),
                success=bool(r.success),
                observed=observed,
                unexpected_count=count,
                unexpected_sample=sample,
            )
            key = (table, i)
            merged[key] = _merge(merged[key], result) if key in merged else result
    return ValidationReport(tuple(sorted(merged.values(), key=_result_order)))


_TABLE_ORDER = {name: i for i, name in enumerate(SUITE_TABLES)}


def _result_order(r: CheckResult) -> tuple[int, bool, str, str]:
    return (_TABLE_ORDER[r.table], r.severity != CRITICAL, r.expectation, r.column)


def read_frames(version_path: Path) -> dict[str, pd.DataFrame]:
    """Read every table of a version directory (or staging directory) as DataFrames."""
    return {name: pd.read_parquet(table_path(version_path, name)) for name in TABLE_NAMES}


def _column(version_path: Path, table: str, column: str) -> list[object]:
    return pq.read_table(table_path(version_path, table), columns=[column])[column].to_pylist()


# A chunk's memory while GX checks it grows with its bytes more than its rows: 100k
# articles (their texts) took 550 MB more than 100k temporal expressions. Chunks of a
# table with wide rows are cut to about this many bytes of Parquet data.
CHUNK_BYTES = 32 * 2**20


def _chunk_rows(reader: pq.ParquetFile, chunk_rows: int) -> int:
    """``chunk_rows``, or fewer for a table whose rows average more than CHUNK_BYTES /
    chunk_rows bytes (uncompressed, as Parquet records them)."""
    meta = reader.metadata
    row_bytes = sum(meta.row_group(g).total_byte_size for g in range(meta.num_row_groups)) / max(1, meta.num_rows)
    return max(1, min(chunk_rows, int(CHUNK_BYTES / max(row_bytes, 1.0))))


def _unchecked_frames(reader: pq.ParquetFile, skip_rows: int, chunk_rows: int) -> Iterator[pd.DataFrame]:
    """The rows of a file after its first ``skip_rows``, as frames of ``chunk_rows`` rows
    or fewer (see ``_chunk_rows``; iter_batches spans row groups, so a chunk is not a
    row group)."""
    chunk_rows = _chunk_rows(reader, chunk_rows)
    groups, before, seen = [], 0, 0
    for group in range(reader.num_row_groups):
        size = reader.metadata.row_group(group).num_rows
        if seen + size > skip_rows:
            groups.append(group)
        else:  # wholly pre-validated: not even read
            before += size
        seen += size
    if not groups:
        return
    skip_rows, seen = skip_rows - before, 0
    for batch in reader.iter_batches(batch_size=chunk_rows, row_groups=groups):
        start, seen = max(0, skip_rows - seen), seen + batch.num_rows
        if start < batch.num_rows:
            yield batch.slice(start).to_pandas()


def _empty_frame(version_path: Path, table: str) -> pd.DataFrame:
    return pq.ParquetFile(table_files(version_path, table)[0]).schema_arrow.empty_table().to_pandas()


def _texts_to_check(version_path: Path, skip: Mapping[str, int]) -> ArticleTexts:
    """Where each checked article's text is (pre-validated articles are left out: their
    statements and temporal expressions are not checked again either)."""
    where: dict[str, tuple[int, int]] = {}
    groups: list[tuple[Path, int]] = []
    for file in table_files(version_path, "articles"):
        reader = pq.ParquetFile(file)
        n = skip.get(file.relative_to(version_path).as_posix(), 0)
        first = 0
        for row_group in range(reader.num_row_groups):
            size = reader.metadata.row_group(row_group).num_rows
            if first + size > n:
                ids = reader.read_row_group(row_group, columns=["article_id"])["article_id"].to_pylist()
                group = len(groups)
                groups.append((file, row_group))
                where.update((article_id, (group, row)) for row, article_id in enumerate(ids) if first + row >= n)
            first += size
    return ArticleTexts(where, tuple(groups))


def validate_dir(
    version_path: Path,
    suites_dir: Path | None = None,
    chunk_rows: int = 100_000,
    already_valid: Mapping[str, int] | None = None,
    processes: int = 1,
) -> ValidationReport:
    """Validate a version (or staging) folder chunk by chunk: memory grows with the chunk
    and the article texts, not with the whole dataset.

    ``already_valid`` maps a file (path relative to the folder) to how many of its leading
    rows were validated before, unchanged, in the version an incremental build extends:
    those rows are not checked again. Keys and references are still checked across the
    whole folder, and so are the dataset-level statistics.

    ``processes=2`` runs the statements and temporal-expression suites in a forked copy of
    this process while this one runs the others (POSIX only; the report is the same). It
    is meant for a process that does nothing else meanwhile (the validation service), and
    is used only up to ``SPLIT_MAX_ROWS`` rows to check: great_expectations spends about
    10 ms per expectation whatever the rows, which is most of an incremental build's
    validation, while a large validation would hold two copies of its chunks."""
    skip = dict(already_valid or {})
    arts = pq.read_table(table_path(version_path, "articles"), columns=["article_id", "published_at"])
    article_ids = arts["article_id"].to_pylist()
    ctx = CheckContext(
        texts=_texts_to_check(version_path, skip),
        speaker_ids=frozenset(_column(version_path, "speakers", "speaker_id")),  # type: ignore[arg-type]
        statement_ids=pq.read_table(table_path(version_path, "statements"), columns=["statement_id"])["statement_id"].combine_chunks(),
        duplicate_keys={t: _repeated(version_path, t, k, skip) for t, k in KEYS.items()},
    )
    stats = article_stats(article_ids, arts["published_at"].is_null().to_pylist(), _column(version_path, "statements", "article_id"))  # type: ignore[arg-type]
    del arts

    def chunks(tables: Sequence[str]) -> Iterator[tuple[str, pd.DataFrame]]:
        for table in tables:
            if table == "article_stats":
                yield "article_stats", stats
                continue
            checked = False
            for file in table_files(version_path, table):
                reader = pq.ParquetFile(file)
                for frame in _unchecked_frames(reader, skip.get(file.relative_to(version_path).as_posix(), 0), chunk_rows):
                    checked = True
                    yield table, with_checks(table, frame, ctx)
            if not checked:  # an empty (or wholly pre-validated) table still has its columns and types checked
                yield table, with_checks(table, _empty_frame(version_path, table), ctx)

    everything = SUITE_TABLES
    if processes < 2 or not hasattr(os, "fork") or _rows_to_check(version_path, skip) > SPLIT_MAX_ROWS:
        return run_suites(chunks(everything), suites_dir)
    forked = tuple(t for t in everything if t in FORKED_TABLES)
    here = tuple(t for t in everything if t not in FORKED_TABLES)
    return _in_two_processes(lambda: run_suites(chunks(forked), suites_dir), lambda: run_suites(chunks(here), suites_dir))


# The two largest suites (54 of the 96 expectations) go to the forked process. Up to
# SPLIT_MAX_ROWS rows (a full build of some 25,000 articles) the second process's chunk
# costs a few hundred megabytes and the split saves a fifth of the time (Reuters: 5.0 s
# to 4.0 s); past it, two processes holding chunks would count twice in a large build's
# memory for a smaller share of the time (the work is not split evenly: statements and
# temporal expressions are most of the rows).
FORKED_TABLES = frozenset({"statements", "temporal_expressions"})
SPLIT_MAX_ROWS = 300_000


def _rows_to_check(version_path: Path, skip: Mapping[str, int]) -> int:
    return sum(
        max(0, pq.ParquetFile(f).metadata.num_rows - skip.get(f.relative_to(version_path).as_posix(), 0))
        for table in TABLE_NAMES
        for f in table_files(version_path, table)
    )


def _in_two_processes(forked: Callable[[], ValidationReport], here: Callable[[], ValidationReport]) -> ValidationReport:
    """``forked()`` in a forked child and ``here()`` in this process, results combined in
    the order ``run_suites`` gives them. An exception in the child is raised here."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, send, and leave without running any of the parent's cleanup
        code = 0
        try:
            os.close(read_fd)
            try:
                payload = pickle.dumps(("ok", forked()))
            except BaseException:  # noqa: BLE001 - carried to the parent
                payload = pickle.dumps(("error", traceback.format_exc()))
            with os.fdopen(write_fd, "wb") as out:
                out.write(payload)
        except BaseException:  # noqa: BLE001
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    try:
        mine = here()
    finally:
        # Read before waiting: a child blocked on a full pipe would never exit.
        with os.fdopen(read_fd, "rb") as inp:
            data = inp.read()
        os.waitpid(pid, 0)
    if not data:
        raise RuntimeError("the forked validation process died without a result")
    status, theirs = pickle.loads(data)  # noqa: S301 - our own child's bytes
    if status != "ok":
        raise RuntimeError(f"validation failed in the forked process:\n{theirs}")
    return ValidationReport(tuple(sorted((*mine.results, *theirs.results), key=_result_order)))
