"""Characterization digests: the exact output of ``quotewire annotate`` and of a local build
over the seed, the sample input and the shared bench sets, reduced to one sha256 each.

A move or a restructuring must keep every digest (``tests/test_characterization.py``). A
change of behaviour that is meant rewrites them, in the same commit, with
``python -m tests.characterize --write``, and says so in its message.

Only digests are stored: no line of the shared data enters the repository.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DIGESTS = REPO / "tests" / "characterization.json"
SAMPLE = REPO / "data" / "raw"

# Columns that say when or by which code a build ran, not what it extracted.
_VOLATILE_COLUMNS = frozenset({"built_at", "code_version", "dataset_version", "version", "run_id"})

# name -> (file under ../shared/bench, keep the "published" field?, lines read (0: all))
ANNOTATE_SETS: dict[str, tuple[str, bool, int]] = {
    "polnear_dev": ("quotes/polnear_dev.jsonl", True, 0),
    "polnear_train": ("quotes/polnear_train.jsonl", True, 0),
    "wire_dev": ("wire/wire_dev.jsonl", True, 0),
    "wire_dev_nodate": ("wire/wire_dev.jsonl", False, 0),
    "afp_wire": ("wire/afp_wire.jsonl", False, 0),
    "bbc": ("news/bbc.jsonl", True, 0),
    "reuters_2000": ("news/reuters21578.jsonl", True, 2000),
    "tbaq_train": ("timex/tbaq_train.jsonl", True, 0),
}


def _bench_lines(rel: str, keep_published: bool, limit: int) -> Iterator[str]:
    with (SHARED / "bench" / rel).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit and n >= limit:
                break
            obj = json.loads(line)
            out = {"doc_id": obj.get("doc_id"), "text": obj["text"]}
            published = obj.get("published") or obj.get("publication_date") or obj.get("dct")
            if keep_published and isinstance(published, str):
                out["published"] = published[:10]
            yield json.dumps(out)


def _sample_lines() -> Iterator[str]:
    for path in sorted(SAMPLE.glob("*.txt")):
        yield json.dumps({"doc_id": path.name, "text": path.read_text(encoding="utf-8")})


def annotate_digest(lines: Iterator[str]) -> str:
    from quotewire.dataset.annotate import annotate_lines

    h = hashlib.sha256()
    for out, _ok in annotate_lines(lines):
        h.update(out.encode("utf-8") + b"\n")
    return h.hexdigest()


def _table_digest(table: pa.Table) -> str:
    keep = [c for c in table.column_names if c not in _VOLATILE_COLUMNS]
    table = table.select(keep)
    sort_keys = [(c, "ascending") for c in keep if c.endswith("_id")] or [(keep[0], "ascending")]
    table = table.sort_by(sort_keys)
    sink = io.BytesIO()
    table = table.replace_schema_metadata(None)
    pq.write_table(table, sink, compression="none", use_dictionary=False, write_statistics=False)
    return hashlib.sha256(sink.getvalue()).hexdigest()


def build_digests(inputs: Path) -> dict[str, str]:
    """Build ``inputs`` with the local engine into a temporary root and digest each
    published table (volatile columns dropped, rows sorted by their id columns)."""
    from quotewire.dataset.build import BuildConfig, build_local

    with tempfile.TemporaryDirectory() as root:
        outcome = build_local([inputs], BuildConfig(root=root))
        assert outcome.path is not None, outcome
        out = {}
        for name in ("articles", "speakers", "statements", "temporal_expressions", "rejects"):
            files = sorted(Path(outcome.path).glob(f"{name}*.parquet")) or sorted(Path(outcome.path).glob(f"{name}/**/*.parquet"))
            out[f"build/{name}"] = _table_digest(pa.concat_tables([pq.read_table(f) for f in files]) if files else pa.table({"none": []}))
        return out


def _wire_dev_folder(folder: Path) -> Path:
    for line in (SHARED / "bench" / "wire" / "wire_dev.jsonl").open(encoding="utf-8"):
        obj = json.loads(line)
        (folder / f"{obj['doc_id']}.txt").write_text(obj["text"], encoding="utf-8")
    return folder


def sample_digests() -> dict[str, str]:
    """The sample input (committed with the repository): annotate output and built tables."""
    out = {"annotate/sample": annotate_digest(_sample_lines())}
    out.update({f"sample/{k}": v for k, v in build_digests(SAMPLE).items()})
    return out


def shared_digests() -> dict[str, str]:
    """The shared bench sets (../shared/bench, which must exist)."""
    out = {f"annotate/{name}": annotate_digest(_bench_lines(rel, keep, limit)) for name, (rel, keep, limit) in ANNOTATE_SETS.items()}
    with tempfile.TemporaryDirectory() as tmp:
        out.update({f"wire_dev/{k}": v for k, v in build_digests(_wire_dev_folder(Path(tmp))).items()})
    return out


def digests() -> dict[str, str]:
    """Every digest this checkout can compute (the shared ones only where ../shared is)."""
    return {**sample_digests(), **(shared_digests() if (SHARED / "bench").exists() else {})}


if __name__ == "__main__":
    found = digests()
    if sys.argv[1:] == ["--write"]:
        DIGESTS.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n")
        print(f"wrote {len(found)} digests to {DIGESTS}")
    else:
        stored = json.loads(DIGESTS.read_text()) if DIGESTS.exists() else {}
        for k, v in sorted(found.items()):
            print(("same     " if stored.get(k) == v else "CHANGED  ") + k)
