"""Backups of the user's data, kept inside the library in ``backups/``.

Two kinds of file, both gzip-compressed:

* ``user-<seq>-<time>.json.gz``: the whole of the user's tables as of transaction ``seq``;
* ``journal-<from>-<to>.jsonl.gz``: the journal lines of transactions ``from`` to ``to``,
  archived each time the journal is folded into ``user.json``.

A snapshot plus the journal archives after it (and the live journal) give the state after any
transaction, so every change is recoverable, and a ``user.json`` emptied or damaged by another
program is rebuilt up to the last acknowledged edit (:func:`recover`). The folder is bounded:
:func:`rotate` drops the oldest snapshots (and the journal archives only they needed) once the
folder passes :func:`budget`. ``index.json`` lists the snapshots with their counts.
"""

from __future__ import annotations

import datetime as _dt
import gzip
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from warta.store.library import journal
from warta.store.library.storage import atomic_write_bytes
from warta.store.library.userstore import HISTORY, JOURNAL_FILE, STATE, TABLES, USER_FILE

FOLDER = "backups"
SNAPSHOT_EVERY = _dt.timedelta(hours=1)
"""A compaction also writes a snapshot backup when the newest one is older than this."""
MIN_BUDGET = 64 * 1024 * 1024
KEEP_AT_LEAST = 3

_SNAP_RE = re.compile(r"user-(\d{10})-(\d{8}T\d{6}Z)(?:-([a-z-]+))?\.json\.gz")
_JOURNAL_RE = re.compile(r"journal-(\d{10})-(\d{10})\.jsonl\.gz")


class BackupError(Exception):
    """A backup cannot be found or read."""


@dataclass(frozen=True)
class Snapshot:
    """One snapshot backup on disk."""

    path: Path
    seq: int
    time: _dt.datetime
    reason: str

    @property
    def name(self) -> str:
        return self.path.name


def folder(library: Path) -> Path:
    return library / FOLDER


def snapshots(library: Path) -> list[Snapshot]:
    """Snapshot backups, oldest first."""
    out = []
    for p in _list(folder(library)):
        m = _SNAP_RE.fullmatch(p.name)
        if m:
            when = _dt.datetime.strptime(m[2], "%Y%m%dT%H%M%SZ").replace(tzinfo=_dt.UTC)
            out.append(Snapshot(p, int(m[1]), when, m[3] or ""))
    return sorted(out, key=lambda s: (s.seq, s.time))


def journal_archives(library: Path) -> list[tuple[int, int, Path]]:
    """Archived journal segments as (first seq, last seq, path), oldest first."""
    out = []
    for p in _list(folder(library)):
        m = _JOURNAL_RE.fullmatch(p.name)
        if m:
            out.append((int(m[1]), int(m[2]), p))
    return sorted(out)


def _list(path: Path) -> list[Path]:
    try:
        return list(path.iterdir())
    except FileNotFoundError:
        return []


def counts(tables: dict[str, dict[str, Any]]) -> dict[str, int]:
    """What a state holds, in the user's terms (for listings and the restore offer)."""
    anns = tables.get("annotations", {}).values()
    return {
        "tagged": sum(1 for a in anns if a.get("tags")),
        "noted": sum(1 for a in anns if str(a.get("note", "")).strip()),
        "starred": sum(1 for a in anns if a.get("starred")),
        "passages": len(tables.get("passages", {})),
        "notes": len(tables.get("notes", {})),
        "codes": len(tables.get("codebook", {})),
    }


def describe(c: dict[str, int]) -> str:
    """``12 tagged articles, 40 passages, 3 notes``: the non-zero counts."""
    parts = [
        (c.get("tagged", 0), "tagged article"),
        (c.get("passages", 0), "passage"),
        (c.get("noted", 0) + c.get("notes", 0), "note"),
        (c.get("starred", 0), "starred article"),
    ]
    text = ", ".join(f"{n} {what}{'s' if n != 1 else ''}" for n, what in parts if n)
    return text or "no annotations"


