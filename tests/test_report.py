"""quotewire report: one self-contained HTML page, escaped, with inline SVG charts; and the
page as headless Chromium actually draws it."""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pandas as pd
import pytest

from quotewire.dataset.build import BuildConfig, build_local
from quotewire.ops.cli import main
from quotewire.dataset.checks import CheckResult
from quotewire.read.report import (
    COLOR_OUTLETS,
    COLOR_REJECTS,
    COLOR_SPEAKERS,
    COLOR_TIME,
    UNATTRIBUTED,
    ArticleRow,
    Count,
    ReportData,
    axis_ticks,
    collect,
    outlet_of,
    render_html,
)
from quotewire.read.report import _speaker_counts
from quotewire.dataset.tables import is_generic_speaker

from .conftest import SAMPLE_INPUT

CHROMIUM = Path("/usr/bin/chromium")
HOSTILE = "<script>alert('x')</script> & <b>bold</b> \"quoted\""
EVIL_URL = "https://www.evil.example/path?<x>"


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample input plus an article whose headline and URL are hostile HTML, and three
    inputs that become rejects (empty, binary, invalid JSON). Built in-process."""
    inputs = tmp_path_factory.mktemp("raw")
    shutil.copytree(SAMPLE_INPUT, inputs, dirs_exist_ok=True)
    doc = {
        "doc_id": "evil", "title": HOSTILE, "published": "2026-01-05", "url": EVIL_URL,
        "text": 'OSLO, Jan. 5 -- "We will <b>win</b> & prosper," said Mayor Jane Olsen on Monday.',
    }
    (inputs / "hostile.jsonl").write_text(json.dumps(doc) + "\n{not json\n", encoding="utf-8")
    (inputs / "empty.txt").write_text("")
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    root = tmp_path_factory.mktemp("reportroot")
    outcome = build_local([inputs], BuildConfig(root=str(root)))
    assert outcome.status == "published", outcome.report.failed
    return root


@pytest.fixture(scope="module")
def hostile_html(hostile_root: Path) -> str:
    return render_html(collect(root=hostile_root))


def _hostile_data() -> ReportData:
    c = Count(HOSTILE, 3)
    return ReportData(
        dataset="news", version="v0001", created_at=HOSTILE, code_version=HOSTILE,
        row_counts=(Count("articles", 1),), time_unit="day",
        statements_over_time=(Count(HOSTILE, 2), Count("2026-01-02", 0)), undated_statements=1,
        top_speakers=(c,), speakers_total=1, outlets=(c,), rejects_by_reason=(c,),
        top_articles=(ArticleRow(HOSTILE, HOSTILE, HOSTILE, 3),),
        checks=(CheckResult(HOSTILE, HOSTILE, HOSTILE, "critical", False, HOSTILE),),
    )


# ---------------------------------------------------------------------------------------
# The HTML
# ---------------------------------------------------------------------------------------


def test_every_field_is_escaped() -> None:
    html = render_html(_hostile_data())
    assert "<script" not in html and "<b>" not in html and "'x'" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; &quot;quoted&quot;" in html
    # Headline, outlet, speaker, reject reason, time label, validation row, meta: all escaped.
    assert html.count("&lt;script&gt;") >= 9
    assert "FAILED" in html


def test_article_text_from_a_real_build_is_escaped(hostile_html: str) -> None:
    assert "<script" not in hostile_html and "<b>" not in hostile_html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in hostile_html
    # The hostile article's outlet is its URL's host, never the URL itself.
    assert "evil.example" in hostile_html and "?&lt;x&gt;" not in hostile_html


def test_no_network_resources(hostile_html: str) -> None:
    lowered = hostile_html.lower()
    assert "http://" not in lowered and "https://" not in lowered
    for pattern in (r"<script", r"<link", r"<img", r"<iframe", r"<object", r"<embed", r"@import",
                    r"url\(", r"\bsrc\s*=", r"\bhref\s*=", r"//[a-z0-9.-]+\.[a-z]{2,}/"):
        assert not re.search(pattern, lowered), pattern
    # And the browser is told not to fetch anything even if something slipped in.
    assert "content-security-policy" in lowered and "default-src &#x27;none&#x27;" not in lowered
    assert "default-src 'none'" in hostile_html


def test_charts_and_sections_are_present(hostile_root: Path, hostile_html: str) -> None:
    data = collect(root=hostile_root)
    assert hostile_html.count("<svg") == 5  # generic sources have their own chart
    for color in (COLOR_TIME, COLOR_SPEAKERS, COLOR_OUTLETS, COLOR_REJECTS):
        assert f'fill="{color}"' in hostile_html
    for section in ("over-time", "speakers", "outlets", "rejects", "articles", "validation"):
        assert f'<section id="{section}">' in hostile_html
    assert {c.label: c.value for c in data.rejects_by_reason} == {"binary": 1, "empty": 1, "invalid_json": 1}
    assert any(c.label == "evil.example" for c in data.outlets)
    # One validation row per expectation in the version's _validation.json.
    results = json.loads((hostile_root / "news" / "v0001" / "_validation.json").read_text())["results"]
    assert len(data.checks) == len(results) and hostile_html.count("<tr") == len(results) + 1 + len(data.top_articles) + 1


def test_summary_of_the_sample(sample_build) -> None:  # type: ignore[no-untyped-def]
    _, root = sample_build
    data = collect(root=root)
    statements = data.row_counts[2]
    assert statements.label == "statements"
    # Every statement is either on the time axis or counted as undated.
    assert sum(c.value for c in data.statements_over_time) + data.undated_statements == statements.value
    labels = [c.label for c in data.statements_over_time]
    assert labels == sorted(labels) and len(set(labels)) == len(labels)
    assert data.top_speakers[0] == Count("Xi Jinping", 6)
    assert Count("Xinhua", 10) in data.outlets
    assert data.validation_passed and data.rejects_by_reason == ()
    assert "no rejects" in render_html(data)


def test_outlet_and_axis_helpers() -> None:
    assert outlet_of("Xinhua", "https://example.org/x") == "Xinhua"
    assert outlet_of(None, "https://WWW.Example.org/x") == "example.org"
    assert outlet_of(None, None) == outlet_of("  ", "") == "(no agency or URL)"
    assert axis_ticks(10) == (0, 2, 4, 6, 8, 10) and axis_ticks(0) == (0, 1)
    assert all(len(axis_ticks(v)) <= 6 and axis_ticks(v)[-1] >= v for v in range(0, 2000, 7))


def test_report_command(sample_build, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    _, root = sample_build
    out = tmp_path / "sub" / "r.html"
    assert main(["report", "v0001", "-o", str(out), "--root", str(root)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert str(out) in capsys.readouterr().out
    assert main(["report", "v0009", "-o", str(tmp_path / "x.html"), "--root", str(root)]) == 2
    assert not (tmp_path / "x.html").exists()


# ---------------------------------------------------------------------------------------
# The page in a browser
# ---------------------------------------------------------------------------------------


def decode_png(data: bytes) -> tuple[int, int, int, bytes]:
    """(width, height, channels, raw pixel rows) of an 8-bit, non-interlaced RGB or RGBA
    PNG: enough for Chromium's screenshots, stdlib only."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, []
    width = height = channels = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color_type, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0 and color_type in (2, 6)
            channels = 3 if color_type == 2 else 4
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    out = bytearray(height * stride)
    prev = bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        if f == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif f == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev))
        elif f == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif f == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b, c = prev[i], (prev[i - channels] if i >= channels else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        out[y * stride : (y + 1) * stride] = line
        prev = line
    return width, height, channels, bytes(out)


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium not installed (make test installs it)")
def test_report_renders_charts_in_headless_chromium(hostile_root: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    assert main(["report", "-o", str(page), "--root", str(hostile_root)]) == 0
    shot = tmp_path / "shot.png"
    cmd = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--hide-scrollbars", "--force-device-scale-factor=1",
        f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", "--window-size=1200,2000",
        page.resolve().as_uri(),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert shot.exists(), proc.stdout + proc.stderr
    width, height, channels, pixels = decode_png(shot.read_bytes())
    assert (width, height) == (1200, 2000)
    counts: dict[tuple[int, int, int], int] = {}
    non_white = 0
    for i in range(0, len(pixels), channels):
        rgb = (pixels[i], pixels[i + 1], pixels[i + 2])
        if rgb != (255, 255, 255):
            non_white += 1
            counts[rgb] = counts.get(rgb, 0) + 1
    total = width * height
    # Text, tables and four charts: far from blank, far from a solid fill.
    assert 0.03 < non_white / total < 0.6, non_white / total
    for color in (COLOR_TIME, COLOR_SPEAKERS, COLOR_OUTLETS, COLOR_REJECTS):
        r, g, b = _rgb(color)
        drawn = sum(n for (x, y, z), n in counts.items() if abs(x - r) <= 8 and abs(y - g) <= 8 and abs(z - b) <= 8)
        # Each chart has at least one bar of several hundred pixels.
        assert drawn > 400, (color, drawn)


def test_speakers_are_counted_by_id_and_generic_sources_apart() -> None:
    # Two different "Kim"s stay two rows; "the ministry" of two stories and "report" are
    # generic: grouped by description with their number of sources, never a top speaker.
    speakers = pd.DataFrame(
        {
            "speaker_id": ["p1", "p2", "p3", "p4", "p5", "p6"],
            "name": ["Kim", "Kim", "ministry", "ministry", "report", "Kofi Annan"],
            "kind": ["person", "organization", "organization", "organization", "document", "person"],
        }
    )
    statements = pd.DataFrame(
        {"speaker_ids": [["p1"], ["p1"], ["p2"], ["p3"], ["p4"], ["p4"], ["p5"], ["p6"], ["p6"], ["p6"], []]}
    )
    named, generic = _speaker_counts(statements, speakers)
    assert named == {
        "Kofi Annan": 3,
        "Kim (person, p1)": 2,
        "Kim (organization, p2)": 1,
        UNATTRIBUTED: 1,
    }
    assert generic == {"ministry (2 sources)": 3, "report (1 sources)": 1}


def test_a_state_is_no_generic_source() -> None:
    assert not is_generic_speaker("United States") and not is_generic_speaker("China")
    assert is_generic_speaker("Chinese foreign ministry spokesman") and is_generic_speaker("officials")
