"""Typed records that cross module boundaries.

Every record is a frozen dataclass; closed sets are enums. Offsets are ``int`` character
(Python ``str`` code point) indices into the stored article text, half-open ``[start, end)``.
Datetimes are always time-zone aware; a naive datetime is a bug.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime


class StatementKind(str, enum.Enum):
    """How the content is rendered: inside quotation marks, paraphrased, or both."""

    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


class CueClass(str, enum.Enum):
    """What the cue reports: speech and speech acts, or beliefs/plans/evidence."""

    SPEECH = "speech"
    OTHER = "other"


class SpeakerKind(str, enum.Enum):
    """What kind of source speaks. ``state`` is a country or government speaking as a
    state ("China said"); ``media`` a news agency, paper or broadcaster; ``document`` a
    statement, report, survey or data; ``group`` an unnamed plural (officials, witnesses)."""

    PERSON = "person"
    ORGANIZATION = "organization"
    STATE = "state"
    MEDIA = "media"
    DOCUMENT = "document"
    GROUP = "group"


class TimexType(str, enum.Enum):
    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class DateSource(str, enum.Enum):
    """Which clue in the input gave an article's publication date."""

    METADATA = "metadata"  # JSONL "published" field
    HEADER = "header"  # " date YYYY-MM-DD headline" first line
    BYLINE = "byline"  # "Xinhua) 09:57, September 28, 2025"
    DATELINE = "dateline"  # "BEIJING, Sept. 28 (Xinhua) --"
    JSON_LD = "json_ld"  # a page's JSON-LD datePublished
    META_TAG = "meta_tag"  # a page's <meta property="article:published_time"> and kin
    PAGE_HEURISTIC = "page_heuristic"  # htmldate over a page's time elements, URL and text
    CRAWL = "crawl"  # the WARC record's date: when the page was fetched, not published
    NONE = "none"


class StatementDateSource(str, enum.Enum):
    """Which clue gave a statement's date (issue 4 order of precedence)."""

    SENTENCE = "sentence"  # a date expression in the cue's sentence
    DATELINE = "dateline"  # the article's event date
    PUBLICATION = "publication"
    NONE = "none"


class RejectReason(str, enum.Enum):
    EMPTY = "empty"
    BINARY = "binary"
    UNDECODABLE = "undecodable"
    NO_BODY = "no_body"
    TOO_LARGE = "too_large"
    INVALID_JSON = "invalid_json"
    MISSING_TEXT = "missing_text"
    DUPLICATE = "duplicate"
    OUTSIDE_ROOT = "outside_root"
    EXTRACTION_ERROR = "extraction_error"  # a bug of ours, kept visible rather than crashing the build
    NOT_ARTICLE = "not_article"  # a page without an article's main text (index, redirect, stub)
    NOT_HTML = "not_html"  # a WARC response that is not an HTML page (robots.txt, an image)
    CORRUPT = "corrupt"  # a truncated gzip stream, a WARC record whose header cannot be read


# ---------------------------------------------------------------------------------------
# Extraction results (article-local; no ids yet). Produced by quotewire.extract.*
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SpeakerEntity:
    """A speaker resolved within one article (all its mentions collapsed into one entity).

    ``name`` is the fullest name seen in the article ("Xi Jinping"), ``titles`` the raw title
    phrases attached to it ("Chinese president"), ``country`` a country name or None.
    ``aliases`` are the other surface forms seen ("Xi", "The Chinese president").
    """

    name: str
    kind: SpeakerKind
    titles: tuple[str, ...] = ()
    country: str | None = None
    aliases: tuple[str, ...] = ()
    issuer: str | None = None  # a document's author or issuer ("a survey by Deloitte")


@dataclass(frozen=True)
class StatementMention:
    """One attribution found in an article's text.

    ``content_start``/``content_end`` cover all fragments; ``content_spans`` lists each
    fragment (a split quote ``"A," she said, "B."`` has two). ``speaker_entities`` index into
    the ``speakers`` tuple of the enclosing :class:`ArticleExtraction` (a joint message has
    two). The speaker mention fields are None when no speaker was found.
    """

    kind: StatementKind
    cue: str
    cue_start: int
    cue_end: int
    cue_class: CueClass
    content_start: int
    content_end: int
    content_spans: tuple[tuple[int, int], ...]
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_entities: tuple[int, ...] = ()


