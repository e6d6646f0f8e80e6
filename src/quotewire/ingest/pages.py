"""A saved web page (HTML bytes) -> one article, or a Reject with its reason.

The main text (paragraphs, in-article headings, quotes and block quotes; no menus, related
links, cookie banners or comments) comes from trafilatura, after third-party embeds and
pull quotes are cut from the page and before whole boilerplate paragraphs ("Read more: ...",
newsletter boxes, photo credits) are dropped, both as rows of ``lexicons/page_boilerplate.tsv``.
The metadata comes from what the
page declares about itself, best first: JSON-LD (``NewsArticle`` and kin), then ``<meta>``
tags (OpenGraph, ``article:published_time``, the rows of ``lexicons/page_meta.tsv``), then
trafilatura's heuristics over the page (htmldate for the date), then the crawl's own record
(a WARC record's target URI and date, passed in as ``RawDocument.url``/``published``).

The stored ``text`` is the headline, a blank line, then the body's paragraphs separated by
blank lines: every offset downstream indexes into it, and it is a function of the page's
bytes alone (nothing is fetched). trafilatura is imported on first use, so text-only builds
and ``annotate`` never pay for it.
"""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
import html
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from functools import cache
from typing import Any

from quotewire.ingest.header import parse_header
from quotewire.lexicons.load import read_tsv
from quotewire.records import ArticleHeader, DateSource, IngestedDocument, RawDocument, Reject, RejectReason

log = logging.getLogger(__name__)

