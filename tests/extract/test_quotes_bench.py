"""Quality floor on the PolNeAR dev split (skipped when ../shared/bench is absent).

Floors sit just below what the extractor reaches; lowering one is a deliberate act.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from quotewire.extract.statements import extract_statements

BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "bench"
DEV = BENCH / "quotes" / "polnear_dev.jsonl"

FLOORS = {
    # reached on dev: overlap F1 0.684, speech recall 0.816, speaker span 0.920,
    # direct recall 0.952 (bench/quotes.py); floors sit about 0.004-0.01 below.
    "overlap_f1": 0.68,
    "speech_recall": 0.81,
    "speaker_span": 0.915,
    "direct_recall": 0.94,
}


@pytest.fixture(scope="module")
def result() -> dict:
    if not DEV.exists() or not (BENCH / "score_quotes.py").exists():
        pytest.skip("../shared/bench not available")
    spec = importlib.util.spec_from_file_location("score_quotes_shared", BENCH / "score_quotes.py")
    assert spec and spec.loader
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold = scorer.read_jsonl(DEV)
    preds = []
    for d in gold:
        sts = extract_statements(d["text"]).statements
        preds.append(
            {
                "doc_id": d["doc_id"],
                "statements": [
                    {
                        "content_start": s.content_start,
                        "content_end": s.content_end,
                        "content_spans": [list(x) for x in s.content_spans],
                        "speaker": s.speaker_text,
                        "speaker_start": s.speaker_start,
                        "speaker_end": s.speaker_end,
                    }
                    for s in sts
                ],
            }
        )
    return scorer.score(gold, preds)


def test_overlap_f1(result: dict) -> None:
    assert result["overlap"]["f1"] >= FLOORS["overlap_f1"]


def test_speech_recall(result: dict) -> None:
    assert result["recall_by_cue_class"]["speech"]["recall"] >= FLOORS["speech_recall"]


def test_speaker_span_accuracy(result: dict) -> None:
    assert result["speaker_span"]["accuracy"] >= FLOORS["speaker_span"]


def test_direct_recall(result: dict) -> None:
    assert result["recall_by_kind"]["direct"]["recall"] >= FLOORS["direct_recall"]
