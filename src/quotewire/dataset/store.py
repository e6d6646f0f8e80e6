"""Versioned, immutable Parquet datasets: the only writer of published data.

Layout under ``ROOT/DATASET/``::

    v0001/<table>.parquet   one file per table (written once, never modified); a large
                            table is a folder v0001/<table>/<YYYY-MM>.parquet instead
    v0001/_manifest.json    schema version, row counts, sha256 per file, input fingerprint,
                            code version, validation summary
    v0001/_validation.json  full validation results
    LATEST                  one line naming the newest published version
    .staging-<pid>-<hex>/   a build in progress (swept when its process is gone)
    _quarantine/<stamp>/    staged tables and validation results of a refused build
    .lock                   serialises publication (version allocation and LATEST)

Publication is a rename of a complete staging directory to ``vNNNN`` followed by an atomic
replace of ``LATEST``, both under an exclusive lock: a crash at any moment leaves LATEST
naming a complete version, and concurrent builds never allocate the same number.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import re
import secrets
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

# Defined apart so that the command line's client can import them without pyarrow;
# store.X remains their name everywhere else.
from quotewire.dataset.layout import DEFAULT_DATASET, DEFAULT_ROOT, LATEST, MANIFEST, VALIDATION, StoreBusy, StoreError  # noqa: F401
from quotewire.dataset.schemas import SCHEMA_VERSION, TABLE_NAMES

_VERSION_RE = re.compile(r"v(\d{4,})")
_STAGING_RE = re.compile(r"\.staging-(\d+)-[0-9a-f]+")


class BuildFault(StoreError):
    """The environment failed a build (a full disk, a permission, a corrupted base or
    store): exit code 3. The message is one line: what failed, the path, what to do."""

    exit_code = 3


@dataclass(frozen=True)
class PublishResult:
    """``status`` is ``published`` or ``unchanged`` (identical tables to LATEST)."""

    status: str
    version: str
    path: Path


def dataset_dir(root: str | os.PathLike[str], dataset: str) -> Path:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}", dataset):
        raise StoreError(f"invalid dataset name {dataset!r}: letters, digits, _ . - only")
    return Path(root) / dataset


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_bytes_durably(path: Path, data: bytes) -> None:
    with path.open("wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError as exc:
        return exc.errno == errno.EPERM
    return True


def sweep_stale_staging(ds_dir: Path) -> list[Path]:
    """Remove staging directories whose building process no longer exists (a killed build).
    Returns what was removed."""
    removed = []
    if not ds_dir.is_dir():
        return removed
    for child in ds_dir.iterdir():
        m = _STAGING_RE.fullmatch(child.name)
        if m and not _pid_alive(int(m.group(1))):
            shutil.rmtree(child, ignore_errors=True)
            removed.append(child)
    return removed


def open_staging(ds_dir: Path) -> Path:
    """A new private staging directory (after sweeping those of killed builds)."""
    ds_dir.mkdir(parents=True, exist_ok=True)
    sweep_stale_staging(ds_dir)
    staging = ds_dir / f".staging-{os.getpid()}-{secrets.token_hex(4)}"
    staging.mkdir()
    return staging


def _part_dir(staging: Path, index: int) -> Path:
    return staging / "_parts" / f"{index:06d}"


def write_part(staging: Path, index: int, tables: Mapping[str, pa.Table]) -> None:
    """Write one batch's rows (any subset of tables) under the staging directory."""
    folder = _part_dir(staging, index)
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        pq.write_table(table, folder / f"{name}.parquet", compression="zstd")


def read_part(staging: Path, index: int, name: str) -> pa.Table:
    return read_table(_part_dir(staging, index) / f"{name}.parquet")


def read_table(path: Path, columns: Sequence[str] | None = None) -> pa.Table:
    """A table file, or the folder of a partitioned table, as one Arrow table (``columns``
    only, when given). A file is read without ``pq.read_table``: that goes through
    pyarrow.dataset, whose import pulls in pandas (0.3 s) in processes that have no other
    use for it (a build's client, a flow-service fork)."""
    if path.is_file():
        return pq.ParquetFile(path).read(columns=columns)
    return pq.read_table(path, columns=columns)


