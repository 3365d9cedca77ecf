"""Settings: the config file, `warta config`, and settings chosen in the app surviving a restart."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner
from test_tui import settle

from warta.store import config
from warta.store.library.library import Library
from warta.tui.app import WartaApp
from warta.tui.cli import cli


def test_warta_config_sets_values_and_keeps_the_users_comments(tmp_path: Path) -> None:
    path = Path(os.environ["WARTA_CONFIG"])
    path.write_text('# my own notes about this file\ntheme = "nord"  # I like it\n')
    run = CliRunner().invoke
    assert run(cli, ["config", "coder", "ana"]).exit_code == 0
    assert run(cli, ["config", "keymap.main.tag", "ctrl+t"]).exit_code == 0
    assert run(cli, ["config", "layout.split", "60"]).exit_code == 0
    text = path.read_text()
    assert "# my own notes about this file" in text and "# I like it" in text
    cfg = config.load()
    assert cfg.get("theme") == "nord" and cfg.get("coder") == "ana"
    assert cfg.keymap == {"main.tag": "ctrl+t"} and cfg.get("layout.split") == 60
    shown = run(cli, ["config"]).output
    assert "coder = 'ana'" in shown and "sort = 'relevance'  (default)" in shown
    bad = run(cli, ["config", "theme", "no-such-theme"])
    assert bad.exit_code == 1 and "no theme" in bad.output
    assert run(cli, ["config", "layout.reader", "sideways"]).exit_code == 1
    assert run(cli, ["config", "coder", "--unset"]).exit_code == 0
    assert config.load().get("coder") == ""


def test_the_coder_setting_names_who_made_an_annotation(seeded: Library) -> None:
    config.save("coder", "budi")
    aid = seeded.articles[0]["id"]
    Library(seeded.path).add_tags(aid, ["x"])
    assert Library(seeded.path).annotation(aid)["coders"] == {"x": ["budi"]}


async def test_a_theme_chosen_in_the_app_survives_a_restart(seeded: Library) -> None:
    app = WartaApp(seeded, settings=config.load())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        app.theme = "textual-light"  # what the palette's "Change theme" does
        await pilot.pause()
    assert config.load().get("theme") == "textual-light"
    again = WartaApp(Library(seeded.path), settings=config.load())
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot, again)
        assert again.theme == "textual-light"
    # --theme is for one run: it is used, and not saved.
    once = WartaApp(Library(seeded.path), settings=config.load(), theme="nord")
    async with once.run_test(size=(100, 30)) as pilot:
        await settle(pilot, once)
        assert once.theme == "nord"
        once.theme = "dracula"
        await pilot.pause()
    assert config.load().get("theme") == "textual-light"


async def test_keys_remapped_by_binding_id(seeded: Library) -> None:
    config.save("keymap.main.tag", "ctrl+t")
    app = WartaApp(seeded, settings=config.load())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+t")
        await pilot.pause(0.2)
        assert type(app.screen).__name__ == "TagScreen"
