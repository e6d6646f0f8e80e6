"""Where input comes from: files, directories of ``*.txt``, JSONL, HTML pages (``*.html``,
``*.htm``, gzipped or not) and WARC archives (``*.warc``, ``*.warc.gz``). The only input I/O.

Every input unit becomes either a :class:`RawDocument` or a :class:`Reject`; nothing is
dropped silently. A source name is the path relative to the input root (the directory
given, or the file's parent), ``path#N`` for line N of a JSONL file, and ``path@OFFSET``
for the WARC record at byte OFFSET of an archive.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import zlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from quotewire.ingest import warc
from quotewire.records import InputKind, RawDocument, Reject, RejectReason

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl",)
PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
WARC_SUFFIXES = warc.SUFFIXES
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def _has_suffix(path: Path, suffixes: tuple[str, ...]) -> bool:
    return path.name.lower().endswith(suffixes)


def is_input(path: Path) -> bool:
    """True for a file name ``discover`` takes from a directory."""
    return path.suffix in TEXT_SUFFIXES + JSONL_SUFFIXES or _has_suffix(path, PAGE_SUFFIXES + WARC_SUFFIXES)


def discover(inputs: Iterable[str | os.PathLike[str]]) -> list[tuple[Path, Path]]:
    """(root, file) pairs for every input file, in a defined (sorted) order.

    A directory is walked recursively for the names :func:`is_input` takes; a file is taken as
    given. Refuses (raises FileNotFoundError) an input that does not exist, so that a typo
    is a usage error rather than an empty dataset.
    """
    found: list[tuple[Path, Path]] = []
    for raw in inputs:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise FileNotFoundError(f"input not found: {raw}")
        if path.is_dir():
            root = path
            files = sorted(
                p for p in path.rglob("*") if is_input(p) and (p.is_file() or p.is_symlink())
            )
            found.extend((root, f) for f in files)
        else:
            found.append((path.parent, path))
    return found


def _relative(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _outside_root(root: Path, path: Path) -> bool:
    """True when a path (after resolving symlinks) leads outside its input root."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return True
    return False


def read_units(
    pairs: Iterable[tuple[Path, Path]], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | Reject]:
    """Yield one RawDocument or Reject per input unit (a text file, or a JSONL line)."""
    for root, path in pairs:
        source = _relative(root, path)
        if path.is_symlink() and _outside_root(root, path):
            yield Reject(source, RejectReason.OUTSIDE_ROOT, f"symbolic link leads outside the input root {root}")
            continue
        if path.suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path, source, max_bytes)
            continue
        if _has_suffix(path, WARC_SUFFIXES):
            yield from warc.read_records(path, source, max_bytes)
            continue
        size = path.stat().st_size
        if size > max_bytes:
            yield Reject(source, RejectReason.TOO_LARGE, f"{size} bytes exceeds the limit of {max_bytes}")
            continue
        if _has_suffix(path, PAGE_SUFFIXES):
            yield read_page_file(path, source, max_bytes)
            continue
        yield RawDocument(source=source, data=path.read_bytes())


def read_page_file(path: Path, source: str, max_bytes: int) -> RawDocument | Reject:
    """A page file's bytes (gunzipped for ``.gz``, at most ``max_bytes`` of them), or a
    Reject: ``corrupt`` for a truncated or broken gzip stream, ``too_large`` past the limit."""
    if path.suffix.lower() != ".gz":
        return RawDocument(source=source, data=path.read_bytes(), kind=InputKind.PAGE)
    try:
        with gzip.open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        return Reject(source, RejectReason.CORRUPT, f"gzip stream unreadable: {exc}")
    if len(data) > max_bytes:
        return Reject(source, RejectReason.TOO_LARGE, f"more than {max_bytes} bytes once gunzipped")
    return RawDocument(source=source, data=data, kind=InputKind.PAGE)


def read_jsonl(path: Path, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | Reject]:
    """One unit per non-blank line. ``text`` is required; ``doc_id``, ``title``/``headline``,
    ``published``, ``url`` are optional. A line that is not a JSON object, lacks a string
    ``text``, or exceeds ``max_bytes`` becomes a Reject naming the line."""
    with path.open("rb") as f:
        yield from jsonl_units(f, source, 1, max_bytes)


def jsonl_units(lines: Iterable[bytes], source: str, first_line: int, max_bytes: int) -> Iterator[RawDocument | Reject]:
    for lineno, line in enumerate(lines, first_line):
        if not line.strip():
            continue
        unit = f"{source}#{lineno}"
        if len(line) > max_bytes:
            yield Reject(unit, RejectReason.TOO_LARGE, f"line of {len(line)} bytes exceeds the limit of {max_bytes}")
            continue
        yield parse_jsonl_line(line, unit)


