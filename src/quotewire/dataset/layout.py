"""The store's names and errors, importable without pyarrow.

``store`` defines the layout and re-exports these; the command line imports them from
here, so that commands that read no table (``--help``, ``services``, ``serve``) do not
load pyarrow.
"""

from __future__ import annotations

from quotewire.settings import DEFAULT_DATASET, DEFAULT_ROOT  # noqa: F401  (the knobs' defaults)

LATEST = "LATEST"
MANIFEST = "_manifest.json"
VALIDATION = "_validation.json"


class StoreError(Exception):
    """A dataset cannot be read or written as asked; the message says why."""


class StoreBusy(StoreError):
    """Another build holds the dataset's lock for longer than we were willing to wait."""
