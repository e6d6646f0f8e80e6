"""Per-document resolution state of the TIMEX3 tagger, and the context it reads.

:class:`Doc` holds the anchor (the document creation time) and what the text last referred
to (day, year, month, fiscal quarter), for anaphoric expressions ("the same day", "the
following month", "the year-ago quarter"). :meth:`Doc.tense` reads the tense around an
expression, which decides the direction of an underspecified one ("Friday" in past-tense
news is the last one). :class:`Cand` is one resolved candidate before output.

Also here: the small word tables and text checks that several rule resolvers share
(:data:`POINT_MODS`, the relative-word sets, :func:`norm`, :func:`capital`).
"""

from __future__ import annotations

import re
from datetime import date

from quotewire.records import TimexType

from . import timex_calendar as cal
from .timex_patterns import lower_same_length

DATE, TIME, DURATION, SET = TimexType.DATE, TimexType.TIME, TimexType.DURATION, TimexType.SET

POINT_MODS = {
    "early": "START", "earlier": "START", "late": "END", "later": "END", "mid": "MID",
    "the end of": "END", "the beginning of": "START", "the start of": "START",
    "the middle of": "MID", "the close of": "END", "the turn of": "START",
    "mid-afternoon": "MID", "midafternoon": "MID", "mid-morning": "MID", "midmorning": "MID",
}

# Tense markers, matched on the lower-cased text in one scan (no IGNORECASE: sre skips
# case-sensitive alternatives by their first letter, several times faster). Group f marks a
# future reading of "Friday", "in December"; group p a past one. An "-ed" word counts only
# when it is lower case in the original ("United", "Red" do not).
TENSE_RE = re.compile(
    r"\b(?:(?P<f>will|shall|won't|going\s+to|plans?\s+to|planning|planned|scheduled"
    r"|expected|expects?|due\s+to|slated|upcoming|to\s+be\s+held|intends?\s+to|hopes?\s+to"
    r"|would\s+be|as\s+(?:soon|early)\s+as|set\s+to|next|is\s+to|are\s+to|'ll)"
    r"|(?P<p>was|were|had|did|said|told|ago|last|earlier|yesterday|came|went|met|began"
    r"|took|gave|made|saw|won|lost|fell|rose|left|held|led|sent|got|became|found|died|fled"
    r"|spoke|struck|hit|put|set\s+off|broke|brought|sought|signed|arrived|killed)"
    r"|(?P<ed>[a-z]+ed))\b"
)

_NOT_NEXT_AFTER = re.compile(r"\s+to\b")

_HAD_BEFORE = re.compile(r"\bhad\s+(?:been\s+)?$")

_BE_BEFORE = re.compile(r"\b(?:be|being)\s+$")

# words ending in "-ed" that are not past-tense verbs
_NOT_PAST_ED = frozenset(("hundred", "red", "bed", "shed", "sacred", "naked", "wicked",
                          "kindred", "rugged", "ragged", "beloved", "aged", "wed", "embed"))

_ABBREV_BEFORE_DOT = re.compile(r"(?:^|[\s(])(?:[A-Za-z]|[A-Za-z]\.[A-Za-z]|[A-Z][a-z]{1,3})$")

_NEAR_LEFT = 45  # a marker this close before the expression is its governing verb

_PLUPERFECT_RIGHT = re.compile(r"[^.;]*?\bhad\b", re.IGNORECASE)

_PLUPERFECT_LEFT = re.compile(r"\b(?:had|was|were)\b[^.;]*$", re.IGNORECASE)

# A deadline preposition right before the expression: "until 9 a.m. Tuesday", "by Friday".
_DEADLINE_LEFT = re.compile(
    r"\b(?:until|till|by)\s+(?:(?:at|noon|midnight|\d{1,2}(?::\d\d)?(?:\s?[ap]\.?m\.?)?"
    r"(?:\s+[a-z]{3})?)\s+){0,3}$",
    re.IGNORECASE,
)

# A sentence boundary, but not the period of "a.m.", "U.S.", "Mr." or "Sept.".
_BOUNDARY_RE = re.compile(
    r"(?<![.\s][a-zA-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})(?<!\bSept)[.!?]\s|;\s|\n\s*\n"
)

PAST_REL = {"last", "past", "previous", "preceding", "prior", "this past", "recent"}

NEXT_REL = {"next", "coming", "following", "upcoming", "this coming"}

SAME_REL = {"same", "that", "that same"}


class Cand:
    """One resolved candidate before output (mutable scratch, local to one call)."""

    __slots__ = ("start", "end", "type", "value", "mod", "clock", "day")

    def __init__(self, start, end, type_, value, mod=None, clock=None, day=None):
        self.start, self.end, self.type, self.value = start, end, type_, value
        self.mod, self.clock, self.day = mod, clock, day


