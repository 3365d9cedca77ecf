"""The user's data: TinyDB tables in ``user.json`` plus the journal of every change since.

``user.json`` is a TinyDB database (the store of record) holding the tables named in
:data:`TABLES`, the undo history and a ``_state`` table with the sequence number of the last
transaction folded into it. ``user.journal`` (see :mod:`warta.store.library.journal`) holds the
transactions made since, one checksummed line each. Opening parses the snapshot and replays the
journal; an edit appends one line and fdatasyncs it, so its cost follows the change, not the
user's whole data. When the journal grows past :data:`COMPACT_BYTES` or
:data:`COMPACT_ENTRIES`, it is folded into a new snapshot (written atomically), archived under
``backups/`` and started afresh (:meth:`UserStore.compact`).

Several processes share a library (the reader and ``warta tag`` in another terminal): every
transaction is built under the library's write lock after reading whatever other processes
appended, so none overwrites another's edit, and :meth:`UserStore.refresh` picks up theirs.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from tinydb import TinyDB
from tinydb.table import Table

from warta.store.library import journal
from warta.store.library.storage import AtomicJSONStorage

USER_FILE = "user.json"
JOURNAL_FILE = "user.journal"
SUM_FILE = "user.json.sum"
"""The checksum of user.json as Warta last wrote it (a file changed by anything else is
checked record by record when read)."""
TABLES = ("annotations", "passages", "notes", "codebook", "searches")
BY_ARTICLE = ("passages", "notes")
"""Tables whose documents belong to an article (an ``article`` field), indexed by it."""
"""What the user makes: article tags/notes/state, highlighted passages, extra article notes
(merged from colleagues, or conflict copies), and the codebook (tag colours, descriptions)."""
HISTORY = "history"
STATE = "_state"
FORMAT = 2
HISTORY_MAX = 500
"""Changes kept for undo (the issue asks for at least 200 across restarts)."""
HISTORY_OPS = 20_000
"""Document changes kept for undo in all; the oldest changes go first past it."""
COMPACT_BYTES = 8 * 1024 * 1024
COMPACT_ENTRIES = 2000

Doc = dict[str, Any]
Change = tuple[str, str, Doc | None]
"""(table, key, new document or None to delete): what a transaction's builder returns."""


class UserDataDamaged(ValueError):
    """``user.json`` is empty, missing while changes exist, or of the wrong shape."""

    def __init__(self, path: Path, why: str) -> None:
        self.path = path
        self.why = why
        super().__init__(f"{path} {why}; Warta has not changed it")


def now() -> str:
    """The current UTC time as Warta stores it."""
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Transaction:
    """A change as it was applied: its sequence number and its record (label, ops...)."""

    seq: int
    record: dict[str, Any]

    @property
    def ops(self) -> list[dict[str, Any]]:
        return self.record["ops"]


class _IdTable(Table):
    document_id_class = str


class _IdDB(TinyDB):
    table_class = _IdTable


class Keeper(Protocol):
    """What keeps backups of the store (``warta.store.library.backups.Keeper``)."""

    def newest_seq(self) -> int: ...

    def first_change(self, tables: dict[str, dict[str, Doc]], seq: int) -> None: ...

    def compacted(self, snapshot: Path, journal_path: Path, first: int, last: int) -> None: ...


