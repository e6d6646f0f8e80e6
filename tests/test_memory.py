"""Giving freed memory back (quotewire.dataset.build.release_memory)."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from quotewire.dataset.build import release_memory

STATM = Path("/proc/self/statm")


def _rss_bytes() -> int:
    return int(STATM.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class _Node:
    __slots__ = ("other", "payload")


@pytest.mark.skipif(not STATM.exists(), reason="reads the resident size from /proc")
def test_a_dropped_heap_of_cycles_is_given_back() -> None:
    """Garbage in reference cycles (what a build step leaves) stays resident until a
    collection, and its pages stay with the allocator until trimmed: release_memory does
    both, so a process that then waits is not held at its peak."""
    gc.disable()  # only the call under test may collect
    try:
        before = _rss_bytes()
        nodes = []
        for i in range(300_000):
            a, b = _Node(), _Node()
            a.other, b.other = b, a
            a.payload = b.payload = f"{i:0200d}"
            nodes.append(a)
        grown = _rss_bytes() - before
        del nodes, a, b
        assert _rss_bytes() - before > grown * 0.9  # dropped, not freed: the cycles hold it
        release_memory()
        assert _rss_bytes() - before < grown * 0.8
    finally:
        gc.enable()
