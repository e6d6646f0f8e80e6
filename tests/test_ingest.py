"""Decoding and rejects: every input unit ends as a document or a reject with a reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotewire.ingest.decode import decode, ingest
from quotewire.records import IngestedDocument, RawDocument, Reject, RejectReason
from quotewire.ingest.sources import discover, read_units


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", RejectReason.EMPTY),
        (b"  \n\t\n", RejectReason.EMPTY),
        (b"\x00\x01\x02binary\x00", RejectReason.BINARY),
        (b" date 2025-01-01 Headline only\n", RejectReason.NO_BODY),
    ],
)
def test_rejects(data: bytes, reason: RejectReason) -> None:
    out = ingest(RawDocument(source="x.txt", data=data))
    assert isinstance(out, Reject) and out.reason is reason and out.detail


@pytest.mark.parametrize(
    ("data", "body"),
    [
        # A headline line is a header line, but a story of a headline and one paragraph has
        # a body; a single line is body text, never a headline with nothing after it.
        (b"Rail strike called off\n\nThe strike was called off.", "The strike was called off."),
        (b"Rail strike called off\r\n\r\nThe strike was called off.", "The strike was called off."),
        (b"The strike was called off.", "The strike was called off."),
        (b"URGENT: Quake hits\n\nJAKARTA, Nov. 3, 2006 (Xinhua)\n\nA quake hit.", "JAKARTA, Nov. 3, 2006 (Xinhua)\n\nA quake hit."),
    ],
)
def test_body_after_header_lines(data: bytes, body: str) -> None:
    out = ingest(RawDocument(source="x.txt", data=data))
    assert isinstance(out, IngestedDocument)
    assert out.text[out.header.body_start :] == body


def test_decoding_order_is_recorded() -> None:
    assert decode("caf\u00e9".encode()) == ("caf\u00e9", "utf-8")
    assert decode(b"\xef\xbb\xbfcaf\xc3\xa9") == ("caf\u00e9", "utf-8-sig")
    assert decode("caf\u00e9 \u201cquoted\u201d".encode("cp1252")) == ("caf\u00e9 \u201cquoted\u201d", "cp1252")
    # 0x81 is undefined in cp1252 and invalid UTF-8: no accepted encoding decodes it.
    assert decode(b"caf\x81") is None
    out = ingest(RawDocument(source="x.txt", data=b"caf\x81 is here"))
    assert isinstance(out, Reject) and out.reason is RejectReason.UNDECODABLE


def test_ingest_keeps_text_exactly(seed_text: str) -> None:
    out = ingest(RawDocument(source="seed.txt", data=seed_text.encode()))
    assert isinstance(out, IngestedDocument) and out.text == seed_text and out.encoding == "utf-8"


def test_sources_account_for_every_unit(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("Body text, he said.")
    (root / "sub" / "b.txt").write_bytes(b"")
    (root / "docs.jsonl").write_text(
        "\n".join(
            [
                json.dumps({"doc_id": "d1", "text": "One.", "published": "2025-01-02"}),
                "{not json",
                json.dumps({"doc_id": "d3"}),
                json.dumps([1, 2]),
                "",
            ]
        )
    )
    outside = tmp_path / "secret.txt"
    outside.write_text("outside the root")
    (root / "link.txt").symlink_to(outside)
    (root / "big.txt").write_text("x" * 200)
    units = list(read_units(discover([root]), max_bytes=100))
    got = {u.source: (u.reason.value if isinstance(u, Reject) else "doc") for u in units}
    assert got == {
        "a.txt": "doc",
        "big.txt": "too_large",
        "docs.jsonl#d1": "doc",
        "docs.jsonl#2": "invalid_json",
        "docs.jsonl#3": "missing_text",
        "docs.jsonl#4": "invalid_json",
        "link.txt": "outside_root",
        "sub/b.txt": "doc",  # empty bytes are refused later, by ingest
    }


def test_missing_input_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        discover([tmp_path / "nope"])


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_ingest_never_raises_on_bytes(data: bytes) -> None:
    out = ingest(RawDocument(source="fuzz.txt", data=data))
    assert isinstance(out, (IngestedDocument, Reject))
