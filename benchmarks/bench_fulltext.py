"""Choose the full-text engine: tantivy against SQLite FTS5 on the shared corpus (issue 9).

Both index the same documents: every article's title and cleaned body (``extract(...)['body']``)
keyed by its position. Reported per engine: build time, size on disk, and per query the time to
count the hits, to fetch every hit's position (what Warta combines with its metadata bitsets),
and to fetch the top 50 by BM25. Medians of 5 runs, after one warm-up run.

    .venv/bin/python benchmarks/bench_fulltext.py [--copies K]

``--copies K`` indexes the corpus K times over (positions differ, text repeats) to see how the
figures grow. The cleaned bodies are cached in /tmp/warta-bench/fulltext-docs.jsonl.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import orjson

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
CORPUS = Path("/work/shared/corpus/indonesian-news.jsonl.gz")
ROOT = Path("/tmp/warta-bench")
CACHE = ROOT / "fulltext-docs.jsonl"

# (label, tantivy query builder input, FTS5 MATCH expression)
QUERIES = [
    ("berita hoaks (phrase)", '"berita hoaks"', '"berita hoaks"'),
    ("hoaks OR hoax", "hoaks OR hoax", "hoaks OR hoax"),
    ('"pemilu 2019" AND -jokowi', '"pemilu 2019" AND -jokowi', '"pemilu 2019" NOT jokowi'),
    ("polisi (frequent word)", "polisi", "polisi"),
    ("kapolres", "kapolres", "kapolres"),
    ("terprovokasi (rare)", "terprovokasi", "terprovokasi"),
    ("pol* (prefix)", "pol*", "pol*"),
    ("di (stop-word-like)", "di", "di"),
]


def _clean(line: bytes) -> tuple[str, str]:
    from warta.store.extract import extract

    obj = orjson.loads(line)
    ex = extract(obj.get("body") or "", title=obj.get("title"), source=obj.get("source"))
    return ex["title"] or "", ex["body"]


def documents() -> list[tuple[str, str]]:
    """(title, cleaned body) of every corpus article, extracted once and cached."""
    if CACHE.exists():
        return [tuple(orjson.loads(x)) for x in CACHE.read_bytes().splitlines()]  # type: ignore[misc]
    with gzip.open(CORPUS, "rb") as fh:
        lines = [x for x in fh if x.strip()]
    t = time.perf_counter()
    with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
        docs = list(pool.map(_clean, lines, chunksize=200))
    print(f"extracted {len(docs):,} articles in {time.perf_counter() - t:.0f} s", flush=True)
    ROOT.mkdir(parents=True, exist_ok=True)
    CACHE.write_bytes(b"\n".join(orjson.dumps(list(d)) for d in docs))
    return docs


def repeated(docs: list[tuple[str, str]], copies: int) -> Iterator[tuple[int, str, str]]:
    pos = 0
    for _ in range(copies):
        for title, body in docs:
            yield pos, title, body
            pos += 1


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def timed(fn: Callable[[], object], runs: int = 5) -> tuple[float, object]:
    fn()
    times = []
    out = None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000, out


# ------------------------------------------------------------------------------ tantivy


def build_tantivy(docs: list[tuple[str, str]], copies: int, path: Path) -> dict:
    import tantivy

    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    sb = tantivy.SchemaBuilder()
    sb.add_unsigned_field("pos", stored=False, indexed=True, fast=True)
    sb.add_text_field("title", stored=False, tokenizer_name="warta")
    sb.add_text_field("body", stored=False, tokenizer_name="warta")
    schema = sb.build()
    index = tantivy.Index(schema, path=str(path))
    analyzer = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )
    index.register_tokenizer("warta", analyzer)
    t = time.perf_counter()
    writer = index.writer(heap_size=256_000_000, num_threads=2)
    for pos, title, body in repeated(docs, copies):
        doc = tantivy.Document()
        doc.add_unsigned("pos", pos)
        doc.add_text("title", title)
        doc.add_text("body", body)
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    build = time.perf_counter() - t
    index.reload()
    return {"index": index, "build_s": build, "size_mb": du(path) / 1e6}


def tantivy_queries(t: dict, n: int) -> list[dict]:
    index = t["index"]
    searcher = index.searcher()
    out = []
    for label, q, _fts in QUERIES:
        query = index.parse_query(q, ["title", "body"], conjunction_by_default=True)

        def count(query=query) -> int:
            return searcher.search(query, limit=1, count=True).count

        def ids(query=query) -> list[int]:
            hits = searcher.search(query, limit=n, count=False).hits
            return searcher.fast_field_values("pos", [a for _s, a in hits])

        def top(query=query) -> list:
            return searcher.search(query, limit=50, count=False).hits

        c_ms, c = timed(count)
        i_ms, _ = timed(ids)
        t_ms, _ = timed(top)
        out.append({"query": label, "hits": c, "count_ms": c_ms, "ids_ms": i_ms, "top50_ms": t_ms})
    return out


# ------------------------------------------------------------------------------ SQLite FTS5


def build_fts5(docs: list[tuple[str, str]], copies: int, path: Path) -> dict:
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    con.execute(
        "CREATE VIRTUAL TABLE fts USING fts5(title, body, "
        "tokenize='unicode61 remove_diacritics 2', detail=full)"
    )
    t = time.perf_counter()
    with con:
        con.executemany(
            "INSERT INTO fts(rowid, title, body) VALUES (?, ?, ?)",
            ((p + 1, ti, b) for p, ti, b in repeated(docs, copies)),
        )
    con.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    con.commit()
    build = time.perf_counter() - t
    return {"con": con, "build_s": build, "size_mb": path.stat().st_size / 1e6}


def fts5_queries(f: dict) -> list[dict]:
    con = f["con"]
    out = []
    for label, _q, m in QUERIES:

        def count(m=m) -> int:
            return con.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (m,)).fetchone()[0]

        def ids(m=m) -> list:
            return con.execute("SELECT rowid FROM fts WHERE fts MATCH ?", (m,)).fetchall()

        def top(m=m) -> list:
            sql = "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT 50"
            return con.execute(sql, (m,)).fetchall()

        c_ms, c = timed(count)
        i_ms, _ = timed(ids)
        t_ms, _ = timed(top)
        out.append({"query": label, "hits": c, "count_ms": c_ms, "ids_ms": i_ms, "top50_ms": t_ms})
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=1)
    args = ap.parse_args()
    docs = documents()
    n = len(docs) * args.copies
    print(f"{n:,} documents ({args.copies} cop{'y' if args.copies == 1 else 'ies'} of the corpus)")
    t = build_tantivy(docs, args.copies, ROOT / f"ft-tantivy-{args.copies}")
    print(f"tantivy: built in {t['build_s']:.1f} s, {t['size_mb']:.0f} MB on disk", flush=True)
    f = build_fts5(docs, args.copies, ROOT / f"ft-fts5-{args.copies}.sqlite")
    print(f"FTS5:    built in {f['build_s']:.1f} s, {f['size_mb']:.0f} MB on disk", flush=True)
    rows_t = tantivy_queries(t, n)
    rows_f = fts5_queries(f)
    print()
    head = f"{'query':<28}{'hits t/f':>16}{'count ms':>16}{'all ids ms':>16}{'top 50 ms':>16}"
    print(head + "   (tantivy / FTS5)")
    for a, b in zip(rows_t, rows_f, strict=True):
        print(
            f"{a['query']:<28}{a['hits']:>8,}/{b['hits']:<7,}"
            f"{a['count_ms']:>8.2f}/{b['count_ms']:<7.2f}"
            f"{a['ids_ms']:>8.2f}/{b['ids_ms']:<7.2f}"
            f"{a['top50_ms']:>8.2f}/{b['top50_ms']:<7.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
