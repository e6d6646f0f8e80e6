"""One- and two-token tests the frame reader shares: content words, numbers, main
verbs and verb forms, trailing adjuncts ("said on Tuesday"), time phrases, quotation
shapes, and the adverb run before a cue.
"""

from __future__ import annotations

from quotewire.extract.frames.words import (
    _BE,
    _CONJ,
    _CUE_WORDS,
    _EVENT_NOUNS,
    _EVENT_PREPOSITIONS,
    _IRREGULAR_PAST,
    _LY_NOUNS,
    _POSSESSIVES,
    _PREDICATE_AUX,
    _TIME_NOUNS,
    _TRAILING_OPENERS,
    _WEEKDAYS,
)
from quotewire.extract.lexicons import (
    ADVERBS,
    CATENATIVES,
    CUE_NOUNS,
    DETERMINERS,
    FUNCTION_WORDS,
    PRONOUNS,
    words,
)
from quotewire.extract.tokens import PUNCT, QUOTE, WORD, Tok

_NOT_SPEAKERS = words("not_colon_speakers.txt")
_NUMBER_WORDS = words("number_words.txt")
_TITLE_SMALL_WORDS = words("title_small_words.txt")


def _title_case(toks: list[Tok]) -> bool:
    """A headline in title case ("Mayor Calls Plan 'A Failure'"): at least four words,
    every word of four letters or more capitalised; there a capitalised "Calls" or
    "Vows" is a verb."""
    words = [t for t in toks if t.kind == WORD and len(t.text) >= 4]
    return len(words) >= 4 and all(t.text[:1].isupper() for t in words)


def _name_end(toks: list[Tok], k: int) -> int:
    while (
        k < len(toks)
        and toks[k].kind == WORD
        and (toks[k].text[:1].isupper() or toks[k].low in ("de", "la", "van"))
    ):
        k += 1
    return k


def _title_speaker(toks: list[Tok], colon: int) -> bool:
    """ "Pat Caddell: Voters Are Worried" - a line opened by a short capitalised name
    and a colon (headlines, transcripts)."""
    words = toks[:colon]
    return (
        0 < len(words) <= 4
        and all(t.kind == WORD and t.text[:1].isupper() for t in words)
        and not any(t.low in _NOT_SPEAKERS or t.low in FUNCTION_WORDS for t in words)
    )


def _is_content_word(t: Tok) -> bool:
    return t.kind == WORD and t.low not in FUNCTION_WORDS and t.low not in DETERMINERS


def _event_adjunct_start(toks: list[Tok], j: int) -> int | None:
    """Start of an adjunct placing the speaker's own speech act that ends at token
    ``j`` ("in his speech delivered Monday"), when a name precedes it; else None. Looks
    back at most eight words."""
    if j < 0 or not _is_content_word(toks[j]):
        return None
    for x in range(j - 1, max(0, j - 8), -1):
        t = toks[x]
        if t.kind != WORD:
            return None
        if t.low in _EVENT_PREPOSITIONS and toks[x + 1].low in _POSSESSIVES:
            # "in his speech": the speaker's own act ("Delegates at the meeting" is a
            # subject with its modifier)
            name = toks[x - 1]
            if (
                any(y.low in _EVENT_NOUNS for y in toks[x + 2 : j + 1])
                and name.kind == WORD
                and name.text[:1].isupper()
                and name.low not in FUNCTION_WORDS
            ):
                return x
            return None
    return None


def _plural_subject(toks: list[Tok], j: int) -> bool:
    """A subject ending at ``j`` that takes a plural verb: a plural head ("Democrats")
    or a coordination ("China and Russia", "the US, Britain and France")."""
    return toks[j].low.endswith("s") or any(t.low in _CONJ for t in toks[max(0, j - 4) : j])


def _noun_before_participle(toks: list[Tok], k: int) -> bool:
    """ "reports reaching here said": a plural cue noun with a participle after it heads
    a noun phrase; it is no verb."""
    t = toks[k]
    return (
        t.low in CUE_NOUNS
        and t.low.endswith("s")
        and k + 1 < len(toks)
        and toks[k + 1].text.islower()
        and toks[k + 1].low.endswith("ing")
        and (k == 0 or toks[k - 1].low not in PRONOUNS)
    )


def _main_verb(t: Tok) -> bool:
    low = t.low.replace("\u2019", "'")
    return t.text.islower() and (
        low in _CUE_WORDS or low in _PREDICATE_AUX or low.endswith("ed") or low in _IRREGULAR_PAST
    )


def _after_quotation(toks: list[Tok], s: int) -> bool:
    """The speaker at token ``s`` directly follows a quotation ("“Q,” X said")."""
    return s > 0 and (toks[s - 1].kind == QUOTE or _after_quote(toks, s))


