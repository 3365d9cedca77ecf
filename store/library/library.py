"""The article library: a folder of TinyDB files, opened by the TUI and every CLI command.

Layout of a library folder::

    meta.json          schema version (so newer Warta versions can migrate older libraries)
    articles.json      one metadata record per article (no bodies): what the list and search need
    head.json          the article count and the newest few hundred records, for the first screen
    bodies/NN.json     the raw article texts, sharded by content hash; read only when opened
    user.json          the user's data (tags, notes, state, passages, codebook, undo history)
    user.journal       the changes to the user's data since user.json was written
    backups/           snapshots and archived journals of the user's data (see backups.py)
    .lock              taken for every write, so the TUI and a CLI command can run side by side

An edit of the user's data appends one line to ``user.journal`` (see ``userstore``), so its
cost follows the change, never the corpus or the user's whole data. Every other file is
replaced atomically (see ``storage``).
"""

from __future__ import annotations

import datetime as _dt
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.table import Document, Table

from warta.store.library import backups
from warta.store.library.furniture import LearnedFurniture
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

BODY_SHARDS = 64
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


def _shard_of(content_hash: str) -> str:
    return f"{int(content_hash[:8], 16) % BODY_SHARDS:02d}"


def _migrate_1_to_2(path: Path) -> None:
    """Version 2 adds the journal, passages, the codebook and backups; the user file of
    version 1 reads as is. Keep a backup of it first, as of before the upgrade."""
    user = path / "user.json"
    if user.exists() and user.stat().st_size:
        backups.write_snapshot(path, orjson.loads(user.read_bytes()), 0, reason="schema-1")


_MIGRATIONS: dict[int, Any] = {1: _migrate_1_to_2}
"""Schema migrations, ``{from_version: fn(library_path)}``."""

