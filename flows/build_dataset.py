"""Prefect flow: raw article files → validated, versioned Parquet dataset.

Reads like a table of contents; every step is a function in ``src/quotewire/build.py``.
Tasks run per batch of articles (never per article): Prefect's temporary server stalls
past a few hundred task runs.

    python flows/build_dataset.py data/raw            # one run, offline
    prefect deploy --all                              # the scheduled deployment (prefect.yaml)
"""

from __future__ import annotations

import sys
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from quotewire import build
from quotewire.validate import markdown_escape, report_markdown

# Batches are large and already content-addressed downstream; hashing them for Prefect's
# cache would cost more than the work, so tasks do not cache.
discover = task(build.read_inputs, name="discover", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
extract_batch = task(build.process_batch, name="extract-batch", cache_policy=NO_CACHE)
tabulate = task(build.tabulate, name="tabulate", cache_policy=NO_CACHE)
stage_and_validate = task(build.stage_and_validate, name="stage-and-validate", cache_policy=NO_CACHE, retries=1)
publish = task(build.publish_or_quarantine, name="publish", cache_policy=NO_CACHE)


class ValidationFailed(RuntimeError):
    """Raised at the end of a refused build so the flow run ends Failed; ``outcome`` keeps
    the full result (the CLI prints it). The message names the quarantine folder."""

    def __init__(self, message: str, outcome: build.BuildOutcome | None = None) -> None:
        super().__init__(message)
        self.outcome = outcome


def _summary_markdown(outcome: build.BuildOutcome) -> str:
    rows = "\n".join(f"| {name} | {n} |" for name, n in outcome.row_counts.items())
    rejects = ", ".join(f"{markdown_escape(k)}: {v}" for k, v in outcome.rejects_by_reason.items()) or "none"
    return (
        f"# Build: {outcome.status} {outcome.version or ''}\n\n"
        f"| table | rows |\n|---|---|\n{rows}\n\nRejects by reason: {rejects}\n\n"
        + report_markdown(outcome.report)
    )


@flow(name="build-dataset", log_prints=True)
def build_dataset(
    inputs: list[str],
    root: str = build.store.DEFAULT_ROOT,
    dataset: str = build.store.DEFAULT_DATASET,
    batch_size: int = build.DEFAULT_BATCH_SIZE,
) -> build.BuildOutcome:
    """discover → extract (per batch) → tabulate → stage and validate → publish."""
    config = build.BuildConfig(root=root, dataset=dataset, batch_size=batch_size)
    units = discover(inputs, config.max_bytes)
    fingerprint = build.input_fingerprint(units)
    batches = build.make_batches(units, config.batch_size)
    results = extract_batch.map(batches, config.legacy_encoding).result()
    tables = tabulate(results)
    staging, report = stage_and_validate(tables, config, fingerprint)
    status, version, path = publish(staging, report, config)
    rows, reasons = build.summarize(tables)
    outcome = build.BuildOutcome(status, version, path, rows, reasons, report)
    create_markdown_artifact(markdown=_summary_markdown(outcome), key=f"build-{dataset}".lower(), description="quotewire build summary")
    if outcome.status == "failed":
        # Raised after the artifact so the summary survives, and so schedulers and the UI
        # see a Failed run instead of a Completed one that published nothing.
        s = outcome.report.summary()
        raise ValidationFailed(
            f"validation failed ({s['critical_failed']} critical check(s)); nothing published; "
            f"staged tables and validation results quarantined in {outcome.path}",
            outcome,
        )
    return outcome


if __name__ == "__main__":
    build_dataset(sys.argv[1:] or [str(Path("data/raw"))])
