"""The data dictionary (docs/tables.md), generated from schemas.py.

    python -m quotewire.read.dictionary > docs/tables.md

A contract test fails when the committed document and the schemas drift apart.
"""

from __future__ import annotations

from quotewire.dataset.schemas import SCHEMA_VERSION, TABLE_NAMES, describe

_INTRO = """# Data dictionary

Generated from `src/quotewire/dataset/schemas.py` by `python -m quotewire.read.dictionary > docs/tables.md`;
do not edit by hand (a test compares the two). Schema version {version}.

Every offset is an `int` index in characters (Python `str` code points) into `articles.text`,
half-open `[start, end)`. Timestamps are UTC and time-zone aware.

Load any table with one line:

```python
import pandas as pd
statements = pd.read_parquet("data/datasets/news/v0001/statements.parquet")
```
"""


def render() -> str:
    parts = [_INTRO.format(version=SCHEMA_VERSION)]
    for table in TABLE_NAMES:
        parts.append(f"\n## {table}\n\n| column | type | nullable | unit | description |\n|---|---|---|---|---|\n")
        for name, type_, nullable, unit, description in describe(table):
            parts.append(f"| `{name}` | `{type_}` | {'yes' if nullable else 'no'} | {unit} | {description} |\n")
    return "".join(parts)


if __name__ == "__main__":
    print(render(), end="")