def _opt_str(obj: dict[str, object], *keys: str) -> str | None:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def parse_jsonl_line(line: bytes, unit: str) -> RawDocument | Reject:
    """Parse one JSONL line into a RawDocument (source ``path#doc_id`` when a doc_id is
    given) or a Reject (invalid_json, missing_text)."""
    try:
        obj = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return Reject(unit, RejectReason.INVALID_JSON, f"not valid JSON: {exc}")
    if not isinstance(obj, dict):
        return Reject(unit, RejectReason.INVALID_JSON, f"a JSON {type(obj).__name__}, not an object")
    text = obj.get("text")
    if not isinstance(text, str):
        return Reject(unit, RejectReason.MISSING_TEXT, "no string field 'text'")
    doc_id = obj.get("doc_id")
    source = f"{unit.rsplit('#', 1)[0]}#{doc_id}" if isinstance(doc_id, (str, int)) and str(doc_id) else unit
    return RawDocument(
        source=source,
        text=text,
        headline=_opt_str(obj, "headline", "title"),
        published=_opt_str(obj, "published", "published_at", "date"),
        url=_opt_str(obj, "url"),
    )


# ---------------------------------------------------------------------------------------
# Batch plans: where each batch's units live, so a worker reads its own input and the
# orchestrator never holds the corpus in memory.
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanItem:
    """A text file or page (``start_byte`` None), lines of a JSONL file from ``start_byte``
    up to ``end_byte`` whose first line is number ``first_line``, or the records of a WARC
    archive that start in ``[start_byte, end_byte)``."""

    root: str
    path: str
    start_byte: int | None = None
    end_byte: int | None = None
    first_line: int = 1


@dataclass(frozen=True)
class BatchPlan:
    index: int
    items: tuple[PlanItem, ...]
    units: int


def _jsonl_slices(path: Path, batch_size: int) -> Iterator[tuple[int, int, int, int]]:
    """(start_byte, end_byte, first_line, lines) slices of at most ``batch_size`` lines."""
    start, first, count, pos, lineno = 0, 1, 0, 0, 0
    with path.open("rb") as f:
        for line in f:
            lineno += 1
            pos += len(line)
            count += 1
            if count == batch_size:
                yield start, pos, first, count
                start, first, count = pos, lineno + 1, 0
    if count:
        yield start, pos, first, count


def _warc_slices(path: Path, batch_size: int) -> Iterator[tuple[int, int, int, int]]:
    """(start_byte, end_byte, 0, units) slices of at most ``batch_size`` unit records; the
    archive is read through once, payloads skipped."""
    start, end, count = None, 0, 0
    for span in warc.spans(path):
        if not span.is_unit:
            continue
        start = span.start if start is None else start
        end, count = span.end, count + 1
        if count == batch_size:
            yield start, end, 0, count
            start, count = None, 0
    if count and start is not None:
        yield start, end, 0, count


def _is_sliced(root: Path, path: Path) -> bool:
    """True for a file planned as slices of units (JSONL, WARC) rather than as one unit."""
    return (path.suffix in JSONL_SUFFIXES or _has_suffix(path, WARC_SUFFIXES)) and not (
        path.is_symlink() and _outside_root(root, path)
    )


