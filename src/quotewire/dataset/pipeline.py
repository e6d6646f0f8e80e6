"""The per-batch work of a build, as pure functions the flow (or a process pool) calls.

``run_batch`` reads one batch of input units and writes their rows to the staging folder;
``process_unit`` is the same path for one unit without storage (what ``quotewire
annotate`` runs).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa

from quotewire.extract import decide
from quotewire.extract import statements as statements_extractor
from quotewire.extract import timex as timex_tagger
from quotewire.ingest.decode import DEFAULT_LEGACY_ENCODING, ingest
from quotewire.dataset import cache
from quotewire.dataset import store
from quotewire.records import BatchSummary, IngestedDocument, RawDocument, Reject, RejectReason
from quotewire.ingest.sources import DEFAULT_MAX_BYTES, BatchPlan, read_batch, unit_digests
from quotewire.dataset.tables import (
    ArticleBundle, build_bundle, bundle_tables, import_pandas_bridge, merge_speakers, rejects_table, speakers_table,
)



def warm_up() -> None:
    """Load what a process's first article would wait for: the statement model, and
    pyarrow's pandas."""
    decide.shipped_model()
    import_pandas_bridge()


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


def process_units_cached(
    units: Sequence[RawDocument | Reject], cache_path: Path | None, legacy_encoding: str = DEFAULT_LEGACY_ENCODING
) -> tuple[list[ArticleBundle | Reject], int]:
    """``process_unit`` for each unit, reusing cached results; returns (results, hits)."""
    keys = {i: cache.unit_key(u, legacy_encoding) for i, u in enumerate(units) if isinstance(u, RawDocument)}
    cached = cache.get_many(cache_path, keys.values()) if cache_path else {}
    results, fresh = [], {}
    for i, unit in enumerate(units):
        key = keys.get(i)
        if key is not None and key in cached:
            results.append(cached[key])
            continue
        out = process_unit(unit, legacy_encoding)
        results.append(out)
        # Bugs of ours are not cached: a fixed extractor must see the input again.
        if key is not None and not (isinstance(out, Reject) and out.reason is RejectReason.EXTRACTION_ERROR):
            fresh[key] = out
    if cache_path:
        cache.put_many(cache_path, fresh)
    return results, len(cached)


def run_batch(
    plan: BatchPlan,
    staging: Path,
    cache_path: Path | None = None,
    legacy_encoding: str = DEFAULT_LEGACY_ENCODING,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> BatchSummary:
    """Read one batch's input, extract it (or reuse cached results) and write its rows as
    a part of the staging folder, with the units' digests (the version records them, so
    that the next build can tell what is new). Runs in a worker process: it reads its own
    input, so the orchestrator never holds the corpus."""
    units = read_batch(plan, max_bytes)
    digests = [digest for _, digest in unit_digests(plan)]
    if len(digests) != len(units):
        raise RuntimeError(f"batch {plan.index}: {len(units)} units but {len(digests)} digests")
    results, hits = process_units_cached(units, cache_path, legacy_encoding)
    bundles, rejects, pairs, seen = [], [], [], set()
    for out in results:
        if isinstance(out, Reject):
            rejects.append(out)
            continue
        pairs.append((out.article.article_id, out.article.source))
        if out.article.article_id not in seen:  # a copy within the batch: resolved later
            seen.add(out.article.article_id)
            bundles.append(out)
    tables = bundle_tables(bundles)
    tables["speakers"] = speakers_table(merge_speakers(s for b in bundles for s in b.speakers), {})
    tables["rejects"] = rejects_table(rejects)
    tables["inputs"] = pa.table({"unit_digest": pa.array(digests, pa.string())})
    store.write_part(staging, plan.index, tables)
    return BatchSummary(plan.index, len(units), tuple(pairs), hits)
