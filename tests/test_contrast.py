"""Every built-in Textual theme is readable: the contrast of every piece of text on the main
screen (list, reader with quotes, speakers, highlighted passages, matches and the keyboard
selection, metadata, count line, footer), the dialogs, the review, the codebook and help, as
the app draws it, against the background it is drawn on (WCAG AA: 4.5:1 for text one reads,
3:1 for secondary columns: dates, outlets, state glyphs, tags, speakers, snippets).

Colours are taken from the Strips the screen is composited into (after Textual's own filters:
translucent colours blended, ANSI colours as Textual's ANSI palettes draw them, ``dim`` turned
into a colour), so what is measured is what the user sees.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from review_fixture import annotated, annotated_template
from rich.color import Color as RichColor
from rich.segment import Segment
from textual.color import Color
from textual.theme import BUILTIN_THEMES

from warta.store.library.library import Library
from warta.tui.app import WartaApp
from warta.tui.contrast import BODY, SECONDARY, ratio
from warta.tui.widgets.article_list import ArticleList
from warta.tui.widgets.body import BodyView

__all__ = ["annotated", "annotated_template"]  # fixtures

SECONDARY_TEXT = re.compile(
    r"^\s*(\d\d(\d\d)?-\d\d-\d\d|-|[●★✎#]+|#\S.*|⟨.*⟩|— .*|\d+ / \d+|✓.*|▸|▾)\s*$"
)
"""Text drawn as a secondary column or label: dates, state glyphs, tags, speakers, counts."""


@dataclass(frozen=True)
class Reading:
    theme: str
    where: str
    text: str
    contrast: float
    minimum: float


def _rgb(colour: RichColor | None, default: tuple[int, int, int]) -> Color:
    if colour is None or colour.triplet is None:
        return Color(*default)  # the terminal's default colour, as Textual's ANSI theme has it
    return Color(*colour.triplet)


def readings(app: WartaApp, where: str, secondary: set[str]) -> Iterator[Reading]:
    """The contrast of every run of letters on screen. ``secondary``: texts that are a
    secondary column (outlets) wherever they appear."""
    terminal = app.ansi_theme
    fg_default = tuple(terminal.foreground_color)
    bg_default = tuple(terminal.background_color)
    # A dialog's own box, not the screen it dims behind it (that is not meant to be read).
    modal = app.screen.is_modal and app.screen.children
    box = app.screen.children[-1].region if modal else None
    body = app.screen.query(BodyView)
    body_region = body.first().region if body else None
    lists = app.screen.query(ArticleList)
    list_region = lists.first().region if lists else None
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        x = 0
        for seg in strip:
            if box is not None and not box.contains(x, y):
                x += seg.cell_length
                continue
            yield from _reading(
                app, where, seg, x, y, fg_default, bg_default, secondary, body_region, list_region
            )
            x += seg.cell_length


def _reading(
    app, where, seg: Segment, x, y, fg_default, bg_default, secondary, body_region, list_region
):
    text, style = seg.text, seg.style
    if style is None or not any(ch.isalnum() for ch in text):
        return
    fg = _rgb(style.color, fg_default)
    bg = _rgb(style.bgcolor, bg_default)
    if style.reverse:
        fg, bg = bg, fg
    stripped = text.strip()
    minor = (
        bool(SECONDARY_TEXT.match(stripped))
        or stripped in secondary
        or stripped.rstrip("…") in secondary
    )
    in_list = list_region is not None and list_region.contains(x, y)
    in_body = body_region is not None and body_region.contains(x, y)
    part = "list" if in_list else "reader body" if in_body else where
    yield Reading(app.theme, part, stripped, ratio(fg, bg), SECONDARY if minor else BODY)


async def _settle(pilot, app) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def _outlets(lib: Library) -> set[str]:
    from warta.store.search.outlets import display_name, short_name

    names = set()
    for a in lib.articles:
        full = display_name(a["outlet"])
        short = short_name(a["outlet"])
        names |= {
            full,
            short,
            *(full[:n] for n in range(4, len(full))),
            *(short[:n] for n in range(4, len(short))),
        }
    return {n for n in names if n}


async def _all_readings(lib: Library) -> list[Reading]:
    out: list[Reading] = []
    outlets = _outlets(lib)
    pemilu = next(a["id"] for a in lib.articles if a["title"].startswith("Jelang Pemilu"))
    app = WartaApp(lib)
    async with app.run_test(size=(120, 36)) as pilot:
        await _settle(pilot, app)
        await pilot.press("slash", *"hoaks", "enter")
        await _settle(pilot, app)
        main = app.screen
        main.open_annotation(pemilu, None)
        await _settle(pilot, app)
        await pilot.press("right_curly_bracket", "right_square_bracket")
        await _settle(pilot, app)
        for theme in BUILTIN_THEMES:
            app.theme = theme
            await _settle(pilot, app)
            main.query_one(ArticleList).focus()  # the list's cursor focused, the reader's marks
            await _settle(pilot, app)
            out += readings(app, "main, list focused", outlets)
            main.query_one("#reader").focus()  # the list's cursor blurred; the selection
            await pilot.press("v")
            await _settle(pilot, app)
            out += readings(app, "main, selecting", outlets)
            await pilot.press("escape")
            await pilot.press("t", "h", "o", "tab")
            await _settle(pilot, app)
            out += readings(app, "tag dialog", outlets)
            await pilot.press("escape", "R")
            await _settle(pilot, app)
            out += readings(app, "review", outlets)
            await pilot.press("escape", "C")
            await _settle(pilot, app)
            out += readings(app, "codebook", outlets)
            await pilot.press("escape", "question_mark")
            await _settle(pilot, app)
            out += readings(app, "help", outlets)
            await pilot.press("escape")
            await _settle(pilot, app)
    return out


@pytest.fixture(scope="module")
def measured(annotated_template, tmp_path_factory) -> list[Reading]:
    import asyncio
    import shutil

    path = tmp_path_factory.mktemp("contrast") / "lib"
    shutil.copytree(annotated_template, path)
    return asyncio.run(_all_readings(Library(path)))


def test_every_theme_reads_at_wcag_aa(measured: list[Reading]) -> None:
    assert {r.theme for r in measured} == set(BUILTIN_THEMES)
    low = [r for r in measured if r.contrast < r.minimum]
    worst = sorted(low, key=lambda r: r.contrast)[:20]
    assert not low, "\n".join(
        f"{r.theme:22} {r.where:20} {r.contrast:5.2f} < {r.minimum}  {r.text[:40]!r}" for r in worst
    )


def test_the_reader_and_list_were_measured_in_every_theme(measured: list[Reading]) -> None:
    """The measurement saw what it is about: list rows and body text, in every theme."""
    for theme in BUILTIN_THEMES:
        parts = {r.where for r in measured if r.theme == theme}
        assert {"list", "reader body", "tag dialog", "review", "codebook", "help"} <= parts, theme


async def test_no_color_draws_in_greys_and_keeps_every_mark(
    annotated: Library, monkeypatch
) -> None:
    """NO_COLOR (no-color.org): Textual draws in greys; Warta's marks that are not colours
    (bold quotes, underlined matches, the passage mark in the margin, the cursor row's
    background) still show, and the text still reads."""
    monkeypatch.setenv("NO_COLOR", "1")
    pemilu = next(a["id"] for a in annotated.articles if a["title"].startswith("Jelang Pemilu"))
    app = WartaApp(annotated)
    assert app.no_color
    async with app.run_test(size=(120, 36)) as pilot:
        await _settle(pilot, app)
        await pilot.press("slash", *"hoaks", "enter")
        await _settle(pilot, app)
        app.screen.open_annotation(pemilu, None)
        await _settle(pilot, app)
        await pilot.press("right_square_bracket")
        await _settle(pilot, app)
        strips = app.screen._compositor.render_strips()
        styles = [seg.style for strip in strips for seg in strip if seg.style is not None]
        for style in styles:
            for colour in (style.color, style.bgcolor):
                if colour is not None and colour.triplet is not None:
                    r, g, b = colour.triplet
                    assert r == g == b, style  # no hue anywhere
        body = app.screen.query_one(BodyView)
        region = body.region
        text = [
            (seg.text, seg.style)
            for y, strip in enumerate(strips)
            if region.y <= y < region.bottom
            for seg in strip.crop(region.x, region.right)
        ]
        assert any("hoaks" in t.lower() and s.underline for t, s in text), "matches underlined"
        assert any(s.bold and len(t.strip()) > 8 for t, s in text), "quotes bold"
        assert any(t == "▌" for t, _ in text), "passages marked in the margin"
        low = [r for r in readings(app, "NO_COLOR", set()) if r.contrast < r.minimum]
        assert not low, low[:5]


def test_every_codebook_colour_tints_passages_readably_in_every_theme() -> None:
    """A passage's tag colour blended into the reader's background keeps its words (plain,
    quote and match colours) at body-text contrast, for every colour of the codebook's
    palette, in every theme that has colours of its own."""
    from warta.store.annotate.codebook import PALETTE
    from warta.tui.contrast import solid, warta_variables
    from warta.tui.widgets.reader import passage_tint

    for name, theme in BUILTIN_THEMES.items():
        v = theme.to_color_system().generate()
        ours = warta_variables(v)
        if ours["warta-text"].startswith("ansi"):
            continue  # ANSI themes draw no tint (the terminal decides the colours)
        surface = solid(v["surface"], solid(v["background"], Color(0, 0, 0)))
        inks = [Color.parse(ours[k]) for k in ("warta-text", "warta-quote", "warta-match")]
        for colour in PALETTE:
            tint = passage_tint(surface, Color.parse(colour), inks)
            assert tint != surface, (name, colour)  # still a visible tint
            for ink in inks:
                assert ratio(ink, tint) >= BODY, (name, colour, ink.hex, tint.hex)
