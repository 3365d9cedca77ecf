"""``warta doctor``: check a library and repair what can be repaired without losing user data.

Each check yields :class:`Finding` lines: ``ok``, ``fixed`` (a repair was made, saying what) or
``problem`` (needs the user, saying what to do). Repairs never touch the user's annotations:
they remove article texts no record points at (an interrupted import; importing the same files
again adds them properly), set aside an unreadable body shard and drop the records that lost
their text (the user's marks stay, keyed by article id, and come back when the articles are
imported again, since an article's id follows from its content), delete stale temp files,
rewrite the head file and fold a long journal.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

from warta.store.library import backups, journal
from warta.store.library.library import HEAD_FILE, Library, LibraryError
from warta.store.library.storage import CorruptFileError
from warta.store.library.userstore import TABLES, UserDataDamaged

STALE_TEMP_SECONDS = 60
"""A temp file older than this is left over from a killed write (writes take milliseconds)."""


@dataclass(frozen=True)
class Finding:
    """One line of the doctor's report."""

    status: str  # "ok", "fixed" or "problem"
    text: str

    def __str__(self) -> str:
        return f"{self.status:8} {self.text}"


def examine(library: Library, *, repair: bool = True) -> list[Finding]:
    """Run every check (repairing unless ``repair`` is False) and return the findings."""
    out: list[Finding] = []
    for check in (
        _temp_files,
        _shards,
        _records,
        _head,
        _caches,
        _user_data,
        _furniture,
        _fulltext,
    ):
        out.extend(check(library, repair))
    return out


def _temp_files(library: Library, repair: bool) -> Iterator[Finding]:
    now = time.time()
    stale = [
        p
        for p in library.path.rglob(".*.tmp")
        if p.is_file() and now - p.stat().st_mtime > STALE_TEMP_SECONDS
    ]
    if not stale:
        yield Finding("ok", "no temp files left over")
        return
    if repair:
        for p in stale:
            p.unlink(missing_ok=True)
        yield Finding("fixed", f"removed {len(stale)} temp file(s) left by an interrupted write")
    else:
        yield Finding("problem", f"{len(stale)} temp file(s) left by an interrupted write")


def _shard_docs(library: Library) -> tuple[dict[str, set[str]], list[Path]]:
    """Article ids per readable body shard, and the shards that cannot be read."""
    from warta.store.library.segments import shard_files

    ids: dict[str, set[str]] = {}
    broken: list[Path] = []
    for key, path in shard_files(library.path):
        try:
            raw = path.read_bytes()
            if not raw.strip():
                raise ValueError("empty")  # an emptied shard, never "no articles"
            data = orjson.loads(raw)
            table = data.get("bodies", {}) if isinstance(data, dict) else None
            if not isinstance(table, dict):
                raise ValueError("wrong shape")
            ids[key] = set(table)
        except (OSError, ValueError):
            broken.append(path)
    return ids, broken


def _shards(library: Library, repair: bool) -> Iterator[Finding]:
    _ids, broken = _shard_docs(library)
    if not broken:
        yield Finding("ok", "every article text file reads")
        return
    for path in broken:
        if repair:
            aside = path.with_name(f"{path.name}.damaged-{_stamp()}")
            path.rename(aside)
            library._shards.clear()
            yield Finding(
                "fixed",
                f"{path.name} could not be read: moved aside to {aside.name}; the articles "
                "it held are dropped below (import them again; your marks on them are kept)",
            )
        else:
            yield Finding("problem", f"{path} cannot be read")


def _records(library: Library, repair: bool) -> Iterator[Finding]:
    try:
        arts = library.articles
    except CorruptFileError as exc:
        yield Finding("problem", f"{exc}")
        return
    texts, _broken = _shard_docs(library)
    missing = [
        a for a in arts if a["id"] not in texts.get(library.shard_key(a["id"], a["hash"]), ())
    ]
    known = {a["id"] for a in arts}
    orphans = {
        shard: {i for i in ids if i not in known} for shard, ids in texts.items() if ids - known
    }
    n_orphans = sum(len(v) for v in orphans.values())
    if not missing:
        yield Finding("ok", f"{len(arts):,} articles, each with its text")
    elif repair:
        library.drop_records([a["id"] for a in missing])
        yield Finding(
            "fixed",
            f"dropped {len(missing)} article record(s) whose text is gone; your marks on them "
            "are kept and return when the same articles are imported again",
        )
    else:
        yield Finding("problem", f"{len(missing)} article record(s) have no text")
    if not n_orphans:
        yield Finding("ok", "no article texts without a record")
    elif repair:
        for shard, ids in orphans.items():
            library.drop_texts(shard, ids)
        yield Finding(
            "fixed",
            f"removed {n_orphans} article text(s) an interrupted import left without a "
            "record; import the same files again to add them",
        )
    else:
        yield Finding("problem", f"{n_orphans} article text(s) have no record")


