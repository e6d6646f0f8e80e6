"""HTML pages as input: decoding, page metadata, main text, rejects, and the quality floor
on ../shared/bench/html (skipped when absent)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from quotewire.ingest import pages
from quotewire.ingest.decode import ingest
from quotewire.lexicons.load import read_tsv
from quotewire.records import DateSource, IngestedDocument, InputKind, RawDocument, Reject, RejectReason
from quotewire.ingest.sources import discover, read_units

from .conftest import REPO, SHARED, load_path

BENCH = SHARED / "bench" / "html"

BODY = [
    "The city council voted on Tuesday to rebuild the old harbour bridge, ending a debate that had run for a decade.",
    "\u201cThis bridge carries half the town to work,\u201d said Mayor Ana Lindqvist. \u201cWe could not wait another winter.\u201d",
    "Work starts in March and is expected to take two years, the council said in a statement.",
]


def article_page(
    title: str = "Council votes to rebuild harbour bridge",
    *,
    ld_date: str | None = "2024-04-28T13:30:00+02:00",
    meta_date: str | None = None,
    charset: str = "utf-8",
    body: list[str] = BODY,
) -> str:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
          "author": [{"@type": "Person", "name": "Jo Reporter"}, {"@type": "Person", "name": "Sam Writer"}]}
    if ld_date:
        ld["datePublished"] = ld_date
    meta = f'<meta property="article:published_time" content="{meta_date}">' if meta_date else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in body)
    return f"""<!DOCTYPE html><html><head><meta charset="{charset}">
