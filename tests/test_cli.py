"""The command line, end to end on the sample input (no Prefect: --engine local)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from quotewire.ops.cli import main

from .conftest import SAMPLE_INPUT


def test_build_validate_versions_show(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(tmp_path / "ds")
    assert main(["build", str(SAMPLE_INPUT), "--root", root, "--engine", "local"]) == 0
    out = capsys.readouterr().out
    assert "published" in out and "v0001" in out and "pd.read_parquet(" in out
    # Same input again: nothing changes, nothing is published.
    assert main(["build", str(SAMPLE_INPUT), "--root", root, "--engine", "local"]) == 0
    assert "no change" in capsys.readouterr().out
    assert main(["versions", "--root", root]) == 0
    assert capsys.readouterr().out.startswith("* v0001")
    assert main(["validate", "--root", root]) == 0
    assert "passed" in capsys.readouterr().out
    assert main(["show", "statements", "--root", root, "--columns", "speaker_text,cue", "--limit", "3"]) == 0
    assert "speaker_text" in capsys.readouterr().out
    assert main(["show", "statements", "--root", root, "--columns", "nope"]) == 2


def test_validate_fails_a_corrupted_copy(sample_build, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    outcome, _ = sample_build
    copy = tmp_path / "v0001"
    shutil.copytree(outcome.path, copy)
    table = pq.read_table(copy / "statements.parquet")
    ends = table.column("content_end").to_pylist()
    ends[0] = 10_000_000  # points outside its article's text
    idx = table.schema.get_field_index("content_end")
    pq.write_table(table.set_column(idx, table.schema.field(idx), pa.array(ends, pa.int64())), copy / "statements.parquet")
    assert main(["validate", str(copy)]) == 3  # files differ from the manifest: a corrupted store
    out = capsys.readouterr().out
    assert "check_content_matches_text" in out and "FAIL" in out
    assert "statements.parquet differs from the sha256" in out
    # Without the manifest, the content check alone still refuses it.
    (copy / "_manifest.json").unlink()
    assert main(["validate", str(copy)]) == 1
    assert "check_content_matches_text" in capsys.readouterr().out


def test_build_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(tmp_path / "missing"), "--root", str(tmp_path), "--engine", "local"]) == 2
    assert "input not found" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["build"])
    assert exc.value.code == 2
    assert main(["validate", "--root", str(tmp_path)]) == 2


def test_annotate_contract(tmp_path: Path, seed_text: str) -> None:
    src = tmp_path / "in.jsonl"
    lines = [
        {"doc_id": "seed", "text": seed_text},
        {"doc_id": "quote", "text": '"We will win," she said.', "published": "2026-01-05"},
        {"doc_id": "empty", "text": ""},
    ]
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\n\nnot json\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["annotate", str(src), "-o", str(out), "--workers", "1"]) == 0
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d["doc_id"] for d in docs] == ["seed", "quote", "empty", None]
    seed = docs[0]
    assert len(seed["statements"]) == 10
    st = seed["statements"][0]
    for key in ("statement_id", "speaker_ids", "speaker", "speaker_names", "speaker_start", "speaker_end",
                "cue", "cue_start", "cue_end", "kind", "content", "content_start", "content_end",
                "content_spans", "statement_date"):
        assert key in st
    assert seed_text[st["content_start"]:st["content_end"]] == st["content"]
    assert st["speaker"] == "Xi" and st["speaker_names"] == ["Xi Jinping"]
    # No "published": the date came from the text (byline), so "Sunday" resolves.
    sunday = [t for t in seed["temporal_expressions"] if t["text"] == "Sunday"]
    assert sunday and sunday[0]["value"] == "2025-09-28"
    assert docs[1]["statements"][0]["kind"] == "direct"
    assert docs[2]["reject"]["reason"] == "empty"
    assert docs[3]["reject"]["reason"] == "invalid_json"


def test_load_helpers(sample_build) -> None:  # type: ignore[no-untyped-def]
    import quotewire

    _, root = sample_build
    assert quotewire.versions(root=root) == ["v0001"]
    view = quotewire.statements_with_speakers(root=root)
    assert {"speaker", "headline", "published_at", "content"} <= set(view.columns)
    assert len(view) == len(quotewire.load("statements", root=root))
    assert isinstance(view["published_at"].dtype, pd.DatetimeTZDtype)
    with pytest.raises(ValueError, match="unknown table"):
        quotewire.load("nope", root=root)


def test_progress_bar_only_on_a_terminal() -> None:
    import io

    from quotewire.ops.progress import terminal_progress

    assert terminal_progress(stream=io.StringIO()) is None

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Tty()
    show = terminal_progress("extract", tty)
    assert show is not None
    show(1, 2)
    show(2, 2)
    assert "1/2 batches" in tty.getvalue() and tty.getvalue().endswith("\n")


def test_the_command_line_imports_none_of_the_heavy_libraries() -> None:
    """Importing the command line loads none of pyarrow, pandas, Prefect or
    great_expectations: each command imports what it uses, so --help, usage errors and
    `services` answer in a fraction of a second, and a local build never loads Prefect."""
    import subprocess
    import sys

    heavy = ("pyarrow", "pandas", "prefect", "great_expectations", "quotewire.dataset.build")
    code = f"import sys, quotewire.ops.cli; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"



@pytest.mark.parametrize("command", ["build", "validate", "versions", "services"])
def test_commands_document_their_exit_codes(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    text = capsys.readouterr().out
    assert "exit codes" in text and "--debug" in text
    if command == "build":
        assert all(f"\n  {code}  " in text for code in "0123")


def test_a_failure_is_one_line_with_its_exit_code() -> None:
    import errno

    from quotewire.ops.cli import failure
    from quotewire.dataset.store import BuildFault, StoreBusy, StoreError

    assert failure(BuildFault("corrupted base")) == (3, "corrupted base")
    assert failure(StoreError("invalid dataset name")) == (2, "invalid dataset name")
    assert failure(StoreBusy("another build holds it"))[0] == 3
    assert failure(OSError(errno.EACCES, "Permission denied", "/data/x")) == (3, "Permission denied: /data/x")
    code, line = failure(KeyError("a\nb"))
    assert code == 3 and "\n" not in line and "--debug" in line


def test_the_engine_is_chosen_printed_and_logged(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """auto is local without PREFECT_API_URL; the summary names the engine that ran, and
    --verbose logs the choice (and that the build validates in its own process)."""
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    assert main(["build", str(SAMPLE_INPUT), "--root", str(tmp_path / "ds"), "--verbose"]) == 0
    captured = capsys.readouterr()
    assert "engine: local (no PREFECT_API_URL" in captured.out
    assert "INFO: engine local" in captured.err and "validates in its own process" in captured.err


def test_settings_come_from_flags_environment_and_defaults() -> None:
    import argparse

    from quotewire import settings
    from quotewire.dataset import build
    from quotewire.ingest import sources
    from quotewire.ops.cli import build_parser, build_settings

    assert settings.Settings().max_bytes == sources.DEFAULT_MAX_BYTES
    assert settings.Settings().batch_size == build.DEFAULT_BATCH_SIZE
    env = settings.from_env({
        "QUOTEWIRE_DEBUG": "1", "QUOTEWIRE_EXPECTATIONS": "/x/suites", "QUOTEWIRE_VALIDATOR_IDLE_SECONDS": "0",
        "XDG_RUNTIME_DIR": "/run/user/7", "PREFECT_API_URL": "http://127.0.0.1:4200/api",
    })
    assert env.debug and env.expectations_dir == Path("/x/suites") and not env.validator_service
    assert env.runtime_dir == Path("/run/user/7/quotewire")
    assert env.resolved_engine()[0] == "prefect"
    assert settings.from_env({}).resolved_engine()[0] == "local"
    with pytest.raises(ValueError, match="QUOTEWIRE_VALIDATOR_IDLE_SECONDS"):
        settings.from_env({"QUOTEWIRE_VALIDATOR_IDLE_SECONDS": "soon"})
    args: argparse.Namespace = build_parser().parse_args(["build", "x", "--engine", "local", "--batch-size", "7", "--no-cache"])
    flags = build_settings(args)
    assert (flags.engine, flags.batch_size, flags.use_cache) == ("local", 7, False)
    assert flags.resolved_engine() == ("local", "asked for with --engine")
    assert settings.apply_prefect_defaults({"DO_NOT_TRACK": "0"})["DO_NOT_TRACK"] == "0"


def test_nothing_but_settings_reads_the_environment_for_quotewire_knobs() -> None:
    """Every QUOTEWIRE_* variable is read in settings.py alone, and each is in the README's
    settings table."""
    import re

    from .conftest import REPO

    readers = {}
    for path in [*(REPO / "src" / "quotewire").rglob("*.py"), REPO / "flows" / "build_dataset.py"]:
        text = path.read_text(encoding="utf-8")
        if path.name != "settings.py" and re.search(r"(os\.environ(\.get\(|\[)|getenv\()\s*[\"']QUOTEWIRE_", text):
            readers[path.name] = True
    assert readers == {}
    knobs = set(re.findall(r"QUOTEWIRE_[A-Z_]+", (REPO / "src" / "quotewire" / "settings.py").read_text(encoding="utf-8")))
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Settings"):]
    assert knobs and all(f"`{k}" in table for k in knobs), sorted(k for k in knobs if f"`{k}" not in table)


def test_the_command_skips_teardown_but_loses_no_output_or_exit_code(tmp_path: Path) -> None:
    """The console entry ends with ``os._exit`` after the exit handlers: all of a large
    block-buffered stdout arrives through a pipe, the exit code is main's, an exit handler
    registered while the command ran still runs, and a failure still gives its one line."""
    import subprocess
    import sys

    docs = tmp_path / "docs.jsonl"
    docs.write_text("".join(json.dumps({"doc_id": f"d{i}", "text": f'"We will win {i}," she said.'}) + "\n" for i in range(400)))
    marker = tmp_path / "handler-ran"
    prelude = (f"import atexit, pathlib, sys; from quotewire.ops import cli; "
               f"cli.COMMANDS['annotate'] = (lambda f: lambda a: (atexit.register(pathlib.Path({str(marker)!r}).touch), f(a))[1])(cli.COMMANDS['annotate']); ")
    run = subprocess.run([sys.executable, "-c", prelude + f"sys.argv = ['quotewire', 'annotate', {str(docs)!r}, '--workers', '1']; cli.entry()"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert [json.loads(line)["doc_id"] for line in run.stdout.splitlines()] == [f"d{i}" for i in range(400)]
    assert marker.exists()
    missing = subprocess.run([sys.executable, "-m", "quotewire.ops.cli", "annotate", str(tmp_path / "absent.jsonl")],
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1, missing.stderr
