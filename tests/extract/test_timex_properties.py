"""Property tests for the TIMEX3 tagger: valid values, determinism, no input raises."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotewire.extract.timex import is_valid_timex3_value, tag_timexes

ANCHORS = st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31)) | st.none()

# Fragments that exercise the grammar, so random text actually produces expressions.
FRAGMENTS = st.sampled_from([
    "Friday", "last", "next", "the", "past", "65", "years", "ago", "Sept.", "28", ",", "2025",
    "09:57", "a.m.", "quarter", "third", "fiscal", "1998", "1990s", "'80s", "every", "week",
    "month", "yesterday", "today", "morning", "night", "more than", "nearly", "early", "late",
    "mid-", "the same day", "recent", "now", "currently", "summer", "Christmas", "noon",
    "twenty-five", "a few", "several", "decades", "century", "20th", "year-ago", "period",
    "half", "weekend", "tonight", "Thanksgiving", "0", "31", "February", "30", "9999", "0001",
    "May", "March", "-", ".", " ", "\n", "\u00a0", "\u2019s", "\u0661\u0669\u0669\u0668",
    "later", "earlier", "ago", "Q3", "FY2025", "a.m.", "GMT", "(", ")", "Five-Year", "until",
])
NEWSY = st.lists(FRAGMENTS, max_size=30).map(" ".join)
TEXT = st.text(max_size=300) | NEWSY | st.tuples(NEWSY, st.text(max_size=40)).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, anchor=ANCHORS)
def test_never_raises_and_values_are_valid(text, anchor):
    ms = tag_timexes(text, anchor)
    prev_end = 0
    for m in ms:
        assert is_valid_timex3_value(m.value), m
        assert 0 <= prev_end <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.text == m.text.strip(), m  # spans never begin or end with white space
        prev_end = m.end


@settings(max_examples=200, deadline=None)
@given(text=NEWSY, anchor=ANCHORS)
def test_deterministic(text, anchor):
    assert tag_timexes(text, anchor) == tag_timexes(text, anchor)


@settings(max_examples=300, deadline=None)
@given(value=st.text(max_size=25))
def test_validator_never_raises(value):
    assert is_valid_timex3_value(value) in (True, False)