<title>{title} | Harbour Times</title>
<meta property="og:site_name" content="Harbour Times">
<meta property="og:url" content="https://harbour.example/og-url">
<link rel="canonical" href="https://harbour.example/news/bridge">
{meta}<script type="application/ld+json">{json.dumps(ld)}</script></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div id="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<article><h1>{title}</h1>{paragraphs}</article>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Ferry fares rise again</a></li><li><a href="/b">Storm closes port</a></li></ul></aside>
<footer>Copyright Harbour Times. All rights reserved.</footer></body></html>"""


def read(html: str | bytes, **kw: object) -> IngestedDocument | Reject:
    data = html.encode("utf-8") if isinstance(html, str) else html
    return ingest(RawDocument(source="page.html", data=data, kind=InputKind.PAGE, **kw))  # type: ignore[arg-type]


def test_page_becomes_one_article_with_its_metadata() -> None:
    doc = read(article_page())
    assert isinstance(doc, IngestedDocument)
    h = doc.header
    assert h.headline == "Council votes to rebuild harbour bridge"
    assert doc.text.startswith("Council votes to rebuild harbour bridge\n\nThe city council voted")
    assert doc.text.count("Council votes to rebuild harbour bridge") == 1  # the in-article <h1> is not repeated
    for paragraph in BODY:
        assert paragraph in doc.text
    for boilerplate in ("Home", "cookies", "Ferry fares", "Copyright"):
        assert boilerplate not in doc.text
    assert h.published_at == datetime(2024, 4, 28, 11, 30, tzinfo=timezone.utc)
    assert (h.published_raw, h.date_source) == ("2024-04-28T13:30:00+02:00", DateSource.JSON_LD)
    assert h.published_date is not None and h.published_date.isoformat() == "2024-04-28"
    assert h.authors == ("Jo Reporter", "Sam Writer")
    assert (doc.url, doc.outlet) == ("https://harbour.example/news/bridge", "Harbour Times")
    assert doc.page_sha256 is not None and len(doc.page_sha256) == 64


def test_a_date_with_its_offset_beats_one_without() -> None:
    doc = read(article_page(ld_date="2024-04-28T13:30:00", meta_date="2024-04-28T13:30:00-04:00"))
    assert isinstance(doc, IngestedDocument)
    assert doc.header.date_source is DateSource.META_TAG
    assert doc.header.published_at == datetime(2024, 4, 28, 17, 30, tzinfo=timezone.utc)


def test_crawl_date_is_the_last_fallback() -> None:
    doc = read(article_page(ld_date=None), published="2025-01-02T03:04:05Z", url="https://crawl.example/x")
    assert isinstance(doc, IngestedDocument)
    # htmldate may still find a date in the page; without one the crawl record's date is used.
    assert doc.header.date_source in (DateSource.PAGE_HEURISTIC, DateSource.CRAWL)
    no_meta = read(article_page(ld_date=None).replace('<link rel="canonical" href="https://harbour.example/news/bridge">', ""), published="2025-01-02T03:04:05Z")
    assert isinstance(no_meta, IngestedDocument) and no_meta.url == "https://harbour.example/og-url"


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Samya Kullab and Vasilisa Stepanenko"], ("Samya Kullab", "Vasilisa Stepanenko")),
        (["Ann Lee, Bo Chan, Cy Diaz and Di Eve"], ("Ann Lee", "Bo Chan", "Cy Diaz", "Di Eve")),
        (["Associated Press"], ("Associated Press",)),
        (["Emma Mackenzie", "(Image: Getty Images)", "https://x.example/emma", "emma mackenzie"], ("Emma Mackenzie",)),
        (["松岡大地"], ("松岡大地",)),
    ],
)
def test_author_names(names: list[str], expected: tuple[str, ...]) -> None:
    assert pages._unique_authors(names) == expected


def test_a_person_beats_the_paper_as_author() -> None:
    ld = {"@type": "NewsArticle", "author": {"@type": "Organization", "name": "The Daily"}}
    assert pages.page_authors(ld, {"cxenseparse:author": ["Kim Park"]}) == ("Kim Park",)
    assert pages.page_authors(ld, {}) == ("The Daily",)


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Headline here | CBC News", "CBC", "Headline here"),
        ("Headline - The Namibian", "The Namibian", "Headline"),
        ("Headline | The Gateway Pundit | by Cristina Laila", "The Gateway Pundit", "Headline"),
        ("南海トラフ、一時調査：中日新聞Web", "中日新聞Web", "南海トラフ、一時調査"),
        ("Politics | Why the vote matters", "Politics", "Why the vote matters"),
        ("Ends recession debate: economists weigh in", "Financial Post", "Ends recession debate: economists weigh in"),
        ("Harbour Times", "Harbour Times", "Harbour Times"),
    ],
)
def test_strip_site_name(title: str, site: str, expected: str) -> None:
    assert pages.strip_site_name(title, site) == expected


@pytest.mark.parametrize(
    ("data", "charset", "expected"),
    [
        ("<meta charset='iso-8859-1'><p>café \u201cq\u201d</p>".encode("cp1252"), None, ("cp1252", "café \u201cq\u201d")),
        ("<meta charset='koi8-r'><p>новости</p>".encode("koi8-r"), "x-unknown", ("koi8-r", "новости")),
        ("<meta charset='utf-8'><p>café</p>".encode("cp1252"), None, ("cp1252", "café")),
        ("<meta charset='utf-8'><p>caf\u00e9</p>".encode("cp1252") + b"\x81", None, ("utf-8+replace", "caf\ufffd")),
        ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>\u201cq\u201d</p>'.encode("cp1252"), None, ("cp1252", "\u201cq\u201d")),
        ("<p>café</p>".encode("latin-1"), "iso-8859-1", ("cp1252", "café")),
        ("<p>café</p>".encode("utf-8"), None, ("utf-8", "café")),
        (b"\xef\xbb\xbf<p>caf\xc3\xa9</p>", None, ("utf-8-sig", "café")),
    ],
)
def test_decode_page(data: bytes, charset: str | None, expected: tuple[str, str]) -> None:
    decoded = pages.decode_page(data, charset, "cp1252")
    assert not isinstance(decoded, str)
    text, encoding = decoded
    assert (encoding, expected[1] in text) == (expected[0], True)


def test_unknown_declared_encoding_is_a_reject() -> None:
    data = article_page(charset="x-no-such-charset").encode("utf-8").replace(b"city", b"\xff\xfe city")
    out = read(data)
    assert isinstance(out, Reject) and out.reason is RejectReason.UNDECODABLE
    assert "x-no-such-charset" in out.detail


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Index</title></head><body><nav><a href='/a'>A</a> <a href='/b'>B</a></nav></body></html>",
        "<html><body><p>Moved.</p></body></html>",
        "just some bytes, not a page at all",
    ],
)
def test_no_article_is_a_reject(html: str) -> None:
    out = read(html)
    assert isinstance(out, Reject) and out.reason is RejectReason.NOT_ARTICLE and out.detail


def test_empty_page_is_a_reject() -> None:
    out = read(b"  \n")
    assert isinstance(out, Reject) and out.reason is RejectReason.EMPTY


def test_page_files_plain_and_gzipped_truncated_and_too_large(tmp_path: Path) -> None:
    html = article_page().encode("utf-8")
    (tmp_path / "a.html").write_bytes(html)
    (tmp_path / "b.htm.gz").write_bytes(gzip.compress(html))
    (tmp_path / "c.html.gz").write_bytes(gzip.compress(html)[:-40])  # truncated gzip
    (tmp_path / "d.txt").write_text("Plain text.\n\nA body.", encoding="utf-8")
    big = tmp_path / "e.html"
    with big.open("wb") as f:  # a 50 MB page
        f.write(b"<html><body>")
        f.write(b"<p>" + b"x" * (50 * 1024 * 1024) + b"</p>")
    units = {u.source: u for u in read_units(discover([tmp_path]))}
    assert sorted(units) == ["a.html", "b.htm.gz", "c.html.gz", "d.txt", "e.html"]
    assert isinstance(units["a.html"], RawDocument) and units["a.html"].kind is InputKind.PAGE
    assert isinstance(units["b.htm.gz"], RawDocument) and units["b.htm.gz"].data == html
    assert isinstance(units["d.txt"], RawDocument) and units["d.txt"].kind is InputKind.TEXT
    assert units["c.html.gz"].reason is RejectReason.CORRUPT  # type: ignore[union-attr]
    assert units["e.html"].reason is RejectReason.TOO_LARGE  # type: ignore[union-attr]
    a, b = ingest(units["a.html"]), ingest(units["b.htm.gz"])  # type: ignore[arg-type]
    assert isinstance(a, IngestedDocument) and isinstance(b, IngestedDocument)
    assert (a.text, a.page_sha256) == (b.text, b.page_sha256)


def test_page_meta_lexicon_rows_are_read_as_their_example_says() -> None:
    """Golden: every row's example tag, parsed, gives its key; fields are a closed set."""
    rows = read_tsv("quotewire.lexicons", "page_meta.tsv")
    assert rows and {r[0] for r in rows} == {"published", "title", "author", "site_name", "url"}
    for field, key, example in rows:
        tree = pages.load_tree(f"<html><head>{example}</head><body><p>x</p></body></html>")
        assert key in pages.meta_tags(tree), (field, key)


