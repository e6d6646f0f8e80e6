"""Read an article's header: headline, byline time, dateline, agency, publication date.

Handles what wire copy looks like after scraping:

* a first line `` date 2025-09-28 Headline text`` (the seed format);
* a broken byline ``Xinhua) 09:57, September 28, 2025``;
* a dateline opening the body: ``BEIJING, Sept. 28 (Xinhua) --``, ``MANILA, Nov. 7, 2005
  (Xinhua) --``, ``SALVADOR, Feb 26 -``, ``NAIROBI, Kenya (AP) _``.

The publication date comes from, in order: metadata (JSONL ``published``), the byline (it
has a time), the header line, a dateline that carries a year. A byline time is local to the
agency's head office (Xinhua: Beijing time) and stored in UTC. The raw string is kept.
Every pattern here is anchored and bounded, so it is linear-time on any input.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from functools import cache
from zoneinfo import ZoneInfo

from quotewire.lexicons.load import read_tsv
from quotewire.records import ArticleHeader, DateSource

_LEX = "quotewire.lexicons"
# Only the first lines can be header lines; this also bounds the work on hostile input.
_HEADER_SCAN_CHARS = 2000


@cache
def _months() -> dict[str, int]:
    return {name: int(num) for name, num in read_tsv(_LEX, "months.tsv")}


@cache
def _agency_zones() -> dict[str, str]:
    return {name.lower(): zone for name, zone in read_tsv(_LEX, "agencies.tsv")}


@cache
def _month_alt() -> str:
    return "|".join(sorted(_months(), key=len, reverse=True))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    # Month names are matched case-insensitively; the rest of a dateline is upper case.
    month = rf"(?i:{_month_alt()})\.?"
    mdy = rf"(?P<month>{month})\s(?P<day>\d{{1,2}})(?:,?\s(?P<year>\d{{4}}))?"
    return {
        "header": re.compile(r"[ \t]*date[ \t]+(?P<date>\d{4}-\d{2}-\d{2})[ \t]*(?P<headline>[^\n]*)"),
        "byline": re.compile(
            r"[ \t]*(?:\(?(?P<agency>[A-Z][\w.'&]*(?:[ \t][\w.'&]+){0,3})\)[ \t]*)?"
            r"(?P<raw>(?P<hour>\d{1,2}):(?P<minute>\d{2})(?:[ \t]*(?P<ampm>[AaPp]\.?[Mm]\.?))?,?[ \t]+"
            rf"(?P<month>{month})[ \t](?P<day>\d{{1,2}}),?[ \t](?P<year>\d{{4}}))[ \t]*$",
            re.IGNORECASE | re.MULTILINE,
        ),
        "dateline": re.compile(
            r"(?P<raw>(?P<place>[A-Z][A-Z'.\-]+(?:[ \t][A-Z][A-Z'.\-]+){0,4})"
            r"(?:,[ \t](?P<region>[A-Z][A-Za-z.]+(?:[ \t][A-Z][A-Za-z.]+){0,2}))??"
            rf"(?:,?[ \t]{mdy})?"
            r"[ \t]*(?:\((?P<agency>[A-Za-z][^()\n]{0,30})\))?"
            r"[ \t]*(?P<sep>--|—|–|-|_|:))(?=\s|$)",
        ),
    }


def _month_number(raw: str) -> int | None:
    return _months().get(raw.lower().rstrip("."))


def zone_for_agency(agency: str | None) -> ZoneInfo:
    """Time zone an agency's bylines are written in; UTC when the agency is unknown."""
    zone = _agency_zones().get((agency or "").strip().lower(), "UTC")
    return ZoneInfo(zone)


def _safe_date(year: int, month: int | None, day: int) -> date | None:
    if month is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_published(raw: str, zone: ZoneInfo = ZoneInfo("UTC")) -> tuple[datetime, date] | None:
    """Parse a metadata date string: ``YYYY-MM-DD`` or an ISO 8601 datetime.

    Returns (UTC datetime, local calendar date). A naive datetime is taken to be in ``zone``;
    a date alone is midnight in ``zone``. Returns None for anything else (never raises).
    """
    value = raw.strip()
    try:
        if len(value) == 10:
            local_day = date.fromisoformat(value)
            local = datetime.combine(local_day, time(0, 0), tzinfo=zone)
        else:
            local = datetime.fromisoformat(value.replace("Z", "+00:00"))
            if local.tzinfo is None:
                local = local.replace(tzinfo=zone)
            local_day = local.date()
    except ValueError:
        return None
    if not 1 <= local.year <= 9998:
        return None
    return local.astimezone(timezone.utc), local_day


def _first_line(text: str) -> tuple[str, int]:
    end = text.find("\n")
    end = len(text) if end < 0 else end
    return text[:end], end


