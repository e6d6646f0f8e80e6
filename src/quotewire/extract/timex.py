"""TIMEX3 temporal expression tagger and normaliser (TimeML / TempEval-3 conventions).

    tag_timexes(text, anchor) -> tuple[TimexMention, ...]

``anchor`` is the document creation time (the publication date). Relative expressions
("Friday", "last year", "65 years ago") are resolved against it; the direction of an
underspecified weekday or month follows the tense around it (past-tense news: the most
recent one on or before the anchor). Without an anchor, relative expressions still get a
type and a placeholder value ("XXXX-09-28", "XXXX-WXX-5", "PAST_REF").

How: one regex finds anchor tokens and the combined rule pattern (:mod:`timex_grammar`)
is tried around them; a small resolver per rule turns each match into a type, value and
modifier (calendar arithmetic in :mod:`timex_calendar`), keeping document state
(the last day, year and fiscal quarter mentioned) for anaphoric expressions such as "the
same day" or "the year-ago quarter". A clock time directly followed by a date merges with it
("09:57, September 28, 2025" -> TIME 2025-09-28T09:57).

Contract: offsets are ``str`` indices into ``text``; mentions are sorted and never overlap;
every value satisfies :func:`is_valid_timex3_value`. Pure and deterministic; never raises on
any ``str`` input. Refused (not tagged): ages ("6-year-old"), "former", "soon", bare plural
units ("for years"), month abbreviations without day or year ("Mar"), lower-case month and
weekday names ("may", "sun"), Title-case unit words in names ("the Five-Year Plan").
Rates ("$2 million a year", "twice a week") are SETs.
"""

from __future__ import annotations

import re
from datetime import date

from quotewire.records import TimexMention, TimexType

from . import timex_calendar as cal
from .timex_grammar import iter_candidates, lower_same_length
from .timex_lexicon import (
    HOLIDAYS,
    MODIFIERS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASON_START_MONTH,
    SEASONS,
    SET_ADVERBS,
    UNITS,
    VAGUE,
    WEEKDAYS,
)
from .timex_value import is_valid_timex3_value

__all__ = ["EXTRACTOR_VERSION", "tag_timexes", "is_valid_timex3_value"]

EXTRACTOR_VERSION = "timex-1.2"

DATE, TIME, DURATION, SET = TimexType.DATE, TimexType.TIME, TimexType.DURATION, TimexType.SET

_POINT_MODS = {
    "early": "START", "earlier": "START", "late": "END", "later": "END", "mid": "MID",
    "the end of": "END", "the beginning of": "START", "the start of": "START",
    "the middle of": "MID", "the close of": "END", "the turn of": "START",
    "mid-afternoon": "MID", "midafternoon": "MID", "mid-morning": "MID", "midmorning": "MID",
}

# Tense markers, matched on the lower-cased text in one scan (no IGNORECASE: sre skips
# case-sensitive alternatives by their first letter, several times faster). Group f marks a
# future reading of "Friday", "in December"; group p a past one. An "-ed" word counts only
# when it is lower case in the original ("United", "Red" do not).
_TENSE_RE = re.compile(
    r"\b(?:(?P<f>will|shall|won't|going\s+to|plans?\s+to|planning|planned|scheduled"
    r"|expected|expects?|due\s+to|slated|upcoming|to\s+be\s+held|intends?\s+to|hopes?\s+to"
    r"|would\s+be|as\s+(?:soon|early)\s+as|set\s+to|next|is\s+to|are\s+to|'ll)"
    r"|(?P<p>was|were|had|did|said|told|ago|last|earlier|yesterday|came|went|met|began"
    r"|took|gave|made|saw|won|lost|fell|rose|left|held|led|sent|got|became|found|died|fled"
    r"|spoke|struck|hit|put|set\s+off|broke|brought|sought|signed|arrived|killed)"
    r"|(?P<ed>[a-z]+ed))\b"
)
_NOT_NEXT_AFTER = re.compile(r"\s+to\b")
_HAD_BEFORE = re.compile(r"\bhad\s+(?:been\s+)?$")
_BE_BEFORE = re.compile(r"\b(?:be|being)\s+$")
# words ending in "-ed" that are not past-tense verbs
_NOT_PAST_ED = frozenset(("hundred", "red", "bed", "shed", "sacred", "naked", "wicked",
                          "kindred", "rugged", "ragged", "beloved", "aged", "wed", "embed"))
# Sentence ends (abbreviations such as "a.m.", "U.S.", "Mr.", "Sept." are checked apart).
_BOUNDARY_RE = re.compile(r"[.!?;]\s|\n\s*\n")
_ABBREV_BEFORE_DOT = re.compile(r"(?:^|[\s(])(?:[A-Za-z]|[A-Za-z]\.[A-Za-z]|[A-Z][a-z]{1,3})$")
_NEAR_LEFT = 45  # a marker this close before the expression is its governing verb
_PLUPERFECT_RIGHT = re.compile(r"[^.;]*?\bhad\b", re.IGNORECASE)
_PLUPERFECT_LEFT = re.compile(r"\b(?:had|was|were)\b[^.;]*$", re.IGNORECASE)
# A deadline preposition right before the expression: "until 9 a.m. Tuesday", "by Friday".
_DEADLINE_LEFT = re.compile(
    r"\b(?:until|till|by)\s+(?:(?:at|noon|midnight|\d{1,2}(?::\d\d)?(?:\s?[ap]\.?m\.?)?"
    r"(?:\s+[a-z]{3})?)\s+){0,3}$",
    re.IGNORECASE,
)
# A sentence boundary, but not the period of "a.m.", "U.S.", "Mr." or "Sept.".
_BOUNDARY_RE = re.compile(
    r"(?<![.\s][a-zA-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})(?<!\bSept)[.!?]\s|;\s|\n\s*\n"
)

# Words after a 4-digit number that show it is a quantity, not a year.
_NOT_YEAR_AFTER = re.compile(
    r"\s*(?:tonnes?|tons?|shares|points?|people|barrels|bpd|feet|ft|meters|metres|miles|km"
    r"|kilometers|kilometres|dlrs|dollars|yen|marks|francs|pounds|units|cars|acres|hectares"
    r"|employees|workers|troops|soldiers|pct|percent|mln|billion|million|hours|rpm|kg|lbs"
    r"|ounces|oz|votes|delegates|rooms|beds|pages|words|students|members|mw|kw|cc)\b",
    re.IGNORECASE,
)
_NOT_YEAR_BEFORE = re.compile(
    r"(?:\b(?:no|number|flight|route|room|model|article|page|item|box|suite|nos)\.?|[#$])\s*$",
    re.IGNORECASE,
)
# "$1.76 a year", "24 hours a day", "four flights a week", "hundreds of interviews a day"
_RATE_BEFORE = re.compile(
    r"(?:\d|%|\bmillion|\bbillion|\bcents?|\bdollars?|\bdlrs|\bhours|\bminutes|\bdays"
    r"|\btimes|\btwice|\bonce|\bthrice"
    r"|(?:\d[\d,.]*|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|fifty"
    r"|hundred|hundreds|thousand|thousands|dozens|million|millions))"
    r"(?:\s+(?:of\s+)?[a-z]+){1,2})\s*$",
    re.IGNORECASE,
)
_CURRENT_NOT_TIMEX = re.compile(
    r"\s+(?:account|accounts|assets|liabilities|affairs|events|dollars|prices|issue|issues"
    r"|coupon|yield|yields|ratio|operating|contract|contracts|delivery|month|year|quarter"
    r"|fiscal|period|week)\b",
    re.IGNORECASE,
)


