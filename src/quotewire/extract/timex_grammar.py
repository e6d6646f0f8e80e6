"""The grammar of the TIMEX3 tagger: one combined regex, and the scan that applies it.

Each top-level named group of :data:`CANDIDATES` is one *rule* (``m.lastgroup`` names it,
because a rule's outer group always closes last); inner groups are prefixed with the rule's
name. Rules that can start at the same position are ordered most specific first, because
``re`` alternation is leftmost-first, not longest. Everything runs over the lower-cased text
(:func:`lower_same_length`, offsets unchanged) without IGNORECASE, which lets sre skip
alternatives by their first letter.

:func:`iter_candidates` is the scan: one regex finds *anchor* tokens (month and weekday
names, units, digits, "yesterday", "now", ...); only around those is the combined pattern
tried, at the anchor and at the few words before it that may open an expression ("the past
65 years"), with the subset of rules that can contain that kind of anchor. It yields what
``CANDIDATES.finditer`` would (a test compares them on the bench texts) several times faster.

Every repetition is bounded or runs over disjoint tokens, so matching is linear in the input
(tested on 1 MB single lines, digits included). Word lists come from lexicon files and are
prefix-factored (:func:`timex_lexicon.alternation`).
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
    """Alternation of the lower-case forms. The whole grammar runs over the lower-cased
    text (see :func:`lower_same_length`): no IGNORECASE flag, because sre only skips
    alternatives by their first literal when matching is case-sensitive, which makes the
    tries several times faster. Where case matters ("May" the month, not "may" the modal)
    the resolver checks the original text."""
    return alternation(w.lower() for w in words)


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
QMOD = _phrases(MODIFIERS)
SEASON = alternation(SEASONS)
POD = alternation(PARTS_OF_DAY)
TZ = _cased(TIMEZONES)
POINT_MOD = r"(?:early|late|mid|the\s+(?:end|beginning|start|middle|turn)\s+of)"
REL = (
    r"(?:this\s+past|this\s+coming|that\s+same|this|last|next|past|previous|coming|following"
    r"|current"
    r"|same|that|latest|recent|prior|preceding|upcoming|whole|entire|full)"
)

_RULES: list[tuple[str, str]] = [
    # 2025-09-28, optionally with a clock time
    ("iso", r"\b(?P<iso_y>\d{4})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)"
            r"(?:[t ](?P<iso_H>\d\d):(?P<iso_M>\d\d)(?::\d\d)?)?(?![\d-])"),
    # 10:35 a.m., 9 p.m. EST, 09:57, noon
    ("clk", r"(?:(?P<clk_mod>about|around|approximately|roughly)\s+)?"
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
    # Friday, Oct. 13, 1989 / Sept. 28 / September 28, 2025
    ("mdy", r"(?:(?P<mdy_rel>last|this\s+past|this\s+coming|next)\s+)?"
            rf"(?:(?P<mdy_wd>{WEEKDAY})\s*,?\s+)?(?P<mdy_mon>{MONTH})\s*(?P<mdy_d>{DAY})"
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
          r"|\s+(?P<q_ago>a\s+year\s+(?:ago|earlier)|last\s+year"
          r"|of\s+(?:last|this|next)\s+year))?"),
    # Q3, Q3 2025, H1 2025, Q4 FY2024 (the compact forms of current financial news)
    ("qn", rf"(?P<qn_k>[qh])(?P<qn_n>[1-4])\b"
           rf"(?:\s*(?:of\s+)?(?:fy\s*|fiscal\s+)?(?P<qn_y>{YEAR}))?"),
    # year-earlier / year-ago used alone (financial reports)
    ("ya", r"(?:the\s+)?year-(?:earlier|ago)\b"
           r"(?!\s+(?:quarter|period|half|(?:[a-z]+|\d+)[\s-]+months?)\b)"),
    # nineteen ninety-six, the year two thousand
    ("sy", r"(?:the\s+year\s+)?nineteen[\s-](?P<sy_t>twenty|thirty|forty|fifty|sixty|seventy"
           r"|eighty|ninety)(?:[\s-](?P<sy_u>one|two|three|four|five|six|seven|eight|nine))?\b"
           r"|the\s+year\s+two\s+thousand\b"),
    # the past 65 years, more than 60 years, 65 years ago, three-month, the first nine months
    ("du", rf"(?:(?P<du_qmod>{QMOD})\s+)?(?:(?P<du_the>the|each\s+of\s+the)\s+)?"
           r"(?:(?P<du_rel>past|last|next|coming|previous|following|first|latest|final|remaining"
           r"|initial|ensuing|preceding|prior|succeeding|year-earlier|year-ago)\s+)?"
           rf"(?P<du_num>{NUM})"
           r"(?:\s+(?:more|additional|full|straight|consecutive|trading|business|working))?"
           rf"[\s-]+(?P<du_unit>{UNIT})\b(?!-(?:earlier|ago))(?P<du_adj>-(?:old|long))?"
           r"(?P<du_half>\s+and\s+a\s+half\b)?"
           r"(?:\s+(?P<du_dir>ago|earlier|later|from\s+now|hence|or\s+so(?:\s+ago)?))?"),
    # year-end, year's end
    ("ye", r"(?:the\s+)?year(?:'s)?[\s-]end\b"),
    # recent years, the past few weeks, the coming months
    ("vp", r"(?:(?:the\s+)?(?P<vp_rel>past|last|next|coming|recent|following|previous|ensuing)"
           r"\s+(?:(?:few|several|many|couple\s+of)\s+)?|(?P<vp_rec>recent|coming)\s+"
           # a bare plural after "within" or "the first time in": a vague duration
           r"|(?<=\bwithin\s)|(?<=\btime\sin\s))"
           rf"(?P<vp_unit>{UNIT_PL})\b"),
    # this year, last month, next week, the same day, the weekend, early next year
    ("an", rf"(?:(?P<an_mod>{POINT_MOD}|earlier|later)[\s-]+)?(?:(?P<an_the>the)\s+)?"
           rf"(?:(?P<an_rel>{REL})\s+)?(?:(?P<an_fis>fiscal|calendar)\s+)?"
           r"(?P<an_unit>year|month|week|weekend|decade|century|day|morning|afternoon|evening"
           r"|night|spring|summer|fall|autumn|winter)\b"
           r"(?!-|\s+(?:of|old|yesterday|today|tomorrow)\b)"),
    # November, late November, last April, June 1998, January this year
    ("my", rf"(?:(?P<my_mod>{POINT_MOD})[\s-]+)?"
           r"(?:(?P<my_rel>this\s+past|this\s+coming|last|this|next)\s+)?"
           rf"(?P<my_mon>{MONTH})(?:\s*,?\s+(?:of\s+)?(?P<my_y>{YEAR}|{SPOKEN_YEAR})"
           r"|\s+(?P<my_ry>this|last|next)\s+year)?"),
    # Friday, last Friday, early Tuesday, Friday morning, Tuesdays
    ("wd", r"(?:(?P<wd_mod>early|late)\s+)?"
           r"(?:(?P<wd_rel>this\s+past|this\s+coming|last|this|next|coming|past|the\s+previous"
           r"|the\s+following|the\s+next|previous|following)\s+)?"
           rf"(?P<wd_day>{WEEKDAY})(?P<wd_pl>s)?\b(?:'s(?=\s+(?:close|session|trading)))?"
           rf"(?:\s+(?P<wd_pod>{POD})(?P<wd_podpl>s)?\b)?"),
    # yesterday, late yesterday, today, tonight, yesterday morning
    ("rd", r"(?:(?P<rd_mod>early|late|earlier|later|mid-?afternoon|mid-?morning)\s+)?"
           r"(?P<rd_w>yesterday|today|tomorrow|tonight)\b"
           rf"(?:\s+(?P<rd_pod>{POD})\b)?"),
    # last night, overnight, mid-afternoon
    ("pd", r"(?P<pd_w>last\s+night|overnight|mid-?afternoon|mid-?morning)\b"),
    # summer 1998, the winter of 1994, the early summer
    ("se", rf"(?:the\s+)?(?:(?P<se_mod>early|late|mid)[\s-]+)?(?P<se_s>{SEASON})"
           rf"(?:\s+of)?\s+(?P<se_y>{YEAR}|{SPOKEN_YEAR})"),
    ("se2", r"the\s+(?:(?P<se2_mod>early|late|mid)[\s-]+)?"
            r"(?P<se2_s>summer|winter|spring|autumn)\b"),
    # the 1990s, the mid-1980s, the '80s
    ("dc", r"(?:the\s+)?(?:(?P<dc_mod>early|late|mid)[\s-]+)?"
           r"(?:(?<![\d$])(?P<dc_c>1[5-9]|20)(?P<dc_d>\d)0|'(?P<dc_a>\d)0)'?s\b"),
    ("dw", r"(?:the\s+)?(?:(?P<dw_mod>early|late|mid)[\s-]+)?"
           r"(?P<dw_w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"),
    # the 20th century
    ("ce", rf"(?:the\s+)?(?P<ce_o>{ORDINAL}|\d{{1,2}}(?:st|nd|rd|th))[\s-]+century\b"),
    # fiscal 1989, 1998, the end of 1989, 2000 and beyond
    ("yr", rf"(?:(?P<yr_mod>{POINT_MOD}|the\s+(?:first|second|last)\s+half\s+of)[\s-]+)?"
           r"(?:(?P<yr_fy>fiscal(?:\s+year)?|calendar(?:\s+year)?|the\s+(?:fiscal\s+)?year|fy)\s*)?"
           rf"(?P<yr_y>{YEAR}|(?<=fy)\d\d(?!\d))\b(?:\s+(?P<yr_after>and\s+beyond|or\s+later))?"),
    # every year, each Thursday, weekly
    ("st", r"(?:every|each)\s+(?:other\s+)?(?:(?P<st_n>\d+|two|three|four|five|six)\s+)?"
           rf"(?:(?P<st_u>{UNIT}|weekend)|(?P<st_wd>{WEEKDAY})|(?P<st_mon>{MONTH})"
           rf"|(?P<st_pod>{POD}))\b"),
    ("sa", rf"(?P<sa_w>{alternation(SET_ADVERBS)})\b"),
    ("hol", rf"(?P<hol_w>{_phrases(HOLIDAYS)})\b"),
    ("vg", rf"(?P<vg_w>{_phrases(VAGUE)})\b"),
]


# The gate: a lookahead every match must pass, so that the ~25 rule alternatives are only
# tried at the few positions that can begin an expression. Without it each alternative costs
# a few opcodes at every character and the scan is ~10x slower. Two kinds of first words:
# content words that can open an expression on their own, and function words ("the", "a",
# "at", "more", ...) that only count when the next word fits, because they are so frequent.
# tests/extract/test_timex.py checks that the gate drops no match the rules alone would find.
_SOLO_WORDS = (
    set(MONTHS) | set(WEEKDAYS) | set(ORDINALS) | set(UNITS) | set(SEASONS)
    | set(PARTS_OF_DAY) | set(SET_ADVERBS)
    | {w for w, v in NUMBERS.items() if v != "X" and w not in ("a", "an")}
    | {p.split()[0].split("'")[0] for p in HOLIDAYS}
    | set("""its last next past previous coming following current latest recent prior
    preceding upcoming whole entire full early late mid earlier later fiscal calendar fy each
    every about around approximately roughly nearly almost within over under upwards fewer
    less noon midnight midday year yesterday today tomorrow tonight overnight midafternoon
    midmorning comparable corresponding flat final remaining initial ensuing succeeding
    weekend decade century twenties thirties forties fifties sixties seventies eighties
    nineties nineteen dozens hundreds thousands couple period half quarter now currently
    presently nowadays recently lately formerly""".split())
)
SOLO = alternation(w.lower() for w in _SOLO_WORDS)
_PAIRS = (
    rf"the\s+(?:(?:{SOLO}|same|end|beginning|start|middle|close|turn|future|present|near"
    r"|foreseeable|distant|short|long|medium|moment|day)(?!\w)|\d|')"
    rf"|an?\s+(?:(?:{SOLO}|few|number|later|additional|extra|more|full)(?!\w)|\d)"
    rf"|(?:this|that)\s+(?:{SOLO}|same|moment)(?!\w)"
    r"|at\s+(?:least|most|present)\b|as\s+soon\b|not\s+long\b|no\s+(?:more|less)\b"
    r"|up\s+to\b|more\s+(?:than|recently)\b|most\s+recently\b|just\s+now\b"
    r"|right\s+now\b|long\s+ago\b|these\s+days\b"
    rf"|(?:some|several|many|few)[\s-]+(?:(?:more\s+)?(?:{UNIT})(?!\w)|\d|(?:{NUMWORD})(?!\w))"
)
_DIGITS = (
    r"\d{4}(?!\d)|\d{1,2}(?::\d|\s?[ap]\.?\s?m\b"
    r"|\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night))"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{MONTH}"
    # bounded: "1,000,1,000,..." must not make every digit run scan to the end of the line
    rf"|\d[\d,.]{{0,24}}(?:\s+\d/\d)?(?:\s+\w+)?[\s-]+(?:{UNIT})(?!\w)"
    r"|\d{1,2}(?:st|nd|rd|th)[\s-]+(?:century|fiscal|quarter|half)"
    r"|'\d0s"
)
_GATE = rf"(?<!\w)(?=(?:{SOLO})(?!\w)|{_PAIRS}|{_DIGITS}|[qh][1-4]\b|fy\s*\d)"


def _build(rules: list[tuple[str, str]], gated: bool = True) -> re.Pattern[str]:
    # (?<!\w) rather than \b: "'80s" starts with a non-word character.
    parts = [rf"(?P<{name}>(?<!\w){body})" for name, body in rules]
    return re.compile((_GATE if gated else "") + "(?:" + "|".join(parts) + ")")


CANDIDATES: re.Pattern[str] = _build(_RULES)
# The same rules without the first-word gate: slower, used by tests to show the gate is lossless.
CANDIDATES_UNGATED: re.Pattern[str] = _build(_RULES, gated=False)
RULE_NAMES: tuple[str, ...] = tuple(name for name, _ in _RULES)


# ---------------------------------------------------------------------------------------
# Anchor-driven scan. Scanning every character with the combined pattern (even gated)
# ran at ~2,000 Reuters docs/s; one regex that only finds anchor tokens (a month, weekday,
# unit, digit, "yesterday", "now", ...) scans at ~16,000. At each anchor, walk back over the
# words that may open an expression ("the past 65 years", "at least the", "early next") and
# try the pattern there. Every rule's match contains at least one anchor token, so nothing
# is lost (a test compares with a plain finditer over the bench texts).
# ---------------------------------------------------------------------------------------

_ANCHOR_WORDS = frozenset(
    w.lower() for w in (
        set(MONTHS) | set(WEEKDAYS) | set(UNITS) | set(SEASONS) | set(PARTS_OF_DAY)
        | set(SET_ADVERBS)
        | {p.split()[-1] for p in VAGUE}
        # holiday names minus their generic words ("new", "year's", "day" is a unit anyway)
        | {x for p in HOLIDAYS for x in re.findall(r"[a-z]+", p)
           if len(x) > 3 and x not in ("new", "year", "eve")}
        | set("""now currently current presently nowadays recently lately formerly yesterday
        today tomorrow tonight overnight midafternoon midmorning afternoon noon midnight
        midday weekend weekends twenties thirties forties fifties sixties seventies eighties
        nineties nineteen thousand future past present term moment ago soon date days
        period half quarter years months weeks hours minutes decades centuries quarters
        fall nights mornings evenings afternoons""".split())
    )
)
_OPENER_WORDS = frozenset(
    w.lower() for w in (
        set(NUMBERS) | set(ORDINALS) | set(WEEKDAYS) | set(MONTHS)
        | {x for p in MODIFIERS for x in p.split()}
        | set("""the its this that these last next past previous coming following current
        same latest recent prior preceding upcoming whole entire full early late mid earlier
        later end beginning start middle close turn of fiscal calendar fy each every other
        more than less fewer at least most no up to nearly almost about around some over
        under within upwards few several many couple dozens hundreds thousands additional
        straight consecutive trading business working year s right just not long as near
        foreseeable distant short medium comparable corresponding flat final remaining
        initial ensuing succeeding dozen number in""".split())
    )
)
_MAX_OPENERS = 6


def _cased_forms(words) -> set[str]:
    return {w.lower() for w in words}


# Runs over the lower-cased text, like everything here (no IGNORECASE: see _cased).
_ANCHOR_SCAN = re.compile(
    # A digit anchor is a zero-width lookahead: "31 second quarter" must not swallow the
    # "second quarter" anchor that follows the digits.
    rf"\b(?:{alternation(_cased_forms(_ANCHOR_WORDS))}\b|(?=\d)(?=(?:{_DIGITS}))"
    # compact financial periods: Q3, H1, FY2025 / FY25
    r"|[qh][1-4]\b|fy(?=\s*\d))"
)


# One word (or number) directly before a position, read on the *reversed* text so that a
# forward match can step backwards: separators, then the word (reversed "'s" allowed).
_PREV_WORD_REV = re.compile(r"[\s-]+(?:s')?([a-z]+|[\d,.]*\d)(?![a-z0-9])")


# Per-anchor rule subsets. At an anchor token only the rules that can contain that kind of
# token are tried (same order as the full pattern, so the same rule wins): a month name
# needs 4 rules, not 25. A subset must include every rule whose match may contain the
# anchor, or a match would be lost; the test comparing with the full scan guards this.
# Anchors not listed here use the full pattern.
_SUBSET_RULES = {
    "month": ("mdy", "dmy", "my", "st"),
    "weekday": ("mdy", "dmy", "wd", "st"),
    "digit": ("iso", "clk", "mdy", "dmy", "q", "du", "my", "se", "dc", "ce", "yr", "st"),
    "relday": ("rd",),
    "unit": ("q", "ya", "sy", "du", "vp", "an", "ye", "st", "ce", "yr", "hol", "vg"),
    "now": ("du", "vg"),
    "current": ("q", "an", "vg"),
    "vague": ("vg",),
}
_SUBSETS = {
    kind: _build([r for r in _RULES if r[0] in names]) for kind, names in _SUBSET_RULES.items()
}
_ANCHOR_PATTERN = {
    **{w.lower(): _SUBSETS["month"] for w in MONTHS},
    **{w.lower(): _SUBSETS["weekday"] for w in WEEKDAYS},
    **{w: _SUBSETS["relday"] for w in ("yesterday", "today", "tomorrow", "tonight")},
    **{w: _SUBSETS["unit"] for w in set(UNITS) | set(UNIT_PL.strip("(?:)").split("|"))},
    "now": _SUBSETS["now"],
    "current": _SUBSETS["current"],
    **{w: _SUBSETS["vague"] for w in ("currently", "recently", "presently", "nowadays", "lately",
                                      "formerly")},
    "": _SUBSETS["digit"],  # a digit anchor is a zero-width match
}


_ANCHOR_MATCH = {w: pat.match for w, pat in _ANCHOR_PATTERN.items()}


_OPENERS_REVERSED = frozenset(w[::-1] for w in _OPENER_WORDS)


def iter_candidates(text: str):
    """Yield the combined pattern's matches in lower-cased ``text``, in order, no overlaps.

    Equivalent to ``CANDIDATES.finditer(text)`` on real text (a test compares them over the
    bench), but only tries the positions just before anchor tokens.
    """
    covered = 0  # no match may start before this offset
    full = CANDIDATES.match
    subsets = _ANCHOR_MATCH
    prev_word = _PREV_WORD_REV.match
    openers = _OPENERS_REVERSED
    n = len(text)
    rtext = ""  # the reversed text, made on the first walk back
    for am in _ANCHOR_SCAN.finditer(text):
        s = am.start()
        if s < covered:
            continue
        match = subsets.get(am.group(), full)
        before = text[s - 1] if s else ""
        if before == "'" and s - 1 >= covered:  # "the '80s": start from the apostrophe
            s -= 1
            before = text[s - 1] if s else ""
        starts = [s]
        if before.isspace() or before == "-":
            # walk back over words that may open an expression: "at least the past" 30 months
            if not rtext:
                rtext = text[::-1]
            r, r_end = n - s, n - max(covered, s - 64)
            while len(starts) <= _MAX_OPENERS:
                pw = prev_word(rtext, r, r_end)
                if pw is None:
                    break
                w = pw.group(1)
                if not (w[0].isdigit() or w in openers):
                    break
                r = pw.end()
                starts.append(n - r)
        for start in reversed(starts):
            m = match(text, start)
            if m is not None and m.end() > s:
                covered = m.end()
                yield m
                break


def lower_same_length(text: str) -> str:
    """``text.lower()`` with every offset preserved.

    ``str.lower`` can change the length ("\u0130" becomes two code points); then the
    characters whose lower case is not a single code point are kept as they are.
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
