"""The TIMEX3 rule table: one ordered row per kind of temporal expression.

Each :class:`Rule` row names a rule and says, in one place, what it matches (``pattern``, a
regex over the lower-cased text), which TIMEX3 types it may give (``types``), how the value
is computed (``resolve``, a function of :mod:`timex_dates` or :mod:`timex_periods`), and at
which kinds of anchor token the scan tries it (``anchors``). The scan
(:mod:`timex_grammar`) joins the patterns, in table order, into one alternation.

Order matters: ``re`` alternation is leftmost-first, not longest, so rules that can start
at the same position come most specific first ("Sept. 28, 2025" before "Sept. 2025" before
"September"). A pattern's named groups are prefixed with the rule's name (``mdy_mon``) and
its outer group is the rule's name, which ``m.lastgroup`` reports.

``anchors`` lists the kinds of anchor token (:data:`ANCHOR_KINDS`) a match of the rule can
contain, for which the scan tries a reduced pattern made of only those rules: a rule missing
from a kind it can contain would lose matches there (a test compares the scan with a plain
``finditer``). Anchor tokens of no listed kind ("daily", "Christmas", "Q3") are tried with
every rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from quotewire.records import TimexType

from . import timex_dates as dates
from . import timex_periods as periods
from .timex_context import DATE, DURATION, SET, TIME, Cand, Doc
from .timex_lexicon import HOLIDAYS, SET_ADVERBS, VAGUE, alternation
from .timex_patterns import (
    DAY,
    MONTH,
    NUM,
    ORDINAL,
    POD,
    POINT_MOD,
    QMOD,
    REL,
    SEASON,
    SPOKEN_YEAR,
    TZ,
    UNIT,
    UNIT_PL,
    WEEKDAY,
    YEAR,
    phrases,
)

# Kinds of anchor token (see timex_grammar): a month or weekday name, a digit, "yesterday"
# and its kin, a unit word ("year", "quarter"), "now", "current", and a vague adverb
# ("recently").
ANCHOR_KINDS = ("month", "weekday", "digit", "relday", "unit", "now", "current", "vague")


@dataclass(frozen=True)
class Rule:
    """One row of the table (see the module docstring).

    ``resolve(match, doc)`` returns a :class:`timex_context.Cand` whose type is one of
    ``types``, or ``None`` when the match is not a timex after all (each resolver documents
    what it refuses); it may update the document state in ``doc``.
    """

    name: str
    example: str
    types: tuple[TimexType, ...]
    anchors: tuple[str, ...]
    resolve: Callable[[re.Match[str], Doc], Cand | None]
    pattern: str


# Columns: name, example, types, anchor kinds, resolver, pattern.
RULES: tuple[Rule, ...] = (
    Rule("iso", "2025-09-28, optionally with a clock time",
         (DATE, TIME), ("digit",), dates.resolve_iso,
         r"\b(?P<iso_y>\d{4})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)"
         r"(?:[t ](?P<iso_H>\d\d):(?P<iso_M>\d\d)(?::\d\d)?)?(?![\d-])"),
    Rule("clk", "10:35 a.m., 9 p.m. EST, 09:57, noon",
         (TIME,), ("digit",), dates.resolve_clk,
         r"(?:(?P<clk_mod>about|around|approximately|roughly)\s+)?"
         r"(?:(?<![\d.,:$])(?P<clk_h>[01]?\d|2[0-3])(?::(?P<clk_m>[0-5]\d))?(?::[0-5]\d)?"
         r"\s?(?P<clk_ap>[ap]\.?\s?m\b\.?)"
         r"|(?<![\d.,:$])(?P<clk_h2>[01]?\d|2[0-3]):(?P<clk_m2>[0-5]\d)(?::[0-5]\d)?"
         r"(?![\d:]|[.,]\d)"
         # "4 in the morning", "10 at night": the part of day is the am/pm
         r"|(?<![\d.,:$])(?P<clk_h3>1[0-2]|0?[1-9])"
         r"(?=\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night)\b)"
         r"|(?P<clk_w>noon|midnight|midday))"
         rf"(?:\s+(?:\({TZ}\)|{TZ})(?!\w))?"
         r"(?:\s+(?P<clk_pod>in\s+the\s+(?:morning|afternoon|evening)|at\s+night))?"),
    Rule("mdy", "Friday, Oct. 13, 1989 / Sept. 28 / September 28, 2025",
         (DATE,), ("month", "weekday", "digit"), dates.resolve_mdy,
         r"(?:(?P<mdy_rel>last|this\s+past|this\s+coming|next)\s+)?"
         rf"(?:(?P<mdy_wd>{WEEKDAY})\s*,?\s+)?(?P<mdy_mon>{MONTH})\s*(?P<mdy_d>{DAY})"
         rf"(?:\s*,?\s*(?P<mdy_y>{YEAR}))?"),
    Rule("dmy", "28 September 2025",
         (DATE,), ("month", "weekday", "digit"), dates.resolve_dmy,
         rf"(?:(?P<dmy_wd>{WEEKDAY})\s*,?\s+)?(?:the\s+)?(?P<dmy_d>{DAY})(?:\s+of)?\s+"
         rf"(?P<dmy_mon>{MONTH})(?:\s*,?\s*(?P<dmy_y>{YEAR}))?"),
    Rule("q", "the third quarter (of 1989), third-quarter, the year-ago period, the first half",
         (DATE,), ("digit", "unit", "current"), periods.resolve_q,
         r"(?:(?P<q_det>the|its|this|that|this\s+year's|last\s+year's|next\s+year's|a|an)\s+)?"
         r"(?P<q_pre>(?:(?:fiscal|latest|current|recent|year-earlier|year-ago|comparable"
         r"|corresponding|same|previous|prior|flat|final|last|first|second|third|fourth"
         r"|1st|2nd|3rd|4th|(?:19|20)\d\d)[\s-]+){0,3})"
         r"(?P<q_unit>quarter|half|period)\b(?!-(?:ago|earlier))"
         rf"(?:\s+(?:of|in)\s+(?:fiscal\s+)?(?P<q_y>{YEAR})"
         r"|\s+(?P<q_ago>a\s+year\s+(?:ago|earlier)|last\s+year"
         r"|of\s+(?:last|this|next)\s+year))?"),
    Rule("qn", "Q3, Q3 2025, H1 2025, Q4 FY2024 (the compact forms of current financial news)",
         (DATE,), (), periods.resolve_qn,
         rf"(?P<qn_k>[qh])(?P<qn_n>[1-4])\b"
         rf"(?:\s*(?:of\s+)?(?:fy\s*|fiscal\s+)?(?P<qn_y>{YEAR}))?"),
    Rule("ya", "year-earlier / year-ago used alone (financial reports)",
         (DATE,), ("unit",), periods.resolve_ya,
         r"(?:the\s+)?year-(?:earlier|ago)\b"
         r"(?!\s+(?:quarter|period|half|(?:[a-z]+|\d+)[\s-]+months?)\b)"),
    Rule("sy", "nineteen ninety-six, the year two thousand",
         (DATE,), ("unit",), dates.resolve_sy,
         r"(?:the\s+year\s+)?nineteen[\s-](?P<sy_t>twenty|thirty|forty|fifty|sixty|seventy"
         r"|eighty|ninety)(?:[\s-](?P<sy_u>one|two|three|four|five|six|seven|eight|nine))?\b"
         r"|the\s+year\s+two\s+thousand\b"),
    Rule("du", "the past 65 years, more than 60 years, 65 years ago, the first nine months",
         (DATE, DURATION, SET), ("digit", "unit", "now"), periods.resolve_du,
         rf"(?:(?P<du_qmod>{QMOD})\s+)?(?:(?P<du_the>the|each\s+of\s+the)\s+)?"
         r"(?:(?P<du_rel>past|last|next|coming|previous|following|first|latest|final|remaining"
         r"|initial|ensuing|preceding|prior|succeeding|year-earlier|year-ago)\s+)?"
         rf"(?P<du_num>{NUM})"
         r"(?:\s+(?:more|additional|full|straight|consecutive|trading|business|working))?"
         rf"[\s-]+(?P<du_unit>{UNIT})\b(?!-(?:earlier|ago))(?P<du_adj>-(?:old|long))?"
         r"(?P<du_half>\s+and\s+a\s+half\b)?"
         r"(?:\s+(?P<du_dir>ago|earlier|later|from\s+now|hence|or\s+so(?:\s+ago)?))?"),
    Rule("ye", "year-end, year's end",
         (DATE,), ("unit",), periods.resolve_ye,
         r"(?:the\s+)?year(?:'s)?[\s-]end\b"),
    Rule("vp", "recent years, the past few weeks, the coming months",
         (DATE, DURATION), ("unit",), periods.resolve_vp,
         r"(?:(?:the\s+)?(?P<vp_rel>past|last|next|coming|recent|following|previous|ensuing)"
         r"\s+(?:(?:few|several|many|couple\s+of)\s+)?|(?P<vp_rec>recent|coming)\s+"
         # a bare plural after "within" or "the first time in": a vague duration
         r"|(?<=\bwithin\s)|(?<=\btime\sin\s))"
         rf"(?P<vp_unit>{UNIT_PL})\b"),
    Rule("an", "this year, last month, next week, the same day, the weekend, early next year",
         (DATE, TIME, DURATION), ("unit", "current"), periods.resolve_an,
         rf"(?:(?P<an_mod>{POINT_MOD}|earlier|later)[\s-]+)?(?:(?P<an_the>the)\s+)?"
         rf"(?:(?P<an_rel>{REL})\s+)?(?:(?P<an_fis>fiscal|calendar)\s+)?"
         r"(?P<an_unit>year|month|week|weekend|decade|century|day|morning|afternoon|evening"
         r"|night|spring|summer|fall|autumn|winter)\b"
         r"(?!-|\s+(?:of|old|yesterday|today|tomorrow)\b)"),
    Rule("my", "November, late November, last April, June 1998, January this year",
         (DATE,), ("month", "digit"), dates.resolve_my,
         rf"(?:(?P<my_mod>{POINT_MOD})[\s-]+)?"
         r"(?:(?P<my_rel>this\s+past|this\s+coming|last|this|next)\s+)?"
         rf"(?P<my_mon>{MONTH})(?:\s*,?\s+(?:of\s+)?(?P<my_y>{YEAR}|{SPOKEN_YEAR})"
         r"|\s+(?P<my_ry>this|last|next)\s+year)?"),
    Rule("wd", "Friday, last Friday, early Tuesday, Friday morning, Tuesdays",
         (DATE, SET), ("weekday",), dates.resolve_wd,
         r"(?:(?P<wd_mod>early|late)\s+)?"
         r"(?:(?P<wd_rel>this\s+past|this\s+coming|last|this|next|coming|past|the\s+previous"
         r"|the\s+following|the\s+next|previous|following)\s+)?"
         rf"(?P<wd_day>{WEEKDAY})(?P<wd_pl>s)?\b(?:'s(?=\s+(?:close|session|trading)))?"
         rf"(?:\s+(?P<wd_pod>{POD})(?P<wd_podpl>s)?\b)?"),
    Rule("rd", "yesterday, late yesterday, today, tonight, yesterday morning",
         (DATE, TIME), ("relday",), dates.resolve_rd,
         r"(?:(?P<rd_mod>early|late|earlier|later|mid-?afternoon|mid-?morning)\s+)?"
         r"(?P<rd_w>yesterday|today|tomorrow|tonight)\b"
         rf"(?:\s+(?P<rd_pod>{POD})\b)?"),
    Rule("pd", "last night, overnight, mid-afternoon",
         (TIME,), (), dates.resolve_pd,
         r"(?P<pd_w>last\s+night|overnight|mid-?afternoon|mid-?morning)\b"),
    Rule("se", "summer 1998, the winter of 1994, the early summer",
         (DATE,), ("digit",), dates.resolve_se,
         rf"(?:the\s+)?(?:(?P<se_mod>early|late|mid)[\s-]+)?(?P<se_s>{SEASON})"
         rf"(?:\s+of)?\s+(?P<se_y>{YEAR}|{SPOKEN_YEAR})"),
    Rule("se2", "the summer, the early winter (no year: the instance the tense points to)",
         (DATE,), (), dates.resolve_se2,
         r"the\s+(?:(?P<se2_mod>early|late|mid)[\s-]+)?"
         r"(?P<se2_s>summer|winter|spring|autumn)\b"),
    Rule("dc", "the 1990s, the mid-1980s, the '80s",
         (DATE,), ("digit",), dates.resolve_dc,
         r"(?:the\s+)?(?:(?P<dc_mod>early|late|mid)[\s-]+)?"
         r"(?:(?<![\d$])(?P<dc_c>1[5-9]|20)(?P<dc_d>\d)0|'(?P<dc_a>\d)0)'?s\b"),
    Rule("dw", "the nineties, the late sixties",
         (DATE,), (), dates.resolve_dw,
         r"(?:the\s+)?(?:(?P<dw_mod>early|late|mid)[\s-]+)?"
         r"(?P<dw_w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"),
    Rule("ce", "the 20th century",
         (DATE,), ("digit", "unit"), dates.resolve_ce,
         rf"(?:the\s+)?(?P<ce_o>{ORDINAL}|\d{{1,2}}(?:st|nd|rd|th))[\s-]+century\b"),
    Rule("yr", "fiscal 1989, 1998, the end of 1989, 2000 and beyond",
         (DATE,), ("digit", "unit"), dates.resolve_yr,
         rf"(?:(?P<yr_mod>{POINT_MOD}|the\s+(?:first|second|last)\s+half\s+of)[\s-]+)?"
         r"(?:(?P<yr_fy>fiscal(?:\s+year)?|calendar(?:\s+year)?|the\s+(?:fiscal\s+)?year|fy)\s*)?"
         rf"(?P<yr_y>{YEAR}|(?<=fy)\d\d(?!\d))\b(?:\s+(?P<yr_after>and\s+beyond|or\s+later))?"),
    Rule("st", "every year, each Thursday, weekly",
         (SET,), ("month", "weekday", "digit", "unit"), periods.resolve_st,
         r"(?:every|each)\s+(?:other\s+)?(?:(?P<st_n>\d+|two|three|four|five|six)\s+)?"
         rf"(?:(?P<st_u>{UNIT}|weekend)|(?P<st_wd>{WEEKDAY})|(?P<st_mon>{MONTH})"
         rf"|(?P<st_pod>{POD}))\b"),
    Rule("sa", "daily, weekly, annually",
         (SET,), (), periods.resolve_sa,
         rf"(?P<sa_w>{alternation(SET_ADVERBS)})\b"),
    Rule("hol", "Christmas, Thanksgiving, Election Day",
         (DATE,), ("unit",), dates.resolve_hol,
         rf"(?P<hol_w>{phrases(HOLIDAYS)})\b"),
    Rule("vg", "now, currently, recently, the past",
         (DATE,), ("unit", "now", "current", "vague"), periods.resolve_vg,
         rf"(?P<vg_w>{phrases(VAGUE)})\b"),
)
