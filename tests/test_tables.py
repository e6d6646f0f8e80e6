"""Rows and ids: stable across runs, duplicates refused, speakers merged across articles.

Tables are built as ``quotewire build`` builds them (tests/production.py) and read back
from the published Parquet files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow.parquet as pq

from quotewire.dataset import store
from quotewire.ingest.decode import ingest
from quotewire.dataset.pipeline import extract_document
from quotewire.records import (
    CueClass,
    RawDocument,
    RejectReason,
    StatementDateSource,
    StatementKind,
    StatementMention,
    TimexMention,
    TimexType,
)
from quotewire.dataset.schemas import TABLE_NAMES
from quotewire.dataset.tables import dated_timexes, sentence_bounds, speaker_id_for, statement_date

from .production import build_texts

A = b'"Prices will fall," Finance Minister Ana Ortiz said on Monday.\n'
B = "Finance Minister Ana Ortíz said the budget was balanced.\n".encode()


def _rows(version: Path, table: str) -> list[dict[str, object]]:
    return pq.read_table(store.table_path(version, table)).to_pylist()


def test_ids_are_stable_and_content_derived(tmp_path: Path) -> None:
    first = build_texts({"1.txt": A, "2.txt": B}, tmp_path / "first", tmp_path / "datasets-first")
    again = build_texts({"1.txt": B, "2.txt": A}, tmp_path / "again", tmp_path / "datasets-again")  # the other order
    ids = sorted(r["article_id"] for r in _rows(first.path, "articles"))
    assert ids == sorted(r["article_id"] for r in _rows(again.path, "articles")) and len(ids) == 2
    st1 = sorted(r["statement_id"] for r in _rows(first.path, "statements"))
    st2 = sorted(r["statement_id"] for r in _rows(again.path, "statements"))
    assert st1 == st2 and len(st1) == 2


def test_accents_fold_to_one_speaker(tmp_path: Path) -> None:
    speakers = _rows(build_texts({"a.txt": A, "b.txt": B}, tmp_path / "in", tmp_path / "datasets").path, "speakers")
    ortiz = [s for s in speakers if "Ana" in s["name"]]
    assert len(ortiz) == 1, speakers
    assert speaker_id_for("Ana Ortíz") == speaker_id_for("ana ortiz") == ortiz[0]["speaker_id"]
    assert ortiz[0]["statement_count"] == 2
    assert "finance minister" in ortiz[0]["roles"]


def test_duplicate_text_becomes_a_reject_naming_the_first(tmp_path: Path) -> None:
    version = build_texts({"a.txt": A, "z.txt": A}, tmp_path / "in", tmp_path / "datasets").path  # input order decides which is first
    assert [a["source"] for a in _rows(version, "articles")] == ["a.txt"]
    (reject,) = _rows(version, "rejects")
    assert reject["source"] == "z.txt"
    assert reject["reason"] == RejectReason.DUPLICATE.value and "a.txt" in reject["detail"]


def test_tables_are_identical_across_runs(tmp_path: Path) -> None:
    one = build_texts({"b.txt": B, "a.txt": A}, tmp_path / "one", tmp_path / "datasets-one")
    two = build_texts({"b.txt": B, "a.txt": A}, tmp_path / "two", tmp_path / "datasets-two")
    for name in TABLE_NAMES:
        assert pq.read_table(store.table_path(one.path, name)).equals(pq.read_table(store.table_path(two.path, name))), name
    assert store.table_digests(one.path) == store.table_digests(two.path)  # byte for byte


def _mention(cue_start: int, cue_end: int, content: tuple[int, int]) -> StatementMention:
    return StatementMention(
        kind=StatementKind.INDIRECT, cue="said", cue_start=cue_start, cue_end=cue_end, cue_class=CueClass.SPEECH,
        content_start=content[0], content_end=content[1], content_spans=(content,),
        speaker_text=None, speaker_start=None, speaker_end=None,
    )


def test_statement_date_precedence() -> None:
    text = "On Monday, Ana said prices would fall by Friday. Later she left."
    m = _mention(15, 19, (20, 47))
    monday = TimexMention(3, 9, "Monday", TimexType.DATE, "2026-01-05")
    friday = TimexMention(41, 47, "Friday", TimexType.DATE, "2026-01-09")
    assert statement_date(text, m, dated_timexes([friday, monday]), date(2026, 1, 4), date(2026, 1, 6)) == (
        date(2026, 1, 5), StatementDateSource.SENTENCE)
    # A date inside the content is what was said, not when.
    assert statement_date(text, m, dated_timexes([friday]), date(2026, 1, 4), None) == (
        date(2026, 1, 4), StatementDateSource.DATELINE)
    assert statement_date(text, m, [], None, date(2026, 1, 6)) == (date(2026, 1, 6), StatementDateSource.PUBLICATION)
    assert statement_date(text, m, [], None, None) == (None, StatementDateSource.NONE)
    assert sentence_bounds(text, 15, 19) == (0, 48)


def test_timex_linked_to_statement_containing_it(seed_text: str) -> None:
    doc = ingest(RawDocument(source="seed.txt", data=seed_text.encode()))
    bundle = extract_document(doc)
    linked = {t.text: t.statement_id for t in bundle.temporal_expressions}
    ids = {s.content[:12]: s.statement_id for s in bundle.statements}
    assert linked["65 years ago"] == ids["65 years ago"]
    assert linked["Sunday"] is None


def test_generic_speakers_stay_in_their_article(tmp_path: Path) -> None:
    texts = {
        "one.txt": b"Prices will fall, the company said.\n",
        "two.txt": b"Sales rose sharply, the company said.\n",
        "a.txt": A,
        "b.txt": B,
    }
    speakers = _rows(build_texts(texts, tmp_path / "in", tmp_path / "datasets").path, "speakers")
    companies = [s for s in speakers if s["name"].lower() == "company"]
    assert len(companies) == 2, speakers
    assert len([s for s in speakers if "Ortiz" in s["name"] or "Ortíz" in s["name"]]) == 1
