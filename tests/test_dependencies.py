"""Every third-party module the code uses comes from a distribution pyproject.toml declares,
pinned as constraints.txt pins it.

"Uses" is what the source says: ``import X`` and ``from X import``, ``importlib.import_module``
of a constant name, and ``python -m X`` in an argument list. A module's distribution is
looked up in the installed environment (``importlib.metadata.packages_distributions``), so
an import name that differs from its distribution's (``great_expectations`` from
great-expectations) is matched properly. A distribution that only comes along with a
declared one (fsspec with Prefect) does not count: it is declared itself.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RUNTIME_DIRS = ("src", "flows")
DEV_DIRS = ("tests", "bench")
LOCAL = frozenset({"quotewire", "tests", "flows", "bench"})
# Modules of src/ that fit the statement model (`make train`): the only ones that may
# import a distribution of the ``train`` extra (scikit-learn). Paths relative to the
# repository, e.g. "src/quotewire/extract/train_model.py". None yet.
TRAINING_MODULES: frozenset[str] = frozenset({"src/quotewire/extract/train.py"})


def normalize(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str:
    return normalize(re.split(r"[\s\[<>=!~;@]", requirement.strip(), maxsplit=1)[0])


@cache
def _project() -> dict[str, object]:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def declared(extra: str | None = None) -> dict[str, str]:
    """Normalized distribution name → requirement, of the dependencies or of one extra."""
    project = _project()
    requirements = project["optional-dependencies"][extra] if extra else project["dependencies"]  # type: ignore[index]
    return {_requirement_name(r): r for r in requirements}  # type: ignore[union-attr]


def _constant(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def used_modules(tree: ast.AST) -> Iterator[str]:
    """Absolute module names a parsed file imports or runs."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
        elif isinstance(node, ast.Call) and node.args and (
            (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
            or (isinstance(node.func, ast.Name) and node.func.id == "import_module")
        ):
            if (name := _constant(node.args[0])) is not None:
                yield name
        elif isinstance(node, (ast.List, ast.Tuple)):
            items = [_constant(e) for e in node.elts]
            yield from (m for flag, m in zip(items, items[1:]) if flag == "-m" and m)


def third_party(dirs: tuple[str, ...]) -> dict[str, set[str]]:
    """Top-level third-party module → the files (relative paths) that use it."""
    found: dict[str, set[str]] = {}
    for folder in dirs:
        for path in sorted((REPO / folder).rglob("*.py")):
            for module in used_modules(ast.parse(path.read_text(encoding="utf-8"), str(path))):
                top = module.split(".")[0]
                if top not in sys.stdlib_module_names and top not in LOCAL and top != "__future__":
                    found.setdefault(top, set()).add(path.relative_to(REPO).as_posix())
    return found


def distributions(module: str) -> set[str]:
    return {normalize(d) for d in importlib.metadata.packages_distributions().get(module, ())}


def undeclared(dirs: tuple[str, ...], allowed: set[str], skip: frozenset[str] = frozenset()) -> list[str]:
    """One line per third-party module used in ``dirs`` (outside the files in ``skip``)
    that no distribution in ``allowed`` provides."""
    problems = []
    for module, files in sorted(third_party(dirs).items()):
        files = files - skip
        if files and not distributions(module) & allowed:
            found = sorted(distributions(module)) or ["no installed distribution"]
            problems.append(f"{module} (from {', '.join(found)}) used by {', '.join(sorted(files))}")
    return problems


def test_runtime_imports_are_declared_dependencies() -> None:
    assert undeclared(RUNTIME_DIRS, set(declared()), TRAINING_MODULES) == []


def test_tests_and_benchmarks_use_dependencies_or_the_test_extra() -> None:
    assert undeclared(DEV_DIRS, set(declared()) | set(declared("test"))) == []


def test_training_only_distributions_stay_in_training_modules() -> None:
    train = set(declared("train"))
    assert "scikit-learn" in train and not train & set(declared()), "scikit-learn belongs in the train extra only"
    for module, files in third_party(RUNTIME_DIRS).items():
        if distributions(module) & train:
            assert files <= TRAINING_MODULES, f"{module} (train extra) imported outside a training module: {sorted(files - TRAINING_MODULES)}"
    assert all((REPO / m).is_file() for m in TRAINING_MODULES), TRAINING_MODULES


@pytest.mark.parametrize("extra", [None, "test", "train"])
def test_declared_pins_are_the_constraints(extra: str | None) -> None:
    constraints = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.lstrip().startswith("#"):
            name, _, version = line.split("#")[0].strip().partition("==")
            constraints[normalize(name)] = version.strip()
    for name, requirement in declared(extra).items():
        pin = requirement.split(";")[0].partition("==")[2].strip()
        assert pin and constraints.get(name) == pin, f"{requirement}: constraints.txt pins {constraints.get(name)}"


def test_the_scan_sees_each_kind_of_use() -> None:
    """The scanner finds what the tests above rely on it to find."""
    source = 'import a.b\nfrom c import d\nimportlib.import_module("e")\ncmd = [sys.executable, "-m", "f", "x"]\nfrom . import g\n'
    assert sorted(used_modules(ast.parse(source))) == ["a.b", "c", "e", "f"]
    assert {"fsspec", "great_expectations"} <= set(third_party(RUNTIME_DIRS))
