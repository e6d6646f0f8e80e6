"""Contracts: schemas, expectation suites, the data dictionary and the CLI agree."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from quotewire import dictionary
from quotewire.cli import COMMANDS, build_parser
from quotewire.records import RejectReason, SpeakerKind, StatementKind, TimexType
from quotewire.schemas import SCHEMAS, TABLE_NAMES
from quotewire.validate import default_suites_dir

from .conftest import REPO


def test_data_dictionary_matches_schemas() -> None:
    committed = (REPO / "docs" / "tables.md").read_text(encoding="utf-8")
    assert committed == dictionary.render(), "regenerate: python -m quotewire.dictionary > docs/tables.md"


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_every_column_is_described(table: str) -> None:
    for field in SCHEMAS[table]:
        assert (field.metadata or {}).get(b"description"), f"{table}.{field.name} has no description"


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_suites_name_only_real_columns(table: str) -> None:
    suite = json.loads((default_suites_dir() / f"{table}.json").read_text(encoding="utf-8"))
    columns = set(SCHEMAS[table].names)
    for exp in suite["expectations"]:
        column = exp["kwargs"].get("column")
        if column is None or column.startswith("check_") or column == "has_speaker":
            continue
        assert column in columns, f"{table}.json names unknown column {column}"
    # Every non-nullable column has a not-null expectation.
    notnull = {e["kwargs"]["column"] for e in suite["expectations"] if e["type"] == "expect_column_values_to_not_be_null"}
    required = {f.name for f in SCHEMAS[table] if not f.nullable}
    assert required <= notnull, f"{table}: not-null expectations missing for {sorted(required - notnull)}"


def _value_set(table: str, column: str) -> set[str]:
    suite = json.loads((default_suites_dir() / f"{table}.json").read_text(encoding="utf-8"))
    for exp in suite["expectations"]:
        if exp["type"] == "expect_column_values_to_be_in_set" and exp["kwargs"]["column"] == column:
            return set(exp["kwargs"]["value_set"])
    raise AssertionError(f"{table}.{column} has no value set")


def test_closed_sets_match_enums() -> None:
    assert _value_set("statements", "kind") == {k.value for k in StatementKind}
    assert _value_set("speakers", "kind") == {k.value for k in SpeakerKind}
    assert _value_set("temporal_expressions", "type") == {k.value for k in TimexType}
    assert _value_set("rejects", "reason") == {k.value for k in RejectReason}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args([command, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "example:" in out and f"quotewire {command}" in out


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_architecture_boundaries_hold() -> None:
    """Prefect is never imported under src/; great_expectations only by validate.py."""
    src = REPO / "src" / "quotewire"
    imports = {path.relative_to(src).as_posix(): _imported_modules(path) for path in src.rglob("*.py")}
    assert [name for name, mods in imports.items() if "prefect" in mods or "prefect_dask" in mods] == []
    assert [name for name, mods in imports.items() if "great_expectations" in mods] == ["validate.py"]
