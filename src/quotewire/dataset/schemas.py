"""One pyarrow schema per table: the single declaration of every published column.

Each field carries a ``description`` and, where it applies, a ``unit`` (characters for
offsets, a time zone for timestamps) in its metadata. The data dictionary
(``docs/tables.md``), the expectation suites and the table builders are all checked against
these schemas by contract tests.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "1"

OFFSET_UNIT = "characters (Python str code points) into articles.text"


def _f(
    name: str, type_: pa.DataType, description: str, *, nullable: bool = True, unit: str = ""
) -> pa.Field:
    meta = {"description": description}
    if unit:
        meta["unit"] = unit
    return pa.field(name, type_, nullable=nullable, metadata=meta)


_UTC = pa.timestamp("us", tz="UTC")
_SPAN = pa.struct([pa.field("start", pa.int64(), nullable=False), pa.field("end", pa.int64(), nullable=False)])

ARTICLES = pa.schema(
    [
        _f("article_id", pa.string(), "Stable id derived from the sha256 of the text.", nullable=False),
        _f("source", pa.string(), "Input path relative to the input root, or JSONL path#doc_id.", nullable=False),
        _f("headline", pa.string(), "Headline as written (header line, JSONL title, or first short line), without its kicker."),
        _f("kicker", pa.string(), "The headline's leading label (URGENT, Roundup, Interview, Update 2), or null."),
        _f("authors", pa.list_(pa.string()), "Authors from By NAME lines, as written.", nullable=False),
        _f("published_at", _UTC, "Publication time in UTC; the outlet's time zone applied when it implies one.", unit="UTC, microseconds"),
        _f("published_raw", pa.string(), "The input string the publication time was read from, unchanged."),
        _f("published_date_source", pa.string(), "Which clue gave the date: metadata, header, byline, dateline; for a page json_ld, meta_tag, page_heuristic (htmldate) or crawl (the WARC record date); or none.", nullable=False),
        _f("agency", pa.string(), "News agency named in the byline or dateline (Xinhua, AP, Reuters...)."),
        _f("dateline_place", pa.string(), "Place of the dateline as written, region kept (BEIJING; RAMALLAH, West Bank)."),
        _f("dateline_raw", pa.string(), "The dateline as written (BEIJING, Sept. 28 (Xinhua) --)."),
        _f("event_date", pa.date32(), "Date of the dateline, resolved against the publication date.", unit="calendar date at the source"),
        _f("url", pa.string(), "URL from the input metadata; for a page its canonical link, else og:url, else the WARC target URI."),
        _f("text", pa.string(), "The decoded input exactly as read; every offset in every table indexes into it.", nullable=False),
        _f("text_sha256", pa.string(), "sha256 of the UTF-8 encoding of text, hex.", nullable=False),
        _f("encoding", pa.string(), "How the input bytes were decoded: utf-8, utf-8-sig, a page's declared charset (+replace where bytes did not fit it), a legacy fallback, or json.", nullable=False),
        _f("outlet", pa.string(), "Site name a page declares (og:site_name, JSON-LD publisher), or null for text input."),
        _f("page_sha256", pa.string(), "sha256 of an HTML page's raw bytes (as read, after gzip), hex; null for text input."),
    ],
    metadata={"table": "articles", "schema_version": SCHEMA_VERSION},
)

SPEAKERS = pa.schema(
    [
        _f("speaker_id", pa.string(), "Stable id derived from the accent- and case-folded canonical name.", nullable=False),
        _f("name", pa.string(), "Canonical name: the fullest, most frequent form seen.", nullable=False),
        _f("kind", pa.string(), "person, organization, state (a country or government speaking as one), media, document or group.", nullable=False),
        _f("titles", pa.list_(pa.string()), "Title phrases as written (Chinese president).", nullable=False),
        _f("roles", pa.list_(pa.string()), "Roles split from the titles, lower case (president).", nullable=False),
        _f("country", pa.string(), "Country read from titles or demonyms (China)."),
        _f("aliases", pa.list_(pa.string()), "Other surface forms seen (Xi, The Chinese president).", nullable=False),
        _f("issuer", pa.string(), "For a document speaker, its author or issuer as written (Deloitte), else null."),
        _f("statement_count", pa.int64(), "Statements attributed to this speaker in this version.", nullable=False, unit="statements"),
    ],
    metadata={"table": "speakers", "schema_version": SCHEMA_VERSION},
)

STATEMENTS = pa.schema(
    [
        _f("statement_id", pa.string(), "Stable id derived from article_id, the content offsets and the cue offset.", nullable=False),
        _f("article_id", pa.string(), "The article the statement is in (articles.article_id).", nullable=False),
        _f("speaker_ids", pa.list_(pa.string()), "Resolved speakers (speakers.speaker_id); a joint message has several; empty when unknown.", nullable=False),
        _f("speaker_names", pa.list_(pa.string()), "Canonical names of speaker_ids, in the same order.", nullable=False),
        _f("speaker_text", pa.string(), "The speaker mention as written (Xi, he, the message), or null."),
        _f("speaker_start", pa.int64(), "Start of the speaker mention.", unit=OFFSET_UNIT),
        _f("speaker_end", pa.int64(), "End (exclusive) of the speaker mention.", unit=OFFSET_UNIT),
        _f("cue", pa.string(), "The cue as written (said, pointed out, according to, :).", nullable=False),
        _f("cue_start", pa.int64(), "Start of the cue.", nullable=False, unit=OFFSET_UNIT),
        _f("cue_end", pa.int64(), "End (exclusive) of the cue.", nullable=False, unit=OFFSET_UNIT),
        _f("cue_class", pa.string(), "speech (verbs of saying, speech acts) or other (beliefs, plans, evidence).", nullable=False),
        _f("kind", pa.string(), "direct (in quotation marks), indirect (reported) or mixed.", nullable=False),
        _f("content", pa.string(), "text[content_start:content_end].", nullable=False),
        _f("content_start", pa.int64(), "Start of the content.", nullable=False, unit=OFFSET_UNIT),
        _f("content_end", pa.int64(), "End (exclusive) of the content.", nullable=False, unit=OFFSET_UNIT),
        _f("content_spans", pa.list_(_SPAN), "Content fragments (a split quote has two), each {start, end}.", nullable=False, unit=OFFSET_UNIT),
        _f("statement_date", pa.date32(), "When the statement was made.", unit="calendar date at the source"),
        _f("statement_date_source", pa.string(), "sentence, dateline, publication or none.", nullable=False),
    ],
    metadata={"table": "statements", "schema_version": SCHEMA_VERSION},
)

TEMPORAL_EXPRESSIONS = pa.schema(
    [
        _f("timex_id", pa.string(), "Stable id derived from article_id and the offsets.", nullable=False),
        _f("article_id", pa.string(), "The article (articles.article_id).", nullable=False),
        _f("start", pa.int64(), "Start of the expression.", nullable=False, unit=OFFSET_UNIT),
        _f("end", pa.int64(), "End (exclusive) of the expression.", nullable=False, unit=OFFSET_UNIT),
        _f("text", pa.string(), "The expression as written.", nullable=False),
        _f("type", pa.string(), "TIMEX3 type: DATE, TIME, DURATION or SET.", nullable=False),
        _f("value", pa.string(), "TIMEX3 value anchored on the publication date (2025-09-28, P65Y, PAST_REF).", nullable=False),
        _f("mod", pa.string(), "TIMEX3 mod (MORE_THAN, APPROX...), or null."),
        _f("statement_id", pa.string(), "The statement whose content contains the expression, or null."),
    ],
    metadata={"table": "temporal_expressions", "schema_version": SCHEMA_VERSION},
)

REJECTS = pa.schema(
    [
        _f("source", pa.string(), "The input unit that was refused (path, or path#line).", nullable=False),
        _f("reason", pa.string(), "Closed set: empty, binary, undecodable, no_body, too_large, invalid_json, missing_text, duplicate, outside_root, extraction_error, not_article (a page without main text), not_html (a WARC response that is no page), corrupt (truncated gzip, broken WARC record).", nullable=False),
        _f("detail", pa.string(), "Human-readable explanation.", nullable=False),
    ],
    metadata={"table": "rejects", "schema_version": SCHEMA_VERSION},
)

SCHEMAS: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "speakers": SPEAKERS,
    "statements": STATEMENTS,
    "temporal_expressions": TEMPORAL_EXPRESSIONS,
    "rejects": REJECTS,
}
TABLE_NAMES: tuple[str, ...] = tuple(SCHEMAS)


def describe(table: str) -> list[tuple[str, str, bool, str, str]]:
    """(name, arrow type, nullable, unit, description) per column, for the data dictionary."""
    return [
        (
            f.name,
            str(f.type),
            f.nullable,
            (f.metadata or {}).get(b"unit", b"").decode(),
            (f.metadata or {}).get(b"description", b"").decode(),
        )
        for f in SCHEMAS[table]
    ]