def write_table(staging: Path, name: str, schema: pa.Schema, pieces: Iterable[pa.Table]) -> int:
    """Stream pieces into ``<staging>/<name>.parquet`` (one row group per piece, so memory
    stays bounded by the largest piece); returns the row count. The file is fsynced."""
    path = staging / f"{name}.parquet"
    rows = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for piece in pieces:
            if piece.num_rows:
                writer.write_table(piece.cast(schema))
                rows += piece.num_rows
    with path.open("rb+") as f:
        os.fsync(f.fileno())
    return rows


MAX_DELTA_FILES = 8
_MONTH_KEY = re.compile(r"\d{4}-\d{2}|undated")


def extend_table(
    staging: Path,
    name: str,
    schema: pa.Schema,
    base_version: Path,
    delta: pa.Table,
    month_of: Callable[[pa.Table], list[str]],
    partition_rows: int,
) -> tuple[int, dict[str, int]]:
    """Write table ``name`` into a staging folder as the base version's rows followed by
    ``delta``'s: what an incremental build publishes. Returns (rows, already_valid): how
    many leading rows of each written file (path relative to the staging folder) come
    unchanged from the base, so that validation need not check them again.

    The base's files are shared, not copied: hard links (published files are never
    modified, so sharing them is safe). The new rows go to one more file in the table's
    folder: ``<name>/part.parquet`` (the base's single file) + ``<name>/part~001.parquet``,
    or, for a table partitioned by month, ``<month>~001.parquet`` beside ``<month>.parquet``.
    One ``pd.read_parquet`` on the folder reads them all, base rows first. When a table
    holds ``MAX_DELTA_FILES`` added files, or an unpartitioned table outgrows
    ``partition_rows``, everything is rewritten into ``<name>.parquet`` instead (the
    caller then partitions it if it is large)."""
    delta = delta.cast(schema)
    base_files = table_files(base_version, name)
    single = (base_version / f"{name}.parquet").exists()
    partitioned = not single and all(_MONTH_KEY.fullmatch(p.stem.split("~")[0]) for p in base_files)
    base_rows = {p: pq.ParquetFile(p).metadata.num_rows for p in base_files}
    added = max((int(p.stem.split("~")[1]) for p in base_files if "~" in p.stem), default=0)
    if delta.num_rows == 0 and single:
        os.link(base_files[0], staging / f"{name}.parquet")
        return base_rows[base_files[0]], {f"{name}.parquet": base_rows[base_files[0]]}
    if added >= MAX_DELTA_FILES or (not partitioned and sum(base_rows.values()) + delta.num_rows > partition_rows):
        pieces = (pq.ParquetFile(p).read_row_group(i) for p in base_files for i in range(pq.ParquetFile(p).num_row_groups))
        rows = write_table(staging, name, schema, _chain(pieces, [delta]))
        return rows, {f"{name}.parquet": sum(base_rows.values())} if single else {}
    folder = staging / name
    folder.mkdir()
    already_valid: dict[str, int] = {}
    for path in base_files:
        target = folder / ("part.parquet" if single else path.name)
        os.link(path, target)
        already_valid[f"{name}/{target.name}"] = base_rows[path]
    suffix = f"~{added + 1:03d}"
    if delta.num_rows and partitioned:
        months = pa.array(month_of(delta), pa.string())
        for month in sorted(set(months.to_pylist())):
            write_table(folder, f"{month}{suffix}", schema, [delta.filter(pc.equal(months, month))])
    elif delta.num_rows:
        write_table(folder, f"part{suffix}", schema, [delta])
    return sum(base_rows.values()) + delta.num_rows, already_valid


def _chain(*groups: Iterable[pa.Table]) -> Iterator[pa.Table]:
    for group in groups:
        yield from group


INPUTS = "_inputs.parquet"
_INPUTS_SCHEMA = pa.schema([pa.field("unit_digest", pa.string(), nullable=False)])


