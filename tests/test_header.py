"""Header, byline and dateline parsing: text → expected clues.

Every row of ``lexicons/header_layouts.tsv`` has a golden case here on its real example;
a row without one fails ``test_every_layout_has_a_golden``.
"""

from __future__ import annotations

import time as clock
from datetime import date, datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotewire.ingest.header import layouts, match_layout, parse_header, parse_published, split_kicker
from quotewire.lexicons.load import read_tsv
from quotewire.records import DateSource

SEED_HEADLINE = "Xi, Cuban leader exchange congratulations on 65th anniversary of diplomatic ties"

# layout name -> what parse_header reads from "Headline\n\n<example>\n\nBody." (header
# rows: from "<example>\n\nBody."), as (attribute, value) pairs.
GOLDEN = {
    "collection_header": {"headline": SEED_HEADLINE, "published_date": date(2025, 9, 28), "date_source": DateSource.HEADER},
    "web_byline": {
        "agency": "Xinhua",
        "published_at": datetime(2025, 9, 28, 1, 57, tzinfo=timezone.utc),
        "published_raw": "09:57, September 28, 2025",
        "date_source": DateSource.BYLINE,
    },
    "time_date_line": {"agency": None, "published_at": datetime(2025, 9, 28, 9, 57, tzinfo=timezone.utc)},
    "author_line": {"authors": ("Huang Xingwei",), "headline": "Headline", "date_source": DateSource.NONE},
    "dateline_repeated_year": {"dateline_place": "WASHINGTON", "agency": None, "event_date": date(2006, 12, 15),
                               "published_date": date(2006, 12, 15), "date_source": DateSource.DATELINE},
    "dateline_full_date_agency": {"dateline_place": "KUALA LUMPUR", "agency": "AFP", "event_date": date(1997, 4, 1),
                                  # midnight in Paris, AFP's home zone
                                  "published_at": datetime(1997, 3, 31, 22, 0, tzinfo=timezone.utc)},
    # No year and nothing else to date it by: the event date stays unknown.
    "dateline_date_agency": {"dateline_place": "BEIJING", "agency": "Xinhua", "event_date": None,
                             "date_source": DateSource.NONE, "dateline_raw": "BEIJING, Sept. 28 (Xinhua) --"},
    "dateline_full_date": {"dateline_place": "TOKYO", "event_date": date(2005, 12, 21), "agency": None},
    "dateline_date_sep": {"dateline_place": "SALVADOR", "event_date": None, "dateline_raw": "SALVADOR, Feb 26 -"},
    "dateline_day_month_sep": {"dateline_place": "AMSTERDAM", "event_date": None, "dateline_raw": "AMSTERDAM, 2 March -"},
    "dateline_agency": {"dateline_place": "CANBERRA, Australia", "agency": "AP", "event_date": None},
    "dateline_mixed_case": {"dateline_place": "Scarborough, Ontario", "dateline_raw": "Scarborough, Ontario, Feb 26 -",
                            "headline": "Headline"},
    "dateline_sep": {"dateline_place": "NEWPORT NEWS, Va.", "dateline_raw": "NEWPORT NEWS, Va. -", "headline": "Headline"},
    "date_line": {"dateline_place": None, "event_date": date(2005, 12, 13), "date_source": DateSource.DATELINE},
}


def test_every_layout_has_a_golden() -> None:
    assert [layout.name for layout in layouts()] == list(GOLDEN)


@pytest.mark.parametrize("layout", layouts(), ids=lambda layout: layout.name)
def test_layout_golden(layout) -> None:  # type: ignore[no-untyped-def]
    found = match_layout(layout.example)
    assert found is not None and found[0].name == layout.name
    yielded = tuple(name for name, value in found[1].groupdict().items() if value is not None)
    assert yielded == layout.fields
    text = f"{layout.example}\n\nBody." if layout.kind == "header" else f"Headline\n\n{layout.example}\n\nBody."
    h = parse_header(text)
    assert {k: getattr(h, k) for k in GOLDEN[layout.name]} == GOLDEN[layout.name]


