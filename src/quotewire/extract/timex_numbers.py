"""Numbers as news text writes them, and the TIMEX3 durations they make.

:func:`num` reads a count ("65", "twenty-four", "a few", "1 1/2"); :func:`duration` turns
a count and a unit code into a TIMEX3 duration value ("P65Y", "PT1H30M"); :func:`year_number`
reads a year written in digits or spelled out ("nineteen ninety-four"). Pure functions.
"""

from __future__ import annotations

import re

from .timex_context import norm
from .timex_lexicon import NUMBERS


def num(s: str) -> float | str | None:
    """'65' -> 65, 'twenty-four' -> 24, 'a few' -> 'X', '1 1/2' -> 1.5; None if unreadable."""
    s = norm(s).replace(",", "")
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


def duration(n: float | str, code: str) -> str:
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


def valid_num(n) -> bool:
    return isinstance(n, str) or (0 < n < 100000)


TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}

ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9}


def year_number(s: str) -> int:
    """'1994' -> 1994; 'nineteen ninety-four' -> 1994."""
    s = s.strip()
    if s[:1].isdigit():
        return int(s)
    words = re.split(r"[\s-]+", s.lower())
    return 1900 + TENS.get(words[1], 0) + (ONES.get(words[2], 0) if len(words) > 2 else 0)