class Doc:
    """Per-call resolution state: the anchor and what the document last referred to."""

    __slots__ = ("text", "low", "anchor", "ref_day", "ref_year", "ref_month", "ref_quarter",
                 "fin")

    def __init__(self, text: str, anchor: date | None, low: str | None = None):
        self.text = text
        self.low = low if low is not None else lower_same_length(text)
        self.anchor = anchor
        self.ref_day = anchor
        self.ref_year = anchor.year if anchor else None
        # (year, month) of the last month named in the text ("In March, ... The following
        # month"); None until one is
        self.ref_month: tuple[int, int] | None = None
        # the fiscal quarter a financial report is about: set by the first explicit quarter
        self.ref_quarter: tuple[int, int] | None = None
        self.fin = False

    # -- context -------------------------------------------------------------------------
    def tense(self, start: int, end: int) -> int:
        """+1 future, -1 past, 0 unknown, from tense markers in the same sentence.

        A marker just before the expression (the governing verb: "said Friday", "will meet
        on Friday") decides; otherwise the first marker after it ("On Friday, the government
        planned ..."); otherwise the nearest further left. A deadline ("until Tuesday") is
        ahead unless the clause is pluperfect ("had filed reports by Wednesday").
        """
        text = self.text
        if _DEADLINE_LEFT.search(text, max(0, start - 30), start) and not (
                _PLUPERFECT_LEFT.search(text, max(0, start - 60), start)
                or _PLUPERFECT_RIGHT.match(text, end, min(len(text), end + 40))):
            return 1
        lo = self.sentence_start(max(0, start - 100), start)
        best_left = None  # (distance, sign)
        for m in TENSE_RE.finditer(self.low, lo, start):
            sign = self.sign(m)
            if sign:
                best_left = (start - m.end(), sign)
        if best_left is not None and best_left[0] <= _NEAR_LEFT:
            return best_left[1]
        hi = self.sentence_end(end, min(len(text), end + 60))
        for m in TENSE_RE.finditer(self.low, end, hi):
            sign = self.sign(m)
            if sign:
                return sign
        return best_left[1] if best_left else 0

    def sign(self, m) -> int:
        g, i, low = m.lastgroup, m.start(), self.low
        if g == "f":
            if low.startswith("next", i) and _NOT_NEXT_AFTER.match(low, m.end()):
                return 0  # "next to the embassy" is a place
            if _HAD_BEFORE.search(low, max(0, i - 16), i):
                return -1  # a plan already overtaken: "had been scheduled to expire Friday"
            return 1
        if g == "ed":
            w = m.group()
            if not self.text[i].islower() or w in _NOT_PAST_ED or (
                    w.endswith("eed") and not w.endswith(("reed", "teed"))):
                return 0  # "United", "hundred", "succeed", "need", "exceed"
        # a passive after "be" takes its time from the modal: "will be named", "to be held"
        if _BE_BEFORE.search(low, max(0, i - 7), i):
            return 0
        return -1

    def _is_boundary(self, m) -> bool:
        if m.group()[0] != ".":
            return True
        i = m.start()
        return _ABBREV_BEFORE_DOT.search(self.text, max(0, i - 5), i) is None

    def sentence_start(self, lo: int, pos: int) -> int:
        """Offset just after the last sentence end in [lo, pos), else lo."""
        cut = lo
        for m in _BOUNDARY_RE.finditer(self.text, lo, pos):
            if self._is_boundary(m):
                cut = m.end()
        return cut

    def sentence_end(self, pos: int, hi: int) -> int:
        """Offset of the first sentence end in [pos, hi), else hi."""
        for m in _BOUNDARY_RE.finditer(self.text, pos, hi):
            if self._is_boundary(m):
                return m.start()
        return hi

    def default_quarter(self) -> tuple[int, int] | None:
        if self.ref_quarter is not None and (
                self.anchor is None or self.ref_quarter[0] >= self.anchor.year - 1):
            return self.ref_quarter
        if self.anchor is None:
            return None
        # a report without an explicit quarter is about the last completed one
        return cal.shift_quarter(self.anchor.year, cal.quarter_of(self.anchor), -1)


def norm(s: str) -> str:
    return " ".join(s.lower().split())


def title_case(text: str, start: int, end: int) -> bool:
    """True for "Year" or "Minutes" (a name), False for "year" or "YEAR" (a headline)."""
    w = text[start:end]
    return w[:1].isupper() and not w.isupper()


def capital(doc: Doc, m, group: str) -> bool:
    """True when the original text of ``group`` starts with a capital (month, weekday)."""
    i = m.start(group)
    return i >= 0 and doc.text[i].isupper()