def plan_batches(pairs: Iterable[tuple[Path, Path]], batch_size: int) -> list[BatchPlan]:
    """Cut the inputs into batches of about ``batch_size`` units, in input order. Files are
    only scanned for line ends here; contents are read by ``read_batch``."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    plans: list[BatchPlan] = []
    items: list[PlanItem] = []
    units = 0

    def flush() -> None:
        nonlocal items, units
        if items:
            plans.append(BatchPlan(len(plans), tuple(items), units))
            items, units = [], 0

    for root, path in pairs:
        if _is_sliced(root, path):
            slices = _warc_slices if _has_suffix(path, WARC_SUFFIXES) else _jsonl_slices
            for start, end, first, lines in slices(path, batch_size):
                if units + lines > batch_size:
                    flush()
                items.append(PlanItem(str(root), str(path), start, end, first))
                units += lines
        else:
            items.append(PlanItem(str(root), str(path)))
            units += 1
        if units >= batch_size:
            flush()
    flush()
    return plans


def read_batch(plan: BatchPlan, max_bytes: int = DEFAULT_MAX_BYTES) -> list[RawDocument | Reject]:
    """Every unit of one batch, in order (the same units ``read_units`` yields for them)."""
    out: list[RawDocument | Reject] = []
    for item in plan.items:
        root, path = Path(item.root), Path(item.path)
        if item.start_byte is None:
            out.extend(read_units([(root, path)], max_bytes))
            continue
        if _has_suffix(path, WARC_SUFFIXES):
            out.extend(warc.read_records(path, _relative(root, path), max_bytes, item.start_byte, item.end_byte))
            continue
        with path.open("rb") as f:
            f.seek(item.start_byte)
            chunk = f.read(item.end_byte - item.start_byte)  # type: ignore[operator]
        out.extend(jsonl_units(chunk.splitlines(keepends=True), _relative(root, path), item.first_line, max_bytes))
    return out


# ---------------------------------------------------------------------------------------
# Unit digests: what an incremental build compares with the version it extends.
# ---------------------------------------------------------------------------------------


def _unit_digest(source: str, body: bytes) -> str:
    h = hashlib.sha256(source.encode("utf-8", "surrogatepass") + b"\x00")
    h.update(body)
    return h.hexdigest()


def unit_digests(plan: BatchPlan) -> list[tuple[PlanItem, str]]:
    """One (single-unit item, digest) per unit of a batch, in the order ``read_batch``
    yields them, from the raw bytes alone (nothing is parsed, so this is cheap).

    The digest covers the unit's place (relative path, and line number in a JSONL file)
    and its bytes: appending lines or files keeps every earlier digest, while an edit, a
    move or an inserted line changes the digests of what it touches. Reading the item
    that comes with a digest gives exactly that unit.
    """
    return [(_single(*where), digest) for digest, where in _digested(plan)]


def units_not_in(plan: BatchPlan, known: frozenset[str]) -> tuple[list[str], list[PlanItem]]:
    """Every unit's digest (as ``unit_digests``), and the single-unit items of the units
    whose digest is not in ``known``: an incremental build's plan, which makes an item
    only for what is new (most of a large input is known)."""
    digests: list[str] = []
    new: list[PlanItem] = []
    for digest, where in _digested(plan):
        digests.append(digest)
        if digest not in known:
            new.append(_single(*where))
    return digests, new


# Where a unit is: its plan item, and for a slice of a JSONL or WARC file the unit's own
# (start_byte, end_byte, first_line), else None (the item is the unit).
_Where = tuple[PlanItem, "tuple[int, int, int] | None"]


def _single(item: PlanItem, span: tuple[int, int, int] | None) -> PlanItem:
    return item if span is None else PlanItem(item.root, item.path, *span)


def _digested(plan: BatchPlan) -> Iterator[tuple[str, _Where]]:
    for item in plan.items:
        root, path = Path(item.root), Path(item.path)
        rel = _relative(root, path)
        if item.start_byte is None:
            if path.is_symlink() and _outside_root(root, path):
                body = os.fsencode(os.readlink(path))
            else:
                body = path.read_bytes()
            yield _unit_digest(rel, body), (item, None)
        elif _has_suffix(path, WARC_SUFFIXES):
            yield from ((digest, (item, span)) for span, digest in _warc_digests(item, rel))
        else:
            yield from ((digest, (item, span)) for span, digest in _jsonl_digests(item, rel))


def _jsonl_digests(item: PlanItem, rel: str) -> Iterator[tuple[tuple[int, int, int], str]]:
    """((start_byte, end_byte, line number), digest) per unit line of a JSONL slice; the
    digest is ``_unit_digest(f"{rel}#{lineno}", line)``, its prefix encoded once."""
    with open(item.path, "rb") as f:
        f.seek(item.start_byte or 0)
        chunk = f.read(item.end_byte - item.start_byte)  # type: ignore[operator]
    prefix = rel.encode("utf-8", "surrogatepass") + b"#"
    sha256 = hashlib.sha256
    pos = item.start_byte or 0
    for lineno, line in enumerate(chunk.splitlines(keepends=True), item.first_line):
        start, pos = pos, pos + len(line)
        if line.strip():  # blank lines are not units (``jsonl_units`` skips them too)
            yield (start, pos, lineno), sha256(b"%s%d\x00%s" % (prefix, lineno, line.rstrip(b"\r\n"))).hexdigest()


def _warc_digests(item: PlanItem, rel: str) -> Iterator[tuple[tuple[int, int, int], str]]:
    """((start_byte, end_byte, 0), digest) per unit record of a WARC slice: the digest
    covers the record's offset and its bytes as stored (compressed or not), read one at
    a time."""
    path = Path(item.path)
    with path.open("rb") as f:
        for span in warc.spans(path, item.start_byte or 0, item.end_byte):
            if span.is_unit:
                f.seek(span.start)
                body = f.read(span.end - span.start)
                yield (span.start, span.end, 0), _unit_digest(f"{rel}@{span.start}", body)


def plan_items(items: Iterable[PlanItem], batch_size: int) -> list[BatchPlan]:
    """Batches of about ``batch_size`` units over single-unit items (as ``unit_digests``
    gives them), joining consecutive lines of one file into one item."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    plans: list[BatchPlan] = []
    batch: list[PlanItem] = []
    units = 0
    for item in items:
        prev = batch[-1] if batch else None
        if (
            prev is not None
            and item.start_byte is not None
            and prev.path == item.path
            and prev.end_byte == item.start_byte
        ):
            batch[-1] = PlanItem(prev.root, prev.path, prev.start_byte, item.end_byte, prev.first_line)
        else:
            batch.append(item)
        units += 1
        if units >= batch_size:
            plans.append(BatchPlan(len(plans), tuple(batch), units))
            batch, units = [], 0
    if batch:
        plans.append(BatchPlan(len(plans), tuple(batch), units))
    return plans
