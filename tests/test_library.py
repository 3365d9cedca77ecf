"""The library on disk: round trips, atomic writes, separation of user data from articles."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from warta.store.library.library import Library, LibraryError
from warta.store.library.storage import AtomicJSONStorage, atomic_write_bytes
from warta.store.model import SCHEMA_VERSION


def test_tags_notes_and_state_survive_reopening(seeded: Library) -> None:
    aid = seeded.articles[0]["id"]
    seeded.add_tags(aid, ["pemilu", "Hoaks,"])
    seeded.set_note(aid, "Cek ulang kutipan Kapolsek.\nBaris kedua.")
    seeded.set_read(aid, True)
    seeded.set_starred(aid, True)

    again = Library(seeded.path)
    ann = again.annotation(aid)
    assert ann["tags"] == ["pemilu", "hoaks"]
    assert ann["note"] == "Cek ulang kutipan Kapolsek.\nBaris kedua."
    assert ann["read"] and ann["starred"]
    assert [a["id"] for a in again.articles] == [a["id"] for a in seeded.articles]


def test_an_edit_appends_to_the_journal_and_rewrites_no_file(seeded: Library) -> None:
    seeded.add_tags(seeded.articles[0]["id"], ["first"])
    files = [p for p in seeded.path.rglob("*") if p.is_file() and p.name != "user.journal"]
    before = {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in files}
    size = (seeded.path / "user.journal").stat().st_size
    seeded.add_tags(seeded.articles[1]["id"], ["x"])
    seeded.set_note(seeded.articles[1]["id"], "note")
    after = {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in files}
    assert before == after
    assert (seeded.path / "user.journal").stat().st_size > size
    fresh = Library(seeded.path)
    assert fresh.annotation(seeded.articles[1]["id"])["tags"] == ["x"]
    assert fresh.annotation(seeded.articles[1]["id"])["note"] == "note"


def test_removing_tags(seeded: Library) -> None:
    aid = seeded.articles[0]["id"]
    seeded.add_tags(aid, ["a", "b", "c"])
    assert seeded.remove_tags(aid, ["b", "nope"])["tags"] == ["a", "c"]


def test_edits_from_two_processes_do_not_overwrite_each_other(seeded: Library) -> None:
    other = Library(seeded.path)  # e.g. `warta tag` while the TUI is open
    a, b = seeded.articles[0]["id"], seeded.articles[1]["id"]
    seeded.add_tags(a, ["from-tui"])
    other.add_tags(b, ["from-cli"])
    seeded.set_note(a, "still here")
    fresh = Library(seeded.path)
    assert fresh.annotation(a)["tags"] == ["from-tui"]
    assert fresh.annotation(a)["note"] == "still here"
    assert fresh.annotation(b)["tags"] == ["from-cli"]


def test_unknown_ids_raise_and_prefixes_resolve(seeded: Library) -> None:
    aid = seeded.articles[2]["id"]
    assert seeded.resolve(aid[:5]) == aid
    assert seeded.resolve(aid.upper()) == aid
    with pytest.raises(LibraryError):
        seeded.resolve("zzzzzzzz")
    with pytest.raises(LibraryError):
        seeded.add_tags("zzzzzzzz", ["x"])
    assert not (seeded.path / "user.json").exists()
    assert not (seeded.path / "user.journal").exists()


def test_schema_version_is_stored_and_newer_libraries_are_refused(library: Library) -> None:
    meta = json.loads((library.path / "meta.json").read_text())
    assert meta["meta"]["library"]["schema"] == SCHEMA_VERSION
    meta["meta"]["library"]["schema"] = SCHEMA_VERSION + 1
    (library.path / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(LibraryError, match="newer Warta"):
        Library(library.path)


def test_a_library_written_by_version_one_opens(tmp_path: Path) -> None:
    # A frozen copy of the version-1 layout, as Warta 0.1 wrote it.
    lib = tmp_path / "old"
    (lib / "bodies").mkdir(parents=True)
    (lib / "meta.json").write_text('{"meta": {"library": {"schema": 1, "created": "2026-01-01"}}}')
    record = {
        "id": "abcdefgh",
        "hash": "00" * 20,
        "title": "Judul",
        "title_derived": False,
        "outlet": "ANTARA",
        "dateline": None,
        "date": "2024-01-02",
        "people": [],
        "organizations": [],
        "places": [],
        "events": [],
        "keywords": [],
        "n_quotes": 0,
        "source": None,
        "url": None,
        "origin": "a.txt",
        "imported": "2026-01-01",
        "extractor": 1,
    }
    (lib / "articles.json").write_text(json.dumps({"articles": {"abcdefgh": record}}))
    (lib / "bodies" / "00.json").write_text(
        json.dumps({"bodies": {"abcdefgh": {"text": "Judul\n\nIsi berita.", "title": None}}})
    )
    (lib / "user.json").write_text(
        json.dumps(
            {
                "annotations": {
                    "abcdefgh": {
                        "tags": ["lama"],
                        "note": "n",
                        "read": True,
                        "starred": False,
                        "updated": "",
                    }
                }
            }
        )
    )
    opened = Library(lib)
    assert opened.article("abcdefgh")["title"] == "Judul"
    assert opened.annotation("abcdefgh")["tags"] == ["lama"]
    assert "Isi berita." in opened.extraction("abcdefgh")["body"]


def test_atomic_write_leaves_old_file_when_writing_fails(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "user.json"
    atomic_write_bytes(target, b'{"ok": 1}')

    def boom(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        atomic_write_bytes(target, b'{"ok": 2}')
    assert target.read_bytes() == b'{"ok": 1}'
    assert [p.name for p in tmp_path.iterdir()] == ["user.json"]  # no temp file left behind


def test_failed_write_does_not_leave_a_phantom_edit_in_memory(seeded: Library, monkeypatch) -> None:
    aid = seeded.articles[0]["id"]
    seeded.add_tags(aid, ["kept"])

    def boom(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdatasync", boom)
    with pytest.raises(OSError):
        seeded.add_tags(aid, ["lost"])
    monkeypatch.undo()
    assert seeded.annotation(aid)["tags"] == ["kept"]


def test_storage_reads_file_once(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"t": {"1": {"a": 1}}}')
    storage = AtomicJSONStorage(path)
    first = storage.read()
    assert storage.read() is first
    assert not storage.changed_on_disk()
    atomic_write_bytes(path, b'{"t": {}}')
    assert storage.changed_on_disk()


def test_reindex_refreshes_metadata_and_keeps_ids_and_user_data(seeded: Library) -> None:
    from warta.store.library.importer import reindex

    aid = seeded.articles[0]["id"]
    seeded.add_tags(aid, ["keep"])
    rec = dict(seeded.article(aid))
    rec.update(title="stale title", extractor=-1)
    seeded.replace_records([rec])  # as if an older extractor had made it
    assert Library(seeded.path).article(aid)["title"] == "stale title"

    assert reindex(seeded) == 1
    fresh = Library(seeded.path)
    assert fresh.article(aid)["title"] != "stale title"
    assert fresh.article(aid)["hash"] == rec["hash"]
    assert fresh.annotation(aid)["tags"] == ["keep"]
    assert [a["id"] for a in fresh.articles] == [a["id"] for a in seeded.articles]


def test_head_file_gives_the_first_screen_without_parsing_articles(seeded: Library) -> None:
    fresh = Library(seeded.path)
    head = fresh.head()
    assert not fresh.loaded  # reading the head parsed nothing else
    assert head is not None
    total, rows = head
    assert total == 5
    dates = [r["date"] or "" for r in rows]
    assert dates == sorted(dates, reverse=True)
    assert {r["id"] for r in rows} == {a["id"] for a in seeded.articles}
    # The reader can open an article from a head row without loading the library.
    assert fresh.extraction(rows[0]["id"], rows[0])["body"]
    assert not fresh.loaded


def test_an_unreadable_user_file_is_reported_and_never_overwritten(seeded: Library) -> None:
    from warta.store.library.storage import CorruptFileError

    aid = seeded.articles[0]["id"]
    seeded.add_tags(aid, ["x"])
    user = seeded.path / "user.json"
    user.write_bytes(b'{"annotations": {"trunc')  # e.g. damaged by another tool
    lib = Library(seeded.path)
    with pytest.raises(CorruptFileError, match=r"user\.json"):
        lib.add_tags(aid, ["y"])
    assert user.read_bytes() == b'{"annotations": {"trunc'


def test_many_texts_read_at_once_come_back_in_the_order_asked(seeded: Library) -> None:
    # Reindex and the full-text rebuild read texts shard by shard; each must still get its own.
    recs = list(reversed(seeded.articles))
    assert seeded.body_inputs(recs) == [seeded.body_input(r["id"]) for r in recs]
    assert seeded.body_inputs([]) == []
