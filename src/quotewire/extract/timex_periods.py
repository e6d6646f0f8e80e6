"""Rule resolvers for periods and spans: fiscal quarters and halves, durations ("the past
65 years", "three days later"), anaphoric units ("this year", "the same day", "the
following month"), year-end, recurrences (SETs) and vague references ("now", "recently").

Every ``resolve_*`` function has the contract of :class:`timex_rules.Rule.resolve`:
``(match, doc) -> Cand | None``, ``None`` meaning the match is not a timex after all (a
refusal, as documented on the function). Resolvers may update the document state in
``doc`` (the reference day and year, the fiscal quarter of a financial report).
"""

from __future__ import annotations

import re
from datetime import date

from quotewire.records import TimexType

from . import timex_calendar as cal
from .timex_context import (
    DATE,
    DURATION,
    NEXT_REL,
    PAST_REL,
    POINT_MODS,
    SAME_REL,
    SET,
    TIME,
    Cand,
    Doc,
    capital,
    norm,
    title_case,
)
from .timex_dates import season_instance
from .timex_lexicon import (
    MODIFIERS,
    MONTHS,
    PARTS_OF_DAY,
    SEASONS,
    SET_ADVERBS,
    UNITS,
    VAGUE,
    WEEKDAYS,
)
from .timex_numbers import duration, num, valid_num


def _shift_point(doc: Doc, base: date | None, n: int, code: str, quarterly: bool) -> str:
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


_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4,
                  "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

_SAME_PERIOD = {"latest", "current", "recent", "same"}

_YEAR_BACK = {"year-earlier", "year-ago", "comparable", "corresponding"}

_Q_WORD_RE = re.compile(r"year-(?:ago|earlier)|[a-z0-9]+")


def resolve_q(m, doc):
    """Fiscal quarters, halves and reporting periods.

    Year: written ("of 1989", "the 1988 period"), else from the determiner ("last year's"),
    else the anchor's year, or the previous year for a quarter that has not started yet in
    past-tense text. "year-ago"/"year-earlier"/"comparable"/"corresponding" step one year
    back. Without an ordinal ("the quarter", "the latest period") the quarter is the one
    the report is about: the first explicit quarter seen, else the last completed one.
    Refused: "a quarter of ...", a bare "period" or "half".
    """
    unit = m["q_unit"].lower()
    det = norm(m["q_det"] or "")
    words = _Q_WORD_RE.findall((m["q_pre"] or "").lower())
    ordinal = next((_QUARTER_WORDS[w] for w in words if w in _QUARTER_WORDS), None)
    year = None
    for w in words:
        if w.isdigit():
            year = int(w)
    if m["q_y"] is not None:
        year = int(m["q_y"])
    back = any(w in _YEAR_BACK for w in words)
    ago = norm(m["q_ago"] or "")
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
    rel_year = _q_relative_year(doc.anchor, det, ago) if year is None else None
    step_back = back or ago.startswith("a year")
    if unit == "half":
        return _q_half(doc, start, end, words, year, rel_year, step_back)
    if unit == "period" and not (year or back or ordinal or rel_year is not None
                                 or any(w in _SAME_PERIOD for w in words)):
        return None
    doc.fin = True
    if ordinal is not None and unit == "quarter":
        return _q_ordinal(doc, start, end, ordinal, year, rel_year, step_back)
    # "the quarter", "the latest period", "the year-ago quarter", "the 1988 period"
    if det == "this" or "current" in words:
        q = (doc.anchor.year, cal.quarter_of(doc.anchor)) if doc.anchor else None
    else:
        q = doc.default_quarter()
    if q is None:
        return Cand(start, end, DATE, f"{cal.year_value(year)}-QX" if year else "XXXX-QX")
    y, qq = q
    if year is not None:
        y = year
    elif rel_year is not None:
        y = rel_year
    elif step_back:
        y -= 1
    return Cand(start, end, DATE, f"{cal.year_value(y)}-Q{qq}")


