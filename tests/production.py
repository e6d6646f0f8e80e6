"""Tables for tests, built by the steps ``quotewire build`` runs and nothing else.

Texts are written as input files. ``build_texts`` runs ``build.build_local`` on them: plan,
``pipeline.run_batch`` per batch into a staging folder, ``build.tabulate``, validation,
publication. ``stage`` runs the same steps up to the staged tables (``build.plan`` →
``build.open_staging`` → ``build.extract_batch`` → ``build.tabulate``), for tests that
look at, validate or publish what a build staged themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from quotewire.dataset import build
from quotewire.dataset import store


@dataclass(frozen=True)
class Staged:
    """A staging folder holding the five tables of ``config``'s dataset, not yet validated."""

    path: Path
    stats: build.TableStats
    config: build.BuildConfig


def write_inputs(folder: Path, texts: Mapping[str, str | bytes]) -> Path:
    """One input file per name (a path relative to ``folder``): str as UTF-8, bytes as given."""
    for name, text in texts.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return folder


def config_for(root: Path) -> build.BuildConfig:
    """Dataset ``news`` under ``root``, without the cache (``--no-cache``): every build
    extracts its input again and writes every table in full, never incrementally."""
    return build.BuildConfig(root=str(root), dataset=store.DEFAULT_DATASET, use_cache=False)


def build_texts(texts: Mapping[str, str | bytes], folder: Path, root: Path) -> build.BuildOutcome:
    """``build.build_local`` (every step, as ``quotewire build --engine local --no-cache``
    runs them) over ``texts`` written under ``folder`` (a new folder), into ``root``.
    Fails (AssertionError) when the gate refuses the tables."""
    folder.mkdir(parents=True)
    outcome = build.build_local([write_inputs(folder, texts)], config_for(root))
    assert outcome.status != "failed" and outcome.path is not None, outcome.report.table_rows(only_failed=True)
    return outcome


def stage(texts: Mapping[str, str | bytes], folder: Path, root: Path) -> Staged:
    """Plan, extract and tabulate ``texts`` (written under ``folder``, a new folder) into a
    fresh staging folder of dataset ``news`` under ``root``."""
    folder.mkdir(parents=True)
    config = config_for(root)
    build_plan = build.plan([write_inputs(folder, texts)], config)
    staging = build.open_staging(config, warm_up_validator=False)
    with build.discarded_on_failure(staging):
        summaries = [build.extract_batch(batch, staging, config) for batch in build_plan.batches]
        stats = build.tabulate(staging, summaries, config.partition_rows, build_plan.base)
    return Staged(staging, stats, config)
