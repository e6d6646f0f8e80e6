"""Extraction results → table rows with stable ids → pyarrow tables checked against schemas.

Ids derive from content, so the same input gives the same rows in every run:
``article_id`` from the text's sha256, ``statement_id``/``timex_id`` from the article id and
offsets, ``speaker_id`` from the folded canonical name. Row order is defined (by source,
then offset), so two builds of the same input write identical tables.
"""

from __future__ import annotations

import bisect
import dataclasses
import enum
import functools
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import pyarrow as pa

from quotewire.extract.speakers import fold_name, split_title
from quotewire.records import (
    Article,
    ArticleExtraction,
    IngestedDocument,
    Reject,
    RejectReason,
    Speaker,
    SpeakerEntity,
    Statement,
    StatementDateSource,
    StatementMention,
    Tables,
    TemporalExpression,
    TimexMention,
)
from quotewire.schemas import SCHEMAS


def _digest(*parts: object, length: int = 16) -> str:
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def article_id_for(sha256_hex: str) -> str:
    return "a" + sha256_hex[:16]


def speaker_id_for(name: str) -> str:
    return "p" + _digest(fold_name(name), length=12)


@dataclass(frozen=True)
class ArticleBundle:
    """Every row one article contributes; speakers are per article until merged."""

    article: Article
    statements: tuple[Statement, ...]
    temporal_expressions: tuple[TemporalExpression, ...]
    speakers: tuple[Speaker, ...]


_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s|\n")


def sentence_bounds(text: str, start: int, end: int, window: int = 600) -> tuple[int, int]:
    """Bounds of the sentence around [start, end), looking at most ``window`` characters
    either side (a bound on work for text without punctuation)."""
    lo = max(0, start - window)
    left = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end, min(len(text), end + window))
    right = m.start() + 1 if m else min(len(text), end + window)
    return left, right


def _full_date(value: str) -> date | None:
    if len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def dated_timexes(timexes: Sequence[TimexMention]) -> tuple[tuple[int, int, date], ...]:
    """(start, end, day) of the expressions whose value is a full calendar date, by start."""
    return tuple(sorted((t.start, t.end, day) for t in timexes if (day := _full_date(t.value)) is not None))


def statement_date(
    text: str,
    mention: StatementMention,
    dated: Sequence[tuple[int, int, date]],
    event_date: date | None,
    published_date: date | None,
) -> tuple[date | None, StatementDateSource]:
    """When a statement was made: a full date (from ``dated_timexes``) in the cue's
    sentence but outside the content first, then the dateline's date, then the publication
    date. Bisects ``dated``, so an article with many of both stays fast."""
    if dated:  # the sentence scan costs more than the rest; skip it when nothing can match
        left, right = sentence_bounds(text, mention.cue_start, mention.cue_end)
        i = bisect.bisect_left(dated, (left, -1))
        while i < len(dated) and dated[i][0] < right:
            start, end, day = dated[i]
            inside_content = any(s <= start < e for s, e in mention.content_spans)
            if end <= right and not inside_content:
                return day, StatementDateSource.SENTENCE
            i += 1
    if event_date is not None:
        return event_date, StatementDateSource.DATELINE
    if published_date is not None:
        return published_date, StatementDateSource.PUBLICATION
    return None, StatementDateSource.NONE


def containing_statement(statements: Sequence[Statement], starts: Sequence[int], t: TimexMention) -> str | None:
    """The first statement (by content_start; ``starts`` are their content_starts, sorted)
    whose content fragments contain the expression, or None."""
    i = bisect.bisect_right(starts, t.start)
    # Statements do not nest deeply; looking back a few is enough and keeps this O(log n).
    for s in statements[max(0, i - 4) : i]:
        if any(a <= t.start and t.end <= b for a, b in s.content_spans):
            return s.statement_id
    return None


def speaker_row(entity: SpeakerEntity) -> Speaker:
    roles, countries = [], []
    for title in entity.titles:
        role, country = split_title(title)
        if role and role not in roles:
            roles.append(role)
        if country:
            countries.append(country)
    country = entity.country or (countries[0] if countries else None)
    return Speaker(
        speaker_id=speaker_id_for(entity.name),
        name=entity.name,
        kind=entity.kind,
        titles=tuple(entity.titles),
        roles=tuple(roles),
        country=country,
        aliases=tuple(a for a in entity.aliases if a != entity.name),
    )


