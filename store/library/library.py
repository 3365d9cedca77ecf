"""The article library: a folder of TinyDB files, opened by the TUI and every CLI command.

Layout of a library folder::

    meta.json          schema version (so newer Warta versions can migrate older libraries)
    articles.json      one metadata record per article (no bodies): segment 0 (see ``segments``)
    articles/NNNNNN.json   the records of later segments, once the first is full
    head.json          the article count and the newest few hundred records, for the first screen
    bodies/NN.json     the raw article texts, sharded by content hash; read only when opened
    bodies/NNNNNN/NN.json  the texts of later segments
    cache/             catalogs of the records and the search index (rebuilt when stale)
    user.json          the user's data (tags, notes, state, passages, codebook, undo history)
    user.journal       the changes to the user's data since user.json was written
    backups/           snapshots and archived journals of the user's data (see backups.py)
    .lock              taken for every write, so the TUI and a CLI command can run side by side

An edit of the user's data appends one line to ``user.journal`` (see ``userstore``), so its
cost follows the change, never the corpus or the user's whole data. Every other file is
replaced atomically (see ``storage``). Records are read through their segments' catalogs
(``catalog``): opening a library maps them, and a record is decoded when it is used.
"""

from __future__ import annotations

import datetime as _dt
import os
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.table import Document, Table

from warta.store.library import backups, segments
from warta.store.library.catalog import AnyCatalog, Catalog, CatalogDamaged, MemoryCatalog
from warta.store.library.catalog import encode as encode_catalog
from warta.store.library.catalog import signature as file_signature
from warta.store.library.furniture import LearnedFurniture
from warta.store.library.records import Records
from warta.store.library.segments import Segment
from warta.store.library.storage import AtomicJSONStorage, atomic_write_bytes
from warta.store.library.userstore import UserStore
from warta.store.model import (
    SCHEMA_VERSION,
    Annotation,
    ArticleRecord,
    Extraction,
    empty_annotation,
)
from warta.store.text import short_id

BODY_SHARDS = segments.BODY_SHARDS
ID_LENGTH = 8
HEAD_FILE = "head.json"
HEAD_ROWS = 300
"""Newest records kept in ``head.json``: enough to fill the first screen of the tallest terminal."""


class LibraryError(Exception):
    """A library cannot be opened or an id does not name an article."""


class _IdTable(Table):
    """A TinyDB table keyed by Warta's string ids instead of TinyDB's counters.

    Keying by article id makes ``get``/``upsert`` of one article O(1) and keeps ids stable
    across processes (no "next id" counter to race on).
    """

    document_id_class = str

    def put_multiple(self, docs: Iterable[Document]) -> None:
        """Insert or replace documents by id, in one write of the table.

        Unlike ``insert_multiple`` this never fails on an id that exists: an import killed
        after writing an article's text but before its record leaves that text behind, and
        the next import of the same article must simply write it again.
        """
        batch = {str(d.doc_id): dict(d) for d in docs}
        self._update_table(lambda table: table.update(batch))


class _IdDB(TinyDB):
    table_class = _IdTable


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class NewArticle:
    """An article ready to be added: its metadata record and the inputs extraction ran on."""

    record: ArticleRecord
    text: str
    input_title: str | None
    input_source: str | None
    input_date: str | None


_shard_of = segments.shard_of
_SHARDS_OPEN = 16
"""Parsed text shards kept (the last used ones): at a million articles they are many."""


def _migrate_1_to_2(path: Path) -> None:
    """Version 2 adds the journal, passages, the codebook and backups; the user file of
    version 1 reads as is. Keep a backup of it first, as of before the upgrade."""
    user = path / "user.json"
    if user.exists() and user.stat().st_size:
        backups.write_snapshot(path, orjson.loads(user.read_bytes()), 0, reason="schema-1")


