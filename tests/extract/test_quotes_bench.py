"""Quality floor on the PolNeAR dev split (skipped when ../shared/bench is absent).

Floors sit just below what the extractor reaches; lowering one is a deliberate act.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import REPO, load_path

BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "bench"
DEV = BENCH / "quotes" / "polnear_dev.jsonl"

FLOORS = {
    # reached on dev: overlap F1 0.737, speech recall 0.885, speaker span 0.935, direct
    # recall 0.969 (bench/quotes.py, statements rules + the shipped model of 2026-12-06,
    # trained on PolNeAR train only; dev is a check, never tuned on). Floors sit about
    # 0.005 below (speaker span and direct recall kept where they were). Later on
    # 2026-12-06: F1 0.734, speech 0.888, speaker span 0.934, direct 0.972; seventh model of
    # that day: F1 0.738, speech 0.885, speaker span 0.934, direct 0.975.
    "overlap_f1": 0.733,
    "speech_recall": 0.882,
    "speaker_span": 0.929,
    # issue 18's target (>= 0.97) met on dev on 2026-12-06 (0.9718, 345/355): pinned there.
    "direct_recall": 0.970,
}


@pytest.fixture(scope="module")
def result() -> dict:
    if not DEV.exists() or not (BENCH / "score_quotes.py").exists():
        pytest.skip("../shared/bench not available")
    # The same predictions bench/quotes.py scores, so the floor and the benchmark agree.
    bench = load_path("bench_quotes", REPO / "bench" / "quotes.py")
    scorer = load_path("score_quotes_shared", BENCH / "score_quotes.py")
    gold = scorer.read_jsonl(DEV)
    return scorer.score(gold, bench.predict_in_process(gold))


def test_overlap_f1(result: dict) -> None:
    assert result["overlap"]["f1"] >= FLOORS["overlap_f1"]


def test_speech_recall(result: dict) -> None:
    assert result["recall_by_cue_class"]["speech"]["recall"] >= FLOORS["speech_recall"]


def test_speaker_span_accuracy(result: dict) -> None:
    assert result["speaker_span"]["accuracy"] >= FLOORS["speaker_span"]


def test_direct_recall(result: dict) -> None:
    assert result["recall_by_kind"]["direct"]["recall"] >= FLOORS["direct_recall"]
