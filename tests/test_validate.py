"""The quality gate catches what it promises to catch: each breakage fails a named check.

The tables come from a build of the sample (the ``sample_build`` fixture); a breakage is
written back as Parquet files of a folder, which ``validate_dir`` checks as a build's
validation step checks its staging folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pandas as pd
import pyarrow as pa
import pytest

from quotewire.dataset import store
from quotewire.dataset.checks import ValidationReport, report_markdown
from quotewire.dataset.schemas import SCHEMAS
from quotewire.dataset.validate import read_frames, validate_dir

Frames = dict[str, pd.DataFrame]


@pytest.fixture(scope="module")
def frames(sample_build) -> Frames:  # type: ignore[no-untyped-def]
    outcome, _ = sample_build
    return read_frames(outcome.path)


def _validate(frames: Frames, folder: Path) -> ValidationReport:
    """``validate_dir`` on ``frames`` written as the tables of ``folder`` (a new folder)."""
    folder.mkdir()
    for name, frame in frames.items():
        table = pa.Table.from_pandas(frame, schema=SCHEMAS[name], preserve_index=False)
        store.write_table(folder, name, SCHEMAS[name], [table])
    return validate_dir(folder)


def test_published_sample_passes(sample_build, frames: Frames, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert sample_build[0].status == "published"
    # Written back unchanged, the tables still pass: a failure below is the breakage's.
    report = _validate(frames, tmp_path / "unchanged")
    assert report.success, report.table_rows(only_failed=True)
    assert report.summary()["critical_failed"] == 0


def _set(table: str, column: str, value: object) -> Callable[[Frames], Frames]:
    def mutate(f: Frames) -> Frames:
        out = dict(f)
        df = f[table].copy()
        df.loc[df.index[0], column] = value
        out[table] = df
        return out

    return mutate


def _dup(table: str) -> Callable[[Frames], Frames]:
    def mutate(f: Frames) -> Frames:
        return {**f, table: pd.concat([f[table], f[table].iloc[:1]], ignore_index=True)}

    return mutate


def _drop_speakers(f: Frames) -> Frames:
    return {**f, "speakers": f["speakers"].iloc[0:0]}


@pytest.mark.parametrize(
    ("mutate", "table", "column"),
    [
        (_set("statements", "content_end", 10_000_000), "statements", "check_content_matches_text"),
        (_set("statements", "content", "something else"), "statements", "check_content_matches_text"),
        (_set("statements", "article_id", "a0000000000000000"), "statements", "check_article_exists"),
        (_set("statements", "kind", "rumour"), "statements", "kind"),
        (_dup("statements"), "statements", "statement_id"),
        (_drop_speakers, "statements", "check_speakers_exist"),
        (_set("temporal_expressions", "value", "next tuesday"), "temporal_expressions", "value"),
        (_set("temporal_expressions", "start", 999_999), "temporal_expressions", "check_text_matches_offsets"),
        (_set("articles", "text", "tampered"), "articles", "check_sha256_matches_text"),
        (_set("articles", "published_at", pd.Timestamp("1700-01-01", tz="UTC")), "articles", "check_published_at_in_range"),
        (_dup("articles"), "articles", "article_id"),
    ],
)
def test_breakage_fails_its_check(frames: Frames, mutate, table: str, column: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = _validate(mutate(frames), tmp_path / "broken")
    assert not report.success
    failed = {(r.table, r.column) for r in report.failed if r.severity == "critical"}
    assert (table, column) in failed, failed


def test_a_failed_check_reports_how_many_rows_and_which_values(frames: Frames, tmp_path: Path) -> None:
    # The report says what failed, not only that something did: validation asks GX for
    # its BASIC result format, which must still carry the count and the first values.
    broken = _set("statements", "kind", "rumour")(frames)
    broken = _set("temporal_expressions", "value", "next tuesday")(broken)
    by_column = {(r.table, r.column): r for r in _validate(broken, tmp_path / "broken").failed}
    kind = by_column[("statements", "kind")]
    assert (kind.unexpected_count, kind.unexpected_sample) == (1, ("rumour",))
    assert kind.observed.startswith("1 unexpected") and "rumour" in kind.observed
    value = by_column[("temporal_expressions", "value")]
    assert (value.unexpected_count, value.unexpected_sample) == (1, ("next tuesday",))


def test_markdown_escapes_text(frames: Frames, tmp_path: Path) -> None:
    broken = _set("statements", "kind", "<script>alert(1)</script>|x")(frames)
    md = report_markdown(_validate(broken, tmp_path / "broken"))
    assert "<script>" not in md and "\\<script\\>" in md


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.integers(0, 60), group_rows=st.integers(1, 15), chunk_rows=st.integers(1, 20), skip=st.integers(0, 70))
def test_unchecked_frames_are_exactly_the_rows_after_the_skipped(tmp_path: Path, rows: int, group_rows: int, chunk_rows: int, skip: int) -> None:
    import pyarrow.parquet as pq

    from quotewire.dataset.validate import _unchecked_frames

    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"x": list(range(rows))}), path, row_group_size=group_rows)
    frames = list(_unchecked_frames(pq.ParquetFile(path), skip, chunk_rows))
    assert [v for f in frames for v in f["x"].tolist()] == list(range(min(skip, rows), rows))
    assert all(0 < len(f) <= chunk_rows for f in frames)


def test_keys_repeated_across_files_are_found_among_the_rows_still_to_check(tmp_path: Path) -> None:
    """A key of a new row that repeats a row validated before (another file, or earlier
    in the same one) is flagged; repeats among rows validated before are not looked for."""
    import pyarrow.parquet as pq

    from quotewire.dataset.validate import _repeated

    folder = tmp_path / "articles"
    folder.mkdir()
    pq.write_table(pa.table({"article_id": ["a", "b", "b", "c"]}), folder / "part.parquet")
    pq.write_table(pa.table({"article_id": ["d", "a", "e", "e"]}), folder / "part~001.parquet")
    assert _repeated(tmp_path, "articles", "article_id") == {"a", "b", "e"}
    skip = {"articles/part.parquet": 4}
    assert _repeated(tmp_path, "articles", "article_id", skip) == {"a", "e"}
    skip = {"articles/part.parquet": 4, "articles/part~001.parquet": 2}  # "d", "a" checked before
    assert _repeated(tmp_path, "articles", "article_id", skip) == {"e"}


def test_chunks_of_wide_rows_are_cut_by_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A table of long texts comes in chunks of about CHUNK_BYTES, still every row once."""
    import pyarrow.parquet as pq

    from quotewire.dataset import validate

    monkeypatch.setattr(validate, "CHUNK_BYTES", 20_000)
    path = tmp_path / "t.parquet"
    texts = [f"{i:04d}" + "x" * 996 for i in range(100)]  # 1,000 distinct characters each
    pq.write_table(pa.table({"text": texts}), path, row_group_size=30, use_dictionary=False, compression="none")
    frames = list(validate._unchecked_frames(pq.ParquetFile(path), 0, 1000))
    assert [t for f in frames for t in f["text"].tolist()] == texts
    assert all(len(f) <= 20 for f in frames) and len(frames) >= 5


def test_validating_in_two_processes_gives_the_same_report(sample_build) -> None:  # type: ignore[no-untyped-def]
    outcome, _ = sample_build
    serial = validate_dir(outcome.path)
    split = validate_dir(outcome.path, processes=2)
    assert split.to_json() == serial.to_json() and len(split.results) > 50


def test_a_failure_in_the_forked_half_is_raised(sample_build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import quotewire.dataset.validate as validate

    def broken(table: str, frame: pd.DataFrame, ctx: object) -> pd.DataFrame:
        if table in validate.FORKED_TABLES:
            raise ValueError("broken check")
        return original(table, frame, ctx)

    original = validate.with_checks
    monkeypatch.setattr(validate, "with_checks", broken)
    with pytest.raises(RuntimeError, match="broken check"):
        validate.validate_dir(sample_build[0].path, processes=2)