def write_inputs(staging: Path, digests: Iterable[str]) -> int:
    """Record the digests of every input unit a version was built from (``_inputs.parquet``,
    beside the tables): the next build compares its input with them to extract only what
    is new. Returns how many were written."""
    column = pa.array(list(digests), pa.string())
    return write_table(staging, INPUTS[: -len(".parquet")], _INPUTS_SCHEMA, [pa.table({"unit_digest": column})])


def read_inputs(version: Path) -> frozenset[str] | None:
    """The unit digests a version was built from, or None for a version without them."""
    path = version / INPUTS
    if not path.is_file():
        return None
    return frozenset(read_table(path)["unit_digest"].to_pylist())


def drop_parts(staging: Path) -> None:
    shutil.rmtree(staging / "_parts", ignore_errors=True)


def table_path(version_dir: Path, name: str) -> Path:
    """What to hand ``pd.read_parquet``/``pq.read_table`` for one table: its file, or the
    folder of a partitioned table."""
    single = version_dir / f"{name}.parquet"
    return single if single.exists() else version_dir / name


def table_files(version_dir: Path, name: str) -> list[Path]:
    """The Parquet files of one table: ``<name>.parquet``, or the month files of a
    partitioned table's folder ``<name>/`` in name order."""
    single = version_dir / f"{name}.parquet"
    if single.exists():
        return [single]
    return sorted((version_dir / name).glob("*.parquet"))


def _table_digest(version_dir: Path, name: str) -> tuple[str, dict[str, str]]:
    """(digest, per-file sha256 by path relative to the version). A single file's digest is
    its sha256; a partitioned table's is the sha256 of its sorted file list and digests."""
    files = {p.relative_to(version_dir).as_posix(): _sha256_file(p) for p in table_files(version_dir, name)}
    if len(files) == 1 and next(iter(files)) == f"{name}.parquet":
        return next(iter(files.values())), files
    listing = "".join(f"{path}\t{sha}\n" for path, sha in sorted(files.items()))
    return hashlib.sha256(listing.encode()).hexdigest(), files


def table_digests(version_dir: Path) -> dict[str, str]:
    return {name: _table_digest(version_dir, name)[0] for name in TABLE_NAMES}


def partition_table(staging: Path, name: str, month_of: Callable[[pa.Table], list[str]], chunk_rows: int = 200_000) -> int:
    """Split ``<name>.parquet`` into ``<name>/<YYYY-MM>.parquet`` files, one per month that
    ``month_of`` assigns to rows ("undated" for none). One ``pd.read_parquet`` on the folder
    still reads the whole table. Returns the number of files written."""
    source = staging / f"{name}.parquet"
    folder = staging / name
    folder.mkdir()
    writers: dict[str, pq.ParquetWriter] = {}
    reader = pq.ParquetFile(source)
    try:
        for batch in reader.iter_batches(batch_size=chunk_rows):
            table = pa.Table.from_batches([batch], schema=reader.schema_arrow)
            months = pa.array(month_of(table), pa.string())
            for month in sorted(set(months.to_pylist())):
                if month not in writers:
                    writers[month] = pq.ParquetWriter(folder / f"{month}.parquet", reader.schema_arrow, compression="zstd")
                writers[month].write_table(table.filter(pc.equal(months, month)))
    finally:
        for writer in writers.values():
            writer.close()
    for path in folder.iterdir():
        with path.open("rb+") as f:
            os.fsync(f.fileno())
    source.unlink()
    return len(writers)


