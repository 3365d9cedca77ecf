"""Import articles from files and folders (text, JSON Lines, JSON, HTML, CSV: see readers.py
and formats.py), adding each batch to the full-text index as it is stored.

Every input is reduced to a ``SourceRecord`` (text plus the record's own title/source/date/url),
cleaned of terminal control sequences, hashed on its normalised content (so a re-import of the
same article is recognised whatever the file is called), extracted, and added in batches.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as _dt
import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warta.store.library import formats
from warta.store.library.library import Library, NewArticle
from warta.store.library.readers import (
    FileReport,
    SourceRecord,
    inspect,
    is_jsonl,
    is_text,
    read_any,
    read_jsonl_file,
    read_text_file,
)
from warta.store.model import ArticleMetadata, ArticleRecord
from warta.store.text import content_hash

__all__ = [
    "FileReport",
    "ImportReport",
    "SourceRecord",
    "discover",
    "import_paths",
    "read_any",
    "reindex",
]

BATCH_SIZE = 2000
MAX_BATCH = 20000
# Below this many articles a worker pool costs more to start than it saves.
PARALLEL_THRESHOLD = 3000


@dataclass
class ImportReport:
    """Totals of one import run plus a report per file."""

    files: list[FileReport] = field(default_factory=list)

    @property
    def added(self) -> int:
        return sum(f.added for f in self.files)

    @property
    def duplicates(self) -> int:
        return sum(f.duplicates for f in self.files)

    @property
    def rejected(self) -> int:
        return sum(len(f.rejected) for f in self.files)

    @property
    def skipped(self) -> int:
        return sum(1 for f in self.files if f.skipped)

    @property
    def failed(self) -> bool:
        """True if a record was rejected or a path the user named could not be imported at
        all (missing, a pipe, a broken link...): the command then exits 1."""
        return bool(self.rejected) or any(f.skipped and f.named for f in self.files)

    def summary(self) -> str:
        """One line: ``imported 12 articles, 3 already in library, 1 rejected, 2 files skipped``."""
        parts = [f"imported {self.added} article{'s' if self.added != 1 else ''}"]
        if self.duplicates:
            parts.append(f"{self.duplicates} already in library")
        if self.rejected:
            parts.append(f"{self.rejected} rejected")
        if self.skipped:
            parts.append(f"{self.skipped} file{'s' if self.skipped != 1 else ''} skipped")
        return ", ".join(parts)


ProgressFn = Callable[[int, int], None]
"""Called with (bytes read so far, total bytes of all inputs)."""

_NOT_AN_ARTICLE = "not a .txt, .md, .jsonl, .json, .html or .csv file"


def _wanted(path: Path) -> bool:
    return is_text(path) or is_jsonl(path) or formats.is_other_format(path)


def discover(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[FileReport]]:
    """Expand files and folders (recursively, sorted, hidden entries ignored) into input files.

    Returns the importable files (regular files, or links to them) and a report for every
    path that is not imported: missing, unreadable, a pipe, a device, a socket, a broken or
    looping link, a link to a folder (not followed, so a link cannot make a loop), a file of
    another kind.
    """
    files: list[Path] = []
    problems: list[FileReport] = []

    def skip(path: Path | str, why: str, named: bool = False) -> None:
        problems.append(FileReport(str(path), skipped=why, named=named))

    def consider(path: Path) -> None:
        if not _wanted(path):
            skip(path, _NOT_AN_ARTICLE)
            return
        kind = inspect(path)
        if kind.kind == "file":
            files.append(path)
        elif kind.kind == "folder":
            skip(path, "a link to a folder inside a folder; not followed")
        else:
            skip(path, kind.why or "not a regular file")

    def unreadable(exc: OSError) -> None:
        skip(exc.filename or "?", f"cannot read folder: {exc.strerror or exc}")

    for raw in paths:
        p = Path(raw).expanduser()
        kind = inspect(p)
        if kind.kind == "folder":
            for root, dirs, names in os.walk(p, onerror=unreadable):
                here = Path(root)
                kept = []
                for d in sorted(dirs):
                    if d.startswith("."):
                        continue
                    if os.path.islink(here / d):
                        skip(here / d, "a link to a folder inside a folder; not followed")
                    else:
                        kept.append(d)
                dirs[:] = kept
                for name in sorted(names):
                    if not name.startswith("."):
                        consider(here / name)
        elif kind.kind == "file":
            if _wanted(p):
                files.append(p)
            else:
                skip(p, _NOT_AN_ARTICLE, named=True)
        else:
            skip(p, kind.why or "not a regular file", named=True)
    return files, problems


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def _record_day(value: str | None) -> str | None:
    """``2019-09-16T22:58`` -> ``2019-09-16``; anything not starting with a date -> None."""
    m = _DAY.match(value or "")
    if not m:
        return None
    try:
        return _dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


IndexFields = tuple[
    str, tuple[str, ...], tuple[tuple[str, int], ...], tuple[str, str, tuple[str, ...]]
]
"""What the full-text index needs besides the record: cleaned body, quote texts, speakers, and
the title, body and quotes folded (done in the workers, off the main process)."""


def _prepare(rec: SourceRecord, imported: str) -> tuple[str, ArticleRecord, str, IndexFields]:
    """Hash and extract one record (runs in worker processes for big imports)."""
    from warta.store.extract import EXTRACTOR_VERSION, extract

    h = content_hash(rec.title or "", rec.text)
    ex = extract(
        rec.text, title=rec.title, source=rec.source, date=rec.date, recurring=rec.recurring
    )
    meta = {key: ex[key] for key in ArticleMetadata.__annotations__}  # type: ignore[literal-required]
    record: ArticleRecord = {
        **meta,  # type: ignore[typeddict-item]
        "id": "",
        "hash": h,
        "title": ex["title"] or "(untitled)",
        # The list sorts by publication date: an import record's own date says that better than
        # a date the extractor finds in the text (which may be an event's date).
        "date": _record_day(rec.date) or ex["date"],
        "n_quotes": len(ex["quotes"]),
        "source": rec.source,
        "url": rec.url,
        "origin": rec.origin,
        "imported": imported,
        "extractor": EXTRACTOR_VERSION,
    }
    speakers: dict[str, int] = {}
    for q in ex["quotes"]:
        if q["speaker"]:
            speakers[q["speaker"]] = speakers.get(q["speaker"], 0) + 1
    from warta.store.search.keys import fold

    quotes = tuple(q["text"] for q in ex["quotes"])
    folded = (fold(record["title"]), fold(ex["body"]), tuple(map(fold, quotes)))
    fields = (ex["body"], quotes, tuple(speakers.items()), folded)
    return h, record, rec.origin, fields


Prepared = list[tuple[str, ArticleRecord, str, IndexFields]]
"""(content hash, metadata record, origin, full-text fields) per extracted article."""


def _prepare_many(recs: list[SourceRecord], imported: str) -> Prepared:
    return [_prepare(r, imported) for r in recs]


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with the process's real stderr.

    A full-screen UI (Textual) replaces ``sys.stderr`` with an object that has no usable file
    descriptor, and the tracker, started lazily by the first worker pool, passes stderr's fd to
    its child: that fails with "bad value(s) in fds_to_keep". Starting it with the real stderr
    avoids that.
    """
    from multiprocessing import resource_tracker

    saved = sys.stderr
    try:
        sys.stderr = sys.__stderr__ or saved
        resource_tracker.ensure_running()
    finally:
        sys.stderr = saved


