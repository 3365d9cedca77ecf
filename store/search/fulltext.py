"""The full-text index of a library: every article's cleaned body, title and quotes, on disk.

It lives in the library folder under ``index/`` and is a cache: TinyDB stays the store of
record, and :func:`rebuild` makes the index again from it at any time. The engine is tantivy
(chosen on the measurements in ``benchmarks/README.md``); it is imported only by this module,
which the reader loads in a worker, never on the path to the first frame.

What is indexed, per article (keyed by its id and by its position in ``library.articles``)::

    title, body      folded text (see keys.fold), tokenised like the in-memory index
    said             the text of the article's direct quotes (``said:WORD``)
    text             the cleaned body as extracted, stored only (snippets)

Beside tantivy's files, ``index/speakers.bin`` holds per article the speakers of its quotes
with their number of quotes (compact arrays, for ``speaker:`` and the people facet), and
``index/warta-index.json`` the marker that says which articles the index holds and which
extractor made it; an index whose marker does not match the library is stale.
"""

from __future__ import annotations

import array
import contextlib
import os
import shutil
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from warta.store.search.keys import TOKEN_RE, fold

if TYPE_CHECKING:
    from warta.store.library.library import Library
    from warta.store.model import Extraction

INDEX_DIR = "index"
MARKER = "warta-index.json"
SPEAKERS = "speakers.bin"
SCHEMA = 1
"""Bumped whenever what is indexed changes; an index of another schema is rebuilt."""
WRITER_HEAP = 128_000_000
BUILD_BATCH = 2000

ProgressFn = Callable[[int, int], None]


@dataclass(frozen=True)
class IndexDoc:
    """What the full-text index keeps of one article."""

    position: int
    id: str
    title: str
    body: str
    quotes: tuple[str, ...]
    speakers: tuple[tuple[str, int], ...]
    """(speaker name, number of quotes) for every attributed speaker."""
    folded: tuple[str, str, tuple[str, ...]] | None = None
    """Title, body and quotes already folded (the import folds them in its workers)."""


def index_doc(position: int, article_id: str, title: str, ex: Extraction) -> IndexDoc:
    """The index document of an article from its extraction."""
    counts: dict[str, int] = {}
    for q in ex["quotes"]:
        if q["speaker"]:
            counts[q["speaker"]] = counts.get(q["speaker"], 0) + 1
    return IndexDoc(
        position=position,
        id=article_id,
        title=title,
        body=ex["body"],
        quotes=tuple(q["text"] for q in ex["quotes"]),
        speakers=tuple(counts.items()),
    )


def folded_terms(text: str) -> list[str]:
    """The terms the index holds for ``text`` (folded tokens, in order)."""
    return TOKEN_RE.findall(fold(text))


def _schema() -> Any:
    import tantivy

    sb = tantivy.SchemaBuilder()
    sb.add_unsigned_field("pos", stored=True, indexed=True, fast=True)
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    sb.add_text_field("title", tokenizer_name="warta")
    sb.add_text_field("body", tokenizer_name="warta")
    sb.add_text_field("said", tokenizer_name="warta")
    sb.add_bytes_field("text", stored=True, indexed=False)
    return sb.build()


def _register(index: Any) -> None:
    import tantivy

    # Text arrives folded (keys.fold); splitting on non-alphanumerics then gives exactly the
    # tokens of keys.TOKEN_RE, so query terms and indexed terms always agree.
    analyzer = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.remove_long(80))
        .build()
    )
    index.register_tokenizer("warta", analyzer)


# ------------------------------------------------------------------------------ speakers