def write_manifest(
    staging: Path,
    *,
    dataset: str,
    input_fingerprint: str,
    code_version: str,
    validation_summary: Mapping[str, object],
    validation_results: Mapping[str, object],
    extra: Mapping[str, object] | None = None,
) -> dict[str, object]:
    """Write ``_manifest.json`` and ``_validation.json`` into a staging directory."""
    files: dict[str, dict[str, object]] = {}
    for name in TABLE_NAMES:
        paths = table_files(staging, name)
        digest, per_file = _table_digest(staging, name)
        partitioned = not (staging / f"{name}.parquet").exists()
        files[name] = {
            "file": f"{name}/" if partitioned else f"{name}.parquet",
            "rows": sum(pq.ParquetFile(p).metadata.num_rows for p in paths),
            "bytes": sum(p.stat().st_size for p in paths),
            "sha256": digest,
            **({"files": per_file} if partitioned else {}),
        }
    manifest: dict[str, object] = {
        "dataset": dataset,
        "schema_version": SCHEMA_VERSION,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "code_version": code_version,
        "input_fingerprint": input_fingerprint,
        "tables": files,
        "validation": dict(validation_summary),
        **(dict(extra) if extra else {}),
    }
    if (staging / INPUTS).is_file():
        manifest["inputs"] = {
            "file": INPUTS,
            "rows": pq.ParquetFile(staging / INPUTS).metadata.num_rows,
            "sha256": _sha256_file(staging / INPUTS),
        }
    _write_bytes_durably(staging / VALIDATION, json.dumps(validation_results, indent=2, sort_keys=True, default=str).encode())
    _write_bytes_durably(staging / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True, default=str).encode())
    return manifest


@contextlib.contextmanager
def dataset_lock(ds_dir: Path, timeout_s: float = 120.0) -> Iterator[None]:
    """Exclusive lock on a dataset; waits up to ``timeout_s`` then raises StoreBusy.
    The kernel releases it when the holder dies, so a killed build never wedges the next."""
    ds_dir.mkdir(parents=True, exist_ok=True)
    with (ds_dir / ".lock").open("a+") as handle:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreBusy(f"another build holds {ds_dir / '.lock'} (waited {timeout_s:.0f} s)") from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def list_versions(ds_dir: Path) -> list[str]:
    """Published versions, oldest first (directories named vNNNN with a manifest)."""
    if not ds_dir.is_dir():
        return []
    found = [p.name for p in ds_dir.iterdir() if _VERSION_RE.fullmatch(p.name) and (p / MANIFEST).is_file()]
    return sorted(found, key=lambda v: int(v[1:]))


def latest_version(ds_dir: Path) -> str | None:
    path = ds_dir / LATEST
    if not path.is_file():
        return None
    name = path.read_text(encoding="utf-8").strip()
    return name or None


def dangling_latest(ds_dir: Path) -> str | None:
    """The version LATEST names when that is not a published version (its folder or
    manifest is gone), else None. The next build publishes after the highest number
    present, so this heals itself; ``versions`` and ``validate`` report it meanwhile."""
    name = latest_version(ds_dir)
    if name is None or (ds_dir / name / MANIFEST).is_file():
        return None
    return name


def _next_version(ds_dir: Path) -> str:
    numbers = [int(p.name[1:]) for p in ds_dir.iterdir() if _VERSION_RE.fullmatch(p.name)]
    return f"v{max(numbers, default=0) + 1:04d}"


def _replace_latest(ds_dir: Path, version: str) -> None:
    tmp = ds_dir / f".LATEST.{os.getpid()}.tmp"
    try:
        _write_bytes_durably(tmp, f"{version}\n".encode())
    except OSError:
        tmp.unlink(missing_ok=True)  # a full disk: LATEST stays as it was, no debris
        raise
    os.replace(tmp, ds_dir / LATEST)
    _fsync_dir(ds_dir)


def publish(staging: Path, ds_dir: Path, lock_timeout_s: float = 120.0) -> PublishResult:
    """Publish a staged, validated version atomically, or report ``unchanged`` when its
    tables are byte-identical to LATEST's (the staging directory is then removed)."""
    with dataset_lock(ds_dir, lock_timeout_s):
        current = latest_version(ds_dir)
        if current and (ds_dir / current / MANIFEST).is_file():
            if table_digests(staging) == table_digests(ds_dir / current):
                shutil.rmtree(staging)
                return PublishResult("unchanged", current, ds_dir / current)
        version = _next_version(ds_dir)
        manifest_path = staging / MANIFEST
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        manifest["version"] = version
        _write_bytes_durably(manifest_path, json.dumps(manifest, indent=2, sort_keys=True).encode())
        _fsync_dir(staging)
        os.rename(staging, ds_dir / version)
        _fsync_dir(ds_dir)
        _replace_latest(ds_dir, version)
        return PublishResult("published", version, ds_dir / version)