class _Cand:
    """One resolved candidate before output (mutable scratch, local to one call)."""

    __slots__ = ("start", "end", "type", "value", "mod", "clock", "day")

    def __init__(self, start, end, type_, value, mod=None, clock=None, day=None):
        self.start, self.end, self.type, self.value = start, end, type_, value
        self.mod, self.clock, self.day = mod, clock, day


class _Doc:
    """Per-call resolution state: the anchor and what the document last referred to."""

    __slots__ = ("text", "low", "anchor", "ref_day", "ref_year", "ref_month", "ref_quarter",
                 "fin")

    def __init__(self, text: str, anchor: date | None, low: str | None = None):
        self.text = text
        self.low = low if low is not None else lower_same_length(text)
        self.anchor = anchor
        self.ref_day = anchor
        self.ref_year = anchor.year if anchor else None
        # (year, month) of the last month named in the text ("In March, ... The following
        # month"); None until one is
        self.ref_month: tuple[int, int] | None = None
        # the fiscal quarter a financial report is about: set by the first explicit quarter
        self.ref_quarter: tuple[int, int] | None = None
        self.fin = False

    # -- context -------------------------------------------------------------------------
    def tense(self, start: int, end: int) -> int:
        """+1 future, -1 past, 0 unknown, from tense markers in the same sentence.

        A marker just before the expression (the governing verb: "said Friday", "will meet
        on Friday") decides; otherwise the first marker after it ("On Friday, the government
        planned ..."); otherwise the nearest further left. A deadline ("until Tuesday") is
        ahead unless the clause is pluperfect ("had filed reports by Wednesday").
        """
        text = self.text
        if _DEADLINE_LEFT.search(text, max(0, start - 30), start) and not (
                _PLUPERFECT_LEFT.search(text, max(0, start - 60), start)
                or _PLUPERFECT_RIGHT.match(text, end, min(len(text), end + 40))):
            return 1
        lo = self.sentence_start(max(0, start - 100), start)
        best_left = None  # (distance, sign)
        for m in _TENSE_RE.finditer(self.low, lo, start):
            sign = self._sign(m)
            if sign:
                best_left = (start - m.end(), sign)
        if best_left is not None and best_left[0] <= _NEAR_LEFT:
            return best_left[1]
        hi = self.sentence_end(end, min(len(text), end + 60))
        for m in _TENSE_RE.finditer(self.low, end, hi):
            sign = self._sign(m)
            if sign:
                return sign
        return best_left[1] if best_left else 0

    def _sign(self, m) -> int:
        g, i, low = m.lastgroup, m.start(), self.low
        if g == "f":
            if low.startswith("next", i) and _NOT_NEXT_AFTER.match(low, m.end()):
                return 0  # "next to the embassy" is a place
            if _HAD_BEFORE.search(low, max(0, i - 16), i):
                return -1  # a plan already overtaken: "had been scheduled to expire Friday"
            return 1
        if g == "ed":
            w = m.group()
            if not self.text[i].islower() or w in _NOT_PAST_ED or (
                    w.endswith("eed") and not w.endswith(("reed", "teed"))):
                return 0  # "United", "hundred", "succeed", "need", "exceed"
        # a passive after "be" takes its time from the modal: "will be named", "to be held"
        if _BE_BEFORE.search(low, max(0, i - 7), i):
            return 0
        return -1

    def _is_boundary(self, m) -> bool:
        if m.group()[0] != ".":
            return True
        i = m.start()
        return _ABBREV_BEFORE_DOT.search(self.text, max(0, i - 5), i) is None

    def sentence_start(self, lo: int, pos: int) -> int:
        """Offset just after the last sentence end in [lo, pos), else lo."""
        cut = lo
        for m in _BOUNDARY_RE.finditer(self.text, lo, pos):
            if self._is_boundary(m):
                cut = m.end()
        return cut

    def sentence_end(self, pos: int, hi: int) -> int:
        """Offset of the first sentence end in [pos, hi), else hi."""
        for m in _BOUNDARY_RE.finditer(self.text, pos, hi):
            if self._is_boundary(m):
                return m.start()
        return hi

    def default_quarter(self) -> tuple[int, int] | None:
        if self.ref_quarter is not None and (
                self.anchor is None or self.ref_quarter[0] >= self.anchor.year - 1):
            return self.ref_quarter
        if self.anchor is None:
            return None
        # a report without an explicit quarter is about the last completed one
        return cal.shift_quarter(self.anchor.year, cal.quarter_of(self.anchor), -1)


# ---------------------------------------------------------------------------------------
# small parsers
# ---------------------------------------------------------------------------------------

def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def _num(s: str) -> float | str | None:
    """'65' -> 65, 'twenty-four' -> 24, 'a few' -> 'X', '1 1/2' -> 1.5; None if unreadable."""
    s = _norm(s).replace(",", "")
    if not s:
        return None
    if s[0].isdigit():
        parts = s.split()
        try:
            val = float(parts[0])
            if len(parts) == 2 and "/" in parts[1]:
                a, b = parts[1].split("/")
                val += int(a) / int(b) if int(b) else 0
        except ValueError:
            return None
        return int(val) if val == int(val) else val
    if s in ("a", "an"):
        return 1
    if s.startswith("a couple") or s.startswith("couple"):
        return 2
    if s in ("a dozen",):
        return 12
    if s == "a half":
        return 0.5
    if s == "a hundred":
        return 100
    if s == "a thousand":
        return 1000
    total, cur = 0, 0
    for w in re.split(r"[\s-]+", s):
        v = NUMBERS.get(w)
        if v is None or v == "X":
            return "X"
        n = int(v)
        if n == 100:
            cur = max(cur, 1) * 100
        elif n == 1000:
            total += max(cur, 1) * 1000
            cur = 0
        else:
            cur += n
    return total + cur


def _fmt_num(n: float | str) -> str:
    if isinstance(n, str):
        return n
    return str(int(n)) if n == int(n) else f"{n:g}"


def _title_case(text: str, start: int, end: int) -> bool:
    """True for "Year" or "Minutes" (a name), False for "year" or "YEAR" (a headline)."""
    w = text[start:end]
    return w[:1].isupper() and not w.isupper()


