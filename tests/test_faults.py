"""Faults a real deployment meets (issue 19), each done to a real build on disk: the exit
code, one line of reason and no traceback, LATEST still naming a complete version that
``quotewire validate`` passes, and no staging folder left behind.

The CLI runs as a subprocess with ``--engine local``; one case runs the Prefect engine to
see its run end Failed with the same message. Disk full is a real full tmpfs where mount
is permitted (CI runs as root; skipped cleanly otherwise) and, everywhere, an ENOSPC
injected at the write layer (``store.write_table``).
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from quotewire.dataset import build
from quotewire.dataset import cache
from quotewire.dataset import pipeline
from quotewire.dataset import store
from quotewire.records import Reject, RejectReason

from .conftest import REPO, SAMPLE_INPUT

NEW_STORY = "PORTO, March 3 (Xinhua) -- The mayor said on Monday that the new bridge would open in the spring.\n"


def _run(*args: str, env: dict[str, str] | None = None, prelude: str = "") -> subprocess.CompletedProcess[str]:
    """``quotewire ARGS`` in a new interpreter; ``prelude`` is Python run before the CLI
    (a fault injected there)."""
    code = f"import sys\n{prelude}\nfrom quotewire.ops.cli import main\nsys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=REPO, env=env or dict(os.environ),
                          capture_output=True, text=True, timeout=300)


def _build(inputs: Path, root: Path, *extra: str, **kw: object) -> subprocess.CompletedProcess[str]:
    return _run("build", str(inputs), "--root", str(root), "--engine", "local", *extra, **kw)  # type: ignore[arg-type]


def _reason(proc: subprocess.CompletedProcess[str], code: int) -> str:
    """The one line a failed command printed (warnings aside), checked: exit code, no
    traceback."""
    out = proc.stdout + proc.stderr
    assert proc.returncode == code, out
    assert "Traceback" not in out, out
    lines = [line for line in proc.stderr.splitlines() if line.strip() and ": WARNING: " not in line]
    assert len(lines) == 1, out
    return lines[0]


def _assert_sound(root: Path, latest: str) -> None:
    """LATEST names ``latest``, a complete version that validate passes; no staging left."""
    ds = root / "news"
    assert store.latest_version(ds) == latest
    assert not [p.name for p in ds.iterdir() if p.name.startswith(".staging-")]
    checked = _run("validate", "--root", str(root))
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(inputs, root): the sample input published once as v0001, with its cache."""
    base = tmp_path_factory.mktemp("faults")
    inputs = base / "in"
    shutil.copytree(SAMPLE_INPUT, inputs)
    proc = _build(inputs, base / "ds")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return inputs, base / "ds"


