"""Scale-out: the same flow on a dask.distributed cluster gives the same tables."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quotewire.dataset import store
from quotewire.dataset.build import BuildConfig, build_local

from .conftest import REPO, load_path
from .synthetic import write_corpus

pytestmark = pytest.mark.slow


def test_dask_cluster_build_matches_local(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from distributed import LocalCluster

    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect-home"))
    inputs = write_corpus(tmp_path / "in", 40)
    local = build_local([inputs], BuildConfig(root=str(tmp_path / "local"), batch_size=10))
    assert local.status == "published"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        outcome = load_path("qw_flow_for_dask_test", REPO / "flows" / "build_dataset.py").run(
            [str(inputs)], root=str(tmp_path / "dask"), batch_size=10, dask_address=cluster.scheduler_address
        )
    assert outcome.status == "published", outcome.report.table_rows(only_failed=True)
    assert store.table_digests(outcome.path) == store.table_digests(local.path)
    assert os.environ.get("PREFECT_API_URL") is None  # the temporary server was torn down