class UserStore:
    """The user's tables, kept current with the journal; every change is a transaction."""

    def __init__(
        self,
        folder: Path,
        lock: Callable[[], AbstractContextManager[Any]],
        coder: str,
        keeper: Keeper | None = None,
    ) -> None:
        self.folder = folder
        self.path = folder / USER_FILE
        self.journal_path = folder / JOURNAL_FILE
        self.sum_path = folder / SUM_FILE
        self.coder = coder
        self._lock = lock
        self._mutex = threading.RLock()
        self._keeper = keeper
        self._loaded = False
        self._compacting = False
        # TinyDB reads the snapshot through this storage, whose in-memory document is the live
        # state: transactions mutate it, and compaction writes it back.
        self._storage = AtomicJSONStorage(self.path, create=False)
        self._db = _IdDB(self.path, storage=lambda *_: self._storage)

    # -- loading -------------------------------------------------------------------------------

    def _ensure(self) -> None:
        if not self._loaded:
            with self._mutex:
                if not self._loaded:
                    self._load()

    def _load(self) -> None:
        self._storage.reload()
        try:
            size = os.path.getsize(self.path)
        except FileNotFoundError:
            size = None
        if size == 0:
            raise UserDataDamaged(self.path, "is empty (0 bytes)")
        data = (self._storage.read() if size is not None else None) or {}
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise UserDataDamaged(self.path, "does not hold Warta's tables")
        for name in (*TABLES, HISTORY, STATE):
            data.setdefault(name, {})
        self._storage._data = data
        self._storage._loaded = True
        self._tables: dict[str, dict[str, Doc]] = data
        self._by_article: dict[str, dict[str, set[str]]] = {name: {} for name in BY_ARTICLE}
        for name in BY_ARTICLE:
            index = self._by_article[name]
            for key, doc in data[name].items():
                index.setdefault(doc.get("article", ""), set()).add(key)
        snapshot_seq = int(data[STATE].get("state", {}).get("seq", 0))
        self._seq = snapshot_seq
        read = journal.read_from(self.journal_path)
        if size is None and read.entries and read.entries[0].seq > 1:
            raise UserDataDamaged(self.path, "is missing, but the journal holds later changes")
        fresh = [e for e in read.entries if e.seq > snapshot_seq]
        for entry in fresh:
            self._apply(entry.seq, entry.tx)
        self._entries = len(fresh)
        # A file exactly as Warta wrote it (its checksum in the sidecar) needs no shape check,
        # which costs a second at 50,000 passages; anything else is checked record by record.
        problem = None if self._wrote_snapshot() else _wrong_shape(data)
        if problem:
            raise UserDataDamaged(self.path, f"holds a record of the wrong shape ({problem})")
        if self._keeper is not None:
            newest = self._keeper.newest_seq()
            if newest > self._seq:
                raise UserDataDamaged(
                    self.path,
                    f"holds fewer changes than its newest backup ({self._seq} against "
                    f"{newest}): it was replaced or emptied",
                )
        self._journal_end = read.end
        self._journal_ino = _inode(self.journal_path)
        self._loaded = True
        self._clear_caches()

    def _wrote_snapshot(self) -> bool:
        """True when user.json is the file this store (or another Warta) last wrote."""
        try:
            crc, size = self.sum_path.read_text().split()
            return self._storage.checksum == (int(crc, 16), int(size))
        except (OSError, ValueError):
            return False

    def _write_snapshot(self, data: dict[str, Any]) -> None:
        self._storage.write(data)
        from warta.store.library.storage import atomic_write_bytes

        crc, size = self._storage.checksum or (0, 0)
        atomic_write_bytes(self.sum_path, f"{crc:08x} {size}\n".encode())

    def reload(self) -> None:
        """Forget the state in memory; the next read parses the files again."""
        with self._mutex:
            self._loaded = False

    # -- reading -------------------------------------------------------------------------------

    @property
    def seq(self) -> int:
        """Sequence number of the newest transaction applied."""
        self._ensure()
        return self._seq

    def table(self, name: str) -> dict[str, Doc]:
        """The live documents of a table, by key. Read-only for callers: change through
        :meth:`transact`. Iterate over ``list(...)`` of it if another thread may write."""
        self._ensure()
        return self._tables[name]

    def tinydb_table(self, name: str) -> Table:
        """The same table through TinyDB's API (queries, ``all()``)."""
        self._ensure()
        return self._db.table(name)

    def get(self, name: str, key: str) -> Doc | None:
        self._ensure()
        return self._tables[name].get(key)

    # -- writing -------------------------------------------------------------------------------

    def transact(
        self,
        label: str,
        build: Callable[[], Iterable[Change]],
        *,
        kind: str = "edit",
        extra: dict[str, Any] | Callable[[], dict[str, Any]] | None = None,
    ) -> Transaction | None:
        """Build changes against the freshest state and apply them as one durable transaction.

        ``build`` runs under the write lock after other processes' changes have been read, so
        it sees the truth. Changes that change nothing are dropped; if none is left, nothing is
        written and None is returned. Once this returns, the change is on disk (fdatasync).
        ``extra`` adds fields to the record; as a function, it is called after ``build`` (an
        undo learns which change it undoes only then). An undo or redo with a ``target`` is
        written even when it changes nothing, so the history steps past its target.
        """
        self._ensure()
        with self._lock(), self._mutex:
            self._refresh_locked()
            ops: list[dict[str, Any]] = []
            seen: set[tuple[str, str]] = set()
            for table, key, after in build():
                if table not in TABLES:
                    raise ValueError(f"unknown table {table!r}")
                if (table, key) in seen:
                    raise ValueError(f"{table}/{key} changed twice in one transaction")
                seen.add((table, key))
                before = self._tables[table].get(key)
                if before == after:
                    continue
                ops.append({"t": table, "k": key, "b": before, "a": after})
            fields = (extra() if callable(extra) else extra) or {}
            if not ops and not (kind in ("undo", "redo") and "target" in fields):
                return None
            seq = self._seq + 1
            record: dict[str, Any] = {
                "label": label,
                "kind": kind,
                "time": now(),
                "coder": self.coder,
                "ops": ops,
                **fields,
            }
            line = journal.encode(seq, record)
            # On disk first: if the append fails (disk full), memory stays as it was.
            self._journal_end = journal.append(self.journal_path, line, self._journal_end)
            self._journal_ino = _inode(self.journal_path)
            self._apply(seq, record)
            self._entries += 1
            self._clear_caches()
            if seq == 1 and self._keeper is not None:
                # From the very first change on there is a backup to compare with, so a user
                # file emptied or replaced later is recognised (see _load). The change itself
                # is already on disk: a full disk here must not report it as failed.
                with contextlib.suppress(OSError):
                    self._keeper.first_change(self._tables, seq)
        return Transaction(seq, record)

    def _apply(self, seq: int, record: dict[str, Any]) -> None:
        apply_record(self._tables, seq, record)
        for op in record.get("ops", ()):
            if op["t"] in BY_ARTICLE:
                index = self._by_article[op["t"]]
                for doc, present in ((op["b"], False), (op["a"], True)):
                    if doc is not None:
                        keys = index.setdefault(doc["article"], set())
                        if present:
                            keys.add(op["k"])
                        else:
                            keys.discard(op["k"])
        self._seq = seq

    def article_ids(self, name: str) -> list[str]:
        """Articles that have documents in table ``name`` (passages or notes)."""
        self._ensure()
        return [aid for aid, keys in self._by_article[name].items() if keys]

    def of_article(self, name: str, article_id: str) -> list[Doc]:
        """The documents of table ``name`` (passages or notes) that belong to an article."""
        self._ensure()
        table = self._tables[name]
        keys = self._by_article[name].get(article_id, ())
        return [table[k] for k in sorted(keys) if k in table]

    def _clear_caches(self) -> None:
        for table in self._db._tables.values():
            table.clear_cache()

    # -- other processes -----------------------------------------------------------------------

    def refresh(self) -> set[tuple[str, str]]:
        """Take in changes other processes made; returns the (table, key) pairs they touched.

        Costs one ``stat`` when nothing changed.
        """
        if not self._loaded:
            return set()
        with self._mutex:
            return self._refresh_locked()

    def _refresh_locked(self) -> set[tuple[str, str]]:
        try:
            st = os.stat(self.journal_path)
            ino, size = st.st_ino, st.st_size
        except FileNotFoundError:
            ino, size = None, 0
        if ino == self._journal_ino and size == self._journal_end:
            return set()
        if ino is not None and ino == self._journal_ino and size > self._journal_end:
            read = journal.read_from(self.journal_path, self._journal_end)
            touched: set[tuple[str, str]] = set()
            for entry in read.entries:
                if entry.seq > self._seq:
                    self._apply(entry.seq, entry.tx)
                    self._entries += 1
                    touched.update((op["t"], op["k"]) for op in entry.tx.get("ops", ()))
            self._journal_end = read.end
            self._clear_caches()
            return touched
        # The journal was replaced (another process compacted or restored): read it all again.
        before = {name: dict(self._tables[name]) for name in TABLES}
        self._loaded = False
        self._load()
        return {
            (name, key)
            for name in TABLES
            for key in before[name].keys() | self._tables[name].keys()
            if before[name].get(key) != self._tables[name].get(key)
        }

    # -- compaction ----------------------------------------------------------------------------

    def needs_compaction(self) -> bool:
        return self._loaded and (
            self._journal_end > COMPACT_BYTES or self._entries > COMPACT_ENTRIES
        )

    def compact(self) -> bool:
        """Fold the journal into a new snapshot and archive it; True if there was anything.

        Order matters for crashes: the new snapshot (with its sequence number) is written
        atomically first; the journal is archived and then reset. A crash in between leaves a
        journal whose entries the snapshot already holds, and replay skips them.
        """
        self._ensure()
        with self._lock(), self._mutex:
            self._refresh_locked()
            if self._journal_end == 0 and self.path.exists():
                return False
            first_seq = self._seq - self._entries + 1
            self._tables[STATE]["state"] = {"seq": self._seq, "format": FORMAT, "written": now()}
            self._write_snapshot(self._tables)
            if self._keeper is not None and self._journal_end:
                self._keeper.compacted(self.path, self.journal_path, first_seq, self._seq)
            journal.reset(self.journal_path)
            self._journal_end = 0
            self._journal_ino = _inode(self.journal_path)
            self._entries = 0
        return True

    def compact_in_background(self) -> None:
        """Compact on a daemon thread if the journal has grown (at most one at a time)."""
        if self._compacting or not self.needs_compaction():
            return
        self._compacting = True

        def run() -> None:
            try:
                self.compact()
            except Exception:  # the next open or edit retries; nothing is lost
                pass
            finally:
                self._compacting = False

        # Not a daemon: a short-lived `warta tag` must finish folding before it exits, or
        # the journal of a CLI-only user would never be folded at all.
        threading.Thread(target=run, name="warta-compact", daemon=False).start()

    def write_state(self, tables: dict[str, dict[str, Doc]], seq_floor: int = 0) -> None:
        """Replace the whole state (a restore) with a new snapshot and an empty journal.

        The snapshot's sequence number is above every change the old journal and the backups
        hold, so a crash before the journal is reset cannot replay old changes over the
        restored state, and the restored state is never taken for one older than its backups.
        """
        with self._lock(), self._mutex:
            entries, _bad = journal.salvage(self.journal_path)
            newest = self._keeper.newest_seq() if self._keeper is not None else 0
            seq = max(
                [seq_floor, newest, self._seq if self._loaded else 0, *(e.seq for e in entries)]
            )
            data: dict[str, dict[str, Doc]] = {
                name: dict(tables.get(name, {})) for name in (*TABLES, HISTORY)
            }
            data[STATE] = {"state": {"seq": seq + 1, "format": FORMAT, "written": now()}}
            self._write_snapshot(data)
            journal.reset(self.journal_path)
            self._loaded = False
            self._load()

    # -- history -------------------------------------------------------------------------------

    def history(self) -> list[dict[str, Any]]:
        """Changes, oldest first, each with ``seq`` and ``state`` (done, undone or dead)."""
        self._ensure()
        h = self._tables[HISTORY]
        return [h[k] for k in sorted(h)]

    def iter_entries(self) -> Iterator[journal.Entry]:
        """The journal's entries since the snapshot (for backups and the doctor)."""
        return iter(journal.read_from(self.journal_path).entries)


