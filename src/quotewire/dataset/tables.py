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
import operator
import re
import types
import typing
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pyarrow as pa

from quotewire.extract.lexicons import (
    COUNTRIES,
    DETERMINERS,
    FUNCTION_WORDS,
    ROLE_WORDS,
    SPEAKER_KINDS,
    SPEAKER_NOUNS,
    TITLE_WORDS,
)
from quotewire.extract.speakers import fold_name, split_title
from quotewire.records import (
    Article,
    ArticleExtraction,
    IngestedDocument,
    Reject,
    RejectReason,
    Speaker,
    SpeakerEntity,
    SpeakerKind,
    Statement,
    StatementDateSource,
    StatementMention,
    TemporalExpression,
    TimexMention,
)
from quotewire.dataset.schemas import SCHEMAS


def import_pandas_bridge() -> None:
    """Have pyarrow import pandas now, which it does at the first array it makes from a
    Python list (0.2 s): a caller with idle time before building tables calls this."""
    pa.array(["warm"])


def _digest(*parts: object, length: int = 16) -> str:
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def article_id_for(sha256_hex: str) -> str:
    return "a" + sha256_hex[:16]


@functools.cache
def _generic_words() -> frozenset[str]:
    nouns = set(SPEAKER_NOUNS) | set(SPEAKER_KINDS) | ROLE_WORDS
    return frozenset(
        nouns | {n + "s" for n in nouns} | {n + "es" for n in nouns} | DETERMINERS | FUNCTION_WORDS | set(TITLE_WORDS)
    )


@functools.cache
def _country_words() -> frozenset[str]:
    return frozenset(w for k, v in COUNTRIES.items() for w in fold_name(f"{k} {v}").split())


@functools.cache
def _country_names() -> frozenset[str]:
    return frozenset(fold_name(x) for k, v in COUNTRIES.items() for x in (k, v))


def is_generic_speaker(name: str) -> bool:
    """True for a description rather than a name ("the company", "Analysts", "a senior
    official", "SPOKESMAN", "Chinese foreign ministry spokesman"): every word is a
    determiner, role, title or speaker noun, or a country word beside one of those. Such
    speakers are not one real speaker across articles."""
    folded = fold_name(name)
    if folded in _country_names():
        return False  # "United States" is one state everywhere
    words = folded.replace("-", " ").replace("'s", "").split()
    generic = _generic_words()
    return any(w in generic for w in words) and all(w in generic or w in _country_words() for w in words)


def speaker_id_for(name: str, article_id: str | None = None, kind: SpeakerKind | None = None) -> str:
    """Named speakers get one id everywhere (from the folded name); a generic description,
    and any document ("Italian government statement"), gets an id scoped to its article,
    so "the company" of two stories stays two speakers."""
    if article_id is not None and (kind is SpeakerKind.DOCUMENT or is_generic_speaker(name)):
        return "p" + _digest(article_id, fold_name(name), length=12)
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


def speaker_row(entity: SpeakerEntity, article_id: str | None = None) -> Speaker:
    roles, countries = [], []
    for title in entity.titles:
        role, country = split_title(title)
        if role and role not in roles:
            roles.append(role)
        if country:
            countries.append(country)
    country = entity.country or (countries[0] if countries else None)
    return Speaker(
        speaker_id=speaker_id_for(entity.name, article_id, entity.kind),
        name=entity.name,
        kind=entity.kind,
        titles=tuple(entity.titles),
        roles=tuple(roles),
        country=country,
        aliases=tuple(a for a in entity.aliases if a != entity.name),
        issuer=entity.issuer,
    )


def article_row(doc: IngestedDocument) -> Article:
    """The article row of one decoded document; its id derives from the text alone."""
    text = doc.text
    sha = text_sha256(text)
    header = doc.header
    return Article(
        article_id=article_id_for(sha),
        source=doc.source,
        headline=header.headline,
        kicker=header.kicker,
        authors=header.authors,
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
        outlet=doc.outlet,
        page_sha256=doc.page_sha256,
    )


