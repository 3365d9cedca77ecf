"""A TinyDB storage that parses its file once and replaces it atomically on every write.

TinyDB's stock ``JSONStorage`` re-reads and re-writes the whole file on every operation and
writes in place, so a crash mid-write can truncate the user's data. This storage keeps the
parsed document in memory (reads are free) and writes through a temp file in the same
directory: write, flush, fsync, ``os.replace``, then fsync the directory so the rename itself
is durable. A reader therefore sees either the old file or the new one, never a torn one.
"""

from __future__ import annotations

import os
import stat
import tempfile
import zlib
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

STALE_TEMP_SECONDS = 60.0
"""A temp file older than this was left by a writer that was killed: no write takes so long."""

LOCK_TIMEOUT = 30.0
"""Seconds a writer waits for another process's write lock (``$WARTA_LOCK_TIMEOUT`` overrides)."""


class CorruptFileError(ValueError):
    """A library file exists but cannot be parsed; nothing was written over it."""

    def __init__(self, path: Path, why: str) -> None:
        self.path = path
        self.why = why
        super().__init__(
            f"{path} {why}; Warta has not changed it. Run `warta doctor` to repair the library, "
            "or restore the file from a backup"
        )


_REQUIRED: dict[str, dict[str, type]] = {
    "meta": {"schema": int},
    "bodies": {"text": str},
}
"""Fields (and their types) every document of a table must have for Warta to use it."""


def _shape_problem(data: Any) -> str | None:
    """Why parsed JSON is not a TinyDB document set Warta can use, or None when it is."""
    if not isinstance(data, dict):
        return f"holds a JSON {type(data).__name__}, not Warta's tables"
    for name, table in data.items():
        if not isinstance(table, dict):
            return f"has a table {name!r} that is not a JSON object"
        if name == "articles":
            bad = invalid_record(table.values())
            if bad is not None:
                return f"has an article record {bad}"
            continue
        if not all(type(doc) is dict for doc in table.values()):
            return f"has a record in table {name!r} that is not a JSON object"
        for field, kind in _REQUIRED.get(name, {}).items():
            if not all(isinstance(doc.get(field), kind) for doc in table.values()):
                return f"has a record in table {name!r} without a valid {field!r}"
    return None


def invalid_record(records: Any) -> str | None:
    """What is wrong with the first unusable article record in ``records``, or None.

    Used on ``articles.json`` and on the rows of the head file, so a hand-edited or damaged
    file is reported instead of failing wherever a field is first used. Every record must be
    an object whose id, hash and title are text; the full set of fields is checked on the first
    record and on any with another number of fields (checking it on every record would cost a
    fifth of parsing the file, and records Warta writes all have the same fields).
    """
    from warta.store.model import ArticleRecord

    required = ArticleRecord.__required_keys__
    size = -1
    for rec in records:
        if not (
            type(rec) is dict
            and type(rec.get("id")) is str
            and type(rec.get("hash")) is str
            and type(rec.get("title")) is str
        ):
            if type(rec) is not dict:
                return "that is not a JSON object"
            return "whose id, hash or title is missing or not text"
        if len(rec) != size:
            missing = sorted(required - rec.keys())
            if missing:
                return f"without {', '.join(missing[:3])}{'...' if len(missing) > 3 else ''}"
            size = len(rec)
    return None


def _default_mode() -> int:
    """The mode a new file gets under the process's umask (mkstemp alone gives 0600)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Durably replace ``path`` with ``data`` (temp file, fsync, rename, fsync dir).

    ``durable=False`` skips both fsyncs, for caches: the rename still makes the write atomic
    for every reader, and a cache a crash cuts short is detected by its own checks and made
    again, so waiting for the disk buys nothing there.

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
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        exc.filename = str(path)  # name the file being written, not a temp name
        raise
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), mode)
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and (exc.filename is None or exc.filename == tmp):
            exc.filename = str(path)  # a write error (ENOSPC) carries no name of its own
        raise
    if not durable:
        return
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def write_output(path: Path, data: bytes) -> None:
    """Write a file the user named (an export): atomically for a regular file or a link to
    one, straight through for a FIFO or a device (``-o /dev/stdout``), which a rename would
    replace with a regular file."""
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
        self.checksum: tuple[int, int] | None = None
        """(crc32, size) of the bytes last read or written, to tell a file Warta wrote."""
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
                raw: bytes | None = self.path.read_bytes()
            except FileNotFoundError:
                raw = None
            # Never treat an unreadable, empty or strange file as "no data": the next write
            # would replace what it held with nothing. Stop and say which file it is.
            self.checksum = None if raw is None else (zlib.crc32(raw), len(raw))
            if raw is None:
                self._data = None
            elif not raw.strip():
                raise CorruptFileError(self.path, f"is empty ({len(raw)} bytes)")
            else:
                try:
                    self._data = orjson.loads(raw)
                except orjson.JSONDecodeError as exc:
                    raise CorruptFileError(self.path, f"is not valid JSON ({exc})") from exc
                problem = _shape_problem(self._data)
                if problem is not None:
                    raise CorruptFileError(self.path, f"is valid JSON but {problem}")
            self._loaded = True
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        raw = orjson.dumps(data)
        try:
            atomic_write_bytes(self.path, raw)
        except BaseException:
            # TinyDB mutated our cached dict before calling write; forget it so the next read
            # shows what is really on disk rather than an edit that was never saved.
            self.reload()
            raise
        self._data = data
        self._loaded = True
        self._signature_seen = self._signature()
        self.checksum = (zlib.crc32(raw), len(raw))

    def changed_on_disk(self) -> bool:
        """True if another process replaced the file since we last read or wrote it."""
        return self._loaded and self._signature() != self._signature_seen

    def reload(self) -> None:
        """Forget the cached document; the next read parses the file again."""
        self._data = None
        self._loaded = False

    def close(self) -> None:
        self.reload()


def lock_timeout() -> float:
    """How long a writer waits for the write lock: ``$WARTA_LOCK_TIMEOUT`` seconds, else 30."""
    try:
        return max(0.0, float(os.environ["WARTA_LOCK_TIMEOUT"]))
    except (KeyError, ValueError):
        return LOCK_TIMEOUT


def stale_temp_files(folder: Path, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Temp files of atomic writes (``.NAME.XXXX.tmp``) under ``folder`` older than
    ``older_than`` seconds: left by a writer that was killed between writing and renaming."""
    import time

    cutoff = time.time() - older_than
    found: list[Path] = []
    for path in folder.rglob(".*.tmp"):
        try:
            st = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode) and st.st_mtime < cutoff:
            found.append(path)
    return found


def remove_stale_temp_files(folder: Path, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Delete :func:`stale_temp_files`; returns the ones removed (errors are left for later)."""
    removed = []
    for path in stale_temp_files(folder, older_than):
        try:
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


def write_lock(folder: Path) -> Any:
    """The library's inter-process write lock (a ``filelock.FileLock`` on ``folder/.lock``).

    Made once per open library, on its first write: that is when the temp files a killed
    writer left are cleaned up, under the lock, so no live writer's temp file is touched.
    filelock is imported here, not at startup: reading commands never need it.
    """
    from filelock import FileLock

    lock = FileLock(str(folder / ".lock"), timeout=lock_timeout())
    with lock:
        remove_stale_temp_files(folder)
    return lock
