"""Characterization: every move or restructuring keeps the exact annotate output and the
exact built tables over the sample input and the shared bench sets (see
``tests/characterize.py``). A deliberate change of behaviour rewrites
``tests/characterization.json`` in the same commit."""

from __future__ import annotations

import json

import pytest

from tests import characterize
from tests.conftest import SHARED


def _stored() -> dict[str, str]:
    return json.loads(characterize.DIGESTS.read_text())


def test_sample_output_is_unchanged() -> None:
    found = characterize.sample_digests()
    stored = _stored()
    assert found == {k: stored[k] for k in found}


@pytest.mark.skipif(not (SHARED / "bench").exists(), reason="../shared/bench is absent")
def test_bench_output_is_unchanged() -> None:
    found = characterize.shared_digests()
    stored = _stored()
    changed = sorted(k for k, v in found.items() if stored.get(k) != v)
    assert not changed, f"output changed for {changed}; if meant: python -m tests.characterize --write"
    assert set(found) == {k for k in stored if k != "annotate/sample" and not k.startswith("sample/")}
