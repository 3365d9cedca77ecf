"""The reader's everyday handling, through Textual's Pilot: tag completion that cycles, removing
several tags, copying quotes and URLs, the full-width layout and resizing (kept for the next
run), the default order from the settings, one notification at a time, help that scrolls,
instant g/G, removed lines, and the list's columns at every width."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from conftest import RECORDS, write_jsonl
from test_tui import settle, titles

from warta.store import config
from warta.store.library.importer import import_paths
from warta.store.library.library import Library
from warta.store.render import date_label, fit_cell
from warta.tui.app import WartaApp
from warta.tui.cli import cli
from warta.tui.screens.help import HelpScreen
from warta.tui.screens.tags import TagInput, matches
from warta.tui.widgets.article_list import ArticleList, columns
from warta.tui.widgets.reader import ArticleReader


def by_title(lib: Library, start: str) -> str:
    return next(a["id"] for a in lib.articles if a["title"].startswith(start))


async def open_article(pilot, app: WartaApp, aid: str) -> ArticleReader:
    app.screen.open_annotation(aid, None)
    await settle(pilot, app)
    return app.screen.query_one(ArticleReader)


# -- tags ----------------------------------------------------------------------------------------


def test_matches_prefix_first_then_inside_in_use_order() -> None:
    in_use = ["kapolres", "hoaks/klarifikasi", "kapolda", "polres", "kamtibmas"]
    assert matches(in_use, "ka") == ["kapolres", "kapolda", "kamtibmas"]
    assert matches(in_use, "polres") == ["polres", "kapolres"]
    assert matches(in_use, "klar") == ["hoaks/klarifikasi"]
    assert matches(in_use, "ka", typed=["kapolres"]) == ["kapolda", "kamtibmas"]


async def test_tab_cycles_through_every_match_and_the_list_narrows(seeded: Library) -> None:
    arts = seeded.articles
    seeded.add_tags(arts[0]["id"], ["kapolres", "hoaks"])
    seeded.add_tags(arts[1]["id"], ["kapolres", "kapolda"])
    app = WartaApp(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("t", "k", "a")
        await pilot.pause(0.1)
        field = app.screen.query_one(TagInput)
        hints = str(app.screen.query_one("TagHints").render())
        assert "#kapolres" in hints and "#kapolda" in hints and "#hoaks" not in hints
        seen = []
        for _ in range(3):
            await pilot.press("tab")
            await pilot.pause(0.05)
            seen.append(field.value)
        assert seen == ["kapolres", "kapolda", "ka"]  # most used first, then back to the stem
        await pilot.press("shift+tab")
        assert field.value == "kapolda"
        await pilot.press("space", "h", "o", "tab")
        assert field.value == "kapolda hoaks"
        await pilot.press("enter")
        await settle(pilot, app)
        current = app.screen.query_one(ArticleList).current
        assert {"kapolda", "hoaks"} <= set(seeded.annotation(current["id"])["tags"])


async def test_tab_completes_in_the_highlight_dialog_then_moves_to_the_note(
    seeded: Library,
) -> None:
    aid = by_title(seeded, "Warga OKU")
    seeded.add_tags(seeded.articles[0]["id"], ["kapolres", "kapolda"])
    seeded.add_tags(seeded.articles[1]["id"], ["kapolres"])  # the most used: first
    app = WartaApp(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await open_article(pilot, app, aid)
        await pilot.press("right_square_bracket", "h")
        await pilot.pause(0.2)
        await pilot.press("k", "a", "tab", "tab")
        field = app.screen.query_one(TagInput)
        assert field.value == "kapolda"
        await pilot.press("space", "tab")  # nothing to complete: on to the note
        assert app.focused is app.screen.query_one("#passage-note")


async def test_several_tags_removed_at_once(seeded: Library) -> None:
    aid = seeded.articles[0]["id"]
    seeded.add_tags(aid, ["satu", "dua", "tiga"])
    app = WartaApp(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await open_article(pilot, app, aid)
        await pilot.press("T", "space", "down", "down", "space", "enter")
        await settle(pilot, app)
        assert seeded.annotation(aid)["tags"] == ["dua"]
        await pilot.press("u")  # one change: one undo brings both back
        await settle(pilot, app)
        assert seeded.annotation(aid)["tags"] == ["satu", "dua", "tiga"]


# -- the clipboard -------------------------------------------------------------------------------


async def test_y_copies_the_quote_with_its_source_and_Y_the_url(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib")
    import_paths(lib, [write_jsonl(tmp_path / "a.jsonl", RECORDS)])
    aid = by_title(lib, "Polres Anambas")
    app = WartaApp(lib)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await open_article(pilot, app, aid)
        await pilot.press("y")
        assert app.clipboard == ""  # no quote chosen yet: nothing copied, the user is told how
        await pilot.press("right_square_bracket", "y")
        assert app.clipboard.splitlines() == [
            "“Keduanya diduga sebagai pemasok sabu” — Zulmi",
            "Polres Anambas tangkap pemasok sabu · Kompas.com · 2019-09-10",
            "https://example.org/a",
        ]
        await pilot.press("Y")
        assert app.clipboard == "https://example.org/a"


async def test_y_copies_the_passage_moved_to_last(seeded: Library) -> None:
    from warta.store.annotate import coding

    aid = by_title(seeded, "Warga OKU")
    coding.quote_passage(seeded, aid, 2, ["hoaks"], "")
    app = WartaApp(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        reader = await open_article(pilot, app, aid)
        await pilot.press("right_square_bracket", "right_curly_bracket", "y")
        passage = reader.passage
        assert passage is not None
        words = " ".join(reader.body[passage.place.start : passage.place.end].split())
        assert words.strip('“”"') in app.clipboard and "ANTARA" in app.clipboard
        await pilot.press("right_square_bracket", "y")  # now the quote, the last moved to
        assert reader.citation()[0] == "quote"


# -- layout and settings -------------------------------------------------------------------------


async def test_z_full_width_and_the_split_survive_a_restart(seeded: Library) -> None:
    app = WartaApp(seeded, settings=config.load())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        pane = app.screen.query_one("#list-pane")
        reader = app.screen.query_one(ArticleReader)
        await pilot.press("greater_than_sign", "greater_than_sign", "less_than_sign")
        await pilot.pause(0.1)
        assert pane.outer_size.width == 55  # 55% of 100
        await pilot.press("z")
        await settle(pilot, app)
        assert app.focused is reader and reader.outer_size.width == 100 and not pane.display
        await pilot.press("escape")  # back to the list: now the list takes the width
        await settle(pilot, app)
        assert pane.display and not reader.display and pane.outer_size.width == 100
        await pilot.press("enter")
        await settle(pilot, app)
        assert reader.display and not pane.display
    cfg = config.load()
    assert cfg.get("layout.reader") == "full" and cfg.get("layout.split") == 55

    again = WartaApp(Library(seeded.path), settings=config.load())
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot, again)
        pane = again.screen.query_one("#list-pane")
        assert pane.outer_size.width == 100 and not again.screen.query_one(ArticleReader).display
        await pilot.press("z")  # split again, at the width kept
        await settle(pilot, again)
        assert pane.outer_size.width == 55
    assert config.load().get("layout.reader") == "split"


async def test_the_default_sort_comes_from_the_settings(seeded: Library) -> None:
    config.save("sort", "date")
    app = WartaApp(seeded, settings=config.load())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        dates = [seeded.articles[i]["date"] for i in app.screen.query_one(ArticleList).order]
        dated = [d for d in dates if d]
        assert dated == sorted(dated)  # oldest first, as set
        await pilot.press("slash", *"sort:-date", "enter")  # the filter's own sort: wins
        await settle(pilot, app)
        dates = [seeded.articles[i]["date"] for i in app.screen.query_one(ArticleList).order]
        assert [d for d in dates if d] == sorted(dated, reverse=True)


def test_the_palette_lists_each_command_once(seeded: Library) -> None:
    app = WartaApp(seeded)

    async def run() -> list[str]:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot, app)
            return [c.title for c in app.get_system_commands(app.screen)]

    import asyncio

    names = asyncio.run(run())
    assert len(names) == len(set(names))
    assert "Help" in names and "Full width" in names and "Maximize" not in names


# -- notifications, help, scrolling ----------------------------------------------------------------


async def test_one_notification_at_a_time_on_the_line_above_the_footer(seeded: Library) -> None:
    from textual.widgets import Footer
    from textual.widgets._toast import Toast

    app = WartaApp(seeded)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot, app)
        await pilot.press("s")
        await pilot.press("s")
        await pilot.press("r")
        await pilot.pause(0.3)
        toasts = list(app.screen.query(Toast))
        assert len(toasts) == 1 and len(app._notifications) == 1
        assert "read" in str(toasts[0].render()).lower()
        toast = toasts[0].region
        footer = app.screen.query_one(Footer).region
        assert toast.height == 1 and toast.bottom == footer.y  # the message line
        for name in ("#articles", "#reader"):
            assert not toast.overlaps(app.screen.query_one(name).region)


async def test_help_scrolls_with_the_reading_keys_at_once(seeded: Library) -> None:
    app = WartaApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause(0.1)
        assert isinstance(app.screen, HelpScreen)
        scroll = app.screen.query_one("VerticalScroll")
        await pilot.press("j", "j")
        assert scroll.scroll_y == 2
        await pilot.press("G")  # no animation: there at once
        assert scroll.scroll_y == scroll.max_scroll_y > 20
        await pilot.press("k")
        assert scroll.scroll_y == scroll.max_scroll_y - 1
        await pilot.press("g")
        assert scroll.scroll_y == 0
        await pilot.press("pagedown")
        assert scroll.scroll_y > 10


async def test_reader_g_and_G_are_instant(seeded: Library) -> None:
    app = WartaApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        reader = await open_article(pilot, app, by_title(seeded, "Jelang Pemilu"))
        await pilot.press("G")
        assert reader.scroll_y == reader.max_scroll_y > 0
        await pilot.press("g")
        assert reader.scroll_y == 0


async def test_x_says_when_nothing_was_removed_and_shows_removed_lines_on_top(
    seeded: Library,
) -> None:
    app = WartaApp(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        reader = await open_article(pilot, app, by_title(seeded, "Jelang Pemilu"))
        messages: list[str] = []
        app.notify = lambda message, **kw: messages.append(message)  # type: ignore[method-assign]
        await pilot.press("x")
        assert messages[-1] == "No lines were removed from this article."
        assert not reader.show_junk
        reader = await open_article(pilot, app, by_title(seeded, "Guna menjaga"))
        await pilot.press("G", "x")
        await settle(pilot, app)
        junk = app.screen.query_one("#reader-junk")
        assert reader.show_junk and reader.scroll_y == 0
        assert junk.region.y < app.screen.query_one("#reader-meta").region.y  # at the top
        assert "4 lines" in str(junk.render())


# -- columns ---------------------------------------------------------------------------------------


def test_columns_at_every_width() -> None:
    assert columns(38, 14) == (False, 8)  # 80 columns: short date, narrow outlet, title 15
    assert columns(58, 14) == (True, 14)
    assert columns(58, 30) == (True, 14)  # capped at a third of the room
    assert columns(78, 19) == (True, 19)
    assert columns(24, 14) == (None, 6)
    assert columns(20, 14) == (None, 0)  # the title keeps 12 cells
    assert columns(60, 0) == (True, 0)  # no outlets on screen: no column
    assert fit_cell("tribratanewstts.com", 8) == "tribrat…"
    assert fit_cell("Antara", 8) == "Antara  "


async def test_rows_fit_80_columns_with_date_outlet_and_title(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib")
    records = [dict(RECORDS[0], source="tribratanewstts.com"), dict(RECORDS[1], date=None)]
    import_paths(lib, [write_jsonl(tmp_path / "a.jsonl", records)])
    app = WartaApp(lib)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        lst = app.screen.query_one(ArticleList)
        rows = [lst.render_line(y).text for y in range(2)]
        by = {t[:12]: r for t, r in zip(titles(app), rows, strict=True)}
        assert "19-09-10 tribrat… Polres Anamb" in by["Polres Anamb"]
        assert "-        Okezone  Banjir rendam" in by["Banjir renda"]
        assert all(len(r) == lst.scrollable_content_region.width for r in rows)


def test_undated_articles_read_the_same_in_the_cli(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib")
    import_paths(lib, [write_jsonl(tmp_path / "a.jsonl", [dict(RECORDS[1], date=None)])])
    out = CliRunner().invoke(cli, ["--db", str(lib.path), "list"]).output
    assert f"  {date_label(None):10}  Okezone" in out and "----" not in out


# -- one description of the keys -------------------------------------------------------------------


def test_readme_help_and_footer_describe_the_same_keys() -> None:
    from warta.tui.app import main_bindings
    from warta.tui.keys import KEYS, readme_table

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    start = readme.index("<!-- keys")
    table = readme[readme.index("\n", start) + 1 : readme.index("<!-- /keys -->")].strip()
    assert table == readme_table(), "README's key table is stale: python -m warta.tui.keys"

    listed = [i for _, rows in KEYS for key in rows for i in key.ids]
    assert len(listed) == len(set(listed)), "a binding described twice"
    ids = [b.id for b in main_bindings()]
    assert all(ids), "every binding has an id"
    assert sorted(set(ids)) == sorted(listed), "the table and the bindings differ"
    # What the footer shows is in the table under the same key.
    row_of = {i: key for _, rows in KEYS for key in rows for i in key.ids}
    names = {"slash": "/", "question_mark": "?", "escape": "Esc", "enter": "Enter"}
    for b in main_bindings():
        if b.show:
            key = names.get(first := b.key.split(",")[0], first)
            row = row_of[b.id]
            assert key.lower() in row.keys.lower() or f"`{key}`" in row.does, (b.id, row)


async def test_help_lists_every_key_once_with_the_keymap(seeded: Library) -> None:
    config.save("keymap.main.tag", "ctrl+t")
    app = WartaApp(seeded, settings=config.load())
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause(0.1)
        rows = [r for _, section in app.screen.sections for r in section]
        assert len(rows) == len(set(rows))
        keys = dict(rows)
        assert any(k.startswith("^t") for k in keys), keys  # remapped: shown as it now is
        assert not any(k == "t / T" for k in keys)


def test_the_filter_language_in_help_names_every_field_the_readme_does() -> None:
    from warta.tui.screens.help import FILTER_LANGUAGE

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    table = readme[readme.index("### The filter language") : readme.index("Matching folds")]
    in_readme = set(re.findall(r"`-?(\w+):", table))
    in_help = {f for example, _ in FILTER_LANGUAGE for f in re.findall(r"(\w+):", example)}
    in_help |= {f for _, meaning in FILTER_LANGUAGE for f in re.findall(r"(\w+):", meaning)}
    assert in_readme and in_readme <= in_help, in_readme - in_help


# -- what the screen draws -------------------------------------------------------------------------


async def test_a_passage_tint_stops_at_the_last_word_of_a_wrapped_line(seeded: Library) -> None:
    from warta.store.annotate import coding
    from warta.tui.widgets.body import BodyView

    aid = by_title(seeded, "Jelang Pemilu")
    coding.quote_passage(seeded, aid, 3, ["hoaks"], "")  # a long quote, wrapped
    app = WartaApp(seeded)
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot, app)
        await open_article(pilot, app, aid)
        await pilot.press("right_curly_bracket")
        await settle(pilot, app)
        view = app.screen.query_one(BodyView)
        base = view.rich_style.bgcolor
        tinted_lines = 0
        for y in range(len(view._lines)):
            segments = [s for s in view.render_line(y) if s.text]
            tinted = [s for s in segments if s.style and s.style.bgcolor not in (None, base)]
            if tinted:
                tinted_lines += 1
                assert tinted[-1].text.rstrip() == tinted[-1].text, repr(tinted[-1].text)
        assert tinted_lines >= 2


def test_screenshots_draw_alike_in_librsvg_and_browsers() -> None:
    from warta.tui.svg import without_leading_spaces

    run = (
        '<text class="r5" x="36.6" y="4.6" textLength="36.6" clip-path="url(#l)">'
        "&#160;&#160;3</text>"
    )
    # Two cells of 12.2: the "3" moves two cells right and no run starts with a space.
    assert without_leading_spaces(run) == (
        '<text class="r5" x="61" y="4.6" textLength="12.2" clip-path="url(#l)">3</text>'
    )


async def test_Y_copies_the_source_file_of_an_article_without_a_url(seeded: Library) -> None:
    app = WartaApp(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        await pilot.press("Y")
        current = app.screen.query_one(ArticleReader).record
        assert app.clipboard == current["origin"] and app.clipboard.endswith(".txt")
