"""Where the training tools (``train``, ``cue_lexicon``) read the shared data: ../shared/bench
beside the repository, in place. Nothing at run time imports this, and it imports nothing
heavy, so a tool that needs no scikit-learn can name the data without importing ``train``."""

from __future__ import annotations

from pathlib import Path

SHARED_BENCH = Path(__file__).resolve().parents[3].parent / "shared" / "bench"
POLNEAR_TRAIN = SHARED_BENCH / "quotes" / "polnear_train.jsonl"