@pytest.mark.parametrize(
    ("line", "layout", "place", "agency", "event"),
    [
        ("JOHANNESBURG, August 7 (Xinhua) --", "dateline_date_agency", "JOHANNESBURG", "Xinhua", None),
        ("LUSAKA, Nov.3 (Xinhua) --", "dateline_date_agency", "LUSAKA", "Xinhua", None),
        ("MANILA, Nov. 7, 2005 (Xinhua)", "dateline_full_date_agency", "MANILA", "Xinhua", date(2005, 11, 7)),
        ("MANILA, Nov. 7, 2005 (Xinhua) -- The talks", "dateline_full_date_agency", "MANILA", "Xinhua", date(2005, 11, 7)),
        ("JAKARTA, Nov. 3, 2006 (Xinhua)", "dateline_full_date_agency", "JAKARTA", "Xinhua", date(2006, 11, 3)),
        ("MELBOURNE, Australia, Nov. 19, 2006 (Xinhua)", "dateline_full_date_agency", "MELBOURNE, Australia", "Xinhua", date(2006, 11, 19)),
        ("HEBRON, West Bank, April 8, 1997 (AFP)", "dateline_full_date_agency", "HEBRON, West Bank", "AFP", date(1997, 4, 8)),
        ("GENEVA, April 4, 1997, (AFP)", "dateline_full_date_agency", "GENEVA", "AFP", date(1997, 4, 4)),
        ("SEOUL. April 11, 1997 (AFP)", "dateline_full_date_agency", "SEOUL", "AFP", date(1997, 4, 11)),
        ("SARAJEVO April 13, 1997 (AFP)", "dateline_full_date_agency", "SARAJEVO", "AFP", date(1997, 4, 13)),
        ("KIPUSHI, Zaire-Zambia border, April 14, 1997 (AFP)", "dateline_full_date_agency", "KIPUSHI, Zaire-Zambia border", "AFP", date(1997, 4, 14)),
        ("RAMALLAH, West Bank, Dec 9, 2006, 2006", "dateline_repeated_year", "RAMALLAH, West Bank", None, date(2006, 12, 9)),
        ("RAMALLAH, West Bank, Dec 5, 2005", "dateline_full_date", "RAMALLAH, West Bank", None, date(2005, 12, 5)),
        ("UNITED NATIONS, Nov. 17, 2006 (Xinhua)", "dateline_full_date_agency", "UNITED NATIONS", "Xinhua", date(2006, 11, 17)),
        ("WASHINGTON (Reuters) -", "dateline_agency", "WASHINGTON", "Reuters", None),
        ("RICHMOND, Va. Feb 26 - Qtly div", "dateline_date_sep", "RICHMOND, Va.", None, None),
        ("MONTREAL, Feb 26- Shr 1.11 dlrs", "dateline_date_sep", "MONTREAL", None, None),
        ("BEDFORD, N.H. (AP) \u2014 Marco Rubio", "dateline_agency", "BEDFORD, N.H.", "AP", None),
        ("NAIROBI, Kenya (AP) _", "dateline_agency", "NAIROBI, Kenya", "AP", None),
    ],
)
def test_more_real_datelines(line: str, layout: str, place: str, agency: str | None, event: date | None) -> None:
    found = match_layout(line)
    assert found is not None and found[0].name == layout
    h = parse_header(f"A headline\n\n{line}\n\nBody text.")
    assert (h.dateline_place, h.agency, h.event_date) == (place, agency, event)