def _q_relative_year(anchor: date | None, det: str, ago: str) -> int | None:
    """The year a period's words name relative to the anchor ("last year's third quarter",
    "the quarter of next year"), else None."""
    if anchor is None:
        return None
    if det == "this year's" or ago.endswith("this year"):
        return anchor.year
    if det == "last year's" or ago in ("last year", "of last year"):
        return anchor.year - 1
    if det == "next year's" or ago.endswith("next year"):
        return anchor.year + 1
    return None


def _q_half(doc: Doc, start: int, end: int, words: list[str], year: int | None,
            rel_year: int | None, step_back: bool):
    """ "the first half", "the second half of 1989"; a half without first/second/last is
    refused."""
    half = 2 if ("second" in words or "last" in words) else 1 if "first" in words else None
    if half is None:
        return None
    anchor = doc.anchor
    y = year if year is not None else rel_year if rel_year is not None else (
        anchor.year if anchor else None)
    if y is not None and step_back:
        y -= 1
    return Cand(start, end, DATE, f"{cal.year_value(y)}-H{half}")


def _q_ordinal(doc: Doc, start: int, end: int, ordinal: int, year: int | None,
               rel_year: int | None, step_back: bool):
    """ "the third quarter": of the written or named year, else the anchor's (last year's
    for a quarter not yet begun in past-tense text); the first one seen becomes the
    quarter the report is about."""
    anchor = doc.anchor
    y = year if year is not None else rel_year
    if y is None and anchor is not None:
        y = anchor.year
        if ordinal > cal.quarter_of(anchor) and doc.tense(start, end) < 0:
            y -= 1  # "the fourth quarter" in a February report: last year's
    if y is not None and step_back:
        y -= 1
    elif y is not None and doc.ref_quarter is None:
        doc.ref_quarter = (y, ordinal)
    return Cand(start, end, DATE, f"{cal.year_value(y)}-Q{ordinal}")


def resolve_qn(m, doc):
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
        return Cand(m.start(), m.end(), DATE, f"{cal.year_value(y)}-H{n}")
    doc.fin = True
    if y is not None and doc.ref_quarter is None:
        doc.ref_quarter = (y, n)
    return Cand(m.start(), m.end(), DATE, f"{cal.year_value(y)}-Q{n}")


def resolve_ya(m, doc):
    """"year-ago", "year-earlier" alone: the year before the last year mentioned, or in a
    financial report the same quarter a year earlier."""
    if doc.fin:
        q = doc.default_quarter()
        if q is not None:
            return Cand(m.start(), m.end(), DATE, f"{cal.year_value(q[0] - 1)}-Q{q[1]}")
    y = doc.ref_year - 1 if doc.ref_year is not None else None
    return Cand(m.start(), m.end(), DATE, cal.year_value(y))


_MODAL_LEFT = re.compile(r"\b(?:will|would|could|can|may|might|shall|should|must)\s+$")

_OLD_AFTER = re.compile(r"\s+old\b|-old\b", re.IGNORECASE)

# "$1.76 a year", "24 hours a day", "four flights a week", "hundreds of interviews a day"
_RATE_BEFORE = re.compile(
    r"(?:\d|%|\bmillion|\bbillion|\bcents?|\bdollars?|\bdlrs|\bhours|\bminutes|\bdays"
    r"|\btimes|\btwice|\bonce|\bthrice"
    r"|(?:\d[\d,.]*|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|fifty"
    r"|hundred|hundreds|thousand|thousands|dozens|million|millions))"
    r"(?:\s+(?:of\s+)?[a-z]+){1,2})\s*$",
    re.IGNORECASE,
)