def quarantine(staging: Path, ds_dir: Path) -> Path:
    """Move a refused build's staging directory to ``_quarantine/<UTC stamp>-<hex>``."""
    target_root = ds_dir / "_quarantine"
    target_root.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = target_root / f"{stamp}-{secrets.token_hex(3)}"
    os.rename(staging, target)
    return target


def discard(staging: Path) -> None:
    """Remove the staging directory of a build that failed before publication or
    quarantine (``build.discarded_on_failure``); a missing one is no error."""
    shutil.rmtree(staging, ignore_errors=True)


def version_dir(
    version: str | None = None, dataset: str = DEFAULT_DATASET, root: str | os.PathLike[str] = DEFAULT_ROOT
) -> Path:
    """The directory of a named version (``v0003`` or ``3``) or of LATEST.
    Raises StoreError when there is none."""
    ds_dir = dataset_dir(root, dataset)
    if version is None:
        version = latest_version(ds_dir)
        if version is None:
            raise StoreError(f"no published version of {dataset!r} under {root} (no {LATEST} file)")
    elif version.isdigit():
        version = f"v{int(version):04d}"
    path = ds_dir / version
    if not (path / MANIFEST).is_file():
        raise StoreError(f"{path} is not a published version (no {MANIFEST})")
    return path


def verify_checksums(path: Path) -> list[str]:
    """Problems found comparing a version's files with its manifest (missing manifest,
    missing file, sha256 mismatch); empty when the files are exactly as published."""
    try:
        manifest = read_manifest(path)
    except (OSError, ValueError) as exc:
        return [f"{path / MANIFEST}: unreadable ({exc})"]
    problems = []
    for name, entry in dict(manifest.get("tables", {})).items():  # type: ignore[arg-type]
        expected = dict(entry.get("files") or {str(entry["file"]): entry["sha256"]})
        actual = {p.relative_to(path).as_posix(): p for p in table_files(path, name)}
        for rel, sha in sorted(expected.items()):
            if rel not in actual:
                problems.append(f"{name}: {rel} is missing")
            elif _sha256_file(actual[rel]) != sha:
                problems.append(f"{name}: {rel} differs from the sha256 in {MANIFEST}")
        problems.extend(f"{name}: {rel} is not in {MANIFEST}" for rel in sorted(set(actual) - set(expected)))
    inputs = manifest.get("inputs")
    if isinstance(inputs, dict):
        path_ = path / str(inputs["file"])
        if not path_.is_file():
            problems.append(f"inputs: {inputs['file']} is missing")
        elif _sha256_file(path_) != inputs["sha256"]:
            problems.append(f"inputs: {inputs['file']} differs from the sha256 in {MANIFEST}")
    return problems