@pytest.mark.parametrize(
    ("line", "layout", "place"),
    [
        # Made-up lines of the shapes wire copy of the 1980s has (Reuters-21578).
        ("Port Elgin, Ontario, May 4 - Net profit", "dateline_mixed_case", "Port Elgin, Ontario"),
        ("Kingsport, june 9 - Prices", "dateline_mixed_case", "Kingsport"),
        ("glenwood springs, may 9 -", "dateline_mixed_case", "glenwood springs"),
        ("Trois-Rivi\u00e8res, Quebec, Oct 3 -", "dateline_mixed_case", "Trois-Rivi\u00e8res, Quebec"),
        ("BOISE , May 4 - The", "dateline_date_sep", "BOISE"),
        ("SPOKANE , Wash., May 4 -", "dateline_date_sep", "SPOKANE, Wash."),
        ("LISBON,May 4 -", "dateline_date_sep", "LISBON"),
        ("MINNEAPOLIS/ST PAUL, Minn., May 4 -", "dateline_date_sep", "MINNEAPOLIS/ST PAUL, Minn."),
        ("***DUBLIN, May 4 - The", "dateline_date_sep", "DUBLIN"),
        ("#MUNICH, Sept 9 (AP) _", "dateline_date_agency", "MUNICH"),
        ("LISBON, 14 May - The", "dateline_day_month_sep", "LISBON"),
        ("GHENT, 3 Sept, 1987 -", "dateline_day_month_sep", "GHENT"),
        ("RALEIGH, N.C., May 9, -", "dateline_date_sep", "RALEIGH, N.C."),
    ],
)
def test_loose_datelines(line: str, layout: str, place: str) -> None:
    found = match_layout(line)
    assert found is not None and found[0].name == layout
    assert parse_header(f"A headline\n\n{line}\n\nBody text.").dateline_place == place


@pytest.mark.parametrize(
    "text",
    [
        # A mixed-case line is a dateline only with a comma, a month and day and a separator
        # after the place, and never on the first line (the headline's).
        "A headline\n\nShares rose, Feb 26 in early trade on the bourse.\n\nMore.",
        "A headline\n\nShares rose, Feb 26 and fell again\n\nMore.",
        "Shares rose, Feb 26 -\n\nThe body.",
        "A headline\n\nAs of May 4 - stocks\n\nMore.",
        "A headline\n\nTalks begin on 4 May in Paris.\n\nMore.",
        "A headline\n\n- Position of May 4 -\n\nMore.",
    ],
)
def test_no_loose_dateline_in_body_or_headline(text: str) -> None:
    assert parse_header(text).dateline_place is None


def test_event_date_without_year_takes_the_published_year() -> None:
    h = parse_header("A headline\n\nToronto, March 3 - Body.", published="1987-03-03")
    assert (h.dateline_place, h.event_date) == ("Toronto", date(1987, 3, 3))
    # Without metadata the copy has no year: the event date stays unknown.
    assert parse_header("A headline\n\nToronto, March 3 - Body.").event_date is None


def test_bracketed_byline() -> None:
    h = parse_header(f"{SEED_HEADLINE}\n\n(Xinhua) 09:57, September 28, 2025\n\nBEIJING, Sept. 28 (Xinhua) -- Xi said.")
    assert (h.headline, h.agency, h.published_at) == (SEED_HEADLINE, "Xinhua", datetime(2025, 9, 28, 1, 57, tzinfo=timezone.utc))
    assert (h.event_date, h.date_source) == (date(2025, 9, 28), DateSource.BYLINE)


def test_seed_header(seed_text: str) -> None:
    h = parse_header(seed_text)
    assert h.headline == SEED_HEADLINE
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
    "line_end",
    ["\n", "\r\n", "\r"],
    ids=["lf", "crlf", "cr"],
)
@pytest.mark.parametrize("blank", [True, False], ids=["blank-lines", "collapsed"])
def test_header_lines_with_any_line_ends(line_end: str, blank: bool) -> None:
    sep = line_end * 2 if blank else line_end
    lines = [SEED_HEADLINE, "Xinhua) 09:57, September 28, 2025", "BEIJING, Sept. 28 (Xinhua) -- Xi Jinping said."]
    text = sep.join(lines) + line_end
    h = parse_header(text)
    assert (h.headline, h.agency, h.dateline_place, h.event_date) == (SEED_HEADLINE, "Xinhua", "BEIJING", date(2025, 9, 28))
    assert text[h.body_start :].startswith("BEIJING")