def test_text_builds_do_not_import_trafilatura() -> None:
    code = "import sys, quotewire.dataset.pipeline, quotewire.ingest.sources, quotewire.dataset.annotate; print('trafilatura' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------------------
# Quality floor on the shared dev pages. Floors sit just below what is reached
# (bench/html.py: headline 0.915, authors 1.000, published_at 1.000 of 46, body recall
# 0.995, text precision 0.949); the targets are 0.90, -, 0.85, 0.95 and 0.90.
# ---------------------------------------------------------------------------------------

FLOORS = {"headline": 0.91, "authors": 0.95, "published_at": 0.97, "body_recall": 0.99, "text_precision": 0.94}


@pytest.fixture(scope="module")
def figures() -> dict:
    if not (BENCH / "gold.jsonl").exists():
        pytest.skip("../shared/bench/html not available")
    bench = load_path("bench_html", REPO / "bench" / "html.py")
    return bench.score(bench.read_gold(BENCH), bench.ingest_folder(BENCH))


def test_every_page_is_an_article_or_a_reject_with_a_reason(figures: dict) -> None:
    assert figures["accounted"] == 1.0


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_floor(figures: dict, name: str) -> None:
    assert figures[name] >= FLOORS[name]


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body>" + b"<div>" * 50000 + b"<p>deep</p>" + b"</div>" * 50000 + b"</body></html>",
        b'<html><head><script type="application/ld+json">' + b"[" * 100000 + b"</script></head><body><p>x</p></body></html>",
        b"<html><head><title>" + b"a | " * 200000 + b"</title></head><body><p>x</p></body></html>",
        b'<html><head><meta charset="' + b"x" * 5000 + b'"></head><body><p>x</p></body></html>',
    ],
    ids=["nested-divs", "unclosed-json-ld", "separator-title", "long-charset"],
)
def test_hostile_pages_are_rejects_not_crashes(data: bytes) -> None:
    out = read(data)
    assert isinstance(out, Reject) and out.detail


