"""Benchmark ``store.extract.extract`` over the shared corpus on one core.

Reads the gzip JSON Lines corpus, runs ``extract`` on every article's body (with the record's
title, source and date, as the importer does) and prints articles/second and per-article
latency percentiles. The slowest articles are listed so regex blow-ups are easy to find.

    .venv/bin/python benchmarks/bench_extract.py [--limit N] [--corpus PATH] [--slowest K]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from warta.store.extract import EXTRACTOR_VERSION, extract

DEFAULT_CORPUS = Path("/work/shared/corpus/indonesian-news.jsonl.gz")


def load(path: Path, limit: int | None) -> list[dict]:
    """Read up to ``limit`` records (all when None)."""
    records = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if limit is not None and len(records) >= limit:
                break
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return records


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return 0.0
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * (len(sorted_values) - 1))))
    return sorted_values[k]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--slowest", type=int, default=5, help="list the K slowest articles")
    args = ap.parse_args(argv)

    records = load(args.corpus, args.limit)
    if not records:
        print("no records read", file=sys.stderr)
        return 1
    extract("warm up the regex caches", title=None)

    times: list[float] = []
    quotes = people = 0
    start = time.perf_counter()
    cpu_start = time.process_time()
    for rec in records:
        t0 = time.perf_counter()
        out = extract(
            rec.get("body") or "",
            title=rec.get("title") or None,
            source=rec.get("source") or None,
            date=rec.get("date") or None,
        )
        times.append(time.perf_counter() - t0)
        quotes += len(out["quotes"])
        people += len(out["people"])
    total = time.perf_counter() - start
    cpu = time.process_time() - cpu_start

    ordered = sorted(times)
    chars = sum(len(r.get("body") or "") for r in records)
    print(f"extractor v{EXTRACTOR_VERSION}  corpus {args.corpus.name}  articles {len(records)}")
    print(
        f"total {total:.2f} s   {len(records) / total:.0f} articles/s   "
        f"{chars / total / 1e6:.2f} MB/s"
    )
    # CPU time is what one core spends; on a busy shared machine it is the fairer figure.
    print(f"cpu {cpu:.2f} s   {len(records) / cpu:.0f} articles/s of CPU time")
    print(
        f"ms/article  p50 {percentile(ordered, 50) * 1e3:.2f}  "
        f"p95 {percentile(ordered, 95) * 1e3:.2f}  max {ordered[-1] * 1e3:.2f}  "
        f"mean {statistics.fmean(times) * 1e3:.2f}"
    )
    print(f"found {quotes} quotes, {people} people")
    if args.slowest:
        worst = sorted(range(len(times)), key=times.__getitem__, reverse=True)[: args.slowest]
        for i in worst:
            body = records[i].get("body") or ""
            print(
                f"  {times[i] * 1e3:7.2f} ms  {len(body):6d} chars  "
                f"{records[i].get('url', '')[:90]}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
