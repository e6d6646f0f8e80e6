"""Rows and ids: stable across runs, duplicates refused, speakers merged across articles."""

from __future__ import annotations

from datetime import date

from quotewire.ingest import ingest
from quotewire.pipeline import extract_document, process_batch
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
from quotewire.tables import assemble, dated_timexes, sentence_bounds, speaker_id_for, statement_date, to_arrow

A = RawDocument(source="a.txt", data=b'"Prices will fall," Finance Minister Ana Ortiz said on Monday.\n')
B = RawDocument(source="b.txt", data="Finance Minister Ana Ortíz said the budget was balanced.\n".encode())


def test_ids_are_stable_and_content_derived() -> None:
    first = process_batch([A, B])
    again = process_batch([B, A])
    ids = sorted(b.article.article_id for b in first.bundles)
    assert ids == sorted(b.article.article_id for b in again.bundles)
    st1 = sorted(s.statement_id for b in first.bundles for s in b.statements)
    st2 = sorted(s.statement_id for b in again.bundles for s in b.statements)
    assert st1 == st2 and len(st1) == 2


def test_accents_fold_to_one_speaker() -> None:
    tables, counts = assemble(process_batch([A, B]).bundles, [])
    ortiz = [s for s in tables.speakers if "Ana" in s.name]
    assert len(ortiz) == 1, tables.speakers
    assert speaker_id_for("Ana Ortíz") == speaker_id_for("ana ortiz") == ortiz[0].speaker_id
    assert counts[ortiz[0].speaker_id] == 2
    assert "finance minister" in ortiz[0].roles


def test_duplicate_text_becomes_a_reject_naming_the_first() -> None:
    copy = RawDocument(source="z.txt", data=A.data)
    result = process_batch([A, copy])  # input order decides which is first
    tables, _ = assemble(result.bundles, result.rejects)
    assert [a.source for a in tables.articles] == ["a.txt"]
    (reject,) = tables.rejects
    assert reject.reason is RejectReason.DUPLICATE and "a.txt" in reject.detail


def test_tables_are_identical_across_runs() -> None:
    def build():  # type: ignore[no-untyped-def]
        r = process_batch([B, A])
        return to_arrow(*assemble(r.bundles, r.rejects))

    one, two = build(), build()
    assert all(one[name].equals(two[name]) for name in one)


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


def test_generic_speakers_stay_in_their_article() -> None:
    one = RawDocument(source="one.txt", data=b"Prices will fall, the company said.\n")
    two = RawDocument(source="two.txt", data=b"Sales rose sharply, the company said.\n")
    tables, _ = assemble(process_batch([one, two, A, B]).bundles, [])
    companies = [s for s in tables.speakers if s.name.lower() == "company"]
    assert len(companies) == 2, tables.speakers
    assert len([s for s in tables.speakers if "Ortiz" in s.name or "Ortíz" in s.name]) == 1