class Speakers:
    """Per article position: its quotes' speakers and how many quotes each has.

    Three flat arrays (offsets, speaker ids, counts) and one list of names: a few bytes per
    quote, whatever the library's size, and loaded with one read.
    """

    def __init__(self) -> None:
        self.names: list[str] = []
        self._ids: dict[str, int] = {}
        self.offsets = array.array("I", [0])
        self.who = array.array("I")
        self.count = array.array("H")

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def append(self, speakers: Iterable[tuple[str, int]]) -> None:
        for name, n in speakers:
            k = self._ids.get(name)
            if k is None:
                k = self._ids[name] = len(self.names)
                self.names.append(name)
            self.who.append(k)
            self.count.append(min(n, 65535))
        self.offsets.append(len(self.who))

    def truncate(self, n: int) -> None:
        """Keep the first ``n`` articles only."""
        if n < len(self):
            end = self.offsets[n]
            del self.offsets[n + 1 :]
            del self.who[end:]
            del self.count[end:]

    def of(self, position: int) -> list[tuple[str, int]]:
        a, b = self.offsets[position], self.offsets[position + 1]
        return [(self.names[self.who[k]], self.count[k]) for k in range(a, b)]

    def to_bytes(self) -> bytes:
        head = orjson.dumps(self.names)
        parts = [self.offsets.tobytes(), self.who.tobytes(), self.count.tobytes()]
        sizes = [len(head), *map(len, parts)]
        return orjson.dumps(sizes) + b"\n" + head + b"".join(parts)

    @classmethod
    def from_bytes(cls, data: bytes) -> Speakers:
        out = cls()
        line, _, rest = data.partition(b"\n")
        sizes = orjson.loads(line)
        at = sizes[0]
        out.names = orjson.loads(rest[:at])
        out._ids = {n: k for k, n in enumerate(out.names)}
        for arr, size in zip((out.offsets, out.who, out.count), sizes[1:], strict=True):
            del arr[:]
            arr.frombytes(rest[at : at + size])
            at += size
        return out


# ------------------------------------------------------------------------------ the index