def _head(library: Library, repair: bool) -> Iterator[Finding]:
    try:
        arts = library.articles
    except CorruptFileError:
        return
    head = library.head()
    if head is not None and head[0] == len(arts):
        ids = {r["id"] for r in head[1]}
        if all(i in library for i in ids):
            yield Finding("ok", "the first-screen file is current")
            return
    if not arts and not (library.path / HEAD_FILE).exists():
        yield Finding("ok", "the library is empty")
        return
    if repair:
        library.write_head()
        yield Finding("fixed", "rewrote the first-screen file (head.json), which was stale")
    else:
        yield Finding("problem", "head.json is stale")


def _caches(library: Library, repair: bool) -> Iterator[Finding]:
    """The catalogs (made current whenever the library opens) and the stored search index."""
    try:
        from warta.store.search import stored
        from warta.store.search.browse import DocsView
    except ImportError:
        return
    try:
        current = stored.load(library) is not None
    except CorruptFileError:
        return
    if current or not len(library):
        yield Finding("ok", "the caches (catalogs, stored search index) are current")
    elif repair:
        stored.static_of(library, DocsView(library.articles))
        yield Finding("fixed", "made the stored search index (cache/search.idx) again")
    else:
        yield Finding("problem", "the stored search index is stale (made again when used)")


def _user_data(library: Library, repair: bool) -> Iterator[Finding]:
    try:
        anns = library.annotations()
    except (UserDataDamaged, CorruptFileError, journal.JournalDamaged) as exc:
        rec = None
        with contextlib.suppress(backups.BackupError):
            rec = backups.recover(library.path)
        offer = ""
        if rec is not None:
            offer = (
                f"; the newest good state ({rec.source}: "
                f"{backups.describe(backups.counts(rec.tables))}) can be restored with "
                "`warta restore --latest`"
            )
        yield Finding("problem", f"{exc}{offer}")
        return
    known = sum(1 for aid in anns if aid in library)
    away = len(anns) - known
    passages = library.user.table("passages")
    lost = sum(1 for p in passages.values() if p["article"] not in library)
    text = f"your data: {backups.describe(backups.counts(_tables(library)))}"
    yield Finding("ok", text)
    if away or lost:
        yield Finding(
            "ok",
            f"marks on {away + lost} item(s) whose article is not in the library are kept "
            "(they return when the article is imported again)",
        )
    if library.user.needs_compaction():
        if repair:
            library.user.compact()
            yield Finding("fixed", "folded the journal of your changes into user.json")
        else:  # not damage: Warta folds it on its own as it works
            yield Finding("ok", "the journal of changes is long (folded as Warta works)")
    if not backups.snapshots(library.path) and (library.path / "user.json").exists():
        if repair:
            path = backups.write_snapshot(library.path, _tables(library), library.user.seq)
            yield Finding("fixed", f"made a first backup of your data ({path.name})")
        else:
            yield Finding("problem", "your data has no backup yet")


def _tables(library: Library) -> dict[str, dict]:
    return {name: library.user.table(name) for name in TABLES}


def _furniture(library: Library, repair: bool) -> Iterator[Finding]:
    """The learned furniture (a cache): counted again when missing or behind the library."""
    try:
        n = len(library.articles)
    except CorruptFileError:
        return
    counted = sum(library.furniture.counts.articles.values())
    if counted >= n:
        yield Finding("ok", "the lines each outlet repeats are counted")
        return
    if not repair:
        yield Finding("problem", f"learned furniture counts {counted:,} of {n:,} articles")
        return

    def texts() -> Iterator[tuple[str | None, str]]:
        for rec in library.articles:
            try:
                doc = library.body_input(rec["id"], rec)
            except LibraryError:
                continue
            yield rec["outlet"] or doc.get("source"), doc["text"]

    library.furniture.rebuild(texts())
    yield Finding("fixed", f"counted the lines each outlet repeats again ({n:,} articles)")


def _fulltext(library: Library, repair: bool) -> Iterator[Finding]:
    """The full-text index, when this Warta has one (a cache: rebuilt, never a problem)."""
    try:
        from warta.store.search import fulltext  # type: ignore[attr-defined]
    except ImportError:
        return
    problem = fulltext.status(library)
    if problem is None:
        yield Finding("ok", "the full-text index is current")
    elif repair:
        fulltext.rebuild(library)
        yield Finding("fixed", f"rebuilt the full-text index ({problem})")
    else:
        yield Finding("problem", f"full-text index: {problem}")


def _stamp() -> str:
    return _dt.datetime.now(_dt.UTC).strftime("%Y%m%dT%H%M%SZ")