def _duration(n: float | str, code: str) -> str:
    """TIMEX3 duration for n units ('Y','M','W','D','H','MIN','S','DE','CE','ML','Q','2W')."""
    if code == "2W":
        n, code = (n * 2 if not isinstance(n, str) else n), "W"
    if code in ("DE", "CE", "ML") and not isinstance(n, str):
        n, code = n * {"DE": 10, "CE": 100, "ML": 1000}[code], "Y"
    if code == "DE":
        return "PXDE"
    if code == "CE":
        return "PXCE"
    if code == "ML":
        return "PXML"
    if code == "Y" and not isinstance(n, str) and n != int(n) and n > 1:
        y = int(n)
        return f"P{y}Y{round((n - y) * 12)}M"
    if code == "H" and not isinstance(n, str) and n != int(n):
        h = int(n)
        return f"PT{h}H{round((n - h) * 60)}M" if h else f"PT{round(n * 60)}M"
    if code in ("H", "S"):
        return f"PT{_fmt_num(n)}{code}"
    if code == "D" and not isinstance(n, str) and n != int(n):
        d = int(n)
        return f"P{d}DT{round((n - d) * 24)}H" if d else f"PT{round(n * 24)}H"
    if code == "MIN" and not isinstance(n, str) and n != int(n):
        mi = int(n)
        return f"PT{mi}M{round((n - mi) * 60)}S" if mi else f"PT{round(n * 60)}S"
    if code == "MIN":
        return f"PT{_fmt_num(n)}M"
    return f"P{_fmt_num(n)}{code}"


def _valid_num(n) -> bool:
    return isinstance(n, str) or (0 < n < 100000)


# ---------------------------------------------------------------------------------------
# point arithmetic: shift the anchor (or a reference) by n units, keep the unit's granularity
# ---------------------------------------------------------------------------------------


def _shift_point(doc: _Doc, base: date | None, n: int, code: str, quarterly: bool) -> str:
    """The value of the point ``n`` units away from ``base`` (negative n = earlier)."""
    if base is None:
        return "PAST_REF" if n < 0 else "FUTURE_REF"
    if code == "Y" and quarterly:
        q = doc.default_quarter()
        if q is not None:
            y, qq = q
            return f"{cal.year_value(y + n)}-Q{qq}"
    if code == "Y":
        return cal.year_value(base.year + n)
    if code in ("DE", "CE", "ML"):
        mult = {"DE": 10, "CE": 100, "ML": 1000}[code]
        return cal.year_value(base.year + n * mult)
    if code == "Q":
        y, q = cal.shift_quarter(base.year, cal.quarter_of(base), n)
        return f"{cal.year_value(y)}-Q{q}"
    if code == "M":
        y, m = cal.shift_months(base.year, base.month, n)
        return cal.month_value(y, m)
    if code in ("W", "2W"):
        return cal.week_value(cal.shift_days(base, 7 * n * (2 if code == "2W" else 1)))
    if code == "D":
        return cal.day_value(cal.shift_days(base, n))
    return cal.day_value(base)  # hours, minutes: the day is as precise as we can be


# ---------------------------------------------------------------------------------------
# rule resolvers: (match, doc) -> _Cand | None (None = not a timex after all)
# ---------------------------------------------------------------------------------------


def _r_iso(m, doc):
    d = cal.safe_date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    if d is None:
        return None
    doc.ref_day, doc.ref_year = d, d.year
    if m["iso_H"] is not None and int(m["iso_H"]) < 24 and int(m["iso_M"]) < 60:
        clock = f"{int(m['iso_H']):02d}:{int(m['iso_M']):02d}"
        return _Cand(m.start(), m.end(), TIME, f"{d.isoformat()}T{clock}", day=d)
    return _Cand(m.start(), m.end(), DATE, d.isoformat(), day=d)


_CLOCK_PREP_LEFT = re.compile(r"\b(?:at|until|till|by|from|to|before|after|since)\s+$")


def _r_clk(m, doc):
    if m["clk_w"] is not None:
        w = m["clk_w"].lower()
        clock = "24:00" if w == "midnight" else "12:00"
    elif m["clk_h3"] is not None:
        if not (m["clk_mod"] or _CLOCK_PREP_LEFT.search(doc.low, max(0, m.start() - 8),
                                                       m.start())):
            return None  # "page 12 in the morning paper": only "at 4 in the morning"
        h, pod = int(m["clk_h3"]), (m["clk_pod"] or "").lower()
        if pod.endswith("morning"):
            h = 0 if h == 12 else h
        elif h < 12 and (not pod.endswith("night") or h >= 6):
            h += 12  # "3 in the afternoon", "10 at night" (but "2 at night" is 02:00)
        clock = f"{h:02d}:00"
    else:
        h = int(m["clk_h"] if m["clk_h"] is not None else m["clk_h2"])
        mi = m["clk_m"] if m["clk_h"] is not None else m["clk_m2"]
        ap = (m["clk_ap"] or "").lower()
        if ap:
            if h == 0 or h > 12:
                return None
            if ap.startswith("p") and h < 12:
                h += 12
            elif ap.startswith("a") and h == 12:
                h = 0
        clock = f"{h:02d}:{int(mi):02d}" if mi else f"{h:02d}:00"
    mod = "APPROX" if m["clk_mod"] else None
    # the date is filled in by _attach_clock_dates (a following date or the last day seen)
    return _Cand(m.start(), m.end(), TIME, "", mod=mod, clock=clock, day=doc.ref_day)


def _capital(doc: _Doc, m, group: str) -> bool:
    """True when the original text of ``group`` starts with a capital (month, weekday)."""
    i = m.start(group)
    return i >= 0 and doc.text[i].isupper()


_WORD_LEFT = re.compile(r"\b([a-z]+)\s+(?:(?:on|in)\s+)?$")
_SINCE_LEFT = re.compile(r"\bsince\s+(?:early|late|mid-?)?\s*$", re.IGNORECASE)


def _pick_year(doc: _Doc, start: int, end: int, neutral: int, future: int, past: int) -> int:
    """Year of a month (and day) without one: future context, sure past ("since March"),
    or the neutral choice, which already prefers the past (see nearest_year_for)."""
    if _SINCE_LEFT.search(doc.text, max(0, start - 16), start):
        return past
    w = _WORD_LEFT.search(doc.low, max(0, start - 24), start)
    if w is not None:
        t = _TENSE_RE.match(doc.low, w.start(1))
        if t is not None and t.end() == w.end(1) and t.lastgroup != "f" and doc._sign(t) < 0:
            return past  # the verb governs the date directly: "ended Jan. 31", "signed Feb. 23"
    return future if doc.tense(start, end) > 0 else neutral


def _month_day(m, doc, prefix):
    if not _capital(doc, m, prefix + "_mon"):
        return None
    mon = MONTHS.get(m[prefix + "_mon"].rstrip(".").strip().title())
    if mon is None:
        return None
    day = int(m[prefix + "_d"].rstrip("stndrh"))
    if not 1 <= day <= 31:
        return None
    ys = m[prefix + "_y"]
    rel = _norm(m["mdy_rel"] or "") if prefix == "mdy" else ""
    if ys is not None:
        year = int(ys)
    elif rel and doc.anchor is not None:
        # "last Oct. 23": the latest one before the anchor; "next May 5": the first after
        _, year_future, year_past = cal.year_choices(doc.anchor, mon, day)
        year = year_past if rel in ("last", "this past") else year_future
    elif doc.anchor is not None:
        year, year_future, year_past = cal.year_choices(doc.anchor, mon, day)
        if not year == year_future == year_past:
            # the tense (a few regex searches) is only worth reading when it decides
            year = _pick_year(doc, m.start(), m.end(), year, year_future, year_past)
    else:
        return _Cand(m.start(), m.end(), DATE, f"XXXX-{mon:02d}-{day:02d}")
    d = cal.safe_date(year, mon, day)
    if d is None:
        return None
    doc.ref_day, doc.ref_year, doc.ref_month = d, d.year, (d.year, d.month)
    return _Cand(m.start(), m.end(), DATE, d.isoformat(), day=d)


