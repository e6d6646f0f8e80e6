"""The frame reader: the ordered pattern tables and ``sentence_frames``.

A cue is read by trying ``PATTERNS`` in order (each only for the cue words it lists);
the first handler that does not return ``PASS`` decides it (a ``Frame``, or None: the
cue is refused). The last one, ``subject_cue``, reads the general ``SPEAKER CUE (that)
CONTENT`` construction: the speaker (``subject.read_subject``), then ``COMPLEMENTS`` in
order for what the cue reports, then the content's end (``complement.finish``). To
change how one construction is read, change its handler; its place in the table says
what it wins over.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TypeVar

import quotewire.extract.frames.complement as cm
import quotewire.extract.frames.naming as nm
import quotewire.extract.frames.patterns as pt
from quotewire.extract.frames.colon import _colon_quote_frame
from quotewire.extract.frames.cues import _cut_before, _limit_for, _restates_outer, find_cues
from quotewire.extract.frames.model import PASS, Frame, Reading, Site
from quotewire.extract.frames.subject import Subject, read_subject
from quotewire.extract.frames.tail import uncovered_quote_frames
from quotewire.extract.frames.unlisted import unlisted_verb_frames
from quotewire.extract.frames.words import _DASHES, _TRAILING_OPENERS, PREP_NOUNS
from quotewire.extract.lexicons import CUE_NOUNS, THAT_NOUNS
from quotewire.extract.tokens import QUOTE, Tok


def subject_cue(s: Site) -> Reading:
    """ "SPEAKER CUE (that) CONTENT": "Lee said (that) A", "..., adding that A"."""
    subj = read_subject(s)
    if not isinstance(subj, Subject):
        return subj
    c = cm.clause_of(s.toks, subj, s.earlier, s.qpos)
    if c is None:
        return None
    w = s.toks[c.k].low if c.k < c.limit else ""
    for handler in _COMPLEMENTS_BY_WORD.get(w, _COMPLEMENTS_ANY_WORD):
        got = handler(c)
        if got is not PASS:
            return cm.finish(c, got) if isinstance(got, cm.Content) else got
    return None


_ANY = None  # the handler is tried whatever the word
H = TypeVar("H")

# Constructions a cue is read as, in the order tried (see each handler's docstring),
# each with the cue words it can read (the cue's first token, lower-cased): a handler
# is called only for those, so a plain "said" skips the noun and passive readings
# without a call.
PATTERNS: tuple[tuple[Callable[[Site], Reading], frozenset[str] | None], ...] = (
    (pt.according_to, frozenset(["according"])),  # According to SPEAKER, CONTENT
    (pt.noun_before_participle, CUE_NOUNS),  # "reports reaching here said": refused
    (pt.reported_by, frozenset(["reported"])),  # As reported by SPEAKER, CONTENT
    (pt.dash_source, _DASHES),  # “Q” ― SPEAKER
    (pt.colon_title, frozenset(":")),  # Speaker Name: CONTENT
    (pt.prep_noun, frozenset(PREP_NOUNS)),  # SPEAKER's criticism of CONTENT
    (pt.that_noun, THAT_NOUNS),  # SPEAKER's claim that CONTENT
    (pt.to_noun, pt.TO_NOUNS),  # SPEAKER's promise to CONTENT
    (pt.inverted, _ANY),  # CONTENT, said SPEAKER
    (pt.fronted_verb, _ANY),  # Said SPEAKER, “Q”
    (pt.asked, frozenset(["asked"])),  # Asked about CONTENT, X said
    (pt.fronted_participle, _ANY),  # Citing CONTENT, SPEAKER said
    (subject_cue, _ANY),  # SPEAKER CUE (that) CONTENT, with COMPLEMENTS below
)

# A "that" is looked for at the complement's start or after a trailing adjunct
# ("said on Tuesday that"): see ``complement.clause_of``.
_THAT_STARTS = frozenset(["that"]) | _TRAILING_OPENERS

# What a general-construction cue reports, in the order tried, each with the words it
# can start at (the token after the cue, addressee and asides).
COMPLEMENTS: tuple[tuple[Callable[[cm.Clause], cm.Complement], frozenset[str] | None], ...] = (
    (cm.as_clause, _ANY),  # As SPEAKER said, CONTENT / CONTENT, as SPEAKER said
    (cm.yes_no, frozenset(["yes", "no"])),  # SPEAKER said yes
    (cm.opening_quotation, _ANY),  # “Q,” SPEAKER told a crowd at a hall that ...
    (cm.that_clause, _THAT_STARTS),  # SPEAKER said (on Tuesday) that CONTENT
    (cm.colon_content, frozenset(":")),  # SPEAKER said: CONTENT
    (cm.quotation_after, _ANY),  # SPEAKER said “Q”
    (cm.adjunct_then_quotation, _TRAILING_OPENERS),  # SPEAKER said during the debate, “Q”
    (cm.comma_quotation, frozenset(",")),  # SPEAKER said, “Q” / “Q1,” X said, “Q2”
    (cm.phrase_then_quotation, _ANY),  # SPEAKER replied to her with, “Q”
    (nm.naming_quotation, _ANY),  # SPEAKER called OBJECT “Q” (and ...)
    (cm.content_before, _ANY),  # CONTENT, SPEAKER said.
    (cm.comma_aside, frozenset(",")),  # SPEAKER says, win or lose, CONTENT
    (cm.free_relative, _ANY),  # what SPEAKER said
    (cm.relative_object, _ANY),  # a charge that SPEAKER denied
    (cm.that_only, _ANY),  # "expressed hope" without "that": refused
    (cm.bare_complement, _ANY),  # SPEAKER said CONTENT / attacked OBJECT
)


def _by_word(
    table: tuple[tuple[H, frozenset[str] | None], ...],
) -> tuple[Mapping[str, tuple[H, ...]], tuple[H, ...]]:
    """A table's handlers for each word some row lists, in table order, and those for
    any other word: the lookup ``_one_frame`` and ``subject_cue`` make instead of
    testing every row."""
    listed = frozenset().union(*(words for _, words in table if words is not None))
    by_word = {w: tuple(h for h, words in table if words is None or w in words) for w in listed}
    return MappingProxyType(by_word), tuple(h for h, words in table if words is None)


_PATTERNS_BY_WORD, _PATTERNS_ANY_WORD = _by_word(PATTERNS)
_COMPLEMENTS_BY_WORD, _COMPLEMENTS_ANY_WORD = _by_word(COMPLEMENTS)


def sentence_frames(toks: list[Tok]) -> list[Frame]:
    """All attribution frames of one sentence, in cue order.

    Refuses a cue without a speaker it can find (unless it inherits one from an
    earlier frame of the sentence), passives ("was told"), and cues whose complement
    is empty.
    """
    cues = find_cues(toks)
    if not cues:
        return _without_cue_frames(toks)
    n = len(toks)
    frames: list[Frame] = []
    # Where an earlier frame's content must stop because a later cue starts its own
    # frame there; one right-to-left pass keeps this linear in the number of cues.
    qpos = [x for x, t in enumerate(toks) if t.kind == QUOTE]
    cuts = [_cut_before(toks, c) for c in cues]
    for ci, cue in enumerate(cues):
        limit = _limit_for(toks, cues, cuts, ci)
        limit = limit if limit >= cue.j else n
        fr = _one_frame(Site(toks, cue, limit, frames, qpos))
        if fr is not None and frames and _restates_outer(frames[-1], fr, toks, cue):
            continue
        if fr is not None:
            frames.append(fr)
    if not frames:
        # "Rubio fired back forcefully: “Q”": a cue word elsewhere in the sentence
        # framed nothing, but the colon still hands over to the closing quotation.
        return _without_cue_frames(toks)
    return _with_uncovered(toks, frames, colon_tried=False)


def _without_cue_frames(toks: list[Tok]) -> list[Frame]:
    """The frames of a sentence whose cue words framed nothing (or that has none): the
    colon layout, else an unlisted verb of saying, then the uncovered quotations."""
    fallback = _colon_quote_frame(toks) or unlisted_verb_frames(toks)
    return _with_uncovered(toks, fallback, colon_tried=True)


def _with_uncovered(toks: list[Tok], frames: list[Frame], colon_tried: bool) -> list[Frame]:
    """``frames`` and, in cue order, the frames of quotations none of them holds
    (:mod:`tail`) and of self-naming epithets (:mod:`naming`). ``colon_tried``: the colon
    layout was read for this sentence already."""
    extra = [*uncovered_quote_frames(toks, frames, colon_tried), *nm.epithet_frames(toks)]
    return sorted(frames + extra, key=lambda fr: fr.cue_start) if extra else frames


def _one_frame(s: Site) -> Frame | None:
    """The frame of one cue: the answer of the first pattern that reads it."""
    for handler in _PATTERNS_BY_WORD.get(s.toks[s.cue.i].low, _PATTERNS_ANY_WORD):
        got = handler(s)
        if got is not PASS:
            return got
    return None