def _adverb_run(toks: list[Tok], i: int) -> tuple[int, bool]:
    """Index of the token before the adverbs, negations and auxiliaries preceding cue
    ``i`` ("has also said", "didn't say"; -1 at the sentence start), and whether a form
    of "be"/"get" among them makes the cue passive ("was told", not "was telling")."""
    j = i - 1
    passive = False
    while j >= 0 and toks[j].kind == WORD and (
        toks[j].low in ADVERBS
        or toks[j].low.endswith(("n't", "n\u2019t"))
        or (
            toks[j].low.endswith("ly")
            and toks[j].text.islower()
            and len(toks[j].low) > 4
            and toks[j].low not in _LY_NOUNS
        )
    ):
        if toks[j].low in _BE and not toks[i].low.endswith("ing"):
            passive = True
        j -= 1
    return j, passive


def _before_adverbs(toks: list[Tok], i: int) -> int | None:
    """Index of the token before the adverbs/auxiliaries preceding cue ``i``; None when
    the run makes the cue passive ("was described") or reaches the sentence start."""
    j, passive = _adverb_run(toks, i)
    return None if passive or j < 0 else j


def _catenative_at(toks: list[Tok], i: int) -> bool:
    """Cue ``i`` is the infinitive of "continued to assert" / "went on to say"."""
    if i < 2 or toks[i - 1].low != "to":
        return False
    if toks[i - 2].low == "on":
        return i >= 3 and toks[i - 3].low in CATENATIVES
    return toks[i - 2].low in CATENATIVES


def _is_number(word: str) -> bool:
    return word[:1].isdigit() or any(part in _NUMBER_WORDS for part in word.split("-"))


def _is_trailing(toks: list[Tok], k: int, end: int) -> bool:
    """True when tokens [k, end) are not content: nothing, a closing punctuation mark,
    or a prepositional/time phrase ("in a statement", "on Tuesday")."""
    if k >= end:
        return True
    t = toks[k]
    if t.kind == PUNCT:
        return t.text in ".!?;" or (t.text == "," and (k + 1 >= end or toks[k + 1].kind != QUOTE))
    if t.kind == WORD and t.low in ("this", "last", "next", "earlier", "late"):
        # "said this week" trails; "told reporters this was the only chance" does not.
        return k + 1 < end and toks[k + 1].low in _TIME_NOUNS
    return t.kind == WORD and t.low in _TRAILING_OPENERS


def _time_phrase_start(toks: list[Tok], j: int) -> int | None:
    """First token of a time phrase ending at token ``j`` ("on Tuesday", "this month",
    "Thursday morning", "early Friday"), else None."""
    if j < 0 or toks[j].kind != WORD:
        return None
    low = toks[j].low
    if low in _WEEKDAYS:
        s = j
    elif low in _TIME_NOUNS and j > 0 and toks[j - 1].low in _WEEKDAYS:
        s = j - 1  # "Thursday morning"
    elif low in _TIME_NOUNS and j > 0 and toks[j - 1].low in ("this", "last", "next"):
        return j - 1
    else:
        return None
    if s > 0 and toks[s - 1].low in ("on", "early", "late", "last", "this", "next"):
        s -= 1
    return s


def _digit_comma(toks: list[Tok], x: int) -> bool:
    """A thousands separator ("12,000"): the tokenizer splits numbers at commas."""
    return (
        0 < x < len(toks) - 1
        and toks[x - 1].end == toks[x].start
        and toks[x].end == toks[x + 1].start
        and toks[x - 1].text[-1:].isdigit()
        and toks[x + 1].text[:1].isdigit()
    )


def _long_quote(t: Tok) -> bool:
    """A quotation that reads as someone's words ("I would,") rather than a title
    ("Hannity," "Fox News Sunday,"): more than three words, or any lower-case word."""
    words = t.text.split()
    return (
        len(words) > 3
        or any(w[:1].islower() for w in words[1:])
        or len(words) == 1
        and t.text[1:2].islower()
    )


def _title_words(t: Tok) -> bool:
    """ "Face the Nation,", "Meet the Press": at most six words, each capitalised or a
    small function word (a show or book title, not a quoted clause)."""
    words = [w.strip("\"'\u201c\u201d\u2018\u2019,.!?") for w in t.text.split()]
    words = [w for w in words if w]
    return 0 < len(words) <= 6 and all(
        w[:1].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words
    )


def _after_quote(toks: list[Tok], s: int) -> bool:
    return s >= 2 and toks[s - 1].text == "," and toks[s - 2].kind == QUOTE


def _verb_form(word: str) -> str:
    if word.endswith("ing"):
        return "ing"
    if word.endswith("ed") or word in _IRREGULAR_PAST:
        return "past"
    if word.endswith("s") and not word.endswith("ss"):
        return "3sg"
    return "base"


def _participle(t: Tok) -> bool:
    """A lower-case "-ing" word of five letters or more ("pointing", "raising"): the
    writer's participle clause after a quotation."""
    return t.kind == WORD and t.text.islower() and len(t.text) > 4 and t.text.endswith("ing")


def _comma_before(t: Tok) -> bool:
    return t.text == "," or (
        t.kind == QUOTE and t.text.rstrip("\"'\u201d\u2019\u00bb").rstrip().endswith(",")
    )
