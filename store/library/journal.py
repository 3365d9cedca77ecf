"""An append-only, checksummed journal of transactions: the write-ahead log of the user's data.

Each line is ``W1 <seq> <crc32 hex> <json>\\n``. A transaction is durable once its line is
written and fdatasync'd, so an edit costs one small append however much data the user has.

Reading tells three states apart:

* a clean journal;
* a *torn tail*: the last line is cut short or fails its checksum. That line was being written
  when the process died, so it was never acknowledged; it is ignored and cut off by the next
  append;
* *damage*: a bad line followed by good ones. Something other than Warta changed the file;
  :class:`JournalDamaged` names the line, and nothing is written over it.
"""

from __future__ import annotations

import contextlib
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

MAGIC = b"W1"


class JournalDamaged(ValueError):
    """The journal has a bad line that is not the last one; it has not been changed."""

    def __init__(self, path: Path, lineno: int, offset: int) -> None:
        self.path = path
        self.lineno = lineno
        self.offset = offset
        super().__init__(
            f"{path} is damaged at line {lineno}; Warta has not changed it. Run `warta doctor` "
            "to recover the changes it can still read, or `warta restore` for a backup."
        )


@dataclass(frozen=True)
class Entry:
    """One transaction read back from the journal."""

    seq: int
    tx: dict[str, Any]


def encode(seq: int, tx: dict[str, Any]) -> bytes:
    """The journal line for transaction ``tx`` with sequence number ``seq``."""
    payload = orjson.dumps(tx)
    return b"%s %d %08x %s\n" % (MAGIC, seq, zlib.crc32(payload), payload)


def _decode(line: bytes) -> Entry | None:
    """The entry on a complete line, or None when the line is not a valid journal line."""
    if not line.endswith(b"\n"):
        return None
    parts = line[:-1].split(b" ", 3)
    if len(parts) != 4 or parts[0] != MAGIC:
        return None
    try:
        seq = int(parts[1])
        crc = int(parts[2], 16)
    except ValueError:
        return None
    if zlib.crc32(parts[3]) != crc:
        return None
    try:
        tx = orjson.loads(parts[3])
    except orjson.JSONDecodeError:
        return None
    return Entry(seq, tx) if isinstance(tx, dict) else None


@dataclass
class ReadResult:
    """What :func:`read_from` found: entries, where the good part ends, and whether a tail tore."""

    entries: list[Entry]
    end: int
    """Offset just past the last good line (where the next append belongs)."""
    torn: bool


def read_from(path: Path, offset: int = 0) -> ReadResult:
    """Read entries from byte ``offset`` on. Raises :class:`JournalDamaged` for mid-file damage."""
    try:
        with open(path, "rb") as fh:
            fh.seek(offset)
            data = fh.read()
    except FileNotFoundError:
        return ReadResult([], 0, False)
    entries: list[Entry] = []
    pos = 0
    bad_at: tuple[int, int] | None = None
    for lineno, line in enumerate(_lines(data), 1):
        entry = _decode(line)
        if entry is None:
            if bad_at is None:
                bad_at = (lineno, pos)
        elif bad_at is not None:
            raise JournalDamaged(path, bad_at[0], offset + bad_at[1])
        else:
            entries.append(entry)
        if bad_at is None:
            pos += len(line)
    return ReadResult(entries, offset + pos, bad_at is not None)


def salvage(path: Path) -> tuple[list[Entry], int]:
    """Every good entry of a damaged journal, and how many bad lines were skipped (for doctor)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [], 0
    entries: list[Entry] = []
    bad = 0
    for line in _lines(data):
        entry = _decode(line)
        if entry is None:
            bad += 1
        else:
            entries.append(entry)
    return entries, bad


def _lines(data: bytes) -> Iterator[bytes]:
    start = 0
    while start < len(data):
        end = data.find(b"\n", start)
        if end < 0:
            yield data[start:]
            return
        yield data[start : end + 1]
        start = end + 1


def append(path: Path, line: bytes, good_end: int) -> int:
    """Durably append ``line`` at ``good_end`` (cutting off a torn tail); returns the new end.

    The caller holds the library's write lock, so no other process appends meanwhile.
    """
    created = not path.exists()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o666)
    try:
        size = os.fstat(fd).st_size
        if size != good_end:
            os.ftruncate(fd, good_end)  # a torn, never-acknowledged tail
        os.lseek(fd, good_end, os.SEEK_SET)
        try:
            view = memoryview(line)
            while view:
                n = os.write(fd, view)
                view = view[n:]
            os.fdatasync(fd)
        except BaseException:
            # Not acknowledged, so it must not be read back by anyone (another process's
            # refresh would otherwise apply an edit this one reported as failed).
            with contextlib.suppress(OSError):
                os.ftruncate(fd, good_end)
            raise
    finally:
        os.close(fd)
    if created:
        _fsync_dir(path.parent)
    return good_end + len(line)


def reset(path: Path) -> None:
    """Replace the journal with an empty one, atomically (after its entries were compacted)."""
    from warta.store.library.storage import atomic_write_bytes

    atomic_write_bytes(path, b"")


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
