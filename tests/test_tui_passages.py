"""Highlighting passages in the reader: by quote, by keyboard selection and by mouse; jumping,
editing and deleting them; undo and redo across a restart; bulk tagging the filter's result."""

from __future__ import annotations

from pathlib import Path

from test_tui import settle
from textual.widgets import TextArea

from warta.store.annotate import history, passages
from warta.store.library.library import Library
from warta.tui.app import WartaApp
from warta.tui.widgets.article_list import ArticleList
from warta.tui.widgets.body import BodyView
from warta.tui.widgets.reader import ArticleReader


async def _open_first_with_quotes(pilot, app: WartaApp) -> ArticleReader:
    await settle(pilot, app)
    lst = app.screen.query_one(ArticleList)
    while not app.library.extraction(lst.current["id"])["quotes"]:
        await pilot.press("j")
    await pilot.press("enter")
    await settle(pilot, app)
    return app.screen.query_one(ArticleReader)


def _raw(lib: Library, aid: str) -> str:
    return lib.body_input(aid)["text"]


async def test_h_highlights_the_current_quote_with_tags_and_a_note(seeded: Library) -> None:
    app = WartaApp(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        reader = await _open_first_with_quotes(pilot, app)
        aid = reader.article_id
        quote = seeded.extraction(aid)["quotes"][1]
        await pilot.press("right_square_bracket", "right_square_bracket", "h")
        await pilot.pause(0.2)
        await pilot.press(*"hoaks", "tab", *"kutipan kunci", "enter")  # no completion: to the note
        await settle(pilot, app)
        [p] = passages.of_article(seeded, aid)
        assert p["tags"] == ["hoaks"] and p["note"] == "kutipan kunci"
        assert p["speaker"] == quote["speaker"]
        sel = p["selector"]
        assert _raw(seeded, aid)[sel["start"] : sel["end"]] == sel["exact"]
        assert " ".join(sel["exact"].split()) == " ".join(quote["text"].split())
        assert reader.passage is not None and reader.passage.passage["id"] == p["id"]
        # Drawn in the body, with a mark in the margin on its lines.
        view = app.screen.query_one(BodyView)
        line = view.line_of(reader._shown.start(reader.passage.place.start))
        assert view.render_line(line).text.startswith("▌")


async def test_keyboard_selection_extends_by_sentence_and_trims_by_word(seeded: Library) -> None:
    app = WartaApp(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        reader = await _open_first_with_quotes(pilot, app)
        aid = reader.article_id
        body = reader.body
        await pilot.press("v")
        await pilot.pause(0.1)
        assert reader.selecting is not None
        first = reader.selecting
        await pilot.press("j")  # the next sentence
        second = reader.selecting
        assert second[0] >= first[1]
        await pilot.press("J")  # and the one after it too
        extended = reader.selecting
        assert extended[0] == second[0] and extended[1] > second[1]
        await pilot.press("h", "h")  # two words off the end
        trimmed = reader.selecting
        assert trimmed[0] == extended[0]
        dropped = body[trimmed[1] : extended[1]].split()
        assert len(dropped) == 2
        await pilot.press("enter")
        await pilot.pause(0.2)
        await pilot.press(*"pemilu", "enter")
        await settle(pilot, app)
        [p] = passages.of_article(seeded, aid)
        want = " ".join(body[trimmed[0] : trimmed[1]].split())
        assert " ".join(p["selector"]["exact"].split()) == want
        assert reader.selecting is None


async def test_escape_cancels_a_selection(seeded: Library) -> None:
    app = WartaApp(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        reader = await _open_first_with_quotes(pilot, app)
        await pilot.press("v", "J", "escape")
        assert reader.selecting is None
        assert not passages.all_passages(seeded)
        await pilot.press("j")  # scrolls again, as j does outside selection mode
        assert reader.selecting is None


async def test_a_mouse_selection_then_h_highlights_it(seeded: Library) -> None:
    app = WartaApp(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        reader = await _open_first_with_quotes(pilot, app)
        aid = reader.article_id
        view = app.screen.query_one(BodyView)
        reader.scroll_to(y=view.virtual_region.y, animate=False)
        await pilot.pause(0.1)
        # Drag over the first body line from its 3rd character to its 20th.
        await pilot.mouse_down(view, offset=(4, 0))
        await pilot.hover(view, offset=(21, 0))
        await pilot.mouse_up(view, offset=(21, 0))
        await pilot.pause(0.1)
        span = reader.mouse_span()
        assert span is not None
        chosen = reader.body[span[0] : span[1]]
        assert chosen and chosen in view.render_line(0).text
        await pilot.press("h")
        await pilot.pause(0.2)
        await pilot.press(*"mouse", "enter")
        await settle(pilot, app)
        [p] = passages.of_article(seeded, aid)
        assert p["selector"]["exact"] == chosen.strip()


async def test_jump_edit_delete_and_undo_from_the_reader(seeded: Library) -> None:
    aid = seeded.articles[0]["id"]
    ex = seeded.extraction(aid)
    body = ex["body"]
    for q in ex["quotes"][:2]:
        sel = passages.selector_for(seeded, aid, body, q["start"], q["end"])
        passages.add(seeded, aid, sel, ["awal"])
    app = WartaApp(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        app.screen.open_annotation(aid, None)
        await settle(pilot, app)
        reader = app.screen.query_one(ArticleReader)
        await pilot.press("right_curly_bracket")
        first = reader.passage.passage["id"]
        await pilot.press("right_curly_bracket")
        second = reader.passage.passage["id"]
        assert first != second
        await pilot.press("left_curly_bracket")
        assert reader.passage.passage["id"] == first
        await pilot.press("e")
        await pilot.pause(0.2)
        await pilot.press("ctrl+a", "ctrl+k", *"ganti", "enter")
        await settle(pilot, app)
        assert passages.get(seeded, first)["tags"] == ["ganti"]
        await pilot.press("d")
        await settle(pilot, app)
        assert len(passages.of_article(seeded, aid)) == 1
        await pilot.press("u")  # brings the deleted passage back
        await settle(pilot, app)
        assert passages.get(seeded, first)["tags"] == ["ganti"]
        await pilot.press("u")  # and the tags as they were
        await settle(pilot, app)
        assert passages.get(seeded, first)["tags"] == ["awal"]
        await pilot.press("ctrl+r")
        await settle(pilot, app)
        assert passages.get(seeded, first)["tags"] == ["ganti"]


async def test_undo_and_redo_survive_a_restart(seeded: Library, tmp_path: Path) -> None:
    app = WartaApp(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("t", *"sebelum", "enter")
        await settle(pilot, app)
        aid = app.screen.query_one(ArticleList).current["id"]
        await pilot.press("s")
    reopened = Library(seeded.path)
    app = WartaApp(reopened)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("u")
        await settle(pilot, app)
        assert reopened.annotation(aid)["starred"] is False
        await pilot.press("u")
        await settle(pilot, app)
        assert reopened.annotation(aid)["tags"] == []
        await pilot.press("ctrl+r")
        await settle(pilot, app)
        assert reopened.annotation(aid)["tags"] == ["sebelum"]
    assert Library(seeded.path).annotation(aid)["tags"] == ["sebelum"]


async def test_bulk_tagging_the_filter_result_is_one_undoable_change(seeded: Library) -> None:
    app = WartaApp(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("slash", *"title:pemilu", "enter")
        await settle(pilot, app)
        shown = [
            a["id"]
            for a in map(
                app.screen.query_one(ArticleList).record, app.screen.query_one(ArticleList).order
            )
        ]
        assert 0 < len(shown) < 5
        await pilot.press("B")
        await pilot.pause(0.2)
        title = str(app.screen.query_one("Vertical").border_title)
        assert f"all {len(shown)} articles" in title
        await pilot.press(*"operasi", "enter")
        await settle(pilot, app)
        assert all(seeded.annotation(a)["tags"] == ["operasi"] for a in shown)
        others = [a["id"] for a in seeded.articles if a["id"] not in shown]
        assert all(seeded.annotation(a)["tags"] == [] for a in others)
        await pilot.press("u")
        await settle(pilot, app)
        assert all(seeded.annotation(a)["tags"] == [] for a in shown)
        assert history.redoable(seeded)["label"].startswith(f"tag {len(shown)} articles")


async def test_editing_the_tags_of_a_passage_keeps_its_notes_line_breaks(seeded: Library) -> None:
    # A note written with line breaks (in the review screen or by the CLI) is edited in a text
    # area, where its lines show; retagging leaves it as it was.
    aid = seeded.articles[0]["id"]
    ex = seeded.extraction(aid)
    q = ex["quotes"][0]
    sel = passages.selector_for(seeded, aid, ex["body"], q["start"], q["end"])
    pid = passages.add(seeded, aid, sel, ["awal"], note="baris satu\nbaris dua")["id"]
    app = WartaApp(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        app.screen.open_annotation(aid, None)
        await settle(pilot, app)
        await pilot.press("right_curly_bracket", "e")
        await pilot.pause(0.2)
        assert isinstance(app.screen.query_one("#passage-note"), TextArea)
        await pilot.press("ctrl+a", "ctrl+k", *"ganti", "enter")  # Enter in the tags saves
        await settle(pilot, app)
        assert passages.get(seeded, pid)["tags"] == ["ganti"]
        assert passages.get(seeded, pid)["note"] == "baris satu\nbaris dua"