class _Extractor:
    """Runs extraction on batches, in a process pool once the input is big enough to pay."""

    def __init__(self, expected: int) -> None:
        self._pool = None
        workers = os.cpu_count() or 1
        if expected >= PARALLEL_THRESHOLD and workers > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # spawn, not fork: the TUI may import from a process that already runs threads.
            ctx = multiprocessing.get_context("spawn")
            _start_resource_tracker()
            self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx)
            self._workers = workers

    def submit(self, recs: list[SourceRecord], imported: str) -> Callable[[], Prepared]:
        """Start extracting a batch; the returned function waits for and returns the results.

        With a pool the work runs in the workers while the caller reads the next batch and
        writes the previous one.
        """
        if self._pool is None or len(recs) < 200:
            done = _prepare_many(recs, imported)
            return lambda: done
        step = -(-len(recs) // (self._workers * 2))
        futures = [
            self._pool.submit(_prepare_many, recs[i : i + step], imported)
            for i in range(0, len(recs), step)
        ]
        return lambda: [item for f in futures for item in f.result()]

    def run(self, recs: list[SourceRecord], imported: str) -> Prepared:
        """Extract a batch and wait for it."""
        return self.submit(recs, imported)()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()


def import_paths(
    library: Library,
    paths: Iterable[str | os.PathLike[str]],
    progress: ProgressFn | None = None,
    on_batch: Callable[[], None] | None = None,
) -> ImportReport:
    """Import every article found under ``paths`` into ``library``; never raises for bad input.

    ``on_batch`` is called after each batch is stored, so a reader can show articles early.
    """
    paths = list(paths)
    files, problems = discover(paths)
    named = {Path(p).expanduser() for p in paths}
    report = ImportReport(files=list(problems))
    total = sum(_size(f) for f in files)
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(min(done, total), total)

    # Rough article count for deciding on parallelism: ~2.5 KB per article in JSON Lines.
    many = (is_jsonl(f) or formats.suffix_of(f) in (".json", ".csv", ".tsv") for f in files)
    expected = sum(max(1, _size(f) // 2500) if m else 1 for f, m in zip(files, many, strict=True))
    if any(f.name.endswith(".gz") for f in files):
        expected *= 3
    extractor = _Extractor(expected)
    imported = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
    pending: list[tuple[SourceRecord, FileReport]] = []
    in_flight: tuple[list[tuple[SourceRecord, FileReport]], Callable[[], Prepared]] | None = None

    indexer = _Indexer(library)

    def store(batch_in: list[tuple[SourceRecord, FileReport]], prepared: Prepared) -> None:
        reserved: set[str] = set()
        batch: list[NewArticle] = []
        owners: list[FileReport] = []
        fields: dict[str, IndexFields] = {}
        seen: set[str] = set()
        for (rec, rep), (h, record, _origin, fts) in zip(batch_in, prepared, strict=True):
            if library.contains_hash(h) or h in seen:
                rep.duplicates += 1
                continue
            record["id"] = library.new_id(h, reserved)
            reserved.add(record["id"])
            seen.add(h)
            batch.append(NewArticle(record, rec.text, rec.title, rec.source, rec.date))
            owners.append(rep)
            fields[record["id"]] = fts
        added_ids = library.add_articles(batch)
        added = set(added_ids)
        records = {item.record["id"]: item.record for item in batch}
        indexer.add([(records[aid], fields[aid]) for aid in added_ids])
        for item, rep in zip(batch, owners, strict=True):
            if item.record["id"] in added:
                rep.added += 1
            else:  # another process imported it between our check and our write
                rep.duplicates += 1
        if added and on_batch is not None:
            on_batch()

    def flush() -> None:
        # Pipelined: start extracting this batch, then store the previous one while the
        # workers run, so reading and writing no longer leave the workers idle.
        nonlocal in_flight, pending
        previous = in_flight
        in_flight = (
            (pending, extractor.submit([r for r, _ in pending], imported)) if pending else None
        )
        pending = []
        if previous is not None:
            store(previous[0], previous[1]())

    def batch_size() -> int:
        # Each batch rewrites articles.json; growing batches with the library keep the total
        # rewriting linear in the library's size instead of quadratic.
        return min(MAX_BATCH, max(BATCH_SIZE, len(library) // 4))

    # Articles the library already holds are known by their hash before extraction: a re-run
    # of an interrupted import extracts only what it had not stored (an empty library skips
    # the hashing).
    known = library.contains_hash if len(library) else None
    try:
        for path in files:
            rep = FileReport(str(path), named=path in named)
            report.files.append(rep)
            other = formats.reader_for(path)
            if is_jsonl(path):
                records: Iterable[SourceRecord] = read_jsonl_file(path, rep, advance)
            elif other is not None:
                records = other(path, rep, advance)
            else:
                records = read_text_file(path, rep)
            for rec in records:
                if known is not None and known(content_hash(rec.title or "", rec.text)):
                    rep.duplicates += 1
                    continue
                if rec.source:  # what this outlet repeats, learned from earlier imports
                    keys = library.furniture.keys_for(rec.source)
                    if keys:
                        rec = dataclasses.replace(rec, recurring=keys)
                pending.append((rec, rep))
                if len(pending) >= batch_size():
                    flush()
            if not is_jsonl(path) and other is None:
                advance(_size(path))
        flush()  # submits the last batch and stores the one before it
        flush()  # stores the last batch
    finally:
        extractor.close()
        indexer.close()
    if report.added:
        with contextlib.suppress(OSError):  # a cache: counted again if it is lost
            library.furniture.save()
        _store_search_index(library)
    return report


def _store_search_index(library: Library) -> None:
    """Build the stored search index now, once for the whole import, so the next reader or
    ``warta list`` loads it instead of building it (a cache: skipped when it cannot be)."""
    from warta.store.search import stored
    from warta.store.search.browse import DocsView

    with contextlib.suppress(OSError):
        stored.static_of(library, DocsView(library.articles))


class _Indexer:
    """Adds each stored batch to the library's full-text index, in the import's pipeline.

    Only an index that is current up to the batch is extended; one that is missing, stale or
    held by another writer is left for ``warta reindex`` (or the reader) to rebuild, so an
    import never fails because of the index, which is a cache.
    """

    def __init__(self, library: Library) -> None:
        self.library = library
        self.ft: Any = None
        self.ok: bool | None = None

    def add(self, items: list[tuple[ArticleRecord, IndexFields]]) -> None:
        if not items or self.ok is False:
            return
        from warta.store.search.fulltext import FullText, IndexDoc
        from warta.store.versions import EXTRACTOR_VERSION

        first = self.library.position(items[0][0]["id"])
        try:
            if self.ft is None:
                self.ft = FullText.of(self.library)
                current = self.ft.count == 0 or self.ft.extractor == EXTRACTOR_VERSION
                self.ok = current and self.ft.count == first
                if not self.ok:
                    return
            docs = [
                IndexDoc(first + k, rec["id"], rec["title"], body, quotes, speakers, folded)
                for k, (rec, (body, quotes, speakers, folded)) in enumerate(items)
            ]
            self.ft.add(docs, extractor=EXTRACTOR_VERSION)
        except Exception:  # tantivy's errors (a lock held elsewhere, a full disk) are ValueErrors
            self.ok = False

    def close(self) -> None:
        if self.ft is not None:
            with contextlib.suppress(Exception):
                self.ft.close()


def reindex(
    library: Library, progress: ProgressFn | None = None, *, everything: bool = False
) -> int:
    """Re-extract the metadata of articles a different extractor version made; returns how many.

    Ids, content hashes, import times and the user's data are kept. With ``everything`` every
    article is re-extracted.
    """
    from warta.store.versions import EXTRACTOR_VERSION

    stale = [rec for rec in library.articles if everything or rec["extractor"] != EXTRACTOR_VERSION]
    extractor = _Extractor(len(stale))
    done = 0
    # Each batch rewrites the segments it touches (a schema-2 library's first one holds up to
    # all of it): batches grow with the work, as the import's do, so a 100k reindex rewrites
    # them 10 times rather than 50.
    step = min(MAX_BATCH, max(BATCH_SIZE, len(stale) // 10))
    try:
        for start in range(0, len(stale), step):
            chunk = stale[start : start + step]
            sources = []
            for rec, doc in zip(chunk, library.body_inputs(chunk), strict=True):
                sources.append(
                    SourceRecord(
                        origin=rec["origin"],
                        text=doc["text"],
                        title=doc.get("title"),
                        source=doc.get("source"),
                        date=doc.get("date"),
                        url=rec["url"],
                        recurring=library.furniture.keys_for(rec["outlet"] or doc.get("source")),
                    )
                )
            fresh = []
            for old, (_h, new, _o, _f) in zip(chunk, extractor.run(sources, ""), strict=True):
                new.update(id=old["id"], hash=old["hash"], imported=old["imported"])
                fresh.append(new)
            library.replace_records(fresh)
            done += len(chunk)
            if progress:
                progress(done, len(stale))
    finally:
        extractor.close()
    if done:
        _store_search_index(library)
    return done
