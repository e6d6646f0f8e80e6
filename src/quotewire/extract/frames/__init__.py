"""Attribution frames inside one sentence: cue, speaker mention, content fragments.

A *frame* is what surrounds the content: ``SPEAKER CUE (that) CONTENT``,
``CONTENT, SPEAKER CUE.``, ``CONTENT, CUE SPEAKER.``, ``According to SPEAKER, CONTENT``,
``SPEAKER CUE: CONTENT``, split quotations ``Q1, SPEAKER CUE, Q2`` and participle
follow-ups ``..., adding that CONTENT`` (speaker inherited from the clause before).
Works on :mod:`tokens` output; no parser, only word lists and punctuation.

Modules, in import order (each imports only those before it):
  words     word sets shared by several steps (the lists themselves are lexicons/ files)
  lexical   one- and two-token tests: content word, number, main verb, trailing adjunct
  model     the ``Frame`` record, the cue occurrence, ``Site`` (a cue to read), ``PASS``
            and the frame builder
  phrases   noun phrases: the speaker before a cue, after it, appositives, subjects
  bounds    where content starts and ends: clause ends, object ends, quotations
  cues      cue occurrences in a sentence, and where a later cue cuts an earlier one
  colon     colon introductions ("Trump went further: “Q”")
  patterns  handlers of the constructions tried before the general one ("according
            to", inverted "said X", noun cues, "Asked about X", fronted participles)
  subject   the speaker of the general construction, and the passives
  complement  what the general construction's cue reports, one handler a construction
  naming    what someone calls a thing ("called X “Q”") or themself ("a self-described N")
  reader    the ordered tables ``PATTERNS`` and ``COMPLEMENTS``, and ``sentence_frames``

A pattern handler takes one cue and returns a ``Frame``, None (its construction, but
refused) or ``PASS`` (not its construction); ``reader`` tries them in table order.
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
