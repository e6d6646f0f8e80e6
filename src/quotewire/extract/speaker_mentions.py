"""Cleaning a speaker mention span before it is resolved.

What is no speaker at all (:func:`is_junk_mention`: a weekday, a kicker, an adverb), the
clause openers and trailing calendar words a span drags along (:func:`drop_leading_junk`,
:func:`clean_words`), the head noun of a description (:func:`head_index`), whether a span
is a noun phrase at all (:func:`not_a_phrase`), and the clause subject or appositive name
that a broken span stands for (:func:`clause_subject`, :func:`appositive_name`). Pure
functions of words or of text and offsets.
"""

from __future__ import annotations

import functools
import re

from quotewire.extract.lexicons import (
    ADVERBS,
    FUNCTION_WORDS,
    JUNK_SPEAKER_WORDS,
    ROLE_WORDS,
    SPEAKER_KINDS,
    SPEAKER_NOUNS,
)
from quotewire.extract.speaker_names import (
    COUNTRY_KEYS,
    SENTENCE_START,
    SPEAKER_WORDS,
    known_noun,
    norm,
    run_kind,
    strip_det,
)
from quotewire.records import SpeakerKind


# A whole word (full-matched, any case) that names a day, month or calendar unit.
_CALENDAR = re.compile(
    "|".join(re.escape(w) for w in sorted(SPEAKER_WORDS["calendar_word"])), re.IGNORECASE
)
_POSTMODIFIERS = SPEAKER_WORDS["postmodifier"]
_AUXILIARIES = SPEAKER_WORDS["auxiliary"]
_MAX_SUBJECT_WORDS = 14  # a clause subject longer than this is no speaker phrase


def clean_words(words: list[str]) -> list[str]:
    """Mention words without leading determiners and without a trailing calendar word
    ("... commission Wednesday"); "one of the military experts" is a military expert."""
    words = strip_det(words)
    if len(words) > 2 and words[0].lower() == "of" and words[-1].endswith("s") and norm(words[-1])[:-1] in SPEAKER_KINDS:
        words = strip_det(words[1:])
        words = words[:-1] + [words[-1][:-1]]
    # "Prime Minister Ibrahim Jaafari vigorously", "... Ahmadinejad meanwhile"
    while len(words) > 1 and words[-1][:1].islower() and (words[-1].endswith("ly") or norm(words[-1]) in JUNK_SPEAKER_WORDS):
        words = words[:-1]
    while len(words) > 1 and is_calendar(words[-1]):
        words = words[:-1]
        if words and words[-1].lower() in ("last", "on", "this", "next"):
            words = words[:-1]
    return words


@functools.lru_cache(maxsize=8192)
def is_calendar(word: str) -> bool:
    return _CALENDAR.fullmatch(word.strip(".,")) is not None


def is_junk_mention(surface: str) -> bool:
    """True when a mention is no source at all: only calendar words, adverbs,
    conjunctions or kicker words ("Wednesday", "last Friday", "Urgent", "However")."""
    raw = surface.split()
    if not raw:
        return False
    if raw[-1] == "times" or (len(raw) == 1 and raw[0].isupper() and raw[0].lower() in COUNTRY_KEYS):
        return True  # "four times"; a dateline or list label ("LONDON:") is no speaker
    return all(_junk_word(w) for w in raw)


def _junk_word(word: str) -> bool:
    w = norm(word)
    if word[:1].isupper() and (w in _AUXILIARIES or w == "may"):
        return False  # "May", "Will": names as often as modals
    return w in JUNK_SPEAKER_WORDS or w in FUNCTION_WORDS or w in ADVERBS or is_calendar(w) or w.isdigit()


def not_a_phrase(words: list[str], determined: bool = False) -> bool:
    """A span that is no noun phrase: it opens with a participle ("prompting media",
    "having ...") unless a determiner precedes it ("the visiting secretary"), or it holds
    a finite verb ("There was no evidence ...")."""
    if not words:
        return True
    first = words[0]
    if not determined and first[:1].islower() and first.endswith("ing") and norm(first) not in SPEAKER_KINDS:
        return True
    return any(norm(w) in _AUXILIARIES for w in words)


