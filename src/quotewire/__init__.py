"""quotewire: raw news text to versioned, validated Parquet datasets of who said what, and when.

    >>> import quotewire
    >>> statements = quotewire.load("statements")   # LATEST version of data/datasets/news
"""

from quotewire.api import load, statements_with_speakers, versions

__all__ = ["load", "statements_with_speakers", "versions"]
__version__ = "0.1.0"
