"""WARC archives as input: one unit per response record, batches by byte range, broken
records as rejects, and a build of the dev pages' WARC equal to the folder build."""

from __future__ import annotations

import gzip
from io import BytesIO
from pathlib import Path

import pandas as pd
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from quotewire.dataset import store
from quotewire.ingest import warc
from quotewire.dataset.build import BuildConfig, build_local
from quotewire.records import InputKind, RawDocument, Reject, RejectReason
from quotewire.ingest.sources import discover, plan_batches, plan_items, read_batch, read_units, unit_digests

from .conftest import SHARED
from .test_pages import article_page

PAGES = SHARED / "bench" / "html" / "pages"


def _response(writer: WARCWriter, uri: str, status: str, content_type: str, body: bytes, extra: tuple = ()) -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type), *extra], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=http))


def write_crawl(path: Path, pages: list[tuple[str, bytes]], gz: bool = True) -> Path:
    """A WARC as a crawler leaves it: warcinfo, then per page a request and a response,
    plus a robots.txt, an image and a redirect."""
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "quotewire-test"}))
        _response(writer, "https://news.example/robots.txt", "200 OK", "text/plain", b"User-agent: *\nDisallow:\n")
        for uri, body in pages:
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(uri, "request", http_headers=req))
            _response(writer, uri, "200 OK", "text/html; charset=utf-8", body)
        _response(writer, "https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64))
        _response(writer, "https://news.example/old", "301 Moved Permanently", "text/html", b"<html><body>Moved</body></html>", (("Location", "https://news.example/new"),))
    return path


def synthetic_pages(n: int) -> list[tuple[str, bytes]]:
    return [(f"https://news.example/story-{i}", article_page(f"Story number {i} about the harbour bridge").encode("utf-8")) for i in range(n)]


@pytest.mark.parametrize("gz", [True, False])
def test_records_become_pages_and_rejects(tmp_path: Path, gz: bool) -> None:
    path = write_crawl(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), synthetic_pages(3), gz)
    units = list(read_units(discover([tmp_path])))
    kinds = [(u.reason.value if isinstance(u, Reject) else u.kind.value) for u in units]
    assert kinds == ["not_html", "page", "page", "page", "not_html", "not_article"]
    assert all(u.source.startswith(f"{path.name}@") for u in units)
    page = units[1]
    assert isinstance(page, RawDocument) and page.kind is InputKind.PAGE
    assert page.url == "https://news.example/story-0" and page.published and page.charset == "utf-8"
    assert page.data and page.data.startswith(b"<!DOCTYPE html>")
    assert "redirect to https://news.example/new" in units[-1].detail  # type: ignore[union-attr]


def test_batches_are_byte_ranges_of_whole_records(tmp_path: Path) -> None:
    write_crawl(tmp_path / "crawl.warc.gz", synthetic_pages(5))
    pairs = discover([tmp_path])
    whole = list(read_units(pairs))
    plans = plan_batches(pairs, 2)
    assert [p.units for p in plans] == [2, 2, 2, 2]  # 8 unit records: robots, 5 pages, image, redirect
    assert [u for p in plans for u in read_batch(p)] == whole
    digests = [pair for p in plans for pair in unit_digests(p)]
    assert len(digests) == len(whole) and len({d for _, d in digests}) == len(whole)
    # A single-record item reads back exactly its unit, and consecutive ones join again.
    singles = [item for item, _ in digests]
    assert [u for item in singles for u in read_batch(plan_items([item], 1)[0])] == whole
    assert [u for p in plan_items(singles, 3) for u in read_batch(p)] == whole


def _members(path: Path) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in warc.spans(path)]