def _r_mdy(m, doc):
    return _month_day(m, doc, "mdy")


def _r_dmy(m, doc):
    return _month_day(m, doc, "dmy")


_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4,
                  "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_SAME_PERIOD = {"latest", "current", "recent", "same"}
_YEAR_BACK = {"year-earlier", "year-ago", "comparable", "corresponding"}


_Q_WORD_RE = re.compile(r"year-(?:ago|earlier)|[a-z0-9]+")


def _r_q(m, doc):
    """Fiscal quarters, halves and reporting periods.

    Year: written ("of 1989", "the 1988 period"), else from the determiner ("last year's"),
    else the anchor's year, or the previous year for a quarter that has not started yet in
    past-tense text. "year-ago"/"year-earlier"/"comparable"/"corresponding" step one year
    back. Without an ordinal ("the quarter", "the latest period") the quarter is the one
    the report is about: the first explicit quarter seen, else the last completed one.
    Refused: "a quarter of ...", a bare "period" or "half".
    """
    unit = m["q_unit"].lower()
    det = _norm(m["q_det"] or "")
    words = _Q_WORD_RE.findall((m["q_pre"] or "").lower())
    ordinal = next((_QUARTER_WORDS[w] for w in words if w in _QUARTER_WORDS), None)
    year = None
    for w in words:
        if w.isdigit():
            year = int(w)
    if m["q_y"] is not None:
        year = int(m["q_y"])
    back = any(w in _YEAR_BACK for w in words)
    ago = _norm(m["q_ago"] or "")
    anchor = doc.anchor
    if det in ("a", "an") and ordinal is None:
        return None
    qualified = bool(ordinal or year or back or det in ("this", "that", "its", "the",
                                                        "last year's", "this year's") or
                     any(w in _SAME_PERIOD or w == "fiscal" for w in words))
    if not qualified:
        return None
    start, end = m.start(), m.end()
    if det in ("its", "a", "an", "the", "that", "this") and (
            det == "its" or (m["q_pre"] or "").endswith("-")):
        # TimeBank spans: "a [third-quarter] loss", "its [fourth quarter]"
        start = m.start("q_pre")
    # which year, if the text says so relative to the anchor
    rel_year = None
    if year is None and anchor is not None:
        if det == "this year's" or ago.endswith("this year"):
            rel_year = anchor.year
        elif det == "last year's" or ago in ("last year", "of last year"):
            rel_year = anchor.year - 1
        elif det == "next year's" or ago.endswith("next year"):
            rel_year = anchor.year + 1
    step_back = back or ago.startswith("a year")
    if unit == "half":
        half = 2 if ("second" in words or "last" in words) else 1 if "first" in words else None
        if half is None:
            return None
        y = year if year is not None else rel_year if rel_year is not None else (
            anchor.year if anchor else None)
        if y is not None and step_back:
            y -= 1
        return _Cand(start, end, DATE, f"{cal.year_value(y)}-H{half}")
    if unit == "period" and not (year or back or ordinal or rel_year is not None
                                 or any(w in _SAME_PERIOD for w in words)):
        return None
    doc.fin = True
    if ordinal is not None and unit == "quarter":
        y = year if year is not None else rel_year
        if y is None and anchor is not None:
            y = anchor.year
            if ordinal > cal.quarter_of(anchor) and doc.tense(start, end) < 0:
                y -= 1  # "the fourth quarter" in a February report: last year's
        if y is not None and step_back:
            y -= 1
        elif y is not None and doc.ref_quarter is None:
            doc.ref_quarter = (y, ordinal)
        return _Cand(start, end, DATE, f"{cal.year_value(y)}-Q{ordinal}")
    # "the quarter", "the latest period", "the year-ago quarter", "the 1988 period"
    if det == "this" or "current" in words:
        q = (anchor.year, cal.quarter_of(anchor)) if anchor else None
    else:
        q = doc.default_quarter()
    if q is None:
        return _Cand(start, end, DATE, f"{cal.year_value(year)}-QX" if year else "XXXX-QX")
    y, qq = q
    if year is not None:
        y = year
    elif rel_year is not None:
        y = rel_year
    elif step_back:
        y -= 1
    return _Cand(start, end, DATE, f"{cal.year_value(y)}-Q{qq}")


def _r_qn(m, doc):
    """Q3, Q3 2025, H1 2025: a quarter or half, of the written year or else resolved like
    "the third quarter" (the anchor's year, or last year's for a quarter not yet begun)."""
    n = int(m["qn_n"])
    anchor = doc.anchor
    if m["qn_y"] is not None:
        y = int(m["qn_y"])
    elif anchor is not None:
        y = anchor.year
        cur = cal.quarter_of(anchor) if m["qn_k"] == "q" else (anchor.month - 1) // 6 + 1
        if n > cur and doc.tense(m.start(), m.end()) < 0:
            y -= 1
    else:
        y = None
    if m["qn_k"] == "h":
        if n > 2:
            return None
        return _Cand(m.start(), m.end(), DATE, f"{cal.year_value(y)}-H{n}")
    doc.fin = True
    if y is not None and doc.ref_quarter is None:
        doc.ref_quarter = (y, n)
    return _Cand(m.start(), m.end(), DATE, f"{cal.year_value(y)}-Q{n}")


def _r_ya(m, doc):
    if doc.fin:
        q = doc.default_quarter()
        if q is not None:
            return _Cand(m.start(), m.end(), DATE, f"{cal.year_value(q[0] - 1)}-Q{q[1]}")
    y = doc.ref_year - 1 if doc.ref_year is not None else None
    return _Cand(m.start(), m.end(), DATE, cal.year_value(y))


_MODAL_LEFT = re.compile(r"\b(?:will|would|could|can|may|might|shall|should|must)\s+$")
_OLD_AFTER = re.compile(r"\s+old\b|-old\b", re.IGNORECASE)


