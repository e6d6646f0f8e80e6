"""Per-article result cache: a rebuild costs what changed, not what exists.

One SQLite file per code version under ``ROOT/DATASET/_cache/``; the key is a digest of
the input unit (source, content, metadata). The code version is ``content_version``: a
hash of every file that decides an article's rows (extractor code, lexicons, models), so
any edit to them reads a new, empty file and nothing stale is reused; files of other code
versions are swept. Values are pickles of our own records, written and read only by this
module on the local disk.

The cache is disposable: a file that cannot be opened or read (a disk error, a copy taken
mid-write) is moved aside to ``_cache/corrupt-<stamp>/`` with a warning and the build goes
on without it. Only a full disk is an error (``CacheDiskFull``): nothing else would fit
either.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import pickle
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

from quotewire.records import InputKind, RawDocument, Reject
from quotewire.dataset.tables import ArticleBundle

CacheValue = ArticleBundle | Reject

log = logging.getLogger(__name__)

# Files and packages of ``quotewire`` (paths relative to it) that never decide an
# article's rows (storage, orchestration, reports, services): editing them keeps the
# cache. Every other file under the package, including any added later, is part of the
# code version: a new extractor module or model file invalidates the cache without anyone
# remembering to list it.
NOT_EXTRACTION = frozenset({
    "ops", "read", "settings.py", "ingest/sources.py",
    "dataset/annotate.py", "dataset/build.py", "dataset/cache.py", "dataset/checks.py",
    "dataset/layout.py", "dataset/store.py", "dataset/validate.py",
})


def content_version(package: Path, skip: frozenset[str] = NOT_EXTRACTION) -> str:
    """``extract-<hash>``: sha256 over the relative path and bytes of every file under
    ``package`` (the ``quotewire`` folder) except the files and folders in ``skip``,
    ``__pycache__`` and hidden files. Extraction code, lexicons and model files are all
    in it, so no hand-kept number can fall behind the code."""
    h = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file()):
        rel = path.relative_to(package)
        if "__pycache__" in rel.parts or any(part.startswith(".") for part in rel.parts):
            continue
        if any("/".join(rel.parts[: n + 1]) in skip for n in range(len(rel.parts))):
            continue
        h.update(rel.as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return f"extract-{h.hexdigest()[:16]}"


# Part of every cache key and of the manifest: a hash of the files that decide an
# article's rows (extraction code, lexicons, models), so an edit to any of them changes it
# and no cached result or incremental base is stale. Defined here, not beside the
# extractors: a build's orchestrating process needs it without importing them.
CODE_VERSION = content_version(Path(__file__).resolve().parents[1])


class CacheDiskFull(OSError):
    """SQLite found the disk full while writing the cache (an ENOSPC OSError naming it)."""


def _disk_full(path: Path) -> CacheDiskFull:
    # The usual OSError arguments, so that it crosses a process pool as it is.
    return CacheDiskFull(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))


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


def _is_disk_full(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL" or "disk is full" in str(exc)


def move_aside(path: Path, reason: object) -> Path | None:
    """Move a cache file that cannot be used (and its -wal, -shm files) to
    ``corrupt-<UTC stamp>-<pid>/`` beside it and log a warning; returns that folder, or
    None when there was nothing to move (another process moved it first)."""
    target = path.parent / f"corrupt-{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%SZ')}-{os.getpid()}"
    moved = False
    try:
        target.mkdir(exist_ok=True)
        for item in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            with contextlib.suppress(FileNotFoundError):
                os.rename(item, target / item.name)
                moved = moved or item == path
    except OSError as exc:  # cannot move it: go on without it all the same
        log.warning("cache %s unusable (%s) and cannot be moved aside (%s); building without it", path, reason, exc)
        return None
    if not moved:  # another process of this build moved it first
        with contextlib.suppress(OSError):
            target.rmdir()
        return None
    log.warning("cache %s unusable (%s): moved aside to %s; building without it", path, reason, target)
    return target


def check(path: Path | None) -> Path | None:
    """``path`` when the cache there can be opened and read (or does not exist yet); else
    the file is moved aside (``move_aside``) and None is returned: build without a cache.
    Reads the header and one row, not every page: a damaged page found later is handled
    where it is read."""
    if path is None or not path.exists():
        return path
    readable = _guarded(path, lambda conn: conn.execute("SELECT key, length(value) FROM results LIMIT 1").fetchall() is not None, False)
    return path if readable else None


T = TypeVar("T")


def _guarded(path: Path, work: Callable[[sqlite3.Connection], T], unusable: T) -> T:
    """``work`` on a connection to the cache at ``path``; ``unusable`` when SQLite fails
    (the file is moved aside), except on a full disk: CacheDiskFull."""
    try:
        conn = _connect(path)
        try:
            return work(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if _is_disk_full(exc):
            raise _disk_full(path) from exc
        move_aside(path, exc)
        return unusable


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Two worker processes write at once: WAL and a generous busy timeout serialise them.
    conn = sqlite3.connect(path, timeout=60)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
    return conn


def get_many(path: Path, keys: Iterable[str]) -> dict[str, CacheValue]:
    """Cached results for those keys that have one. A corrupt entry counts as a miss; an
    unreadable cache is moved aside and every key misses."""
    wanted = list(keys)
    if not wanted or not path.exists():
        return {}
    return _guarded(path, lambda conn: _read(conn, wanted), {})


def _read(conn: sqlite3.Connection, wanted: list[str]) -> dict[str, CacheValue]:
    found: dict[str, CacheValue] = {}
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        rows = conn.execute(f"SELECT key, value FROM results WHERE key IN ({','.join('?' * len(chunk))})", chunk)
        for key, blob in rows:
            try:
                found[key] = pickle.loads(zlib.decompress(blob))
            except (zlib.error, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
                continue
    return found


def put_many(path: Path, values: Mapping[str, CacheValue]) -> None:
    """Store results; a cache that cannot be written is moved aside (a warning), except
    on a full disk (``CacheDiskFull``)."""
    if not values:
        return
    rows = [(k, zlib.compress(pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL), 1)) for k, v in values.items()]

    def write(conn: sqlite3.Connection) -> None:
        with conn:
            conn.executemany("INSERT OR REPLACE INTO results (key, value) VALUES (?, ?)", rows)

    _guarded(path, write, None)