def build_bundle(
    doc: IngestedDocument, extraction: ArticleExtraction, timexes: Sequence[TimexMention]
) -> ArticleBundle:
    """All rows of one article. Pure: ids and dates derive from the arguments alone."""
    text = doc.text
    sha = text_sha256(text)
    article_id = article_id_for(sha)
    header = doc.header
    article = Article(
        article_id=article_id,
        source=doc.source,
        headline=header.headline,
        published_at=header.published_at,
        published_raw=header.published_raw,
        published_date_source=header.date_source,
        agency=header.agency,
        dateline_place=header.dateline_place,
        dateline_raw=header.dateline_raw,
        event_date=header.event_date,
        url=doc.url,
        text=text,
        text_sha256=sha,
        encoding=doc.encoding,
    )
    speakers = tuple(speaker_row(e) for e in extraction.speakers)
    dated = dated_timexes(timexes)
    statements = []
    for m in sorted(extraction.statements, key=lambda m: (m.content_start, m.content_end)):
        ids = tuple(speakers[i].speaker_id for i in m.speaker_entities)
        names = tuple(speakers[i].name for i in m.speaker_entities)
        day, day_source = statement_date(text, m, dated, header.event_date, header.published_date)
        statements.append(
            Statement(
                statement_id="q" + _digest(article_id, m.content_start, m.content_end),
                article_id=article_id,
                speaker_ids=ids,
                speaker_names=names,
                speaker_text=m.speaker_text,
                speaker_start=m.speaker_start,
                speaker_end=m.speaker_end,
                cue=m.cue,
                cue_start=m.cue_start,
                cue_end=m.cue_end,
                cue_class=m.cue_class,
                kind=m.kind,
                content=text[m.content_start : m.content_end],
                content_start=m.content_start,
                content_end=m.content_end,
                content_spans=tuple(m.content_spans),
                statement_date=day,
                statement_date_source=day_source,
            )
        )
    starts = [s.content_start for s in statements]
    timex_rows = tuple(
        TemporalExpression(
            timex_id="t" + _digest(article_id, t.start, t.end),
            article_id=article_id,
            start=t.start,
            end=t.end,
            text=t.text,
            type=t.type,
            value=t.value,
            mod=t.mod,
            statement_id=containing_statement(statements, starts, t),
        )
        for t in timexes
    )
    return ArticleBundle(article, tuple(statements), timex_rows, speakers)


def _most_common(values: Iterable[str]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    # Ties break on the longer, then lexicographically smaller form: deterministic.
    return min(counts, key=lambda v: (-counts[v], -len(v), v))


def merge_speakers(rows: Iterable[Speaker]) -> tuple[Speaker, ...]:
    """One row per speaker_id: canonical name is the most frequent form, titles, roles and
    aliases are unions in first-seen order, country and kind the most frequent."""
    groups: dict[str, list[Speaker]] = defaultdict(list)
    for row in rows:
        groups[row.speaker_id].append(row)
    merged = []
    for speaker_id in sorted(groups):
        group = groups[speaker_id]
        name = _most_common(r.name for r in group) or group[0].name
        kind = Counter(r.kind for r in group).most_common(1)[0][0]
        aliases = dict.fromkeys(a for r in group for a in (r.name, *r.aliases) if a != name)
        merged.append(
            Speaker(
                speaker_id=speaker_id,
                name=name,
                kind=kind,
                titles=tuple(dict.fromkeys(t for r in group for t in r.titles)),
                roles=tuple(dict.fromkeys(t for r in group for t in r.roles)),
                country=_most_common(r.country or "" for r in group),
                aliases=tuple(aliases),
            )
        )
    return tuple(merged)


def assemble(bundles: Iterable[ArticleBundle], rejects: Iterable[Reject]) -> tuple[Tables, dict[str, int]]:
    """Combine per-article bundles into tables: the first article of each text (by source)
    is kept, later copies become ``duplicate`` rejects naming it; speakers are merged across
    articles; every table is in its defined order. Returns the tables and the speakers'
    statement counts (by speaker_id)."""
    kept: dict[str, ArticleBundle] = {}
    all_rejects = list(rejects)
    for bundle in sorted(bundles, key=lambda b: b.article.source):
        first = kept.get(bundle.article.article_id)
        if first is not None:
            all_rejects.append(
                Reject(
                    bundle.article.source,
                    RejectReason.DUPLICATE,
                    f"same text as {first.article.source} (article {first.article.article_id})",
                )
            )
            continue
        kept[bundle.article.article_id] = bundle
    ordered = sorted(kept.values(), key=lambda b: b.article.source)
    statements = tuple(s for b in ordered for s in b.statements)
    counts: Counter[str] = Counter(i for s in statements for i in s.speaker_ids)
    tables = Tables(
        articles=tuple(b.article for b in ordered),
        speakers=merge_speakers(s for b in ordered for s in b.speakers),
        statements=statements,
        temporal_expressions=tuple(t for b in ordered for t in b.temporal_expressions),
        rejects=tuple(sorted(all_rejects, key=lambda r: (r.source, r.reason.value))),
    )
    return tables, dict(counts)


def _cell(value: object) -> object:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [v.value if isinstance(v, enum.Enum) else v for v in value]
    return value


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def row_dict(record: object) -> dict[str, object]:
    """A record as a column-name → cell dict (enums as their values, tuples as lists)."""
    return {name: _cell(getattr(record, name)) for name in _field_names(type(record))}


def statement_row(s: Statement) -> dict[str, object]:
    row = row_dict(s)
    row["content_spans"] = [{"start": a, "end": b} for a, b in s.content_spans]
    return row


def to_arrow(tables: Tables, speaker_counts: dict[str, int]) -> dict[str, pa.Table]:
    """One pyarrow table per schema, columns exactly as declared in schemas.py."""
    speakers = []
    for sp in tables.speakers:
        row = row_dict(sp)
        row["statement_count"] = speaker_counts.get(sp.speaker_id, 0)
        speakers.append(row)
    rows: dict[str, list[dict[str, object]]] = {
        "articles": [row_dict(a) for a in tables.articles],
        "speakers": speakers,
        "statements": [statement_row(s) for s in tables.statements],
        "temporal_expressions": [row_dict(t) for t in tables.temporal_expressions],
        "rejects": [row_dict(r) for r in tables.rejects],
    }
    return {name: pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]) for name in SCHEMAS}