def _r_du(m, doc):
    text = doc.text
    start, end = m.start(), m.end()
    unit_w = m["du_unit"].lower()
    code = UNITS.get(unit_w)
    n = _num(m["du_num"])
    if code is None or n is None or not _valid_num(n):
        return None
    num_w = _norm(m["du_num"])
    if m["du_half"] and not isinstance(n, str):
        n += 0.5  # "a minute and a half", "two years and a half"
    if _title_case(doc.text, m.start("du_unit"), m.end("du_unit")):
        return None  # a name or title: "the Five-Year Plan", "60 Minutes"
    adj = (m["du_adj"] or "").lower()
    if adj == "-old" or _OLD_AFTER.match(text, end):
        return None  # ages: "a 52-year-old obstetrician", "37 years old"
    if code == "S" and num_w in ("a", "an"):
        return None  # "a second round"
    if num_w == "one" and code == "D" and not (m["du_the"] or m["du_rel"] or m["du_qmod"]
                                               or m["du_dir"]) and _MODAL_LEFT.search(
            doc.low, max(0, start - 12), start):
        return _Cand(start, end, DATE, "FUTURE_REF")  # "Islam will one day be": some day
    the, rel = m["du_the"], (m["du_rel"] or "").lower()
    if code == "Q" and not (the or rel):
        return None  # "three quarters of the vote"
    qmod_w = _norm(m["du_qmod"] or "")
    if qmod_w and the and qmod_w in ("over", "within", "under", "some", "around", "about"):
        # "over the past 65 years": the preposition is not part of the expression
        start = m.start("du_the")
        qmod_w = ""
    mod = MODIFIERS.get(qmod_w)
    direction = _norm(m["du_dir"] or "")
    if num_w in ("a", "an") and not (the or rel or qmod_w or direction):
        before = text[max(0, start - 40):start]
        if _RATE_BEFORE.search(before):
            # a rate or frequency: TimeML's SET ("twice a week", "$2 million a year")
            return _Cand(start, end, SET, _duration(1, code))
    if direction.startswith("or so"):
        mod = "APPROX"
        direction = "ago" if direction.endswith("ago") else ""
    if direction in ("earlier", "later") and code in ("D", "H", "MIN", "S", "W"):
        # TimeBank: "three days later", "a day earlier" are durations; the direction word
        # stays outside the span
        unit_end = m.end("du_half") if m["du_half"] else (
            m.end("du_adj") if m["du_adj"] else m.end("du_unit"))
        return _Cand(start, unit_end, DURATION, _duration(n, code), mod=mod)
    if direction in ("ago", "earlier", "later", "from now", "hence"):
        if isinstance(n, str):
            value = "PAST_REF" if direction in ("ago", "earlier") else "FUTURE_REF"
            return _Cand(start, end, DATE, value, mod=mod)
        sign = -1 if direction in ("ago", "earlier") else 1
        base = doc.anchor
        if direction in ("earlier", "later") and code in ("D", "W", "H", "MIN"):
            base = doc.ref_day
        quarterly = code == "Y" and n == 1 and doc.fin
        if code in ("H", "MIN", "S"):
            value = cal.day_value(base)
        else:
            step = int(n) if n == int(n) else None
            if step is None:
                return _Cand(start, end, DATE, "PAST_REF" if sign < 0 else "FUTURE_REF", mod=mod)
            value = _shift_point(doc, base, sign * step, code, quarterly)
        if code == "D" and base is not None:
            doc.ref_day = cal.shift_days(base, sign * int(n)) or doc.ref_day
        return _Cand(start, end, DATE, value, mod=mod)
    return _Cand(start, end, DURATION, _duration(n, code), mod=mod)


def _r_vp(m, doc):
    unit = m["vp_unit"].lower()
    rel = (m["vp_rel"] or m["vp_rec"] or "").lower()
    if rel == "recent" and unit == "years":
        # TimeBank: "recent years" is a vague past point, "recent weeks" a vague duration
        return _Cand(m.start(), m.end(), DATE, "PAST_REF")
    return _Cand(m.start(), m.end(), DURATION, _duration("X", UNITS[unit]))


_PAST_REL = {"last", "past", "previous", "preceding", "prior", "this past", "recent"}
_NEXT_REL = {"next", "coming", "following", "upcoming", "this coming"}
_SAME_REL = {"same", "that", "that same"}


def _season_instance(anchor: date, code: str, rel: str, tense: int) -> int:
    """Year (of the season's start) of the season instance meant relative to the anchor."""
    start_m = SEASON_START_MONTH[code]
    a_idx = anchor.year * 12 + anchor.month

    def start_idx(y: int) -> int:
        return y * 12 + start_m

    cur = [y for y in (anchor.year - 1, anchor.year) if start_idx(y) <= a_idx < start_idx(y) + 3]
    if rel == "this":
        return cur[0] if cur else (anchor.year - 1 if code == "WI" and anchor.month <= 2
                                   else anchor.year)
    if rel in _PAST_REL:
        ys = [y for y in (anchor.year - 2, anchor.year - 1, anchor.year)
              if start_idx(y) + 3 <= a_idx]
        return max(ys) if ys else anchor.year - 1
    if rel in _NEXT_REL:
        ys = [y for y in (anchor.year, anchor.year + 1) if start_idx(y) > a_idx]
        return min(ys) if ys else anchor.year + 1
    if cur:
        return cur[0]
    if tense < 0:
        ys = [y for y in (anchor.year - 1, anchor.year) if start_idx(y) <= a_idx]
        return max(ys)
    if code == "WI" and anchor.month <= 2:
        return anchor.year - 1
    return anchor.year


def _r_an(m, doc):
    unit = m["an_unit"].lower()
    rel = _norm(m["an_rel"] or "")
    the = m["an_the"] is not None
    mod_w = _norm(m["an_mod"] or "")
    mod = _POINT_MODS.get(mod_w)
    start, end = m.start(), m.end()
    if not rel and not the:
        return None
    if _title_case(doc.text, m.start("an_unit"), m.end("an_unit")):
        return None  # a name or title: "This Week", "the Summer Palace"
    anchor = doc.anchor
    if unit in ("spring", "summer", "fall", "autumn", "winter"):
        if not rel and unit in ("fall", "spring"):
            return None  # "the fall in prices", "the spring of the mechanism"
        code = SEASONS[unit]
        if anchor is None:
            return _Cand(start, end, DATE, f"XXXX-{code}", mod=mod)
        y = _season_instance(anchor, code, rel, doc.tense(start, end))
        return _Cand(start, end, DATE, f"{cal.year_value(y)}-{code}", mod=mod)
    if unit == "day":
        if rel in _SAME_REL:
            return _Cand(start, end, DATE, cal.day_value(doc.ref_day), mod=mod, day=doc.ref_day)
        if rel in ("next", "following"):
            d = cal.shift_days(doc.ref_day, 1)
            return _Cand(start, end, DATE, cal.day_value(d), mod=mod, day=d)
        if rel in ("previous", "prior", "preceding"):
            d = cal.shift_days(doc.ref_day, -1)
            return _Cand(start, end, DATE, cal.day_value(d), mod=mod, day=d)
        if rel == "" and mod:  # "later in the day", "the end of the day"
            return _Cand(start, end, DATE, cal.day_value(doc.ref_day), mod=mod, day=doc.ref_day)
        return None
    if unit in PARTS_OF_DAY:
        pod = PARTS_OF_DAY[unit][1:]
        if rel in _PAST_REL and unit == "night":
            d = cal.shift_days(anchor, -1)
        elif rel in ("this", ""):
            d = anchor if rel == "this" else doc.ref_day
        elif rel in _SAME_REL:
            d = doc.ref_day
        elif rel in ("next", "following"):
            d = cal.shift_days(doc.ref_day, 1)
        elif rel in _PAST_REL:
            d = cal.shift_days(doc.ref_day, -1)
        else:
            return None
        return _Cand(start, end, TIME, f"{cal.day_value(d)}T{pod}", mod=mod, day=d)
    if anchor is None:
        if rel in _PAST_REL:
            return _Cand(start, end, DATE, "PAST_REF", mod=mod)
        if rel in _NEXT_REL:
            return _Cand(start, end, DATE, "FUTURE_REF", mod=mod)
        return _Cand(start, end, DATE, "PRESENT_REF", mod=mod)
    if rel in _PAST_REL:
        step = -1
    elif rel in _NEXT_REL:
        step = 1
    else:
        step = 0
    # "the following year" / "that year" follow the narrative; "next year" follows the DCT
    base = anchor
    if rel in ("following", "previous", "preceding", "prior", "that", "same") and doc.ref_day:
        base = doc.ref_day
    if unit == "year":
        if rel in _SAME_REL:
            y = doc.ref_year if doc.ref_year is not None else anchor.year
            return _Cand(start, end, DATE, cal.year_value(y), mod=mod)
        if rel in ("", "full", "whole", "entire") and not mod and (
                _DURATIVE_BEFORE.search(doc.text, max(0, start - 12), start)
                or _YEAR_ENDED_AFTER.match(doc.text, end)):
            # "the year ended March 31", "throughout the fiscal year": a twelve-month span
            return _Cand(start, end, DURATION, "P1Y")
        y = (doc.ref_year if rel in ("following", "previous", "preceding", "prior")
             and doc.ref_year is not None else anchor.year) + step
        doc.ref_year = y if rel not in ("",) else doc.ref_year
        return _Cand(start, end, DATE, cal.year_value(y), mod=mod)
    if unit == "month":
        by, bm = base.year, base.month
        if rel in ("following", "previous", "preceding", "prior", "that", "same") and (
                doc.ref_month is not None):
            by, bm = doc.ref_month  # the narrative's month: "In March ... the following month"
        y, mo = cal.shift_months(by, bm, step)
        return _Cand(start, end, DATE, cal.month_value(y, mo), mod=mod)
    if unit == "week":
        return _Cand(start, end, DATE, cal.week_value(cal.shift_days(base, 7 * step)), mod=mod)
    if unit == "weekend":
        if step == 0:
            step = -1 if doc.tense(start, end) <= 0 else 1
            sat = cal.weekday_near(base, 6, step)
            if step < 0 and base.isoweekday() == 7:
                sat = cal.shift_days(base, -1)
        else:
            sat = cal.weekday_near(base, 6, step, strict=True)
        return _Cand(start, end, DATE, cal.week_value(sat) + "-WE", mod=mod)
    if unit in ("decade", "century") and rel == "past" and the:
        # "the past decade" is a stretch of ten years, like "the past 65 years"
        return _Cand(start, end, DURATION, "P10Y" if unit == "decade" else "P100Y", mod=mod)
    if unit == "decade":
        return _Cand(start, end, DATE, cal.year_value(base.year + 10 * step)[:3], mod=mod)
    if unit == "century":
        return _Cand(start, end, DATE, cal.year_value(base.year + 100 * step)[:2], mod=mod)
    return None


