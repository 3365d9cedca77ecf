"""The article library: a folder of TinyDB files, opened by the TUI and every CLI command.

Layout of a library folder::

    meta.json          schema version (so newer Warta versions can migrate older libraries)
    articles.json      one metadata record per article (no bodies): what the list and search need
    head.json          the article count and the newest few hundred records, for the first screen
    bodies/NN.json     the raw article texts, sharded by content hash; read only when opened
    user.json          the user's tags, notes and read/starred state, keyed by article id
    .lock              taken for every write, so the TUI and a CLI command can run side by side

A tag or note edit rewrites ``user.json`` alone, so its cost follows the user's data, never the
corpus. Every file is replaced atomically (see ``store.storage``).
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

from warta.store.library.storage import AtomicJSONStorage, atomic_write_bytes
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


_MIGRATIONS: dict[int, Any] = {}
"""Schema migrations, ``{from_version: fn(library_path)}``; none yet (version 1 is the first)."""


class Library:
    """An open library folder. Cheap to open: bodies are read only when an article is shown."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()
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
        self._user_storage = AtomicJSONStorage(self.path / "user.json")
        self._user_db = _IdDB(self.path / "user.json", storage=lambda *_: self._user_storage)
        self._annotations = self._user_db.table("annotations")
        self._shards: dict[str, _IdDB] = {}
        self._extractions: OrderedDict[str, Extraction] = OrderedDict()
        # Article metadata is parsed on first use, not here: the reader paints its first
        # screen from the small head file while a worker parses articles.json.
        self._load_lock = threading.Lock()
        self._loaded = False

    def _lock(self) -> Any:
        """The inter-process write lock (filelock is imported on first write: startup cost)."""
        if self._write_lock is None:
            from filelock import FileLock

            self._write_lock = FileLock(str(self.path / ".lock"), timeout=30)
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
        """Re-read the user's data if another process changed it; returns the ids whose
        annotation differs (so a reader can show `warta tag` run from another terminal)."""
        if not self._user_storage.changed_on_disk():
            return set()
        before = self.annotations()
        self._user_storage.reload()
        self._annotations.clear_cache()
        after = self.annotations()
        return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}

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

    def _shard(self, name: str) -> Table:
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
        always shows the current extractor's output; the last few results are cached.
        """
        cached = self._extractions.get(article_id)
        if cached is not None:
            self._extractions.move_to_end(article_id)
            return cached
        from warta.store.extract import extract

        doc = self.body_input(article_id, rec)
        result = extract(
            doc["text"], title=doc.get("title"), source=doc.get("source"), date=doc.get("date")
        )
        self._extractions[article_id] = result
        if len(self._extractions) > 64:
            self._extractions.popitem(last=False)
        return result

    def annotation(self, article_id: str) -> Annotation:
        """The user's tags, note and state for an article (empty if never touched)."""
        doc = self._annotations.get(doc_id=article_id)
        if doc is None:
            return empty_annotation()
        ann = empty_annotation()
        ann.update(doc)  # type: ignore[typeddict-item]
        return ann

    def annotations(self) -> dict[str, Annotation]:
        """Every article the user has touched, by id."""
        out: dict[str, Annotation] = {}
        for doc in self._annotations.all():
            ann = empty_annotation()
            ann.update(doc)  # type: ignore[typeddict-item]
            out[str(doc.doc_id)] = ann
        return out

    def tag_counts(self) -> Counter[str]:
        """How many articles carry each tag (for completion, most used first)."""
        counts: Counter[str] = Counter()
        for doc in self._annotations.all():
            counts.update(doc.get("tags", []))
        return counts

    # -- the user's edits ----------------------------------------------------------------------

    def _edit(self, article_id: str, change: Any) -> Annotation:
        self.article(article_id)  # raises for unknown ids before anything is written
        with self._lock():
            # A CLI command may have written since we read: re-read under the lock, then apply
            # only this change, so two processes never overwrite each other's edits.
            if self._user_storage.changed_on_disk():
                self._user_storage.reload()
                self._annotations.clear_cache()
            ann = self.annotation(article_id)
            change(ann)
            ann["updated"] = _now()
            self._annotations.upsert(Document(dict(ann), doc_id=article_id))
        return ann

    def add_tags(self, article_id: str, tags: Iterable[str]) -> Annotation:
        """Add tags (trimmed, de-duplicated, order kept) to an article."""
        new = [t for t in (normalise_tag(t) for t in tags) if t]

        def change(ann: Annotation) -> None:
            ann["tags"] = list(dict.fromkeys([*ann["tags"], *new]))

        return self._edit(article_id, change)

    def remove_tags(self, article_id: str, tags: Iterable[str]) -> Annotation:
        """Remove tags from an article (unknown tags are ignored)."""
        gone = {normalise_tag(t) for t in tags}

        def change(ann: Annotation) -> None:
            ann["tags"] = [t for t in ann["tags"] if t not in gone]

        return self._edit(article_id, change)

    def set_note(self, article_id: str, note: str) -> Annotation:
        """Replace the article's note (an empty string removes it)."""

        def change(ann: Annotation) -> None:
            ann["note"] = note.rstrip()

        return self._edit(article_id, change)

    def set_read(self, article_id: str, read: bool) -> Annotation:
        """Mark the article read or unread."""
        return self._edit(article_id, lambda ann: ann.__setitem__("read", read))

    def set_starred(self, article_id: str, starred: bool) -> Annotation:
        """Star or unstar the article."""
        return self._edit(article_id, lambda ann: ann.__setitem__("starred", starred))

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
                self._shard(name).insert_multiple(docs)
            self._articles.insert_multiple(
                Document(dict(item.record), doc_id=item.record["id"]) for item in fresh
            )
            for item in fresh:
                rec = item.record
                self._index[rec["id"]] = len(self.articles)
                self._by_hash[rec["hash"]] = rec["id"]
                self.articles.append(rec)
            self.write_head()
            return [item.record["id"] for item in fresh]

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
    """Tags are single tokens without surrounding space or commas: ``" Hoaks, "`` -> ``hoaks``."""
    return " ".join(tag.replace(",", " ").split()).replace(" ", "-").lower()
