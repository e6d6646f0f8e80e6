"""quotewire command line: a thin layer over the library. Every command's help has an example.

Exit codes (``EXIT_CODES``): 0 published or unchanged, 1 the quality gate failed, 2 usage
error or bad configuration, 3 the environment failed the build. A failure prints one line
(what, where, what to do); ``--debug`` or ``QUOTEWIRE_DEBUG=1`` adds its traceback, and
``--verbose`` shows quotewire's log (e.g. which engine runs and why, a validation service
that could not answer). Flags and the environment meet in one ``settings.Settings``.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import dataclasses
import importlib.util
import logging
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from quotewire import settings
from quotewire.ops import commands
from quotewire.dataset.layout import StoreBusy, StoreError
from quotewire.ops.progress import terminal_progress
from quotewire.settings import DEBUG_ENV, Settings

log = logging.getLogger("quotewire.ops.cli")
DEFAULTS = Settings()


def _example(text: str) -> str:
    return "example:\n  " + "\n  ".join(text.strip().splitlines())


EXIT_CODES = """exit codes:
  0  published, or unchanged (the input is LATEST's)
  1  the quality gate failed: nothing published, the staged version is quarantined
  2  usage error or bad configuration (a missing input, an unusable --root)
  3  the environment failed the build: disk full, permission denied, a corrupted base
     version or store. One line says what, where and what to do; LATEST is unchanged.
     --debug (or QUOTEWIRE_DEBUG=1) prints the traceback too."""



def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _add_build(add: Callable[..., argparse.ArgumentParser]) -> None:
    """The ``build`` command's parser (``add`` is build_parser's sub-command maker)."""
    p = add(
        "build",
        "Build a dataset from article files (*.txt, *.jsonl, saved pages *.html[.gz], crawls *.warc[.gz]) or folders of them, validate it, "
        "and publish a new version when every critical check passes.",
        "quotewire build data/raw ../archive/2025.jsonl --root data/datasets --dataset news\n"
        "quotewire build data/raw --engine prefect -v    # a Prefect flow run, on its temporary server",
        EXIT_CODES,
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file or folder (folders are searched recursively)")
    commands.add_store_args(p)
    p.add_argument("--batch-size", type=_positive_int, default=DEFAULTS.batch_size, help="articles per task (default: %(default)s)")
    p.add_argument(
        "--engine", choices=settings.ENGINES, default=DEFAULTS.engine,
        help="prefect: run flows/build_dataset.py against PREFECT_API_URL, else on Prefect's temporary server; "
             "local: the same steps in this process's pool, no Prefect; auto (default): prefect when "
             "PREFECT_API_URL is set, else local",
    )
    p.add_argument("--workers", type=int, default=0, help="extraction processes (default: one per core)")
    p.add_argument("--dask-address", default=None, metavar="ADDR",
                   help="run batches on the dask.distributed cluster at ADDR (tcp://host:8786)")
    p.add_argument("--no-cache", action="store_true", help="recompute every article instead of reusing cached results")
    p.add_argument("--max-bytes", type=int, default=DEFAULTS.max_bytes,
                   help="refuse (reject as too_large) input units larger than this (default: %(default)s)")
    p.add_argument("--legacy-encoding", default=DEFAULTS.legacy_encoding,
                   help="decoding tried after UTF-8, recorded per article (default: %(default)s)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quotewire",
        description="Raw news text to versioned, validated Parquet datasets of who said what, and when.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_example("quotewire build data/raw && quotewire show statements"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, help_: str, example: str, exit_codes: str = "") -> argparse.ArgumentParser:
        p = sub.add_parser(
            name, help=help_, description=help_, epilog=_example(example) + (f"\n\n{exit_codes}" if exit_codes else ""),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.add_argument("--debug", action="store_true", help=f"print the traceback of a failure (or set {DEBUG_ENV}=1)")
        p.add_argument("-v", "--verbose", action="store_true", help="log what quotewire does (engine, services, fall-backs) to stderr")
        return p

    _add_build(add)

    p = add(
        "annotate",
        "Annotate JSONL documents without storage: one output line of statements, temporal "
        'expressions and speakers per input line {"doc_id", "text", "published"?}.',
        'echo \'{"doc_id": "d1", "text": "\\"We will win,\\" she said."}\' | quotewire annotate -',
    )
    p.add_argument("input", nargs="?", default="-", help="JSONL file, or - for standard input (default)")
    p.add_argument("-o", "--output", default="-", help="output JSONL file, or - for standard output (default)")
    p.add_argument("--workers", type=int, default=0, help="processes (default: one per core)")

    p = add(
        "validate",
        "Run the expectation suites on a published version (default: LATEST). "
        "Exit 0 when every critical check passes, 1 otherwise: the CI data-quality gate.",
        "quotewire validate                      # LATEST of data/datasets/news\n"
        "quotewire validate data/datasets/news/v0003",
        "exit codes: 0 passed; 1 a critical check failed; 2 usage error (no such version);\n"
        "  3 a corrupted store: files differ from the manifest, unreadable tables, or LATEST\n"
        "  names a version that is gone",
    )
    p.add_argument("version_dir", nargs="?", help="a version folder (default: LATEST of --dataset under --root)")
    commands.add_store_args(p)
    p.add_argument("--all", action="store_true", help="list passing checks too")

    p = add("versions", "List published versions with their row counts.", "quotewire versions --dataset news",
            "exit codes: 0 listed; 3 LATEST names a version that is gone (the next build heals it)")
    commands.add_store_args(p)

    p = add("show", "Print the first rows of a table.", "quotewire show statements --version v0001 --limit 5")
    p.add_argument("table", choices=("articles", "speakers", "statements", "temporal_expressions", "rejects"))
    p.add_argument("--version", default=None, help="version (default: LATEST)")
    p.add_argument("--limit", type=int, default=10, help="rows to print (default: %(default)s)")
    p.add_argument("--columns", default=None, help="comma-separated columns to print")
    commands.add_store_args(p)
    commands.add_parsers(add)  # diff, report, push, serve, services
    return parser


# ---------------------------------------------------------------------------------------
# build
# ---------------------------------------------------------------------------------------


_flow_modules: dict[Path, object] = {}


def load_flow_module(flows_dir: Path | None = None):  # type: ignore[no-untyped-def]
    """Import ``flows/build_dataset.py`` of ``$QUOTEWIRE_HOME`` (default: this checkout),
    once per process."""
    path = (flows_dir or settings.from_env().flows_dir) / "build_dataset.py"
    if path in _flow_modules:
        return _flow_modules[path]
    spec = importlib.util.spec_from_file_location("quotewire_flows_build_dataset", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"flow not found: {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    _flow_modules[path] = module
    return module


def build_settings(args: argparse.Namespace) -> Settings:
    """The environment's settings with this command line's flags."""
    return dataclasses.replace(
        settings.from_env(), root=args.root, dataset=args.dataset, batch_size=args.batch_size,
        workers=args.workers or os.cpu_count() or 1, use_cache=not args.no_cache, max_bytes=args.max_bytes,
        legacy_encoding=args.legacy_encoding, dask_address=args.dask_address, engine=args.engine,
        verbose=args.verbose, debug=args.debug or settings.from_env().debug,
    )


def cmd_build(args: argparse.Namespace) -> int:
    # quotewire.dataset.build (pyarrow, the extractors' grammars) and Prefect are imported only
    # once the engine is known: --help and usage errors stay quick.
    for raw in args.inputs:
        if not Path(raw).exists():
            print(f"quotewire build: input not found: {raw}", file=sys.stderr)
            return 2
    problem = commands.root_problem(args.root, args.dataset)
    if problem:
        print(f"quotewire build: {problem}", file=sys.stderr)
        return 2
    current = build_settings(args)
    engine, why = current.resolved_engine()
    if engine == "local" and current.dask_address:
        engine, why = "prefect", "--dask-address runs the batches through Prefect's DaskTaskRunner"
    if engine == "prefect" and not current.use_cache:
        print("quotewire build: --no-cache needs --engine local", file=sys.stderr)
        return 2
    log.info("engine %s: %s", engine, why)
    started = time.monotonic()
    outcome = _build_local(args.inputs, current) if engine == "local" else _build_prefect(args.inputs, current)
    print_build_summary(outcome, args, time.monotonic() - started)
    print(f"engine: {engine} ({why})")
    return outcome.exit_code


def _build_local(inputs: Sequence[str], current: Settings):  # type: ignore[no-untyped-def]
    from quotewire.dataset import build
    from quotewire.ops import validator_service

    config = build.BuildConfig(
        root=current.root, dataset=current.dataset, batch_size=current.batch_size, use_cache=current.use_cache,
        max_bytes=current.max_bytes, legacy_encoding=current.legacy_encoding,
    )
    remote = validator_service.remote(current, current.root)
    return build.build_local(inputs, config, progress=terminal_progress(), workers=current.workers, remote=remote)


def _build_prefect(inputs: Sequence[str], current: Settings):  # type: ignore[no-untyped-def]
    from quotewire.dataset import build

    settings.apply_prefect_defaults(os.environ)  # read by Prefect, imported next
    # An extraction worker starts first: it imports the extractors on the other core while
    # this process imports Prefect (see build.prestarted_extraction). Not with Dask, whose
    # workers run the batches.
    prestart = contextlib.nullcontext() if current.dask_address else build.prestarted_extraction(current.workers)
    with prestart:
        flow_module = load_flow_module(current.flows_dir)
        try:
            return flow_module.run(
                inputs=list(inputs), root=current.root, dataset=current.dataset, batch_size=current.batch_size,
                workers=current.workers, dask_address=current.dask_address,
                max_bytes=current.max_bytes, legacy_encoding=current.legacy_encoding,
            )
        except flow_module.ValidationFailed as exc:  # the flow run ends Failed; exit 1
            return exc.outcome


def print_build_summary(outcome, args: argparse.Namespace, seconds: float) -> None:  # type: ignore[no-untyped-def]
    from quotewire.dataset.store import table_path
    from quotewire.dataset.checks import report_text

    print(f"\nquotewire build: {outcome.status} in {seconds:.1f} s")
    print("rows:   " + ", ".join(f"{k} {v}" for k, v in outcome.row_counts.items()))
    if outcome.seconds_by_step:
        print("steps:  " + ", ".join(f"{k} {v:.1f} s" for k, v in outcome.seconds_by_step.items()))
    if outcome.base_version:
        print(f"incremental: {outcome.new_units} new input unit(s) on top of {outcome.base_version}")
    if outcome.cache_hits:
        print(f"cache:  {outcome.cache_hits} article(s) reused from earlier builds")
    if outcome.rejects_by_reason:
        print("rejects: " + ", ".join(f"{k} {v}" for k, v in outcome.rejects_by_reason.items()))
    s = outcome.report.summary()
    if not outcome.report.results:
        print(f"validation: nothing new to validate ({outcome.version} was validated when published)")
    else:
        print(
            f"validation: {'passed' if s['success'] else 'FAILED'} "
            f"(critical {s['critical_passed']} passed, {s['critical_failed']} failed; "
            f"warnings {s['warnings_passed']} passed, {s['warnings_failed']} failed)"
        )
    failed = outcome.report.failed
    if failed:
        print(report_text(outcome.report, only_failed=True))
    if outcome.status == "failed":
        print(f"nothing published; staged tables and validation results kept in {outcome.path}")
        return
    print(f"version: {outcome.path}  ({'new' if outcome.status == 'published' else 'no change, already LATEST'})")
    print(f'load:    pd.read_parquet("{table_path(outcome.path, "statements")}")')
    print(f'         quotewire.load("statements", dataset="{args.dataset}", root="{args.root}")')


# ---------------------------------------------------------------------------------------
# annotate
# ---------------------------------------------------------------------------------------


def _read_lines(path: str) -> Iterator[str]:
    if path == "-":
        yield from sys.stdin
    else:
        with open(path, encoding="utf-8") as f:
            yield from f


def cmd_annotate(args: argparse.Namespace) -> int:
    from quotewire.dataset.annotate import annotate_lines

    if args.input != "-" and not Path(args.input).is_file():
        print(f"quotewire annotate: no such file: {args.input}", file=sys.stderr)
        return 2
    workers = args.workers or os.cpu_count() or 1
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    try:
        errors = 0
        for line, ok in annotate_lines(_read_lines(args.input), workers):
            errors += not ok
            out.write(line)
            out.write("\n")
    finally:
        if out is not sys.stdout:
            out.close()
    if errors:
        print(f"quotewire annotate: {errors} input line(s) could not be used (see their 'reject')", file=sys.stderr)
    return 0


# ---------------------------------------------------------------------------------------
# validate, versions, show
# ---------------------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    from quotewire.dataset import store
    from quotewire.dataset.validate import report_text, validate_dir

    if not args.version_dir:
        dangling = _report_dangling_latest("validate", args)
        if dangling:
            return 3
    try:
        path = Path(args.version_dir) if args.version_dir else store.version_dir(None, args.dataset, args.root)
    except store.StoreError as exc:
        print(f"quotewire validate: {exc}", file=sys.stderr)
        return 2
    if not path.is_dir():
        print(f"quotewire validate: not a folder: {path}", file=sys.stderr)
        return 2
    # A published version's files must be byte-identical to what its manifest recorded.
    problems = store.verify_checksums(path) if (path / store.MANIFEST).exists() else []
    for problem in problems:
        print(f"checksum: {problem}")
    try:
        report = validate_dir(path)
    except (OSError, ValueError) as exc:
        print(f"quotewire validate: {path}: unreadable tables ({exc}); restore the version from a backup or rebuild it",
              file=sys.stderr)
        return 3
    print(report_text(report, only_failed=not args.all))
    s = report.summary()
    ok = report.success and not problems
    print(f"\n{path}: {'passed' if ok else 'FAILED'} "
          f"(critical {s['critical_passed']} passed, {s['critical_failed']} failed; "
          f"warnings {s['warnings_passed']} passed, {s['warnings_failed']} failed"
          + (f"; {len(problems)} file(s) differ from the manifest)" if problems else ")"))
    return 3 if problems else 0 if ok else 1


def _report_dangling_latest(command: str, args: argparse.Namespace) -> str | None:
    """Say so (one line) when LATEST names a version that is gone; returns its name."""
    from quotewire.dataset import store

    ds_dir = store.dataset_dir(args.root, args.dataset)
    dangling = store.dangling_latest(ds_dir)
    if dangling:
        present = store.list_versions(ds_dir)
        print(f"quotewire {command}: {ds_dir / store.LATEST} names {dangling}, which is not a published version "
              f"(folder or manifest gone); the next build publishes a complete version after "
              f"{present[-1] if present else 'none'}", file=sys.stderr)
    return dangling


def cmd_versions(args: argparse.Namespace) -> int:
    from quotewire.dataset import store

    ds_dir = store.dataset_dir(args.root, args.dataset)
    latest = store.latest_version(ds_dir)
    names = store.list_versions(ds_dir)
    dangling = _report_dangling_latest("versions", args)
    if not names:
        print(f"no published versions of {args.dataset!r} under {args.root}")
        return 3 if dangling else 0
    for name in names:
        manifest = store.read_manifest(ds_dir / name)
        rows = ", ".join(f"{t} {m['rows']}" for t, m in manifest["tables"].items())  # type: ignore[union-attr]
        mark = "*" if name == latest else " "
        print(f"{mark} {name}  {manifest.get('created_at', '')}  {rows}")
    return 3 if dangling else 0


def cmd_show(args: argparse.Namespace) -> int:
    import pandas as pd

    from quotewire.read.api import load

    try:
        df = load(args.table, args.version, args.dataset, args.root)
    except StoreError as exc:
        print(f"quotewire show: {exc}", file=sys.stderr)
        return 2
    if args.columns:
        missing = [c for c in args.columns.split(",") if c not in df.columns]
        if missing:
            print(f"quotewire show: no such column(s): {', '.join(missing)}", file=sys.stderr)
            return 2
        df = df[args.columns.split(",")]
    with pd.option_context("display.max_colwidth", 60, "display.width", 200):
        print(df.head(args.limit).to_string())
    print(f"[{len(df)} rows]")
    return 0


COMMANDS = {
    "build": cmd_build,
    "annotate": cmd_annotate,
    "validate": cmd_validate,
    "versions": cmd_versions,
    "show": cmd_show,
    **commands.COMMANDS,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        debug = args.debug or settings.from_env().debug
    except ValueError as exc:  # a setting that is not a number
        print(f"quotewire {args.command}: {exc}", file=sys.stderr)
        return 2
    if debug:
        os.environ[DEBUG_ENV] = "1"  # the flow, too, then logs the tracebacks of faults
    _configure_logging(args.command, args.verbose)
    try:
        return COMMANDS[args.command](args)
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - one line and an exit code; the traceback on --debug
        code, reason = failure(exc)
        if debug:
            traceback.print_exc()
        print(f"quotewire {args.command}: {reason}", file=sys.stderr)
        return code


def _configure_logging(command: str, verbose: bool) -> None:
    """quotewire's log to stderr, one line a record: warnings always (a cache moved aside,
    a corrupted base rebuilt), everything with ``--verbose``. On the ``quotewire`` logger,
    not the root: Prefect configures the root."""
    logger = logging.getLogger("quotewire")
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False
    _log_handler.setFormatter(logging.Formatter(f"quotewire {command}: %(levelname)s: %(message)s"))
    if _log_handler not in logger.handlers:
        logger.addHandler(_log_handler)


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to ``sys.stderr`` as it is now: main may run again in one process (tests,
    notebooks) with stderr replaced meanwhile."""

    @property  # type: ignore[override]
    def stream(self):  # type: ignore[no-untyped-def]
        return sys.stderr

    @stream.setter
    def stream(self, value: object) -> None:
        pass