class FullText:
    """An open full-text index folder (reading and, through :meth:`add`, writing)."""

    def __init__(self, folder: Path) -> None:
        import tantivy

        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._marker = _read_marker(folder)
        if self._marker is None or self._marker.get("schema") != SCHEMA:
            _clear(folder)
            self._marker = {"schema": SCHEMA, "count": 0, "extractor": None, "last_id": None}
        self.schema = _schema()
        self.index = tantivy.Index(self.schema, path=str(folder), reuse=True)
        _register(self.index)
        self.speakers = self._load_speakers()
        self._writer: Any = None
        self._lock = threading.Lock()
        self._searcher: Any = None

    @classmethod
    def of(cls, library: Library) -> FullText:
        return cls(library.path / INDEX_DIR)

    def _load_speakers(self) -> Speakers:
        try:
            sp = Speakers.from_bytes((self.folder / SPEAKERS).read_bytes())
        except (OSError, ValueError, IndexError):
            sp = Speakers()
        count = int(self._marker.get("count") or 0) if self._marker else 0
        if len(sp) < count:  # the arrays lag the index: the index is stale as a whole
            self._marker["count"] = len(sp)
        sp.truncate(count)
        return sp

    # -- state ---------------------------------------------------------------------------------

    @property
    def count(self) -> int:
        """How many articles (positions 0..count-1) the index holds."""
        return int(self._marker.get("count") or 0)

    @property
    def extractor(self) -> int | None:
        return self._marker.get("extractor")

    def problem(self, library: Library) -> str | None:
        """What is wrong with this index for ``library``, or None when it is current."""
        from warta.store.versions import EXTRACTOR_VERSION

        n = len(library)
        if self.count == 0 and n:
            return "the full-text index is missing"
        if self.count and self.extractor != EXTRACTOR_VERSION:
            return (
                f"the full-text index was made by extractor {self.extractor}, "
                f"this Warta has {EXTRACTOR_VERSION}"
            )
        if self.count != n:
            return f"the full-text index holds {self.count:,} of {n:,} articles"
        last = library.articles[n - 1]["id"] if n else None
        if self._marker.get("last_id") != last:
            return "the full-text index belongs to other articles"
        return None

    # -- writing -------------------------------------------------------------------------------

    def add(self, docs: Sequence[IndexDoc], *, extractor: int) -> None:
        """Append articles (positions must continue from :attr:`count`) and commit."""
        import tantivy

        if not docs:
            return
        with self._lock:
            if docs[0].position != self.count:
                raise ValueError(
                    f"index holds {self.count} articles, got position {docs[0].position}"
                )
            if self._writer is None:
                self._writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=1)
            w = self._writer
            for d in docs:
                doc = tantivy.Document()
                doc.add_unsigned("pos", d.position)
                doc.add_text("id", d.id)
                title, body, quotes = d.folded or (
                    fold(d.title),
                    fold(d.body),
                    tuple(map(fold, d.quotes)),
                )
                doc.add_text("title", title)
                doc.add_text("body", body)
                for q in quotes:
                    doc.add_text("said", q)
                doc.add_bytes("text", d.body.encode("utf-8"))
                w.add_document(doc)
                self.speakers.append(d.speakers)
            w.commit()
            self._marker.update(
                count=docs[-1].position + 1, extractor=extractor, last_id=docs[-1].id
            )
            _write(self.folder / SPEAKERS, self.speakers.to_bytes())
            _write(self.folder / MARKER, orjson.dumps(self._marker))
            self._searcher = None

    def close(self) -> None:
        """Finish background merges and release the writer's lock."""
        with self._lock:
            if self._writer is not None:
                self._writer.wait_merging_threads()
                self._writer = None

    # -- reading -------------------------------------------------------------------------------

    def searcher(self) -> Any:
        s = self._searcher
        if s is None:
            self.index.reload()
            s = self._searcher = self.index.searcher()
        return s

    # A hit list costs ~0.3 us a hit to hand to Python; a set holding most of the library is
    # fetched as its (small) complement instead, after a count, which tantivy does in C.
    def positions(self, query: Any) -> list[int] | tuple[str, list[int]]:
        """Library positions of every article matching ``query``.

        Returns a plain list, or ``("not", positions)`` when fetching the complement was
        cheaper (the caller inverts it).
        """
        import tantivy

        s = self.searcher()
        n = s.num_docs
        count = s.search(query, 1).count if n else 0
        if count == 0:
            return []
        if count * 2 > n:
            rest = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, tantivy.Query.all_query()), (tantivy.Occur.MustNot, query)]
            )
            return ("not", self._all_positions(rest, n - count))
        return self._all_positions(query, count)

    def count_of(self, query: Any) -> int:
        """How many articles match ``query`` (tantivy counts without handing hits over)."""
        s = self.searcher()
        return s.search(query, 1).count if s.num_docs else 0

    def _all_positions(self, query: Any, count: int) -> list[int]:
        import tantivy

        if count <= 0:
            return []
        s = self.searcher()
        hits = s.search(
            tantivy.Query.const_score_query(query, 1.0), count, count=False, order_by_field="pos"
        ).hits
        return [p for p, _a in hits]

    def ranked(self, query: Any, limit: int) -> list[tuple[int, float]]:
        """(position, BM25 score) of the best ``limit`` matches, best first."""
        s = self.searcher()
        if not s.num_docs or limit <= 0:
            return []
        hits = s.search(query, limit, count=False).hits
        if not hits:
            return []
        pos = s.fast_field_values("pos", [a for _s, a in hits])
        return [(p, sc) for (sc, _a), p in zip(hits, pos, strict=True)]

    # -- query parts (terms are folded tokens, see folded_terms) --------------------------------

    def term(self, field: str, term: str) -> Any:
        import tantivy

        return tantivy.Query.term_query(self.schema, field, term, index_option="freq")

    def prefix(self, field: str, prefix: str) -> Any:
        import tantivy

        # Tokens are letters and digits only, so the prefix needs no regex escaping.
        return tantivy.Query.regex_query(self.schema, field, prefix + ".*")

    def phrase(self, field: str, words: Sequence[str], last_prefix: bool = False) -> Any:
        import tantivy

        if len(words) == 1:
            return self.prefix(field, words[0]) if last_prefix else self.term(field, words[0])
        if last_prefix:
            return tantivy.Query.phrase_prefix_query(self.schema, field, list(words))
        return tantivy.Query.phrase_query(self.schema, field, list(words))

    def any_of(self, queries: Sequence[Any]) -> Any:
        import tantivy

        if len(queries) == 1:
            return queries[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])

    def all_of(self, must: Sequence[Any], must_not: Sequence[Any] = ()) -> Any:
        import tantivy

        parts = [(tantivy.Occur.Must, q) for q in must]
        if not parts:
            parts = [(tantivy.Occur.Must, tantivy.Query.all_query())]
        parts += [(tantivy.Occur.MustNot, q) for q in must_not]
        return tantivy.Query.boolean_query(parts)

    def text(self, position: int) -> str | None:
        """The cleaned body stored for the article at ``position`` (None if not indexed)."""
        import tantivy

        s = self.searcher()
        q = tantivy.Query.term_query(self.schema, "pos", position)
        hits = s.search(q, 1).hits
        if not hits:
            return None
        raw = s.doc(hits[0][1]).get_first("text")
        return bytes(raw).decode("utf-8") if raw is not None else None


def _read_marker(folder: Path) -> dict[str, Any] | None:
    try:
        data = orjson.loads((folder / MARKER).read_bytes())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _clear(folder: Path) -> None:
    """Empty the index folder (everything in it is ours and rebuildable)."""
    for entry in folder.iterdir():
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                entry.unlink()


