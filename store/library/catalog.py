"""Catalogs: a compact, memory-mapped copy of one segment's article records (a cache).

A segment (see ``segments``) is a TinyDB JSON file; parsing it gives a dict per record, which
at a million articles is seconds of parsing and gigabytes of Python objects. Its catalog, in
``cache/``, holds the same records as one byte string each (orjson, with a CRC-32 each), their
offsets, and the ids and content hashes as JSON lists; opening it is an ``mmap``, and a record
is decoded only when asked for. So the library opens in milliseconds however big it is, and
holds in memory what is used, not what exists.

File layout::

    WCAT1\\n
    {"source": [...], "n": N, "extractors": {...}, "sections": {name: [offset, size, crc]}}\\n
    sections (records, rec_off, rec_crc, ids, hashes), at the offsets given after the header

``source`` is the signature of the segment file the catalog was made from (see
:func:`signature`); a catalog whose source is not the segment's current signature is stale and
is made again from the segment. Every section but ``records`` carries a CRC-32 checked on
first use, and every record its own, checked whenever it is decoded: a damaged catalog is
detected, never read as data (the library then makes it again).
"""

from __future__ import annotations

import array
import contextlib
import mmap
import os
import threading
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import orjson

MAGIC = b"WCAT1\n"
_EDGE = 65536
"""Bytes at each end of a segment file that go into its signature's checksum."""


class CatalogDamaged(ValueError):
    """A catalog file does not hold what its header says (a damaged cache)."""


def signature(path: Path) -> list[int] | None:
    """What identifies a version of a file without reading it all: size, mtime, inode, ctime,
    and a CRC-32 of its first and last 64 KiB. None when the file does not exist.

    Warta replaces files atomically (a new inode, a new mtime); the checksum also catches a file
    rewritten in place to the same size within the file system's clock tick (tests, editors).
    """
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            head = fh.read(_EDGE)
            if st.st_size > 2 * _EDGE:
                fh.seek(st.st_size - _EDGE)
                head += fh.read(_EDGE)
            elif st.st_size > _EDGE:
                head += fh.read()
    except FileNotFoundError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns, zlib.crc32(head)]


def encode(records: Sequence[dict[str, Any]], source: list[int] | None) -> bytes:
    """The catalog file for ``records`` (in segment order), made from the segment ``source``."""
    blobs = [orjson.dumps(r) for r in records]
    offsets = array.array("Q", [0])
    at = 0
    for b in blobs:
        at += len(b)
        offsets.append(at)
    crcs = array.array("I", map(zlib.crc32, blobs))
    extractors: dict[str, int] = {}
    for r in records:
        key = str(r.get("extractor"))
        extractors[key] = extractors.get(key, 0) + 1
    sections = {
        "records": b"".join(blobs),
        "rec_off": offsets.tobytes(),
        "rec_crc": crcs.tobytes(),
        "ids": orjson.dumps([r["id"] for r in records]),
        "hashes": orjson.dumps([r["hash"] for r in records]),
    }
    table: dict[str, list[int]] = {}
    at = 0
    for name, data in sections.items():
        crc = -1 if name == "records" else zlib.crc32(data)
        table[name] = [at, len(data), crc]
        at += len(data)
    header = orjson.dumps(
        {"source": source, "n": len(records), "extractors": extractors, "sections": table}
    )
    return MAGIC + header + b"\n" + b"".join(sections.values())


