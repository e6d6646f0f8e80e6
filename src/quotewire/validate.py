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

import hashlib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd

from quotewire.schemas import TABLE_NAMES

CRITICAL = "critical"
WARNING = "warning"


def default_suites_dir() -> Path:
    """``$QUOTEWIRE_EXPECTATIONS`` or the repository's ``expectations/`` folder."""
    env = os.environ.get("QUOTEWIRE_EXPECTATIONS")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "expectations"


@dataclass(frozen=True)
class CheckResult:
    table: str
    expectation: str
    column: str
    severity: str
    success: bool
    observed: str


@dataclass(frozen=True)
class ValidationReport:
    results: tuple[CheckResult, ...]

    @property
    def success(self) -> bool:
        """True when every critical expectation passed (warnings never block)."""
        return all(r.success for r in self.results if r.severity == CRITICAL)

    @property
    def failed(self) -> tuple[CheckResult, ...]:
        return tuple(r for r in self.results if not r.success)

    def summary(self) -> dict[str, object]:
        crit = [r for r in self.results if r.severity == CRITICAL]
        warn = [r for r in self.results if r.severity == WARNING]
        return {
            "success": self.success,
            "critical_passed": sum(r.success for r in crit),
            "critical_failed": sum(not r.success for r in crit),
            "warnings_passed": sum(r.success for r in warn),
            "warnings_failed": sum(not r.success for r in warn),
        }

    def to_json(self) -> dict[str, object]:
        return {"summary": self.summary(), "results": [vars(r) for r in self.results]}

    def table_rows(self, only_failed: bool = False) -> list[dict[str, str]]:
        rows = self.failed if only_failed else self.results
        return [
            {
                "table": r.table,
                "expectation": r.expectation,
                "column": r.column,
                "severity": r.severity,
                "result": "pass" if r.success else "FAIL",
                "observed": r.observed,
            }
            for r in rows
        ]


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


def _texts_for(ids: pd.Series, text_by_id: Mapping[str, str]) -> list[str | None]:
    # A Python list of references to the article strings; a pandas map would copy every
    # article's text once per row.
    return [text_by_id.get(i) for i in ids.tolist()]


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