def test_a_library_failure_on_one_page_is_its_reject(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(tree: object) -> str:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(pages, "main_text", broken)
    out = read(article_page())
    assert isinstance(out, Reject) and out.reason is RejectReason.EXTRACTION_ERROR
    assert "RecursionError" in out.detail


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Minister says the long-awaited reform of the pension system will be presented to parliament before the sum…",
         "Minister says the long-awaited reform of the pension system will be presented to parliament before the summer recess"),
        ("Minister says reform comes in summer", "Minister says reform comes in summer"),
    ],
)
def test_a_headline_cut_short_gives_way_to_its_continuation(headline: str, expected: str) -> None:
    long = "Minister says the long-awaited reform of the pension system will be presented to parliament before the summer recess"
    ld = json.dumps({"@type": "NewsArticle", "headline": headline})
    tree = pages.load_tree(f'<html><head><script type="application/ld+json">{ld}</script><title>{long} | The Daily</title></head><body><h1>{long}</h1></body></html>')
    assert pages.choose_title(pages.json_ld_article(tree), pages.meta_tags(tree), tree, "The Daily", None) == expected


def test_embeds_and_boilerplate_paragraphs_leave_the_main_text() -> None:
    """Golden: a tweet embed, a pull quote, "read more" teasers, a newsletter and follow-us
    box, a photo credit and a teaser card printed twice are cut; the body stays whole."""
    furniture = [
        "Read more: Ferry fares rise again",
        "Sign up for breaking news, weather alerts and more.",
        "Follow the Harbour Times on Twitter and Facebook for the latest news.",
        "Got a story? Get in touch with our news team by email.",
        "Image: Harbour Council / Facebook",
        "Storm closes port for a second day Storm closes port for a second day",
        "Advertisement",
    ]
    page = article_page(body=[BODY[0], *furniture[:4], BODY[1], *furniture[4:], BODY[2]]).replace(
        "</article>",
        '<blockquote class="twitter-tweet"><p>Bridge vote tonight, live from the hall pic.twitter.com/abc</p>'
        "&mdash; Harbour Watch (@harbourwatch) April 28, 2024</blockquote>"
        '<aside class="Pullquote Pullquote--right">This bridge carries half the town to work</aside></article>',
    )
    doc = read(page)
    assert isinstance(doc, IngestedDocument)
    assert doc.text[doc.header.body_start :] == "\n\n".join(BODY)


@pytest.mark.parametrize(
    "paragraph",
    [
        "More than 200 people read more than one paper: the survey counted them all.",
        "Photographs of the bridge, the mayor said, show how badly it has rusted since 1990.",
        "Follow-up talks begin on Monday.",
        "Popular support for the plan has grown.",
        "Yes yes",
    ],
)
def test_body_paragraphs_like_boilerplate_stay(paragraph: str) -> None:
    assert not pages.is_boilerplate(paragraph)


def test_page_boilerplate_lexicon_examples_match_their_rows() -> None:
    """Golden: every "line" row matches its own example whole; every "embed" example is cut."""
    rows = read_tsv("quotewire.lexicons", "page_boilerplate.tsv")
    assert {r[0] for r in rows} == {"embed", "line"}
    for kind, _pattern, example in rows:
        if kind == "line":
            assert pages.is_boilerplate(example), example
        else:
            tree = pages.load_tree(f"<html><body><article><p>Body.</p>{example}</article></body></html>")
            pages.drop_embeds(tree)
            assert tree.find(".//blockquote") is None and tree.find(".//aside") is None, example