def _migrate_2_to_3(path: Path) -> None:
    """Version 3 adds segments (``articles/``, ``bodies/NNNNNN/``) after ``articles.json``,
    which stays as segment 0 unchanged: nothing to move. The version is raised so that an
    older Warta, which would read segment 0 only, refuses the library instead."""


_MIGRATIONS: dict[int, Any] = {1: _migrate_1_to_2, 2: _migrate_2_to_3}
"""Schema migrations, ``{from_version: fn(library_path)}``."""

LIBRARY_FILES = frozenset({"meta.json", "articles.json", "head.json", "user.json", "articles"})


class Library:
    """An open library folder. Cheap to open: bodies are read only when an article is shown."""

    def __init__(self, path: str | Path, *, coder: str | None = None) -> None:
        self.path = Path(path).expanduser()
        self._refuse_foreign_folder()
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(f"cannot create library folder {self.path}: {exc}") from exc
        self._write_lock: Any = None
        self._check_schema()
        self.user = UserStore(
            self.path, self._lock, coder or default_coder(), keeper=backups.Keeper(self.path)
        )
        """The user's data (tags, notes, passages, codebook, history); see ``userstore``."""
        self.furniture = LearnedFurniture(self.path)
        """Lines each outlet repeats across the library's articles (a cache; see furniture)."""
        self._shards: OrderedDict[tuple[int, str], _IdDB] = OrderedDict()
        self._extractions: OrderedDict[str, Extraction] = OrderedDict()
        # Article metadata is opened on first use, not here: the reader paints its first
        # screen from the small head file while a worker opens the rest.
        self._load_lock = threading.Lock()
        self._loaded = False
        self._head_segments: dict[str, int] = {}
        """Segment of each head-file row, so the first screen's texts need no catalog."""

    def _refuse_foreign_folder(self) -> None:
        """Never turn a folder of other files into a library (``--db ~/Documents`` by mistake)."""
        if not self.path.is_dir() or (self.path / "meta.json").exists():
            return
        try:
            entries = [e for e in self.path.iterdir() if e.name != ".lock"]
        except OSError as exc:
            raise LibraryError(f"cannot read library folder {self.path}: {exc}") from exc
        if entries and not any(e.name in LIBRARY_FILES for e in entries):
            raise LibraryError(
                f"{self.path} is not a Warta library (it holds other files); give --db a new "
                "or empty folder"
            )

    def _lock(self) -> Any:
        """The inter-process write lock, made on first write (which also removes temp files a
        killed writer left; see ``storage.write_lock``)."""
        if self._write_lock is None:
            from warta.store.library.storage import write_lock

            self._write_lock = write_lock(self.path)
        return self._write_lock

    # -- opening -------------------------------------------------------------------------------

    def _check_schema(self) -> None:
        meta_db = _IdDB(self.path / "meta.json", storage=AtomicJSONStorage)
        meta = meta_db.table("meta")
        doc = meta.get(doc_id="library")
        if doc is None:
            with self._lock():
                meta.upsert(
                    Document({"schema": SCHEMA_VERSION, "created": _now()}, doc_id="library")
                )
            return
        version = int(doc.get("schema", 1))
        if version > SCHEMA_VERSION:
            raise LibraryError(
                f"{self.path} was written by a newer Warta (library schema {version}, "
                f"this Warta reads up to {SCHEMA_VERSION}); upgrade Warta to open it"
            )
        while version < SCHEMA_VERSION:
            with self._lock():
                _MIGRATIONS[version](self.path)
                version += 1
                meta.upsert(Document({"schema": version}, doc_id="library"))

    @property
    def loaded(self) -> bool:
        """True once article metadata has been parsed (it is, on first use)."""
        return self._loaded

    @property
    def articles(self) -> Records:
        """Every article's metadata record, in import order (positions are stable).

        A read-only sequence: each record is decoded from its segment's catalog when it is
        read, so do not change one in place (``replace_records`` does that).
        """
        if not self._loaded:
            self._load_articles()
        return self._records

    @property
    def _index(self) -> dict[str, int]:
        """Id -> position, built on first use (a lookup needs every id, once)."""
        if not self._loaded:
            self._load_articles()
        if self._positions is None:
            with self._load_lock:
                if self._positions is None:
                    self._positions = self._id_table(lambda c: c.ids())
        return self._positions

    @property
    def _by_hash(self) -> dict[str, str]:
        if not self._loaded:
            self._load_articles()
        if self._hashes is None:
            with self._load_lock:
                if self._hashes is None:
                    ids = list(self._part_lists(lambda c: c.ids()))
                    hashes = list(self._part_lists(lambda c: c.hashes()))
                    self._hashes = dict(zip(hashes, ids, strict=True))
        return self._hashes

    def _part_lists(self, get: Any) -> Any:
        """``get(catalog)`` of every part in order, chained (a damaged part is made again)."""
        for k in range(len(self._records.parts)):
            try:
                yield from get(self._records.parts[k])
            except CatalogDamaged:
                self._records.parts[k] = self._heal(k)
                yield from get(self._records.parts[k])

    def _id_table(self, get: Any) -> dict[str, int]:
        return {v: i for i, v in enumerate(self._part_lists(get))}

    def _load_articles(self) -> None:
        with self._load_lock:  # the TUI's loader thread and the UI thread may both ask
            if self._loaded:
                return
            self._segments = segments.discover(self.path)
            self._stats = self._stat_all(self._segments)
            parts = [self._open_catalog(seg) for seg in self._segments]
            self._records = Records(parts, heal=self._heal)
            self._positions: dict[str, int] | None = None
            self._hashes: dict[str, str] | None = None
            self._loaded = True

    @staticmethod
    def _stat_all(segs: Sequence[Segment]) -> list[tuple[int, ...] | None]:
        """What tells that another process rewrote a segment (see ``refresh``)."""
        out: list[tuple[int, ...] | None] = []
        for seg in segs:
            try:
                st = os.stat(seg.records)
            except FileNotFoundError:
                out.append(None)
                continue
            out.append((seg.number, st.st_size, st.st_mtime_ns, st.st_ino))
        return out

    def _open_catalog(self, seg: Segment) -> AnyCatalog:
        """The segment's catalog from the cache when it is current, else made again."""
        sig = file_signature(seg.records)
        if sig is None:
            return MemoryCatalog([])  # no file yet: a new library's first segment
        try:
            cat = Catalog(seg.catalog(self.path))
            if cat.source == sig:
                return cat
            cat.close()
        except (OSError, CatalogDamaged):
            pass
        return self._make_catalog(seg, sig)

    def _make_catalog(
        self, seg: Segment, sig: list[int] | None, records: list[ArticleRecord] | None = None
    ) -> AnyCatalog:
        """Write the segment's catalog (from ``records``, else by parsing the segment)."""
        if records is None:
            # Parsing checks the file (a damaged one raises CorruptFileError, as before).
            data = AtomicJSONStorage(seg.records, create=False).read() or {}
            records = list(data.get("articles", {}).values())
        path = seg.catalog(self.path)
        try:
            atomic_write_bytes(path, encode_catalog(records, sig), durable=False)
            return Catalog(path)
        except (OSError, CatalogDamaged):  # a read-only disk: work from memory this time
            return MemoryCatalog(list(records), sig)

    def _heal(self, k: int) -> AnyCatalog:
        """Part ``k``'s catalog turned out damaged: make it again from its segment."""
        seg = self._segments[k]
        return self._make_catalog(seg, file_signature(seg.records))

    def stale_count(self, version: int) -> int:
        """How many articles another extractor version made (from the catalogs' headers)."""
        from warta.store.library.catalog import stale_count

        return stale_count(self.articles.parts, version)

    def head(self) -> tuple[int, list[ArticleRecord]] | None:
        """(article count, newest records) from the head file, without opening the catalogs.

        None when the library has no head file yet (made before it existed, or empty).
        """
        try:
            data = orjson.loads((self.path / HEAD_FILE).read_bytes())
            total, rows = int(data["total"]), list(data["rows"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        hints = data.get("segments") if isinstance(data, dict) else None
        if isinstance(hints, list) and len(hints) == len(rows):
            self._head_segments = {
                r["id"]: s
                for r, s in zip(rows, hints, strict=True)
                if isinstance(r, dict) and isinstance(r.get("id"), str) and type(s) is int
            }
        return total, rows

    def write_head(self) -> None:
        """Rewrite the head file: the count and the newest records, for a fast first screen."""
        arts = self.articles
        titles: list[str] = []
        dates: list[str | None] = []
        for a in arts:
            titles.append(a["title"])
            dates.append(a["date"])
        self._write_head_of(range(len(arts)), titles, dates)

    def _write_head_of(
        self, positions: Sequence[int], titles: Sequence[str], dates: Sequence[str | None]
    ) -> None:
        """Write the head from candidate rows (in position order) holding the newest ones."""
        from warta.store.search.index import newest_first

        arts = self.articles
        order = newest_first(titles, dates)[:HEAD_ROWS]
        picked = [positions[k] for k in order]
        rows = [arts[p] for p in picked]
        hints = [self._segments[arts.locate(p)[0]].number for p in picked]
        atomic_write_bytes(
            self.path / HEAD_FILE,
            orjson.dumps({"total": len(arts), "rows": rows, "segments": hints}),
        )

    def _update_head(
        self, old_total: int, new: Sequence[int], records: Sequence[ArticleRecord] | None = None
    ) -> None:
        """The head after appending or changing the articles at positions ``new`` (their
        ``records``, when given): the newest of the old head's rows and those (no pass over
        the library)."""
        head = self.head()
        index = self._index
        if head is None or head[0] != old_total or any(r["id"] not in index for r in head[1]):
            self.write_head()
            return
        arts = self.articles
        known = dict(zip(new, records, strict=True)) if records is not None else {}
        cand = sorted({*(index[r["id"]] for r in head[1]), *new})
        recs = [known.get(p) or arts[p] for p in cand]
        self._write_head_of(cand, [r["title"] for r in recs], [r["date"] for r in recs])

    def refresh(self) -> bool:
        """Reopen the records if another process changed them since we read them; True if so."""
        if not self._loaded:
            return False
        if self._stat_all(segments.discover(self.path)) != self._stats:
            self._loaded = False
            self._load_articles()
            return True
        return False

    def refresh_user(self) -> set[str]:
        """Take in the user's data changed by another process; returns the article ids whose
        annotations changed (so a reader can show `warta tag` run from another terminal).
        A codebook change (colours, descriptions) is reported as the id ``"*"``."""
        return self._articles_of(self.user.refresh())

    def _articles_of(self, touched: Iterable[tuple[str, str]]) -> set[str]:
        out: set[str] = set()
        for table, key in touched:
            if table == "annotations":
                out.add(key)
            elif table == "codebook":
                out.add("*")
            elif table == "searches":  # saved searches belong to no article
                continue
            else:
                doc = self.user.get(table, key)
                out.add(doc["article"] if doc else "*")
        return out

    # -- reading -------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.articles)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._index

    def article(self, article_id: str) -> ArticleRecord:
        """The metadata record of an article (``LibraryError`` if there is none)."""
        try:
            return self.articles[self._index[article_id]]
        except KeyError:
            raise LibraryError(f"no article with id {article_id!r}") from None

    def position(self, article_id: str) -> int:
        """Index of the article in ``articles`` (the order search indexes use)."""
        return self._index[article_id]

    def resolve(self, id_or_prefix: str) -> str:
        """The full id for an id or a unique id prefix, like git's short hashes."""
        key = id_or_prefix.strip().lower()
        if key in self._index:
            return key
        matches = [a for a in self._index if a.startswith(key)] if key else []
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise LibraryError(f"no article with id {id_or_prefix!r}")
        raise LibraryError(f"id prefix {id_or_prefix!r} is ambiguous ({len(matches)} articles)")

    def contains_hash(self, content_hash: str) -> str | None:
        """The id of the article with this content hash, if the library has it."""
        return self._by_hash.get(content_hash)

    def segment_of(self, article_id: str) -> Segment:
        """The segment holding an article (``LibraryError`` if there is none)."""
        if not self._loaded and article_id in self._head_segments:
            return segments.segment(self.path, self._head_segments[article_id])
        try:
            k, _j = self.articles.locate(self._index[article_id])
        except KeyError:
            raise LibraryError(f"no article with id {article_id!r}") from None
        return self._segments[k]

    def shard_key(self, article_id: str, content_hash: str) -> str:
        """The name of the text shard holding an article (as doctor reports it)."""
        return self.segment_of(article_id).shard_key(_shard_of(content_hash))

    def _shard(self, seg: Segment, name: str) -> _IdTable:
        key = (seg.number, name)
        db = self._shards.get(key)
        if db is None:
            db = _IdDB(seg.shard_path(name), storage=AtomicJSONStorage)
            self._shards[key] = db
            if len(self._shards) > _SHARDS_OPEN:
                self._shards.popitem(last=False)
        else:
            self._shards.move_to_end(key)
        return db.table("bodies")

    def _shard_by_key(self, key: str) -> _IdTable:
        number, _, shard = key.rpartition("/")
        return self._shard(segments.segment(self.path, int(number or 0)), shard)

    def body_input(self, article_id: str, rec: ArticleRecord | None = None) -> dict[str, Any]:
        """The stored raw text and import fields of an article (what extraction runs on).

        Given the article's record (e.g. from the head file), this reads only its body shard.
        """
        rec = rec or self.article(article_id)
        shard = _shard_of(rec["hash"])
        doc = self._shard(self.segment_of(article_id), shard).get(doc_id=article_id)
        if doc is None and not self._loaded:  # the head file's hint was stale
            self._load_articles()
            doc = self._shard(self.segment_of(article_id), shard).get(doc_id=article_id)
        if doc is None:
            raise LibraryError(f"the text of article {article_id} is missing from {self.path}")
        return dict(doc)

    def body_inputs(self, recs: Sequence[ArticleRecord]) -> list[dict[str, Any]]:
        """:meth:`body_input` of many articles, in their order, reading them shard by shard:
        in position order they are spread over every shard, and each read would parse one."""
        order = sorted(
            range(len(recs)),
            key=lambda i: (self.segment_of(recs[i]["id"]), _shard_of(recs[i]["hash"])),
        )
        out: list[dict[str, Any]] = [{}] * len(recs)
        for i in order:
            out[i] = self.body_input(recs[i]["id"], recs[i])
        return out

    def extraction(self, article_id: str, rec: ArticleRecord | None = None) -> Extraction:
        """Cleaned body, quotes and metadata of an article, extracted from its stored text.

        Extraction runs on open (a few milliseconds) rather than being stored, so the reader
        always shows the current extractor's output, cleaned of the lines the article's outlet
        repeats across the library (learned furniture); the last few results are cached.
        """
        cached = self._extractions.get(article_id)
        if cached is not None:
            self._extractions.move_to_end(article_id)
            return cached
        from warta.store.extract import extract

        rec = rec or self.article(article_id)
        doc = self.body_input(article_id, rec)
        result = extract(
            doc["text"],
            title=doc.get("title"),
            source=doc.get("source"),
            date=doc.get("date"),
            recurring=self.furniture.keys_for(rec.get("outlet") or doc.get("source")),
        )
        self._extractions[article_id] = result
        if len(self._extractions) > 64:
            self._extractions.popitem(last=False)
        return result

    def annotation(self, article_id: str) -> Annotation:
        """The user's tags, note and state for an article (empty if never touched)."""
        doc = self.user.get("annotations", article_id)
        ann = empty_annotation()
        if doc is not None:
            ann.update(doc)  # type: ignore[typeddict-item]
        return ann

    def annotations(self) -> dict[str, Annotation]:
        """Every article the user has touched, by id."""
        out: dict[str, Annotation] = {}
        for key, doc in list(self.user.table("annotations").items()):
            ann = empty_annotation()
            ann.update(doc)  # type: ignore[typeddict-item]
            out[key] = ann
        return out

    def tag_counts(self) -> Counter[str]:
        """How many articles carry each tag on the article or on a passage (most used first)."""
        from warta.store.annotate.codebook import article_tag_sets

        counts: Counter[str] = Counter()
        for tags in article_tag_sets(self).values():
            counts.update(tags)
        return counts

    # -- the user's edits ----------------------------------------------------------------------

    def _edit(self, article_id: str, label: str, change: Any) -> Annotation:
        self.article(article_id)  # raises for unknown ids before anything is written

        def build() -> list[tuple[str, str, dict[str, Any]]]:
            ann = self.annotation(article_id)
            change(ann)
            ann["updated"] = _now()
            return [("annotations", article_id, dict(ann))]

        self.user.transact(label, build)
        self.user.compact_in_background()
        return self.annotation(article_id)

    def add_tags(self, article_id: str, tags: Iterable[str]) -> Annotation:
        """Add tags (trimmed, de-duplicated, order kept) to an article."""
        new = [t for t in (normalise_tag(t) for t in tags) if t]
        coder = self.user.coder

        def change(ann: Annotation) -> None:
            ann["tags"] = list(dict.fromkeys([*ann["tags"], *new]))
            coders = dict(ann["coders"])
            for t in new:
                coders[t] = sorted({*coders.get(t, []), coder})
            ann["coders"] = coders

        return self._edit(article_id, "tag " + " ".join("#" + t for t in new), change)

    def remove_tags(self, article_id: str, tags: Iterable[str]) -> Annotation:
        """Remove tags from an article (unknown tags are ignored)."""
        gone = {normalise_tag(t) for t in tags}

        def change(ann: Annotation) -> None:
            ann["tags"] = [t for t in ann["tags"] if t not in gone]
            ann["coders"] = {t: c for t, c in ann["coders"].items() if t not in gone}

        return self._edit(article_id, "untag " + " ".join("#" + t for t in sorted(gone)), change)

    def set_note(self, article_id: str, note: str, *, base: str | None = None) -> bool:
        """Replace the article's note (an empty string removes it).

        ``base`` is the note as the editor last saw it. If another process changed the note
        since, both versions are kept: this one becomes the note, the other is saved as a
        conflict copy (an extra note of the article). Returns True when that happened.
        """
        from warta.store.annotate.notes import conflict_copy

        self.article(article_id)
        text = note.rstrip()
        coder = self.user.coder
        conflict = [False]

        def build() -> list[tuple[str, str, dict[str, Any] | None]]:
            ann = self.annotation(article_id)
            changes: list[tuple[str, str, dict[str, Any] | None]] = []
            current = ann["note"]
            if base is not None and current != base.rstrip() and current not in ("", text):
                changes.append(conflict_copy(self, article_id, current, ann["note_coder"]))
                conflict[0] = True
            ann["note"] = text
            ann["note_coder"] = coder if text else ""
            ann["updated"] = _now()
            changes.append(("annotations", article_id, dict(ann)))
            return changes

        self.user.transact("note" if text else "remove note", build)
        self.user.compact_in_background()
        return conflict[0]

    def set_read(self, article_id: str, read: bool) -> Annotation:
        """Mark the article read or unread."""
        label = "mark read" if read else "mark unread"
        return self._edit(article_id, label, lambda ann: ann.__setitem__("read", read))

    def set_starred(self, article_id: str, starred: bool) -> Annotation:
        """Star or unstar the article."""
        label = "star" if starred else "unstar"
        return self._edit(article_id, label, lambda ann: ann.__setitem__("starred", starred))

    # -- import --------------------------------------------------------------------------------

    def new_id(self, content_hash: str, taken: Iterable[str] = ()) -> str:
        """A short id for new content: 8 base32 chars, longer only on a (rare) prefix clash."""
        reserved = set(taken)
        length = ID_LENGTH
        while True:
            candidate = short_id(content_hash, length)
            if candidate not in self._index and candidate not in reserved:
                return candidate
            length += 2

    def add_articles(self, batch: Sequence[NewArticle]) -> list[str]:
        """Store a batch of new articles (bodies first, then metadata); returns their ids.

        Articles whose content hash is already in the library are left out. The batch goes
        into the last segment while that has room, else into a new one (see ``segments``):
        each of its text shards and its records file is written once, so the cost of a batch
        follows the batch, not the library.
        """
        with self._lock():
            self.refresh()
            fresh: list[NewArticle] = []
            seen: set[str] = set()
            by_hash = self._by_hash
            for item in batch:
                h = item.record["hash"]
                if h in by_hash or h in seen:
                    continue
                seen.add(h)
                fresh.append(item)
            if not fresh:
                return []
            parts = self.articles.parts
            last = self._segments[-1]
            append = parts[-1].n + len(fresh) <= segments.SEGMENT_RECORDS or parts[-1].n == 0
            seg = last if append else segments.segment(self.path, last.number + 1)
            by_shard: dict[str, list[Document]] = {}
            for item in fresh:
                doc = {
                    "text": item.text,
                    "title": item.input_title,
                    "source": item.input_source,
                    "date": item.input_date,
                }
                by_shard.setdefault(_shard_of(item.record["hash"]), []).append(
                    Document(doc, doc_id=item.record["id"])
                )
            for name, docs in by_shard.items():
                self._shard(seg, name).put_multiple(docs)
            storage = AtomicJSONStorage(seg.records)
            data = (storage.read() or {}) if append else {}
            table = dict(data.get("articles", {}))
            old_total = len(self.articles)
            for item in fresh:
                table[item.record["id"]] = dict(item.record)
            # One atomic write of the segment: a crash leaves the batch in it or not at all.
            storage.write({**data, "articles": table})
            self._segment_written(seg, list(table.values()), new=not append)
            index, hashes = self._positions, self._hashes
            for k, item in enumerate(fresh):
                rec = item.record
                if index is not None:
                    index[rec["id"]] = old_total + k
                if hashes is not None:
                    hashes[rec["hash"]] = rec["id"]
            self._update_head(
                old_total,
                range(old_total, old_total + len(fresh)),
                [item.record for item in fresh],
            )
            self.furniture.learn(
                (item.record["outlet"] or item.input_source, item.text) for item in fresh
            )
            self._extractions.clear()  # what the outlets repeat is better known now
            return [item.record["id"] for item in fresh]

    def _segment_written(self, seg: Segment, records: list[ArticleRecord], *, new: bool) -> None:
        """Take in a segment this process just wrote: its catalog, the positions."""
        catalog = self._make_catalog(seg, file_signature(seg.records), records)
        parts = list(self.articles.parts)
        if new:
            self._segments.append(seg)
            parts.append(catalog)
        else:
            # The old catalog is not closed: a list pane may still read from the old records.
            parts[self._segments.index(seg)] = catalog
        self._records = Records(parts, heal=self._heal)
        self._stats = self._stat_all(self._segments)

    def _rewrite_segments(self, change: Any, ids: Iterable[str]) -> int:
        """Rewrite, each in one atomic write, the segments holding ``ids`` whose records
        ``change(table)`` alters (it edits the id -> record table in place and returns True
        if it did); returns the records removed. Positions are then read again."""
        removed = 0
        index, arts = self._index, self.articles
        held = sorted({arts.locate(index[i])[0] for i in ids if i in index})
        for seg in [self._segments[k] for k in held]:
            storage = AtomicJSONStorage(seg.records, create=False)
            data = storage.read()
            if data is None:
                continue
            table = dict(data.get("articles", {}))
            before = len(table)
            if change(table):
                removed += before - len(table)
                storage.write({**data, "articles": table})
                self._make_catalog(seg, file_signature(seg.records), list(table.values()))
        self._loaded = False
        self._load_articles()
        return removed

    def drop_records(self, ids: Iterable[str]) -> int:
        """Remove article records (their text is gone); the user's marks on them are kept.

        Used by ``warta doctor``. Returns how many were removed. Positions change, so a search
        index built before must be rebuilt.
        """
        gone = set(ids)

        def drop(table: dict[str, Any]) -> bool:
            hit = gone & table.keys()
            for key in hit:
                del table[key]
            return bool(hit)

        with self._lock():
            self.refresh()
            removed = self._rewrite_segments(drop, gone)
            self.write_head()
        return removed

    def drop_texts(self, shard: str, ids: Iterable[str]) -> None:
        """Remove article texts from one text shard (texts no record points at); ``shard`` is
        its name as :meth:`shard_key` gives it."""
        gone = {str(i) for i in ids}

        def drop(table: dict[str, Any]) -> None:
            for key in gone:
                table.pop(key, None)

        with self._lock():
            self._shard_by_key(shard)._update_table(drop)

    def replace_records(self, records: Sequence[ArticleRecord]) -> None:
        """Replace the metadata of existing articles (after re-extraction), each segment they
        are in with one atomic write."""
        with self._lock():
            self.refresh()
            by_id = {rec["id"]: rec for rec in records}
            for aid in by_id:
                if aid not in self._index:
                    raise LibraryError(f"no article with id {aid!r}")
            head = self.head()
            old = {aid: self.article(aid) for aid in by_id}

            def replace(table: dict[str, Any]) -> bool:
                hit = by_id.keys() & table.keys()
                for key in hit:
                    table[key] = dict(by_id[key])
                return bool(hit)

            # A crash leaves each segment with either the old metadata or the new, never a
            # mix within it or an empty one.
            self._rewrite_segments(replace, by_id)
            self._extractions.clear()
            in_head = {r["id"] for r in head[1]} if head is not None else set()
            moved = any(
                (old[a]["title"], old[a]["date"]) != (by_id[a]["title"], by_id[a]["date"])
                for a in in_head & by_id.keys()
            )
            if head is None or head[0] != len(self.articles) or moved:
                self.write_head()
            else:  # the head's rows keep their places: merge in what may now be newer
                index = self._index
                self._update_head(len(self.articles), [index[a] for a in by_id])


def normalise_tag(tag: str) -> str:
    """Tags are single tokens without surrounding space or commas: ``" Hoaks, "`` -> ``hoaks``.

    ``/`` makes a hierarchy (``hoaks/klarifikasi``); empty levels are dropped. Control and
    invisible characters never make two equal-looking tags differ.
    """
    from warta.store.text import clean_field

    flat = " ".join(clean_field(tag).replace(",", " ").split()).replace(" ", "-").lower()
    return "/".join(part.strip("-") for part in flat.split("/") if part.strip("-"))


def default_coder() -> str:
    """Who annotations are recorded as made by: ``$WARTA_CODER``, else the ``coder`` setting,
    else the login name."""
    import getpass
    import os

    name = os.environ.get("WARTA_CODER", "").strip()
    if name:
        return name
    from warta.store.config import ConfigError, load

    try:
        name = str(load().get("coder") or "").strip()
    except ConfigError:
        name = ""  # `warta config` reports a broken file; a coder name is no reason to stop
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (some containers)
        return "me"