_DURATIVE_BEFORE = re.compile(r"\b(?:throughout)\s+$", re.IGNORECASE)
_YEAR_ENDED_AFTER = re.compile(r"\s+(?:that\s+)?(?:ended|ending|ends|to\s+end)\b", re.IGNORECASE)


def _r_ye(m, doc):
    return _Cand(m.start(), m.end(), DATE, cal.year_value(doc.anchor.year if doc.anchor else None),
                 mod="END")


_MARCH_NAME_AFTER = re.compile(r"\s+(?:for|of)\s+(?:the\s+)?[A-Z]")
_MAY_BEFORE = re.compile(
    r"\b(?:in|since|until|till|by|of|from|to|through|during|before|after|early|late|mid|last"
    r"|next|this|end|beginning|and|or|between)\s*-?\s*$", re.IGNORECASE)


def _r_my(m, doc):
    mon_w = m["my_mon"]
    if not _capital(doc, m, "my_mon"):
        return None  # "may", "march" are a verb and a noun in lower case
    mon = MONTHS.get(mon_w.rstrip(".").title())
    if mon is None:
        return None
    mod = _POINT_MODS.get(_norm(m["my_mod"] or ""))
    rel = _norm(m["my_rel"] or "")
    start, end = m.start(), m.end()
    if mon == 3 and not (m["my_y"] or mod or rel or m["my_ry"]) and _MARCH_NAME_AFTER.match(
            doc.text, m.end()):
        return None  # "the March for Life", "March of Dimes": a march, not the month
    if m["my_y"] is not None:
        y = _year_number(m["my_y"])
        doc.ref_year, doc.ref_month = y, (y, mon)
        return _Cand(start, end, DATE, cal.month_value(y, mon), mod=mod)
    bare = mon_w.rstrip(".")
    is_abbr = bare.title() not in ("May", "June", "July") and len(bare) <= 4
    if is_abbr and not mon_w.endswith("."):
        return None  # "Mar", "Jan" alone are too often something else
    if mon == 5 and not (mod or rel or m["my_ry"]) and not _MAY_BEFORE.search(
            doc.text, max(0, start - 16), start):
        return None  # "May" is a name or a modal more often than a month
    anchor = doc.anchor
    if anchor is None:
        return _Cand(start, end, DATE, f"XXXX-{mon:02d}", mod=mod)
    ry = _norm(m["my_ry"] or "")
    if ry:
        y = anchor.year + {"this": 0, "last": -1, "next": 1}[ry]
    elif rel in ("last", "this past"):
        y = anchor.year if mon < anchor.month else anchor.year - 1
    elif rel in ("next", "this coming"):
        y = anchor.year if mon > anchor.month else anchor.year + 1
    elif rel == "this":
        y = anchor.year
    else:
        y, y_future, y_past = cal.year_choices(anchor, mon, None)
        if not y == y_future == y_past:
            y = _pick_year(doc, start, end, y, y_future, y_past)
    doc.ref_month = (y, mon)
    return _Cand(start, end, DATE, cal.month_value(y, mon), mod=mod)


def _r_wd(m, doc):
    if not _capital(doc, m, "wd_day"):
        return None
    wd_w = m["wd_day"].rstrip(".").title()
    wd = WEEKDAYS.get(wd_w)
    if wd is None:
        return None
    pod = PARTS_OF_DAY.get((m["wd_pod"] or "").lower())
    start, end = m.start(), m.end()
    if m["wd_pl"] or m["wd_podpl"]:  # "Tuesdays", "Tuesday nights": every one
        return _Cand(start, end, SET, f"XXXX-WXX-{wd}" + (pod or ""))
    mod = _POINT_MODS.get(_norm(m["wd_mod"] or ""))
    rel = _norm(m["wd_rel"] or "")
    anchor = doc.anchor
    if anchor is None:
        value = f"XXXX-WXX-{wd}"
        return _Cand(start, end, DATE, value + (pod or ""), mod=mod)
    if rel in ("last", "past", "this past", "previous"):
        d = cal.weekday_near(anchor, wd, -1, strict=True)
    elif rel in ("next", "coming", "this coming"):
        d = cal.weekday_near(anchor, wd, 1, strict=True)
    elif rel == "this":
        d = cal.weekday_near(anchor, wd, 1)
    elif rel == "the previous":
        d = cal.weekday_near(doc.ref_day or anchor, wd, -1, strict=True)
    elif rel in ("the following", "the next", "following"):
        d = cal.weekday_near(doc.ref_day or anchor, wd, 1, strict=True)
    else:
        tense = doc.tense(start, end)
        d = cal.weekday_near(anchor, wd, 1 if tense > 0 else -1)
    doc.ref_day = d
    if pod:
        # TimeBank types "Friday morning" as a DATE whose value carries the part of day
        return _Cand(start, end, DATE, f"{d.isoformat()}{pod}", mod=mod, day=d)
    return _Cand(start, end, DATE, d.isoformat(), mod=mod, day=d)


