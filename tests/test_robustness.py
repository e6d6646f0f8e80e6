"""Nothing lost, nothing half-published (issue 5): kill builds, race them, feed them
hostile input, and check what is published."""

from __future__ import annotations

import functools
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotewire.dataset import store
from quotewire.dataset.pipeline import process_unit
from quotewire.dataset.tables import ArticleBundle
from quotewire.records import RawDocument, Reject

from .conftest import REPO, load_path
from .synthetic import write_corpus


def _build_cmd(inputs: Path, root: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "quotewire.ops.cli", "build", str(inputs), "--root", str(root), "--engine", "local", "--batch-size", "50", *extra]


def _assert_published_state_is_sound(root: Path) -> str | None:
    """LATEST (if any) names a complete version whose files match its manifest."""
    ds = root / "news"
    latest = store.latest_version(ds)
    if latest is None:
        return None
    assert store.verify_checksums(ds / latest) == [], latest
    return latest


def _processes_mentioning(text: str) -> list[int]:
    """Live processes whose command line contains ``text`` (pool workers share their
    build's command line)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and text.encode() in (proc / "cmdline").read_bytes():
                found.append(int(proc.name))
        except OSError:
            pass
    return found


@pytest.mark.slow
def test_kill_minus_nine_at_random_moments(tmp_path: Path) -> None:
    inputs = write_corpus(tmp_path / "in", 300)
    root = tmp_path / "ds"
    subprocess.run(_build_cmd(inputs, root), cwd=REPO, check=True, capture_output=True, timeout=300)
    before = store.table_digests(root / "news" / "v0001")
    # Time one full build to spread the kills over all its steps.
    start = time.monotonic()
    subprocess.run(_build_cmd(inputs, tmp_path / "timing", "--no-cache"), cwd=REPO, check=True, capture_output=True, timeout=300)
    full_s = time.monotonic() - start
    rng = random.Random(20261129)
    kills = 0
    for k in range(6):
        # A new story each time, so that every build has something to publish; full builds
        # (no cache, no base) and incremental ones (a story on top of LATEST) alternate.
        (inputs / f"extra-{k}.txt").write_text(f"Extra story {k}, Ana Ortiz said.\n")
        full = k % 2 == 0
        proc = subprocess.Popen(
            _build_cmd(inputs, root, *(["--no-cache"] if full else [])), cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.05, full_s if full else full_s / 2))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
        latest = _assert_published_state_is_sound(root)
        assert latest is not None
        assert store.table_digests(root / "news" / "v0001") == before, "v0001 changed"
    assert kills >= 3, "the kills landed after the builds ended; nothing was tested"
    # No worker of a killed build is left behind waiting for work that will never come.
    deadline = time.monotonic() + 15
    while _processes_mentioning(str(root)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_mentioning(str(root)) == []
    # The next build succeeds without manual cleanup and sweeps what the kills left.
    done = subprocess.run(_build_cmd(inputs, root), cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    _assert_published_state_is_sound(root)
    assert not [p for p in (root / "news").iterdir() if p.name.startswith(".staging-")]


@pytest.mark.slow
def test_two_builds_at_once(tmp_path: Path) -> None:
    a = write_corpus(tmp_path / "a", 60, seed=1)
    b = write_corpus(tmp_path / "b", 60, seed=2)
    root = tmp_path / "ds"
    procs = [subprocess.Popen(_build_cmd(x, root), cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for x in (a, b)]
    outs = [p.communicate(timeout=300)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    ds = root / "news"
    assert store.list_versions(ds) == ["v0001", "v0002"]
    assert _assert_published_state_is_sound(root) in ("v0001", "v0002")


def test_same_input_twice_gives_identical_tables(tmp_path: Path) -> None:
    from quotewire.dataset.build import BuildConfig, build_local

    inputs = write_corpus(tmp_path / "in", 20)
    one = build_local([inputs], BuildConfig(root=str(tmp_path / "one")))
    two = build_local([inputs], BuildConfig(root=str(tmp_path / "two")))
    assert one.status == two.status == "published"
    assert store.table_digests(one.path) == store.table_digests(two.path)
    again = build_local([inputs], BuildConfig(root=str(tmp_path / "one")))
    assert (again.status, again.version) == ("unchanged", "v0001")


@functools.cache
def _hostile_inputs() -> dict[str, str]:
    return load_path("bench_hostile", REPO / "bench" / "hostile.py").hostile_inputs()


# One case per input: two of them take about a minute each, and a parallel run
# (``make test``) gives them to different workers.
@pytest.mark.slow
@pytest.mark.parametrize("name", list(_hostile_inputs()))
def test_hostile_inputs_each_end_as_one_unit(name: str) -> None:
    """Every hostile input ends as exactly one article or reject (bench/hostile.py times them)."""
    text = _hostile_inputs()[name]
    out = process_unit(RawDocument(source=name, text=text))
    assert isinstance(out, (ArticleBundle, Reject)), out
    if isinstance(out, Reject):
        return
    for s in out.statements:
        assert text[s.content_start : s.content_end] == s.content


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=800), st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())))
def test_extraction_never_raises_and_offsets_hold(text: str, published: str | None) -> None:
    out = process_unit(RawDocument(source="fuzz", text=text, published=published))
    if isinstance(out, Reject):
        assert out.reason.value != "extraction_error", out.detail
        return
    for s in out.statements:
        assert text[s.content_start : s.content_end] == s.content
        assert all(0 <= a < b <= len(text) for a, b in s.content_spans)
    for t in out.temporal_expressions:
        assert text[t.start : t.end] == t.text


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from('"\u201c\u201d\'`()[]{}«» .,:;said told\n'), max_size=600))
def test_quote_and_bracket_soup(text: str) -> None:
    out = process_unit(RawDocument(source="soup", text=text))
    assert not (isinstance(out, Reject) and out.reason.value == "extraction_error")
