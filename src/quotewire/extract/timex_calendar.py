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


def nearest_year_for(anchor: date, month: int, day: int | None, tense: int) -> int:
    """Year for a month (and day) written without one, chosen relative to ``anchor``.

    tense -1 (past context): the latest such date on or before the anchor;
    tense +1 (future context): the earliest on or after it;
    tense 0: the nearest one (news mostly mentions dates close to publication).
    """
    y = anchor.year
    cands = []
    for cy in (y - 1, y, y + 1):
        d = safe_date(cy, month, day or 1) if day else safe_date(cy, month, 1)
        if d is None:
            continue
        if day is None:
            # a month "is before" the anchor when it started on or before the anchor's month
            key = (cy * 12 + month) - (anchor.year * 12 + anchor.month)
        else:
            key = (d - anchor).days
        cands.append((key, cy))
    if not cands:
        return y
    if tense < 0:
        past = [c for c in cands if c[0] <= 0]
        if past:
            return max(past)[1]
    elif tense > 0:
        fut = [c for c in cands if c[0] >= 0]
        if fut:
            return min(fut)[1]
    return min(cands, key=lambda c: (abs(c[0]), -c[1]))[1]
