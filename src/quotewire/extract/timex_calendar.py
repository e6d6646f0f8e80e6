"""Calendar arithmetic and TIMEX3 value formatting for the tagger (stdlib only, pure).

Every function takes and returns plain values; none reads the clock. Years outside
1..9999 cannot be represented by ``datetime.date``; callers get ``None`` and fall back to a
placeholder value instead of raising.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def day_value(d: date | None) -> str:
    return d.isoformat() if d is not None else "XXXX-XX-XX"


def month_value(year: int | None, month: int) -> str:
    return f"{year_value(year)}-{month:02d}"


def year_value(year: int | None) -> str:
    if year is None or not 0 <= year <= 9999:
        return "XXXX"
    return f"{year:04d}"


def week_value(d: date | None) -> str:
    if d is None:
        return "XXXX-WXX"
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def shift_days(d: date | None, n: int) -> date | None:
    if d is None:
        return None
    try:
        return d + timedelta(days=n)
    except OverflowError:
        return None


def shift_months(year: int, month: int, n: int) -> tuple[int, int]:
    """(year, month) moved by ``n`` months."""
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def shift_quarter(year: int, q: int, n: int) -> tuple[int, int]:
    k = year * 4 + (q - 1) + n
    return k // 4, k % 4 + 1


def safe_date(y: int, m: int, d: int) -> date | None:
    """``date(y, m, d)`` or None when it does not exist (Feb 30, year 0)."""
    if not (1 <= y <= 9999 and 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]):
        return None
    return date(y, m, d)


def weekday_near(anchor: date, iso_weekday: int, direction: int, strict: bool = False) -> date:
    """The day with ``iso_weekday`` nearest to ``anchor`` in ``direction``.

    direction -1: on or before the anchor (strictly before when ``strict``);
    direction +1: on or after (strictly after when ``strict``);
    direction 0: within the anchor's ISO week (Monday..Sunday).
    """
    diff = iso_weekday - anchor.isoweekday()
    if direction == 0:
        return anchor + timedelta(days=diff)
    if direction < 0:
        back = (-diff) % 7
        if back == 0 and strict:
            back = 7
        return anchor - timedelta(days=back)
    fwd = diff % 7
    if fwd == 0 and strict:
        fwd = 7
    return anchor + timedelta(days=fwd)


def nth_weekday(year: int, month: int, iso_weekday: int, n: int) -> date | None:
    """The n-th ``iso_weekday`` of a month (n = -1: the last one)."""
    if not 1 <= year <= 9999:
        return None
    days = [
        date(year, month, d)
        for d in range(1, calendar.monthrange(year, month)[1] + 1)
        if date(year, month, d).isoweekday() == iso_weekday
    ]
    if not days or n == 0 or abs(n) > len(days):
        return None
    return days[n - 1] if n > 0 else days[n]


def election_day(year: int) -> date | None:
    """US Election Day: the Tuesday after the first Monday of November."""
    first_monday = nth_weekday(year, 11, 1, 1)
    return shift_days(first_monday, 1)


def year_choices(anchor: date, month: int, day: int | None) -> tuple[int, int, int]:
    """(year in a neutral, a future and a past context) for a month (and day) written
    without a year, chosen relative to ``anchor``. Equal in most cases, so the caller
    reads the tense only when they differ.

    Future context: the earliest on or after the anchor (a deadline up to ten days past
    still counts). Sure past ("since December"): the latest on or before it. Neutral (any
    other context, past tense included): the latest on or before it, unless the next one
    is close ahead (within a quarter: news announces coming dates in the past tense too,
    "said the vote would be held on Dec. 7")."""
    cands = _year_candidates(anchor, month, day)
    y = anchor.year
    return _pick(cands, y, day, 0), _pick(cands, y, day, 1), _pick(cands, y, day, -1)


def _year_candidates(anchor: date, month: int, day: int | None) -> list[tuple[int, int]]:
    """(distance from the anchor in days, or months when no day, year) for y-1, y, y+1."""
    y = anchor.year
    cands = []
    if day is None:
        a_mon = y * 12 + anchor.month
        return [(cy * 12 + month - a_mon, cy) for cy in (y - 1, y, y + 1)]
    a_ord = anchor.toordinal()
    for cy in (y - 1, y, y + 1):
        try:
            cands.append((date(cy, month, day).toordinal() - a_ord, cy))
        except ValueError:  # Feb 29 in a common year, year 0 or 10000
            continue
    return cands


def _pick(cands: list[tuple[int, int]], year: int, day: int | None, tense: int) -> int:
    if not cands:
        return year
    if tense > 0:
        fut = [c for c in cands if c[0] >= (0 if day is None else -10)]
        if fut:
            return min(fut)[1]
    ahead = 3 if day is None else 92
    soon = [c for c in cands if 0 < c[0] <= ahead]
    if soon and tense >= 0:
        return min(soon)[1]
    past = [c for c in cands if c[0] <= 0]
    if past:
        return max(past)[1]
    return min(cands, key=lambda c: (abs(c[0]), -c[1]))[1]