def apply_record(tables: dict[str, dict[str, Doc]], seq: int, record: dict[str, Any]) -> None:
    """Apply one transaction to in-memory tables and their history (no I/O).

    Shared by the live store and by backup recovery, so both replay a journal the same way.
    """
    for op in record.get("ops", ()):
        table = tables.setdefault(op["t"], {})
        if op["a"] is None:
            table.pop(op["k"], None)
        else:
            table[op["k"]] = op["a"]
    history = tables.setdefault(HISTORY, {})
    kind = record.get("kind", "edit")
    if kind in ("undo", "redo"):
        key = _hkey(int(record["target"]))
        if key in history:
            history[key] = {**history[key], "state": "undone" if kind == "undo" else "done"}
        return
    # A new change ends the redo chain, as in every editor. The chain is at the end of the
    # history (only the newest done change is ever undone), so walk back to the last done one.
    for key in reversed(history):
        state = history[key].get("state")
        if state == "done":
            break
        if state == "undone":
            history[key] = {**history[key], "state": "dead"}
    history[_hkey(seq)] = {**record, "seq": seq, "state": "done"}
    _trim_history(history)


def _trim_history(history: dict[str, dict[str, Any]]) -> None:
    """Keep the newest :data:`HISTORY_MAX` changes, and no more than :data:`HISTORY_OPS`
    document changes in all (a bulk change of a whole corpus is big), but always the last.

    Counting every change's operations costs a pass over the history, so it is done only when
    a big change arrives or every :data:`_OPS_CHECK_EVERY` changes: the bound is kept within a
    few changes' worth, and replaying a long journal stays linear.
    """
    while len(history) > HISTORY_MAX:
        del history[next(iter(history))]
    newest = history[next(reversed(history))]
    if len(newest.get("ops", ())) < 1000 and newest.get("seq", 0) % _OPS_CHECK_EVERY:
        return
    ops = sum(len(e.get("ops", ())) for e in history.values())
    while len(history) > 1 and ops > HISTORY_OPS:
        ops -= len(history.pop(next(iter(history))).get("ops", ()))


