"""The one reader of lexicon data files shipped inside the package (every layer's word
lists, layouts and tables: ``quotewire/lexicons/`` and ``quotewire/extract/lexicons/``).

A lexicon file is UTF-8 text, one row per line, fields separated by TAB. Blank lines and
lines whose first non-blank character is ``#`` are comments; a ``#`` after data is data.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def read_text(package: str, name: str) -> str:
    """The text of lexicon file ``name`` (a ``/``-separated path inside ``package``), as it
    is: what a fingerprint of the lexicons hashes."""
    return resources.files(package).joinpath(*name.split("/")).read_text(encoding="utf-8")


@cache
def read_tsv(package: str, name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a lexicon file: tab-separated fields, each stripped; comments and blank
    lines skipped.

    Cached because lexicons are immutable package data; returns tuples so callers cannot
    mutate the shared copy.
    """
    rows = []
    for line in read_text(package, name).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append(tuple(field.strip() for field in line.split("\t")))
    return tuple(rows)


def read_words(package: str, name: str) -> frozenset[str]:
    """Every whitespace-separated word of a lexicon file, lower-cased (a word list)."""
    return frozenset(word.lower() for row in read_tsv(package, name) for field in row for word in field.split())