class Catalog:
    """One open catalog file: ``len``, ``record(j)``, ``ids()``, ``hashes()``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size < len(MAGIC) + 2:
                raise CatalogDamaged(f"{path} is too short")
            self._mm: Any = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        mm = self._mm
        if mm[: len(MAGIC)] != MAGIC:
            raise CatalogDamaged(f"{path} is not a Warta catalog")
        end = mm.find(b"\n", len(MAGIC))
        try:
            head = orjson.loads(mm[len(MAGIC) : end])
            self.source: list[int] | None = head["source"]
            self.n: int = int(head["n"])
            self.extractors: dict[str, int] = {
                str(k): int(v) for k, v in head["extractors"].items()
            }
            self._sections: dict[str, tuple[int, int, int]] = {
                k: (end + 1 + int(a), int(s), int(c)) for k, (a, s, c) in head["sections"].items()
            }
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise CatalogDamaged(f"{path} has a damaged header ({exc})") from None
        for a, s, _c in self._sections.values():
            if a + s > size:
                raise CatalogDamaged(f"{path} is cut short")
        self._lock = threading.Lock()
        self._offsets: array.array[int] | None = None
        self._crcs: array.array[int] | None = None
        self._ids: list[str] | None = None
        self._hashes: list[str] | None = None

    def _section(self, name: str) -> bytes:
        try:
            a, s, crc = self._sections[name]
        except KeyError:
            raise CatalogDamaged(f"{self.path} has no {name} section") from None
        data = self._mm[a : a + s]
        if crc >= 0 and zlib.crc32(data) != crc:
            raise CatalogDamaged(f"{self.path}: the {name} section is damaged")
        return data

    def _arrays(self) -> tuple[array.array[int], array.array[int]]:
        if self._offsets is None or self._crcs is None:
            with self._lock:
                offsets, crcs = array.array("Q"), array.array("I")
                offsets.frombytes(self._section("rec_off"))
                crcs.frombytes(self._section("rec_crc"))
                if len(offsets) != self.n + 1 or len(crcs) != self.n:
                    raise CatalogDamaged(f"{self.path} holds another number of records")
                self._offsets, self._crcs = offsets, crcs
        return self._offsets, self._crcs

    def __len__(self) -> int:
        return self.n

    def raw(self, j: int) -> bytes:
        """Record ``j``'s JSON bytes, checked against its CRC."""
        offsets, crcs = self._arrays()
        base = self._sections["records"][0]
        data = self._mm[base + offsets[j] : base + offsets[j + 1]]
        if zlib.crc32(data) != crcs[j]:
            raise CatalogDamaged(f"{self.path}: record {j} is damaged")
        return data

    def record(self, j: int) -> dict[str, Any]:
        return orjson.loads(self.raw(j))

    def records(self, lo: int = 0, hi: int | None = None) -> Iterator[dict[str, Any]]:
        """Records ``lo..hi-1`` decoded in order."""
        for j in range(lo, self.n if hi is None else hi):
            yield self.record(j)

    def _list(self, name: str) -> list[str]:
        out = orjson.loads(self._section(name))
        if not isinstance(out, list) or len(out) != self.n:
            raise CatalogDamaged(f"{self.path}: the {name} section holds another count")
        return out

    def ids(self) -> list[str]:
        if self._ids is None:
            self._ids = self._list("ids")
        return self._ids

    def hashes(self) -> list[str]:
        if self._hashes is None:
            self._hashes = self._list("hashes")
        return self._hashes

    def close(self) -> None:
        with contextlib.suppress(BufferError, ValueError):  # a view is out: it closes later
            self._mm.close()


def stale_count(catalogs: Iterable[Catalog], version: int) -> int:
    """How many records were made by another extractor version than ``version``."""
    return sum(n for c in catalogs for k, n in c.extractors.items() if k != str(version))


class MemoryCatalog:
    """A catalog held as records in memory: what a segment's cache gives when the cache
    cannot be written (a read-only disk), with the same reading API as :class:`Catalog`."""

    def __init__(self, records: list[dict[str, Any]], source: list[int] | None = None) -> None:
        self._records = records
        self.source = source
        self.n = len(records)
        self.extractors: dict[str, int] = {}
        for r in records:
            key = str(r.get("extractor"))
            self.extractors[key] = self.extractors.get(key, 0) + 1

    def __len__(self) -> int:
        return self.n

    def raw(self, j: int) -> bytes:
        return orjson.dumps(self._records[j])

    def record(self, j: int) -> dict[str, Any]:
        return self._records[j]

    def records(self, lo: int = 0, hi: int | None = None) -> Iterator[dict[str, Any]]:
        yield from self._records[lo:hi]

    def ids(self) -> list[str]:
        return [r["id"] for r in self._records]

    def hashes(self) -> list[str]:
        return [r["hash"] for r in self._records]

    def close(self) -> None:
        pass


AnyCatalog = Catalog | MemoryCatalog
