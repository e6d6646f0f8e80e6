"""The combined candidate regex of the TIMEX3 tagger.

One compiled alternation finds every candidate expression in a single left-to-right scan;
each top-level named group is one *rule* (``m.lastgroup`` names it, because a rule's outer
group always closes last). Inner groups are prefixed with the rule's name. Rules that can
start at the same position are ordered most specific first, because ``re`` alternation is
leftmost-first, not longest.

Why one regex: running dozens of patterns over every article costs one full scan each; the
combined pattern costs one scan, and its word lists are prefix-factored
(:func:`timex_lexicon.alternation`). Every repetition is bounded or over disjoint tokens, so
matching is linear in the input (tested on a 1 MB single line).
"""

from __future__ import annotations

import re

from .timex_lexicon import (
    HOLIDAYS,
    MODIFIERS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    SET_ADVERBS,
    TIMEZONES,
    UNITS,
    VAGUE,
    WEEKDAYS,
    alternation,
)


def _cased(words) -> str:
    """Case-sensitive alternation of Title-case and UPPER-case forms (``May`` not ``may``)."""
    forms: set[str] = set()
    for w in words:
        forms.update({w, w.upper(), w[:1].upper() + w[1:]})
    return "(?-i:" + alternation(forms) + ")"


def _phrases(words) -> str:
    """Alternation of lower-case phrases whose single spaces match any run of whitespace."""
    alt = alternation(words)
    return alt.replace(r"\ ", r"\s+")


_FULL_MONTHS = [w for w, n in MONTHS.items() if len(w) > 4 or w in ("May", "June", "July")]
_ABBR_MONTHS = [w for w in MONTHS if w not in _FULL_MONTHS]
# Abbreviated weekdays ("Sun", "Wed", "Sat") are ordinary words too, so they need a period.
_FULL_WEEKDAYS = [w for w in WEEKDAYS if w.endswith("day")]
_ABBR_WEEKDAYS = [w for w in WEEKDAYS if not w.endswith("day")]

# Only abbreviations take a period: "in December." ends a sentence, the period is not ours.
MONTH = rf"(?:{_cased(_FULL_MONTHS)}\b|{_cased(_ABBR_MONTHS)}\b\.?)"
WEEKDAY = rf"(?:{_cased(_FULL_WEEKDAYS)}|{_cased(_ABBR_WEEKDAYS)}\.)"
YEAR = r"(?<![\d$£€#.,/])(?:1[5-9]\d\d|20\d\d)(?![\d]|[.,/]\d|\s*%|-\d)"
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
QMOD = _phrases(MODIFIERS)
SEASON = alternation(SEASONS)
POD = alternation(PARTS_OF_DAY)
TZ = _cased(TIMEZONES)
POINT_MOD = r"(?:early|late|mid|the\s+(?:end|beginning|start|middle|close|turn)\s+of)"
REL = (
    r"(?:this\s+past|this\s+coming|this|last|next|past|previous|coming|following|current"
    r"|same|that|latest|recent|prior|preceding|upcoming|whole|entire|full)"
)

