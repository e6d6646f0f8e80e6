"""The scan of the TIMEX3 tagger: the rule table joined into one regex, and where to try it.

:data:`CANDIDATES` is the patterns of :data:`timex_rules.RULES`, in table order, each as a
top-level named group (``m.lastgroup`` names the rule, because a rule's outer group always
closes last), behind a gate that only lets the alternation be tried where an expression can
begin. Everything runs over the lower-cased text (:func:`lower_same_length`, offsets
unchanged) without IGNORECASE, which lets sre skip alternatives by their first letter.

:func:`iter_candidates` is the scan: one regex finds *anchor* tokens (month and weekday
names, units, digits, "yesterday", "now", ...); only around those is the combined pattern
tried, at the anchor and at the few words before it that may open an expression ("the past
65 years"), with the rules whose row lists that kind of anchor. It yields what
``CANDIDATES.finditer`` would (a test compares them on the bench texts) several times faster.

Every repetition is bounded or runs over disjoint tokens, so matching is linear in the input
(tested on 1 MB single lines, digits included). Word lists come from lexicon files and are
prefix-factored (:func:`timex_lexicon.alternation`).
"""

from __future__ import annotations

import functools
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
    UNITS,
    VAGUE,
    WEEKDAYS,
    alternation,
)
from .timex_patterns import MONTH, NUMWORD, UNIT, UNIT_PL, lower_same_length
from .timex_rules import ANCHOR_KINDS, RULES, Rule

__all__ = ["CANDIDATES", "candidates_ungated", "RULE_NAMES", "iter_candidates",
           "lower_same_length"]



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


def _build(rules: tuple[Rule, ...], gated: bool = True) -> re.Pattern[str]:
    # (?<!\w) rather than \b: "'80s" starts with a non-word character.
    parts = [rf"(?P<{r.name}>(?<!\w){r.pattern})" for r in rules]
    return re.compile((_GATE if gated else "") + "(?:" + "|".join(parts) + ")")


CANDIDATES: re.Pattern[str] = _build(RULES)


@functools.cache
def candidates_ungated() -> re.Pattern[str]:
    """The same rules without the first-word gate: slower, used by tests to show the gate
    is lossless. Compiled on first use, not at import (every build imports this module)."""
    return _build(RULES, gated=False)

RULE_NAMES: tuple[str, ...] = tuple(r.name for r in RULES)


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


# Runs over the lower-cased text, like everything here (no IGNORECASE: see timex_patterns.cased).
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


# Per-anchor rule subsets. At an anchor token only the rules whose ``anchors`` name its kind
# are tried (in table order, so the same rule wins): a month name needs 4 rules, not 26. A
# rule must list every kind of anchor its match may contain, or a match would be lost; the
# test comparing with the full scan guards this. Anchors of no kind use the full pattern.
_SUBSETS = {kind: _build(tuple(r for r in RULES if kind in r.anchors)) for kind in ANCHOR_KINDS}
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
