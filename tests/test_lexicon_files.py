"""The one reader of lexicon files (quotewire.lexicons.load) and the files it reads."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from quotewire.lexicons.load import read_text, read_tsv, read_words

FOLDERS = (("quotewire.lexicons", ""), ("quotewire.extract", "lexicons/"))


def _lexicon_files() -> list[tuple[str, str]]:
    found = []
    for package, prefix in FOLDERS:
        folder = resources.files(package).joinpath(*filter(None, prefix.split("/")))
        found += [(package, prefix + f.name) for f in folder.iterdir() if f.name.endswith((".tsv", ".txt"))]
    return sorted(found)


def test_rows_comments_and_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "lexicon_fixture"
    (package / "lists").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "lists" / "x.tsv").write_text("# a comment\n\n  Alpha \t one two\n   # indented comment\nC#\tsharp\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert read_tsv("lexicon_fixture", "lists/x.tsv") == (("Alpha", "one two"), ("C#", "sharp"))
    assert read_words("lexicon_fixture", "lists/x.tsv") == {"alpha", "one", "two", "c#", "sharp"}
    assert read_text("lexicon_fixture", "lists/x.tsv").startswith("# a comment\n")


@pytest.mark.parametrize(("package", "name"), _lexicon_files())
def test_no_lexicon_row_holds_a_comment_sign(package: str, name: str) -> None:
    """A ``#`` after data is data: a row that holds one was most likely meant as a comment."""
    rows = read_tsv(package, name)
    assert rows, f"{name} has no rows"
    assert [row for row in rows if any("#" in field for field in row)] == []


def test_every_lexicon_folder_is_read() -> None:
    assert {p for p, _ in _lexicon_files()} == {p for p, _ in FOLDERS}
    assert len(_lexicon_files()) > 40