LIBRARY_FILES = frozenset({"meta.json", "articles.json", "head.json", "user.json"})


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
        self._articles_storage = AtomicJSONStorage(self.path / "articles.json")
        self._articles_db = _IdDB(
            self.path / "articles.json", storage=lambda *_: self._articles_storage
        )
        self._articles = self._articles_db.table("articles")
        self.user = UserStore(
            self.path, self._lock, coder or default_coder(), keeper=backups.Keeper(self.path)
        )
        """The user's data (tags, notes, passages, codebook, history); see ``userstore``."""
        self.furniture = LearnedFurniture(self.path)
        """Lines each outlet repeats across the library's articles (a cache; see furniture)."""
        self._shards: dict[str, _IdDB] = {}
        self._extractions: OrderedDict[str, Extraction] = OrderedDict()
        # Article metadata is parsed on first use, not here: the reader paints its first
        # screen from the small head file while a worker parses articles.json.
        self._load_lock = threading.Lock()
        self._loaded = False

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
    def articles(self) -> list[ArticleRecord]:
        """Every article's metadata record, in import order (positions are stable)."""
        if not self._loaded:
            self._load_articles()
        return self._articles_list

    @property
    def _index(self) -> dict[str, int]:
        if not self._loaded:
            self._load_articles()
        return self._positions

    @property
    def _by_hash(self) -> dict[str, str]:
        if not self._loaded:
            self._load_articles()
        return self._hashes

    def _load_articles(self) -> None:
        with self._load_lock:  # the TUI's loader thread and the UI thread may both ask
            if self._loaded:
                return
            # Read the raw table rather than ``Table.all()``: at 100k articles TinyDB's
            # per-document wrapping costs more than the parse, and these are read-only here.
            raw = self._articles_storage.read() or {}
            self._articles_list: list[ArticleRecord] = list(raw.get("articles", {}).values())
            self._positions: dict[str, int] = {
                a["id"]: i for i, a in enumerate(self._articles_list)
            }
            self._hashes: dict[str, str] = {a["hash"]: a["id"] for a in self._articles_list}
            self._loaded = True

    def head(self) -> tuple[int, list[ArticleRecord]] | None:
        """(article count, newest records) from the head file, without parsing articles.json.

        None when the library has no head file yet (made before it existed, or empty).
        """
        try:
            data = orjson.loads((self.path / HEAD_FILE).read_bytes())
            return int(data["total"]), list(data["rows"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write_head(self) -> None:
        """Rewrite the head file: the count and the newest records, for a fast first screen."""
        from warta.store.search.index import newest_first

        arts = self.articles
        newest = newest_first([a["title"] for a in arts], [a["date"] for a in arts])
        rows = [arts[i] for i in newest[:HEAD_ROWS]]
        atomic_write_bytes(self.path / HEAD_FILE, orjson.dumps({"total": len(arts), "rows": rows}))

    def refresh(self) -> bool:
        """Reload articles if another process added some since we read them; True if it did."""
        if self._articles_storage.changed_on_disk():
            self._articles_storage.reload()
            self._articles.clear_cache()
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

    def _shard(self, name: str) -> _IdTable:
        db = self._shards.get(name)
        if db is None:
            db = _IdDB(self.path / "bodies" / f"{name}.json", storage=AtomicJSONStorage)
            self._shards[name] = db
        return db.table("bodies")

    def body_input(self, article_id: str, rec: ArticleRecord | None = None) -> dict[str, Any]:
        """The stored raw text and import fields of an article (what extraction runs on).

        Given the article's record (e.g. from the head file), this reads only its body shard.
        """
        rec = rec or self.article(article_id)
        doc = self._shard(_shard_of(rec["hash"])).get(doc_id=article_id)
        if doc is None:
            raise LibraryError(f"the text of article {article_id} is missing from {self.path}")
        return dict(doc)

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

        Articles whose content hash is already in the library are left out. Each body shard and
        ``articles.json`` is written once per batch, so importing in batches of a few thousand
        keeps the number of file rewrites small.
        """
        with self._lock():
            self.refresh()
            fresh: list[NewArticle] = []
            seen: set[str] = set()
            for item in batch:
                h = item.record["hash"]
                if h in self._by_hash or h in seen:
                    continue
                seen.add(h)
                fresh.append(item)
            if not fresh:
                return []
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
                self._shard(name).put_multiple(docs)
            self._articles.put_multiple(
                Document(dict(item.record), doc_id=item.record["id"]) for item in fresh
            )
            for item in fresh:
                rec = item.record
                self._index[rec["id"]] = len(self.articles)
                self._by_hash[rec["hash"]] = rec["id"]
                self.articles.append(rec)
            self.write_head()
            self.furniture.learn(
                (item.record["outlet"] or item.input_source, item.text) for item in fresh
            )
            self._extractions.clear()  # what the outlets repeat is better known now
            return [item.record["id"] for item in fresh]

    def drop_records(self, ids: Iterable[str]) -> int:
        """Remove article records (their text is gone); the user's marks on them are kept.

        Used by ``warta doctor``. Returns how many were removed. Positions change, so a search
        index built before must be rebuilt.
        """
        gone = set(ids)
        with self._lock():
            self.refresh()
            data = self._articles_storage.read() or {}
            table = {k: v for k, v in data.get("articles", {}).items() if k not in gone}
            removed = len(data.get("articles", {})) - len(table)
            self._articles_storage.write({**data, "articles": table})
            self._articles.clear_cache()
            self._loaded = False
            self._load_articles()
            self.write_head()
        return removed

    def drop_texts(self, shard: str, ids: Iterable[str]) -> None:
        """Remove article texts from one body shard (texts no record points at)."""
        gone = {str(i) for i in ids}

        def drop(table: dict[str, Any]) -> None:
            for key in gone:
                table.pop(key, None)

        with self._lock():
            self._shard(shard)._update_table(drop)

    def replace_records(self, records: Sequence[ArticleRecord]) -> None:
        """Replace the metadata of existing articles (after re-extraction) in one atomic write."""
        with self._lock():
            self.refresh()
            data = self._articles_storage.read() or {}
            table = dict(data.get("articles", {}))
            for rec in records:
                if rec["id"] not in self._index:
                    raise LibraryError(f"no article with id {rec['id']!r}")
                table[rec["id"]] = dict(rec)
            # One write of the whole table, through the atomic storage: a crash leaves either
            # the old metadata or the new, never a mix or an empty table.
            self._articles_storage.write({**data, "articles": table})
            self._articles.clear_cache()
            for rec in records:
                self.articles[self._index[rec["id"]]] = rec
            self._extractions.clear()
            self.write_head()


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
