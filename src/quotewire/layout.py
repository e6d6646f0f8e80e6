"""The store's names and errors, importable without pyarrow.

``store`` defines the layout and re-exports these; the command line's client imports
them from here, so that a ``quotewire build`` handed to the flow service starts in a
tenth of a second and some 100 MB less than one that loads pyarrow it never uses.
"""

from __future__ import annotations

import os

DEFAULT_ROOT = "data/datasets"
DEFAULT_DATASET = "news"
LATEST = "LATEST"
MANIFEST = "_manifest.json"
VALIDATION = "_validation.json"


DEBUG_ENV = "QUOTEWIRE_DEBUG"


def debug_enabled() -> bool:
    """True when ``QUOTEWIRE_DEBUG`` asks for the tracebacks of faults, which are one line
    otherwise (the CLI's ``--debug`` sets it, so that a Prefect run it starts logs them too)."""
    return os.environ.get(DEBUG_ENV, "").strip() not in ("", "0")


class StoreError(Exception):
    """A dataset cannot be read or written as asked; the message says why."""


class StoreBusy(StoreError):
    """Another build holds the dataset's lock for longer than we were willing to wait."""
