"""Extraction on hostile text finishes in seconds: prints the time per input.

    .venv/bin/python bench/hostile.py

Inputs: a 5 MB single line of prose, 50,000 quotation marks, 100,000 nested brackets,
a 1 MB line of digits and month names, 1 MB of "said" cues.
"""

from __future__ import annotations

import sys
import time

from quotewire.dataset.pipeline import process_unit
from quotewire.records import RawDocument, Reject


def hostile_inputs() -> dict[str, str]:
    sentence = 'The minister said that "prices, he added, would fall" according to officials, '
    return {
        "5 MB single line": (sentence * (5_000_000 // len(sentence)))[:5_000_000],
        "50,000 quotation marks": '"' * 50_000,
        "50,000 alternating quotes": ('\u201c a \u201d said ' * 12_500),
        "100,000 nested brackets": "(" * 100_000 + "x" + ")" * 100_000,
        "1 MB digits and months": ("12 May 1999 2:30 p.m. 31/12 " * 40_000)[:1_000_000],
        "1 MB of said": ("said " * 200_000),
    }


def main() -> int:
    for name, text in hostile_inputs().items():
        start = time.perf_counter()
        out = process_unit(RawDocument(source=name, text=text))
        seconds = time.perf_counter() - start
        what = f"reject {out.reason.value}" if isinstance(out, Reject) else f"{len(out.statements)} statements, {len(out.temporal_expressions)} timexes"
        print(f"{name:28s} {len(text):>9,d} chars  {seconds:6.2f} s  {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
