"""Name keys for matching speakers across articles."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w\s-]+")
_SPACE = re.compile(r"[\s\u00a0]+")


def fold_name(name: str) -> str:
    """Accent-, case- and punctuation-folded key: ``Díaz-Canel`` and ``diaz-canel`` match.

    Periods and apostrophes are dropped (``Mr. O'Neil`` → ``mr oneil``); hyphens are kept
    because they join parts of one name.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    cleaned = _NON_WORD.sub("", stripped.replace("\u2019", "'")).casefold()
    return _SPACE.sub(" ", cleaned).strip()
