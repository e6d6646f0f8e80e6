"""Load tab-separated lexicon data files shipped inside the package."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def read_tsv(package: str, name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a lexicon file: tab-separated fields, ``#`` comments and blank lines skipped.

    Cached because lexicons are immutable package data; returns tuples so callers cannot
    mutate the shared copy.
    """
    text = (resources.files(package) / name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append(tuple(field.strip() for field in line.split("\t")))
    return tuple(rows)
