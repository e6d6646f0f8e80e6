"""Contracts: schemas, expectation suites, the data dictionary and the CLI agree."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from quotewire.read import dictionary
from quotewire.ops.cli import COMMANDS, build_parser
from quotewire.records import RejectReason, SpeakerKind, StatementKind, TimexType
from quotewire.dataset.schemas import SCHEMAS, TABLE_NAMES
from quotewire.dataset.validate import default_suites_dir

from .conftest import REPO


def test_data_dictionary_matches_schemas() -> None:
    committed = (REPO / "docs" / "tables.md").read_text(encoding="utf-8")
    assert committed == dictionary.render(), "regenerate: python -m quotewire.read.dictionary > docs/tables.md"


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


# The packages in layer order: a module imports only from its own package or from a lower
# layer. ``records``, ``settings`` and ``lexicons`` (typed records, every knob, the lexicon
# reader) are the base every layer may use; ``ingest`` and ``extract`` are peers that never
# import each other; the package's ``__init__`` is the facade over ``read``.
LAYERS = {
    "records": 0, "settings": 0, "lexicons": 0,
    "ingest": 1, "extract": 1,
    "dataset": 2,
    "read": 3,
    "ops": 4,
    "flows": 5,  # the Prefect wiring: uses the ops helpers (progress, service) too
}
LIBRARY = {name for name, rank in LAYERS.items() if rank < LAYERS["ops"]}
OPS = {"ops", "flows"}


def _quotewire_imports(path: Path, package: str) -> set[str]:
    """The quotewire modules a file imports anywhere in it (function-level and
    TYPE_CHECKING imports included), as dotted names under ``quotewire``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("quotewire."))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the file's own package
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if base == "quotewire" or base.startswith("quotewire."):
                found.add(base)
                found.update(f"{base}.{a.name}" for a in node.names)
    return found


def _import_graph() -> dict[str, set[str]]:
    """Module -> the quotewire modules it imports; flows/ counts as the module ``flows``."""
    src = REPO / "src"
    files = {".".join(p.relative_to(src).with_suffix("").parts).removesuffix(".__init__"): p
             for p in (src / "quotewire").rglob("*.py")}
    files["flows"] = REPO / "flows" / "build_dataset.py"
    graph = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        graph[name] = {m for m in _quotewire_imports(path, package) if m in files and m != name}
    return graph


def _top(module: str) -> str:
    return "flows" if module == "flows" else module.split(".")[1] if "." in module else module


def test_no_import_cycles() -> None:
    """No cycle among quotewire's modules (and the flow), function-level imports included:
    a cycle hidden in a function is still one."""
    graph = _import_graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert cycles == []


def test_library_modules_never_import_the_ops_modules() -> None:
    graph = _import_graph()
    assert {_top(m) for m in graph} >= LIBRARY | OPS  # every named package exists
    wrong = sorted((m, i) for m, imports in graph.items() if _top(m) in LIBRARY for i in imports if _top(i) in OPS)
    assert wrong == []


def test_imports_go_down_the_layers_only() -> None:
    """ops -> read -> dataset -> ingest, extract -> records, settings, lexicons: never up,
    never across between ingest and extract."""
    graph = _import_graph()
    tops = {_top(m) for m in graph} - {"quotewire"}
    assert tops <= set(LAYERS), f"a package with no layer: {sorted(tops - set(LAYERS))}"
    wrong = sorted(
        (m, i) for m, imports in graph.items() for i in imports
        if "quotewire" not in (_top(m), _top(i)) and _top(i) != _top(m) and LAYERS[_top(i)] >= LAYERS[_top(m)]
    )
    assert wrong == []


def test_architecture_boundaries_hold() -> None:
    """Prefect is never imported under src/; great_expectations only by validate.py."""
    src = REPO / "src" / "quotewire"
    imports = {path.relative_to(src).as_posix(): _imported_modules(path) for path in src.rglob("*.py")}
    assert [name for name, mods in imports.items() if "prefect" in mods or "prefect_dask" in mods] == []
    assert [name for name, mods in imports.items() if "great_expectations" in mods] == ["dataset/validate.py"]


def test_the_makefile_exports_the_prefect_defaults_of_settings() -> None:
    """settings.PREFECT_DEFAULTS is the one copy; the Makefile exports the same values."""
    import re

    from quotewire.settings import PREFECT_DEFAULTS

    exported = dict(re.findall(r"^export (\w+) \?= (\S+)$", (REPO / "Makefile").read_text(encoding="utf-8"), re.M))
    assert exported == dict(PREFECT_DEFAULTS)


MAX_FUNCTION_LINES = 80  # outside extract/ (tests/extract/test_code_size.py has its own limits)
MAX_MODULE_LINES = 800


def test_functions_and_modules_stay_short_outside_extract() -> None:
    """No function over 80 lines (def line to last line) and no module over 800 lines in
    src/quotewire outside extract/, nor in flows/: each can be read whole."""
    paths = [p for p in (REPO / "src" / "quotewire").rglob("*.py") if "extract" not in p.parts]
    paths += sorted((REPO / "flows").rglob("*.py"))
    long_functions, long_modules = [], []
    for path in paths:
        source = path.read_text(encoding="utf-8")
        if source.count("\n") > MAX_MODULE_LINES:
            long_modules.append(path.name)
        long_functions += [
            (path.name, node.name, node.end_lineno - node.lineno + 1)
            for node in ast.walk(ast.parse(source))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
        ]
    assert len(paths) > 30 and long_functions == [] and long_modules == []