# A page whose main text is shorter than this is not an article (an index, a redirect
# notice, a paywall stub). Japanese and Chinese need fewer characters than English for
# a story; 2 short paragraphs are the shortest real article on the dev set (~200 chars).
MIN_BODY_CHARS = 120
# Where a declared charset is looked for, as browsers do (the HTML standard's prescan).
_PRESCAN_BYTES = 4096
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]{1,40})""", re.IGNORECASE)
_ARTICLE_TYPES = ("article", "posting", "newsarticle", "report")
# Separators between a title and the site name in <title> and og:title.
# Search engines ask for JSON-LD headlines of at most 110 characters; CMSs cut at ~100-110.
_CAPPED_TITLE_CHARS = 100
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—*:·•»]\s+|\s*[｜：]\s*|\s+::\s+")


@dataclass(frozen=True)
class PageMeta:
    """What a page says about itself. ``published_source`` names the clue that gave
    ``published_raw`` (JSON-LD, a meta tag, the page heuristics, the crawl record)."""

    title: str | None
    published_raw: str | None
    published_source: DateSource
    authors: tuple[str, ...]
    url: str | None
    site_name: str | None


# ---------------------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------------------


def declared_charsets(data: bytes, http_charset: str | None = None) -> list[str]:
    """The charsets the HTTP response and the page declare, in that order, lower case."""
    m = _CHARSET.search(data[:_PRESCAN_BYTES])
    labels = [http_charset, m.group(1).decode("ascii") if m else None]
    return [label.strip().lower() for label in labels if label and label.strip()]


def _codec(label: str) -> str | None:
    """Python's codec for a charset label, as browsers read it: the HTML standard decodes
    pages labelled latin-1 or ASCII as windows-1252 (their curly quotes are cp1252 bytes)."""
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "cp1252" if name in ("iso8859-1", "ascii") else name


def decode_page(data: bytes, http_charset: str | None, legacy_encoding: str) -> tuple[str, str] | str:
    """(text, encoding used), or the reason no encoding fits (a string).

    Order: a byte order mark, the HTTP charset, the page's own ``<meta charset>``, UTF-8,
    ``legacy_encoding``, then the first known declared charset (or ``legacy_encoding``)
    with replacement characters. A page whose declared charsets Python does not know and which is not UTF-8
    is refused rather than guessed: the declaration says the bytes are in something we
    cannot read.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    declared = declared_charsets(data, http_charset)
    known = [c for c in (_codec(label) for label in declared) if c]
    for encoding in (*known, "utf-8"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    if declared and not known:
        return f"declared charset {declared[0]!r} is unknown and the bytes are not UTF-8"
    try:  # mislabelled: a page said UTF-8 (or nothing) and was saved in the legacy encoding
        return data.decode(legacy_encoding), legacy_encoding
    except UnicodeDecodeError:
        pass
    fallback = known[0] if known else legacy_encoding
    return data.decode(fallback, errors="replace"), f"{fallback}+replace"


# ---------------------------------------------------------------------------------------
# Metadata
# ---------------------------------------------------------------------------------------


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(html.unescape(value).split())
    return text or None


def _walk_json_ld(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for item in node:
            yield from _walk_json_ld(item)
    elif isinstance(node, dict):
        yield node
        yield from _walk_json_ld(node.get("@graph"))
        main = node.get("mainEntity")
        if isinstance(main, (dict, list)):
            yield from _walk_json_ld(main)


def _types(obj: dict[str, Any]) -> list[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return [k.lower() for k in kinds if isinstance(k, str)]


def json_ld_article(tree: Any) -> dict[str, Any]:
    """The page's JSON-LD object that describes the article (a ``NewsArticle``, ``Article``,
    ``BlogPosting``, ``ReportageNews``...), else the first object with a ``headline``, else
    {}. Malformed JSON-LD blocks are skipped."""
    candidates: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "null", strict=False)
        except (ValueError, RecursionError):
            continue
        candidates.extend(_walk_json_ld(data))
    for obj in candidates:
        if any(t.endswith(_ARTICLE_TYPES) for t in _types(obj)):
            return obj
    return next((obj for obj in candidates if "headline" in obj), {})


def meta_tags(tree: Any) -> dict[str, list[str]]:
    """``<meta>`` contents by lower-cased property/name/itemprop, in page order."""
    found: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        content = _clean(el.get("content"))
        for attr in ("property", "name", "itemprop"):
            key = el.get(attr)
            if key and content:
                found.setdefault(key.strip().lower(), []).append(content)
    return found


@cache
def _meta_keys() -> dict[str, tuple[str, ...]]:
    by_field: dict[str, list[str]] = {}
    for field, key, *_example in read_tsv("quotewire.lexicons", "page_meta.tsv"):
        by_field.setdefault(field, []).append(key)
    return {field: tuple(keys) for field, keys in by_field.items()}


def _first_meta(meta: dict[str, list[str]], field: str) -> str | None:
    return next((meta[k][0] for k in _meta_keys().get(field, ()) if k in meta), None)


def _names(value: Any, organizations: bool) -> list[str]:
    """Author names from a JSON-LD ``author`` (a string, a Person, an Organization, a list
    of them); an Organization's name only when ``organizations`` is true."""
    if isinstance(value, list):
        return [n for v in value for n in _names(v, organizations)]
    if isinstance(value, dict):
        name = _clean(value.get("name"))
        is_org = any(t.endswith("organization") for t in _types(value))
        return [name] if name and (organizations or not is_org) else []
    name = _clean(value)
    return [name] if name else []


# "A and B", "A, B and C", "A & B" in one author field: split where every part is a name.
_AUTHOR_LIST = re.compile(r"\s*,\s*|\s+and\s+|\s*&\s*")
_NOT_A_NAME = re.compile(r"[()/:@|]|^https?\b|^\W*$")


def _split_names(name: str) -> list[str]:
    parts = [p for p in _AUTHOR_LIST.split(name) if p]
    if len(parts) > 1 and all(1 < len(p.split()) <= 4 and p[:1].isupper() for p in parts):
        return parts
    return [name]


def _unique_authors(names: list[str]) -> tuple[str, ...]:
    """Names as written, split where one field lists several, without repeats, captions
    ("(Image: Getty)"), URLs or handles."""
    seen: set[str] = set()
    out = []
    for name in (part for raw in names for part in _split_names(raw)):
        key = name.casefold()
        if key in seen or _NOT_A_NAME.search(name) or len(name) > 80:
            continue
        seen.add(key)
        out.append(name)
    return tuple(out)


def page_authors(ld: dict[str, Any], meta: dict[str, list[str]]) -> tuple[str, ...]:
    """JSON-LD people first, then the first author meta tag the page has (lexicon order),
    then a JSON-LD organization (a paper credited as its own author)."""
    people = _unique_authors(_names(ld.get("author"), organizations=False))
    if people:
        return people
    for key in _meta_keys()["author"]:
        tagged = _unique_authors(meta.get(key, []))
        if tagged:
            return tagged
    return _unique_authors(_names(ld.get("author"), organizations=True))


def _fold(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


def strip_site_name(title: str, site_name: str | None, host: str | None = None) -> str:
    """A title without the site name (or "by AUTHOR") its page appended or prefixed:
    ``Headline | CBC News`` -> ``Headline``. A title that is only the site name stays."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    marks = {_fold(x) for x in (site_name, host) if x}
    marks.discard("")

    def is_site(part: str) -> bool:
        folded = _fold(part)
        if not folded:
            return True
        if folded.startswith("by") and len(part.split()) <= 5:
            return True
        return any(folded in m or m in folded for m in marks)

    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
    # The separators between the kept parts are the page's own; cut them out of the title.
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if 0 <= start < end else title


def _host(url: str | None) -> str | None:
    m = re.match(r"https?://(?:www\.)?([^/:]+)", url or "")
    return m.group(1).rsplit(".", 1)[0] if m else None


def choose_title(ld: dict[str, Any], meta: dict[str, list[str]], tree: Any, site: str | None, host: str | None) -> str | None:
    """The headline as the page presents it. JSON-LD ``headline`` first (it is the
    article's own, never suffixed), then og:title and kin, then ``<title>``, then the
    first ``<h1>``; the site name is cut from the ones that carry it. A headline cut short
    (JSON-LD's are often capped at 110 characters, with or without an ellipsis) gives way
    to a later candidate that continues it."""
    h1 = next((t for t in (_clean(h.text_content()) for h in tree.iter("h1")) if t), None)
    raws = (_clean(ld.get("headline")), _first_meta(meta, "title"), _clean(tree.findtext(".//title")), h1)
    found = [strip_site_name(raw, site, host) for raw in raws if raw]
    if not found:
        return None
    first = found[0]
    stem = first.rstrip(".…").rstrip()
    if stem == first and len(first) < _CAPPED_TITLE_CHARS:
        return first  # neither an ellipsis nor at a cap: not cut short
    longer = [t for t in found[1:] if t.startswith(stem) and len(t) > len(stem) and not _TITLE_SEPARATORS.match(t[len(stem) :])]
    return longer[0] if longer else first


def _canonical(tree: Any) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            href = (link.get("href") or "").strip()
            if href.startswith(("http://", "https://")):
                return href
    return None


def _publisher(ld: dict[str, Any]) -> str | None:
    pub = ld.get("publisher")
    pub = pub[0] if isinstance(pub, list) and pub else pub
    return _clean(pub.get("name")) if isinstance(pub, dict) else None


def page_metadata(tree: Any, fallback_url: str | None = None, fallback_date: str | None = None) -> PageMeta:
    """Title, publication time, authors, URL and site name the page declares.

    The date is JSON-LD ``datePublished``, else the first ``published`` meta tag; one that
    carries a UTC offset beats one that does not. trafilatura's heuristics and then
    ``fallback_date`` (a crawl record's date) are used by :func:`read_page` after this.
    """
    ld = json_ld_article(tree)
    meta = meta_tags(tree)
    url = _canonical(tree) or _first_meta(meta, "url") or _clean(ld.get("url")) or fallback_url
    site = _first_meta(meta, "site_name") or _publisher(ld)
    dated = [(raw, src) for raw, src in ((_clean(ld.get("datePublished")), DateSource.JSON_LD), (_first_meta(meta, "published"), DateSource.META_TAG)) if raw and parse_page_time(raw)]
    dated.sort(key=lambda pair: not _has_offset(pair[0]))  # stable: JSON-LD first among equals
    raw, source = dated[0] if dated else (None, DateSource.NONE)
    if raw is None and fallback_date and parse_page_time(fallback_date):
        raw, source = fallback_date, DateSource.CRAWL
    return PageMeta(
        title=choose_title(ld, meta, tree, site, _host(url)),
        published_raw=raw,
        published_source=source,
        authors=page_authors(ld, meta),
        url=url,
        site_name=site,
    )


# ---------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------


def _has_offset(raw: str) -> bool:
    parsed = parse_page_time(raw)
    return parsed is not None and parsed.tzinfo is not None


def parse_page_time(raw: str) -> datetime | None:
    """A page's date string as a datetime (naive when the page gives no offset), or None.
    Reads ISO 8601 (``2024-04-28T13:30:00Z``, ``2023-04-28 13:53:25``, with fractions) and
    RFC 2822 (``Sun, 28 Apr 2024 13:30:00 +0000``)."""
    value = raw.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


# ---------------------------------------------------------------------------------------
# Main text
# ---------------------------------------------------------------------------------------


def load_tree(text: str) -> Any:
    """An lxml tree of a decoded page (trafilatura's loader: repairs what browsers repair),
    or None when the text is not HTML at all."""
    from trafilatura.utils import load_html

    return load_html(text)


@cache
def _boilerplate() -> tuple[tuple[str, ...], re.Pattern[str]]:
    """(embed class marks, one pattern of whole boilerplate paragraphs) from
    ``lexicons/page_boilerplate.tsv``."""
    rows = read_tsv("quotewire.lexicons", "page_boilerplate.tsv")
    embeds = tuple(pattern.casefold() for kind, pattern, *_ in rows if kind == "embed")
    lines = "|".join(f"(?:{pattern})" for kind, pattern, *_ in rows if kind == "line")
    return embeds, re.compile(lines, re.IGNORECASE)


def drop_embeds(tree: Any) -> None:
    """Cut from ``tree`` (in place) every ``<blockquote>`` or ``<aside>`` whose class holds an
    embed mark (a tweet, a post of another site, a pull quote repeating the body). The tail
    text after a cut element stays."""
    embeds, _ = _boilerplate()
    for node in list(tree.iter("blockquote", "aside")):
        classes = (node.get("class") or "").casefold()
        if classes and any(mark in classes for mark in embeds) and node.getparent() is not None:
            node.drop_tree()


def is_boilerplate(paragraph: str) -> bool:
    """True for a paragraph that is page furniture as a whole: a line pattern of
    ``page_boilerplate.tsv`` matches all of it, or it is one text printed twice over
    ("Title Title", a teaser card's link and its label)."""
    if _boilerplate()[1].fullmatch(paragraph):
        return True
    half, rest = divmod(len(paragraph), 2)
    return rest == 1 and half >= 12 and paragraph[half] == " " and paragraph[:half] == paragraph[half + 1 :]


def main_text(tree: Any) -> str:
    """The article's main text, paragraphs separated by a blank line ("" when none).
    Embeds are cut from ``tree`` first and boilerplate paragraphs dropped (see
    ``drop_embeds``, ``is_boilerplate``)."""
    import trafilatura

    drop_embeds(tree)

    # favor_precision: on the dev pages it trades 0.4 points of body recall for 1.3 of
    # precision (fewer teasers and live-blog furniture); statements are read off this text.
    body = trafilatura.extract(
        tree,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    paragraphs = (" ".join(line.split()) for line in (body or "").splitlines())
    return "\n\n".join(p for p in paragraphs if p and not is_boilerplate(p))


def heuristic_metadata(tree: Any) -> tuple[str | None, tuple[str, ...], str | None]:
    """(date, authors, site name) by trafilatura's heuristics (htmldate over the page's
    time elements, URL and text): used only where the page's structured metadata is silent."""
    from trafilatura.metadata import extract_metadata

    found = extract_metadata(tree)
    authors = tuple(a.strip() for a in (found.author or "").split(";") if a.strip())
    return found.date, authors, found.sitename


# ---------------------------------------------------------------------------------------
# Page -> IngestedDocument
# ---------------------------------------------------------------------------------------


def _complete(meta: PageMeta, tree: Any) -> PageMeta:
    if meta.published_raw and meta.authors and meta.site_name:
        return meta
    date, authors, site = heuristic_metadata(tree)
    if meta.published_source in (DateSource.NONE, DateSource.CRAWL) and date and parse_page_time(date):
        meta = dataclasses.replace(meta, published_raw=date, published_source=DateSource.PAGE_HEURISTIC)
    return dataclasses.replace(meta, authors=meta.authors or _unique_authors(list(authors)), site_name=meta.site_name or site)


def compose_text(title: str | None, body: str) -> tuple[str, int]:
    """(text, body offset): the headline, a blank line, the body. A body that opens with
    the headline itself (an in-article ``<h1>``) does not repeat it."""
    if not title:
        return body, 0
    first, _, rest = body.partition("\n\n")
    if _fold(first) == _fold(title):
        body = rest
    return f"{title}\n\n{body}", len(title) + 2


def read_page(raw: RawDocument, legacy_encoding: str) -> IngestedDocument | Reject:
    """Decode, parse and extract one page. Refuses (returns a Reject): empty bytes
    (``empty``), a charset nobody can read (``undecodable``), bytes that are not HTML or a
    page without an article's worth of main text (``not_article``)."""
    data = raw.data or b""
    if not data.strip():
        return Reject(raw.source, RejectReason.EMPTY, f"{len(data)} bytes, no page")
    decoded = decode_page(data, raw.charset, legacy_encoding)
    if isinstance(decoded, str):
        return Reject(raw.source, RejectReason.UNDECODABLE, decoded)
    page, encoding = decoded
    try:
        tree = load_tree(page)
        if tree is None:
            return Reject(raw.source, RejectReason.NOT_ARTICLE, "not an HTML document")
        meta = page_metadata(tree, raw.url, raw.published)
        body = main_text(tree)
        if len(body) < MIN_BODY_CHARS:
            return Reject(raw.source, RejectReason.NOT_ARTICLE, f"{len(body)} characters of main text (at least {MIN_BODY_CHARS} make an article)")
        meta = _complete(meta, tree)
    except Exception as exc:  # noqa: BLE001 - the libraries' failure on one page is that page's reject
        log.warning("page %s: %s: %s", raw.source, type(exc).__name__, exc)
        return Reject(raw.source, RejectReason.EXTRACTION_ERROR, f"reading the page: {type(exc).__name__}: {exc}"[:500])
    text, body_start = compose_text(meta.title, body)
    return IngestedDocument(
        source=raw.source,
        text=text,
        encoding=encoding,
        header=page_header(text, body_start, meta),
        url=meta.url,
        outlet=meta.site_name,
        page_sha256=hashlib.sha256(data).hexdigest(),
    )


def page_header(text: str, body_start: int, meta: PageMeta) -> ArticleHeader:
    """The article header: the dateline (agency, place, event date) read off the body as
    for any text, the headline, date and authors from the page's metadata."""
    when = parse_page_time(meta.published_raw) if meta.published_raw else None
    header = parse_header(text, published=when.isoformat() if when else None, headline=meta.title)
    return dataclasses.replace(
        header,
        published_raw=meta.published_raw if when else header.published_raw,
        date_source=meta.published_source if when else header.date_source,
        authors=meta.authors,
        body_start=body_start,
    )
