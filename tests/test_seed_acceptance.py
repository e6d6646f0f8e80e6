"""The seed article, as acceptance (issue 2): the whole build checked against the
hand-checked gold in ../shared/gold."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from quotewire.api import load

SEED_SOURCE = "000_c57c7e43a65ced37.txt"


@pytest.fixture(scope="module")
def seed_rows(sample_build):  # type: ignore[no-untyped-def]
    outcome, root = sample_build
    assert outcome.status == "published", outcome.report.table_rows(only_failed=True)
    arts = load("articles", root=root)
    art = arts[arts["source"] == SEED_SOURCE].iloc[0]
    st = load("statements", root=root)
    tx = load("temporal_expressions", root=root)
    return art, st[st["article_id"] == art["article_id"]], tx[tx["article_id"] == art["article_id"]], load("speakers", root=root)


def test_article_metadata(seed_rows, seed_gold) -> None:  # type: ignore[no-untyped-def]
    art, *_ = seed_rows
    gold = seed_gold["article"]
    assert art["headline"] == gold["headline"]
    assert art["published_at"] == pd.Timestamp("2025-09-28 09:57", tz="Asia/Shanghai")
    assert str(art["published_at"].tz) == "UTC"
    assert art["agency"] == gold["agency"]
    assert art["dateline_place"] == gold["dateline_place"]
    assert art["event_date"] == date.fromisoformat(gold["dateline_date"])


def test_statements_and_speakers(seed_rows, seed_gold) -> None:  # type: ignore[no-untyped-def]
    _, st, _, _ = seed_rows
    assert len(st) <= 12, "spurious statements"
    got = {(int(r.content_start), int(r.content_end)): "; ".join(r.speaker_names) for r in st.itertuples()}
    for g in seed_gold["statements"]:
        span = (g["content_start"], g["content_end"])
        assert span in got, f"missing statement {g['content'][:50]!r}"
        assert got[span] == g["speaker"]
    by_span = {(int(r.content_start), int(r.content_end)): r for r in st.itertuples()}
    for g in seed_gold["statements"]:
        row = by_span[(g["content_start"], g["content_end"])]
        assert row.cue == g["cue"] and row.kind == g["kind"]
        assert row.statement_date == date.fromisoformat(g["statement_date"])


def test_speakers_table(seed_rows, seed_gold) -> None:  # type: ignore[no-untyped-def]
    *_, speakers = seed_rows
    by_name = {r.name: r for r in speakers.itertuples()}
    for g in seed_gold["speakers"]:
        assert g["name"] in by_name, f"missing speaker {g['name']}"
        row = by_name[g["name"]]
        assert row.kind == g["kind"]
        assert row.country == g["country"]
        assert set(g["titles"]) <= set(row.titles), (g["name"], list(row.titles))


def test_temporal_expressions(seed_rows, seed_gold) -> None:  # type: ignore[no-untyped-def]
    _, _, tx, _ = seed_rows
    got = {(int(r.start), int(r.end)): (r.type, r.value) for r in tx.itertuples()}
    hits = [g for g in seed_gold["temporal_expressions"] if got.get((g["start"], g["end"])) == (g["type"], g["value"])]
    assert len(hits) >= 8, f"only {len(hits)}/10 gold expressions with the gold value"