@pytest.mark.parametrize(
    ("text", "published", "place", "agency", "event", "source"),
    [
        ("SALVADOR, Feb 26 - Showers continued.", "1987-02-26", "SALVADOR", None, date(1987, 2, 26), DateSource.METADATA),
        ("MANILA, Nov. 7, 2005 (Xinhua) -- The talks", None, "MANILA", "Xinhua", date(2005, 11, 7), DateSource.DATELINE),
        ("NAIROBI, Kenya (AP) _\n\nBombs exploded.", None, "NAIROBI, Kenya", "AP", None, DateSource.NONE),
        # A dateline date after the publication date belongs to the previous year.
        ("PARIS, Dec. 31 (AFP) -- Fireworks", "2026-01-01", "PARIS", "AFP", date(2025, 12, 31), DateSource.METADATA),
        ("He said - nothing more.", None, None, None, None, DateSource.NONE),
    ],
)
def test_datelines(text, published, place, agency, event, source) -> None:
    h = parse_header(text, published=published)
    assert (h.dateline_place, h.agency, h.event_date, h.date_source) == (place, agency, event, source)


def test_first_dateline_line_wins() -> None:
    # A dateline line, a repeated headline, then an original dateline opening the first
    # paragraph (as in XIN_ENG_20061103.0165): the dateline line is the article's.
    text = "Funds drop\n\nJAKARTA, Nov. 3, 2006 (Xinhua)\n\nFunds drop\n\nLUSAKA, Nov.3 (Xinhua) -- Total amounts fell."
    h = parse_header(text)
    assert (h.headline, h.dateline_place, h.event_date) == ("Funds drop", "JAKARTA", date(2006, 11, 3))


def test_editor_note_first_line_is_a_headline_not_a_dateline() -> None:
    text = "ATTENTION - ADDS details, quotes ///\n\nCAMP PENDLETON BASE, California, Dec 21, 2006, 2006\n\nFour Marines."
    h = parse_header(text)
    assert h.headline == "ATTENTION - ADDS details, quotes ///"
    assert (h.dateline_place, h.event_date) == ("CAMP PENDLETON BASE, California", date(2006, 12, 21))


@pytest.mark.parametrize(
    "headline",
    [
        "CHAVIN RAISES STAKE IN MYERS (MYR)",
        "DIAMOND SHAMROCK (DIA) CUTS CRUDE PRICES",
        "TODAY IN WASHINGTON FOR TUESDAY APRIL 7 (TIMES EDT/GMT)",
        "ECONOMIC SPOTLIGHT - BANKAMERICA <BAC>",
    ],
)
def test_upper_case_headlines_are_not_datelines(headline: str) -> None:
    h = parse_header(f"{headline}\n\nLOS ANGELES, Feb 26 - BankAmerica Corp said.", published="1987-02-26")
    assert (h.headline, h.dateline_place, h.agency, h.event_date) == (headline, "LOS ANGELES", None, date(1987, 2, 26))


def test_plain_first_line_is_headline() -> None:
    h = parse_header("Rail strike called off\n\nLONDON - A strike was called off.")
    assert h.headline == "Rail strike called off"
    assert h.dateline_place == "LONDON"


def test_unknown_layout_keeps_headline_and_no_date() -> None:
    text = "Rail strike called off\n\nThe strike planned for Monday was called off, the union said.\n\nMore."
    h = parse_header(text)
    assert (h.headline, h.date_source, h.published_at, h.dateline_place) == ("Rail strike called off", DateSource.NONE, None, None)
    assert text[h.body_start :].startswith("The strike")


def test_short_first_paragraph_is_not_a_headline() -> None:
    h = parse_header("Body text, he said.")
    assert h.headline is None and h.body_start == 0


def test_header_date_without_byline_is_midnight_local() -> None:
    h = parse_header(" date 2024-05-01 Headline\n\nBEIJING, May 1 (Xinhua) -- Text.")
    assert h.date_source is DateSource.HEADER
    assert h.published_at == datetime(2024, 4, 30, 16, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("text", "authors", "headline"),
    [
        ("Talks resume\n\nBy Huang Xingwei\n\nBEIJING, Nov. 7 (Xinhua) -- Talks.", ("Huang Xingwei",), "Talks resume"),
        ("By Huang Xingwei\n\nBEIJING, Nov. 7 (Xinhua) -- Talks.", ("Huang Xingwei",), None),
        ("by Sebastian Smith\n\nASTANA, Dec 5, 2005\n\nText.", ("Sebastian Smith",), None),
        ("Talks\n\nBy John Smith and Jane Doe, Associated Press Writers\n\nWASHINGTON (AP) _ Text.", ("John Smith", "Jane Doe"), "Talks"),
        # A cut headline ending in "by US" names no author.
        ("by US\n\nMANILA, Dec 12, 2005\n\nText.", (), "by US"),
    ],
)
def test_by_lines_are_authors_never_headlines(text: str, authors: tuple[str, ...], headline: str | None) -> None:
    h = parse_header(text)
    assert (h.authors, h.headline) == (authors, headline)