_RELDAY = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}


# "today's youth", "in today's world": the present age, not the day
_TODAYS_GENERIC = re.compile(
    r"'s\s+(?:[a-z]+\s+)?(?:world|youth|society|generation|generations|kids|children|teenagers"
    r"|young|families|consumers|economy|technology|computers|standards|culture|politics"
    r"|students|parents|workers|workforce|marketplace)\b")


def _r_rd(m, doc):
    w = m["rd_w"].lower()
    if w == "today" and not m["rd_mod"] and _TODAYS_GENERIC.match(doc.low, m.end()):
        return None
    mod_w = _norm(m["rd_mod"] or "")
    mod = _POINT_MODS.get(mod_w)
    d = cal.shift_days(doc.anchor, _RELDAY[w])
    pod = PARTS_OF_DAY.get((m["rd_pod"] or "").lower())
    if w == "tonight":
        pod = "TNI"
    if mod_w.startswith("mid"):
        pod = "TAF" if "afternoon" in mod_w else "TMO"
    doc.ref_day = d if d is not None else doc.ref_day
    if pod:
        return _Cand(m.start(), m.end(), TIME, cal.day_value(d) + pod, mod=mod, day=d)
    return _Cand(m.start(), m.end(), DATE, cal.day_value(d), mod=mod, day=d)


def _r_pd(m, doc):
    w = _norm(m["pd_w"])
    if w.startswith("last"):
        d = cal.shift_days(doc.anchor, -1)
        return _Cand(m.start(), m.end(), TIME, cal.day_value(d) + "TNI", day=d)
    if w == "overnight":
        return _Cand(m.start(), m.end(), TIME, cal.day_value(doc.ref_day) + "TNI")
    pod = "TAF" if "afternoon" in w else "TMO"
    return _Cand(m.start(), m.end(), TIME, cal.day_value(doc.ref_day) + pod, mod="MID")


def _r_se(m, doc):
    code = SEASONS[m["se_s"].lower()]
    mod = _POINT_MODS.get((m["se_mod"] or "").lower())
    y = _year_number(m["se_y"])
    return _Cand(m.start(), m.end(), DATE, f"{cal.year_value(y)}-{code}", mod=mod)


def _r_se2(m, doc):
    code = SEASONS[m["se2_s"].lower()]
    mod = _POINT_MODS.get((m["se2_mod"] or "").lower())
    if doc.anchor is None:
        return _Cand(m.start(), m.end(), DATE, f"XXXX-{code}", mod=mod)
    y = _season_instance(doc.anchor, code, "", doc.tense(m.start(), m.end()))
    return _Cand(m.start(), m.end(), DATE, f"{cal.year_value(y)}-{code}", mod=mod)


def _r_dc(m, doc):
    mod = _POINT_MODS.get((m["dc_mod"] or "").lower())
    if m["dc_c"] is not None:
        value = f"{int(m['dc_c'])}{int(m['dc_d'])}"
    else:
        d = int(m["dc_a"])
        century = 19
        if doc.anchor is not None:
            century = doc.anchor.year // 100
            if century * 100 + d * 10 > doc.anchor.year + 5:
                century -= 1
        value = f"{century:02d}{d}"
    return _Cand(m.start(), m.end(), DATE, value, mod=mod)


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


def _r_dw(m, doc):
    # "in his forties" is an age; only "the nineties" (with a determiner) is a decade
    if not m.group().lower().startswith("the"):
        return None
    mod = _POINT_MODS.get((m["dw_mod"] or "").lower())
    return _Cand(m.start(), m.end(), DATE, f"19{_DECADE_WORDS[m['dw_w'].lower()]}", mod=mod)


def _r_ce(m, doc):
    o = m["ce_o"].lower()
    n = ORDINALS.get(o)
    if n is None:
        digits = re.match(r"\d+", o)
        n = int(digits.group()) if digits else None
    if not n or n > 99:
        return None
    return _Cand(m.start(), m.end(), DATE, f"{n - 1:02d}")


def _r_yr(m, doc):
    text = doc.text
    y = int(m["yr_y"])
    if y < 100:  # "FY25": the nearest century to the anchor
        base = doc.anchor.year if doc.anchor else 2000
        y += base - base % 100
        if y > base + 50:
            y -= 100
    start, end = m.start(), m.end()
    if not (m["yr_mod"] or m["yr_fy"]):
        if _NOT_YEAR_AFTER.match(text, end) or _NOT_YEAR_BEFORE.search(
                text, max(0, start - 12), start):
            return None
    mod_w = _norm(m["yr_mod"] or "")
    value = cal.year_value(y)
    mod = _POINT_MODS.get(mod_w)
    if "half of" in mod_w:
        value += "-H1" if "first" in mod_w else "-H2"
        mod = None
    if m["yr_after"]:
        mod = "ON_OR_AFTER"
    doc.ref_year = y
    return _Cand(start, end, DATE, value, mod=mod)


def _r_st(m, doc):
    n = _num(m["st_n"]) if m["st_n"] else 1
    if n is None or not _valid_num(n):
        return None
    if "other" in m.group().lower():
        n = n * 2 if not isinstance(n, str) else n
    if m["st_u"] is not None:
        u = m["st_u"].lower()
        if u == "weekend":
            return _Cand(m.start(), m.end(), SET, "XXXX-WXX-WE")
        code = UNITS.get(u)
        if code is None:
            return None
        return _Cand(m.start(), m.end(), SET, _duration(n, code))
    if (m["st_wd"] is not None and not _capital(doc, m, "st_wd")) or (
            m["st_mon"] is not None and not _capital(doc, m, "st_mon")):
        return None
    if m["st_wd"] is not None:
        wd = WEEKDAYS.get(m["st_wd"].rstrip(".").title())
        return _Cand(m.start(), m.end(), SET, f"XXXX-WXX-{wd}") if wd else None
    if m["st_mon"] is not None:
        mon = MONTHS.get(m["st_mon"].rstrip(".").title())
        return _Cand(m.start(), m.end(), SET, f"XXXX-{mon:02d}") if mon else None
    pod = PARTS_OF_DAY[m["st_pod"].lower()]
    return _Cand(m.start(), m.end(), SET, f"XXXX-XX-XX{pod}")


_THEN_BEFORE = re.compile(r"(?<![a-z])then $")
_OF_AFTER = re.compile(r"\s+of\b")
_COUNT_AFTER = re.compile(
    r"\s+(?:\d|few|several|many|couple|two|three|four|five|six|seven|eight|nine|ten|twelve"
    r"|twenty|thirty|forty|fifty|hundred)\b", re.IGNORECASE)
# "Christmas tree", "a Christmas present": the holiday names a kind of thing, not a time
_HOLIDAY_THING_AFTER = re.compile(
    r"(?:'s)?\s+(?:trees?|presents?|cards?|cheer|hits?|party|parties|carols?|spirit|gifts?"
    r"|dinner|decorations?|lights|single|special|film|movie|message|number|pudding|stocking"
    r"|shoppers|shopping\s+list|turkey|jumper|song|songs|story|album|episode|show)\b",
    re.IGNORECASE)
