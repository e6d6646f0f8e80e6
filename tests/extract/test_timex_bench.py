"""Quality floor of the TIMEX3 tagger on TempEval-3 TimeBank+AQUAINT (train split).

Runs in-process over ../shared/bench/timex/tbaq_train.jsonl and scores with the shared
scorer (imported, not reimplemented). Skipped when ../shared/bench is absent. The floors sit
slightly below the measured figures: lowering one is a deliberate, visible act.
"""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path

import pytest

from quotewire.extract.timex import tag_timexes

BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "bench"
GOLD = BENCH / "timex" / "tbaq_train.jsonl"
SCORER = BENCH / "score_timex.py"

# measured (value / strict / relaxed / type F1, in %) minus a small margin
FLOORS = {"value": 82.0, "strict": 88.7, "relaxed": 94.4, "type": 91.6}

pytestmark = pytest.mark.skipif(not (GOLD.exists() and SCORER.exists()),
                                reason=f"{BENCH} is absent")


def _scorer():
    spec = importlib.util.spec_from_file_location("score_timex", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


@pytest.fixture(scope="module")
def result() -> dict:
    scorer = _scorer()
    gold = scorer.load_jsonl(str(GOLD))
    pred = {}
    for doc_id, d in gold.items():
        anchor = date.fromisoformat(d["dct"][:10]) if d.get("dct") else None
        pred[doc_id] = {"doc_id": doc_id, "temporal_expressions": [
            {"start": m.start, "end": m.end, "type": m.type.value, "value": m.value}
            for m in tag_timexes(d["text"], anchor)]}
    res, _errors = scorer.score(gold, pred)
    print(json.dumps({k: round(100 * res[k]["F1"], 2)
                      for k in ("value", "strict", "relaxed", "type")}))
    return res


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_floor(result, metric):
    assert 100 * result[metric]["F1"] >= FLOORS[metric]
