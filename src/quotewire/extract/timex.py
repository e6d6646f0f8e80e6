"""TIMEX3 temporal expression tagger and normaliser (TimeML / TempEval-3 conventions).

    tag_timexes(text, anchor) -> tuple[TimexMention, ...]

``anchor`` is the document creation time (the publication date). Relative expressions
("Friday", "last year", "65 years ago") are resolved against it; the direction of an
underspecified weekday or month follows the tense around it (past-tense news: the most
recent one on or before the anchor). Without an anchor, relative expressions still get a
type and a placeholder value ("XXXX-09-28", "XXXX-WXX-5", "PAST_REF").

How: the rules are one ordered table (:data:`timex_rules.RULES`), each row a pattern, the
TIMEX3 types it gives and a resolver. One regex finds anchor tokens and the combined rule
pattern (:mod:`timex_grammar`) is tried around them; the matching row's resolver
(:mod:`timex_dates`, :mod:`timex_periods`) turns each match into a type, value and
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

from quotewire.records import TimexMention

from . import timex_calendar as cal
from .timex_context import TIME, Cand, Doc
from .timex_grammar import iter_candidates
from .timex_rules import RULES
from .timex_value import is_valid_timex3_value

__all__ = ["EXTRACTOR_VERSION", "tag_timexes", "is_valid_timex3_value"]

EXTRACTOR_VERSION = "timex-1.2"

# rule name (the match's lastgroup) -> its resolver, from the rule table
_RESOLVERS = {rule.name: rule.resolve for rule in RULES}

# What may separate a clock time from the date it belongs to: "09:57, September 28, 2025",
# "9 a.m. EDT Thursday", "noon on Friday".
_CLOCK_DATE_GAP = re.compile(r"\s*,?\s*(?:on\s+)?", re.IGNORECASE)


def _attach_clock_dates(cands: list[Cand], text: str) -> list[Cand]:
    """Give every clock time its day: merge with a directly following day-level date,
    else borrow the next day-level date within the same clause, else the last day seen."""
    out: list[Cand] = []
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
                out.append(Cand(c.start, nxt.end, TIME, value, mod=c.mod or nxt.mod))
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
    doc = Doc(text, anchor)
    cands: list[Cand] = []
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