def resolve_du(m, doc):
    """A count of units: a duration ("the past 65 years"; "three days later" is P3D, the direction
    word left out), a point ("65 years ago", "two weeks from now"), a rate ("$2 million a
    year", a SET), "will one day" (FUTURE_REF). Refused: ages ("52-year-old", "37 years old"),
    a Title-case unit (a name: "60 Minutes"), "a second", "three quarters" without "the" or a
    relative word, a count of 0 or of 100,000 and more."""
    text = doc.text
    start, end = m.start(), m.end()
    unit_w = m["du_unit"].lower()
    code = UNITS.get(unit_w)
    n = num(m["du_num"])
    if code is None or n is None or not valid_num(n):
        return None
    num_w = norm(m["du_num"])
    if m["du_half"] and not isinstance(n, str):
        n += 0.5  # "a minute and a half", "two years and a half"
    if title_case(doc.text, m.start("du_unit"), m.end("du_unit")):
        return None  # a name or title: "the Five-Year Plan", "60 Minutes"
    adj = (m["du_adj"] or "").lower()
    if adj == "-old" or _OLD_AFTER.match(text, end):
        return None  # ages: "a 52-year-old obstetrician", "37 years old"
    if code == "S" and num_w in ("a", "an"):
        return None  # "a second round"
    if num_w == "one" and code == "D" and not (m["du_the"] or m["du_rel"] or m["du_qmod"]
                                               or m["du_dir"]) and _MODAL_LEFT.search(
            doc.low, max(0, start - 12), start):
        return Cand(start, end, DATE, "FUTURE_REF")  # "Islam will one day be": some day
    the, rel = m["du_the"], (m["du_rel"] or "").lower()
    if code == "Q" and not (the or rel):
        return None  # "three quarters of the vote"
    qmod_w = norm(m["du_qmod"] or "")
    if qmod_w and the and qmod_w in ("over", "within", "under", "some", "around", "about"):
        # "over the past 65 years": the preposition is not part of the expression
        start = m.start("du_the")
        qmod_w = ""
    mod = MODIFIERS.get(qmod_w)
    direction = norm(m["du_dir"] or "")
    if num_w in ("a", "an") and not (the or rel or qmod_w or direction):
        before = text[max(0, start - 40):start]
        if _RATE_BEFORE.search(before):
            # a rate or frequency: TimeML's SET ("twice a week", "$2 million a year")
            return Cand(start, end, SET, duration(1, code))
    if direction.startswith("or so"):
        mod = "APPROX"
        direction = "ago" if direction.endswith("ago") else ""
    if direction in ("earlier", "later") and code in ("D", "H", "MIN", "S", "W"):
        # TimeBank: "three days later", "a day earlier" are durations; the direction word
        # stays outside the span
        unit_end = m.end("du_half") if m["du_half"] else (
            m.end("du_adj") if m["du_adj"] else m.end("du_unit"))
        return Cand(start, unit_end, DURATION, duration(n, code), mod=mod)
    if direction in ("ago", "earlier", "later", "from now", "hence"):
        if isinstance(n, str):
            value = "PAST_REF" if direction in ("ago", "earlier") else "FUTURE_REF"
            return Cand(start, end, DATE, value, mod=mod)
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
                return Cand(start, end, DATE, "PAST_REF" if sign < 0 else "FUTURE_REF", mod=mod)
            value = _shift_point(doc, base, sign * step, code, quarterly)
        if code == "D" and base is not None:
            doc.ref_day = cal.shift_days(base, sign * int(n)) or doc.ref_day
        return Cand(start, end, DATE, value, mod=mod)
    return Cand(start, end, DURATION, duration(n, code), mod=mod)


def resolve_vp(m, doc):
    """A vague plural: "recent years" (PAST_REF), "the past few weeks", "the coming months" (a
    duration of X units)."""
    unit = m["vp_unit"].lower()
    rel = (m["vp_rel"] or m["vp_rec"] or "").lower()
    if rel == "recent" and unit == "years":
        # TimeBank: "recent years" is a vague past point, "recent weeks" a vague duration
        return Cand(m.start(), m.end(), DATE, "PAST_REF")
    return Cand(m.start(), m.end(), DURATION, duration("X", UNITS[unit]))


