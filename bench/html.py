"""Score pages-as-input on ../shared/bench/html (47 pages, 35 publishers) and time it.

    python bench/html.py [--pages ../shared/bench/html] [--errors] [--no-speed]

Reads the pages the way a build does (``sources.discover``/``read_units`` then
``ingest``) and prints, against ``gold.jsonl``:

* accounted: pages that became an article or a reject with a reason (all of them);
* headline: the article's headline equals the expected title (whitespace collapsed);
* published_at: within a minute of the expected time, over pages whose expected time has
  a UTC offset;
* body recall: share of the expected body's words the text holds (bag of words, per page,
  averaged); text precision: share of the text's words found in the title and body.

Speed: pages/s reading the folder and the same pages as a WARC archive (read + ingest,
one process), beside trafilatura's main-text extraction alone, and the share of ingest
time it takes. Words are ``\\w`` runs, case-folded; a CJK character is a word by itself.
Reads ../shared in place; exits quietly when it is absent.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder leads sys.path and "html.py" would shadow the
# standard library's html module (which trafilatura imports).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from datetime import datetime, timezone  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PAGES = ROOT.parent / "shared" / "bench" / "html"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def words(text: str) -> Counter[str]:
    out: Counter[str] = Counter()
    for token in re.findall(r"\w+", text.casefold()):
        if _CJK.search(token):
            out.update(token)  # CJK runs have no spaces: count characters
        else:
            out[token] += 1
    return out


def _overlap(part: Counter[str], whole: Counter[str]) -> float:
    total = sum(part.values())
    return sum(min(n, whole[w]) for w, n in part.items()) / total if total else 1.0


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def read_gold(folder: Path) -> list[dict]:
    with (folder / "gold.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def ingest_folder(folder: Path) -> dict[str, object]:
    """source -> IngestedDocument or Reject, through the build's read path."""
    from quotewire.ingest import ingest
    from quotewire.records import Reject
    from quotewire.sources import discover, read_units

    out: dict[str, object] = {}
    for unit in read_units(discover([folder / "pages"])):
        out[unit.source] = unit if isinstance(unit, Reject) else ingest(unit)
    return out


def score(gold: list[dict], results: dict[str, object]) -> dict[str, object]:
    """The figures above; ``misses`` lists (doc_id, what, expected, got) for --errors."""
    from quotewire.records import Reject

    accounted = headline = dated = dated_ok = 0
    recalls, precisions, misses = [], [], []
    for g in gold:
        got = results.get(Path(g["file"]).name)
        if isinstance(got, Reject):
            accounted += int(bool(got.reason and got.detail))
            misses.append((g["doc_id"], "rejected", "", f"{got.reason.value}: {got.detail}"))
            recalls.append(0.0)
            continue
        if got is None:
            misses.append((g["doc_id"], "missing", "", ""))
            continue
        accounted += 1
        ok = _norm(got.header.headline) == _norm(g["title"])
        headline += ok
        if not ok:
            misses.append((g["doc_id"], "headline", g["title"], got.header.headline))
        expected = datetime.fromisoformat(g["published_at"]) if g.get("published_at") else None
        if expected is not None and expected.tzinfo is not None:
            dated += 1
            mine = got.header.published_at
            good = mine is not None and abs((mine - expected.astimezone(timezone.utc)).total_seconds()) <= 60
            dated_ok += good
            if not good:
                misses.append((g["doc_id"], "published_at", g["published_at"], f"{mine} ({got.header.date_source.value})"))
        body, text = words(" ".join(g["body"])), words(got.text)
        recalls.append(_overlap(body, text))
        precisions.append(_overlap(text, body + words(g["title"])))
    n = len(gold)
    return {
        "pages": n,
        "accounted": accounted / n,
        "headline": headline / n,
        "published_at": dated_ok / dated if dated else 1.0,
        "published_pages": dated,
        "body_recall": sum(recalls) / len(recalls) if recalls else 0.0,
        "text_precision": sum(precisions) / len(precisions) if precisions else 0.0,
        "misses": misses,
    }


def write_warc(pages: list[Path], path: Path) -> None:
    """The pages as HTTP response records of one gzipped WARC (warcio's writer)."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for page in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            uri = f"https://example.org/{page.stem}"
            writer.write_record(writer.create_warc_record(uri, "response", payload=BytesIO(page.read_bytes()), http_headers=http))


def speed(folder: Path) -> dict[str, float]:
    """pages/s for folder and WARC input (read + ingest, one process), and extraction alone."""
    from quotewire import pages as page_reader
    from quotewire.ingest import ingest
    from quotewire.sources import discover, read_units

    files = sorted((folder / "pages").glob("*.html"))
    ingest_folder(folder)  # warm-up: imports, lexicons
    out: dict[str, float] = {"pages": len(files)}
    t = time.perf_counter()
    ingest_folder(folder)
    out["folder_pages_per_s"] = len(files) / (time.perf_counter() - t)
    with tempfile.TemporaryDirectory(prefix="quotewire-html-") as tmp:
        warc = Path(tmp) / "pages.warc.gz"
        write_warc(files, warc)
        t = time.perf_counter()
        n = sum(1 for unit in read_units(discover([warc])) for _ in [ingest(unit) if not hasattr(unit, "reason") else unit])
        out["warc_pages_per_s"] = n / (time.perf_counter() - t)
    trees = [page_reader.load_tree(page_reader.decode_page(p.read_bytes(), None, "cp1252")[0]) for p in files]
    t = time.perf_counter()
    for tree in trees:
        page_reader.main_text(tree)
    out["extract_pages_per_s"] = len(files) / (time.perf_counter() - t)
    out["extract_share"] = out["folder_pages_per_s"] / out["extract_pages_per_s"]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--errors", action="store_true", help="list every miss")
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args(argv)
    if not (args.pages / "gold.jsonl").exists():
        print(f"{args.pages} not found: nothing to score")
        return 0
    gold = read_gold(args.pages)
    fig = score(gold, ingest_folder(args.pages))
    print(f"pages {fig['pages']}  accounted {fig['accounted']:.3f}  headline {fig['headline']:.3f}  "
          f"published_at {fig['published_at']:.3f} (of {fig['published_pages']} with an offset)  "
          f"body recall {fig['body_recall']:.3f}  text precision {fig['text_precision']:.3f}")
    if args.errors:
        for doc_id, what, expected, got in fig["misses"]:
            print(f"  {doc_id:32} {what:13} expected {expected!r}\n  {'':32} {'':13} got      {got!r}")
    if not args.no_speed:
        s = speed(args.pages)
        print(f"speed ({s['pages']:.0f} pages, one process): folder {s['folder_pages_per_s']:.1f} pages/s, "
              f"WARC {s['warc_pages_per_s']:.1f} pages/s, trafilatura main text alone {s['extract_pages_per_s']:.1f} pages/s "
              f"({s['extract_share']:.0%} of ingest time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
