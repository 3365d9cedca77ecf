"""Snapshots (pytest-textual-snapshot) of the main screen at 120x36 on the bundled seeds, and of
the review and codebook screens on the seeds with a few passages and notes."""

from __future__ import annotations

from pathlib import Path

from review_fixture import annotated, annotated_template

from warta.store.library.importer import import_paths
from warta.store.library.library import Library
from warta.tui.app import WartaApp

ROOT = Path(__file__).resolve().parent.parent

__all__ = ["annotated", "annotated_template"]  # fixtures


def _seeds(tmp_path: Path, monkeypatch) -> Library:
    monkeypatch.chdir(ROOT)  # origins are stored as given: keep them the same on every machine
    lib = Library(tmp_path / "lib")
    import_paths(lib, ["seeds"])
    return lib


async def _open_first(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.2)
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.2)


def test_main_screen(snap_compare, tmp_path: Path, monkeypatch) -> None:
    """The default dark theme at 120x36 (the README's first image)."""
    lib = _seeds(tmp_path, monkeypatch)
    assert snap_compare(WartaApp(lib), terminal_size=(120, 36), run_before=_open_first)


def test_main_screen_light(snap_compare, tmp_path: Path, monkeypatch) -> None:
    lib = _seeds(tmp_path, monkeypatch)
    app = WartaApp(lib, theme="textual-light")
    assert snap_compare(app, terminal_size=(120, 36), run_before=_open_first)


def test_main_screen_80x24(snap_compare, tmp_path: Path, monkeypatch) -> None:
    """At 80 columns: short dates, a narrow outlet column, the title still readable."""
    lib = _seeds(tmp_path, monkeypatch)

    async def run_before(pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.2)
        await pilot.press("slash", *"kapolres", "enter")
        await _open_first(pilot)

    assert snap_compare(WartaApp(lib), terminal_size=(80, 24), run_before=run_before)


def test_reader_light_with_highlights(snap_compare, annotated: Library) -> None:
    """The reader in a light theme: a Kapolres on hoaxes, found with the filter; quotes,
    speakers, the filter's matches and a passage in its tag's colour with its margin mark
    (the README's second image)."""

    async def run_before(pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.2)
        await pilot.press("slash", *"kapolres hoaks", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        await pilot.press("right_curly_bracket")
        await pilot.pause(0.3)

    app = WartaApp(annotated, theme="textual-light")
    assert snap_compare(app, terminal_size=(120, 36), run_before=run_before)


def test_reader_with_highlighted_passages(snap_compare, tmp_path: Path, monkeypatch) -> None:
    """Passages drawn in their tag's colour with a margin mark, one of them current."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr("warta.store.library.userstore.now", lambda: "2026-12-01T10:00:00+00:00")
    from warta.store.annotate import codebook, passages

    lib = Library(tmp_path / "lib", coder="ana")
    import_paths(lib, ["seeds"])
    aid = next(a["id"] for a in lib.articles if a["title"].startswith("Jelang Pemilu"))
    ex = lib.extraction(aid)
    for q, tags in zip(ex["quotes"][:2], (["hoaks"], ["imbauan/kamtibmas"]), strict=True):
        sel = passages.selector_for(lib, aid, ex["body"], q["start"], q["end"])
        passages.add(lib, aid, sel, tags, speaker=q["speaker"])
    codebook.set_colour(lib, "hoaks", "#e6194b")
    codebook.set_colour(lib, "imbauan", "#4363d8")

    async def run_before(pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.2)
        pilot.app.screen.open_annotation(aid, None)
        await pilot.pause(0.2)
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        await pilot.pause(0.2)

    assert snap_compare(WartaApp(lib), terminal_size=(120, 36), run_before=run_before)


# -- the codebook and review screens, on the seeds with a few passages and notes -------------


async def _open(pilot, *keys: str) -> None:
    """Wait for the index, press ``keys``, and wait for the screen's workers and timers."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.2)
    for key in keys:
        await pilot.press(key)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.1)
    await pilot.pause(0.2)


def test_review_screen(snap_compare, annotated: Library) -> None:
    """By tag, the cursor on the Kapolres's quote (its note in the detail pane)."""

    async def run_before(pilot) -> None:
        await _open(pilot, "R", "j")

    assert snap_compare(WartaApp(annotated), terminal_size=(120, 36), run_before=run_before)


def test_review_screen_80x24_by_article(snap_compare, annotated: Library) -> None:
    async def run_before(pilot) -> None:
        await _open(pilot, "R", "g", "j", "space")

    assert snap_compare(WartaApp(annotated), terminal_size=(80, 24), run_before=run_before)


def test_codebook_screen(snap_compare, annotated: Library) -> None:
    async def run_before(pilot) -> None:
        await _open(pilot, "C")

    assert snap_compare(WartaApp(annotated), terminal_size=(120, 36), run_before=run_before)