_OPS_CHECK_EVERY = 64


_SHAPES: dict[str, dict[str, type | tuple[type, ...]]] = {
    "annotations": {"tags": list, "note": str, "read": bool, "starred": bool, "coders": dict},
    "passages": {"article": str, "selector": dict, "tags": list, "note": str},
    "notes": {"article": str, "text": str},
    "codebook": {"colour": str, "description": str},
}


def _wrong_shape(tables: dict[str, dict[str, Any]]) -> str | None:
    """``table/key: field`` of the first record Warta could not use, or None.

    Another program (or a hand edit) can leave valid JSON that is not Warta's: better one
    line naming the record than a crash deep inside the reader.
    """
    for name, fields in _SHAPES.items():
        for key, doc in tables.get(name, {}).items():
            if not isinstance(doc, dict):
                return f"{name}/{key}"
            for fname, kind in fields.items():
                if fname in doc and not isinstance(doc[fname], kind):
                    return f"{name}/{key}: {fname}"
            if name in ("annotations", "passages") and not all(
                isinstance(t, str) for t in doc.get("tags", ())
            ):
                return f"{name}/{key}: tags"
            if name == "passages":
                sel = doc.get("selector", {})
                if not isinstance(sel.get("exact"), str) or not all(
                    isinstance(sel.get(k), int) for k in ("start", "end")
                ):
                    return f"{name}/{key}: selector"
    return None


def _hkey(seq: int) -> str:
    return f"{seq:012d}"


def _inode(path: Path) -> int | None:
    try:
        return os.stat(path).st_ino
    except FileNotFoundError:
        return None
