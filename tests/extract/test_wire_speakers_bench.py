"""Speaker floors on real wire copy (issue 17; skipped when ../shared/bench is absent).

* ``wire_dev.jsonl`` (40 AFP and Xinhua stories, hand gold): each line is sent through
  the production annotate path with its ``doc_id`` and ``text`` only (no ``published``),
  as the issue measures, and scored by ``score_wire.py statements``: canonical speaker
  accuracy overall and for sources named in the text, and speaker kind accuracy.
* ``afp_wire.jsonl`` (1,082 AFP stories): built by ``build_local`` and linted by
  ``score_wire.py speakers``: shares of statements on junk speakers, on places typed as
  persons and on persons whose name still carries a title.

Floors sit just below what the extractor reaches; lowering one is a deliberate act.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotewire.dataset.annotate import annotate_line

from ..conftest import SHARED, load_path

BENCH = SHARED / "bench"
WIRE_DEV = BENCH / "wire" / "wire_dev.jsonl"
AFP_WIRE = BENCH / "wire" / "afp_wire.jsonl"

FLOORS = {
    # reached on wire_dev (no published date given): canonical 0.887 overall (196/221),
    # 0.952 named sources (157/165), kind 0.959; floors sit about 0.01 below.
    # 2026-12-06: canonical 0.874 (194/222). The same 194 right as the model before (194/221);
    # the statement model now keeps one more matched statement, "... is expected to slow",
    # with no speaker (a rule candidate the model kept under it), so the floor moved from 0.877.
    "canonical_accuracy": 0.868,
    "named_canonical_accuracy": 0.942,
    "kind_accuracy": 0.949,
}
CEILINGS = {
    # reached on the AFP build: junk 0.001, places as persons 0.000, titles glued 0.004
    # (issue 17 targets: 0.01, 0.005, 0.01).
    "junk": 0.003,
    "place_as_person": 0.002,
    "title_glued": 0.006,
}


def _scorer():  # type: ignore[no-untyped-def]
    if not (BENCH / "score_wire.py").exists():
        pytest.skip("../shared/bench not available")
    return load_path("score_wire_shared", BENCH / "score_wire.py")


@pytest.fixture(scope="module")
def dev_figures(tmp_path_factory: pytest.TempPathFactory) -> dict:
    scorer = _scorer()
    if not WIRE_DEV.exists():
        pytest.skip("../shared/bench/wire not available")
    pred = tmp_path_factory.mktemp("wire_dev") / "pred.jsonl"
    with WIRE_DEV.open(encoding="utf-8") as src, pred.open("w", encoding="utf-8") as out:
        for line in src:
            doc = json.loads(line)
            text, ok = annotate_line(json.dumps({"doc_id": doc["doc_id"], "text": doc["text"]}))
            assert ok, text
            out.write(text + "\n")
    figures, _ = scorer.statements(str(WIRE_DEV), str(pred))
    return figures


@pytest.fixture(scope="module")
def lint_figures(afp_build: Path) -> dict:
    scorer = _scorer()
    figures, _ = scorer.speakers(str(afp_build))
    return figures


@pytest.mark.parametrize("name", list(FLOORS))
def test_wire_dev_speaker_floor(dev_figures: dict, name: str) -> None:
    assert dev_figures[name] >= FLOORS[name], (name, dev_figures[name], dev_figures["examples_wrong"])


@pytest.mark.parametrize("name", list(CEILINGS))
def test_afp_speaker_lint_ceiling(lint_figures: dict, name: str) -> None:
    assert lint_figures[name] <= CEILINGS[name], (name, lint_figures[name], lint_figures["examples"])
