"""Quality floor of the TIMEX3 tagger on TempEval-3 TimeBank+AQUAINT (train split).

Runs in-process over ../shared/bench/timex/tbaq_train.jsonl and scores with the shared
scorer (imported, not reimplemented). Skipped when ../shared/bench is absent. The floors sit
slightly below the measured figures: lowering one is a deliberate, visible act.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import REPO, load_path

BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "bench"
GOLD = BENCH / "timex" / "tbaq_train.jsonl"
SCORER = BENCH / "score_timex.py"

# measured (value / strict / relaxed / type F1, in %) minus a small margin
FLOORS = {"value": 82.0, "strict": 88.7, "relaxed": 94.4, "type": 91.6}

pytestmark = pytest.mark.skipif(not (GOLD.exists() and SCORER.exists()),
                                reason=f"{BENCH} is absent")


@pytest.fixture(scope="module")
def result() -> dict:
    # The same predictions bench/timex.py scores, so the floor and the benchmark agree.
    bench = load_path("bench_timex", REPO / "bench" / "timex.py")
    scorer = load_path("score_timex", SCORER)
    gold = scorer.load_jsonl(str(GOLD))
    pred = {d["doc_id"]: d for d in bench.predict_in_process(list(gold.values()))}
    res, _errors = scorer.score(gold, pred)
    print(json.dumps({k: round(100 * res[k]["F1"], 2) for k in ("value", "strict", "relaxed", "type")}))
    return res


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_floor(result, metric):
    assert 100 * result[metric]["F1"] >= FLOORS[metric]
