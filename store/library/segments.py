"""Segments: the TinyDB files that together hold a library's article records and texts.

Segment 0 is the library's first layout, unchanged: records in ``articles.json``, texts in
``bodies/NN.json`` (64 shards by content hash). Once it holds :data:`SEGMENT_RECORDS`
articles, imports open new segments, each a TinyDB file of records and its own text shards::

    articles/000001.json      records  (table "articles", keyed by article id)
    bodies/000001/NN.json     texts    (table "bodies", sharded by content hash)

A batch of an import is written into the last segment while it has room, else into a new one,
so an import writes in proportion to its batches however big the library is (a single
``articles.json`` was rewritten whole by every batch: 600 MB a batch at a million articles).
Positions in the library are segment after segment, each segment's records in file order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

BODY_SHARDS = 64
SEGMENT_RECORDS = 20_000
"""A batch goes into the last segment while that keeps it at or under this many records."""
RECORDS_DIR = "articles"
BODIES_DIR = "bodies"
CACHE_DIR = "cache"
_NAME = re.compile(r"^(\d{6})\.json$")


def shard_of(content_hash: str) -> str:
    """The text shard (``00``..``63``) an article's content hash picks."""
    return f"{int(content_hash[:8], 16) % BODY_SHARDS:02d}"


@dataclass(frozen=True)
class Segment:
    """Where one segment's files are."""

    number: int
    records: Path
    bodies: Path

    def shard_path(self, shard: str) -> Path:
        return self.bodies / f"{shard}.json"

    def shard_key(self, shard: str) -> str:
        """The shard's name in doctor reports: ``NN`` for segment 0, ``000001/NN`` after."""
        return shard if self.number == 0 else f"{self.number:06d}/{shard}"

    def catalog(self, library: Path) -> Path:
        return library / CACHE_DIR / f"articles-{self.number:06d}.cat"


def segment(library: Path, number: int) -> Segment:
    if number == 0:
        return Segment(0, library / "articles.json", library / BODIES_DIR)
    name = f"{number:06d}"
    return Segment(number, library / RECORDS_DIR / f"{name}.json", library / BODIES_DIR / name)


def discover(library: Path) -> list[Segment]:
    """Every segment of the library folder, in order (segment 0 always, even when empty)."""
    numbers: list[int] = []
    try:
        for entry in (library / RECORDS_DIR).iterdir():
            m = _NAME.match(entry.name)
            if m and int(m[1]) > 0:
                numbers.append(int(m[1]))
    except (FileNotFoundError, NotADirectoryError):
        pass
    return [segment(library, 0)] + [segment(library, k) for k in sorted(numbers)]


def shard_files(library: Path) -> list[tuple[str, Path]]:
    """(shard key, path) of every text shard file of every segment."""
    out = [(p.stem, p) for p in sorted((library / BODIES_DIR).glob("*.json"))]
    for folder in sorted((library / BODIES_DIR).glob("[0-9]" * 6)):
        if folder.is_dir():
            out += [(f"{folder.name}/{p.stem}", p) for p in sorted(folder.glob("*.json"))]
    return out