@pytest.mark.parametrize(
    ("headline", "kicker", "rest"),
    [
        ("URGENT: Quake hits Java", "URGENT", "Quake hits Java"),
        ("Roundup: Xi, Cuban leader exchange congratulations", "Roundup", "Xi, Cuban leader exchange congratulations"),
        ("Interview: Envoy upbeat on ties", "Interview", "Envoy upbeat on ties"),
        ("Update 2: Six killed", "Update 2", "Six killed"),
        ("Writethru: Six killed", "Writethru", "Six killed"),
        ("Factbox: The talks", "Factbox", "The talks"),
        ("URGENT: Roundup: Six killed", "URGENT: Roundup", "Six killed"),
        # Attributions and other colons are not kickers.
        ("Cuba's Castro is near death: US intelligence", None, "Cuba's Castro is near death: US intelligence"),
        ("GM, Ford have to pledge assets to secure loans: report", None, "GM, Ford have to pledge assets to secure loans: report"),
        ("Tel: Nicosia (357) 22-758-826", None, "Tel: Nicosia (357) 22-758-826"),
        ("Update on the talks", None, "Update on the talks"),
    ],
)
def test_kickers(headline: str, kicker: str | None, rest: str) -> None:
    assert split_kicker(headline) == (kicker, rest)
    h = parse_header(f"{headline}\n\nBEIJING, Nov. 7, 2006 (Xinhua) -- Text.")
    assert (h.kicker, h.headline) == (kicker, rest)


@pytest.mark.parametrize("label", [row[0] for row in read_tsv("quotewire.lexicons", "kickers.tsv")])
def test_every_kicker_row_splits(label: str) -> None:
    assert split_kicker(f"{label}: Talks resume") == (label, "Talks resume")


def test_parse_published_keeps_offsets_and_refuses_junk() -> None:
    assert parse_published("2025-09-28T09:57:00+08:00")[0] == datetime(2025, 9, 28, 1, 57, tzinfo=timezone.utc)
    assert parse_published("yesterday") is None
    assert parse_published("0000-01-01") is None


@pytest.mark.parametrize(
    "text",
    [
        "A" * 1_000_000,
        "BEIJING " * 125_000,
        "BEIJING, " + "West Bank " * 100_000,
        "By " + "John " * 200_000,
        "(" + "Xinhua " * 150_000,
        ("Headline\n\n" * 50_000),
    ],
    ids=["letters", "caps-words", "region", "by-line", "bracket", "many-lines"],
)
def test_one_megabyte_line_is_fast(text: str) -> None:
    began = clock.perf_counter()
    parse_header(text)
    assert clock.perf_counter() - began < 0.5


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.one_of(st.none(), st.text(max_size=30)))
def test_parse_header_never_raises_and_is_tz_aware(text: str, published: str | None) -> None:
    h = parse_header(text, published=published)
    assert h.published_at is None or h.published_at.tzinfo is not None
    assert 0 <= h.body_start <= len(text)


def test_agency_spellings_share_a_name_and_zone() -> None:
    from quotewire.ingest.header import zone_for_agency

    h = parse_header("Talks\n\nPARIS, April 1, 1997 (Agence France-Presse)\n\nText.")
    assert (h.agency, h.published_at) == ("AFP", datetime(1997, 3, 31, 22, 0, tzinfo=timezone.utc))
    assert zone_for_agency("xinhua").key == zone_for_agency("Xinhua News Agency").key == "Asia/Shanghai"
    assert zone_for_agency("no such agency").key == "UTC"
    # An agency the lexicon does not know is kept as written, its dates in UTC.
    assert parse_header("LAGOS, May 2, 2006 (NAN)\n\nText.").agency == "NAN"
