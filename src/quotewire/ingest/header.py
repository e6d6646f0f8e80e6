"""Read an article's header: headline, kicker, authors, byline time, dateline, agency, date.

The layouts of the first lines of wire copy are data: ``lexicons/header_layouts.tsv``
holds one row per layout (a pattern made of named parts and a real example), and
``lexicons/kickers.tsv`` the headline labels. This module reads the first non-blank lines
(of the first ``_HEADER_SCAN_CHARS`` characters, whatever the line ends and blank lines)
and gives each line the first layout that matches it: the collection's header line
(`` date 2025-09-28 Headline``), a web byline (``Xinhua) 09:57, September 28, 2025``), a
``By NAME`` line, or a dateline (``BEIJING, Sept. 28 (Xinhua) --``, ``MANILA, Nov. 7, 2005
(Xinhua)``, ``WASHINGTON, Dec 15, 2006, 2006``, ``CANBERRA, Australia (AP) _``,
``AMSTERDAM, 2 March -``; a place in mixed case, ``Toronto, Feb 26 -``, only with a month,
day and separator after it and never on the first line). The first other short line before
them is the headline. Reading stops at the dateline or at the first paragraph of body text.

The publication date comes from, in order: metadata (JSONL ``published``), the byline (it
has a time), the header line, a dateline (or date line) that carries a year. A byline time
is local to the agency's head office (Xinhua: Beijing time) and stored in UTC; a date
alone is midnight there. The raw string is kept. Every pattern is anchored, its
repetitions bounded, and it runs on one line of a bounded prefix: linear-time on any input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import cache
from zoneinfo import ZoneInfo

from quotewire.lexicons.load import read_tsv
from quotewire.records import ArticleHeader, DateSource

_LEX = "quotewire.lexicons"
# Only the first lines can be header lines; this also bounds the work on hostile input.
_HEADER_SCAN_CHARS = 2000
# Non-blank lines looked at: header line, headline, a repeat or subtitle, author, byline,
# dateline, with room for one more.
_HEADER_MAX_LINES = 8
# What str.splitlines() splits on, and the blanks a line may start with.
_LINE_ENDS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LEADING_BLANKS = " \t\ufeff\u00a0"
# A text line ending a sentence is body text, not a headline or a subtitle (headlines
# rarely end in a full stop; a first paragraph nearly always does).
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s*$")
_AUTHOR_SPLIT = re.compile(r"\s+(?:and|&)\s+|\s*;\s*")
# Stray symbols a line of wire copy may start with ("****" before a dateline): no letter,
# digit, blank, dash, bracket or quotation mark.
_STRAY = r"[^\w\s\-\u2013\u2014(\[\"'\u201c\u2018]{0,8}"


@dataclass(frozen=True)
class Layout:
    """One row of ``header_layouts.tsv``: ``regex`` is its pattern with the parts expanded."""

    name: str
    kind: str  # header, byline, author or dateline
    first_line_ok: bool  # False: never read on the first line (that is the headline's place)
    regex: re.Pattern[str]
    fields: tuple[str, ...]
    example: str


@cache
def _months() -> dict[str, int]:
    return {name: int(num) for name, num in read_tsv(_LEX, "months.tsv")}


@cache
def _agencies() -> dict[str, tuple[str, str]]:
    """lower-case name -> (the name stored, IANA zone); a row's third field, when there is
    one, is the name stored for that spelling ("Agence France-Presse" -> "AFP")."""
    return {row[0].lower(): (row[2] if len(row) > 2 else row[0], row[1]) for row in read_tsv(_LEX, "agencies.tsv")}


def _trie_alternation(words: list[str]) -> str:
    """A regex matching any of ``words`` (longest first), factored by common prefix:
    ``jan|january`` -> ``jan(?:uary)?``. Fewer alternatives to try at each position."""
    groups: dict[str, list[str]] = {}
    ends_here = "" in words
    for word in words:
        if word:
            groups.setdefault(word[0], []).append(word[1:])
    branches = [re.escape(first) + _trie_alternation(rest) for first, rest in sorted(groups.items())]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if ends_here else body


@cache
def _parts() -> dict[str, str]:
    """The named parts a layout pattern is written with (see header_layouts.tsv)."""
    months = _trie_alternation(sorted(_months()))
    # Possessive (*+, ++): a word is never re-split when the rest fails, which keeps a
    # failing line to a few steps per word.
    word = r"[A-Z][\w.'\-]*+"
    # A person's name has two to five words ("by US" ending a cut headline is no author).
    name = rf"{word}(?:\s+[\w.'\-]++){{1,4}}?"
    mixed_word = r"[^\W\d_](?:[^\W\d_]|['./\-])*+"  # letters in any case, no digit
    return {
        # Upper-case words: the case keeps a headline's or a sentence's first word out. A
        # slash joins two places ("DALLAS/FORT WORTH"); stray symbols before the place
        # ("****SANTO DOMINGO") are line noise, outside the group.
        "place": rf"{_STRAY}(?P<place>[A-Z][A-Z'./\-]++(?:\s[A-Z][A-Z'./\-]*+){{0,4}})",
        # Words in any case ("Toronto", "Oklahoma City", "omaha"): only ever followed by a
        # comma, a month and day and a separator, which body sentences never are.
        "mplace": rf"{_STRAY}(?P<place>{mixed_word}(?:\s{mixed_word}){{0,3}})",
        # A blank may stand before the comma ("OAKLAND , N.J.").
        "region": rf"(?:\s?,\s(?P<region>{word}(?:\s[\w.'\-]++){{0,3}}?))",
        # After the place or region: a comma or full stop (a blank may stand before it and
        # none after it: "ATLANTA , March", "PARIS,March") or blanks alone ("SARAJEVO April").
        "comma": r"(?:\s?[,.]\s*|\s+)",
        "month": rf"(?P<month>(?i:{months})\.?)",
        "day": r"(?P<day>\d{1,2})",
        "year": r"(?P<year>\d{4})",
        "agency": r"(?P<agency>[A-Za-z][^()]{0,30}?)",
        "sep": r"(?P<sep>--|\u2014|\u2013|-|_)",
        "time": r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?",
        "isodate": r"(?P<isodate>\d{4}-\d{2}-\d{2})",
        "headline": r"(?P<headline>.*)",
        # Names joined by "and"; after a comma comes the role ("Associated Press Writer").
        "authors": rf"(?P<authors>{name}(?:\s+(?:and|&)\s+{name}){{0,3}})(?:,\s*[^,]{{1,60}})?",
    }


@cache
def layouts() -> tuple[Layout, ...]:
    """The header layouts, in the order they are tried."""
    parts = _parts()
    rows = []
    for name, kind, where, pattern, fields, example in read_tsv(_LEX, "header_layouts.tsv"):
        expanded = re.sub(r"\{(\w+)\}", lambda m: parts[m.group(1)], pattern)
        if kind == "dateline":
            expanded += r"(?=\s|$)"  # a dateline ends at a blank or the line end, not mid-word
        first_ok = where != "after_first"
        rows.append(Layout(name, kind, first_ok, re.compile(expanded), tuple(fields.split(",")), example))
    return tuple(rows)


@cache
def _kicker_pattern() -> re.Pattern[str]:
    rows = sorted(read_tsv(_LEX, "kickers.tsv"), key=lambda row: -len(row[0]))  # longest first
    labels = "|".join(re.escape(row[0]) for row in rows)
    return re.compile(rf"\s*(?P<kicker>(?i:{labels})(?:\s+\d{{1,2}})?)\s*:\s+(?=\S)")


def match_layout(line: str, *, first_line: bool = False) -> tuple[Layout, re.Match[str]] | None:
    """The first layout matching the start of ``line`` (one line, no line break), or None."""
    for layout in layouts():
        if first_line and not layout.first_line_ok:
            continue
        m = layout.regex.match(line)
        if m:
            return layout, m
    return None


def split_kicker(headline: str) -> tuple[str | None, str]:
    """(kicker, headline without it): ``"Update 2: Six killed"`` -> ``("Update 2", "Six
    killed")``. Labels repeat (``URGENT: Roundup: ...`` gives ``"URGENT: Roundup"``). Only
    labels of kickers.tsv count, so an attribution colon (``... near death: US
    intelligence``) is never a kicker."""
    labels, rest = [], headline
    while m := _kicker_pattern().match(rest):
        labels.append(m.group("kicker"))
        rest = rest[m.end() :]
    return (": ".join(labels) if labels else None), rest.strip()


def _group(m: re.Match[str] | None, name: str) -> str | None:
    """A named group of a layout match; None when the layout has no such part."""
    return m.group(name) if m is not None and name in m.re.groupindex else None


def _month_number(raw: str) -> int | None:
    return _months().get(raw.lower().rstrip("."))


def zone_for_agency(agency: str | None) -> ZoneInfo:
    """Time zone an agency's bylines are written in; UTC when the agency is unknown."""
    known = _agencies().get((agency or "").strip().lower())
    return ZoneInfo(known[1] if known else "UTC")


def _agency_name(raw: str | None) -> str | None:
    """The agency as agencies.tsv spells it (``AFP``, ``Xinhua``), else as written."""
    if raw is None or not raw.strip():
        return None
    known = _agencies().get(raw.strip().lower())
    return known[0] if known else raw.strip()


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


@dataclass(frozen=True)
class _Line:
    start: int  # offset of the line's first non-blank character
    end: int  # offset after the line's line end
    text: str  # from ``start``, without the line end
    blank_after: bool  # a blank line, then more text, follows


def _header_lines(head: str) -> Iterator[_Line]:
    """The first non-blank lines of ``head``, whatever the line ends (LF, CRLF, CR), each
    given once the next one is seen (to know whether a blank line came between)."""
    pending: _Line | None = None
    pos, blank_run, count = 0, False, 0
    for raw in head.splitlines(keepends=True):
        body = raw.rstrip(_LINE_ENDS)
        text = body.lstrip(_LEADING_BLANKS)
        if not text.strip():
            blank_run = True
        else:
            if pending is not None:
                yield _Line(pending.start, pending.end, pending.text, blank_run)
            if count == _HEADER_MAX_LINES:
                return
            pending = _Line(pos + len(body) - len(text), pos + len(raw), text, False)
            blank_run, count = False, count + 1
        pos += len(raw)
    if pending is not None:
        yield pending


@dataclass
class _Clues:
    """What the header lines said, before any date is resolved."""

    headline: str | None = None
    header: re.Match[str] | None = None
    byline: re.Match[str] | None = None
    dateline: re.Match[str] | None = None
    authors: tuple[str, ...] = ()
    body_start: int = 0


def _looks_like_headline(line: _Line, next_is_header: bool) -> bool:
    """A short line that ends no clause and stands alone: a blank line or a header line
    (byline, dateline, By NAME) comes after it."""
    stripped = line.text.strip()
    if not 0 < len(stripped) <= 200 or stripped.endswith((",", ";")):
        return False
    return line.blank_after or next_is_header


def _authors(m: re.Match[str]) -> tuple[str, ...]:
    return tuple(a.strip() for a in _AUTHOR_SPLIT.split(m.group("authors")) if a.strip())


class _HeaderLines:
    """The first non-blank lines and their layouts, read only as far as asked for."""

    def __init__(self, head: str) -> None:
        self._more = _header_lines(head)
        self.lines: list[_Line] = []
        self._layouts: dict[int, tuple[Layout, re.Match[str]] | None] = {}

    def line(self, i: int) -> _Line | None:
        while len(self.lines) <= i and (nxt := next(self._more, None)) is not None:
            self.lines.append(nxt)
        return self.lines[i] if i < len(self.lines) else None

    def layout(self, i: int) -> tuple[Layout, re.Match[str]] | None:
        if i not in self._layouts:
            line = self.line(i)
            self._layouts[i] = match_layout(line.text, first_line=i == 0) if line else None
        return self._layouts[i]


def _scan(head: str) -> _Clues:
    """Give each of the first lines its layout; stop at the dateline or at body text.

    The first short line standing alone is the headline; up to two more short lines
    (a subtitle, a repeated headline, an editor's note) may come before the dateline. A
    line that ends a sentence, or a long one, is body text and ends the header."""
    clues, lines = _Clues(), _HeaderLines(head)
    body_start: int | None = None
    other_text, i = 0, 0
    while (line := lines.line(i)) is not None:
        layout, m = lines.layout(i) or (None, None)
        kind = layout.kind if layout else "text"
        if kind == "dateline":
            clues.dateline, clues.body_start = m, line.start
            return clues
        if kind == "header" and i == 0:
            clues.header = m
        elif kind == "byline":
            clues.byline = clues.byline or m
        elif kind == "author":
            clues.authors += _authors(m)  # type: ignore[arg-type]
        elif (
            clues.headline is None
            and clues.header is None
            and other_text == 0
            and _looks_like_headline(line, lines.layout(i + 1) is not None)
        ):
            clues.headline = line.text.strip()
        else:
            body_start = line.start if body_start is None else body_start
            if _SENTENCE_END.search(line.text) or len(line.text) > 200 or other_text >= 2:
                break
            other_text += 1
        i += 1
    read = lines.lines
    clues.body_start = body_start if body_start is not None else (read[-1].end if read else 0)
    return clues


def parse_header(
    text: str,
    *,
    published: str | None = None,
    headline: str | None = None,
) -> ArticleHeader:
    """Read the header clues of ``text`` (metadata ``published``/``headline`` take precedence).

    Never raises on any input; clues that cannot be read are None (an unknown layout gives
    the headline, if any, and ``date_source`` none). ``body_start`` is the offset after the
    header lines (header line, headline, authors, byline), where the body and its dateline
    begin.
    """
    clues = _scan(text[:_HEADER_SCAN_CHARS])
    d, b = clues.dateline, clues.byline
    agency = _agency_name(_group(b, "agency")) or _agency_name(_group(d, "agency"))
    zone = zone_for_agency(agency)
    published_at, published_raw, published_date, source = _publication(clues, published, zone)
    event_date = _dateline_date(d, published_date) if d else None
    if d is not None and published_date is None and event_date is not None and _group(d, "year"):
        published_at = datetime.combine(event_date, time(0, 0), tzinfo=zone).astimezone(timezone.utc)
        published_date, published_raw, source = event_date, d.group().strip(), DateSource.DATELINE
    header_headline = clues.header.group("headline").strip() if clues.header else None
    raw_headline = headline or header_headline or clues.headline
    kicker, found_headline = split_kicker(raw_headline) if raw_headline else (None, None)
    return ArticleHeader(
        headline=found_headline or None,
        published_at=published_at,
        published_raw=published_raw,
        published_date=published_date,
        date_source=source,
        agency=agency,
        dateline_place=_place(d) if d else None,
        dateline_raw=d.group().strip() if d else None,
        event_date=event_date,
        body_start=clues.body_start,
        kicker=kicker,
        authors=clues.authors,
    )


def _publication(
    clues: _Clues, published: str | None, zone: ZoneInfo
) -> tuple[datetime | None, str | None, date | None, DateSource]:
    """(published_at, published_raw, local date, source) from metadata, byline or header."""
    meta = parse_published(published, zone) if published else None
    if meta:
        return meta[0], published, meta[1], DateSource.METADATA
    byline_dt = _byline_datetime(clues.byline) if clues.byline else None
    if byline_dt is not None:
        local = byline_dt.replace(tzinfo=zone)
        raw = clues.byline.group()[clues.byline.start("hour") :].strip()  # type: ignore[union-attr]
        return local.astimezone(timezone.utc), raw, local.date(), DateSource.BYLINE
    header_date = _iso_date(clues.header.group("isodate")) if clues.header else None
    if header_date is not None:
        at = datetime.combine(header_date, time(0, 0), tzinfo=zone).astimezone(timezone.utc)
        return at, clues.header.group("isodate"), header_date, DateSource.HEADER  # type: ignore[union-attr]
    return None, None, None, DateSource.NONE


def _place(d: re.Match[str]) -> str | None:
    """The dateline's place as written, with its region (``RAMALLAH, West Bank``); a
    full stop glued to the city (``SEOUL. April 11``) is punctuation, not an initial."""
    place, region = _group(d, "place"), _group(d, "region")
    if place is None:
        return None
    if place.endswith(".") and "." not in place[:-1]:
        place = place[:-1]
    return f"{place}, {region}" if region else place


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
    month_raw, year = _group(d, "month"), _group(d, "year")
    if not month_raw:
        return None
    month, day = _month_number(month_raw), int(d.group("day"))
    if year:
        return _safe_date(int(year), month, day)
    if published is None:
        return None
    guess = _safe_date(published.year, month, day)
    if guess is not None and guess > published + timedelta(days=1):
        guess = _safe_date(published.year - 1, month, day)
    return guess
