"""One self-contained HTML page about a published version, for analysts.

The page needs nothing but itself: charts are inline SVG drawn here, styles are inline,
there is no script, and a Content-Security-Policy forbids the browser to fetch anything,
so it can be mailed, archived, or opened offline. Every string that came from an article
(headlines, speaker names, outlets, reject reasons, observed values) is HTML-escaped.

``summarize`` (frames → ``ReportData``) and ``render_html`` (``ReportData`` → str) are pure;
``collect`` only adds reading a version folder.
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from quotewire.dataset import store
from quotewire.dataset.checks import CheckResult
from quotewire.extract.speakers import fold_name
from quotewire.dataset.schemas import TABLE_NAMES
from quotewire.dataset.tables import is_generic_speaker

TOP_N = 15
NO_OUTLET = "(no agency or URL)"
UNATTRIBUTED = "(no speaker)"

# Chart colours; the browser test looks for them in a screenshot.
COLOR_TIME = "#e07b00"
COLOR_SPEAKERS = "#1f5fa8"
COLOR_OUTLETS = "#23945a"
COLOR_REJECTS = "#c8283c"


@dataclass(frozen=True)
class Count:
    label: str
    value: int


@dataclass(frozen=True)
class ArticleRow:
    headline: str
    outlet: str
    published: str
    statements: int


@dataclass(frozen=True)
class ReportData:
    """Everything the page shows, already aggregated. ``time_unit`` is day, month or year;
    ``statements_over_time`` has one entry per unit from the first to the last dated
    statement (zeros included, so gaps are visible)."""

    dataset: str
    version: str
    created_at: str
    code_version: str
    row_counts: tuple[Count, ...]
    time_unit: str
    statements_over_time: tuple[Count, ...]
    undated_statements: int
    top_speakers: tuple[Count, ...]
    speakers_total: int
    outlets: tuple[Count, ...]
    rejects_by_reason: tuple[Count, ...]
    top_articles: tuple[ArticleRow, ...]
    checks: tuple[CheckResult, ...]
    # Descriptions ("the ministry", "officials", "the report"): one row per description,
    # labelled with how many distinct article-level sources it covers.
    generic_speakers: tuple[Count, ...] = ()

    @property
    def validation_passed(self) -> bool:
        return all(c.success for c in self.checks if c.severity == "critical")


# ---------------------------------------------------------------------------------------
# Aggregation
# ---------------------------------------------------------------------------------------


def outlet_of(agency: object, url: object) -> str:
    """The article's agency when the byline names one, else its URL's host (without
    ``www.``), else ``NO_OUTLET``."""
    if isinstance(agency, str) and agency.strip():
        return agency.strip()
    if isinstance(url, str) and url.strip():
        host = (urlsplit(url.strip()).hostname or "").lower()
        if host:
            return host.removeprefix("www.")
    return NO_OUTLET


def _time_unit(first: date, last: date) -> str:
    span = (last - first).days
    if span <= 62:
        return "day"
    if span <= 6 * 366:
        return "month"
    return "year"


def _buckets(dates: Sequence[date], unit: str) -> tuple[Count, ...]:
    def key(d: date) -> tuple[int, ...]:
        return {"day": (d.year, d.month, d.day), "month": (d.year, d.month), "year": (d.year,)}[unit]

    counts = Counter(key(d) for d in dates)
    first, last = min(dates), max(dates)
    out = []
    if unit == "day":
        for ordinal in range(first.toordinal(), last.toordinal() + 1):
            d = date.fromordinal(ordinal)
            out.append(Count(d.isoformat(), counts.get(key(d), 0)))
    elif unit == "month":
        y, m = first.year, first.month
        while (y, m) <= (last.year, last.month):
            out.append(Count(f"{y:04d}-{m:02d}", counts.get((y, m), 0)))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    else:
        for y in range(first.year, last.year + 1):
            out.append(Count(f"{y:04d}", counts.get((y,), 0)))
    return tuple(out)


def _counts(counter: Mapping[str, int], top: int | None = None) -> tuple[Count, ...]:
    # Largest first, ties by label, so the page is the same for the same data.
    ordered = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(Count(k, int(v)) for k, v in ordered[:top])


def _statement_dates(statements: pd.DataFrame, articles: pd.DataFrame) -> list[date | None]:
    published = dict(zip(articles["article_id"], articles["published_at"], strict=True))
    out: list[date | None] = []
    for sdate, article_id in zip(statements["statement_date"], statements["article_id"], strict=True):
        if sdate is not None and not pd.isna(sdate):
            out.append(sdate if isinstance(sdate, date) else pd.Timestamp(sdate).date())
            continue
        pub = published.get(article_id)
        out.append(None if pub is None or pd.isna(pub) else pd.Timestamp(pub).date())
    return out


def summarize(
    frames: Mapping[str, pd.DataFrame],
    manifest: Mapping[str, object],
    validation: Mapping[str, object],
    top: int = TOP_N,
) -> ReportData:
    """Aggregate one version's tables (as read by ``validate.read_frames``), its manifest
    and its ``_validation.json`` into what the page shows. Does not modify the frames.

    Statements are dated by ``statement_date``, else their article's ``published_at``;
    a statement with several speakers counts once for each. Refuses (KeyError) frames
    missing a table."""
    arts, st, sp, rj = (frames[t] for t in ("articles", "statements", "speakers", "rejects"))

    dates = _statement_dates(st, arts)
    dated = [d for d in dates if d is not None]
    unit = _time_unit(min(dated), max(dated)) if dated else "day"
    over_time = _buckets(dated, unit) if dated else ()

    speaker_counts, generic_counts = _speaker_counts(st, sp)

    outlet_by_article = {
        a: outlet_of(agency, url)
        for a, agency, url in zip(arts["article_id"], arts["agency"], arts["url"], strict=True)
    }
    outlets = Counter(outlet_by_article.get(a, NO_OUTLET) for a in st["article_id"])

    per_article = Counter(st["article_id"])
    ranked = sorted(arts.itertuples(index=False), key=lambda r: (-per_article.get(r.article_id, 0), str(r.headline)))
    top_articles = tuple(
        ArticleRow(
            headline=r.headline if isinstance(r.headline, str) else "(no headline)",
            outlet=outlet_by_article[r.article_id],
            published="" if r.published_at is None or pd.isna(r.published_at) else pd.Timestamp(r.published_at).strftime("%Y-%m-%d %H:%M UTC"),
            statements=per_article.get(r.article_id, 0),
        )
        for r in ranked[:10]
    )

    results = validation.get("results") or []
    checks = tuple(
        CheckResult(
            table=str(r.get("table", "")), expectation=str(r.get("expectation", "")),
            column=str(r.get("column", "")), severity=str(r.get("severity", "")),
            success=bool(r.get("success")), observed=str(r.get("observed", "")),
        )
        for r in results  # type: ignore[union-attr]
    )
    return ReportData(
        dataset=str(manifest.get("dataset", "")),
        version=str(manifest.get("version", "")),
        created_at=str(manifest.get("created_at", "")),
        code_version=str(manifest.get("code_version", "")),
        row_counts=tuple(Count(t, len(frames[t])) for t in TABLE_NAMES if t in frames),
        time_unit=unit,
        statements_over_time=over_time,
        undated_statements=len(dates) - len(dated),
        top_speakers=_counts(speaker_counts, top),
        speakers_total=len(speaker_counts),
        outlets=_counts(outlets, top),
        rejects_by_reason=_counts(Counter(rj["reason"])),
        top_articles=top_articles,
        checks=checks,
        generic_speakers=_counts(generic_counts, top),
    )


def _speaker_counts(statements: pd.DataFrame, speakers: pd.DataFrame) -> tuple[Counter[str], Counter[str]]:
    """(named, generic) statement counts. Named speakers are counted by ``speaker_id``, so
    two sources that share a name string stay apart (their labels get the kind, then the
    id); generic descriptions (``tables.is_generic_speaker``: "the ministry", "officials")
    are grouped by their folded description and labelled with how many sources that is."""
    names = dict(zip(speakers["speaker_id"], speakers["name"], strict=True))
    kinds = dict(zip(speakers["speaker_id"], speakers["kind"], strict=True))
    by_id: Counter[str] = Counter()
    unattributed = 0
    for ids in statements["speaker_ids"]:
        if len(ids) == 0:
            unattributed += 1
        by_id.update(ids)
    named: Counter[str] = Counter()
    generic: Counter[str] = Counter()
    sources: dict[str, set[str]] = {}
    labels = _speaker_labels({i: str(names.get(i, i)) for i in by_id if not is_generic_speaker(str(names.get(i, i)))}, kinds)
    for i, n in by_id.items():
        name = str(names.get(i, i))
        if i in labels:
            named[labels[i]] += n
        else:
            key = fold_name(name)
            generic[key] += n
            sources.setdefault(key, set()).add(i)
    if unattributed:
        named[UNATTRIBUTED] = unattributed
    return named, Counter({f"{k} ({len(sources[k])} sources)": v for k, v in generic.items()})


def _speaker_labels(names: Mapping[str, str], kinds: Mapping[str, object]) -> dict[str, str]:
    """A label per speaker id: its name, with its kind (then its id) added when another
    counted id has the same name."""
    by_name: dict[str, list[str]] = {}
    for i, name in names.items():
        by_name.setdefault(name, []).append(i)
    labels = {}
    for name, ids in by_name.items():
        for i in ids:
            if len(ids) == 1:
                labels[i] = name
            else:
                labels[i] = f"{name} ({kinds.get(i, '')}, {i})"
    return labels


def collect(
    version: str | None = None,
    dataset: str = store.DEFAULT_DATASET,
    root: str | os.PathLike[str] = store.DEFAULT_ROOT,
    top: int = TOP_N,
) -> ReportData:
    """``summarize`` a published version (LATEST when ``version`` is None). Raises
    StoreError when there is no such version."""
    from quotewire.dataset.validate import read_frames

    path = store.version_dir(version, dataset, root)
    validation_file = path / store.VALIDATION
    validation = json.loads(validation_file.read_text(encoding="utf-8")) if validation_file.is_file() else {}
    manifest = {"version": path.name, **store.read_manifest(path)}
    return summarize(read_frames(path), manifest, validation, top)


# ---------------------------------------------------------------------------------------
# SVG charts
# ---------------------------------------------------------------------------------------


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _clip(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: chars - 1] + "…"


def axis_ticks(value: int) -> tuple[int, ...]:
    """Integer y-axis ticks from 0 to at least ``value``: at most six, evenly spaced by
    1, 2 or 5 × 10^k (counts are whole numbers, so no 2.5 ticks)."""
    value = max(value, 1)
    exp = 1
    while True:
        for step in (exp, 2 * exp, 5 * exp):
            n = math.ceil(value / step)
            if n <= 5:
                return tuple(step * k for k in range(n + 1))
        exp *= 10


def hbar_svg(counts: Sequence[Count], color: str, title: str, width: int = 960, empty: str = "none") -> str:
    """Horizontal bars, one per count, labels on the left (full label in a tooltip)."""
    if not counts:
        return f'<p class="empty">{_e(empty)}</p>'
    row, label_w, pad = 26, 300, 60
    height = row * len(counts) + 8
    top = max(c.value for c in counts) or 1
    scale = (width - label_w - pad) / top
    parts = [f'<svg class="chart" role="img" aria-label="{_e(title)}" width="{width}" height="{height}" viewBox="0 0 {width} {height}">']
    for i, c in enumerate(counts):
        y = 4 + i * row
        w = max(c.value * scale, 1 if c.value else 0)
        parts.append(
            f'<g><title>{_e(c.label)}: {c.value}</title>'
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" class="lbl">{_e(_clip(c.label, 42))}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 7}" fill="{color}" rx="2"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 17}" class="val">{c.value}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def vbar_svg(counts: Sequence[Count], color: str, title: str, width: int = 960, height: int = 280) -> str:
    """Vertical bars over time with a y axis; at most ~24 x labels are written."""
    if not counts:
        return '<p class="empty">no dated statements</p>'
    left, right, top_pad, bottom = 48, 12, 12, 70
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    ticks = axis_ticks(max(c.value for c in counts))
    axis_top = ticks[-1]
    slot = plot_w / len(counts)
    bar_w = max(slot * 0.8, 1.0)
    every = max(1, math.ceil(len(counts) / 24))
    parts = [f'<svg class="chart" role="img" aria-label="{_e(title)}" width="{width}" height="{height}" viewBox="0 0 {width} {height}">']
    for v in ticks:
        y = top_pad + plot_h - plot_h * v / axis_top
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="val">{v}</text>')
    for i, c in enumerate(counts):
        h = plot_h * c.value / axis_top
        x = left + i * slot + (slot - bar_w) / 2
        parts.append(
            f'<g><title>{_e(c.label)}: {c.value}</title>'
            f'<rect x="{x:.1f}" y="{top_pad + plot_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{color}"/></g>'
        )
        if i % every == 0:
            cx, cy = left + i * slot + slot / 2, top_pad + plot_h + 12
            parts.append(f'<text x="{cx:.1f}" y="{cy:.1f}" transform="rotate(40 {cx:.1f} {cy:.1f})" class="lbl">{_e(c.label)}</text>')
    parts.append(f'<line x1="{left}" x2="{width - right}" y1="{top_pad + plot_h}" y2="{top_pad + plot_h}" class="axis"/></svg>')
    return "".join(parts)


# ---------------------------------------------------------------------------------------
# Page
# ---------------------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:24px auto;max-width:1000px;color:#1d2430;background:#fff}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #dde2ea;padding-bottom:4px}
.meta{color:#5b6575;font-size:13px}.cards{display:flex;flex-wrap:wrap;gap:10px;margin:16px 0}
.card{border:1px solid #dde2ea;border-radius:6px;padding:8px 14px;min-width:110px}.card strong{display:block;font-size:22px}
.card span{color:#5b6575;font-size:12px}.note{color:#5b6575;font-size:13px;margin:4px 0}
.chart .lbl{font-size:12px;fill:#1d2430}.chart .val{font-size:11px;fill:#5b6575}
.chart .grid{stroke:#e6e9ef;stroke-width:1}.chart .axis{stroke:#8a94a6;stroke-width:1}
table{border-collapse:collapse;width:100%;font-size:12px}th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #eceff4;vertical-align:top}
th{background:#f4f6f9}td.num{text-align:right}tr.fail td{background:#fdecee}.pass{color:#23945a}.FAIL{color:#c8283c;font-weight:bold}
.badge{display:inline-block;padding:2px 8px;border-radius:10px;color:#fff;font-size:13px}.ok{background:#23945a}.bad{background:#c8283c}
.empty{color:#5b6575;font-style:italic}
"""