def _skip_blank(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n\ufeff":
        pos += 1
    return pos


def _looks_like_headline(line: str) -> bool:
    stripped = line.strip()
    return 0 < len(stripped) <= 200 and not stripped.endswith((",", ";"))


def parse_header(
    text: str,
    *,
    published: str | None = None,
    headline: str | None = None,
) -> ArticleHeader:
    """Read the header clues of ``text`` (metadata ``published``/``headline`` take precedence).

    Never raises on any input; clues that cannot be read are None. ``body_start`` is the
    offset after the header line and byline, where the body (and the dateline) begins.
    """
    pats = _patterns()
    head = text[:_HEADER_SCAN_CHARS]
    pos = _skip_blank(head, 0)
    header_date: date | None = None
    header_raw: str | None = None
    found_headline = headline

    line, line_end = _first_line(head[pos:])
    m = pats["header"].fullmatch(line.rstrip("\r"))
    if m:
        header_raw = m.group("date")
        header_date = _iso_date(header_raw)
        found_headline = found_headline or (m.group("headline").strip() or None)
        pos = _skip_blank(head, pos + line_end)
    # The byline, when present, is the next line.
    byline_dt: datetime | None = None
    byline_raw: str | None = None
    agency: str | None = None
    line, line_end = _first_line(head[pos:])
    b = pats["byline"].match(line.rstrip("\r"))
    if b:
        agency = b.group("agency")
        byline_raw = b.group("raw")
        byline_dt = _byline_datetime(b)
        pos = _skip_blank(head, pos + line_end)
    elif not m and headline is None:
        # A plain file: a short first line followed by a blank line is the headline.
        nxt = head[pos + line_end : pos + line_end + 3]
        is_dateline = pats["dateline"].match(line) is not None
        if _looks_like_headline(line) and not is_dateline and nxt.startswith(("\n\n", "\r\n\r", "\n\r\n")):
            found_headline = line.strip()
    body_start = pos

    # The dateline opens the first body paragraph (or the paragraph after a headline line).
    d = pats["dateline"].match(head, pos)
    if d is None and found_headline and not m and not b:
        nxt = _skip_blank(head, pos + line_end)
        d = pats["dateline"].match(head, nxt)
    dateline_raw = d.group("raw") if d else None
    dateline_place = d.group("place") if d else None
    dl_agency = d.group("agency") if d else None
    agency = agency or (dl_agency.strip() if dl_agency else None)
    zone = zone_for_agency(agency)

    published_at: datetime | None = None
    published_raw: str | None = None
    published_date: date | None = None
    source = DateSource.NONE
    meta = parse_published(published, zone) if published else None
    if meta:
        published_at, published_date = meta
        published_raw, source = published, DateSource.METADATA
    elif byline_dt is not None:
        local = byline_dt.replace(tzinfo=zone)
        published_at, published_date = local.astimezone(timezone.utc), local.date()
        published_raw, source = byline_raw, DateSource.BYLINE
    elif header_date is not None:
        published_at = datetime.combine(header_date, time(0, 0), tzinfo=zone).astimezone(timezone.utc)
        published_date, published_raw, source = header_date, header_raw, DateSource.HEADER

    event_date = _dateline_date(d, published_date) if d else None
    if published_date is None and event_date is not None and d and d.group("year"):
        published_at = datetime.combine(event_date, time(0, 0), tzinfo=zone).astimezone(timezone.utc)
        published_date, published_raw, source = event_date, dateline_raw, DateSource.DATELINE

    return ArticleHeader(
        headline=found_headline,
        published_at=published_at,
        published_raw=published_raw,
        published_date=published_date,
        date_source=source,
        agency=agency,
        dateline_place=dateline_place,
        dateline_raw=dateline_raw,
        event_date=event_date,
        body_start=body_start,
    )


def _iso_date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def _byline_datetime(b: re.Match[str]) -> datetime | None:
    day = _safe_date(int(b.group("year")), _month_number(b.group("month")), int(b.group("day")))
    hour, minute = int(b.group("hour")), int(b.group("minute"))
    ampm = (b.group("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if day is None or hour > 23 or minute > 59:
        return None
    return datetime.combine(day, time(hour, minute))


def _dateline_date(d: re.Match[str], published: date | None) -> date | None:
    """The dateline's date; a date without a year takes the publication year, or the year
    before when that would put the event more than a day after publication."""
    if not d.group("month"):
        return None
    month, day = _month_number(d.group("month")), int(d.group("day"))
    if d.group("year"):
        return _safe_date(int(d.group("year")), month, day)
    if published is None:
        return None
    guess = _safe_date(published.year, month, day)
    if guess is not None and guess > published + timedelta(days=1):
        guess = _safe_date(published.year - 1, month, day)
    return guess
