"""Snapshot of the main screen at 120x36 on the bundled seeds (pytest-textual-snapshot)."""

from __future__ import annotations

from pathlib import Path

from warta.store.library.importer import import_paths
from warta.store.library.library import Library
from warta.tui.app import WartaApp

ROOT = Path(__file__).resolve().parent.parent


def test_main_screen(snap_compare, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)  # origins are stored as given: keep them the same on every machine
    lib = Library(tmp_path / "lib")
    import_paths(lib, ["seeds"])

    async def run_before(pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.2)
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.2)

    assert snap_compare(WartaApp(lib), terminal_size=(120, 36), run_before=run_before)