def test_a_broken_record_header_is_a_reject_and_reading_goes_on(tmp_path: Path) -> None:
    path = write_crawl(tmp_path / "crawl.warc.gz", synthetic_pages(3))
    members = _members(path)
    data = path.read_bytes()
    start, end = members[3]  # the first page's response
    broken = gzip.decompress(data[start:end]).replace(b"WARC/1.", b"WARX/9.", 1)
    path.write_bytes(data[:start] + gzip.compress(broken) + data[end:])
    units = list(read_units(discover([path])))
    reasons = [u.reason.value if isinstance(u, Reject) else "page" for u in units]
    assert reasons == ["not_html", "corrupt", "page", "page", "not_html", "not_article"]
    assert units[1].source == f"crawl.warc.gz@{start}"
    plans = plan_batches(discover([path]), 2)
    assert [u for p in plans for u in read_batch(p)] == units


@pytest.mark.parametrize("cut", [30, 400])
def test_a_truncated_archive_ends_in_a_reject(tmp_path: Path, cut: int) -> None:
    path = write_crawl(tmp_path / "crawl.warc.gz", synthetic_pages(2))
    data = path.read_bytes()
    last = _members(path)[-1]
    path.write_bytes(data[: last[0] + max(10, (last[1] - last[0]) - cut)])
    units = list(read_units(discover([path])))
    assert isinstance(units[-1], Reject) and units[-1].reason is RejectReason.CORRUPT
    assert sum(isinstance(u, RawDocument) for u in units) == 2


def test_garbage_named_warc_and_oversized_record(tmp_path: Path) -> None:
    (tmp_path / "junk.warc.gz").write_bytes(b"\x1f\x8b\x08 this is not gzip at all" * 10)
    write_crawl(tmp_path / "big.warc.gz", synthetic_pages(1))
    units = list(read_units(discover([tmp_path]), max_bytes=1000))
    junk = [u for u in units if u.source.startswith("junk")]
    assert [u.reason for u in junk] == [RejectReason.CORRUPT]  # type: ignore[union-attr]
    big = [u for u in units if u.source.startswith("big")]
    assert RejectReason.TOO_LARGE in [u.reason for u in big if isinstance(u, Reject)]


def _articles(version: Path) -> pd.DataFrame:
    frame = pd.read_parquet(store.table_path(version, "articles")).drop(columns=["source"])
    return frame.sort_values("article_id").reset_index(drop=True).astype(str)


@pytest.mark.skipif(not PAGES.exists(), reason=f"{PAGES} is absent")
def test_warc_of_the_dev_pages_builds_the_same_articles_as_the_folder(tmp_path: Path) -> None:
    files = sorted(PAGES.glob("*.html"))
    path = write_crawl(tmp_path / "crawl.warc.gz", [(f"https://crawl.example/{p.stem}", p.read_bytes()) for p in files])
    folder = build_local([PAGES], BuildConfig(root=str(tmp_path / "folder"), batch_size=16))
    crawl = build_local([path], BuildConfig(root=str(tmp_path / "crawl"), batch_size=16))
    assert folder.status == crawl.status == "published"
    assert folder.rejects_by_reason == {}
    assert crawl.rejects_by_reason == {"not_html": 2, "not_article": 1}
    a, b = _articles(folder.path), _articles(crawl.path)
    assert len(a) == len(files)
    # Every page declares its own URL, so the crawl's URI is not needed: the rows match.
    pd.testing.assert_frame_equal(a, b)


def test_records_appended_to_an_archive_keep_earlier_digests(tmp_path: Path) -> None:
    """A crawl that grows (new gzip members appended) is an incremental build: the earlier
    records keep their digests, the new ones are new."""
    path = write_crawl(tmp_path / "crawl.warc.gz", synthetic_pages(2))
    before = {d for p in plan_batches(discover([path]), 3) for _, d in unit_digests(p)}
    with path.open("ab") as f:
        writer = WARCWriter(f, gzip=True)
        _response(writer, "https://news.example/late", "200 OK", "text/html", article_page("A late story on the bridge").encode("utf-8"))
    after = [d for p in plan_batches(discover([path]), 3) for _, d in unit_digests(p)]
    assert before < set(after) and len(after) == len(before) + 1