@pytest.fixture()
def dataset(built: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of the built dataset and its input, plus one new story to build."""
    inputs, root = tmp_path / "in", tmp_path / "ds"
    shutil.copytree(built[0], inputs)
    shutil.copytree(built[1], root)
    (inputs / "new-story.txt").write_text(NEW_STORY, encoding="utf-8")
    return inputs, root


def _flip_bytes(path: Path, at: int = 200) -> bytes:
    """Overwrite a few bytes inside a file; returns the original bytes (to restore them)."""
    data = path.read_bytes()
    path.write_bytes(data[:at] + bytes(b ^ 0xFF for b in data[at : at + 8]) + data[at + 8 :])
    return data


# --- a disposable cache never blocks a build ----------------------------------------


@pytest.mark.parametrize("damage", ["garbage header", "truncated mid-write"])
def test_an_unreadable_cache_is_moved_aside(dataset: tuple[Path, Path], damage: str) -> None:
    inputs, root = dataset
    (db,) = (root / "news" / "_cache").glob("results-*.sqlite")
    data = db.read_bytes()
    # "Truncated": the schema page and a part of the next, as a copy cut short leaves it.
    db.write_bytes(b"\xff" * 100 + data[100:] if damage == "garbage header" else data[: 4096 + 100])
    proc = _build(inputs, root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    warning = [line for line in proc.stderr.splitlines() if "moved aside" in line]
    assert len(warning) == 1 and str(db) in warning[0], proc.stderr
    (moved,) = (root / "news" / "_cache").glob("corrupt-*/results-*.sqlite")
    assert moved.stat().st_size > 0
    _assert_sound(root, "v0002")
    # The next build uses the new cache: every unchanged article is a hit.
    (inputs / "another.txt").write_text(NEW_STORY.replace("mayor", "union leader"), encoding="utf-8")
    assert _build(inputs, root).returncode == 0
    _assert_sound(root, "v0003")


# --- a cached result is never stale -------------------------------------------------


def test_the_code_version_is_a_hash_of_the_extraction_files(tmp_path: Path) -> None:
    package = Path(pipeline.__file__).resolve().parents[1]
    copy = tmp_path / "quotewire"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert cache.content_version(copy) == cache.CODE_VERSION
    (copy / "ops" / "cli.py").write_text("# a command line change decides no row\n", encoding="utf-8")
    (copy / "dataset" / "store.py").write_text("# nor does a storage change\n", encoding="utf-8")
    assert cache.content_version(copy) == cache.CODE_VERSION
    lexicon = next((copy / "extract" / "lexicons").glob("*.txt"))
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "# one more line\n", encoding="utf-8")
    assert cache.content_version(copy) != cache.CODE_VERSION
    (copy / "extract" / "model.bin").write_bytes(b"weights")  # a file nobody listed counts too
    assert len({cache.content_version(copy), cache.CODE_VERSION}) == 2


def test_an_edited_lexicon_misses_every_cache_entry(dataset: tuple[Path, Path], tmp_path: Path) -> None:
    """Builds with a copy of the package whose lexicon is edited: no cached article and no
    base made by the other code is reused."""
    inputs, root = dataset
    (inputs / "new-story.txt").unlink()
    src = tmp_path / "src"
    shutil.copytree(Path(pipeline.__file__).resolve().parents[1], src / "quotewire", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "expectations", tmp_path / "expectations")  # found beside the package's src/
    env = {**os.environ, "PYTHONPATH": str(src)}
    same = _build(inputs, root, env=env)
    assert same.returncode == 0 and "no change" in same.stdout, same.stdout + same.stderr
    lexicon = src / "quotewire" / "extract" / "lexicons" / "adverbs.txt"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    edited = _build(inputs, root, env=env)
    assert edited.returncode == 0, edited.stdout + edited.stderr
    # Every article extracted again (no cache hit, LATEST not extended); a comment changes
    # no row, so the tables are LATEST's and nothing new is published.
    assert "cache:" not in edited.stdout and "incremental:" not in edited.stdout, edited.stdout
    assert "no change" in edited.stdout
    new_version = cache.content_version(src / "quotewire")
    assert new_version != cache.CODE_VERSION
    cache_dir = root / "news" / "_cache"
    assert sorted(cache_dir.glob("results-*.sqlite")) == [cache.cache_file(cache_dir, new_version)]
    _assert_sound(root, "v0001")


# --- a corrupted base version is detected before it is used --------------------------


def test_a_corrupted_base_is_rebuilt_in_full_from_its_inputs(dataset: tuple[Path, Path]) -> None:
    inputs, root = dataset
    _flip_bytes(root / "news" / "v0001" / "statements.parquet")
    proc = _build(inputs, root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert any(": WARNING: " in line and "statements.parquet" in line for line in proc.stderr.splitlines()), proc.stderr
    manifest = store.read_manifest(root / "news" / "v0002")
    assert manifest["build"]["base_version"] is None  # type: ignore[index]
    _assert_sound(root, "v0002")
    assert store.verify_checksums(root / "news" / "v0002") == []


def test_a_corrupted_base_without_its_inputs_stops_with_exit_3(dataset: tuple[Path, Path]) -> None:
    inputs, root = dataset
    original = _flip_bytes(root / "news" / "v0001" / "statements.parquet")
    next(p for p in sorted(inputs.iterdir()) if p.name != "new-story.txt").unlink()
    reason = _reason(_build(inputs, root), 3)
    assert "statements.parquet" in reason and "v0001" in reason and "restore" in reason
    assert store.list_versions(root / "news") == ["v0001"]  # nothing derived from it published
    (root / "news" / "v0001" / "statements.parquet").write_bytes(original)  # restored from a backup
    _assert_sound(root, "v0001")


# --- disk full ---------------------------------------------------------------------


@pytest.fixture()
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB tmpfs mounted for the test; skipped where mount is not permitted."""
    mount = shutil.which("mount")
    point = tmp_path / "disk"
    point.mkdir()
    if mount is None or subprocess.run([mount, "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(point)],
                                       capture_output=True).returncode != 0:
        pytest.skip("mounting a tmpfs is not permitted here")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=True)


def _big_input(path: Path, mb: float) -> Path:
    """A JSONL file of about ``mb`` MB of distinct stories."""
    line = json.dumps({"doc_id": "x", "text": NEW_STORY * 20})
    count = int(mb * 2**20 / len(line))
    path.write_text("\n".join(json.dumps({"doc_id": f"d{i}", "text": f"Story {i}.\n" + NEW_STORY * 20}) for i in range(count)) + "\n")
    return path


def test_a_disk_too_small_is_found_before_staging(dataset: tuple[Path, Path], small_disk: Path) -> None:
    inputs, root = dataset
    shutil.copytree(root, small_disk / "ds")
    _big_input(inputs / "many.jsonl", 2.0)  # needs 2 x 2 MB by the estimate; 3 MB disk
    reason = _reason(_build(inputs, small_disk / "ds"), 3)
    assert "not enough disk space" in reason and str(small_disk) in reason
    _assert_sound(small_disk / "ds", "v0001")


def test_a_disk_that_fills_up_mid_build_leaves_latest_as_it_was(dataset: tuple[Path, Path], small_disk: Path) -> None:
    """The estimate is turned off, so the build meets a real ENOSPC on the full tmpfs."""
    inputs, root = dataset
    shutil.copytree(root, small_disk / "ds")
    _big_input(inputs / "many.jsonl", 2.0)
    proc = _build(inputs, small_disk / "ds", "--batch-size", "200",
                  prelude="from quotewire.dataset import build\nbuild.SPACE_PER_INPUT_BYTE = 0")
    reason = _reason(proc, 3)
    assert "disk full" in reason and "LATEST still names v0001" in reason
    _assert_sound(small_disk / "ds", "v0001")


def test_an_enospc_at_the_write_layer_cleans_up(dataset: tuple[Path, Path]) -> None:
    inputs, root = dataset
    inject = (
        "import errno, os\nfrom quotewire.dataset import store\n"
        "def full(staging, name, *a, **k):\n"
        "    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(staging / (name + '.parquet')))\n"
        "store.write_table = full"
    )
    reason = _reason(_build(inputs, root, prelude=inject), 3)
    assert reason.startswith("quotewire build: disk full writing ") and ".staging-" in reason
    _assert_sound(root, "v0001")


# --- configuration and a dangling LATEST ----------------------------------------------


def test_a_root_that_is_a_file_is_a_usage_error(dataset: tuple[Path, Path], tmp_path: Path) -> None:
    inputs, _ = dataset
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    for engine in ("local", "prefect"):
        proc = _run("build", str(inputs), "--root", str(not_a_folder), "--engine", engine)
        assert str(not_a_folder) in _reason(proc, 2)


def test_a_dangling_latest_is_reported_and_healed(dataset: tuple[Path, Path]) -> None:
    inputs, root = dataset
    assert _build(inputs, root).returncode == 0
    shutil.rmtree(root / "news" / "v0002")  # LATEST names it
    for command in ("versions", "validate"):
        reason = _reason(_run(command, "--root", str(root)), 3)
        assert "names v0002" in reason and "v0001" in reason
    (inputs / "another.txt").write_text(NEW_STORY.replace("mayor", "union leader"), encoding="utf-8")
    assert _build(inputs, root).returncode == 0
    _assert_sound(root, "v0002")


def test_debug_shows_the_traceback(dataset: tuple[Path, Path]) -> None:
    inputs, root = dataset
    _flip_bytes(root / "news" / "v0001" / "statements.parquet")
    next(p for p in sorted(inputs.iterdir()) if p.name != "new-story.txt").unlink()
    proc = _run("build", str(inputs), "--root", str(root), "--engine", "local", "--debug")
    assert proc.returncode == 3 and "Traceback" in proc.stderr and "BuildFault" in proc.stderr
    proc = _build(inputs, root, env={**os.environ, "QUOTEWIRE_DEBUG": "1"})
    assert proc.returncode == 3 and "Traceback" in proc.stderr


# --- the Prefect engine ------------------------------------------------------------


@pytest.mark.slow
def test_a_prefect_run_ends_failed_with_the_same_line(dataset: tuple[Path, Path], tmp_path: Path) -> None:
    inputs, root = dataset
    original = _flip_bytes(root / "news" / "v0001" / "statements.parquet")
    next(p for p in sorted(inputs.iterdir()) if p.name != "new-story.txt").unlink()
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home")}
    proc = _run("build", str(inputs), "--root", str(root), "--engine", "prefect", env=env)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 3 and "Traceback" not in out, out
    reason = proc.stderr.strip().splitlines()[-1].removeprefix("quotewire build: ")
    assert "statements.parquet" in reason
    assert f"Finished in state Failed('Flow run encountered an exception: BuildFault: {reason}')" in out, out
    (root / "news" / "v0001" / "statements.parquet").write_bytes(original)
    _assert_sound(root, "v0001")


def test_a_cache_damaged_past_its_first_pages_is_moved_aside_where_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "_cache" / "results-x.sqlite"
    values = {f"k{i:03d}": Reject(f"s{i}", RejectReason.EMPTY, f"{i}" * 3000) for i in range(100)}
    cache.put_many(path, values)
    assert cache.get_many(path, values) == values
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] + b"\xff" * (len(data) - len(data) // 2))
    assert cache.check(path) == path  # its header and first row read fine
    assert cache.get_many(path, values) == {}  # a miss for every key, and a warning
    assert not path.exists() and len(list(path.parent.glob("corrupt-*/results-x.sqlite"))) == 1
    cache.put_many(path, {"k000": values["k000"]})  # the next write starts a new file
    assert cache.get_many(path, values) == {"k000": values["k000"]}


def test_a_full_disk_under_the_cache_is_disk_full_not_corruption(small_disk: Path) -> None:
    """SQLite's 'database or disk is full' is an ENOSPC (exit 3), and the cache stays put."""
    path = small_disk / "_cache" / "results-x.sqlite"
    values = {f"k{i}": Reject(f"s{i}", RejectReason.EMPTY, os.urandom(4000).hex()) for i in range(1500)}  # ~6 MB compressed
    with pytest.raises(cache.CacheDiskFull) as exc:
        cache.put_many(path, values)
    assert exc.value.errno == errno.ENOSPC and build.is_permanent(exc.value)
    assert path.exists() and not list(path.parent.glob("corrupt-*"))
