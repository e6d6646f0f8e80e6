"""Per-article result cache: a rebuild costs what changed, not what exists.

One SQLite file per code version under ``ROOT/DATASET/_cache/``; the key is a digest of
the input unit (source, content, metadata). A change to an extractor changes
``CODE_VERSION``, so it reads a new, empty file: exactly the results it could change are
recomputed, and files of other code versions are swept. Values are pickles of our own
records, written and read only by this module on the local disk.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path

from quotewire.records import InputKind, RawDocument, Reject
from quotewire.tables import ArticleBundle

CacheValue = ArticleBundle | Reject


def unit_key(unit: RawDocument, legacy_encoding: str) -> str:
    h = hashlib.sha256()
    body = unit.data if unit.data is not None else (unit.text or "").encode("utf-8", "surrogatepass")
    parts: tuple[object, ...] = (unit.source, unit.headline, unit.published, unit.url, legacy_encoding)
    if unit.kind is not InputKind.TEXT:  # a page: its HTTP charset decides its decoding too
        parts += (unit.kind.value, unit.charset)
    for part in parts:
        h.update(repr(part).encode("utf-8", "surrogatepass") + b"\x00")
    h.update(hashlib.sha256(body).digest())
    return h.hexdigest()


def cache_file(cache_dir: Path, code_version: str) -> Path:
    return cache_dir / f"results-{hashlib.sha256(code_version.encode()).hexdigest()[:16]}.sqlite"


def sweep_other_versions(cache_dir: Path, keep: Path) -> list[Path]:
    """Delete cache files of other code versions; returns them."""
    removed = []
    if cache_dir.is_dir():
        for path in cache_dir.glob("results-*.sqlite*"):
            if not path.name.startswith(keep.name):
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Two worker processes write at once: WAL and a generous busy timeout serialise them.
    conn = sqlite3.connect(path, timeout=60)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
    return conn


def get_many(path: Path, keys: Iterable[str]) -> dict[str, CacheValue]:
    """Cached results for those keys that have one. A corrupt entry counts as a miss."""
    wanted = list(keys)
    if not wanted or not path.exists():
        return {}
    found: dict[str, CacheValue] = {}
    conn = _connect(path)
    try:
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            rows = conn.execute(f"SELECT key, value FROM results WHERE key IN ({','.join('?' * len(chunk))})", chunk)
            for key, blob in rows:
                try:
                    found[key] = pickle.loads(zlib.decompress(blob))
                except (zlib.error, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
                    continue
    finally:
        conn.close()
    return found


def put_many(path: Path, values: Mapping[str, CacheValue]) -> None:
    if not values:
        return
    rows = [(k, zlib.compress(pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL), 1)) for k, v in values.items()]
    conn = _connect(path)
    try:
        with conn:
            conn.executemany("INSERT OR REPLACE INTO results (key, value) VALUES (?, ?)", rows)
    finally:
        conn.close()
