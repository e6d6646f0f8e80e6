"""Offset-preserving segmentation: header lines, paragraphs, quotation marks, sentences.

Nothing here copies or normalises the text: every unit is a ``(start, end)`` pair of
``str`` indices into the exact input. All regular expressions are linear-time (no nested
quantifiers over overlapping classes; runs are guarded by look-behinds or possessive
quantifiers), because input is untrusted and may be one megabyte on one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A scraped header line " date 2025-09-28 Headline" and a broken byline
# "Xinhua) 09:57, September 28, 2025": never article body, never statements.
_HEADER_LINE = re.compile(r"[ \t]*date \d{4}-\d{2}-\d{2}\b")
_BYLINE = re.compile(r"[ \t]*[A-Z][\w .]{0,40}\) \d{1,2}:\d{2}, ")
# "BEIJING, Sept. 28 (Xinhua) --" / "SALVADOR, Feb 26 -": a place in capitals, a date,
# an optional agency, a dash. Bounded quantifiers only.
_DATELINE = re.compile(
    r"[ \t]*[A-Z][A-Z.'\- ]{1,40}(?:, [A-Z][A-Za-z.]{1,20})?, [A-Z][a-z]{2,4}\.? \d{1,2}"
    r"(?: \([A-Za-z ]{1,30}\))?[ \t]*(?:--|-|\u2014|\u2013)[ \t]*"
)
_LINE = re.compile(r"[^\n]+")

# Sentence break: terminal punctuation (plus closing quotes/brackets), spaces, then
# something that can open a sentence. The look-behind makes a run of punctuation
# start at most one attempt, so a megabyte of "....." stays linear.
_SENT_BREAK = re.compile(
    r"(?<![.!?\u201d\"\u2019'\u00bb)\]])[.!?][.!?\u201d\"\u2019'\u00bb)\]]*+[ \t\u00a0\u2009\u202f]++"
    r"(?=''|[\u201c\"\u2018\u00ab]|[\u201d(\[]?[A-Z0-9])"
)
_LAST_WORD = re.compile(r"[\w.]{1,12}$")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "sen",
        "rep",
        "gov",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "adm",
        "prof",
        "rev",
        "jr",
        "sr",
        "st",
        "mt",
        "ft",
        "inc",
        "corp",
        "co",
        "ltd",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "vs",
        "gov",
        "u.s",
        "u.n",
        "u.k",
        "d.c",
        "a.m",
        "p.m",
    ]
)

# Three apostrophes are a nested single quotation closing together with (or opening
# right after) a twin '' mark: one mark, so the third apostrophe is not left outside
# the span (where it broke the frame: ''... 'special case,''' Mr. Putin said).
_QUOTE_MARK = re.compile("[\u201c\u201d\u00ab\u00bb\"\u2018\u2019]|``|'''?")
_OPEN_CONTEXT = frozenset(" \t\n([{\u2014\u2013-/:")
# What may precede a mark at a paragraph start: the line break itself or invisible
# direction/format marks pasted from social media ("\u202a”This is why...").
_LINE_START = frozenset("\n\u202a\u202b\u200e\u200f\ufeff")
_MAX_QUOTE_DEPTH = 4  # deeper nesting is noise; capping it keeps pairing linear


# Abbreviations that often end a sentence ("... after 7 p.m. He said ..."): a break
# after them stands when a pronoun or article opens the next sentence.
_FINAL_ABBREVIATIONS = frozenset(
    ["a.m", "p.m", "u.s", "u.k", "u.n", "d.c", "inc", "co", "corp", "ltd"]
)
_SENTENCE_OPENERS = frozenset(
    ["he", "she", "they", "it", "we", "i", "the", "a", "an", "this", "that", "but", "and"]
)
_FIRST_WORD = re.compile(r"[A-Za-z]{1,5}\b")


def _opens_sentence(text: str, pos: int, end: int) -> bool:
    """The word at ``pos`` is a capitalised pronoun or article ("He", "The")."""
    m = _FIRST_WORD.match(text, pos, end)
    return bool(m) and m.group()[0].isupper() and m.group().lower() in _SENTENCE_OPENERS


@dataclass(frozen=True)
class Paragraph:
    """A body line. ``start`` skips a leading dateline; ``quotes`` are top-level spans.

    ``open_quote`` is the offset of a quotation left open at the paragraph's end (a quote
    continued in the next paragraph), else None.
    """

    start: int
    end: int
    quotes: tuple[tuple[int, int], ...]
    open_quote: int | None


def body_paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Split ``text`` into non-empty lines, dropping header lines and datelines.

    A header line (`` date YYYY-MM-DD ...``) and a byline (``Xinhua) 09:57, ...``) are
    dropped entirely; a dateline is cut off the front of its paragraph so it never becomes
    part of a speaker.
    """
    out: list[Paragraph] = []
    for m in _LINE.finditer(text):
        start, end = m.start(), m.end()
        if _HEADER_LINE.match(text, start, end) or _BYLINE.match(text, start, end):
            continue
        d = _DATELINE.match(text, start, end)
        if d:
            start = d.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        spans, open_at = pair_quotes(text, start, end)
        out.append(Paragraph(start, end, spans, open_at))
    return tuple(out)


