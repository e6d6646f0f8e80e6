"""Prefect flow: raw article files → validated, versioned Parquet dataset.

Reads like a table of contents; every step is a function in ``src/quotewire/dataset/build.py``.
Tasks run per batch of articles (never per article): Prefect's temporary server stalls
past a few hundred task runs.

    python flows/build_dataset.py data/raw            # one run, offline
    prefect deploy --all                              # the scheduled deployment (prefect.yaml)

Runs record on the configured Prefect API (``PREFECT_API_URL``: a worker's, or the server
``quotewire serve`` starts); without one, on Prefect's own temporary server. Interactive
runs hand validation to the validation service; a run a worker started never starts it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from prefect import flow, task, unmapped
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.futures import as_completed
from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, get_current_settings, temporary_settings
from prefect.task_runners import ThreadPoolTaskRunner

from quotewire import settings
from quotewire.dataset import build
from quotewire.ops import lifetimes
from quotewire.ops import validator_service
from quotewire.dataset.checks import markdown_escape, report_markdown
from quotewire.ops.progress import terminal_progress

log = logging.getLogger("quotewire.flow")

# Inputs are plans and paths, results are small summaries; the rows travel through the
# staging folder. Prefect's own cache would hash large arguments for nothing: tasks do not
# cache (per-article results are cached by quotewire itself, by content and code version).

class _FaultsInOneLine(logging.Filter):
    """Drops the traceback Prefect logs with a permanent failure (a full disk, a corrupted
    base: the run still ends Failed with its one-line message) unless QUOTEWIRE_DEBUG is
    set. A bug of ours keeps its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if exc is not None and build.is_permanent(exc) and not settings.from_env().debug:
            record.exc_info, record.exc_text = None, None
        return True


for _name in ("prefect.flow_runs", "prefect.task_runs"):
    logging.getLogger(_name).addFilter(_FaultsInOneLine())


def _transient(task: object, task_run: object, state: object) -> bool:
    """Retry a task unless its failure is permanent (a full disk, a permission, a fault
    quotewire named): retrying those only delays the one-line reason."""
    exc = state.result(raise_on_failure=False)  # type: ignore[attr-defined]
    return not (isinstance(exc, BaseException) and build.is_permanent(exc))


def _open_staging(config: build.BuildConfig) -> Path:
    """``build.open_staging``, the validation service started first where it may run (it
    imports great_expectations meanwhile); else the import warms up on a thread here."""
    remote = validator_service.remote(settings.from_env(), config.root)
    return build.open_staging(config, warm_up_validator=remote is None or not remote.start())


def _validate_staged(staging: Path, config: build.BuildConfig, stats: build.TableStats) -> build.ValidationReport:
    """``build.validate_staged`` through the validation service where it may run."""
    return build.validate_staged(staging, config, stats, validator_service.remote(settings.from_env(), config.root))


plan = task(build.plan, name="plan", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2, retry_condition_fn=_transient)
open_staging = task(_open_staging, name="open-staging", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2,
                    retry_condition_fn=_transient)
extract_batch = task(build.extract_batch, name="extract-batch", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=2,
                     retry_condition_fn=_transient)
# The same step on the flow's own threads, its work on a process pool of the build's.
extract_batch_in = task(build.extract_batch_in, name="extract-batch", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=2,
                        retry_condition_fn=_transient)
tabulate = task(build.tabulate, name="tabulate", cache_policy=NO_CACHE)
validate = task(_validate_staged, name="validate", cache_policy=NO_CACHE)
publish = task(build.publish_or_quarantine, name="publish", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=2,
               retry_condition_fn=_transient)


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


# Threads that dispatch the batches; the work runs on processes (see extract_all).
@flow(name="build-dataset", log_prints=True, task_runner=ThreadPoolTaskRunner(max_workers=os.cpu_count() or 1))
def build_dataset(
    inputs: list[str],
    root: str = build.store.DEFAULT_ROOT,
    dataset: str = build.store.DEFAULT_DATASET,
    batch_size: int = build.DEFAULT_BATCH_SIZE,
    max_bytes: int = build.DEFAULT_MAX_BYTES,
    legacy_encoding: str = "cp1252",
    workers: int = 0,
) -> build.BuildOutcome:
    """plan → open staging → extract (a task per batch, in parallel) → tabulate →
    validate → publish. When the latest version can be extended, only new input units are
    extracted and validated (an incremental build); an unchanged input stops after plan.
    Direct task calls run in the flow's process; the batches run as ``extract_all`` says
    (``workers`` processes, 0 for one per core, or Dask with ``run(dask_address=...)``)."""
    config = build.BuildConfig(
        root=root, dataset=dataset, batch_size=batch_size, max_bytes=max_bytes, legacy_encoding=legacy_encoding
    )
    with build.faults_in_one_line(config):  # the run ends Failed with the line the CLI prints
        return _build(inputs, config, workers)


def _build(inputs: list[str], config: build.BuildConfig, workers: int) -> build.BuildOutcome:
    clock = build.StepClock()
    build_plan = plan(inputs, config)
    if build_plan.unchanged:
        outcome = build.unchanged_outcome(build_plan)
        print(f"input unchanged since {outcome.version}; nothing to build")
        return outcome
    staging = open_staging(config)
    with build.discarded_on_failure(staging):
        outcome = _build_staged(build_plan, staging, config, workers, clock)
    create_markdown_artifact(markdown=_summary_markdown(outcome), key=f"build-{config.dataset}".lower(), description="quotewire build summary")
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


