"""Candidate statements: what the rules propose before the learned decision.

A :class:`Candidate` is one proposed attribution (a frame, its resolved speaker span,
its paragraph, and the step that produced it). ``statements.rule_candidates`` gives the
rule extractor's candidates; the model (:mod:`decide`) keeps or drops each one.
"""

from __future__ import annotations

from dataclasses import dataclass

from quotewire.extract.frames import Frame

# Which step proposed a candidate; the model reads it as a feature.
ORIGIN_FRAME = "frame"  # a sentence frame (frames.sentence_frames)
ORIGIN_ASIDE = "aside"  # a frame found once a dash or relative aside is read past
ORIGIN_COLON = "colon"  # "X said:" filled by the next paragraph
ORIGIN_INTRO = "intro"  # a colon introduction before a wholly quoted paragraph
ORIGIN_FOLLOW = "follow"  # a bare quotation continuing the previous statement
ORIGIN_TURN = "turn"  # a transcript turn
ORIGIN_HEADLINE = "headline"  # a title line "SOURCE: CLAIM" / "CLAIM: SOURCE"
# A quotation signed by layout: a wholly quoted paragraph signed "- Name" below it, or a
# digest item's "[Source.]" after it.
ORIGIN_SIGNATURE = "signature"
ORIGINS = (
    ORIGIN_FRAME,
    ORIGIN_ASIDE,
    ORIGIN_COLON,
    ORIGIN_INTRO,
    ORIGIN_FOLLOW,
    ORIGIN_TURN,
    ORIGIN_HEADLINE,
    ORIGIN_SIGNATURE,
)


@dataclass(frozen=True)
class Candidate:
    """One proposed statement. ``speaker`` is the resolved ``(start, end)`` mention (an
    inheriting frame already carries its predecessor's), or None; ``turn`` is True for
    a transcript turn whose last paragraph has been decided. ``parent`` is, for an
    alternative reading, the pool index of the rule candidate it re-reads (else -1);
    ``note`` is a generator's remark the model reads as a feature ("passive")."""

    frame: Frame
    speaker: tuple[int, int] | None
    paragraph: int
    turn: bool = False
    origin: str = ORIGIN_FRAME
    parent: int = -1
    note: str = ""
