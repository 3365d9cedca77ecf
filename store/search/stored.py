"""The library's search index on disk: ``cache/search.idx``, a cache rebuilt when stale.

Building the metadata side of the search index (tokens of every title, outlet, place, person
and organisation) is a pass over every record in Python: about a second per 100k articles,
once per process before this file. It is now built once, when the records change, and loaded
by every process after (``warta list``, the reader) in milliseconds.

File: ``WIDX1\\n``, a JSON line with the key it was built for, then the bytes of
:class:`~warta.store.search.static.StaticIndex` (each section with its CRC-32). The key is the
static format and the source signature of every segment's catalog, so an index of other
records (an import, a reindex, ``warta doctor`` dropping records, a hand edit) is never used:
it is built again. A damaged file fails its checks and is built again too.
"""

from __future__ import annotations

import contextlib
import mmap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import orjson

from warta.store.search import static

if TYPE_CHECKING:
    from warta.store.library.library import Library

INDEX_FILE = "search.idx"
MAGIC = b"WIDX1\n"


def key_of(library: Library) -> list[Any]:
    """What the stored index must have been built for to be current."""
    return [static.FORMAT, [part.source for part in library.articles.parts]]


def load(library: Library) -> static.StaticIndex | None:
    """The stored index if it is current and checks out, else None."""
    from warta.store.library.segments import CACHE_DIR

    try:
        with open(library.path / CACHE_DIR / INDEX_FILE, "rb") as fh:
            # Mapped, not read: the arrays are views into the file's pages.
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # missing, unreadable or empty
        return None
    if data[: len(MAGIC)] != MAGIC:
        return None
    nl = data.find(b"\n", len(MAGIC))
    try:
        if orjson.loads(data[len(MAGIC) : nl]) != key_of(library):
            return None
        built = static.StaticIndex.from_bytes(memoryview(data)[nl + 1 :])
    except ValueError:
        return None
    return built if built.n == len(library) else None


def save(library: Library, built: static.StaticIndex) -> None:
    """Store ``built`` as the library's index (quietly skipped on a read-only disk)."""
    from warta.store.library.segments import CACHE_DIR
    from warta.store.library.storage import atomic_write_bytes

    data = MAGIC + orjson.dumps(key_of(library)) + b"\n" + built.to_bytes()
    with contextlib.suppress(OSError):
        atomic_write_bytes(library.path / CACHE_DIR / INDEX_FILE, data, durable=False)


def static_of(library: Library, docs: Sequence[Any]) -> static.StaticIndex:
    """The library's static index: the stored one, else built from ``docs`` and stored."""
    built = load(library)
    if built is None:
        built = static.build(docs)
        save(library, built)
    return built
