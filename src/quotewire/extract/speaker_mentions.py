"""Cleaning a speaker mention span before it is resolved.

What is no speaker at all (:func:`is_junk_mention`: a weekday, a kicker, an adverb), the
clause openers and trailing calendar words a span drags along (:func:`drop_leading_junk`,
:func:`clean_words`), the head noun of a description (:func:`head_index`), whether a span
is a noun phrase at all (:func:`not_a_phrase`), the clause subject or appositive name
that a broken span stands for (:func:`clause_subject`, :func:`appositive_name`), and the
spans that are only part of a longer phrase (:func:`opening_modifier`: "Digital" of
"Digital terrestrial TV"; :func:`cut_before_head`: "his golden economic" of "... rule").
Pure functions of words or of text and offsets.
"""

from __future__ import annotations

import functools
import re

from quotewire.extract.lexicons import (
    ADVERBS,
    CUES,
    DETERMINERS,
    FUNCTION_WORDS,
    JUNK_SPEAKER_WORDS,
    PRONOUNS,
    ROLE_WORDS,
    SPEAKER_KINDS,
    SPEAKER_NOUNS,
    words,
)
from quotewire.extract.speaker_names import (
    COUNTRY_KEYS,
    SENTENCE_START,
    SPEAKER_WORDS,
    has_word,
    is_title_word,
    known_noun,
    norm,
    run_kind,
    strip_det,
    word_starts,
)
from quotewire.records import SpeakerKind


# A whole word (full-matched, any case) that names a day, month or calendar unit.
_CALENDAR = re.compile(
    "|".join(re.escape(w) for w in sorted(SPEAKER_WORDS["calendar_word"])), re.IGNORECASE
)
_POSTMODIFIERS = SPEAKER_WORDS["postmodifier"]
_AUXILIARIES = SPEAKER_WORDS["auxiliary"]
# The first auxiliary (or "said") of a clause: the subject before it ends there.
_AUXILIARY_RE = re.compile(
    r"[ \t]+(?:" + "|".join(re.escape(w) for w in sorted(_AUXILIARIES)) + r")(?![\w'\u2019\-])", re.IGNORECASE
)
_ADJECTIVE_ENDINGS = tuple(sorted(SPEAKER_WORDS["adjective_suffix"]))
_LY_NOUNS = words("ly_nouns.txt")  # "family", "rally": not adverbs
_POSSESSIVES = SPEAKER_WORDS["possessive_determiner"]
_TIME_MODIFIERS = SPEAKER_WORDS["time_modifier"]  # "Late" of "Late Monday"
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
    return all(_junk_word(w) or time_modifier_at(raw, i) for i, w in enumerate(raw))