def drop_leading_junk(words: list[str]) -> list[str]:
    """ "Although Africa" -> ["Africa"]: clause openers are not part of a speaker."""
    while len(words) > 1 and (
        (norm(words[0]) in JUNK_SPEAKER_WORDS and not is_calendar(words[0]))
        or (norm(words[0]) in FUNCTION_WORDS and words[0] != "US")
        or words[0].endswith("-based")
    ):
        words = words[1:]
    # "Tuesday Mike Cox", "April 24 directive"; an outlet keeps its day ("Sunday Times").
    while len(words) > 1 and (is_calendar(words[0]) or words[0].isdigit()) and run_kind(words) is not SpeakerKind.MEDIA:
        words = words[1:]
    return words


def head_index(words: list[str]) -> int:
    """Index of the head noun of a description: the last word before its first
    post-modifier ("spokesman of the Ministry", "experts participating in", "results
    announced by")."""
    for i in range(1, len(words)):
        w = words[i].lower()
        if w in _POSTMODIFIERS or w.startswith("("):
            if i >= 2 and words[i - 1][:1].islower() and not known_noun(words[i - 1]) and (
                known_noun(words[i - 2]) or words[i - 2].endswith("s") and not words[i - 2].endswith("ss")
            ):
                return i - 2  # "hostages held in ...": an irregular participle
            return i - 1
        prev = norm(words[i - 1])
        if (
            w.endswith(("ing", "ed"))
            and words[i][:1].islower()
            and (prev in SPEAKER_KINDS or prev in SPEAKER_NOUNS or prev in ROLE_WORDS or prev.endswith("s"))
        ):
            return i - 1
    return len(words) - 1


def name_extent(core: list[str], hi: int) -> int:
    """Last index of a capitalised name that goes on past a preposition: "Director of
    National Intelligence John Negroponte", "Committee to Protect Journalists"; a
    preposition before a lower-case word ends it ("Prabakaran in his speech")."""
    i = hi
    while i + 2 < len(core) and core[i + 1].lower() in ("of", "to", "for", "on") and (
        core[i + 2][:1].isupper() or (core[i + 2] == "the" and i + 3 < len(core) and core[i + 3][:1].isupper())
    ):
        j = i + 2 if core[i + 2][:1].isupper() else i + 3
        while j + 1 < len(core) and core[j + 1][:1].isupper():
            j += 1
        i = j
    return i


def clause_subject(text: str, s: int, e: int | None = None) -> tuple[int, int] | None:
    """The subject opening the clause that holds ``s``: from the sentence start to the
    first comma ("Pakistan, a key US ally, on Saturday described") or to ``s`` (to ``e``
    when given: "The US State Department's coordinator on Iraq")."""
    lo = max(0, s - 300)
    start = lo
    for m in SENTENCE_START.finditer(text, lo, s + 1):  # s + 1: the look-ahead sees text[s]
        start = m.end()
    seg = text[start : s if e is None else e]
    cut = seg.find(",")
    end = start + (cut if cut >= 0 else len(seg.rstrip()))
    if e is not None and cut >= 0:
        return None
    seg = text[start:end].strip()
    if not seg or not seg[:1].isupper() or len(seg.split()) > _MAX_SUBJECT_WORDS or start >= s:
        return None
    if norm(seg.split()[0]) in FUNCTION_WORDS or norm(seg.split()[0]) in JUNK_SPEAKER_WORDS:
        return None  # "For the first time ...": no subject opens this clause
    off = text.find(seg, start)
    return off, off + len(seg)


def appositive_name(text: str, s: int, e: int) -> tuple[int, int, str] | None:
    """ "Ericsson, the world's leading supplier, said" and "Economist at the HSBC James
    Capel trading house, Adam Cole, said": the name set off by commas next to a
    description is the speaker."""
    before = re.search(
        r"(?:^|[.!?][\"'\u201d]?[ \t]+|\n[ \t]*)(?:[\w\-]+-based[ \t]+)?((?:[A-Z][\w\u2019'\-]*[ \t]+){0,3}[A-Z][\w\u2019'\-]*),[ \t]*$",
        text[max(0, s - 80) : s],
    )
    if before:
        words = before.group(1).split()
        while len(words) > 1 and words[0].endswith("-based"):
            words = words[1:]
        if run_kind(words) is not SpeakerKind.STATE and not is_junk_mention(words[0]):
            off = max(0, s - 80) + before.end(1) - len(" ".join(words))
            return off, off + len(" ".join(words)), " ".join(words)
    after = re.match(r",[ \t]*((?:[A-Z][\w\u2019'\-]*[ \t]+){1,3}[A-Z][\w\u2019'\-]*),", text[e : e + 80])
    if after and not is_junk_mention(after.group(1).split()[0]):
        return e + after.start(1), e + after.end(1), after.group(1)
    return None
