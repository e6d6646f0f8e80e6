"""Batch plans and unit digests (Hypothesis): a subset of units, re-planned from their
digests' items, reads back exactly those units; appending input keeps every digest."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotewire.ingest.sources import discover, plan_batches, plan_items, read_batch, unit_digests

_LINE = st.one_of(
    st.builds(lambda t: json.dumps({"text": t}), st.text(max_size=30)),
    st.builds(lambda i, t: json.dumps({"doc_id": i, "text": t}), st.integers(0, 5), st.text(max_size=10)),
    st.sampled_from(["", "   ", "not json", "[1, 2]", '{"no": "text"}']),
)


def _units(plans):  # type: ignore[no-untyped-def]
    return [u for p in plans for u in read_batch(p)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(_LINE, max_size=25), batch_size=st.integers(1, 7), keep=st.lists(st.booleans(), max_size=25), crlf=st.booleans())
def test_replanned_subset_reads_the_same_units(tmp_path: Path, lines: list[str], batch_size: int, keep: list[bool], crlf: bool) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(("\r\n" if crlf else "\n").join(lines).encode("utf-8"))
    plans = plan_batches(discover([path]), batch_size)
    units = _units(plans)
    pairs = [pair for p in plans for pair in unit_digests(p)]
    assert len(pairs) == len(units)
    chosen = [i for i in range(len(pairs)) if i < len(keep) and keep[i]]
    replanned = plan_items([pairs[i][0] for i in chosen], batch_size)
    assert _units(replanned) == [units[i] for i in chosen]
    assert all(p.units <= batch_size for p in replanned)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(_LINE, min_size=1, max_size=15), more=st.lists(_LINE, min_size=1, max_size=5))
def test_appending_keeps_earlier_digests_and_an_edit_changes_one(tmp_path: Path, lines: list[str], more: list[str]) -> None:
    path = tmp_path / "in.jsonl"

    def digests() -> list[str]:
        return [d for p in plan_batches(discover([path]), 4) for _, d in unit_digests(p)]

    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = digests()
    path.write_text("\n".join(lines + more) + "\n", encoding="utf-8")
    after = digests()
    assert after[: len(before)] == before and len(set(after)) == len(after)
    if before:
        edited = [*lines]
        index = next(i for i, line in enumerate(lines) if line.strip())
        edited[index] = lines[index] + " "
        path.write_text("\n".join(edited) + "\n", encoding="utf-8")
        assert sum(a != b for a, b in zip(digests(), before)) == 1


def test_text_files_are_one_unit_each(tmp_path: Path) -> None:
    for name, body in (("b.txt", "Second."), ("a.txt", "First.")):
        (tmp_path / name).write_text(body, encoding="utf-8")
    plans = plan_batches(discover([tmp_path]), 5)
    pairs = [pair for p in plans for pair in unit_digests(p)]
    assert [Path(item.path).name for item, _ in pairs] == ["a.txt", "b.txt"]
    assert _units(plan_items([pairs[1][0]], 5)) == _units(plans)[1:]


def test_mixed_inputs_plan_and_read_as_one_pass_would(tmp_path: Path) -> None:
    """Text, JSONL, pages and a WARC in one folder: every batch size reads the units a
    single pass reads, in the same order, with one digest each."""
    from quotewire.ingest.sources import read_units

    from .test_warc import synthetic_pages, write_crawl

    (tmp_path / "a.txt").write_text("Headline\n\nBody text.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps({"text": f"t{i}"}) for i in range(3)) + "\n", encoding="utf-8")
    (tmp_path / "c.html").write_bytes(synthetic_pages(1)[0][1])
    (tmp_path / "skip.png").write_bytes(b"\x89PNG")
    write_crawl(tmp_path / "d.warc.gz", synthetic_pages(2))
    pairs = discover([tmp_path])
    assert [p.name for _, p in pairs] == ["a.txt", "b.jsonl", "c.html", "d.warc.gz"]
    whole = list(read_units(pairs))
    assert len(whole) == 1 + 3 + 1 + 5  # the WARC: robots.txt, 2 pages, an image, a redirect
    for size in (1, 2, 4, 100):
        plans = plan_batches(pairs, size)
        assert [u for p in plans for u in read_batch(p)] == whole
        assert sum(len(unit_digests(p)) for p in plans) == len(whole)
