"""The per-batch work of a build, as pure functions the flow (or a process pool) calls.

``process_batch`` takes input units and returns rows; ``annotate_document`` is the same
path for one text without storage (the ``quotewire annotate`` interface).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from quotewire.extract import statements as statements_extractor
from quotewire.extract import timex as timex_tagger
from quotewire.ingest import DEFAULT_LEGACY_ENCODING, ingest
from quotewire.records import IngestedDocument, RawDocument, Reject, RejectReason
from quotewire.tables import ArticleBundle, build_bundle

# Part of every cache key and of the manifest: a change to an extractor changes it.
CODE_VERSION = "+".join(
    (
        "pipeline-1",
        f"statements-{getattr(statements_extractor, 'EXTRACTOR_VERSION', '0')}",
        f"timex-{getattr(timex_tagger, 'EXTRACTOR_VERSION', '0')}",
    )
)


@dataclass(frozen=True)
class BatchResult:
    bundles: tuple[ArticleBundle, ...]
    rejects: tuple[Reject, ...]


def extract_document(doc: IngestedDocument) -> ArticleBundle:
    """Statements, speakers and temporal expressions of one decoded document."""
    extraction = statements_extractor.extract_statements(doc.text)
    timexes = timex_tagger.tag_timexes(doc.text, doc.header.published_date)
    return build_bundle(doc, extraction, timexes)


def process_unit(unit: RawDocument | Reject, legacy_encoding: str = DEFAULT_LEGACY_ENCODING) -> ArticleBundle | Reject:
    """One input unit to its rows or a Reject. An exception inside extraction is a bug of
    ours; it becomes an ``extraction_error`` reject naming it, so one bad input never stops
    the others and nothing is dropped silently."""
    if isinstance(unit, Reject):
        return unit
    doc = ingest(unit, legacy_encoding)
    if isinstance(doc, Reject):
        return doc
    try:
        return extract_document(doc)
    except Exception as exc:  # noqa: BLE001 - reported as a reject row, never swallowed
        return Reject(unit.source, RejectReason.EXTRACTION_ERROR, f"{type(exc).__name__}: {exc}"[:500])


def process_batch(units: Sequence[RawDocument | Reject], legacy_encoding: str = DEFAULT_LEGACY_ENCODING) -> BatchResult:
    bundles, rejects = [], []
    for unit in units:
        out = process_unit(unit, legacy_encoding)
        (rejects if isinstance(out, Reject) else bundles).append(out)
    return BatchResult(tuple(bundles), tuple(rejects))


def input_fingerprint(units: Sequence[RawDocument | Reject]) -> str:
    """sha256 over every unit's source and content, in order: the manifest's input id."""
    h = hashlib.sha256()
    for u in units:
        h.update(u.source.encode("utf-8", "surrogatepass") + b"\x00")
        if isinstance(u, RawDocument):
            body = u.data if u.data is not None else (u.text or "").encode("utf-8", "surrogatepass")
            h.update(hashlib.sha256(body).digest())
            h.update(repr((u.headline, u.published, u.url)).encode("utf-8", "surrogatepass"))
        else:
            h.update(f"{u.reason.value}:{u.detail}".encode("utf-8", "surrogatepass"))
    return h.hexdigest()
