"""Rule resolvers for points in time named by the calendar: dates, clock times, months,
weekdays, relative days, seasons, decades, centuries, years and holidays.

Every ``resolve_*`` function has the contract of :class:`timex_rules.Rule.resolve`:
``(match, doc) -> Cand | None``, ``None`` meaning the match is not a timex after all (a
refusal, as documented on the function). Resolvers may update the document state in
``doc`` (the last day, month and year mentioned).
"""

from __future__ import annotations

import re
from datetime import date

from . import timex_calendar as cal
from .timex_context import (
    DATE,
    NEXT_REL,
    PAST_REL,
    POINT_MODS,
    SET,
    TENSE_RE,
    TIME,
    Cand,
    Doc,
    capital,
    norm,
)
from .timex_lexicon import (
    HOLIDAYS,
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASON_START_MONTH,
    SEASONS,
    WEEKDAYS,
)
from .timex_numbers import ONES, TENS, year_number


def resolve_iso(m, doc):
    """2025-09-28 (DATE) or 2025-09-28T10:35 (TIME). Refused: an impossible date; an impossible
    clock part is dropped (a DATE remains)."""
    d = cal.safe_date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    if d is None:
        return None
    doc.ref_day, doc.ref_year = d, d.year
    if m["iso_H"] is not None and int(m["iso_H"]) < 24 and int(m["iso_M"]) < 60:
        clock = f"{int(m['iso_H']):02d}:{int(m['iso_M']):02d}"
        return Cand(m.start(), m.end(), TIME, f"{d.isoformat()}T{clock}", day=d)
    return Cand(m.start(), m.end(), DATE, d.isoformat(), day=d)


_CLOCK_PREP_LEFT = re.compile(r"\b(?:at|until|till|by|from|to|before|after|since)\s+$")


def resolve_clk(m, doc):
    """A clock time ("10:35 a.m.", "noon", "4 in the morning"); its day is filled in later
    (timex._attach_clock_dates). Refused: "4 in the morning" without "at", "until", ... or
    "about" before it (a page, a count); an a.m./p.m. hour of 0 or above 12."""
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
    return Cand(m.start(), m.end(), TIME, "", mod=mod, clock=clock, day=doc.ref_day)


_WORD_LEFT = re.compile(r"\b([a-z]+)\s+(?:(?:on|in)\s+)?$")

_SINCE_LEFT = re.compile(r"\bsince\s+(?:early|late|mid-?)?\s*$", re.IGNORECASE)


def _pick_year(doc: Doc, start: int, end: int, neutral: int, future: int, past: int) -> int:
    """Year of a month (and day) without one: future context, sure past ("since March"),
    or the neutral choice, which already prefers the past (see timex_calendar.year_choices)."""
    if _SINCE_LEFT.search(doc.text, max(0, start - 16), start):
        return past
    w = _WORD_LEFT.search(doc.low, max(0, start - 24), start)
    if w is not None:
        t = TENSE_RE.match(doc.low, w.start(1))
        if t is not None and t.end() == w.end(1) and t.lastgroup != "f" and doc.sign(t) < 0:
            return past  # the verb governs the date directly: "ended Jan. 31", "signed Feb. 23"
    return future if doc.tense(start, end) > 0 else neutral


def _month_day(m, doc, prefix):
    """Month and day ("mdy" or "dmy" groups by ``prefix``), with the written year, else the one a
    relative word ("last Oct. 23") or the tense picks. Refused: a lower-case month ("may 5"), a
    day outside the month."""
    if not capital(doc, m, prefix + "_mon"):
        return None
    mon = MONTHS.get(m[prefix + "_mon"].rstrip(".").strip().title())
    if mon is None:
        return None
    day = int(m[prefix + "_d"].rstrip("stndrh"))
    if not 1 <= day <= 31:
        return None
    ys = m[prefix + "_y"]
    rel = norm(m["mdy_rel"] or "") if prefix == "mdy" else ""
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
        return Cand(m.start(), m.end(), DATE, f"XXXX-{mon:02d}-{day:02d}")
    d = cal.safe_date(year, mon, day)
    if d is None:
        return None
    doc.ref_day, doc.ref_year, doc.ref_month = d, d.year, (d.year, d.month)
    return Cand(m.start(), m.end(), DATE, d.isoformat(), day=d)


