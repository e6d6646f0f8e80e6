"""Input unit → decoded, header-parsed document, or a Reject with its reason.

Decoding tries UTF-8 with a byte order mark, then UTF-8, then one declared legacy
encoding (cp1252 by default: what Windows-era newsroom exports use); the encoding used is
recorded on the article. Text is stored exactly as decoded (a UTF-8 BOM is not part of the
text): every offset downstream indexes into it.
"""

from __future__ import annotations

import codecs

from quotewire.ingest.header import parse_header
from quotewire.records import IngestedDocument, InputKind, RawDocument, Reject, RejectReason

DEFAULT_LEGACY_ENCODING = "cp1252"
# Bytes sniffed for NULs and control characters to call an input binary.
_SNIFF_BYTES = 8192
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we accept: a NUL byte, or more than
    10% control characters, in the first 8 KiB. UTF-16 is refused this way too, on purpose:
    newsroom text is never UTF-16 without being mislabelled."""
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return controls > len(head) // 10


def decode(data: bytes, legacy_encoding: str = DEFAULT_LEGACY_ENCODING) -> tuple[str, str] | None:
    """(text, encoding name), or None when no accepted encoding decodes the bytes."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            return None
    for encoding in ("utf-8", legacy_encoding):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def ingest(raw: RawDocument, legacy_encoding: str = DEFAULT_LEGACY_ENCODING) -> IngestedDocument | Reject:
    """Decode one input unit and read its header.

    A page (``InputKind.PAGE``) is read by :func:`quotewire.ingest.pages.read_page`.
    Refuses (returns a Reject): empty or whitespace-only input (``empty``), binary bytes
    (``binary``), bytes no accepted encoding decodes (``undecodable``), and text that has
    header lines but nothing after them (``no_body``).
    """
    if raw.kind is InputKind.PAGE:
        from quotewire.ingest.pages import read_page  # imports trafilatura: only when pages come in

        return read_page(raw, legacy_encoding)
    if raw.text is not None:
        text, encoding = raw.text, "json"
    else:
        data = raw.data or b""
        if not data.strip():
            return Reject(raw.source, RejectReason.EMPTY, f"{len(data)} bytes, no text")
        if looks_binary(data):
            return Reject(raw.source, RejectReason.BINARY, "NUL or control bytes in the first 8 KiB")
        decoded = decode(data, legacy_encoding)
        if decoded is None:
            return Reject(
                raw.source,
                RejectReason.UNDECODABLE,
                f"not UTF-8 and not {legacy_encoding} (the declared legacy fallback)",
            )
        text, encoding = decoded
    if not text.strip():
        return Reject(raw.source, RejectReason.EMPTY, "whitespace only")
    header = parse_header(text, published=raw.published, headline=raw.headline)
    if not text[header.body_start :].strip():
        return Reject(raw.source, RejectReason.NO_BODY, "header lines but no body text")
    return IngestedDocument(source=raw.source, text=text, encoding=encoding, header=header, url=raw.url)
