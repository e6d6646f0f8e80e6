"""Regex fragments of the TIMEX3 grammar: month and weekday names, years, days, numbers,
units, modifiers and relative words, built from the lexicon files.

The rule table (:mod:`timex_rules`) composes its patterns from these; the scan
(:mod:`timex_grammar`) uses some of them for its gate and anchors. Everything runs over the
lower-cased text (:func:`lower_same_length`, offsets unchanged) without IGNORECASE, which lets
sre skip alternatives by their first letter. Word lists are prefix-factored
(:func:`timex_lexicon.alternation`), and no fragment nests a quantifier over overlapping
classes, so matching stays linear.
"""

from __future__ import annotations

from .timex_lexicon import (
    MODIFIERS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    TIMEZONES,
    UNITS,
    WEEKDAYS,
    alternation,
)


def cased(words) -> str:
    """Alternation of the lower-case forms. The whole grammar runs over the lower-cased
    text (see :func:`lower_same_length`): no IGNORECASE flag, because sre only skips
    alternatives by their first literal when matching is case-sensitive, which makes the
    tries several times faster. Where case matters ("May" the month, not "may" the modal)
    the resolver checks the original text."""
    return alternation(w.lower() for w in words)


def phrases(words) -> str:
    """Alternation of lower-case phrases whose single spaces match any run of whitespace."""
    alt = alternation(words)
    return alt.replace(r"\ ", r"\s+")


_FULL_MONTHS = [w for w, n in MONTHS.items() if len(w) > 4 or w in ("May", "June", "July")]
_ABBR_MONTHS = [w for w in MONTHS if w not in _FULL_MONTHS]
# Abbreviated weekdays ("Sun", "Wed", "Sat") are ordinary words too, so they need a period.
_FULL_WEEKDAYS = [w for w in WEEKDAYS if w.endswith("day")]
_ABBR_WEEKDAYS = [w for w in WEEKDAYS if not w.endswith("day")]

# Only abbreviations take a period: "in December." ends a sentence, the period is not ours.
MONTH = rf"(?:{cased(_FULL_MONTHS)}\b|{cased(_ABBR_MONTHS)}\b\.?)"
WEEKDAY = rf"(?:{cased(_FULL_WEEKDAYS)}|{cased(_ABBR_WEEKDAYS)}\.)"
# "-\d" after a year is a date or a number ("2025-09", "1990-91"), except a year range
# ("2021-2025"), whose both ends are years.
YEAR = r"(?<![\d$£€#.,/])(?:1[5-9]\d\d|20\d\d)(?![\d]|[.,/]\d|\s*%|-\d(?!\d{3}(?!\d)))"
# "nineteen ninety-four" (broadcast transcripts spell years out)
SPOKEN_YEAR = (
    r"nineteen[\s-](?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?\b"
)
DAY = r"(?<!\d)[0-3]?\d(?:st|nd|rd|th)?(?![\d%]|[.,:]\d)"

_CARDINALS = [w for w, v in NUMBERS.items() if v != "X" and w not in ("a", "an", "dozen", "couple")]
NUMWORD = alternation(_CARDINALS)
NUM = (
    r"(?:(?<![\d.,$])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+\d/\d)?)(?![\d,]\d)"
    rf"|(?:{NUMWORD})(?:[\s-](?:{NUMWORD})){{0,3}}"
    r"|a\s+(?:few|couple(?:\s+of)?|dozen|half|hundred|thousand|number\s+of)"
    r"|(?:a|an|several|few|many|couple\s+of|dozens\s+of|hundreds\s+of|thousands\s+of))"
)
UNIT = rf"(?:{alternation(UNITS)})"
UNIT_PL = r"(?:years|months|weeks|days|decades|hours|minutes|quarters|centuries)"
ORDINAL = alternation(ORDINALS)
QMOD = phrases(MODIFIERS)
SEASON = alternation(SEASONS)
POD = alternation(PARTS_OF_DAY)
TZ = cased(TIMEZONES)
POINT_MOD = r"(?:early|late|mid|the\s+(?:end|beginning|start|middle|turn)\s+of)"
REL = (
    r"(?:this\s+past|this\s+coming|that\s+same|this|last|next|past|previous|coming|following"
    r"|current"
    r"|same|that|latest|recent|prior|preceding|upcoming|whole|entire|full)"
)


def lower_same_length(text: str) -> str:
    """``text.lower()`` with every offset preserved.

    ``str.lower`` can change the length ("\u0130" becomes two code points); then the
    characters whose lower case is not a single code point are kept as they are.
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