def resolve_mdy(m, doc):
    """"Sept. 28, 2025", "Friday, Oct. 13", "last Oct. 23" (see _month_day)."""
    return _month_day(m, doc, "mdy")


def resolve_dmy(m, doc):
    """"28 September 2025", "the 3rd of October" (see _month_day)."""
    return _month_day(m, doc, "dmy")


_MARCH_NAME_AFTER = re.compile(r"\s+(?:for|of)\s+(?:the\s+)?[A-Z]")

_MAY_BEFORE = re.compile(
    r"\b(?:in|since|until|till|by|of|from|to|through|during|before|after|early|late|mid|last"
    r"|next|this|end|beginning|and|or|between)\s*-?\s*$", re.IGNORECASE)


def resolve_my(m, doc):
    """A month with a year ("June 1998") or placed by a relative word or the tense ("last April",
    "in December"). Refused: a lower-case month name, an abbreviation without its period
    ("Mar"), "March for/of ..." (a march), a bare "May" with no preposition or modifier before
    it (a name or a modal)."""
    mon_w = m["my_mon"]
    if not capital(doc, m, "my_mon"):
        return None  # "may", "march" are a verb and a noun in lower case
    mon = MONTHS.get(mon_w.rstrip(".").title())
    if mon is None:
        return None
    mod = POINT_MODS.get(norm(m["my_mod"] or ""))
    rel = norm(m["my_rel"] or "")
    start, end = m.start(), m.end()
    if mon == 3 and not (m["my_y"] or mod or rel or m["my_ry"]) and _MARCH_NAME_AFTER.match(
            doc.text, m.end()):
        return None  # "the March for Life", "March of Dimes": a march, not the month
    if m["my_y"] is not None:
        y = year_number(m["my_y"])
        doc.ref_year, doc.ref_month = y, (y, mon)
        return Cand(start, end, DATE, cal.month_value(y, mon), mod=mod)
    bare = mon_w.rstrip(".")
    is_abbr = bare.title() not in ("May", "June", "July") and len(bare) <= 4
    if is_abbr and not mon_w.endswith("."):
        return None  # "Mar", "Jan" alone are too often something else
    if mon == 5 and not (mod or rel or m["my_ry"]) and not _MAY_BEFORE.search(
            doc.text, max(0, start - 16), start):
        return None  # "May" is a name or a modal more often than a month
    anchor = doc.anchor
    if anchor is None:
        return Cand(start, end, DATE, f"XXXX-{mon:02d}", mod=mod)
    ry = norm(m["my_ry"] or "")
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
    return Cand(start, end, DATE, cal.month_value(y, mon), mod=mod)


def resolve_wd(m, doc):
    """A weekday ("Friday", "last Tuesday", "Friday morning"): in past-tense text the last one on
    or before the anchor, else the next; plurals ("Tuesdays") are SETs. Refused: lower-case
    weekday names."""
    if not capital(doc, m, "wd_day"):
        return None
    wd_w = m["wd_day"].rstrip(".").title()
    wd = WEEKDAYS.get(wd_w)
    if wd is None:
        return None
    pod = PARTS_OF_DAY.get((m["wd_pod"] or "").lower())
    start, end = m.start(), m.end()
    if m["wd_pl"] or m["wd_podpl"]:  # "Tuesdays", "Tuesday nights": every one
        return Cand(start, end, SET, f"XXXX-WXX-{wd}" + (pod or ""))
    mod = POINT_MODS.get(norm(m["wd_mod"] or ""))
    rel = norm(m["wd_rel"] or "")
    anchor = doc.anchor
    if anchor is None:
        value = f"XXXX-WXX-{wd}"
        return Cand(start, end, DATE, value + (pod or ""), mod=mod)
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
        return Cand(start, end, DATE, f"{d.isoformat()}{pod}", mod=mod, day=d)
    return Cand(start, end, DATE, d.isoformat(), mod=mod, day=d)