def _write(path: Path, data: bytes) -> None:
    from warta.store.library.storage import atomic_write_bytes

    atomic_write_bytes(path, data)


# ------------------------------------------------------------------------------ doctor API


def status(library: Library) -> str | None:
    """None when the library's full-text index is present and current, else what is wrong."""
    folder = library.path / INDEX_DIR
    marker = _read_marker(folder)
    if marker is None:
        return "the full-text index is missing" if len(library) else None
    if marker.get("schema") != SCHEMA:
        return f"the full-text index has format {marker.get('schema')}, this Warta uses {SCHEMA}"
    try:
        return FullText(folder).problem(library)
    except Exception as exc:  # tantivy raises ValueError/OSError subclasses of its own
        return f"the full-text index cannot be read: {exc}"


def _extract_many(items: list[tuple[int, str, str, dict[str, Any]]]) -> list[IndexDoc]:
    """Extract and make index documents (runs in worker processes)."""
    from warta.store.extract import extract

    out = []
    for pos, aid, title, doc in items:
        ex = extract(
            doc["text"], title=doc.get("title"), source=doc.get("source"), date=doc.get("date")
        )
        out.append(index_doc(pos, aid, title, ex))
    return out


def rebuild(
    library: Library, progress: ProgressFn | None = None, *, start: int | None = None
) -> int:
    """Make the full-text index again from the library; returns how many articles it indexed.

    With ``start`` (the count a current index already holds) only the articles after it are
    added. Extraction runs on every core for big libraries.
    """
    from warta.store.versions import EXTRACTOR_VERSION

    folder = library.path / INDEX_DIR
    if start is None:
        shutil.rmtree(folder, ignore_errors=True)
    ft = FullText(folder)
    begin = ft.count if start is not None else 0
    arts = library.articles
    n = len(arts)
    todo = n - begin
    pool = None
    if todo >= 3000 and (os.cpu_count() or 1) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from warta.store.library.importer import _start_resource_tracker

        _start_resource_tracker()
        pool = ProcessPoolExecutor(
            max_workers=os.cpu_count(), mp_context=multiprocessing.get_context("spawn")
        )
    try:
        done = 0
        pending: Any = None
        for lo in range(begin, n, BUILD_BATCH):
            recs = [arts[p] for p in range(lo, min(n, lo + BUILD_BATCH))]
            items = [
                (lo + k, rec["id"], rec["title"], doc)
                for k, (rec, doc) in enumerate(zip(recs, library.body_inputs(recs), strict=True))
            ]
            if pool is None:
                docs = _extract_many(items)
                ft.add(docs, extractor=EXTRACTOR_VERSION)
                done += len(docs)
            else:
                half = len(items) // 2 + 1
                futs = [
                    pool.submit(_extract_many, items[:half]),
                    pool.submit(_extract_many, items[half:]),
                ]
                if pending is not None:  # write the previous batch while this one extracts
                    docs = [d for f in pending for d in f.result()]
                    ft.add(docs, extractor=EXTRACTOR_VERSION)
                    done += len(docs)
                pending = futs
            if progress:
                progress(done, todo)
        if pending is not None:
            docs = [d for f in pending for d in f.result()]
            ft.add(docs, extractor=EXTRACTOR_VERSION)
            done += len(docs)
        if n == 0:
            ft._marker.update(count=0, extractor=EXTRACTOR_VERSION, last_id=None)
            _write(folder / MARKER, orjson.dumps(ft._marker))
        if progress:
            progress(done, todo)
    finally:
        if pool is not None:
            pool.shutdown()
        ft.close()
    return done


def refresh(library: Library, progress: ProgressFn | None = None) -> int:
    """Bring the index up to date the cheapest way: add missing articles, or rebuild."""
    from warta.store.versions import EXTRACTOR_VERSION

    problem = status(library)
    if problem is None:
        return 0
    folder = library.path / INDEX_DIR
    marker = _read_marker(folder) or {}
    arts = library.articles
    count = int(marker.get("count") or 0)
    catch_up = (
        marker.get("schema") == SCHEMA
        and marker.get("extractor") == EXTRACTOR_VERSION
        and 0 < count < len(arts)
        and marker.get("last_id") == arts[count - 1]["id"]
    )
    return rebuild(library, progress, start=count if catch_up else None)
