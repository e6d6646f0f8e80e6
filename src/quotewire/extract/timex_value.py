"""The TIMEX3 ``value`` grammar (ISO 8601 as profiled by TimeML), as one anchored regex.

Accepted:
  * dates ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``YYYY-Www``, ``YYYY-Www-D``, ``YYYY-Www-WE``,
    ``YYYY-Qn``, ``YYYY-Hn``, ``YYYY-SP|SU|FA|WI``, decades ``YYY`` and centuries ``YY``;
    any digit may be an ``X`` placeholder (``199X``, ``XXXX-09-28``, ``XXXX-WXX-5``);
  * times: a day-level date + ``T`` + ``HH``, ``HH:MM``, ``HH:MM:SS`` or a part of day
    ``MO|AF|EV|NI|DT``;
  * durations ``P`` + (number or ``X``) + unit, units ``Y M W D Q DE CE ML`` (and the
    single-letter ``E C L`` TimeBank uses), then optionally ``T`` + ``H M S`` parts;
  * ``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``.
Refused: anything else, including month 13, day 32, week 54, hour 25, an empty ``P``.
"""

from __future__ import annotations

import re

_D = r"[\dX]"
_YEAR = _D + r"{4}"
_MONTH = r"(?:0[1-9]|1[0-2]|XX)"
_DAY = r"(?:0[1-9]|[12]\d|3[01]|XX)"
_WEEK = r"W(?:0[1-9]|[1-4]\d|5[0-3]|XX)"
_DAY_LEVEL = rf"{_YEAR}-(?:{_MONTH}-{_DAY}|{_WEEK}-[1-7X])"
_DATE = (
    rf"(?:{_YEAR}(?:-(?:{_MONTH}(?:-{_DAY})?|{_WEEK}(?:-(?:[1-7X]|WE))?"
    rf"|Q[1-4X]|H[12X]|SP|SU|FA|WI))?|{_D}{{3}}|{_D}{{2}})"
)
_CLOCK = r"(?:[01]\d|2[0-4]|XX)(?::[0-5]\d(?::(?:[0-5]\d|60)(?:\.\d+)?)?)?"
_TIME = rf"{_DAY_LEVEL}T(?:{_CLOCK}|MO|AF|EV|NI|DT)"
_SET_TIME = rf"{_DATE}T(?:MO|AF|EV|NI|DT)"  # "XXXX-WXX-2TNI" (every Tuesday night)
_NUM = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = (
    rf"P(?:(?:{_NUM}(?:DE|CE|ML|WE|[YMWDQECL]))+(?:T(?:{_NUM}[HMS])+)?|T(?:{_NUM}[HMS])+)"
)
_REF = r"(?:PRESENT|PAST|FUTURE)_REF"

# ASCII: "\d" must not accept other scripts' digits in a value
_VALUE_RE = re.compile(rf"(?:{_TIME}|{_SET_TIME}|{_DATE}|{_DURATION}|{_REF})", re.ASCII)


def is_valid_timex3_value(value: str) -> bool:
    """True when ``value`` is a well-formed TIMEX3 value (see the module docstring)."""
    return isinstance(value, str) and _VALUE_RE.fullmatch(value) is not None
