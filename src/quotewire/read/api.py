"""The analyst's entry points: load a table of a published version as a DataFrame."""

from __future__ import annotations

import os

import pandas as pd

from quotewire.dataset.schemas import TABLE_NAMES
from quotewire.dataset.store import (
    DEFAULT_DATASET,
    DEFAULT_ROOT,
    dataset_dir,
    is_url,
    list_versions,
    remote_table_url,
    remote_versions,
    table_path,
    version_dir,
)


def load(
    table: str,
    version: str | None = None,
    dataset: str = DEFAULT_DATASET,
    root: str | os.PathLike[str] = DEFAULT_ROOT,
) -> pd.DataFrame:
    """One table of a published version (LATEST when ``version`` is None) as a DataFrame.

    >>> statements = load("statements")                      # doctest: +SKIP
    >>> load("speakers", version="v0001", root="data/datasets")  # doctest: +SKIP
    >>> load("statements", root="s3://bucket/datasets")       # doctest: +SKIP

    A URL ``root`` reads versions pushed there with ``quotewire push`` (through fsspec;
    ``s3://`` needs s3fs installed). Raises ValueError for an unknown table and
    StoreError when there is no such version.
    """
    if table not in TABLE_NAMES:
        raise ValueError(f"unknown table {table!r}; tables are {', '.join(TABLE_NAMES)}")
    if is_url(root):
        return pd.read_parquet(remote_table_url(str(root), dataset, version, table))
    return pd.read_parquet(table_path(version_dir(version, dataset, root), table))


def versions(dataset: str = DEFAULT_DATASET, root: str | os.PathLike[str] = DEFAULT_ROOT) -> list[str]:
    """Published (or, for a URL root, pushed) versions of a dataset, oldest first."""
    if is_url(root):
        return remote_versions(str(root), dataset)
    return list_versions(dataset_dir(root, dataset))


def statements_with_speakers(
    version: str | None = None,
    dataset: str = DEFAULT_DATASET,
    root: str | os.PathLike[str] = DEFAULT_ROOT,
) -> pd.DataFrame:
    """Statements with speaker names joined (``speaker``: names joined by "; ") and the
    article's headline, published_at, agency and source: where most analyses start."""
    st = load("statements", version, dataset, root)
    arts = load("articles", version, dataset, root)[["article_id", "headline", "published_at", "agency", "source"]]
    out = st.merge(arts, on="article_id", how="left", validate="many_to_one")
    out.insert(2, "speaker", ["; ".join(names) if len(names) else None for names in out["speaker_names"]])
    return out