_DURATIVE_BEFORE = re.compile(r"\b(?:throughout)\s+$", re.IGNORECASE)

_YEAR_ENDED_AFTER = re.compile(r"\s+(?:that\s+)?(?:ended|ending|ends|to\s+end)\b", re.IGNORECASE)


def resolve_an(m, doc):
    """A unit placed by a relative word or a determiner: "this year", "last month", "the
    same day", "the following week", "the weekend", "early next year", "this summer",
    "that night". "next year" counts from the anchor; "the following year", "that year"
    from the narrative (the last day, month or year mentioned).

    Refused: a unit with neither a determiner nor a relative word; a Title-case unit (a
    name: "This Week", "the Summer Palace"); "the fall", "the spring" without a relative
    word; a day or part of day with a relative word that does not place it.
    """
    unit = m["an_unit"].lower()
    rel = norm(m["an_rel"] or "")
    the = m["an_the"] is not None
    mod = POINT_MODS.get(norm(m["an_mod"] or ""))
    start, end = m.start(), m.end()
    if not rel and not the:
        return None
    if title_case(doc.text, m.start("an_unit"), m.end("an_unit")):
        return None  # a name or title: "This Week", "the Summer Palace"
    if unit in ("spring", "summer", "fall", "autumn", "winter"):
        return _an_season(doc, start, end, unit, rel, mod)
    if unit == "day":
        return _an_day(doc, start, end, rel, mod)
    if unit in PARTS_OF_DAY:
        return _an_part_of_day(doc, start, end, unit, rel, mod)
    if doc.anchor is None:
        if rel in PAST_REL:
            return Cand(start, end, DATE, "PAST_REF", mod=mod)
        if rel in NEXT_REL:
            return Cand(start, end, DATE, "FUTURE_REF", mod=mod)
        return Cand(start, end, DATE, "PRESENT_REF", mod=mod)
    return _an_calendar_unit(doc, start, end, unit, rel, the, mod)


def _an_season(doc: Doc, start: int, end: int, unit: str, rel: str, mod: str | None):
    """ "this summer", "last winter", "the autumn": the instance the words or tense mean."""
    if not rel and unit in ("fall", "spring"):
        return None  # "the fall in prices", "the spring of the mechanism"
    code = SEASONS[unit]
    if doc.anchor is None:
        return Cand(start, end, DATE, f"XXXX-{code}", mod=mod)
    y = season_instance(doc.anchor, code, rel, doc.tense(start, end))
    return Cand(start, end, DATE, f"{cal.year_value(y)}-{code}", mod=mod)


def _an_day(doc: Doc, start: int, end: int, rel: str, mod: str | None):
    """ "the same day", "the next day", "the previous day", "later in the day": a day
    relative to the last day the text mentioned."""
    if rel in SAME_REL:
        return Cand(start, end, DATE, cal.day_value(doc.ref_day), mod=mod, day=doc.ref_day)
    if rel in ("next", "following"):
        d = cal.shift_days(doc.ref_day, 1)
        return Cand(start, end, DATE, cal.day_value(d), mod=mod, day=d)
    if rel in ("previous", "prior", "preceding"):
        d = cal.shift_days(doc.ref_day, -1)
        return Cand(start, end, DATE, cal.day_value(d), mod=mod, day=d)
    if rel == "" and mod:  # "later in the day", "the end of the day"
        return Cand(start, end, DATE, cal.day_value(doc.ref_day), mod=mod, day=doc.ref_day)
    return None


