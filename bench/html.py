"""Score pages-as-input on ../shared/bench/html (47 pages, 35 publishers) and time it.

    python bench/html.py [--pages ../shared/bench/html] [--errors] [--no-speed]

Reads the pages the way a build does (``sources.discover``/``read_units`` then
``ingest``) and prints, against ``gold.jsonl``:

* accounted: pages that became an article or a reject with a reason (all of them);
* headline: the article's headline equals the expected title (whitespace collapsed);
* authors: the article's authors are the expected ones, in order (case-folded);
* published_at: within a minute of the expected time, over pages whose expected time has
  a UTC offset;
* body recall: share of the expected body's words the text holds (bag of words, per page,
  averaged); text precision: share of the text's words found in the title and body.

Speed: pages/s reading the folder and the same pages as a WARC archive (read + ingest,
one process), beside trafilatura's main-text extraction alone; the share of a page's
reading time each step takes; and whole builds of a WARC on 1 and 2 workers, beside the
machine's own 2-process scaling at that moment (other work on a shared machine caps it). Words are ``\\w`` runs, case-folded; a CJK character is a word by itself.
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
    from quotewire.ingest.decode import ingest
    from quotewire.records import Reject
    from quotewire.ingest.sources import discover, read_units

    out: dict[str, object] = {}
    for unit in read_units(discover([folder / "pages"])):
        out[unit.source] = unit if isinstance(unit, Reject) else ingest(unit)
    return out


def score(gold: list[dict], results: dict[str, object]) -> dict[str, object]:
    """The figures above; ``misses`` lists (doc_id, what, expected, got) for --errors."""
    from quotewire.records import Reject

    accounted = headline = dated = dated_ok = authors = 0
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
        same_authors = [_norm(a).casefold() for a in got.header.authors] == [_norm(a).casefold() for a in g["authors"]]
        authors += same_authors
        if not same_authors:
            misses.append((g["doc_id"], "authors", g["authors"], list(got.header.authors)))
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
        "authors": authors / n,
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


def stage_seconds(files: list[Path]) -> dict[str, float]:
    """Seconds per step of reading a page, summed over the pages (``pages.read_page``'s steps)."""
    from quotewire.ingest import pages as page_reader

    spent = Counter[str]()

    def timed(name: str, fn, *args):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        out = fn(*args)
        spent[name] += time.perf_counter() - t
        return out

    for path in files:
        data = timed("read file", path.read_bytes)
        text, _ = timed("decode", page_reader.decode_page, data, None, "cp1252")
        tree = timed("parse (lxml)", page_reader.load_tree, text)
        meta = timed("metadata (JSON-LD, meta)", page_reader.page_metadata, tree)
        body = timed("main text (trafilatura)", page_reader.main_text, tree)
        meta = timed("heuristics (htmldate)", page_reader._complete, meta, tree)
        composed, start = page_reader.compose_text(meta.title, body)
        timed("header (dateline)", page_reader.page_header, composed, start, meta)
    return dict(spent)


def _spin(_: int) -> float:
    t = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - t


def machine_scaling() -> float:
    """How much two processes of plain Python arithmetic get done together against one,
    now: a shared machine's ceiling for any 2-worker figure measured beside it."""
    import multiprocessing

    one = _spin(0)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        t = time.perf_counter()
        pool.map(_spin, [0, 1])
        two = time.perf_counter() - t
    return 2 * one / two


def scale(folder: Path, copies: int = 3) -> dict[int, tuple[float, float]]:
    """(pages/s of the extract step, of the whole build) for builds (statements included,
    no cache) of a WARC holding the dev pages ``copies`` times, on 1 and 2 worker processes."""
    from quotewire.dataset.build import BuildConfig, build_local

    files = sorted((folder / "pages").glob("*.html")) * copies
    out: dict[int, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="quotewire-html-scale-") as tmp:
        warc = Path(tmp) / "pages.warc.gz"
        write_warc(files, warc)
        for workers in (1, 2):
            config = BuildConfig(root=str(Path(tmp) / f"w{workers}"), batch_size=max(1, len(files) // 8), use_cache=False)
            t = time.perf_counter()
            outcome = build_local([warc], config, workers=workers)
            wall = time.perf_counter() - t
            out[workers] = (len(files) / outcome.seconds_by_step["extract"], len(files) / wall)
    return out


def speed(folder: Path) -> dict[str, float]:
    """pages/s for folder and WARC input (read + ingest, one process), and extraction alone."""
    from quotewire.ingest.decode import ingest
    from quotewire.ingest.sources import discover, read_units

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
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--errors", action="store_true", help="list every miss")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--no-scale", action="store_true", help="skip the 1- and 2-worker builds")
    args = parser.parse_args(argv)
    if not (args.pages / "gold.jsonl").exists():
        print(f"{args.pages} not found: nothing to score")
        return 0
    gold = read_gold(args.pages)
    fig = score(gold, ingest_folder(args.pages))
    print(f"pages {fig['pages']}  accounted {fig['accounted']:.3f}  headline {fig['headline']:.3f}  authors {fig['authors']:.3f}  "
          f"published_at {fig['published_at']:.3f} (of {fig['published_pages']} with an offset)  "
          f"body recall {fig['body_recall']:.3f}  text precision {fig['text_precision']:.3f}")
    if args.errors:
        for doc_id, what, expected, got in fig["misses"]:
            print(f"  {doc_id:32} {what:13} expected {expected!r}\n  {'':32} {'':13} got      {got!r}")
    if not args.no_speed:
        s = speed(args.pages)
        spent = stage_seconds(sorted((args.pages / "pages").glob("*.html")))
        total, extract = sum(spent.values()), spent["main text (trafilatura)"]
        print(f"speed ({s['pages']:.0f} pages, one process, read + ingest): folder {s['folder_pages_per_s']:.1f} pages/s, "
              f"WARC {s['warc_pages_per_s']:.1f} pages/s; trafilatura's main text alone {s['pages'] / extract:.1f} pages/s")
        print("where ingest time goes: " + ", ".join(f"{k} {v / total:.0%}" for k, v in sorted(spent.items(), key=lambda kv: -kv[1])))
    if not args.no_speed and not args.no_scale:
        ceiling = machine_scaling()
        built = scale(args.pages)
        (one, one_wall), (two, two_wall) = built[1], built[2]
        print(f"builds of a WARC of {3 * fig['pages']} pages (statements included, no cache): extract step "
              f"1 worker {one:.1f} pages/s, 2 workers {two:.1f} pages/s ({two / one:.2f}x); "
              f"whole build {one_wall:.1f} and {two_wall:.1f} pages/s ({two_wall / one_wall:.2f}x); "
              f"plain 2-process CPU scaling of this machine just before: {ceiling:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