def with_check_columns(frames: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Copies of the frames with ``check_*`` columns for rules that span tables."""
    arts = frames["articles"]
    text_by_id = dict(zip(arts["article_id"].tolist(), arts["text"].tolist(), strict=True))
    out = {name: df.copy() for name, df in frames.items()}

    a = out["articles"]
    a["check_sha256_matches_text"] = [
        hashlib.sha256(t.encode("utf-8", "surrogatepass")).hexdigest() == h
        for t, h in zip(a["text"], a["text_sha256"], strict=True)
    ]
    now = datetime.now(timezone.utc)
    lo, hi = datetime(1800, 1, 1, tzinfo=timezone.utc), now + timedelta(days=1)
    tz_aware = getattr(a["published_at"].dtype, "tz", None) is not None
    a["check_published_at_in_range"] = [
        pd.isna(v) or (tz_aware and lo <= v.to_pydatetime() <= hi) for v in a["published_at"]
    ]

    st = out["statements"]
    st_texts = _texts_for(st["article_id"], text_by_id)
    st["check_article_exists"] = st["article_id"].isin(text_by_id.keys())
    st["check_content_matches_text"] = _slice_equals(st_texts, st["content_start"], st["content_end"], st["content"])
    st["check_cue_in_text"] = _in_bounds(st_texts, st["cue_start"], st["cue_end"], allow_null=False)
    # A statement without a speaker mention has neither text nor offsets: that passes.
    no_mention = (st["speaker_text"].isna() & st["speaker_start"].isna() & st["speaker_end"].isna()).tolist()
    spans_ok = _slice_equals(st_texts, st["speaker_start"], st["speaker_end"], st["speaker_text"])
    st["check_speaker_span_in_text"] = [a or b for a, b in zip(no_mention, spans_ok, strict=True)]
    st["check_spans_inside_content"] = [
        spans is not None and len(spans) > 0 and all(s <= int(f["start"]) < int(f["end"]) <= e for f in spans)
        for spans, s, e in zip(st["content_spans"].tolist(), st["content_start"].tolist(), st["content_end"].tolist(), strict=True)
    ]
    speaker_ids = set(out["speakers"]["speaker_id"].tolist())
    st["check_speakers_exist"] = [ids is not None and all(i in speaker_ids for i in ids) for ids in st["speaker_ids"].tolist()]
    st["check_content_not_blank"] = [isinstance(c, str) and c.strip() != "" for c in st["content"].tolist()]
    st["has_speaker"] = [ids is not None and len(ids) > 0 for ids in st["speaker_ids"].tolist()]

    tx = out["temporal_expressions"]
    tx_texts = _texts_for(tx["article_id"], text_by_id)
    tx["check_article_exists"] = tx["article_id"].isin(text_by_id.keys())
    tx["check_text_matches_offsets"] = _slice_equals(tx_texts, tx["start"], tx["end"], tx["text"])
    statement_ids = set(st["statement_id"])
    tx["check_statement_exists"] = [pd.isna(s) or s in statement_ids for s in tx["statement_id"]]

    sp = out["speakers"]
    sp["check_name_not_blank"] = [isinstance(n, str) and n.strip() != "" for n in sp["name"]]
    return {name: _hashable(df) for name, df in out.items()}


def _hashable(df: pd.DataFrame) -> pd.DataFrame:
    """List cells reach GX as their lengths (null stays null). GX fingerprints every batch
    with ``pd.util.hash_pandas_object``, which refuses arrays and then pickles the whole
    frame instead: seconds per table on a large build. The suites only ask list columns to
    be non-null, which lengths preserve."""
    for column in df.columns:
        if df[column].dtype == object and len(df) and any(hasattr(v, "tolist") for v in df[column].head(50)):
            df[column] = pd.array([None if v is None else len(v) for v in df[column].tolist()], dtype="Int64")
    return df


def per_article_stats(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per article: statements and whether it has a date (for warning suites)."""
    arts = frames["articles"]
    counts = frames["statements"].groupby("article_id").size()
    return pd.DataFrame(
        {
            "article_id": arts["article_id"],
            "statement_count": arts["article_id"].map(counts).fillna(0).astype("int64"),
            "has_date": arts["published_at"].notna(),
        }
    )


# ---------------------------------------------------------------------------------------
# Running the suites
# ---------------------------------------------------------------------------------------


def _observed(result: Mapping[str, object]) -> str:
    if "unexpected_count" in result:
        sample = result.get("partial_unexpected_list") or []
        text = f"{result['unexpected_count']} unexpected"
        if sample:
            text += f", e.g. {[str(x)[:60] for x in sample[:3]]}"
        return text
    if "observed_value" in result:
        return str(result["observed_value"])[:120]
    return ""


def _gx_context():  # type: ignore[no-untyped-def]
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    return ctx


def validate_frames(frames: Mapping[str, pd.DataFrame], suites_dir: Path | None = None) -> ValidationReport:
    """Run every suite (one per table, plus ``article_stats``) on the frames."""
    import great_expectations as gx

    checked = with_check_columns(frames)
    checked["article_stats"] = per_article_stats(frames)
    ctx = _gx_context()
    source = ctx.data_sources.add_pandas("quotewire")
    results: list[CheckResult] = []
    for table in (*TABLE_NAMES, "article_stats"):
        spec = load_suite_json(table, suites_dir)
        default_severity = (spec.get("meta") or {}).get("severity", CRITICAL)  # type: ignore[union-attr]
        suite = gx.ExpectationSuite(**spec)
        asset = source.add_dataframe_asset(table)
        batch = asset.add_batch_definition_whole_dataframe(table).get_batch(
            batch_parameters={"dataframe": checked[table]}
        )
        outcome = batch.validate(suite)
        for r in outcome.results:
            cfg = r.expectation_config
            results.append(
                CheckResult(
                    table=table,
                    expectation=cfg.type,
                    column=str(cfg.kwargs.get("column", cfg.kwargs.get("column_list", ""))),
                    severity=(cfg.meta or {}).get("severity", default_severity),
                    success=bool(r.success),
                    observed=_observed(r.result or {}),
                )
            )
    order = {name: i for i, name in enumerate((*TABLE_NAMES, "article_stats"))}
    results.sort(key=lambda r: (order[r.table], r.severity != CRITICAL, r.expectation, r.column))
    return ValidationReport(tuple(results))


def read_frames(version_path: Path) -> dict[str, pd.DataFrame]:
    """Read every table of a version directory (or staging directory) as DataFrames."""
    frames = {}
    for name in TABLE_NAMES:
        path = version_path / f"{name}.parquet"
        if not path.exists():
            path = version_path / name  # a partitioned table is a folder
        frames[name] = pd.read_parquet(path)
    return frames


def validate_dir(version_path: Path, suites_dir: Path | None = None) -> ValidationReport:
    return validate_frames(read_frames(version_path), suites_dir)


_MD_ESCAPE = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>])")


def markdown_escape(value: str) -> str:
    """Escape text for a Markdown table cell (article text never reaches Markdown raw)."""
    return _MD_ESCAPE.sub(r"\\\1", value.replace("\n", " "))


def report_markdown(report: ValidationReport) -> str:
    lines = [
        f"**Validation: {'passed' if report.success else 'FAILED'}** "
        + ", ".join(f"{k} {v}" for k, v in report.summary().items() if k != "success"),
        "",
        "| table | expectation | column | severity | result | observed |",
        "|---|---|---|---|---|---|",
    ]
    for row in report.table_rows():
        lines.append("| " + " | ".join(markdown_escape(row[k]) for k in row) + " |")
    return "\n".join(lines) + "\n"


def report_text(report: ValidationReport, only_failed: bool = False) -> str:
    rows = report.table_rows(only_failed)
    header = ("table", "expectation", "column", "severity", "result", "observed")
    widths = [max([len(h)] + [len(r[h]) for r in rows]) for h in header[:-1]]
    out = ["  ".join(h.ljust(w) for h, w in zip(header[:-1], widths, strict=True)) + "  observed"]
    for r in rows:
        out.append("  ".join(r[h].ljust(w) for h, w in zip(header[:-1], widths, strict=True)) + "  " + r["observed"])
    return "\n".join(out)
