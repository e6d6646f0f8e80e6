"""quotewire diff: rows added, removed and changed between versions, matched by id."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pytest

from quotewire.dataset import store
from quotewire.dataset.build import BuildConfig, build_local
from quotewire.ops.cli import main
from quotewire.read.diff import ID_COLUMNS, RowExample, diff_tables, diff_versions
from quotewire.dataset.schemas import TABLE_NAMES

from .conftest import SAMPLE_INPUT


def _t(rows: list[dict]) -> pa.Table:
    return pa.Table.from_pylist(rows)


def test_diff_tables_counts_added_removed_changed_by_id() -> None:
    a = _t([
        {"speaker_id": "s1", "name": "Xi Jinping", "titles": ["president"]},
        {"speaker_id": "s2", "name": "Li Qiang", "titles": []},
        {"speaker_id": "s3", "name": "Ana Ruiz", "titles": []},
    ])
    b = _t([
        {"speaker_id": "s3", "name": "Ana Ruiz", "titles": []},
        {"speaker_id": "s1", "name": "Xi Jinping", "titles": ["president", "general secretary"]},
        {"speaker_id": "s4", "name": "Tom Baird", "titles": []},
    ])
    d = diff_tables("speakers", a, b)
    assert (d.key, d.rows_a, d.rows_b) == ("speaker_id", 3, 3)
    assert (d.added, d.removed, d.changed, d.unchanged) == (1, 1, 1, 1)
    assert d.added_examples == (RowExample("s4", "Tom Baird"),)
    assert d.removed_examples == (RowExample("s2", "Li Qiang"),)
    assert d.changed_examples == (RowExample("s1", "Xi Jinping", ("titles",)),)
    assert not d.identical
    # Inputs are left as they were.
    assert a.column("name").to_pylist() == ["Xi Jinping", "Li Qiang", "Ana Ruiz"]


def test_row_order_alone_is_no_change_and_examples_are_bounded() -> None:
    rows = [{"statement_id": f"st{i:03d}", "content": f"quote {i}"} for i in range(20)]
    a, b = _t(rows), _t(list(reversed(rows)))
    assert diff_tables("statements", a, b).identical
    grown = diff_tables("statements", _t(rows[:5]), b, examples=2)
    assert grown.added == 15 and [e.key for e in grown.added_examples] == ["st005", "st006"]
    assert diff_tables("statements", _t(rows[:5]), b, examples=0).added_examples == ()


def test_rejects_are_matched_by_source_and_columns_changes_are_reported() -> None:
    a = _t([{"source": "a.txt", "reason": "empty", "detail": "0 bytes"}])
    b = _t([{"source": "a.txt", "reason": "binary", "detail": "NUL bytes", "extra": 1}])
    d = diff_tables("rejects", a, b)
    assert d.key == "source"
    assert d.changed_examples == (RowExample("a.txt", "binary", ("reason", "detail")),)
    assert d.columns_added == ("extra",) and d.columns_removed == ()


def test_refuses_a_missing_key_column() -> None:
    with pytest.raises(ValueError, match="key column"):
        diff_tables("articles", _t([{"x": 1}]), _t([{"x": 1}]))


def test_every_table_has_an_id_column() -> None:
    assert set(ID_COLUMNS) == set(TABLE_NAMES)


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """v0001: the sample minus one article; v0002: the full sample plus an empty file
    (a reject). Built in-process, no Prefect."""
    root = tmp_path_factory.mktemp("diffroot")
    first = tmp_path_factory.mktemp("first")
    shutil.copytree(SAMPLE_INPUT, first, dirs_exist_ok=True)
    (first / "001_harbor_council.txt").unlink()
    assert build_local([first], BuildConfig(root=str(root))).status == "published"
    second = tmp_path_factory.mktemp("second")
    shutil.copytree(SAMPLE_INPUT, second, dirs_exist_ok=True)
    (second / "zz_empty.txt").write_text("")
    assert build_local([second], BuildConfig(root=str(root))).version == "v0002"
    return root


def test_diff_versions_sees_the_added_article_and_reject(two_versions: Path) -> None:
    d = diff_versions("v0001", "2", root=two_versions)
    assert (d.version_a, d.version_b) == ("v0001", "v0002")
    arts = d.table("articles")
    assert (arts.added, arts.removed, arts.changed) == (1, 0, 0)
    assert "Harbor council" in arts.added_examples[0].label
    assert d.table("statements").added >= 1
    rejects = d.table("rejects")
    assert rejects.added == 1 and rejects.added_examples[0].key.endswith("zz_empty.txt")
    assert d.table("temporal_expressions").removed == 0
    # The same version against itself is identical.
    assert diff_versions("2", None, root=two_versions).identical


def test_diff_versions_refuses_an_unknown_version(two_versions: Path) -> None:
    with pytest.raises(store.StoreError):
        diff_versions("v0001", "v0009", root=two_versions)


def test_diff_command(two_versions: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "v0001", "LATEST", "--root", str(two_versions), "--examples", "1"]) == 0
    out = capsys.readouterr().out
    assert "news: v0001 → v0002" in out
    assert "articles" in out and "+1 added" in out
    assert "zz_empty.txt" in out
    assert main(["diff", "v0001", "v0007", "--root", str(two_versions)]) == 2
    assert "not a published version" in capsys.readouterr().err


def test_analyst_helpers_read_named_versions(two_versions: Path) -> None:
    import quotewire

    assert quotewire.versions(root=two_versions) == ["v0001", "v0002"]
    assert len(quotewire.load("articles", version="v0001", root=two_versions)) == 4
    assert len(quotewire.load("articles", root=two_versions)) == 5  # LATEST
    view = quotewire.statements_with_speakers(version="1", root=two_versions)
    assert len(view) == len(quotewire.load("statements", version="v0001", root=two_versions))
    assert not view["headline"].str.contains("Harbor council").any()
    with pytest.raises(store.StoreError):
        quotewire.load("articles", version="v0003", root=two_versions)