_RULES: list[tuple[str, str]] = [
    # 2025-09-28, optionally with a clock time
    ("iso", r"\b(?P<iso_y>\d{4})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)"
            r"(?:[T ](?P<iso_H>\d\d):(?P<iso_M>\d\d)(?::\d\d)?)?(?![\d-])"),
    # 10:35 a.m., 9 p.m. EST, 09:57, noon
    ("clk", r"(?:(?P<clk_mod>about|around|approximately|roughly)\s+)?"
            r"(?:(?<![\d.,:$])(?P<clk_h>[01]?\d|2[0-3])(?::(?P<clk_m>[0-5]\d))?(?::[0-5]\d)?"
            r"\s?(?P<clk_ap>[ap]\.?\s?m\b\.?)"
            r"|(?<![\d.,:$])(?P<clk_h2>[01]?\d|2[0-3]):(?P<clk_m2>[0-5]\d)(?::[0-5]\d)?(?![\d:]|[.,]\d)"
            r"|(?P<clk_w>noon|midnight|midday))"
            rf"(?:\s+\(?(?P<clk_tz>{TZ})\)?(?!\w))?"
            r"(?:\s+(?P<clk_pod>in\s+the\s+(?:morning|afternoon|evening)|at\s+night))?"),
    # Friday, Oct. 13, 1989 / Sept. 28 / September 28, 2025
    ("mdy", rf"(?:(?P<mdy_wd>{WEEKDAY})\s*,?\s+)?(?P<mdy_mon>{MONTH})\s*(?P<mdy_d>{DAY})"
            rf"(?:\s*,?\s*(?P<mdy_y>{YEAR}))?"),
    # 28 September 2025
    ("dmy", rf"(?:(?P<dmy_wd>{WEEKDAY})\s*,?\s+)?(?:the\s+)?(?P<dmy_d>{DAY})(?:\s+of)?\s+"
            rf"(?P<dmy_mon>{MONTH})(?:\s*,?\s*(?P<dmy_y>{YEAR}))?"),
    # the third quarter (of 1989), third-quarter, the year-ago period, the first half
    ("q", r"(?:(?P<q_det>the|its|this|that|this\s+year's|last\s+year's|next\s+year's|a|an)\s+)?"
          r"(?P<q_pre>(?:(?:fiscal|latest|current|recent|year-earlier|year-ago|comparable"
          r"|corresponding|same|previous|prior|flat|final|last|first|second|third|fourth"
          r"|1st|2nd|3rd|4th|(?:19|20)\d\d)[\s-]+){0,3})"
          r"(?P<q_unit>quarter|half|period)\b(?!-(?:ago|earlier))"
          rf"(?:\s+(?:of|in)\s+(?:fiscal\s+)?(?P<q_y>{YEAR})"
          r"|\s+(?P<q_ago>a\s+year\s+(?:ago|earlier)|last\s+year|of\s+(?:last|this|next)\s+year))?"),
    # year-earlier / year-ago used alone (financial reports)
    ("ya", r"(?:the\s+)?year-(?:earlier|ago)\b(?!\s+(?:quarter|period|half))"),
    # the past 65 years, more than 60 years, 65 years ago, three-month, the first nine months
    ("du", rf"(?:(?P<du_qmod>{QMOD})\s+)?(?:(?P<du_the>the|each\s+of\s+the)\s+)?"
           r"(?:(?P<du_rel>past|last|next|coming|previous|following|first|latest|final|remaining"
           r"|initial|ensuing|preceding|prior|succeeding|other)\s+)?"
           rf"(?P<du_num>{NUM})"
           r"(?:\s+(?:more|additional|full|straight|consecutive|trading|business|working))?"
           rf"[\s-]+(?P<du_unit>{UNIT})\b(?P<du_adj>-(?:old|long))?"
           r"(?:\s+(?P<du_dir>ago|earlier|later|from\s+now|hence|or\s+so(?:\s+ago)?))?"),
    # recent years, the past few weeks, the coming months
    ("vp", r"(?:(?:the\s+)?(?P<vp_rel>past|last|next|coming|recent|following|previous|ensuing)"
           r"\s+(?:(?:few|several|many|couple\s+of)\s+)?|(?P<vp_rec>recent|coming)\s+)"
           rf"(?P<vp_unit>{UNIT_PL})\b"),
    # this year, last month, next week, the same day, the weekend, early next year
    ("an", rf"(?:(?P<an_mod>{POINT_MOD}|earlier|later)[\s-]+)?(?:(?P<an_the>the)\s+)?"
           rf"(?:(?P<an_rel>{REL})\s+)?(?:(?P<an_fis>fiscal|calendar)\s+)?"
           r"(?P<an_unit>year|month|week|weekend|decade|century|day|morning|afternoon|evening"
           r"|night|spring|summer|fall|autumn|winter)\b(?!-|\s+(?:of|old)\b)"),
    # year-end, year's end
    ("ye", r"(?:the\s+)?year(?:'s)?[\s-]end\b"),
    # November, late November, last April, June 1998, January this year
    ("my", rf"(?:(?P<my_mod>{POINT_MOD})[\s-]+)?(?:(?P<my_rel>this\s+past|this\s+coming|last|this|next)\s+)?"
           rf"(?P<my_mon>{MONTH})(?:\s*,?\s+(?:of\s+)?(?P<my_y>{YEAR})"
           r"|\s+(?P<my_ry>this|last|next)\s+year)?"),
    # Friday, last Friday, early Tuesday, Friday morning, Tuesdays
    ("wd", r"(?:(?P<wd_mod>early|late|earlier|later)\s+)?"
           r"(?:(?P<wd_rel>this\s+past|this\s+coming|last|this|next|coming|past|the\s+previous"
           r"|the\s+following|the\s+next|previous|following)\s+)?"
           rf"(?P<wd_day>{WEEKDAY})(?P<wd_pl>s)?\b(?:'s(?=\s+(?:close|session|trading)))?"
           rf"(?:\s+(?P<wd_pod>{POD})s?\b)?"),
    # yesterday, late yesterday, today, tonight, yesterday morning
    ("rd", r"(?:(?P<rd_mod>early|late|earlier|later|mid-?afternoon|mid-?morning)\s+)?"
           r"(?P<rd_w>yesterday|today|tomorrow|tonight)\b"
           rf"(?:\s+(?P<rd_pod>{POD})\b)?"),
    # last night, overnight, mid-afternoon
    ("pd", r"(?P<pd_w>last\s+night|overnight|mid-?afternoon|mid-?morning)\b"),
    # summer 1998, the winter of 1994, the early summer
    ("se", rf"(?:the\s+)?(?:(?P<se_mod>early|late|mid)[\s-]+)?(?P<se_s>{SEASON})"
           rf"(?:\s+of)?\s+(?P<se_y>{YEAR})"),
    ("se2", rf"the\s+(?:(?P<se2_mod>early|late|mid)[\s-]+)?(?P<se2_s>summer|winter|spring|autumn)\b"),
    # the 1990s, the mid-1980s, the '80s
    ("dc", rf"(?:the\s+)?(?:(?P<dc_mod>early|late|mid)[\s-]+)?"
           r"(?:(?<![\d$])(?P<dc_c>1[5-9]|20)(?P<dc_d>\d)0|'(?P<dc_a>\d)0)'?s\b"),
    ("dw", r"(?:the\s+)?(?:(?P<dw_mod>early|late|mid)[\s-]+)?"
           r"(?P<dw_w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"),
    # the 20th century
    ("ce", rf"(?:the\s+)?(?P<ce_o>{ORDINAL}|\d{{1,2}}(?:st|nd|rd|th))[\s-]+century\b"),
    # fiscal 1989, 1998, the end of 1989, 2000 and beyond
    ("yr", rf"(?:(?P<yr_mod>{POINT_MOD}|the\s+(?:first|second|last)\s+half\s+of)[\s-]+)?"
           r"(?:(?P<yr_fy>fiscal(?:\s+year)?|calendar(?:\s+year)?|the\s+(?:fiscal\s+)?year|FY)\s*)?"
           rf"(?P<yr_y>{YEAR})\b(?:\s+(?P<yr_after>and\s+beyond|or\s+later))?"),
    # every year, each Thursday, weekly
    ("st", r"(?:every|each)\s+(?:other\s+)?(?:(?P<st_n>\d+|two|three|four|five|six)\s+)?"
           rf"(?:(?P<st_u>{UNIT}|weekend)|(?P<st_wd>{WEEKDAY})|(?P<st_mon>{MONTH})"
           rf"|(?P<st_pod>{POD}))\b"),
    ("sa", rf"(?P<sa_w>{alternation(SET_ADVERBS)})\b"),
    ("hol", rf"(?P<hol_w>{_phrases(HOLIDAYS)})\b"),
    # nineteen ninety-six, the year two thousand
    ("sy", r"(?:the\s+year\s+)?nineteen[\s-](?P<sy_t>twenty|thirty|forty|fifty|sixty|seventy"
           r"|eighty|ninety)(?:[\s-](?P<sy_u>one|two|three|four|five|six|seven|eight|nine))?\b"
           r"|the\s+year\s+two\s+thousand\b"),
    ("vg", rf"(?P<vg_w>{_phrases(VAGUE)})\b"),
]


def _build(rules: list[tuple[str, str]]) -> re.Pattern[str]:
    # (?<!\w) rather than \b: "'80s" starts with a non-word character.
    parts = [rf"(?P<{name}>(?<!\w){body})" for name, body in rules]
    return re.compile("|".join(parts), re.IGNORECASE)


CANDIDATES: re.Pattern[str] = _build(_RULES)
RULE_NAMES: tuple[str, ...] = tuple(name for name, _ in _RULES)