def _an_part_of_day(doc: Doc, start: int, end: int, unit: str, rel: str, mod: str | None):
    """ "this morning", "that night", "the following evening"; "last night" is the night
    before the anchor, the others follow the last day mentioned."""
    pod = PARTS_OF_DAY[unit][1:]
    if rel in PAST_REL and unit == "night":
        d = cal.shift_days(doc.anchor, -1)
    elif rel in ("this", ""):
        d = doc.anchor if rel == "this" else doc.ref_day
    elif rel in SAME_REL:
        d = doc.ref_day
    elif rel in ("next", "following"):
        d = cal.shift_days(doc.ref_day, 1)
    elif rel in PAST_REL:
        d = cal.shift_days(doc.ref_day, -1)
    else:
        return None
    return Cand(start, end, TIME, f"{cal.day_value(d)}T{pod}", mod=mod, day=d)


def _an_calendar_unit(doc: Doc, start: int, end: int, unit: str, rel: str, the: bool,
                      mod: str | None):
    """Year, month, week, weekend, decade or century relative to the anchor (or, for
    "the following", "that", "same", to the narrative); ``doc.anchor`` is set."""
    anchor = doc.anchor
    if rel in PAST_REL:
        step = -1
    elif rel in NEXT_REL:
        step = 1
    else:
        step = 0
    # "the following year" / "that year" follow the narrative; "next year" follows the DCT
    base = anchor
    if rel in ("following", "previous", "preceding", "prior", "that", "same") and doc.ref_day:
        base = doc.ref_day
    if unit == "year":
        return _an_year(doc, start, end, rel, step, mod)
    if unit == "month":
        by, bm = base.year, base.month
        if rel in ("following", "previous", "preceding", "prior", "that", "same") and (
                doc.ref_month is not None):
            by, bm = doc.ref_month  # the narrative's month: "In March ... the following month"
        y, mo = cal.shift_months(by, bm, step)
        return Cand(start, end, DATE, cal.month_value(y, mo), mod=mod)
    if unit == "week":
        return Cand(start, end, DATE, cal.week_value(cal.shift_days(base, 7 * step)), mod=mod)
    if unit == "weekend":
        if step == 0:
            step = -1 if doc.tense(start, end) <= 0 else 1
            sat = cal.weekday_near(base, 6, step)
            if step < 0 and base.isoweekday() == 7:
                sat = cal.shift_days(base, -1)
        else:
            sat = cal.weekday_near(base, 6, step, strict=True)
        return Cand(start, end, DATE, cal.week_value(sat) + "-WE", mod=mod)
    if unit in ("decade", "century") and rel == "past" and the:
        # "the past decade" is a stretch of ten years, like "the past 65 years"
        return Cand(start, end, DURATION, "P10Y" if unit == "decade" else "P100Y", mod=mod)
    if unit == "decade":
        return Cand(start, end, DATE, cal.year_value(base.year + 10 * step)[:3], mod=mod)
    if unit == "century":
        return Cand(start, end, DATE, cal.year_value(base.year + 100 * step)[:2], mod=mod)
    return None


def _an_year(doc: Doc, start: int, end: int, rel: str, step: int, mod: str | None):
    """ "this year", "last year", "that year", "the following year"; "the year ended
    March 31" and "throughout the year" are a twelve-month span."""
    if rel in SAME_REL:
        y = doc.ref_year if doc.ref_year is not None else doc.anchor.year
        return Cand(start, end, DATE, cal.year_value(y), mod=mod)
    if rel in ("", "full", "whole", "entire") and not mod and (
            _DURATIVE_BEFORE.search(doc.text, max(0, start - 12), start)
            or _YEAR_ENDED_AFTER.match(doc.text, end)):
        # "the year ended March 31", "throughout the fiscal year": a twelve-month span
        return Cand(start, end, DURATION, "P1Y")
    y = (doc.ref_year if rel in ("following", "previous", "preceding", "prior")
         and doc.ref_year is not None else doc.anchor.year) + step
    doc.ref_year = y if rel not in ("",) else doc.ref_year
    return Cand(start, end, DATE, cal.year_value(y), mod=mod)