@dataclass(frozen=True)
class ArticleExtraction:
    statements: tuple[StatementMention, ...]
    speakers: tuple[SpeakerEntity, ...]


@dataclass(frozen=True)
class TimexMention:
    """A TIMEX3 temporal expression: span, type, normalized value, optional modifier."""

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None = None


@dataclass(frozen=True)
class ArticleHeader:
    """What ingest reads off the top of an article: headline, byline, dateline.

    ``published_at`` is tz-aware UTC or None; ``published_raw`` is the string it came from.
    ``event_date`` is the dateline's date, resolved against the publication date.
    """

    headline: str | None
    published_at: datetime | None
    published_raw: str | None
    published_date: date | None  # local calendar date at the source, used as timex anchor
    date_source: DateSource
    agency: str | None
    dateline_place: str | None
    dateline_raw: str | None
    event_date: date | None
    body_start: int  # offset where the body (after header lines) starts
    kicker: str | None = None  # a headline's leading label (URGENT, Roundup, Interview)
    authors: tuple[str, ...] = ()  # from "By NAME" lines


# ---------------------------------------------------------------------------------------
# Table rows (with ids). Produced by quotewire.dataset.tables
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    article_id: str
    source: str
    headline: str | None
    kicker: str | None
    authors: tuple[str, ...]
    published_at: datetime | None
    published_raw: str | None
    published_date_source: DateSource
    agency: str | None
    dateline_place: str | None
    dateline_raw: str | None
    event_date: date | None
    url: str | None
    text: str
    text_sha256: str
    encoding: str
    # Defaults, so that a cached Article of an earlier shape reads as text input.
    outlet: str | None = None
    page_sha256: str | None = None


@dataclass(frozen=True)
class Speaker:
    speaker_id: str
    name: str
    kind: SpeakerKind
    titles: tuple[str, ...]
    roles: tuple[str, ...]
    country: str | None
    aliases: tuple[str, ...]
    issuer: str | None = None


@dataclass(frozen=True)
class Statement:
    statement_id: str
    article_id: str
    speaker_ids: tuple[str, ...]
    speaker_names: tuple[str, ...]
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str
    cue_start: int
    cue_end: int
    cue_class: CueClass
    kind: StatementKind
    content: str
    content_start: int
    content_end: int
    content_spans: tuple[tuple[int, int], ...]
    statement_date: date | None
    statement_date_source: StatementDateSource


@dataclass(frozen=True)
class TemporalExpression:
    timex_id: str
    article_id: str
    start: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None
    statement_id: str | None


@dataclass(frozen=True)
class Reject:
    source: str
    reason: RejectReason
    detail: str


# ---------------------------------------------------------------------------------------
# Input units. Produced by quotewire.ingest.sources
# ---------------------------------------------------------------------------------------


class InputKind(str, enum.Enum):
    """What an input unit's bytes are: text to read as it is, or an HTML page."""

    TEXT = "text"
    PAGE = "page"


@dataclass(frozen=True)
class RawDocument:
    """One input unit as found: a file's bytes, or one JSONL line's fields.

    Exactly one of ``data`` (bytes of a text file or page) and ``text`` (already-decoded
    JSONL text) is set. ``published`` is the JSONL metadata string, unparsed (for a page
    from a WARC archive, the record's date; ``url`` its target URI). ``charset`` is the one
    an HTTP response declared for a page.
    """

    source: str
    data: bytes | None = None
    text: str | None = None
    headline: str | None = None
    published: str | None = None
    url: str | None = None
    kind: InputKind = InputKind.TEXT
    charset: str | None = None


@dataclass(frozen=True)
class IngestedDocument:
    """A decoded input unit with its header read; ready for extraction."""

    source: str
    text: str
    encoding: str
    header: ArticleHeader
    url: str | None = None
    outlet: str | None = None  # a page's site name
    page_sha256: str | None = None  # sha256 of a page's raw bytes


@dataclass(frozen=True)
class BatchSummary:
    """What one batch left in the staging folder, small enough to pass between processes.

    ``articles`` lists every (article_id, source) the batch read, in input order, including
    copies of an earlier text in the same batch (whose rows were not written).
    """

    index: int
    units: int
    articles: tuple[tuple[str, str], ...]
    cache_hits: int