def time_modifier_at(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` opens a time expression before a calendar word ("Late" of
    "Late Monday", "Earlier" of "Earlier this week"; lexicons/speaker_words.tsv
    time_modifier): with it, it names no one."""
    if norm(words[i]) not in _TIME_MODIFIERS:
        return False
    rest = words[i + 1 : i + 3]
    if rest and rest[0].lower() in ("this", "last", "next", "on") and len(rest) > 1:
        rest = rest[1:]
    return bool(rest) and is_calendar(rest[0])


def _junk_word(word: str) -> bool:
    w = norm(word)
    if word[:1].isupper() and (w in _AUXILIARIES or w == "may"):
        return False  # "May", "Will": names as often as modals
    return (
        w in JUNK_SPEAKER_WORDS or w in FUNCTION_WORDS or w in ADVERBS or is_calendar(w) or w.isdigit()
        or is_ly_adverb(word)
    )


def is_ly_adverb(word: str) -> bool:
    """A lower-case "-ly" word of five letters or more that is no "-ly" noun
    (lexicons/ly_nouns.txt: "family", "assembly") or speaker noun ("the daily"):
    "reportedly", "clearly"."""
    w = norm(word)
    return word[:1].islower() and len(w) >= 5 and w.endswith("ly") and w not in _LY_NOUNS and not known_noun(w)


def _capital_ly(word: str) -> bool:
    """A capitalised word of an "-ly" adverb's shape ("Sadly", "Formerly"), not a country
    ("Italy") nor a possessive ("Kelly's"), all capitals excluded."""
    return (
        word[:1].isupper() and not word.isupper() and is_ly_adverb(word.lower())
        and not word.endswith(("'s", "\u2019s")) and norm(word) not in COUNTRY_KEYS
    )


def not_a_phrase(words: list[str], determined: bool = False) -> bool:
    """A span that is no noun phrase: it opens with a participle ("prompting media",
    "having ...") unless a determiner precedes it ("the visiting secretary"), or it holds
    a finite verb ("There was no evidence ...")."""
    if not words:
        return True
    first = words[0]
    if (
        not determined
        and first[:1].islower()
        and first.endswith("ing")
        and norm(first) not in SPEAKER_KINDS
        and not (len(words) > 1 and is_title_word(first))  # "managing director X", "acting head"
    ):
        return True
    return any(norm(w) in _AUXILIARIES for w in words)


def drop_leading_junk(words: list[str]) -> list[str]:
    """ "Although Africa" -> ["Africa"], "reportedly Smith" -> ["Smith"], "Sadly critics"
    -> ["critics"]: clause openers and adverbs are not part of a speaker."""
    while len(words) > 1 and (
        (norm(words[0]) in JUNK_SPEAKER_WORDS and not is_calendar(words[0]))
        or (norm(words[0]) in FUNCTION_WORDS and words[0] != "US")
        or words[0].endswith("-based")
        or is_ly_adverb(words[0])
        or (_capital_ly(words[0]) and words[1][:1].islower())  # "Sadly critics"
    ):
        words = words[1:]
    # "Tuesday Mike Cox", "April 24 directive"; an outlet keeps its day ("Sunday Times").
    while len(words) > 1 and (is_calendar(words[0]) or words[0].isdigit() or time_modifier_at(words, 0)) and run_kind(words) is not SpeakerKind.MEDIA:
        words = words[1:]
    return words


def head_index(words: list[str]) -> int:
    """Index of the head noun of a description: the last word before its first
    post-modifier ("spokesman of the Ministry", "experts participating in", "results
    announced by"); an "-ing" or "-ed" word before another head noun modifies it ("the
    thrift holding company")."""
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
            and not (i + 1 < len(words) and _speaker_noun(words[i + 1]))
        ):
            return i - 1  # "hostages held", not "the thrift holding company"
    return len(words) - 1


def _speaker_noun(word: str) -> bool:
    w = norm(word)
    return word[:1].islower() and (w in SPEAKER_KINDS or w in SPEAKER_NOUNS or w in ROLE_WORDS)


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


def clause_subject(text: str, s: int, e: int | None = None, any_verb: bool = False) -> tuple[int, int] | None:
    """The subject opening the clause that holds ``s``: from the sentence start to the
    first comma ("Pakistan, a key US ally, on Saturday described") or to ``s`` (to ``e``
    when given, with no comma: "The US State Department's coordinator on Iraq"). Without
    ``e``, a subject ends at its auxiliary, or is a pronoun, when only adverbs and
    auxiliaries lie between it and ``s`` ("The runner has not always matched", "I've
    always thought"); with ``any_verb`` at its first auxiliary whatever follows it
    ("Local charities have offered help; most say")."""
    lo = max(0, s - 300)
    start = lo
    for m in SENTENCE_START.finditer(text, lo, s + 1):  # s + 1: the look-ahead sees text[s]
        start = m.end()
    if e is None and text[start : start + 1] in "\"\u201c" and start < s:
        start += 1  # '"The manager has always wanted': the subject inside the quote
    seg = text[start : s if e is None else e]
    cut = seg.find(",")
    if e is None:
        aux = _AUXILIARY_RE.search(seg)
        if aux is not None and (cut < 0 or aux.start() < cut) and (any_verb or _verb_group(seg[aux.start() :])):
            cut = aux.start()
    end = start + (cut if cut >= 0 else len(seg.rstrip()))
    if e is not None and cut >= 0:
        return None
    seg = text[start:end].strip()
    if not seg or not seg[:1].isupper() or len(seg.split()) > _MAX_SUBJECT_WORDS or start >= s:
        return None
    if norm(seg.split()[0]) in FUNCTION_WORDS or norm(seg.split()[0]) in JUNK_SPEAKER_WORDS:
        return None  # "For the first time ...": no subject opens this clause
    pronoun = _PRONOUN_SUBJECT.match(seg)
    if e is None and pronoun is not None and pronoun.group().lower() in PRONOUNS and (
        any_verb or _verb_group(text[start + pronoun.end() : s])
    ):
        seg = pronoun.group()  # "I've always thought": the pronoun is the subject
    off = text.find(seg, start)
    return off, off + len(seg)


# A pronoun opening a clause, alone or with its contracted auxiliary ("I've", "they'd").
_PRONOUN_SUBJECT = re.compile(r"[A-Za-z]+(?=['\u2019](?:ve|d|ll|m|re|s)\b|\s|$)")


def _verb_group(between: str) -> bool:
    """Only auxiliaries, adverbs and contractions: "has not", "'ve", "will almost"."""
    return all(
        w in _AUXILIARIES or w in ADVERBS or w in JUNK_SPEAKER_WORDS or is_ly_adverb(w) or w[:1] in "'\u2019"
        for w in (norm(x) for x in re.findall(r"['\u2019]?[\w\-]+", between))
    )


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
        if run_kind(words) is not SpeakerKind.STATE and not is_junk_mention(words[0]) and not is_junk_mention(" ".join(words)):
            off = max(0, s - 80) + before.end(1) - len(" ".join(words))
            return off, off + len(" ".join(words)), " ".join(words)
    after = re.match(r",[ \t]*((?:[A-Z][\w\u2019'\-]*[ \t]+){1,3}[A-Z][\w\u2019'\-]*),", text[e : e + 80])
    if after and not is_junk_mention(after.group(1).split()[0]):
        return e + after.start(1), e + after.end(1), after.group(1)
    return None


def _looks_adjective(word: str) -> bool:
    """A lower-case word with an adjective ending that is no known speaker noun or role
    ("economic", "golden ... economic"; not "official")."""
    w = norm(word)
    return word[:1].islower() and w.endswith(_ADJECTIVE_ENDINGS) and not known_noun(w)


def _bare_noun_after(text: str, e: int) -> str | None:
    """The lower-case word right after ``e`` when it reads as a bare noun, not a finite
    verb: no "-s"/"-ed" ending, no auxiliary or modal ("rule" of "his golden economic
    rule", not "said", "warned", "believes", "will")."""
    m = re.match(r"[ \t]+([a-z][a-z\-]*)\b(?![\u2019'])", text[e : e + 40])
    if m is None:
        return None
    w = m.group(1)
    if w.endswith(("s", "ed")) or w in _AUXILIARIES or w in ADVERBS or w in FUNCTION_WORDS or w in DETERMINERS:
        return None
    return w


def cut_before_head(text: str, words: list[str], e: int) -> bool:
    """A possessive noun phrase cut before its head noun: "his golden economic" of "his
    golden economic rule" (the next word is a bare noun, its last word an adjective).
    Such a span names no source."""
    return (
        len(words) >= 2
        and norm(words[0]) in _POSSESSIVES
        and _looks_adjective(words[-1])
        and _bare_noun_after(text, e) is not None
    )


def opening_modifier(text: str, s: int, e: int) -> str | None:
    """A capitalised adjective or adverb opening a sentence, taken alone as a span
    ("Digital" of "Digital terrestrial TV will launch", "Early" of "Early estimates from
    the World Bank put"): a single word at a sentence start, followed by a lower-case word,
    with an adjective or "-ly" ending, no country or known noun, and written in lower case
    elsewhere in the article. Returns the lower-case word that follows, else None."""
    word = text[s:e]
    if " " in word or not word[:1].isupper() or word.isupper():
        return None
    low = norm(word)
    if low in COUNTRY_KEYS or known_noun(low) or is_title_word(low) or not low.endswith(_ADJECTIVE_ENDINGS + ("ly",)):
        return None
    at_start = any(m.end() == s for m in SENTENCE_START.finditer(text, max(0, s - 4), s + 1))
    nxt = re.match(r"[ \t]+([a-z][\w\-]*)", text[e : e + 40])
    if not at_start or nxt is None:
        return None
    if not has_word(text, low) and not (
        sentence_adverb(text, word) and not (nxt.group(1) in CUES and not nxt.group(1).endswith("s"))
    ):
        return None  # "Kelly said": a cue verb after the word makes it a name
    return nxt.group(1)


def sentence_adverb(text: str, word: str) -> bool:
    """A capitalised "-ly" word that reads as a sentence adverb ("Sadly", "Formerly"):
    its lower-case form has the shape of an "-ly" adverb (:func:`is_ly_adverb`) and the
    article never writes it capitalised inside a sentence, as it would a name ("Kelly",
    "Mr Kelly")."""
    if not _capital_ly(word):
        return False
    for at in word_starts(text, word):
        if not any(n.end() == at for n in SENTENCE_START.finditer(text, max(0, at - 4), at + 1)):
            return False
    return True
