"""Attribution frames inside one sentence: cue, speaker mention, content fragments.

A *frame* is what surrounds the content: ``SPEAKER CUE (that) CONTENT``,
``CONTENT, SPEAKER CUE.``, ``CONTENT, CUE SPEAKER.``, ``According to SPEAKER, CONTENT``,
``SPEAKER CUE: CONTENT``, split quotations ``Q1, SPEAKER CUE, Q2`` and participle
follow-ups ``..., adding that CONTENT`` (speaker inherited from the clause before).
Works on :mod:`tokens` output; no parser, only word lists and punctuation.

Modules, in import order (each imports only those before it):
  words     word sets shared by several steps (the lists themselves are lexicons/ files)
  lexical   one- and two-token tests: content word, number, main verb, trailing adjunct
  model     the ``Frame`` record, the cue occurrence and the frame builder
  phrases   noun phrases: the speaker before a cue, after it, appositives, subjects
  bounds    where content starts and ends: clause ends, object ends, quotations
  cues      cue occurrences in a sentence, and where a later cue cuts an earlier one
  colon     colon introductions ("Trump went further: “Q”")
  patterns  pattern handlers for the constructions read before the general one
  reader    the ordered pattern table and ``sentence_frames``
"""

from quotewire.extract.frames.colon import colon_intro_speaker
from quotewire.extract.frames.cues import find_cues
from quotewire.extract.frames.model import Frame
from quotewire.extract.frames.phrases import left_speaker, right_speaker
from quotewire.extract.frames.reader import sentence_frames
from quotewire.extract.frames.words import PREP_NOUNS

__all__ = [
    "PREP_NOUNS",
    "Frame",
    "colon_intro_speaker",
    "find_cues",
    "left_speaker",
    "right_speaker",
    "sentence_frames",
]
