"""Read-only and full disks: one line, a non-zero status, and nothing acknowledged is lost.

These mount a small tmpfs, so they need root (CI containers run as root); elsewhere the
read-only case falls back to permissions and the full disk is skipped.
"""

from __future__ import annotations

import contextlib
import os
import random
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import write_jsonl
from hostile import one_line, record_notifications, remount, run_main, settle, tmpfs

from warta.store.library.importer import import_paths
from warta.store.library.library import Library
from warta.tui.app import WartaApp
from warta.tui.screens.note import NoteScreen


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[str]:
    """Make the library at ``folder`` read-only: a read-only remount of its tmpfs as root (root
    ignores permissions), else permissions. Yields what the error line should mention."""
    if os.geteuid() == 0:
        remount(folder.parent, "ro")
        try:
            yield "read-only"
        finally:
            remount(folder.parent, "rw")
        return
    modes = {p: p.stat().st_mode for p in [folder, *folder.rglob("*")]}
    for p, mode in modes.items():
        p.chmod(stat.S_IMODE(mode) & ~0o222)
    try:
        yield "permission denied"
    finally:
        for p, mode in modes.items():
            p.chmod(stat.S_IMODE(mode))


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs as root; a plain folder otherwise (the read-only case uses permissions)."""
    if os.geteuid() != 0:
        yield tmp_path / "disk"
        return
    with tmpfs(tmp_path / "disk", "1m") as folder:
        yield folder


async def test_a_read_only_library_reads_and_refuses_edits_in_one_line(
    disk: Path, seeds_dir: Path, tmp_path: Path
) -> None:
    lib = Library(disk / "lib")
    import_paths(lib, [seeds_dir])
    aid = lib.articles[0]["id"]
    lib.add_tags(aid, ["lama"])
    new = write_jsonl(tmp_path / "new.jsonl", [{"title": "Baru", "body": "Isi berita baru."}])
    with read_only(lib.path) as why:
        code, out, _err = run_main("--db", str(lib.path), "list")
        assert code == 0 and len(out.splitlines()) == 5
        for command in (["tag", aid, "x"], ["note", aid, "n"], ["import", str(new)]):
            code, out, err = run_main("--db", str(lib.path), *command)
            assert code == 1, command
            line = one_line(err)
            assert why in line and str(lib.path) in line, line

        # In the reader: edits are refused with the reason, the reader goes on, the note
        # being written stays in its editor.
        app = WartaApp(Library(lib.path))
        notes = record_notifications(app)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot, app)
            await pilot.press("s")
            await settle(pilot, app)
            assert any(why in n for n in notes), notes
            await pilot.press("a")
            await settle(pilot, app)
            app.screen.query_one("#note-text").insert("tertahan")
            await pilot.press("escape")
            await settle(pilot, app)
            assert isinstance(app.screen, NoteScreen)
            assert any(n.startswith("note not saved") for n in notes)
            await pilot.press("f8")
            await settle(pilot, app)
            assert app.is_running
    after = Library(lib.path)
    assert after.annotation(aid)["tags"] == ["lama"] and len(after) == 5


def _article(i: int) -> dict[str, str]:
    rng = random.Random(i)
    words = " ".join(
        rng.choice(["banjir", "desa", "warga", "polisi", "jalan"]) for _ in range(2500)
    )
    return {"title": f"Berita nomor {i}", "body": f"Berita {i}. {words}."}


def test_a_full_disk_is_one_line_and_the_library_keeps_what_was_acknowledged(
    tmp_path: Path,
) -> None:
    with tmpfs(tmp_path / "disk", "256k") as folder:
        db = str(folder / "lib")
        acknowledged: list[str] = []
        failure = None
        for i in range(60):
            src = write_jsonl(tmp_path / f"a{i}.jsonl", [_article(i)])
            code, out, err = run_main("--db", db, "import", str(src))
            if code != 0:
                failure = (code, err)
                break
            assert "imported 1 article" in out
            acknowledged.append(f"Berita nomor {i}")
        assert failure is not None, "the disk never filled"
        code, err = failure
        assert code == 1
        assert one_line(err).startswith("warta: no space left on the disk holding")
        assert "what was saved before is intact" in err

        lib = Library(db)
        assert sorted(a["title"] for a in lib.articles) == sorted(acknowledged)
        assert acknowledged, "at least one import fitted"

        # Edits until the disk refuses one: every acknowledged edit is there afterwards.
        aid = lib.articles[0]["id"]
        tags: list[str] = []
        for n in range(3000):
            code, _out, err = run_main("--db", db, "tag", aid, f"t{n}")
            if code != 0:
                assert code == 1
                assert one_line(err).startswith("warta: no space left on the disk holding")
                break
            tags.append(f"t{n}")
        else:
            raise AssertionError("the disk never filled")
        assert Library(db).annotation(aid)["tags"] == tags
        code, out, _err = run_main("--db", db, "list")
        assert code == 0 and len(out.splitlines()) == len(acknowledged)
        assert not list(folder.rglob(".*.tmp"))  # no temp file left behind
