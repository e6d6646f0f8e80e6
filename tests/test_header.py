"""Header, byline and dateline parsing: text → expected clues."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotewire.header import parse_header, parse_published
from quotewire.records import DateSource


def test_seed_header(seed_text: str) -> None:
    h = parse_header(seed_text)
    assert h.headline == "Xi, Cuban leader exchange congratulations on 65th anniversary of diplomatic ties"
    # 09:57 Beijing time is 01:57 UTC.
    assert h.published_at == datetime(2025, 9, 28, 1, 57, tzinfo=timezone.utc)
    assert h.published_raw == "09:57, September 28, 2025"
    assert h.date_source is DateSource.BYLINE
    assert h.published_date == date(2025, 9, 28)
    assert h.agency == "Xinhua"
    assert h.dateline_place == "BEIJING"
    assert h.dateline_raw == "BEIJING, Sept. 28 (Xinhua) --"
    assert h.event_date == date(2025, 9, 28)
    assert seed_text[h.body_start :].startswith("BEIJING, Sept. 28")


@pytest.mark.parametrize(
    ("text", "published", "place", "agency", "event", "source"),
    [
        ("SALVADOR, Feb 26 - Showers continued.", "1987-02-26", "SALVADOR", None, date(1987, 2, 26), DateSource.METADATA),
        ("MANILA, Nov. 7, 2005 (Xinhua) -- The talks", None, "MANILA", "Xinhua", date(2005, 11, 7), DateSource.DATELINE),
        ("NAIROBI, Kenya (AP) _\n\nBombs exploded.", None, "NAIROBI", "AP", None, DateSource.NONE),
        # A dateline date after the publication date belongs to the previous year.
        ("PARIS, Dec. 31 (AFP) -- Fireworks", "2026-01-01", "PARIS", "AFP", date(2025, 12, 31), DateSource.METADATA),
        ("He said - nothing more.", None, None, None, None, DateSource.NONE),
    ],
)
def test_datelines(text, published, place, agency, event, source) -> None:
    h = parse_header(text, published=published)
    assert (h.dateline_place, h.agency, h.event_date, h.date_source) == (place, agency, event, source)


def test_plain_first_line_is_headline() -> None:
    h = parse_header("Rail strike called off\n\nLONDON - A strike was called off.")
    assert h.headline == "Rail strike called off"
    assert h.dateline_place == "LONDON"


def test_header_date_without_byline_is_midnight_local() -> None:
    h = parse_header(" date 2024-05-01 Headline\n\nBEIJING, May 1 (Xinhua) -- Text.")
    assert h.date_source is DateSource.HEADER
    assert h.published_at == datetime(2024, 4, 30, 16, 0, tzinfo=timezone.utc)


def test_parse_published_keeps_offsets_and_refuses_junk() -> None:
    assert parse_published("2025-09-28T09:57:00+08:00")[0] == datetime(2025, 9, 28, 1, 57, tzinfo=timezone.utc)
    assert parse_published("yesterday") is None
    assert parse_published("0000-01-01") is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.one_of(st.none(), st.text(max_size=30)))
def test_parse_header_never_raises_and_is_tz_aware(text: str, published: str | None) -> None:
    h = parse_header(text, published=published)
    assert h.published_at is None or h.published_at.tzinfo is not None
    assert 0 <= h.body_start <= len(text)
