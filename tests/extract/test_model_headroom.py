"""bench/model_headroom.py and the training matcher it shares: the pieces its figures rest
on, on hand-made cases."""

from __future__ import annotations

import pytest

from quotewire.extract.train import best_match

from ..conftest import REPO, load_path


@pytest.fixture(scope="module")
def headroom():
    return load_path("bench_model_headroom", REPO / "bench" / "model_headroom.py")


def test_auc_is_the_rank_statistic_with_ties_shared(headroom):
    # Positives above every negative: 1; reversed: 0; one tie between the two classes
    # counts a half: of 2 x 2 pairs, 3 ordered right and one tied = 3.5 / 4.
    assert headroom.auc([True, True, False, False], [0.9, 0.8, 0.2, 0.1]) == 1.0
    assert headroom.auc([True, True, False, False], [0.1, 0.2, 0.8, 0.9]) == 0.0
    assert headroom.auc([True, True, False, False], [0.9, 0.5, 0.5, 0.1]) == 0.875


def test_a_gold_is_matched_only_when_half_of_both_sides_is_shared():
    gold = [{1, 2, 3, 4}, {10, 11}]
    assert best_match(gold, {1, 2}) == 0  # half of the gold, all of the prediction
    assert best_match(gold, {1, 2, 20, 21, 22}) == -1  # under half of the prediction
    assert best_match(gold, {10, 11, 1}) == 1  # the better of two
