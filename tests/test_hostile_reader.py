"""The reader driven with hostile data (Pilot): markup and terminal escapes in titles, tags,
notes, URLs and file names; files damaged or edits failing while it runs. Each must show
literally or as one message, and the reader must go on."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from conftest import write_jsonl
from hostile import record_notifications, screen_text, settle

from warta.store.library.importer import import_paths
from warta.store.library.library import Library, _shard_of
from warta.tui.app import WartaApp
from warta.tui.screens.note import NoteScreen
from warta.tui.widgets.article_list import ArticleList
from warta.tui.widgets.reader import ArticleReader

MARKUP_TITLE = "[VIDEO] Banjir [/] rendam [link=http://x]desa[/link]"
OSC_NAME = "\x1b]0;pwned\x07.txt"


def _hostile_library(tmp_path: Path) -> Library:
    src = tmp_path / "in"  # imported as "in": a short origin, so the Source row fits one line
    src.mkdir()
    (src / OSC_NAME).write_text(
        f'{MARKUP_TITLE}\n\nWarga mengungsi karena banjir. "Air naik cepat," kata Budi.\n'
    )
    write_jsonl(
        src / "rec.jsonl",
        [
            {
                "title": "Judul [b]tebal[/] kedua",
                "body": "Isi berita kedua tentang pemilu di desa.",
                "url": "https://example.org/[/]x?a=[link=y]",
                "date": "2019-01-01",
            }
        ],
    )
    lib = Library(tmp_path / "lib")
    assert import_paths(lib, ["in"]).added == 2
    return lib


def _select(app: WartaApp, title_start: str) -> str:
    lst = app.screen.query_one(ArticleList)
    for row, pos in enumerate(lst.order):
        if lst.record(pos)["title"].startswith(title_start):
            lst.cursor = row
            return lst.record(pos)["id"]
    raise AssertionError(title_start)


async def test_markup_and_escapes_in_titles_tags_notes_urls_and_names_show_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    lib = _hostile_library(tmp_path)
    app = WartaApp(lib)
    opened: list[str] = []
    app.open_url = lambda url, **kw: opened.append(url)  # type: ignore[method-assign]
    notes = record_notifications(app)
    async with app.run_test(size=(130, 40)) as pilot:
        await settle(pilot, app)
        assert "[VIDEO] Banjir [/] rendam" in screen_text(app)

        aid = _select(app, "[VIDEO]")
        await pilot.press("enter")
        await settle(pilot, app)
        shown = screen_text(app)
        # The file name's OSC sequence is shown escaped, and no escape byte reaches the screen.
        assert "\\x1b]0;pwned\\x07.txt" in shown
        assert "\x1b" not in shown and "\x07" not in shown

        # The note editor's border shows the whole title, brackets and all (it crashed).
        await pilot.press("a")
        await settle(pilot, app)
        assert isinstance(app.screen, NoteScreen)
        assert f"Note · {MARKUP_TITLE}" in screen_text(app)
        await pilot.press(*"[b]n[/b] [/]", "escape")
        await settle(pilot, app)
        assert lib.annotation(aid)["note"] == "[b]n[/b] [/]"
        assert "[b]n[/b] [/]" in screen_text(app)

        # Adding the tag "[/]" (it crashed the notification) and picking it to remove.
        await pilot.press("t", *"[/] [red]", "enter")
        await settle(pilot, app)
        assert lib.annotation(aid)["tags"] == ["[/]", "[red]"]
        assert "Tags: #[/] #[red]" in notes
        assert "#[/] #[red]" in screen_text(app)
        await pilot.press("T")
        await settle(pilot, app)
        assert "#[/]" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot, app)
        assert lib.annotation(aid)["tags"] == ["[red]"]
        assert "Removed #[/]. u undoes." in notes

        # `o` on a URL holding markup (it crashed the notification).
        _select(app, "Judul [b]")
        await settle(pilot, app)
        await pilot.press("o")
        await settle(pilot, app)
        assert opened == ["https://example.org/[/]x?a=[link=y]"]
        assert "Opening https://example.org/[/]x?a=[link=y]" in notes
        assert app.is_running


async def test_only_web_addresses_are_handed_to_the_browser(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib")
    records = [{"title": "Berkas lokal", "body": "Isi berita.", "url": "file:///etc/passwd"}]
    import_paths(lib, [write_jsonl(tmp_path / "a.jsonl", records)])
    app = WartaApp(lib)
    opened: list[str] = []
    app.open_url = lambda url, **kw: opened.append(url)  # type: ignore[method-assign]
    notes = record_notifications(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("o")
        await settle(pilot, app)
    assert opened == []
    assert notes == ["Not a web address, not opened: file:///etc/passwd"]


async def test_controls_typed_into_a_note_are_not_stored(seeded: Library) -> None:
    app = WartaApp(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        aid = app.screen.query_one(ArticleList).current["id"]
        await pilot.press("a")
        await settle(pilot, app)
        app.screen.query_one("#note-text").insert("a\u200bb\u202ec\x1b[2Jd")
        await pilot.press("escape")
        await settle(pilot, app)
    assert seeded.annotation(aid)["note"] == "abcd"


def _two_articles_in_other_shards(lib: Library, first_id: str) -> tuple[dict, dict]:
    first_shard = _shard_of(lib.article(first_id)["hash"])
    others: dict[str, dict] = {}
    for rec in lib.articles:
        shard = _shard_of(rec["hash"])
        if shard != first_shard and shard not in others:
            others[shard] = rec
    a, b = list(others.values())[:2]
    return a, b


async def test_a_missing_or_empty_body_shard_is_reported_in_the_reader(seeded: Library) -> None:
    app = WartaApp(Library(seeded.path))
    notes = record_notifications(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        lst = app.screen.query_one(ArticleList)
        first = lst.current
        emptied, removed = _two_articles_in_other_shards(seeded, first["id"])
        # Another program truncates one shard and deletes another while the reader runs.
        (seeded.path / "bodies" / f"{_shard_of(emptied['hash'])}.json").write_bytes(b"")
        (seeded.path / "bodies" / f"{_shard_of(removed['hash'])}.json").unlink()

        _select(app, emptied["title"][:20])
        await settle(pilot, app)
        text = screen_text(app)
        assert "This article cannot be shown." in text
        assert any("is empty (0 bytes)" in n and "warta doctor" in n for n in notes)

        _select(app, removed["title"][:20])
        await settle(pilot, app)
        assert any(f"the text of article {removed['id']} is missing" in n for n in notes)

        _select(app, first["title"][:20])  # a good article still reads
        await settle(pilot, app)
        assert app.screen.query_one(ArticleReader).article_id == first["id"]
        assert app.is_running


async def test_a_truncated_articles_json_is_reported_and_the_head_rows_stay(
    seeded: Library,
) -> None:
    articles = seeded.path / "articles.json"
    torn = articles.read_bytes()[:100]
    articles.write_bytes(torn)  # torn by another program
    app = WartaApp(Library(seeded.path))
    notes = record_notifications(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        assert any("articles.json is not valid JSON" in n for n in notes)
        count = str(app.screen.query_one("#count").render())  # where the count goes
        assert count.startswith(f"{articles} is not valid JSON")
        lst = app.screen.query_one(ArticleList)
        assert len(lst.order) == 5  # painted from the head file
        await pilot.press("enter")  # the text is in its shard: it still opens
        await settle(pilot, app)
        assert app.screen.query_one(ArticleReader).article_id == lst.current["id"]
        await pilot.press("s")  # an edit needs articles.json: refused, with the reason
        await settle(pilot, app)
        assert app.is_running
    assert articles.read_bytes() == torn  # never written over


@pytest.mark.parametrize(
    "damage",
    [b'{"annotations": {"trunc', b"[]"],
    ids=["torn", "a-list"],
)
async def test_user_data_damaged_while_the_reader_runs(seeded: Library, damage: bytes) -> None:
    aid = seeded.articles[0]["id"]
    seeded.add_tags(aid, ["penting"])
    app = WartaApp(Library(seeded.path))
    notes = record_notifications(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        # Another process compacts (the journal is replaced) and then user.json is damaged.
        other = Library(seeded.path)
        other.user.compact()
        good = (seeded.path / "user.json").read_bytes()
        (seeded.path / "user.json").write_bytes(damage)
        app.main._poll_user_data()
        await settle(pilot, app)
        assert any("user.json" in n and "warta restore" in n for n in notes), notes
        await pilot.press("s")
        await pilot.press("j", "k", "enter")
        await settle(pilot, app)
        assert app.is_running
        assert (seeded.path / "user.json").read_bytes() == damage  # never written over

        (seeded.path / "user.json").write_bytes(good)  # e.g. `warta restore` elsewhere
        app.main._poll_user_data()
        await settle(pilot, app)
        assert "Your tags, notes and marks can be read again." in notes
        app.screen.query_one("#filter").value = "tag:penting"
        await settle(pilot, app)
        lst = app.screen.query_one(ArticleList)
        assert [lst.record(i)["id"] for i in lst.order] == [aid]


async def test_an_edit_the_disk_refuses_is_shown_and_the_note_is_kept(
    seeded: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    app = WartaApp(seeded)
    notes = record_notifications(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        aid = app.screen.query_one(ArticleList).current["id"]
        monkeypatch.setattr(Library, "set_starred", full)
        monkeypatch.setattr(Library, "set_note", full)
        await pilot.press("s")
        await settle(pilot, app)
        assert any(n.startswith("no space left on the disk holding") for n in notes)
        await pilot.press("a")
        await settle(pilot, app)
        app.screen.query_one("#note-text").insert("jangan hilang")
        await pilot.press("escape")
        await settle(pilot, app)
        # The note could not be saved: the editor stays open with the text in it.
        assert isinstance(app.screen, NoteScreen)
        assert app.screen.query_one("#note-text").text == "jangan hilang"
        assert any(n.startswith("note not saved: no space left") for n in notes)
        monkeypatch.undo()  # space was freed
        await pilot.press("escape")
        await settle(pilot, app)
        assert not isinstance(app.screen, NoteScreen)
    assert Library(seeded.path).annotation(aid)["note"] == "jangan hilang"


async def test_a_folder_with_a_broken_link_and_a_pipe_opens_in_the_reader(
    tmp_path: Path, seeds_dir: Path
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text((seeds_dir / "000_458db295d67e7604.txt").read_text())
    os.symlink(src / "nowhere.jsonl", src / "broken.jsonl")
    os.symlink("loop.txt", src / "loop.txt")
    os.mkfifo(src / "pipe.txt")
    app = WartaApp(Library(tmp_path / "lib"), (str(src),))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await settle(pilot, app)
        report = app.main.import_report
        assert report is not None and report.added == 1 and report.skipped == 3
        assert app.screen.query_one(ArticleList).order
        assert app.is_running


async def test_head_rows_of_the_wrong_shape_are_not_used(seeded: Library) -> None:
    head = seeded.path / "head.json"
    head.write_text(json.dumps({"total": 5, "rows": [1, {"id": "x"}]}))
    assert seeded.head() is not None  # the library hands it over; the reader must check it
    app = WartaApp(Library(seeded.path))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        assert len(app.screen.query_one(ArticleList).order) == 5
