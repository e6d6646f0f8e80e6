"""Word lists for the TIMEX3 tagger, loaded once from ``lexicons/timex_*`` data files.

Every table is immutable (``MappingProxyType`` / ``tuple``) so the module holds no mutable
global state. Lines starting with ``#`` and blank lines are ignored; columns are tab-separated.
Also here: :func:`alternation`, which turns a word list into a regex alternation that is
factored by common prefixes, so the combined pattern stays fast.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Iterable, Mapping

from quotewire.lexicons.load import read_tsv


def _rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of one lexicon file, through the one lexicon reader."""
    return read_tsv("quotewire.extract", f"lexicons/{name}")


def _table(name: str, convert=str) -> Mapping[str, object]:
    return MappingProxyType({r[0]: convert(r[1]) for r in _rows(name)})


MONTHS: Mapping[str, int] = _table("timex_months.tsv", int)  # type: ignore[assignment]
WEEKDAYS: Mapping[str, int] = _table("timex_weekdays.tsv", int)  # type: ignore[assignment]
NUMBERS: Mapping[str, str] = _table("timex_numbers.tsv")  # type: ignore[assignment]
ORDINALS: Mapping[str, int] = _table("timex_ordinals.tsv", int)  # type: ignore[assignment]
UNITS: Mapping[str, str] = _table("timex_units.tsv")  # type: ignore[assignment]
SEASONS: Mapping[str, str] = _table("timex_seasons.tsv")  # type: ignore[assignment]
SEASON_START_MONTH: Mapping[str, int] = MappingProxyType(
    {r[1]: int(r[2]) for r in _rows("timex_seasons.tsv")}
)
PARTS_OF_DAY: Mapping[str, str] = _table("timex_parts_of_day.tsv")  # type: ignore[assignment]
VAGUE: Mapping[str, tuple[str, str]] = MappingProxyType(
    {r[0]: (r[1], r[2]) for r in _rows("timex_vague.tsv")}
)
SET_ADVERBS: Mapping[str, str] = _table("timex_sets.tsv")  # type: ignore[assignment]
MODIFIERS: Mapping[str, str] = _table("timex_modifiers.tsv")  # type: ignore[assignment]
HOLIDAYS: Mapping[str, str] = _table("timex_holidays.tsv")  # type: ignore[assignment]
TIMEZONES: tuple[str, ...] = tuple(r[0] for r in _rows("timex_timezones.txt"))


def alternation(words: Iterable[str]) -> str:
    """A non-capturing regex alternation of ``words``, factored as a prefix trie.

    ``["may", "march", "mar"]`` becomes ``(?:ma(?:y|r(?:ch)?))``-like source. Factoring keeps
    the regex engine from retrying every word at each position; the result has no nested
    quantifiers, so it cannot backtrack catastrophically. Longer words win over their
    prefixes because each optional tail is greedy.
    """
    trie: dict = {}
    for w in sorted(set(words)):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _trie_regex(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body