def read_manifest(path: Path) -> dict[str, object]:
    return json.loads((path / MANIFEST).read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------
# Object storage: versions are built and published on a local disk (publication relies on
# an atomic rename and a lock, which object stores lack), then pushed to a URL root such as
# ``s3://bucket/datasets``. Every remote path goes through one fsspec filesystem.
# ---------------------------------------------------------------------------------------


def is_url(root: str | os.PathLike[str]) -> bool:
    """True for a root given as a URL (``s3://...``, ``gs://...``, ``memory://...``)."""
    return "://" in str(root)


def remote_fs(root: str) -> tuple[object, str]:
    """(fsspec filesystem, path within it) for a URL root. ``s3://`` needs the ``s3fs``
    package (``pip install s3fs``), with credentials from the usual AWS environment or
    config files; ``gs://`` needs ``gcsfs``."""
    import fsspec  # imported here: local roots never need it

    fs, path = fsspec.core.url_to_fs(root)
    return fs, path.rstrip("/")


def remote_latest(root: str, dataset: str) -> str | None:
    fs, base = remote_fs(root)
    path = f"{base}/{dataset_dir('.', dataset).name}/{LATEST}"
    if not fs.exists(path):  # type: ignore[attr-defined]
        return None
    return fs.cat_file(path).decode("utf-8").strip() or None  # type: ignore[attr-defined]


def remote_versions(root: str, dataset: str) -> list[str]:
    """Versions pushed to a URL root, oldest first (those with a manifest)."""
    fs, base = remote_fs(root)
    folder = f"{base}/{dataset_dir('.', dataset).name}"
    if not fs.exists(folder):  # type: ignore[attr-defined]
        return []
    names = [p.rstrip("/").rsplit("/", 1)[-1] for p in fs.ls(folder, detail=False)]  # type: ignore[attr-defined]
    found = [n for n in names if _VERSION_RE.fullmatch(n) and fs.exists(f"{folder}/{n}/{MANIFEST}")]  # type: ignore[attr-defined]
    return sorted(found, key=lambda v: int(v[1:]))


def remote_table_url(root: str, dataset: str, version: str | None, table: str) -> str:
    """The URL ``pd.read_parquet`` reads one table of a pushed version from (LATEST when
    ``version`` is None). Raises StoreError when there is no such version."""
    fs, base = remote_fs(root)
    version = version or remote_latest(root, dataset)
    if version is None:
        raise StoreError(f"no pushed version of {dataset!r} under {root} (no {LATEST})")
    if version.isdigit():
        version = f"v{int(version):04d}"
    manifest_path = f"{base}/{dataset}/{version}/{MANIFEST}"
    if not fs.exists(manifest_path):  # type: ignore[attr-defined]
        raise StoreError(f"{root}/{dataset}/{version} is not a pushed version (no {MANIFEST})")
    manifest = json.loads(fs.cat_file(manifest_path))  # type: ignore[attr-defined]
    return f"{root.rstrip('/')}/{dataset}/{version}/{manifest['tables'][table]['file']}"


def push(version_path: Path, root: str, dataset: str) -> tuple[str, bool]:
    """Copy a published version to a URL root: every file, then the manifest, then LATEST
    (when this version is newer than the remote LATEST). Readers follow LATEST, which is
    written last in one small write, so they never see a version half copied. Returns
    (version, copied); pushing a version that is already there with the same manifest
    copies nothing.

    Refuses (StoreError) a version whose files differ from its manifest, and a remote
    version of the same name with a different manifest (versions are immutable)."""
    problems = verify_checksums(version_path)
    if problems:
        raise StoreError(f"{version_path} does not match its manifest: {'; '.join(problems[:3])}")
    fs, base = remote_fs(root)
    version = version_path.name
    target = f"{base}/{dataset}/{version}"
    manifest = (version_path / MANIFEST).read_bytes()
    copied = False
    if fs.exists(f"{target}/{MANIFEST}"):  # type: ignore[attr-defined]
        if fs.cat_file(f"{target}/{MANIFEST}") != manifest:  # type: ignore[attr-defined]
            raise StoreError(f"{root}/{dataset}/{version} exists with another manifest; versions are never overwritten")
    else:
        for path in sorted(p for p in version_path.rglob("*") if p.is_file() and p.name != MANIFEST):
            rel = path.relative_to(version_path).as_posix()
            fs.makedirs(f"{target}/{rel}".rsplit("/", 1)[0], exist_ok=True)  # type: ignore[attr-defined]
            fs.put_file(str(path), f"{target}/{rel}")  # type: ignore[attr-defined]
        fs.pipe_file(f"{target}/{MANIFEST}", manifest)  # type: ignore[attr-defined]
        copied = True
    current = remote_latest(root, dataset)
    if current is None or int(current[1:]) < int(version[1:]):
        fs.pipe_file(f"{base}/{dataset}/{LATEST}", f"{version}\n".encode())  # type: ignore[attr-defined]
    return version, copied