def _build_staged(
    build_plan: build.BuildPlan, staging: Path, config: build.BuildConfig, workers: int, clock: build.StepClock
) -> build.BuildOutcome:
    clock.lap("plan")
    if len(build_plan.batches) == 1 and not build.extraction_prestarted():
        # One batch (a small incremental build): run it here rather than start workers,
        # unless one was started for this run and has imported the extractors meanwhile.
        summaries = [extract_batch(build_plan.batches[0], staging, config)]
    else:
        summaries = extract_all(build_plan.batches, staging, config, workers or os.cpu_count() or 1)
    clock.lap("extract")
    stats = tabulate(staging, summaries, config.partition_rows, build_plan.base)
    clock.lap("tabulate")
    report = validate(staging, config, stats)
    clock.lap("validate")
    status, version, path = publish(staging, report, config)
    clock.lap("publish")
    return build.BuildOutcome(
        status, version, path, stats.row_counts, stats.rejects_by_reason, report, clock.seconds,
        stats.cache_hits, stats.base_version, stats.new_units,
    )


def extract_all(
    batches: Sequence[build.BatchPlan], staging: Path, config: build.BuildConfig, workers: int
) -> list[build.BatchSummary]:
    """A task run per batch, with progress. On a task runner whose tasks run on this
    process's threads (the default), each task hands its batch to a pool of ``workers``
    processes that lives for this step. On any other runner (Dask, Prefect's process
    pool) the batches run where that runner runs tasks."""
    runner = FlowRunContext.get().task_runner  # type: ignore[union-attr] - inside a flow run
    with contextlib.ExitStack() as stack:
        if isinstance(runner, ThreadPoolTaskRunner):
            pool = stack.enter_context(build.extraction_pool(workers))
            futures = extract_batch_in.map(unmapped(pool), list(batches), unmapped(staging), unmapped(config))
        else:
            futures = extract_batch.map(list(batches), unmapped(staging), unmapped(config))
        progress = terminal_progress()
        for done, _ in enumerate(as_completed(futures), 1):
            if progress:
                progress(done, len(futures))
        return futures.result()


def run(
    inputs: list[str],
    root: str = build.store.DEFAULT_ROOT,
    dataset: str = build.store.DEFAULT_DATASET,
    batch_size: int = build.DEFAULT_BATCH_SIZE,
    workers: int | None = None,
    dask_address: str | None = None,
    max_bytes: int = build.DEFAULT_MAX_BYTES,
    legacy_encoding: str = "cp1252",
) -> build.BuildOutcome:
    """Run the flow on ``workers`` local processes, or on the dask.distributed cluster at
    ``dask_address`` (``tcp://scheduler:8786``) when given. Without a Prefect API to record
    the run, an input identical to the latest version's ends here: starting a temporary
    server only to say "unchanged" would take most of the run's time."""
    if not _api_configured():
        config = build.BuildConfig(root=root, dataset=dataset, batch_size=batch_size, max_bytes=max_bytes, legacy_encoding=legacy_encoding)
        build_plan = None
        with contextlib.suppress(build.store.BuildFault):  # the flow run meets it again and ends Failed with it
            build_plan = build.plan(inputs, config)
        if build_plan is not None and build_plan.unchanged:
            return build.unchanged_outcome(build_plan)
    if dask_address:
        from prefect_dask import DaskTaskRunner

        runner = DaskTaskRunner(address=dask_address)
    else:
        workers = workers or os.cpu_count() or 1
        runner = ThreadPoolTaskRunner(max_workers=workers)
    with prefect_api(), temporary_settings(updates=_heartbeat_settings()):
        return build_dataset.with_options(task_runner=runner)(
            inputs, root, dataset, batch_size, max_bytes, legacy_encoding, workers or 0
        )


def _heartbeat_settings() -> dict[object, object]:
    """No flow-run heartbeats unless the environment asks for them. Prefect's heartbeat
    thread sleeps in one-second steps and the run joins it at its end: every build ended
    0-1 s late (0.9 s of a 3 s incremental build). Heartbeats only feed a zombie-run
    automation that someone sets up on the server; whoever has one sets
    PREFECT_FLOWS_HEARTBEAT_FREQUENCY, and it is kept."""
    if any(name in os.environ for name in ("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "PREFECT_RUNNER_HEARTBEAT_FREQUENCY")):
        return {}
    return {PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}


def _api_configured() -> bool:
    return bool(get_current_settings().api.url)


@contextlib.contextmanager
def prefect_api() -> Iterator[None]:
    """The configured Prefect API; without one, Prefect's own temporary server
    (``SubprocessASGIServer``, what a flow run without an API starts by itself), started
    here so that the run's settings name it (Dask workers inherit them), so that a watcher
    stops it if this process is killed (SIGKILL runs no exit hook), and so that it stops
    with the run, once the run's last logs and events are sent (Prefect would otherwise
    keep it until the interpreter exits)."""
    if _api_configured():
        yield
        return
    # Imported here: FastAPI and SQLAlchemy cost 2-3 s that a run against an API skips.
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start()
    assert server.server_process is not None
    reaper = lifetimes.reap_with_this_process(server.server_process.pid)
    log.info("Prefect's temporary server on %s", server.api_url)
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
            yield
    finally:
        APILogWorker.drain_all(timeout=10)
        EventsWorker.drain_all(timeout=10)
        reaper.terminate()
        reaper.wait()
        server.stop()


if __name__ == "__main__":
    settings.apply_prefect_defaults(os.environ)  # before the temporary server starts
    run(sys.argv[1:] or [str(Path("data/raw"))])