def statement_rows(
    doc: IngestedDocument,
    article_id: str,
    mentions: Iterable[StatementMention],
    speakers: Sequence[Speaker],
    timexes: Sequence[TimexMention],
) -> tuple[Statement, ...]:
    """The statement rows of one article, by content then cue offset; ``speakers`` are the
    article's speaker rows, indexed by the mentions' ``speaker_entities``."""
    text, header = doc.text, doc.header
    dated = dated_timexes(timexes)
    statements = []
    seen: set[tuple[int, int, int]] = set()
    for m in sorted(mentions, key=lambda m: (m.content_start, m.content_end, m.cue_start)):
        # One attribution is one row: an extractor that reports the same content and cue
        # twice must not produce two rows with one id.
        key = (m.content_start, m.content_end, m.cue_start)
        if key in seen:
            continue
        seen.add(key)
        day, day_source = statement_date(text, m, dated, header.event_date, header.published_date)
        statements.append(
            Statement(
                statement_id="q" + _digest(article_id, m.content_start, m.content_end, m.cue_start),
                article_id=article_id,
                speaker_ids=tuple(speakers[i].speaker_id for i in m.speaker_entities),
                speaker_names=tuple(speakers[i].name for i in m.speaker_entities),
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
    return tuple(statements)


def timex_rows(article_id: str, timexes: Iterable[TimexMention], statements: Sequence[Statement]) -> tuple[TemporalExpression, ...]:
    """The temporal-expression rows of one article, each linked to the statement (sorted
    by content start) whose content contains it."""
    starts = [s.content_start for s in statements]
    return tuple(
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


def build_bundle(
    doc: IngestedDocument, extraction: ArticleExtraction, timexes: Sequence[TimexMention]
) -> ArticleBundle:
    """All rows of one article. Pure: ids and dates derive from the arguments alone."""
    article = article_row(doc)
    speakers = tuple(speaker_row(e, article.article_id) for e in extraction.speakers)
    statements = statement_rows(doc, article.article_id, extraction.statements, speakers, timexes)
    return ArticleBundle(article, statements, timex_rows(article.article_id, timexes, statements), speakers)


def _canonical_form(forms: Iterable[str]) -> str:
    """The canonical spelling among forms of one folded name: the one keeping the most
    accents, then mixed case over all capitals (a headline's "SPOKESMAN"), then the
    lexicographically smallest. Order-free, so merging merged groups gives the same answer
    as merging everything at once (batches merge independently)."""
    return min(forms, key=lambda f: (-sum(ord(c) > 127 for c in f), f.isupper(), f))


def merge_speakers(rows: Iterable[Speaker]) -> tuple[Speaker, ...]:
    """One row per speaker_id, sorted by id. Associative: merging per batch and then merging
    the results equals merging all rows at once. Titles, roles and aliases are unions in
    first-seen order; kind and country are the first seen."""
    groups: dict[str, list[Speaker]] = defaultdict(list)
    for row in rows:
        groups[row.speaker_id].append(row)
    merged = []
    for speaker_id in sorted(groups):
        group = groups[speaker_id]
        name = _canonical_form(r.name for r in group)
        aliases = dict.fromkeys(a for r in group for a in (r.name, *r.aliases) if a != name)
        merged.append(
            Speaker(
                speaker_id=speaker_id,
                name=name,
                kind=group[0].kind,
                titles=tuple(dict.fromkeys(t for r in group for t in r.titles)),
                roles=tuple(dict.fromkeys(t for r in group for t in r.roles)),
                country=next((r.country for r in group if r.country), None),
                aliases=tuple(aliases),
                issuer=next((r.issuer for r in group if r.issuer), None),
            )
        )
    return tuple(merged)


def resolve_duplicates(
    batches: Iterable[Sequence[tuple[str, str]]],
) -> tuple[list[frozenset[str]], tuple[Reject, ...]]:
    """Given each batch's (article_id, source) pairs in input order, which article ids each
    batch owns (its first occurrence anywhere) and a ``duplicate`` reject for every later
    copy, naming the first."""
    first: dict[str, str] = {}
    owned: list[frozenset[str]] = []
    rejects = []
    for pairs in batches:
        mine = set()
        for article_id, source in pairs:
            if article_id in first:
                rejects.append(
                    Reject(source, RejectReason.DUPLICATE, f"same text as {first[article_id]} (article {article_id})")
                )
            else:
                first[article_id] = source
                mine.add(article_id)
        owned.append(frozenset(mine))
    return owned, tuple(rejects)


def sort_rejects(rejects: Iterable[Reject]) -> tuple[Reject, ...]:
    return tuple(sorted(rejects, key=lambda r: (r.source, r.reason.value)))


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


_Convert = Callable[[list[object]], list[object]]


def _enum_values(values: list[object]) -> list[object]:
    return [v.value for v in values]  # type: ignore[attr-defined]


def _enum_value_lists(values: list[object]) -> list[object]:
    return [[v.value for v in t] for t in values]  # type: ignore[attr-defined]


def _lists(values: list[object]) -> list[object]:
    return [list(t) for t in values]  # type: ignore[call-overload]


def _cells(values: list[object]) -> list[object]:
    return [_cell(v) for v in values]


def _is_enum(hint: object) -> bool:
    return isinstance(hint, type) and issubclass(hint, enum.Enum)


def _is_plain(hint: object) -> bool:
    """True for an annotation whose values ``_cell`` returns unchanged: a class that is
    neither an enum nor a tuple (``object`` could be either)."""
    return isinstance(hint, type) and not issubclass(hint, (enum.Enum, tuple)) and hint is not object


def _converter(hint: object) -> _Convert | None:
    """How a column of values annotated ``hint`` becomes cells; None when they are cells
    already. Each converter gives what ``_cell`` gives on every value; an annotation not
    understood here falls back to ``_cell`` itself."""
    if _is_enum(hint):
        return _enum_values
    if typing.get_origin(hint) is tuple:
        items = [a for a in typing.get_args(hint) if a is not Ellipsis]
        if items and all(_is_enum(a) for a in items):
            return _enum_value_lists
        # Nested tuples stay tuples inside the list, as in ``_cell``.
        if all(_is_plain(a) or typing.get_origin(a) is tuple for a in items):
            return _lists
        return _cells
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return None if all(_is_plain(a) for a in typing.get_args(hint)) else _cells
    return None if _is_plain(hint) else _cells


@functools.cache
def _column_plan(cls: type) -> tuple[tuple[str, Callable[[object], object], _Convert | None], ...]:
    """(field name, getter, converter) per field of a record class, worked out once from
    its annotations so that building a column tests no cell's type."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, operator.attrgetter(f.name), _converter(hints[f.name])) for f in dataclasses.fields(cls))


def _columns(records: Sequence[object], skip: Iterable[str] = ()) -> dict[str, list[object]]:
    """The records (all of one class) as field name → cells, the cells ``row_dict`` gives;
    fields in ``skip`` are left out (the caller builds those columns itself)."""
    if not records:
        return {}
    skip = frozenset(skip)
    columns = {}
    for name, get, convert in _column_plan(type(records[0])):
        if name not in skip:
            values = list(map(get, records))
            columns[name] = convert(values) if convert else values
    return columns


def _table(
    name: str, records: Sequence[object], extra: Mapping[str, list[object]] | None = None
) -> pa.Table:
    """The records as table ``name``: columns in the schema's order, ``extra`` replacing or
    adding columns, a column neither provides all null (as ``from_pylist`` would)."""
    schema = SCHEMAS[name]
    extra = extra or {}
    columns = {**_columns(records, extra), **extra}
    n = len(records)
    # from_arrays converts each Python list exactly as from_pylist does (it calls it).
    return pa.Table.from_arrays([columns.get(f, [None] * n) for f in schema.names], schema=schema)


def speakers_table(speakers: Iterable[Speaker], speaker_counts: Mapping[str, int]) -> pa.Table:
    speakers = list(speakers)
    counts: list[object] = [speaker_counts.get(sp.speaker_id, 0) for sp in speakers]
    return _table("speakers", speakers, {"statement_count": counts})


def _statements_table(statements: Sequence[Statement]) -> pa.Table:
    spans: list[object] = [[{"start": a, "end": b} for a, b in s.content_spans] for s in statements]
    return _table("statements", statements, {"content_spans": spans})


def bundle_tables(bundles: Sequence[ArticleBundle]) -> dict[str, pa.Table]:
    """The article-level tables of some bundles: articles, statements, temporal expressions
    (speakers are merged by the caller, rejects come from elsewhere)."""
    return {
        "articles": _table("articles", [b.article for b in bundles]),
        "statements": _statements_table([s for b in bundles for s in b.statements]),
        "temporal_expressions": _table("temporal_expressions", [t for b in bundles for t in b.temporal_expressions]),
    }


def rejects_table(rejects: Iterable[Reject]) -> pa.Table:
    return _table("rejects", list(rejects))


def speakers_from_table(table: pa.Table) -> list[Speaker]:
    return [
        Speaker(
            speaker_id=r["speaker_id"],
            name=r["name"],
            kind=SpeakerKind(r["kind"]),
            titles=tuple(r["titles"]),
            roles=tuple(r["roles"]),
            country=r["country"],
            aliases=tuple(r["aliases"]),
        )
        for r in table.to_pylist()
    ]


def rejects_from_table(table: pa.Table) -> list[Reject]:
    return [Reject(r["source"], RejectReason(r["reason"]), r["detail"]) for r in table.to_pylist()]