_CAPITALISED_AFTER = re.compile(r"\s+(?-i:[A-Z])")


_AVERAGE_BEFORE = re.compile(r"\baverage\s+$")


def _r_sa(m, doc):
    if _CAPITALISED_AFTER.match(doc.text, m.end()):
        return None  # "the Communist Party daily Granma" is a newspaper
    if _AVERAGE_BEFORE.search(doc.low, max(0, m.start() - 10), m.start()):
        return None  # "average daily volume": a statistic, not a recurrence
    return _Cand(m.start(), m.end(), SET, SET_ADVERBS[m["sa_w"].lower()])


def _r_hol(m, doc):
    rule = HOLIDAYS.get(_norm(m["hol_w"]))
    anchor = doc.anchor
    if rule is None or _HOLIDAY_THING_AFTER.match(doc.text, m.end()):
        return None
    if anchor is None:
        if "-" in rule:
            return _Cand(m.start(), m.end(), DATE, "XXXX-" + rule)
        return _Cand(m.start(), m.end(), DATE, "XXXX-XX-XX")

    def on(year: int) -> date | None:
        if rule == "ELECTION":
            return cal.election_day(year)
        if "-" in rule:
            mm, dd = rule.split("-")
            return cal.safe_date(year, int(mm), int(dd))
        mm, wd, n = (int(x) for x in rule.split(":"))
        return cal.nth_weekday(year, mm, wd, n)

    tense = doc.tense(m.start(), m.end())
    cands = [d for d in (on(anchor.year - 1), on(anchor.year), on(anchor.year + 1)) if d]
    if not cands:
        return None
    if tense < 0:
        past = [d for d in cands if d <= anchor]
        d = max(past) if past else min(cands, key=lambda d: abs((d - anchor).days))
    elif tense > 0:
        fut = [d for d in cands if d >= anchor]
        d = min(fut) if fut else min(cands, key=lambda d: abs((d - anchor).days))
    else:
        d = min(cands, key=lambda d: abs((d - anchor).days))
    doc.ref_day = d
    return _Cand(m.start(), m.end(), DATE, d.isoformat(), day=d)


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_UNITS_1 = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9}


def _year_number(s: str) -> int:
    """'1994' -> 1994; 'nineteen ninety-four' -> 1994."""
    s = s.strip()
    if s[:1].isdigit():
        return int(s)
    words = re.split(r"[\s-]+", s.lower())
    return 1900 + _TENS.get(words[1], 0) + (_UNITS_1.get(words[2], 0) if len(words) > 2 else 0)


def _r_sy(m, doc):
    if m["sy_t"] is None:
        return _Cand(m.start(), m.end(), DATE, "2000")
    y = 1900 + _TENS[m["sy_t"].lower()] + _UNITS_1.get((m["sy_u"] or "").lower(), 0)
    return _Cand(m.start(), m.end(), DATE, str(y))


def _r_vg(m, doc):
    phrase = _norm(m["vg_w"])
    hit = VAGUE.get(phrase)
    if hit is None:
        return None
    if phrase == "current" and _CURRENT_NOT_TIMEX.match(doc.text, m.end()):
        return None
    if phrase == "now" and doc.text.startswith("-", m.end()):
        return None  # "the now-defunct airline": an adjective prefix
    if phrase in ("the future", "the past") and _OF_AFTER.match(doc.low, m.end()):
        return None  # "the future of our peoples": a fate, not a time
    if phrase == "current" and _THEN_BEFORE.search(doc.low, max(0, m.start() - 6), m.start()):
        return _Cand(m.start() - 5, m.end(), DATE, "PAST_REF")  # "the then current price"
    if phrase in ("the past", "the future") and _COUNT_AFTER.match(doc.text, m.end()):
        return None  # "in the past three sessions": a count of something that is not a unit
    type_, value = hit
    return _Cand(m.start(), m.end(), TimexType(type_), value)


_RESOLVERS = {
    "iso": _r_iso, "clk": _r_clk, "mdy": _r_mdy, "dmy": _r_dmy, "q": _r_q, "qn": _r_qn,
    "ya": _r_ya,
    "du": _r_du, "vp": _r_vp, "an": _r_an, "ye": _r_ye, "my": _r_my, "wd": _r_wd, "rd": _r_rd,
    "pd": _r_pd, "se": _r_se, "se2": _r_se2, "dc": _r_dc, "dw": _r_dw, "ce": _r_ce,
    "yr": _r_yr, "st": _r_st, "sa": _r_sa, "hol": _r_hol, "sy": _r_sy, "vg": _r_vg,
}

# What may separate a clock time from the date it belongs to: "09:57, September 28, 2025",
# "9 a.m. EDT Thursday", "noon on Friday".
_CLOCK_DATE_GAP = re.compile(r"\s*,?\s*(?:on\s+)?", re.IGNORECASE)


def _attach_clock_dates(cands: list[_Cand], text: str) -> list[_Cand]:
    """Give every clock time its day: merge with a directly following day-level date,
    else borrow the next day-level date within the same clause, else the last day seen."""
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        if c.clock is None:
            out.append(c)
            i += 1
            continue
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        nxt_day = nxt is not None and nxt.day is not None and nxt.clock is None
        if nxt_day:
            gap = _CLOCK_DATE_GAP.fullmatch(text, c.end, nxt.start)
            if gap is not None:
                value = f"{nxt.day.isoformat()}T{c.clock}"
                out.append(_Cand(c.start, nxt.end, TIME, value, mod=c.mod or nxt.mod))
                i += 2
                continue
        day = c.day
        if nxt_day and nxt.start - c.end <= 30 and not re.search(r"[!?;]\s|[^.]\.\s+[A-Z]",
                                                                  text[c.end:nxt.start]):
            day = nxt.day
        c.value = f"{cal.day_value(day)}T{c.clock}"
        out.append(c)
        i += 1
    return out


def tag_timexes(text: str, anchor: date | None) -> tuple[TimexMention, ...]:
    """All TIMEX3 expressions in ``text``, resolved against ``anchor`` (the DCT).

    Returns mentions sorted by start, non-overlapping, with offsets into ``text`` as given.
    Never raises on a ``str``; an unresolvable candidate is dropped, not guessed.
    """
    if not text:
        return ()
    doc = _Doc(text, anchor)
    cands: list[_Cand] = []
    # the grammar runs over the lower-cased text (same offsets); resolvers that care about
    # case ("May", "Sun") look at doc.text
    for m in iter_candidates(doc.low):
        try:
            c = _RESOLVERS[m.lastgroup](m, doc)  # type: ignore[index]
        except (ValueError, OverflowError, KeyError, TypeError, ZeroDivisionError):
            c = None  # a value outside the calendar (year 0, 31 Feb): not a timex we can state
        if c is not None:
            cands.append(c)
    cands = _attach_clock_dates(cands, text)
    out = []
    for c in cands:
        if not c.value or not is_valid_timex3_value(c.value):
            continue
        out.append(TimexMention(c.start, c.end, text[c.start:c.end], c.type, c.value, c.mod))
    return tuple(out)
