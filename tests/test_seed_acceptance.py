"""The seed article, as acceptance (issue 2): the whole build checked against the
hand-checked gold in ../shared/gold."""

from __future__ import annotations

import json
import re
from datetime import date

import pandas as pd
import pytest

from quotewire.read.api import load

from .conftest import SEED

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


# ---------------------------------------------------------------------------------------
# Issue 17: the seed as real pages have it. The first line " date YYYY-MM-DD headline" is
# an artifact of the collection; without it, and in each layout below, the byline and the
# dateline must still give the article's date, agency and place.
# ---------------------------------------------------------------------------------------

SEED_DAY = date(2025, 9, 28)


def _without_artifact(text: str) -> str:
    """The page as a user copies it: the headline line without the collection's prefix."""
    first, rest = text.split("\n", 1)
    assert first.startswith(" date "), "the seed's artifact line changed"
    return first.split(" ", 3)[3] + "\n" + rest


def _seed_layouts(seed: str) -> dict[str, str]:
    page = _without_artifact(seed)
    return {
        "no_artifact.txt": page,
        "crlf.txt": page.replace("\n", "\r\n"),
        "bracket.txt": page.replace("\nXinhua) 09:57", "\n(Xinhua) 09:57", 1),
        "collapsed.txt": re.sub(r"\n\s*\n", "\n", page),
    }


@pytest.fixture(scope="module")
def layout_build(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The seed in each layout, built once by the production build: {source: (article,
    statements, temporal expressions)}."""
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent")
    from quotewire.dataset.build import BuildConfig, build_local

    seed = SEED.read_text(encoding="utf-8")
    assert "(Xinhua) 09:57" in _seed_layouts(seed)["bracket.txt"]
    pages = tmp_path_factory.mktemp("layouts")
    for name, text in _seed_layouts(seed).items():
        (pages / name).write_bytes(text.encode("utf-8"))
    # JSONL with the page as text and no "published": the date comes from the text alone.
    # Built apart, since the same text beside no_artifact.txt would be a duplicate.
    lines = tmp_path_factory.mktemp("layouts_jsonl")
    (lines / "page.jsonl").write_text(json.dumps({"doc_id": "seed", "text": _without_artifact(seed)}) + "\n")
    found = {}
    for inputs in (pages, lines):
        root = tmp_path_factory.mktemp("layout_datasets")
        outcome = build_local([inputs], BuildConfig(root=str(root)))
        assert outcome.status == "published", outcome.report.table_rows(only_failed=True)
        arts, st, tx = (load(t, root=root) for t in ("articles", "statements", "temporal_expressions"))
        for a in arts.itertuples():
            found[a.source] = (a, st[st["article_id"] == a.article_id], tx[tx["article_id"] == a.article_id])
    return found


LAYOUTS = ["no_artifact.txt", "crlf.txt", "bracket.txt", "collapsed.txt", "page.jsonl#seed"]


def _rows(layout_build, name: str):  # type: ignore[no-untyped-def]
    matches = [key for key in layout_build if key == name or key.endswith(name)]
    assert len(matches) == 1, (name, sorted(layout_build))
    return layout_build[matches[0]]


@pytest.mark.parametrize("name", LAYOUTS)
def test_seed_layout_metadata(layout_build, seed_gold, name: str) -> None:  # type: ignore[no-untyped-def]
    art, _, _ = _rows(layout_build, name)
    assert art.published_at == pd.Timestamp("2025-09-28 01:57", tz="UTC")
    assert art.published_date_source == "byline"
    assert (art.agency, art.dateline_place, art.event_date) == ("Xinhua", "BEIJING", SEED_DAY)
    assert art.headline == seed_gold["article"]["headline"]


@pytest.mark.parametrize("name", LAYOUTS)
def test_seed_layout_statements_dated(layout_build, seed_gold, name: str) -> None:  # type: ignore[no-untyped-def]
    _, st, _ = _rows(layout_build, name)
    assert len(st) >= len(seed_gold["statements"])
    assert all(d == SEED_DAY for d in st["statement_date"]), list(st["statement_date"])


@pytest.mark.parametrize("name", LAYOUTS)
def test_seed_layout_dates_resolved(layout_build, name: str) -> None:  # type: ignore[no-untyped-def]
    _, _, tx = _rows(layout_build, name)
    values = {r.text: r.value for r in tx.itertuples()}
    assert values.get("Sept. 28") == "2025-09-28"
    assert values.get("Sunday") == "2025-09-28"