def resolve_ye(m, doc):
    """"year-end": the end of the anchor's year."""
    return Cand(m.start(), m.end(), DATE, cal.year_value(doc.anchor.year if doc.anchor else None),
                 mod="END")


def resolve_st(m, doc):
    """"every year", "each Thursday", "every other week": a SET. Refused: lower-case weekday or
    month names, an unreadable count."""
    n = num(m["st_n"]) if m["st_n"] else 1
    if n is None or not valid_num(n):
        return None
    if "other" in m.group().lower():
        n = n * 2 if not isinstance(n, str) else n
    if m["st_u"] is not None:
        u = m["st_u"].lower()
        if u == "weekend":
            return Cand(m.start(), m.end(), SET, "XXXX-WXX-WE")
        code = UNITS.get(u)
        if code is None:
            return None
        return Cand(m.start(), m.end(), SET, duration(n, code))
    if (m["st_wd"] is not None and not capital(doc, m, "st_wd")) or (
            m["st_mon"] is not None and not capital(doc, m, "st_mon")):
        return None
    if m["st_wd"] is not None:
        wd = WEEKDAYS.get(m["st_wd"].rstrip(".").title())
        return Cand(m.start(), m.end(), SET, f"XXXX-WXX-{wd}") if wd else None
    if m["st_mon"] is not None:
        mon = MONTHS.get(m["st_mon"].rstrip(".").title())
        return Cand(m.start(), m.end(), SET, f"XXXX-{mon:02d}") if mon else None
    pod = PARTS_OF_DAY[m["st_pod"].lower()]
    return Cand(m.start(), m.end(), SET, f"XXXX-XX-XX{pod}")


_CAPITALISED_AFTER = re.compile(r"\s+(?-i:[A-Z])")

_AVERAGE_BEFORE = re.compile(r"\baverage\s+$")


def resolve_sa(m, doc):
    """A recurrence adverb ("daily", "weekly") as a SET. Refused: one before a capitalised word (a
    newspaper: "the Communist Party daily Granma"), "average daily ..." (a statistic)."""
    if _CAPITALISED_AFTER.match(doc.text, m.end()):
        return None  # "the Communist Party daily Granma" is a newspaper
    if _AVERAGE_BEFORE.search(doc.low, max(0, m.start() - 10), m.start()):
        return None  # "average daily volume": a statistic, not a recurrence
    return Cand(m.start(), m.end(), SET, SET_ADVERBS[m["sa_w"].lower()])


_CURRENT_NOT_TIMEX = re.compile(
    r"\s+(?:account|accounts|assets|liabilities|affairs|events|dollars|prices|issue|issues"
    r"|coupon|yield|yields|ratio|operating|contract|contracts|delivery|month|year|quarter"
    r"|fiscal|period|week)\b",
    re.IGNORECASE,
)

_THEN_BEFORE = re.compile(r"(?<![a-z])then $")

_OF_AFTER = re.compile(r"\s+of\b")

_COUNT_AFTER = re.compile(
    r"\s+(?:\d|few|several|many|couple|two|three|four|five|six|seven|eight|nine|ten|twelve"
    r"|twenty|thirty|forty|fifty|hundred)\b", re.IGNORECASE)


def resolve_vg(m, doc):
    """A vague reference from lexicons/timex_vague.tsv ("now", "currently", "the past"). Refused:
    "current account" and other non-time uses, "the now-defunct ...", "the future of ...", "the
    past three sessions"."""
    phrase = norm(m["vg_w"])
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
        return Cand(m.start() - 5, m.end(), DATE, "PAST_REF")  # "the then current price"
    if phrase in ("the past", "the future") and _COUNT_AFTER.match(doc.text, m.end()):
        return None  # "in the past three sessions": a count of something that is not a unit
    type_, value = hit
    return Cand(m.start(), m.end(), TimexType(type_), value)
