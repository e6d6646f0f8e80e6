"""What changed between two published versions of a dataset, table by table.

Rows are matched by their stable id (``ID_COLUMNS``): a key only in B is *added*, only in
A *removed*, in both with different values *changed*. Ids are derived from content (the
article text's sha256, offsets, folded names), so a re-extraction that moves a quote
shows up as one removal plus one addition, and a new speaker title as a change.

``diff_tables`` is pure (two Arrow tables in, a frozen ``TableDiff`` out); ``diff_versions``
only adds reading the two version folders.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from quotewire.dataset import store
from quotewire.dataset.schemas import TABLE_NAMES

# Rejects have no id of their own; the refused input unit is what an analyst recognises.
ID_COLUMNS: dict[str, str] = {
    "articles": "article_id",
    "speakers": "speaker_id",
    "statements": "statement_id",
    "temporal_expressions": "timex_id",
    "rejects": "source",
}

# A human-readable column shown beside each example id.
LABEL_COLUMNS: dict[str, str] = {
    "articles": "headline",
    "speakers": "name",
    "statements": "content",
    "temporal_expressions": "text",
    "rejects": "reason",
}

DEFAULT_EXAMPLES = 3
_LABEL_CHARS = 80


@dataclass(frozen=True)
class RowExample:
    """One example row: its id, a short label (headline, name, content...), and for a
    changed row the columns whose values differ."""

    key: str
    label: str
    changed_columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableDiff:
    table: str
    key: str
    rows_a: int
    rows_b: int
    added: int
    removed: int
    changed: int
    unchanged: int
    added_examples: tuple[RowExample, ...]
    removed_examples: tuple[RowExample, ...]
    changed_examples: tuple[RowExample, ...]
    columns_added: tuple[str, ...] = ()
    columns_removed: tuple[str, ...] = ()

    @property
    def identical(self) -> bool:
        return not (self.added or self.removed or self.changed or self.columns_added or self.columns_removed)


@dataclass(frozen=True)
class DatasetDiff:
    dataset: str
    version_a: str
    version_b: str
    tables: tuple[TableDiff, ...]

    @property
    def identical(self) -> bool:
        return all(t.identical for t in self.tables)

    def table(self, name: str) -> TableDiff:
        for t in self.tables:
            if t.table == name:
                return t
        raise KeyError(name)


def _label(row: Mapping[str, object], column: str) -> str:
    value = row.get(column)
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1] + "…"


def _group(rows: Iterable[dict[str, object]], key: str) -> dict[str, list[dict[str, object]]]:
    grouped: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        grouped[str(row[key])].append(row)
    return grouped


def _changed_columns(rows_a: Sequence[Mapping[str, object]], rows_b: Sequence[Mapping[str, object]], columns: Sequence[str]) -> tuple[str, ...]:
    # A key normally names one row; when it names several (rejects of one source), the
    # rows are compared in order, and a different count marks every column as changed.
    if len(rows_a) != len(rows_b):
        return tuple(columns)
    return tuple(c for c in columns if any(a.get(c) != b.get(c) for a, b in zip(rows_a, rows_b, strict=True)))


def diff_tables(
    table: str,
    a: pa.Table,
    b: pa.Table,
    key: str | None = None,
    examples: int = DEFAULT_EXAMPLES,
) -> TableDiff:
    """Compare two versions of one table by ``key`` (default ``ID_COLUMNS[table]``).

    Values are compared on the columns both versions have; columns present on one side
    only are reported in ``columns_added``/``columns_removed``. Examples are the first
    ``examples`` ids in sorted order, so the output is deterministic. Refuses (ValueError)
    a key column missing from either table and a negative ``examples``.
    """
    key = key or ID_COLUMNS[table]
    if key not in a.column_names or key not in b.column_names:
        raise ValueError(f"{table}: key column {key!r} missing from one of the versions")
    if examples < 0:
        raise ValueError("examples must be >= 0")
    label_col = LABEL_COLUMNS.get(table, key)
    common = [c for c in a.column_names if c in set(b.column_names)]
    compared = [c for c in common if c != key]
    rows_a = _group(a.select(common).to_pylist(), key)
    rows_b = _group(b.select(common).to_pylist(), key)

    added = sorted(rows_b.keys() - rows_a.keys())
    removed = sorted(rows_a.keys() - rows_b.keys())
    changed: list[tuple[str, tuple[str, ...]]] = []
    for k in sorted(rows_a.keys() & rows_b.keys()):
        cols = _changed_columns(rows_a[k], rows_b[k], compared)
        if cols:
            changed.append((k, cols))
    both = len(rows_a.keys() & rows_b.keys())
    return TableDiff(
        table=table,
        key=key,
        rows_a=a.num_rows,
        rows_b=b.num_rows,
        added=len(added),
        removed=len(removed),
        changed=len(changed),
        unchanged=both - len(changed),
        added_examples=tuple(RowExample(k, _label(rows_b[k][0], label_col)) for k in added[:examples]),
        removed_examples=tuple(RowExample(k, _label(rows_a[k][0], label_col)) for k in removed[:examples]),
        changed_examples=tuple(RowExample(k, _label(rows_b[k][0], label_col), cols) for k, cols in changed[:examples]),
        columns_added=tuple(c for c in b.column_names if c not in set(a.column_names)),
        columns_removed=tuple(c for c in a.column_names if c not in set(b.column_names)),
    )


def _read_table(version_path: Path, table: str) -> pa.Table:
    return pq.read_table(store.table_path(version_path, table))


def diff_versions(
    version_a: str | None,
    version_b: str | None,
    dataset: str = store.DEFAULT_DATASET,
    root: str | os.PathLike[str] = store.DEFAULT_ROOT,
    examples: int = DEFAULT_EXAMPLES,
) -> DatasetDiff:
    """Every table of two published versions (``v0003``, ``3``, or None for LATEST).
    Raises StoreError when either is not a published version."""
    path_a = store.version_dir(version_a, dataset, root)
    path_b = store.version_dir(version_b, dataset, root)
    tables = tuple(
        diff_tables(name, _read_table(path_a, name), _read_table(path_b, name), examples=examples)
        for name in TABLE_NAMES
    )
    return DatasetDiff(dataset, path_a.name, path_b.name, tables)


def format_diff(diff: DatasetDiff) -> str:
    """The plain-text rendering the CLI prints."""
    lines = [f"{diff.dataset}: {diff.version_a} → {diff.version_b}"
             + ("  (identical tables)" if diff.identical else "")]
    width = max(len(t.table) for t in diff.tables)
    for t in diff.tables:
        lines.append(
            f"  {t.table.ljust(width)}  {t.rows_a} → {t.rows_b} rows:  "
            f"+{t.added} added, -{t.removed} removed, ~{t.changed} changed, {t.unchanged} unchanged  (by {t.key})"
        )
        if t.columns_added:
            lines.append(f"      columns added: {', '.join(t.columns_added)}")
        if t.columns_removed:
            lines.append(f"      columns removed: {', '.join(t.columns_removed)}")
        for mark, rows in (("+", t.added_examples), ("-", t.removed_examples), ("~", t.changed_examples)):
            for ex in rows:
                detail = f"  [{', '.join(ex.changed_columns)}]" if ex.changed_columns else ""
                label = f"  {ex.label}" if ex.label and ex.label != ex.key else ""
                lines.append(f"      {mark} {ex.key}{label}{detail}")
    return "\n".join(lines)