_RELDAY = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}

# "today's youth", "in today's world": the present age, not the day
_TODAYS_GENERIC = re.compile(
    r"'s\s+(?:[a-z]+\s+)?(?:world|youth|society|generation|generations|kids|children|teenagers"
    r"|young|families|consumers|economy|technology|computers|standards|culture|politics"
    r"|students|parents|workers|workforce|marketplace)\b")


def resolve_rd(m, doc):
    """"yesterday", "today", "tomorrow", "tonight"; with a part of day a TIME. Refused: a generic
    "today's" ("today's youth")."""
    w = m["rd_w"].lower()
    if w == "today" and not m["rd_mod"] and _TODAYS_GENERIC.match(doc.low, m.end()):
        return None
    mod_w = norm(m["rd_mod"] or "")
    mod = POINT_MODS.get(mod_w)
    d = cal.shift_days(doc.anchor, _RELDAY[w])
    pod = PARTS_OF_DAY.get((m["rd_pod"] or "").lower())
    if w == "tonight":
        pod = "TNI"
    if mod_w.startswith("mid"):
        pod = "TAF" if "afternoon" in mod_w else "TMO"
    doc.ref_day = d if d is not None else doc.ref_day
    if pod:
        return Cand(m.start(), m.end(), TIME, cal.day_value(d) + pod, mod=mod, day=d)
    return Cand(m.start(), m.end(), DATE, cal.day_value(d), mod=mod, day=d)


def resolve_pd(m, doc):
    """"last night" (the night before the anchor), "overnight", "mid-afternoon" (of the last day
    mentioned)."""
    w = norm(m["pd_w"])
    if w.startswith("last"):
        d = cal.shift_days(doc.anchor, -1)
        return Cand(m.start(), m.end(), TIME, cal.day_value(d) + "TNI", day=d)
    if w == "overnight":
        return Cand(m.start(), m.end(), TIME, cal.day_value(doc.ref_day) + "TNI")
    pod = "TAF" if "afternoon" in w else "TMO"
    return Cand(m.start(), m.end(), TIME, cal.day_value(doc.ref_day) + pod, mod="MID")


def season_instance(anchor: date, code: str, rel: str, tense: int) -> int:
    """Year (of the season's start) of the season instance meant relative to the anchor."""
    start_m = SEASON_START_MONTH[code]
    a_idx = anchor.year * 12 + anchor.month

    def start_idx(y: int) -> int:
        return y * 12 + start_m

    cur = [y for y in (anchor.year - 1, anchor.year) if start_idx(y) <= a_idx < start_idx(y) + 3]
    if rel == "this":
        return cur[0] if cur else (anchor.year - 1 if code == "WI" and anchor.month <= 2
                                   else anchor.year)
    if rel in PAST_REL:
        ys = [y for y in (anchor.year - 2, anchor.year - 1, anchor.year)
              if start_idx(y) + 3 <= a_idx]
        return max(ys) if ys else anchor.year - 1
    if rel in NEXT_REL:
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


def resolve_se(m, doc):
    """A season with its year: "summer 1998", "the winter of 1994"."""
    code = SEASONS[m["se_s"].lower()]
    mod = POINT_MODS.get((m["se_mod"] or "").lower())
    y = year_number(m["se_y"])
    return Cand(m.start(), m.end(), DATE, f"{cal.year_value(y)}-{code}", mod=mod)


