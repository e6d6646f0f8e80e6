"""Article metadata floor on 1,082 real AFP stories (issue 17; skipped when
../shared/bench is absent).

The texts are built by the production path (``build_local`` to a temporary root, about
ten seconds) and scored by ``score_wire.py metadata``, the command the issue measures with.
Floors sit just below what the build reaches; lowering one is a deliberate act.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import SHARED, load_path

BENCH = SHARED / "bench"
AFP_WIRE = BENCH / "wire" / "afp_wire.jsonl"

FLOORS = {
    # reached: date 1.000, agency 1.000, place 0.999, headline 0.968 (34 of the 35 misses
    # are gold headlines that are "by NAME" bylines, which go to authors by the issue's
    # rule; the last is a headless story whose null headline the scorer reads as "nan"),
    # statements dated 1.000, DATE expressions unresolved 0.000.
    "date": 0.995,
    "agency": 0.995,
    "dateline_place": 0.995,
    "headline": 0.965,
    "statements_dated": 0.99,
}
MAX_DATE_UNRESOLVED = 0.02


@pytest.fixture(scope="module")
def figures(afp_build: Path) -> dict:
    if not (BENCH / "score_wire.py").exists():
        pytest.skip("../shared/bench not available")
    scorer = load_path("score_wire_shared", BENCH / "score_wire.py")
    out, _ = scorer.metadata(str(AFP_WIRE), str(afp_build))
    assert out["articles"] == 1082
    return out


@pytest.mark.parametrize("name", list(FLOORS))
def test_metadata_floor(figures: dict, name: str) -> None:
    assert figures[name] >= FLOORS[name], (name, figures[name], figures["examples_wrong"])


def test_date_expressions_anchored(figures: dict) -> None:
    assert figures["date_timex_unresolved"] <= MAX_DATE_UNRESOLVED