def _mark_kind(text: str, pos: int, mark: str, top: str | None) -> tuple[str, bool] | None:
    """(kind, is_opener) for a quotation mark, or None when it is an apostrophe/noise."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + len(mark)] if pos + len(mark) < len(text) else " "
    if mark == "\u201c":
        if top == "curly" and not before.isspace() and not after.isalnum():
            return "curly", False  # mis-typed closer: “It's unusual,“ said ...
        return "curly", True
    if mark == "\u201d":
        # A right mark opening a paragraph or word ("”Fear. I am afraid”) is a
        # mis-typed opener when nothing is open; at a line start it opens even before
        # a space ("” … he delivered a mix,” X wrote.": an elided opening).
        if top is None and (
            ((before.isspace() or pos == 0) and after.isalnum()) or before in _LINE_START
        ):
            return "curly", True
        if top == "straight":
            return "straight", False  # mixed styles: "...” closes a straight opener
        return "curly", False
    if mark == "\u00ab":
        return "guil", True
    if mark == "\u00bb":
        return "guil", False
    if mark == "``":
        return "tex", True
    if mark in ("''", "'''"):
        # TeX closes ``...''; some outlets (NYT archive text) use '' on both sides.
        if top in ("tex", "twin"):
            return top, False
        if top is None and (before in _OPEN_CONTEXT or before.isspace()) and not after.isspace():
            return "twin", True
        return None
    if mark == '"':
        if after == "\u201c" or before == "\u201d":
            return None  # '"“Q,” X said."': a straight mark doubling a curly one is noise
        if top == "straight":
            return "straight", False
        if top == "curly" and not after.isalnum():
            return "curly", False  # mixed styles: “..." closes a curly opener
        if before in _OPEN_CONTEXT or before.isspace():
            return "straight", True
        return ("straight", True) if top is None and after.isalnum() else None
    # Single curly quotes only count at top level (British style); inside a double
    # quotation they are nested quotes or apostrophes and change nothing.
    if mark == "\u2018":
        if top is None and not before.isalnum() and (after.isalnum() or after in "$"):
            return "single", True
        return None
    if mark == "\u2019":
        if top == "single" and not after.isalnum() and not before.isspace():
            return "single", False
        return None
    return None


def pair_quotes(text: str, start: int, end: int) -> tuple[tuple[tuple[int, int], ...], int | None]:
    """Top-level quotation spans (marks included) in ``text[start:end]``.

    Returns the closed spans and the offset of a top-level quotation still open at ``end``
    (None if all closed). A closing mark with no opener is ignored; nested quotations
    (single inside double, curly inside straight) stay inside their outer span. Refuses
    (drops) an unclosed inner quotation.
    """
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for m in _QUOTE_MARK.finditer(text, start, end):
        mark = m.group()
        top = stack[-1][0] if stack else None
        kind = _mark_kind(text, m.start(), mark, top)
        if kind is None:
            continue
        k, is_open = kind
        if is_open:
            if len(stack) < _MAX_QUOTE_DEPTH:
                stack.append((k, m.start()))
            continue
        # A closer pops back to its matching opener if that opener is on the stack.
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] == k:
                opened = stack[depth][1]
                del stack[depth:]
                if not stack:
                    spans.append((opened, m.end()))
                break
    open_at = stack[0][1] if stack and stack[0][0] != "single" else None
    return tuple(spans), open_at


def sentences(
    text: str, start: int, end: int, quotes: tuple[tuple[int, int], ...]
) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]``; never breaks inside a quotation span.

    Keeping a multi-sentence quotation whole keeps ``"A. B," she said.`` one unit, which
    is how the attribution reads. Abbreviations (``Mr.``, ``U.S.``, initials) do not end
    a sentence.
    """
    out: list[tuple[int, int]] = []
    qi = 0
    s = start
    for m in _SENT_BREAK.finditer(text, start, end):
        cut = m.end()
        e = m.start() + 1  # end of the punctuation cluster, before the spaces
        while e < cut and not text[e].isspace():
            e += 1
        while qi < len(quotes) and quotes[qi][1] < e:
            qi += 1
        if qi < len(quotes) and quotes[qi][0] < e < quotes[qi][1]:
            continue  # inside a quotation
        if text[m.start()] in "?!" and e - m.start() > 1 and not _handed_over(text, quotes, qi, e):
            continue  # '"Why?" Obama asked.': a quoted question rarely ends the sentence
        w = _LAST_WORD.search(text, max(start, m.start() - 12), m.start())
        if w:
            word = w.group().lower().strip(".")
            if (
                word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())
            ) and not (word in _FINAL_ABBREVIATIONS and _opens_sentence(text, cut, end)):
                continue
        out.append((s, e))
        s = cut
    if s < end:
        out.append((s, end))
    return out


def _handed_over(text: str, quotes: tuple[tuple[int, int], ...], qi: int, e: int) -> bool:
    """Whether the quotation closing at ``e`` follows the writer's colon or comma ("His
    reply was: “Why?” The ...", "telling her, “Go!” She ..."): the writer handed the
    sentence over to it, so it ends there too."""
    if qi >= len(quotes) or quotes[qi][1] != e:
        return False
    qs = quotes[qi][0]
    return text[max(0, qs - 4) : qs].rstrip(" \t\u00a0")[-1:] in (":", ",")
