"""Per-keystroke latency, build time and memory of the search index at 10k / 100k / 1M docs.

Usage::

    .venv/bin/python benchmarks/bench_search.py                 # sizes 10k, 100k, 1M
    .venv/bin/python benchmarks/bench_search.py --size 100000 --repeat 3

Docs come from the shared corpus /work/shared/corpus/indonesian-news.jsonl.gz (25,381 articles,
CLICK-ID CC BY 4.0 and IndoSum CC BY-SA 4.0). Past 25k they are re-emitted with a " #k" title
suffix and a new id, as the corpus README asks; IndoSum rows (no title) get their lead's first
12 words as title. People/places are cheap guesses (capitalised runs), organizations empty.

Each query is typed one character at a time into one index (so the index's caches work the way
they do in the app), timing every ``search()`` call. ``--repeat`` re-runs the typing with fresh
indexes and reports all samples together. For reference it times ``fzf --filter`` (if on PATH)
and plain rapidfuzz passes over all titles for the same keystrokes.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import orjson
from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from warta.store.search.index import SearchDoc, SearchIndex
from warta.store.search.keys import fold

CORPUS = Path("/work/shared/corpus/indonesian-news.jsonl.gz")
QUERIES = ["kapolres j", "pemilu 201", "jokowi dan", "banjir di ", "korupsi ka"]
_CAPS = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)+)")
_PLACE = re.compile(r"\bdi ([A-Z][a-z]+)")


def load_base() -> list[SearchDoc]:
    """The corpus as SearchDocs (cheap people/place guesses, no tags)."""
    out: list[SearchDoc] = []
    with gzip.open(CORPUS) as f:
        for k, line in enumerate(f):
            r = orjson.loads(line)
            body = r.get("body") or ""
            title = r.get("title") or " ".join(body.split()[:12])
            lead = body[:300]
            out.append(
                {
                    "id": f"c{k}",
                    "title": title,
                    "outlet": r.get("source") or None,
                    "date": (r.get("date") or "")[:10] or None,
                    "places": list(dict.fromkeys(_PLACE.findall(title + " " + lead)))[:2],
                    "people": list(dict.fromkeys(_CAPS.findall(lead)))[:2],
                    "organizations": [],
                    "tags": [],
                    "read": k % 3 == 0,
                    "starred": k % 17 == 0,
                    "has_note": False,
                    "n_quotes": k % 4,
                }
            )
    return out


def scaled(base: list[SearchDoc], n: int) -> list[SearchDoc]:
    """``n`` docs: the corpus, then copies with a " #k" title suffix and a new id."""
    out: list[SearchDoc] = []
    rounds = 0
    while len(out) < n:
        for d in base[: n - len(out)]:
            if rounds == 0:
                out.append(d)
            else:
                e = dict(d)
                e["id"] = f"{d['id']}#{rounds + 1}"
                e["title"] = f"{d['title']} #{rounds + 1}"
                out.append(e)  # type: ignore[arg-type]
        rounds += 1
    return out


def rss_mb() -> float:
    """Resident set size of this process in MB (Linux)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def pct(xs: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of xs."""
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s) + 0.5) - 1))]


def keystrokes(q: str) -> list[str]:
    return [q[:k] for k in range(1, len(q) + 1)]


def time_typing(docs: list[SearchDoc], repeat: int) -> tuple[list[float], list[float], dict]:
    """Build ``repeat`` indexes; type every query into each. Returns build s, keystroke ms.

    Also records CPU time per keystroke (``info["cpu"]``): other work on a shared 2-core
    machine inflates wall time, and the CPU figure shows what search itself costs.
    """
    builds: list[float] = []
    build_cpu: list[float] = []
    samples: list[float] = []
    cpu: list[float] = []
    per_q: dict[str, list[float]] = {q: [] for q in QUERIES}
    counts: dict[str, int] = {}
    for _ in range(repeat):
        gc.collect()
        t, c = time.perf_counter(), time.process_time()
        idx = SearchIndex(docs)
        builds.append(time.perf_counter() - t)
        build_cpu.append(time.process_time() - c)
        for q in QUERIES:
            for p in keystrokes(q):
                t, c = time.perf_counter(), time.process_time()
                r = idx.search(p)
                ms = (time.perf_counter() - t) * 1000
                cpu.append((time.process_time() - c) * 1000)
                samples.append(ms)
                per_q[q].append(ms)
                counts[p] = len(r.order)
        del idx
    return builds, samples, {"per_q": per_q, "counts": counts, "cpu": cpu, "build_cpu": build_cpu}


def memory(docs: list[SearchDoc]) -> tuple[float, float, float]:
    """(RSS growth MB, tracemalloc retained MB, tracemalloc peak MB) of building one index."""
    gc.collect()
    before = rss_mb()
    tracemalloc.start()
    idx = SearchIndex(docs)
    for q in QUERIES:  # include what the caches hold after typing
        for p in keystrokes(q):
            idx.search(p)
    cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    after = rss_mb()
    del idx
    return after - before, cur / 1e6, peak / 1e6


def time_fzf(titles_file: str) -> list[float] | None:
    """ms per keystroke of ``fzf --filter`` over the titles file (process start included)."""
    exe = shutil.which("fzf")
    if exe is None:
        return None
    out: list[float] = []
    for q in QUERIES:
        for p in keystrokes(q):
            t = time.perf_counter()
            with open(titles_file, "rb") as f:
                subprocess.run(
                    [exe, "--filter", p], stdin=f, stdout=subprocess.DEVNULL, check=False
                )
            out.append((time.perf_counter() - t) * 1000)
    return out


def time_plain(titles: list[str], scorer: Callable, cutoff: float, limit: int) -> list[float]:
    """ms of one plain rapidfuzz pass over all folded titles, for the first ``limit`` keystrokes
    of each query (all of them would take minutes at 1M)."""
    out: list[float] = []
    for q in QUERIES:
        for p in keystrokes(q)[-limit:]:
            t = time.perf_counter()
            process.extract(fold(p), titles, scorer=scorer, score_cutoff=cutoff, limit=None)
            out.append((time.perf_counter() - t) * 1000)
    return out


def fmt(xs: list[float]) -> str:
    return (
        f"p50 {statistics.median(xs):7.2f}  p95 {pct(xs, 95):7.2f}  max {max(xs):7.2f} ms"
        f"  (n={len(xs)})"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--size", type=int, action="append", help="docs (repeatable)")
    ap.add_argument("--repeat", type=int, default=3, help="fresh indexes per size (default 3)")
    ap.add_argument("--no-memory", action="store_true", help="skip the tracemalloc pass")
    ap.add_argument("--no-reference", action="store_true", help="skip fzf and plain rapidfuzz")
    args = ap.parse_args()
    sizes = args.size or [10_000, 100_000, 1_000_000]

    load = os.getloadavg()[0]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, load average {load:.2f}")
    print("queries typed char by char:")
    print("  " + ", ".join(repr(q) for q in QUERIES))
    base = load_base()
    print(f"corpus: {len(base)} articles")
    for n in sizes:
        docs = scaled(base, n)
        print(
            f"\n== {n:,} docs"
            + (" (corpus re-emitted with ' #k' suffixes)" if n > len(base) else "")
        )
        repeat = args.repeat if n < 1_000_000 else max(1, args.repeat - 1)
        builds, samples, info = time_typing(docs, repeat)
        bc = statistics.median(info["build_cpu"]) * 1000
        print(
            f"build  : {statistics.median(builds) * 1000:8.0f} ms median of {len(builds)}"
            f" (CPU {bc:.0f} ms)"
        )
        print(f"search : {fmt(samples)}  wall")
        print(f"         {fmt(info['cpu'])}  CPU (process_time)")
        for q, xs in info["per_q"].items():
            counts = " ".join(str(info["counts"][p]) for p in keystrokes(q))
            print(f"   {q!r:14} max {max(xs):6.2f} ms; hits per keystroke: {counts}")
        if not args.no_memory:
            grow, cur, peak = memory(docs)
            print(f"memory : index retains {cur:.0f} MB (tracemalloc), build peak {peak:.0f} MB,")
            print(f"         process RSS grew {grow:.0f} MB")
        if args.no_reference:
            continue
        titles = [fold(d["title"]) for d in docs]
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as tf:
            tf.write("\n".join(d["title"] for d in docs) + "\n")
        try:
            fz = time_fzf(tf.name)
        finally:
            os.unlink(tf.name)
        if fz is None:
            print("fzf    : not on PATH (apt-get install -y fzf)")
        else:
            print(f"fzf    : {fmt(fz)}  (--filter, process start included)")
            r50 = statistics.median(fz) / statistics.median(samples)
            r95 = pct(fz, 95) / pct(samples, 95)
            print(f"         ratio fzf/warta: p50 {r50:.1f}x, p95 {r95:.1f}x")
        limit = 3 if n < 1_000_000 else 1
        pr = time_plain(titles, fuzz.partial_ratio, 80, limit)
        print(f"plain rapidfuzz partial_ratio over all titles: {fmt(pr)}")
        wr = time_plain(titles, fuzz.WRatio, 80, limit)
        print(f"plain rapidfuzz WRatio over all titles:        {fmt(wr)}")


if __name__ == "__main__":
    main()