# No script, no external fetch of any kind; inline styles and inline SVG only.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], row_classes: Sequence[str] = (), numeric: frozenset[int] = frozenset()) -> str:
    """An HTML table; every cell is escaped here, so callers pass raw strings."""
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = []
    for i, r in enumerate(rows):
        cls = f' class="{_e(row_classes[i])}"' if i < len(row_classes) and row_classes[i] else ""
        cells = "".join(f'<td class="num">{_e(c)}</td>' if j in numeric else f"<td>{_e(c)}</td>" for j, c in enumerate(r))
        body.append(f"<tr{cls}>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _validation_section(data: ReportData) -> str:
    if not data.checks:
        return '<p class="empty">no _validation.json in this version</p>'
    crit = [c for c in data.checks if c.severity == "critical"]
    warn = [c for c in data.checks if c.severity != "critical"]
    badge = '<span class="badge ok">passed</span>' if data.validation_passed else '<span class="badge bad">FAILED</span>'
    summary = (
        f"<p>{badge} critical {sum(c.success for c in crit)} passed, {sum(not c.success for c in crit)} failed; "
        f"warnings {sum(c.success for c in warn)} passed, {sum(not c.success for c in warn)} failed</p>"
    )
    # Failures first: they are what a reader opens this section for.
    ordered = sorted(data.checks, key=lambda c: c.success)
    rows = [(c.table, c.expectation, c.column, c.severity, "pass" if c.success else "FAIL", c.observed) for c in ordered]
    classes = ["" if c.success else "fail" for c in ordered]
    return summary + _table(("table", "expectation", "column", "severity", "result", "observed"), rows, classes)


def render_html(data: ReportData) -> str:
    """The page. Pure; every value from ``data`` is escaped."""
    cards = "".join(f'<div class="card"><strong>{c.value}</strong><span>{_e(c.label)}</span></div>' for c in data.row_counts)
    undated = (
        f'<p class="note">{data.undated_statements} statement(s) without any date are not shown.</p>'
        if data.undated_statements else ""
    )
    more_speakers = (
        f'<p class="note">Top {len(data.top_speakers)} of {data.speakers_total}.</p>'
        if data.speakers_total > len(data.top_speakers) else ""
    )
    articles = _table(
        ("headline", "outlet", "published", "statements"),
        [(a.headline, a.outlet, a.published, str(a.statements)) for a in data.top_articles],
        numeric=frozenset({3}),
    )
    title = f"quotewire {data.dataset} {data.version}"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<h1>{_e(title)}</h1>
<p class="meta">published {_e(data.created_at)} &middot; code {_e(data.code_version)}</p>
<div class="cards">{cards}</div>

<section id="over-time"><h2>Statements over time (per {_e(data.time_unit)})</h2>
<p class="note">Dated by the statement's own date, else the article's publication date.</p>
{vbar_svg(data.statements_over_time, COLOR_TIME, "statements over time")}
{undated}</section>

<section id="speakers"><h2>Top speakers</h2>
<p class="note">Statements per named speaker (by speaker id); a joint statement counts for each of its speakers.</p>
{hbar_svg(data.top_speakers, COLOR_SPEAKERS, "top speakers")}
{more_speakers}
<h3>Generic sources</h3>
<p class="note">Unnamed sources ("the ministry", "officials", "the report"), grouped by description; each is a different source in each article.</p>
{hbar_svg(data.generic_speakers, COLOR_SPEAKERS, "generic sources")}</section>

<section id="outlets"><h2>Statements per outlet</h2>
<p class="note">The article's agency, else its URL's host.</p>
{hbar_svg(data.outlets, COLOR_OUTLETS, "statements per outlet")}</section>

<section id="rejects"><h2>Rejects by reason</h2>
{hbar_svg(data.rejects_by_reason, COLOR_REJECTS, "rejects by reason", empty="no rejects: every input was used")}</section>

<section id="articles"><h2>Articles with the most statements</h2>
{articles}</section>

<section id="validation"><h2>Validation</h2>
{_validation_section(data)}</section>
</body>
</html>
"""


def write_report(data: ReportData, output: str | os.PathLike[str]) -> Path:
    """Write the page (UTF-8) and return its path. Creates the parent folder."""
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(data), encoding="utf-8")
    return path
