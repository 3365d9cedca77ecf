"""Build scaled JSON Lines inputs and Warta libraries for the scale benchmarks (issue 4).

The shared corpus has 25,381 real articles. Sizes up to that are a deterministic sample of it
(seeded shuffle, so both CLICK-ID and IndoSum rows are represented). Bigger sizes re-emit the
corpus in copies: copy 1 is the original, copy ``k >= 2`` has `` (k)`` appended to its title
(for IndoSum rows, which have no title, to the body's first line), so every copy has its own
content hash and is a distinct article to Warta. Search over the copies therefore sees the same
vocabulary repeated; that is realistic for the list/scroll/tag figures and makes text search a
little *harder* than on a real 1M corpus (every match has k copies).

Outputs go under ``/tmp/warta-bench`` (never the repo) and are reused when present:

    corpus-SIZE.jsonl   the input records
    lib-SIZE/           the library, built with ``warta --db lib-SIZE import corpus-SIZE.jsonl``
    import-SIZE.json    wall time, peak RSS and exit code of that import

    .venv/bin/python benchmarks/make_scaled.py 1000 10000 100000 [--no-import] [--root DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path("/work/shared/corpus/indonesian-news.jsonl.gz")
ROOT = Path("/tmp/warta-bench")
WARTA = REPO / ".venv" / "bin" / "warta"


def corpus_lines(corpus: Path = CORPUS) -> list[bytes]:
    """Every non-blank line of the shared corpus, as raw bytes."""
    with gzip.open(corpus, "rb") as fh:
        return [line.rstrip(b"\n") for line in fh if line.strip()]


def _suffixed(line: bytes, copy: int) -> bytes:
    """The record with `` (copy)`` appended to its title (or body's first line if untitled)."""
    obj = json.loads(line)
    suffix = f" ({copy})"
    if (obj.get("title") or "").strip():
        obj["title"] = obj["title"] + suffix
    else:
        body = obj.get("body") or ""
        first, sep, rest = body.partition("\n")
        obj["body"] = first + suffix + sep + rest
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def scaled_lines(size: int, base: list[bytes]) -> Iterator[bytes]:
    """``size`` records: a seeded sample of the corpus, or suffixed copies past its size."""
    if size <= len(base):
        picked = list(range(len(base)))
        random.Random(4).shuffle(picked)
        for i in sorted(picked[:size]):
            yield base[i]
        return
    emitted = 0
    copy = 1
    while emitted < size:
        for line in base:
            if emitted >= size:
                return
            yield line if copy == 1 else _suffixed(line, copy)
            emitted += 1
        copy += 1


def make_corpus(size: int, root: Path = ROOT) -> Path:
    """Write ``corpus-SIZE.jsonl`` unless it already exists; returns its path."""
    out = root / f"corpus-{size}.jsonl"
    if out.exists():
        return out
    root.mkdir(parents=True, exist_ok=True)
    base = corpus_lines()
    tmp = out.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        for line in scaled_lines(size, base):
            fh.write(line + b"\n")
    os.replace(tmp, out)
    return out


def import_library(size: int, root: Path = ROOT) -> dict:
    """Import ``corpus-SIZE.jsonl`` into ``lib-SIZE`` with ``warta import`` (timed, once).

    Returns the stored figures: ``seconds`` (wall), ``peak_rss_mb`` (largest of the importer
    and its worker processes, from ``getrusage(RUSAGE_CHILDREN)``; see the README) and ``rc``.
    """
    stats_path = root / f"import-{size}.json"
    lib = root / f"lib-{size}"
    if stats_path.exists() and lib.exists():
        return json.loads(stats_path.read_text())
    corpus = make_corpus(size, root)
    if lib.exists():
        shutil.rmtree(lib)  # a half-built library from an interrupted run
    # Measured in a fresh child so ru_maxrss covers only the importer and its pool workers.
    probe = (
        "import json, resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
        "dt = time.perf_counter() - t\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps({'seconds': dt, 'peak_rss_mb': rss, 'rc': p.returncode,"
        " 'stderr_tail': p.stderr.decode(errors='replace')[-400:]}))\n"
    )
    cmd = [sys.executable, "-c", probe, str(WARTA), "--db", str(lib), "import", str(corpus)]
    started = time.time()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    stats = json.loads(out)
    stats["size"] = size
    stats["started"] = started
    stats_path.write_text(json.dumps(stats, indent=1))
    return stats


def synth_library(size: int, base_size: int, root: Path = ROOT) -> dict:
    """Build ``lib-SIZE`` by replicating the imported ``lib-BASE_SIZE`` (no re-extraction).

    Quicker than a real import at 1M (see the README). Copy 1 is the base library; copy
    ``k >= 2`` of each record gets `` [k]`` appended to its title and stored input title, a
    new content hash (``blake2b(hash + k)``) and the id derived from it, exactly as the
    importer would assign; bodies are copied into the shards their new hashes pick. The files
    are written in the library's own format (segments of an import's size, orjson, atomic
    rename); the caches are made on first open.
    """
    import hashlib

    import orjson

    sys.path.insert(0, str(REPO))
    from warta.store.library import segments
    from warta.store.library.storage import atomic_write_bytes
    from warta.store.text import short_id

    lib = root / f"lib-{size}"
    stats_path = root / f"synth-{size}.json"
    if stats_path.exists() and lib.exists():
        return json.loads(stats_path.read_text())
    base = root / f"lib-{base_size}"
    if not (base / "meta.json").exists():
        import_library(base_size, root)
    if lib.exists():
        shutil.rmtree(lib)
    t = time.perf_counter()
    base_segs = segments.discover(base)
    records: list[dict] = []
    bodies: dict[str, dict] = {}
    for seg in base_segs:
        if seg.records.exists():
            records += orjson.loads(seg.records.read_bytes())["articles"].values()
        for shard in sorted(seg.bodies.glob("*.json")):
            bodies.update(orjson.loads(shard.read_bytes()).get("bodies", {}))
    out: dict[str, dict] = {}
    texts: dict[str, dict] = {}
    copy = 1
    while len(out) < size:
        for rec in records:
            if len(out) >= size:
                break
            body = bodies[rec["id"]]
            if copy > 1:
                h = hashlib.blake2b(f"{rec['hash']}{copy}".encode(), digest_size=20).hexdigest()
                length = 8
                while short_id(h, length) in out:
                    length += 2
                rec = dict(rec, hash=h, id=short_id(h, length), title=f"{rec['title']} [{copy}]")
                if body.get("title"):
                    body = dict(body, title=f"{body['title']} [{copy}]")
            out[rec["id"]] = rec
            texts[rec["id"]] = body
        copy += 1
    lib.mkdir(parents=True)
    shutil.copy(base / "meta.json", lib / "meta.json")
    # Segments of the size an import makes (see store/library/segments.py), each with its
    # own text shards, as the library's own files.
    ids = list(out)
    step = segments.SEGMENT_RECORDS
    for k, lo in enumerate(range(0, len(ids), step)):
        seg = segments.segment(lib, k)
        chunk = ids[lo : lo + step]
        shards: dict[str, dict[str, dict]] = {}
        for aid in chunk:
            shards.setdefault(segments.shard_of(out[aid]["hash"]), {})[aid] = texts[aid]
        for name, docs in shards.items():
            atomic_write_bytes(seg.shard_path(name), orjson.dumps({"bodies": docs}))
        table = {aid: out[aid] for aid in chunk}
        atomic_write_bytes(seg.records, orjson.dumps({"articles": table}))
    stats = {"size": size, "base": base_size, "seconds": time.perf_counter() - t}
    stats_path.write_text(json.dumps(stats, indent=1))
    return stats


def main(argv: list[str] | None = None) -> int:
    """Build the inputs (and, unless ``--no-import``, the libraries) for the given sizes."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="+", type=int)
    ap.add_argument("--no-import", action="store_true", help="only write the JSON Lines inputs")
    ap.add_argument("--root", type=Path, default=ROOT)
    ap.add_argument(
        "--synth-from",
        type=int,
        default=None,
        metavar="BASE",
        help="build libraries bigger than BASE by replicating lib-BASE instead of importing",
    )
    args = ap.parse_args(argv)
    for size in args.sizes:
        if args.synth_from is not None and size > args.synth_from:
            stats = synth_library(size, args.synth_from, args.root)
            print(
                f"library {size:>8,}: {args.root / f'lib-{size}'} replicated from "
                f"lib-{args.synth_from} in {stats['seconds']:.1f} s (not imported)",
                flush=True,
            )
            continue
        t = time.perf_counter()
        path = make_corpus(size, args.root)
        print(f"corpus {size:>9,}: {path} ({time.perf_counter() - t:.1f} s)", flush=True)
        if not args.no_import:
            stats = import_library(size, args.root)
            print(
                f"library {size:>8,}: {args.root / f'lib-{size}'} imported in "
                f"{stats['seconds']:.1f} s, peak RSS {stats['peak_rss_mb']:.0f} MB "
                f"(rc {stats['rc']})",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