def write_snapshot(
    library: Path, tables: dict[str, dict[str, Any]], seq: int, reason: str = ""
) -> Path:
    """Write a snapshot backup of ``tables`` (as of ``seq``) and rotate the folder."""
    stamp = _dt.datetime.now(_dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    suffix = f"-{reason}" if reason else ""
    path = folder(library) / f"user-{seq:010d}-{stamp}{suffix}.json.gz"
    body = {name: tables.get(name, {}) for name in (*TABLES, HISTORY)}
    payload = {"format": "warta-user-backup", "seq": seq, "counts": counts(tables), "tables": body}
    atomic_write_bytes(path, gzip.compress(orjson.dumps(payload), compresslevel=5))
    rotate(library)
    return path


def keep_current_files(library: Path) -> list[Path]:
    """Copy ``user.json`` and ``user.journal`` as they are into the backups (before a restore
    writes over them), readable or not: a damaged file may still hold something."""
    stamp = _dt.datetime.now(_dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = []
    for name in (USER_FILE, JOURNAL_FILE):
        src = library / name
        try:
            data = src.read_bytes()
        except FileNotFoundError:
            continue
        dst = folder(library) / f"replaced-{stamp}-{name}.gz"
        atomic_write_bytes(dst, gzip.compress(data, compresslevel=5))
        kept.append(dst)
    return kept


def archive_journal(library: Path, journal_path: Path, first: int, last: int) -> Path | None:
    """Keep a compressed copy of the journal lines about to be folded into the snapshot."""
    try:
        data = journal_path.read_bytes()
    except FileNotFoundError:
        return None
    if not data:
        return None
    path = folder(library) / f"journal-{first:010d}-{last:010d}.jsonl.gz"
    atomic_write_bytes(path, gzip.compress(data, compresslevel=5))
    return path


class Keeper:
    """Keeps a library's backups as its user store changes (see ``userstore.Keeper``)."""

    def __init__(self, library: Path) -> None:
        self.library = library

    def newest_seq(self) -> int:
        """Sequence number of the newest snapshot or archived change (0 with no backups)."""
        snaps = snapshots(self.library)
        archives = journal_archives(self.library)
        return max([s.seq for s in snaps] + [last for _f, last, _p in archives] + [0])

    def first_change(self, tables: dict[str, dict[str, Any]], seq: int) -> None:
        write_snapshot(self.library, tables, seq, reason="first")

    def compacted(self, snapshot: Path, journal_path: Path, first: int, last: int) -> None:
        """Between writing the new snapshot and resetting the journal: archive the journal,
        and keep a snapshot backup at least every :data:`SNAPSHOT_EVERY`."""
        archive_journal(self.library, journal_path, first, last)
        snaps = snapshots(self.library)
        stale = not snaps or _dt.datetime.now(_dt.UTC) - snaps[-1].time > SNAPSHOT_EVERY
        if stale:
            write_snapshot(self.library, orjson.loads(snapshot.read_bytes()), last)
        else:
            rotate(self.library)


def budget(library: Path) -> int:
    """Bytes the folder may use: 64 MiB, or four times the user's data if that is more."""
    try:
        size = (library / USER_FILE).stat().st_size
    except FileNotFoundError:
        size = 0
    return max(MIN_BUDGET, 4 * size)


def rotate(library: Path) -> list[Path]:
    """Keep the folder within :func:`budget`; returns the files removed.

    Journal archives older than the oldest snapshot go first (only a replay from the very
    start needs them), then the oldest snapshots with the archives after them; the newest
    :data:`KEEP_AT_LEAST` snapshots and every archive after the oldest of them always stay.
    """
    snaps = snapshots(library)
    archives = journal_archives(library)
    limit = budget(library)
    total = sum(_size(s.path) for s in snaps) + sum(_size(p) for *_, p in archives)
    removed: list[Path] = []
    while total > limit:
        oldest = snaps[0].seq if snaps else None
        early = [a for a in archives if oldest is not None and a[1] <= oldest]
        if early:
            victim = early[0]
            archives.remove(victim)
            path = victim[2]
        elif len(snaps) > KEEP_AT_LEAST:
            path = snaps.pop(0).path
        else:
            break
        total -= _size(path)
        removed.append(path)
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def _size(p: Path) -> int:
    try:
        return p.stat().st_size
    except FileNotFoundError:
        return 0


def read_snapshot(snap: Snapshot) -> tuple[int, dict[str, dict[str, Any]]]:
    """(seq, tables) of a snapshot backup."""
    try:
        payload = orjson.loads(gzip.decompress(snap.path.read_bytes()))
        return int(payload["seq"]), payload["tables"]
    except (OSError, EOFError, ValueError, KeyError, TypeError, gzip.BadGzipFile) as exc:
        raise BackupError(f"backup {snap.path} cannot be read ({exc})") from exc


def _entries_after(library: Path, seq: int) -> list[journal.Entry]:
    """Every journal entry after ``seq``: archived segments, then the live journal (salvaged)."""
    out: dict[int, journal.Entry] = {}
    for _first, last, p in journal_archives(library):
        if last <= seq:
            continue
        try:
            data = gzip.decompress(p.read_bytes())
        except (OSError, EOFError, gzip.BadGzipFile):
            continue
        tmp = _decode_lines(data)
        for e in tmp:
            if e.seq > seq:
                out[e.seq] = e
    live, _bad = journal.salvage(library / JOURNAL_FILE)
    for e in live:
        if e.seq > seq:
            out[e.seq] = e
    return [out[k] for k in sorted(out)]


def _decode_lines(data: bytes) -> list[journal.Entry]:
    entries = []
    for line in data.splitlines(keepends=True):
        e = journal._decode(line)
        if e is not None:
            entries.append(e)
    return entries


def replay(
    tables: dict[str, dict[str, Any]], entries: Iterable[journal.Entry], until: str | None = None
) -> int:
    """Apply journal entries to ``tables`` in place (up to time ``until``); returns the last seq."""
    from warta.store.library.userstore import apply_record

    last = 0
    for e in entries:
        if until is not None and e.tx.get("time", "") > until:
            break
        apply_record(tables, e.seq, e.tx)
        last = e.seq
    return last


@dataclass(frozen=True)
class Recovery:
    """A state rebuilt from backups, ready to be written back."""

    tables: dict[str, dict[str, Any]]
    seq: int
    source: str
    """What it was built from, for the user: ``user-...json.gz + 12 later changes``."""


def recover(library: Path, *, name: str | None = None, until: str | None = None) -> Recovery:
    """Rebuild a state: the newest one (default), backup ``name`` as it was, or as of ``until``.

    ``until`` is an ISO time (UTC, as Warta stores times); the newest snapshot at or before it is
    taken and changes up to it replayed.
    """
    snaps = snapshots(library)
    if name is not None:
        chosen = [s for s in snaps if s.name == name or s.path == Path(name)]
        if not chosen:
            raise BackupError(f"no backup named {name!r} in {folder(library)}")
        seq, tables = read_snapshot(chosen[0])
        return Recovery(tables, seq, chosen[0].name)
    if until is not None:
        snaps = [s for s in snaps if s.time.isoformat(timespec="seconds") <= until]
    base_seq, tables, source = 0, {name: {} for name in (*TABLES, HISTORY)}, "nothing"
    for snap in reversed(snaps):
        try:
            base_seq, tables = read_snapshot(snap)
            source = snap.name
            break
        except BackupError:
            continue
    entries = _entries_after(library, base_seq)
    last = replay(tables, entries, until)
    applied = sum(1 for e in entries if e.seq <= last) if last else 0
    if applied:
        source += f" + {applied} later change{'s' if applied != 1 else ''}"
    return Recovery(tables, max(base_seq, last), source)


def state_tables(raw: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The user's tables out of a parsed ``user.json`` (for backing up the current state)."""
    return {k: v for k, v in raw.items() if k != STATE and isinstance(v, dict)}
