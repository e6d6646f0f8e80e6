"""A terminal progress bar for long builds: drawn on a TTY, silent otherwise (logs, CI)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import IO

ProgressCallback = Callable[[int, int], None]


def terminal_progress(label: str = "extract", stream: IO[str] | None = None) -> ProgressCallback | None:
    """A ``progress(done, total)`` callback drawing a bar on ``stream`` (default stderr), or
    None when the stream is not a terminal, so redirected output stays clean."""
    out = stream if stream is not None else sys.stderr
    if not out.isatty():
        return None
    start = time.monotonic()

    def show(done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        out.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} batches {time.monotonic() - start:5.1f}s")
        if done >= total:
            out.write("\n")
        out.flush()

    return show
