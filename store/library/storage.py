"""A TinyDB storage that parses its file once and replaces it atomically on every write.

TinyDB's stock ``JSONStorage`` re-reads and re-writes the whole file on every operation and
writes in place, so a crash mid-write can truncate the user's data. This storage keeps the
parsed document in memory (reads are free) and writes through a temp file in the same
directory: write, flush, fsync, ``os.replace``, then fsync the directory so the rename itself
is durable. A reader therefore sees either the old file or the new one, never a torn one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage


class CorruptFileError(ValueError):
    """A library file exists but cannot be parsed; nothing was written over it."""


def _default_mode() -> int:
    """The mode a new file gets under the process's umask (mkstemp alone gives 0600)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Durably replace ``path`` with ``data`` (temp file, fsync, rename, fsync dir).

    A symbolic link is written through: its target is replaced and the link kept, so a file
    linked into a synced folder goes on receiving the edits. The new file keeps the old one's
    permissions, or gets the user's normal ones (umask) when it is new.
    """
    path = Path(os.path.realpath(path)) if os.path.islink(path) else path
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        mode = _default_mode()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), mode)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def write_output(path: Path, data: bytes) -> None:
    """Write a file the user named (an export): atomically for a regular file or a link to
    one, straight through for a FIFO or a device (``-o /dev/stdout``), which a rename would
    replace with a regular file."""
    import stat

    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(f"{path} is a folder")
        with open(path, "wb") as fh:
            fh.write(data)
        return
    atomic_write_bytes(path, data)


class AtomicJSONStorage(Storage):
    """JSON storage for TinyDB: parsed once (orjson), kept in memory, written atomically."""

    def __init__(self, path: str | os.PathLike[str], *, create: bool = True) -> None:
        self.path = Path(path)
        self._data: dict[str, Any] | None = None
        self._loaded = False
        self._signature_seen: tuple[int, int, int] | None = None
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)

    def _signature(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def read(self) -> dict[str, Any] | None:
        if not self._loaded:
            self._signature_seen = self._signature()
            try:
                raw = self.path.read_bytes()
            except FileNotFoundError:
                raw = b""
            try:
                self._data = orjson.loads(raw) if raw.strip() else None
            except orjson.JSONDecodeError as exc:
                # Never treat an unreadable file as empty: the next write would replace the
                # user's data with nothing. Stop and say which file it is.
                raise CorruptFileError(
                    f"{self.path} is not valid JSON ({exc}); Warta has not changed it. Restore "
                    "it from a backup, or move it aside to start that part afresh."
                ) from exc
            self._loaded = True
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        try:
            atomic_write_bytes(self.path, orjson.dumps(data))
        except BaseException:
            # TinyDB mutated our cached dict before calling write; forget it so the next read
            # shows what is really on disk rather than an edit that was never saved.
            self.reload()
            raise
        self._data = data
        self._loaded = True
        self._signature_seen = self._signature()

    def changed_on_disk(self) -> bool:
        """True if another process replaced the file since we last read or wrote it."""
        return self._loaded and self._signature() != self._signature_seen

    def reload(self) -> None:
        """Forget the cached document; the next read parses the file again."""
        self._data = None
        self._loaded = False

    def close(self) -> None:
        self.reload()
