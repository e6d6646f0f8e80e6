"""quotewire: raw news text to versioned, validated Parquet datasets of who said what, and when.

    >>> import quotewire
    >>> statements = quotewire.load("statements")   # LATEST version of data/datasets/news
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quotewire.read.api import load, statements_with_speakers, versions

__all__ = ["load", "statements_with_speakers", "versions"]
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    # quotewire.read.api imports pandas (half a second); the CLI and the build do not need it,
    # so it is imported on first use of quotewire.load and friends.
    if name in __all__:
        from quotewire.read import api

        return getattr(api, name)
    raise AttributeError(f"module 'quotewire' has no attribute {name!r}")