_log_handler = _Stderr()


def failure(exc: BaseException) -> tuple[int, str]:
    """(exit code, one-line reason) for an exception that ends a command: the exit code a
    StoreError carries (2 a bad request, 3 a BuildFault), 3 for another error of the
    environment or of quotewire itself."""
    if isinstance(exc, StoreBusy):
        return 3, f"{exc}; try again when that build has ended"
    if isinstance(exc, StoreError):
        return int(getattr(exc, "exit_code", 2)), str(exc)
    if isinstance(exc, OSError):
        return 3, f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")
    first = str(exc).splitlines()[0] if str(exc) else ""
    return 3, f"internal error {type(exc).__name__}: {first} (a bug in quotewire: rerun with --debug and report the traceback)"


def entry() -> None:
    """The console command: ``main``, then an exit without the interpreter's teardown.

    Tearing down a build's interpreter (modules, then every object of pandas, pyarrow
    and Prefect, one by one) took 0.5 to 1 s after the work was done: a quarter of an
    incremental build against a running server. So the last exit handler ends the
    process with ``os._exit``: it runs after Python has joined the threads (Prefect
    drains its log and event queues to the API there) and after every handler
    registered later than it, which is every one but ``logging``'s, which it calls
    itself. An exception that escapes ``main`` gets the ordinary teardown."""
    code: list[int] = []  # main's exit code, once it has returned
    atexit.register(_exit_now, code)
    code.append(main())
    sys.exit(code[0])


def _exit_now(code: list[int]) -> None:
    if not code:
        return
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a closed pipe: nothing left to say
            stream.flush()
    os._exit(code[0])


if __name__ == "__main__":
    entry()
