"""Edit latency with a large annotation history (issue 8, item 9).

Copies a 100k-article library twice: one keeps no passages, the other gets 50,000 highlighted
passages (spread over 10,000 articles, folded into user.json as a long-lived library would
have them). Then, alternating between the two, times each kind of edit from the call to its
return (when it returns, the change is on disk: the journal line is fdatasync'd):

* article tag, note, star (``Library.add_tags``, ``set_note``, ``set_starred``),
* a new passage (``passages.add``), a passage's tags changed (``passages.update``),
* undo (``history.undo``).

It prints p50 / p95 / max per kind and the ratio of the p95s (target: p95 <= 10 ms with 50k
passages and <= 1.25x the same edit with none), plus the cost of folding the journal into
user.json at 50k passages (which happens off the edit, every 2,000 edits), opening the user's
data and the process's memory.

    .venv/bin/python benchmarks/bench_edits.py [--base /tmp/warta-bench/lib-100000] [--edits 300]
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from warta.store.annotate import history, passages  # noqa: E402
from warta.store.annotate.anchor import describe  # noqa: E402
from warta.store.library.library import Library  # noqa: E402
from warta.store.library.userstore import COMPACT_BYTES, COMPACT_ENTRIES  # noqa: E402

ROOT = Path("/tmp/warta-bench")


def ensure_base(base: Path) -> None:
    if (base / "articles.json").exists():
        return
    size = int(base.name.rsplit("-", 1)[-1])
    print(f"building {base} with benchmarks/make_scaled.py {size} (a few minutes)", flush=True)
    import subprocess

    subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "make_scaled.py"), str(size)], check=True
    )


def copy_library(base: Path, dest: Path) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(
        base, dest, ignore=shutil.ignore_patterns("user.json", "user.journal", "backups", "index")
    )
    return dest


def add_passages(lib: Library, total: int, articles: int, rng: random.Random) -> float:
    """``total`` passages over ``articles`` articles, stored in batches; returns seconds."""
    start = time.perf_counter()
    ids = rng.sample([a["id"] for a in lib.articles], articles)
    per = max(1, total // articles)
    batch: list = []
    made = 0
    tags = [f"kode/{k}" for k in range(40)] + ["hoaks", "pemilu", "imbauan"]
    for aid in ids:
        raw = lib.body_input(aid)["text"]
        for _ in range(per):
            if made >= total:
                break
            s = rng.randrange(0, max(1, len(raw) - 80))
            sel = describe(raw, s, min(len(raw), s + rng.randrange(40, 200)))
            if not sel["exact"].strip():
                continue
            p = passages.make(
                lib, aid, sel, rng.sample(tags, 2), note="catatan " * rng.randrange(0, 4)
            )
            batch.append(p)
            made += 1
            if len(batch) >= 5000:
                passages.add_many(lib, batch, f"bench: {len(batch)} passages")
                batch = []
    if batch:
        passages.add_many(lib, batch, f"bench: {len(batch)} passages")
    return time.perf_counter() - start


def percentile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, round(q * (len(xs) - 1))))
    return xs[k]


def time_edits(lib: Library, kind: str, rng: random.Random, aids: list[str]) -> float:
    """One edit of ``kind`` on a random article; returns milliseconds.

    Only the edit is timed: a new passage's text is read first, as the reader has it on
    screen when the user highlights.
    """
    aid = rng.choice(aids)
    raw = lib.body_input(aid)["text"] if kind == "passage" else ""
    t0 = time.perf_counter()
    if kind == "tag":
        lib.add_tags(aid, [f"t{rng.randrange(1000)}"])
    elif kind == "note":
        lib.set_note(aid, f"catatan {rng.random()}")
    elif kind == "star":
        lib.set_starred(aid, rng.random() < 0.5)
    elif kind == "passage":
        s = rng.randrange(0, max(1, len(raw) - 60))
        passages.add(lib, aid, describe(raw, s, s + 50), ["bench"])
    elif kind == "passage-tags":
        mine = lib.user.of_article("passages", aid)
        if mine:
            passages.update(lib, mine[0]["id"], tags=["bench", f"t{rng.randrange(9)}"])
        else:
            lib.add_tags(aid, ["bench"])
    elif kind == "undo":
        history.undo(lib)
    return (time.perf_counter() - t0) * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, default=ROOT / "lib-100000")
    ap.add_argument("--passages", type=int, default=50_000)
    ap.add_argument("--edits", type=int, default=300, help="edits of each kind per library")
    args = ap.parse_args()
    rng = random.Random(8)
    ensure_base(args.base)
    empty = copy_library(args.base, ROOT / "edits-none")
    full = copy_library(args.base, ROOT / "edits-50k")
    libs = {"none": Library(empty, coder="bench"), "50k": Library(full, coder="bench")}
    n_articles = len(libs["50k"])
    print(f"library: {n_articles:,} articles (copies of {args.base})")

    secs = add_passages(libs["50k"], args.passages, args.passages // 5, rng)
    t0 = time.perf_counter()
    libs["50k"].user.compact()
    fold = time.perf_counter() - t0
    size = (full / "user.json").stat().st_size
    print(
        f"{args.passages:,} passages stored in {secs:.1f} s; folded into user.json "
        f"({size / 1e6:.1f} MB) in {fold * 1000:.0f} ms"
    )
    t0 = time.perf_counter()
    reopened = Library(full, coder="bench")
    reopened.user.table("passages")
    print(
        f"opening the user's data at {args.passages:,} passages: "
        f"{(time.perf_counter() - t0) * 1000:.0f} ms"
    )
    libs["50k"] = reopened

    # Edit articles the passages are on, so the 50k library's documents are the big ones.
    with_passages = reopened.user.article_ids("passages")
    aids = {"none": with_passages, "50k": with_passages}
    kinds = ["tag", "note", "star", "passage", "passage-tags", "undo"]
    for name in ("none", "50k"):  # warm up: article metadata loads on first use
        for kind in kinds:
            time_edits(libs[name], kind, rng, aids[name])
    times: dict[tuple[str, str], list[float]] = {}
    for _round in range(args.edits):
        for kind in kinds:
            for name in ("none", "50k"):  # alternate, so both see the same disk weather
                ms = time_edits(libs[name], kind, rng, aids[name])
                times.setdefault((name, kind), []).append(ms)
    print()
    print(
        f"{'edit':14} {'none p50':>9} {'p95':>7} {'max':>7} | {'50k p50':>8} {'p95':>7} "
        f"{'max':>7} | {'p95 ratio':>9}"
    )
    worst = 0.0
    for kind in kinds:
        a, b = times[("none", kind)], times[("50k", kind)]
        ratio = percentile(b, 0.95) / percentile(a, 0.95)
        worst = max(worst, percentile(b, 0.95))
        print(
            f"{kind:14} {statistics.median(a):9.2f} {percentile(a, 0.95):7.2f} {max(a):7.2f} | "
            f"{statistics.median(b):8.2f} {percentile(b, 0.95):7.2f} {max(b):7.2f} | "
            f"{ratio:9.2f}x"
        )
    all_a = [x for k in kinds for x in times[("none", k)]]
    all_b = [x for k in kinds for x in times[("50k", k)]]
    print(
        f"{'all edits':14} {statistics.median(all_a):9.2f} {percentile(all_a, 0.95):7.2f} "
        f"{max(all_a):7.2f} | {statistics.median(all_b):8.2f} {percentile(all_b, 0.95):7.2f} "
        f"{max(all_b):7.2f} | {percentile(all_b, 0.95) / percentile(all_a, 0.95):9.2f}x"
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nworst p95 at 50k: {worst:.2f} ms (target 10); peak RSS of this process {rss:.0f} MB")
    print(
        f"journal entries since the fold: {libs['50k'].user._entries} (folded after "
        f"{COMPACT_ENTRIES:,} edits or {COMPACT_BYTES // 2**20} MB, in a background thread)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
