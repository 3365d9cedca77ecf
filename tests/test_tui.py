"""The reader driven through Textual's Pilot: filter, open, tag, note, state, quit, reopen."""

from __future__ import annotations

from pathlib import Path

from warta.store.library.importer import import_paths
from warta.store.library.library import Library
from warta.tui.app import MainScreen, WartaApp
from warta.tui.widgets.article_list import ArticleList
from warta.tui.widgets.body import BodyView
from warta.tui.widgets.reader import ArticleReader


async def settle(pilot, app: WartaApp) -> None:
    """Let workers (index build, searches) and the preview timer finish."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)


def titles(app: WartaApp) -> list[str]:
    lst = app.screen.query_one(ArticleList)
    return [app.library.articles[i]["title"] for i in lst.order]


async def test_filter_open_tag_note_state_quit_and_reopen(seeded: Library) -> None:
    app = WartaApp(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
        assert len(titles(app)) == 5

        await pilot.press("slash", *"sepaku")
        await settle(pilot, app)
        assert titles(app)[0].startswith("Polsek Sepaku")
        count = str(app.screen.query_one("#count").render())
        assert count.startswith("1 / 5") or count.split()[0] != "5"

        await pilot.press("escape")  # clears the filter and returns to the list
        await settle(pilot, app)
        assert app.screen.query_one("#filter").value == ""
        assert len(titles(app)) == 5
        assert app.focused is app.screen.query_one(ArticleList)

        await pilot.press("slash", *"sepaku", "enter")
        await settle(pilot, app)
        await pilot.press("enter")  # open in the reader
        await settle(pilot, app)
        reader = app.screen.query_one(ArticleReader)
        aid = reader.article_id
        assert aid is not None
        assert seeded.article(aid)["title"].startswith("Polsek Sepaku")
        assert app.focused is reader
        assert seeded.annotation(aid)["read"] is True  # opening marks read

        await pilot.press("t", *"patroli", "enter")
        await settle(pilot, app)
        await pilot.press("a", *"Cek lokasi PPS.", "escape")
        await settle(pilot, app)
        await pilot.press("s")
        await pilot.press("r")  # back to unread
        await settle(pilot, app)
        await pilot.press("q")
    assert not app.is_running

    reopened = Library(seeded.path)
    ann = reopened.annotation(aid)
    assert ann["tags"] == ["patroli"]
    assert ann["note"] == "Cek lokasi PPS."
    assert ann["starred"] is True and ann["read"] is False

    app2 = WartaApp(reopened)
    async with app2.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app2)
        await pilot.press("slash", *"tag:patroli")
        await settle(pilot, app2)
        assert len(titles(app2)) == 1
        row = app2.screen.query_one(ArticleList).render_line(0).text
        assert row.startswith("●★✎#")  # unread, starred, noted, tagged


async def test_cli_edits_show_in_the_tui(seeded: Library) -> None:
    aid = seeded.articles[3]["id"]
    Library(seeded.path).add_tags(aid, ["dari-cli"])  # another process, e.g. `warta tag`
    app = WartaApp(Library(seeded.path))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("slash", *"tag:dari-cli", "enter")
        await settle(pilot, app)
        assert [app.library.articles[i]["id"] for i in app.screen.query_one(ArticleList).order] == [
            aid
        ]


async def test_remove_tag_and_quote_jumps(seeded: Library) -> None:
    aid = seeded.articles[0]["id"]
    seeded.add_tags(aid, ["satu", "dua"])
    app = WartaApp(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        lst = app.screen.query_one(ArticleList)
        lst.cursor = list(lst.order).index(0)
        await pilot.press("enter")
        await settle(pilot, app)
        await pilot.press("T")
        await settle(pilot, app)
        await pilot.press("enter")  # removes the first tag in the picker
        await settle(pilot, app)
        assert seeded.annotation(aid)["tags"] == ["dua"]

        reader = app.screen.query_one(ArticleReader)
        assert reader.quote_count() >= 2
        await pilot.press("right_square_bracket")
        await settle(pilot, app)
        assert reader.current_quote == 0
        await pilot.press("right_square_bracket")
        await settle(pilot, app)
        assert reader.current_quote == 1
        await pilot.press("left_square_bracket")
        await settle(pilot, app)
        assert reader.current_quote == 0


async def test_markup_in_articles_is_shown_as_text(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib")
    evil = tmp_path / "evil.txt"
    evil.write_text(
        "Judul [bold]tebal[/] dan [link=http://x]tautan[/link]\n\n"
        'Isi berita [red]merah[/red] dan [/] sisa. "Kutipan [b]aneh[/b] ini," kata Budi.'
    )
    import_paths(lib, [evil])
    app = WartaApp(lib)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        row = app.screen.query_one(ArticleList).render_line(0).text
        assert "[bold]tebal[/]" in row
        body = app.screen.query_one(BodyView).plain
        assert "[red]merah[/red]" in body and "[/]" in body


async def test_help_screen_lists_keys(seeded: Library) -> None:
    app = WartaApp(seeded)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_import_runs_inside_the_reader(tmp_path: Path, seeds_dir: Path) -> None:
    lib = Library(tmp_path / "lib")
    app = WartaApp(lib, (str(seeds_dir), str(tmp_path / "missing.txt")))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await settle(pilot, app)
        assert len(titles(app)) == 5
        report = app.main.import_report
        assert report is not None and report.added == 5 and report.skipped == 1


async def test_mouse_click_moves_the_cursor_and_double_click_opens(seeded: Library) -> None:
    app = WartaApp(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        lst = app.screen.query_one(ArticleList)
        await pilot.click(ArticleList, offset=(10, 2))
        await settle(pilot, app)
        assert lst.cursor == 2
        reader = app.screen.query_one(ArticleReader)
        assert reader.article_id == seeded.articles[lst.order[2]]["id"]  # the reader follows
        await pilot.double_click(ArticleList, offset=(10, 3))
        await settle(pilot, app)
        assert app.focused is reader
        assert seeded.annotation(reader.article_id)["read"] is True


async def test_command_palette_offers_the_actions(seeded: Library) -> None:
    app = WartaApp(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        aid = seeded.articles[app.screen.query_one(ArticleList).order[0]]["id"]
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        await pilot.press(*"Toggle star")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot, app)
        assert seeded.annotation(aid)["starred"] is True


async def test_o_opens_the_article_url(tmp_path: Path) -> None:
    from conftest import RECORDS, write_jsonl

    lib = Library(tmp_path / "lib")
    import_paths(lib, [write_jsonl(tmp_path / "a.jsonl", RECORDS[:1])])
    app = WartaApp(lib)
    opened: list[str] = []
    app.open_url = lambda url, **kw: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("o")
        await pilot.pause()
    assert opened == ["https://example.org/a"]


async def test_a_note_in_progress_survives_quitting_and_discard_restores_it(
    seeded: Library,
) -> None:
    aid = seeded.articles[0]["id"]
    seeded.set_note(aid, "lama")
    app = WartaApp(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        lst = app.screen.query_one(ArticleList)
        lst.cursor = list(lst.order).index(0)
        await pilot.press("a", *" baru")
        await pilot.pause(2.0)  # a pause in typing saves the draft
        assert Library(seeded.path).annotation(aid)["note"] == "lama baru"
        await pilot.press("f8")  # discard: back to what it was
        await settle(pilot, app)
        assert Library(seeded.path).annotation(aid)["note"] == "lama"
        await pilot.press("a", *" lagi")
        await pilot.press("ctrl+q")  # quit with the editor open, before any pause
    assert Library(seeded.path).annotation(aid)["note"] == "lama lagi"


async def test_edits_from_another_terminal_show_while_the_reader_is_open(seeded: Library) -> None:
    app = WartaApp(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        lst = app.screen.query_one(ArticleList)
        top = lst.current
        assert top is not None
        Library(seeded.path).add_tags(top["id"], ["dari-terminal-lain"])  # e.g. `warta tag`
        await pilot.pause(2.5)
        await settle(pilot, app)
        assert lst.render_line(0).text[3] == "#"
        await pilot.press("slash", *"tag:dari-terminal-lain")
        await settle(pilot, app)
        assert [lst.record(i)["id"] for i in lst.order] == [top["id"]]


async def test_importing_into_an_existing_library_shows_the_new_articles(
    seeded: Library, tmp_path: Path
) -> None:
    from conftest import RECORDS, write_jsonl

    new = write_jsonl(tmp_path / "new.jsonl", RECORDS)
    app = WartaApp(Library(seeded.path), (str(new),))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await settle(pilot, app)
        assert len(titles(app)) == 7
        assert "Polres Anambas tangkap pemasok sabu" in titles(app)


async def test_a_note_changed_in_another_terminal_meanwhile_is_kept_as_a_conflict_copy(
    seeded: Library,
) -> None:
    from warta.store.annotate import notes

    aid = seeded.articles[0]["id"]
    seeded.set_note(aid, "awal")
    app = WartaApp(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        lst = app.screen.query_one(ArticleList)
        lst.cursor = list(lst.order).index(0)
        await pilot.press("a", *" dari reader")
        Library(seeded.path).set_note(aid, "dari terminal lain")  # `warta note` meanwhile
        await pilot.press("escape")  # saves and closes
        await settle(pilot, app)
    fresh = Library(seeded.path)
    assert fresh.annotation(aid)["note"] == "awal dari reader"
    [copy] = notes.of_article(fresh, aid)
    assert copy["text"] == "dari terminal lain" and copy["origin"] == "conflict"


async def test_matches_are_highlighted_counted_and_n_jumps_between_them(seeded: Library) -> None:
    from warta.store.search import fulltext

    assert fulltext.status(seeded) is None  # the import built the full-text index
    app = WartaApp(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("slash", *"hoaks", "enter")
        await settle(pilot, app)
        assert titles(app)[0].startswith("Jelang Pemilu 2024")
        await pilot.press("enter")
        await settle(pilot, app)
        reader = app.screen.query_one(ArticleReader)
        n = reader.match_count()
        assert n >= 2
        assert f"{n} matches" in str(reader.query_one("#reader-title").render())
        match = reader.get_component_rich_style("reader--match", partial=True)
        assert match.underline and match != reader.get_component_rich_style(
            "reader--match-current", partial=True
        )
        body = reader.body_text
        styled = [body.plain[s.start : s.end] for s in body.spans if s.style == match]
        assert styled and all(t.lower() == "hoaks" for t in styled)
        assert reader.current_match is None
        await pilot.press("n")
        await pilot.pause(0.1)
        assert reader.current_match == 0
        await pilot.press("n")
        await pilot.pause(0.1)
        assert reader.current_match == 1
        await pilot.press("N")
        await pilot.pause(0.1)
        assert reader.current_match == 0
        await pilot.press("N")  # no match before the first: stays, says so
        await pilot.pause(0.1)
        assert reader.current_match == 0


async def test_body_only_rows_show_a_snippet_and_errors_keep_the_list(seeded: Library) -> None:
    app = WartaApp(seeded)
    async with app.run_test(size=(160, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("slash", *"terprovokasi")
        await settle(pilot, app)
        lst = app.screen.query_one(ArticleList)
        assert len(lst.order) == 1
        row = "".join(seg.text for seg in lst.render_line(0))
        assert "terprovokasi" in row  # the snippet, after the (cut) title
        await pilot.press(*" after:kemarin ")  # finished: an error, shown inline
        await settle(pilot, app)
        assert len(lst.order) == 1
        assert "bad date" in str(app.screen.query_one("#count").render())


async def test_save_a_search_open_it_and_narrow_by_a_facet(seeded: Library) -> None:
    from warta.store.search import saved

    app = WartaApp(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("slash", *"polisi OR hoaks", "enter")
        await settle(pilot, app)
        everything = set(app.screen.query_one(ArticleList).order)
        await pilot.press("S", *"keamanan", "enter")
        await settle(pilot, app)
        assert saved.get(seeded, "keamanan")["query"] == "polisi OR hoaks"
        await pilot.press("slash", "escape")
        await settle(pilot, app)
        await pilot.press("apostrophe")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.screen.query_one("#filter").value.strip() == "polisi OR hoaks"
        assert set(app.screen.query_one(ArticleList).order) == everything
        await pilot.press("F")
        await settle(pilot, app)
        await pilot.press("enter")  # the first outlet
        await settle(pilot, app)
        value = app.screen.query_one("#filter").value
        assert "outlet:" in value
        narrowed = set(app.screen.query_one(ArticleList).order)
        assert narrowed and narrowed <= everything


async def test_sort_key_and_typo_toggle(seeded: Library) -> None:
    app = WartaApp(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("slash", *"polisi", "enter")
        await settle(pilot, app)
        await pilot.press("O")
        await settle(pilot, app)
        assert app.screen.query_one("#filter").value == "polisi sort:-date"
        await pilot.press("O")
        await settle(pilot, app)
        dates = [seeded.articles[i]["date"] for i in app.screen.query_one(ArticleList).order]
        assert app.screen.query_one("#filter").value == "polisi sort:date"
        dated = [d for d in dates if d]
        assert dated == sorted(dated)
        await pilot.press("tilde")
        await settle(pilot, app)
        assert app.screen.fuzzy is False
        assert "no typos" in str(app.screen.query_one("#count").render())


async def test_timeline_shows_the_result_over_time(seeded: Library) -> None:
    app = WartaApp(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("H", "slash", *"polisi")
        await settle(pilot, app)
        bar = app.screen.query_one("#timeline")
        assert bar.display
        spark = app.screen.query_one("#timeline-spark")
        assert sum(spark.data) == len(app.screen.query_one(ArticleList).order) - sum(
            1 for i in app.screen.query_one(ArticleList).order if not seeded.articles[i]["date"]
        )
        assert "by " in str(app.screen.query_one("#timeline-label").render())
        await pilot.press("escape", "H")
        await settle(pilot, app)
        assert not bar.display


async def test_typing_right_after_slash_goes_into_the_filter(seeded: Library) -> None:
    """A burst of keys ("/kapolres" typed fast, or pasted) is all filter text, no commands."""
    app = WartaApp(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        from textual import events

        # Queued together, as a terminal delivers a fast burst: no idle time between them.
        for key, char in (("slash", "/"), ("a", "a"), ("s", "s"), ("t", "t")):
            app.post_message(events.Key(key, char))  # a: note, s: star, t: tag, were it not
        await pilot.pause(0.3)
        assert app.screen.query_one("#filter").value == "ast"
        assert type(app.screen).__name__ == "MainScreen"
        assert not any(a["starred"] for a in seeded.annotations().values())


async def test_a_slash_typed_in_the_filter_is_text(seeded: Library) -> None:
    app = WartaApp(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("slash", *"tag:hoaks", "slash", *"sub")
        assert app.screen.query_one("#filter").value == "tag:hoaks/sub"


async def test_enter_finishes_the_filter_so_its_last_word_is_a_whole_word(seeded: Library) -> None:
    """While typing, the last word is a prefix ("bhabin" may become "bhabinkamtibmas"); after
    Enter it is a finished word, matched as the CLI matches it."""
    app = WartaApp(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("slash", *"bhabin")
        await settle(pilot, app)
        browser = app.screen.browser
        typing = browser.search("bhabin", typing=True).order
        done = browser.search("bhabin").order
        assert len(done) < len(typing)  # what this test relies on
        assert list(app.screen.result.order) == list(typing)
        await pilot.press("enter")
        await settle(pilot, app)
        assert list(app.screen.result.order) == list(done)


async def test_a_long_filter_scrolls_to_keep_the_cursor_in_view(seeded: Library) -> None:
    # The filter box repaints without a layout per keystroke (see FilterInput.refresh): its
    # scrolling must still follow the cursor past the box's width.
    app = WartaApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("slash")
        box = app.screen.query_one("#filter")
        words = "kamtibmas polsek desa warga pemilu " * 4
        for ch in words.strip():
            await pilot.press("space" if ch == " " else ch)
        await pilot.pause(0.2)
        assert box.value == words.strip()
        assert box.scroll_offset.x > 0
        x = box.cursor_screen_offset.x
        assert box.content_region.x <= x <= box.content_region.right  # as Input has it
        assert "pemilu" in "".join(seg.text for seg in box.render_line(0))