def resolve_se2(m, doc):
    """"the summer", "the early winter": the instance the tense points to."""
    code = SEASONS[m["se2_s"].lower()]
    mod = POINT_MODS.get((m["se2_mod"] or "").lower())
    if doc.anchor is None:
        return Cand(m.start(), m.end(), DATE, f"XXXX-{code}", mod=mod)
    y = season_instance(doc.anchor, code, "", doc.tense(m.start(), m.end()))
    return Cand(m.start(), m.end(), DATE, f"{cal.year_value(y)}-{code}", mod=mod)


def resolve_dc(m, doc):
    """A decade: "the 1990s" -> 199; "the '80s" in the century nearest the anchor."""
    mod = POINT_MODS.get((m["dc_mod"] or "").lower())
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
    return Cand(m.start(), m.end(), DATE, value, mod=mod)


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


def resolve_dw(m, doc):
    """"the nineties" -> 199. Refused without "the" ("in his forties" is an age)."""
    # "in his forties" is an age; only "the nineties" (with a determiner) is a decade
    if not m.group().lower().startswith("the"):
        return None
    mod = POINT_MODS.get((m["dw_mod"] or "").lower())
    return Cand(m.start(), m.end(), DATE, f"19{_DECADE_WORDS[m['dw_w'].lower()]}", mod=mod)


def resolve_ce(m, doc):
    """"the 20th century" -> 19. Refused: an ordinal above 99."""
    o = m["ce_o"].lower()
    n = ORDINALS.get(o)
    if n is None:
        digits = re.match(r"\d+", o)
        n = int(digits.group()) if digits else None
    if not n or n > 99:
        return None
    return Cand(m.start(), m.end(), DATE, f"{n - 1:02d}")


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


def resolve_yr(m, doc):
    """A year: "1998", "fiscal 1989", "FY25", "the first half of 1990" (1990-H1), "2000 and
    beyond" (ON_OR_AFTER). Refused: a number that counts something ("1500 tonnes", "flight
    1998") unless "fiscal" or a modifier makes it a year."""
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
    mod_w = norm(m["yr_mod"] or "")
    value = cal.year_value(y)
    mod = POINT_MODS.get(mod_w)
    if "half of" in mod_w:
        value += "-H1" if "first" in mod_w else "-H2"
        mod = None
    if m["yr_after"]:
        mod = "ON_OR_AFTER"
    doc.ref_year = y
    return Cand(start, end, DATE, value, mod=mod)


# "Christmas tree", "a Christmas present": the holiday names a kind of thing, not a time
_HOLIDAY_THING_AFTER = re.compile(
    r"(?:'s)?\s+(?:trees?|presents?|cards?|cheer|hits?|party|parties|carols?|spirit|gifts?"
    r"|dinner|decorations?|lights|single|special|film|movie|message|number|pudding|stocking"
    r"|shoppers|shopping\s+list|turkey|jumper|song|songs|story|album|episode|show)\b",
    re.IGNORECASE)


def resolve_hol(m, doc):
    """A holiday ("Christmas", "Thanksgiving"): the instance on the side of the anchor the tense
    says, else the nearest. Refused: a holiday naming a thing ("Christmas tree")."""
    rule = HOLIDAYS.get(norm(m["hol_w"]))
    anchor = doc.anchor
    if rule is None or _HOLIDAY_THING_AFTER.match(doc.text, m.end()):
        return None
    if anchor is None:
        if "-" in rule:
            return Cand(m.start(), m.end(), DATE, "XXXX-" + rule)
        return Cand(m.start(), m.end(), DATE, "XXXX-XX-XX")

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
    return Cand(m.start(), m.end(), DATE, d.isoformat(), day=d)


def resolve_sy(m, doc):
    """A spelled-out year: "nineteen ninety-six", "the year two thousand"."""
    if m["sy_t"] is None:
        return Cand(m.start(), m.end(), DATE, "2000")
    y = 1900 + TENS[m["sy_t"].lower()] + ONES.get((m["sy_u"] or "").lower(), 0)
    return Cand(m.start(), m.end(), DATE, str(y))
