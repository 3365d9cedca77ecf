"""`warta config`: show and change the settings file."""

from __future__ import annotations

import click

from warta.tui.commands.base import CONTEXT, cli


@cli.command("config", context_settings=CONTEXT)
@click.argument("key", required=False)
@click.argument("value", required=False)
@click.option("--unset", is_flag=True, help="Remove KEY from the file (back to the default).")
@click.option("--path", "show_path", is_flag=True, help="Print where the settings file is.")
@click.option(
    "--keys", "show_keys", is_flag=True, help="List the binding ids keymap.<id> can remap."
)
def config_cmd(
    key: str | None, value: str | None, unset: bool, show_path: bool, show_keys: bool
) -> None:
    """Show every setting, one (KEY), or set one (KEY VALUE).

    \b
    warta config                         every setting, and whether it is set or the default
    warta config theme textual-light     any built-in Textual theme
    warta config coder ana               who your annotations are recorded as made by
    warta config layout.reader full      the reader takes the whole width (or split)
    warta config keymap.main.tag ctrl+t  a key for a binding, by id (warta config --keys)

    The file keeps your comments: Warta changes only the line of the setting.
    """
    from warta.store import config

    path = config.config_path()
    if show_path:
        click.echo(str(path))
        return
    if show_keys:
        _list_keys()
        return
    try:
        if key is None:
            cfg = config.load(path)
            for name in sorted(config.DEFAULTS):
                source = "" if cfg.is_set(name) else "  (default)"
                click.echo(f"{name} = {cfg.get(name)!r}{source}")
            for binding, keys in sorted(cfg.keymap.items()):
                click.echo(f"keymap.{binding} = {keys!r}")
            click.echo(f"# {path}", err=True)
            return
        if unset:
            config.save(key, None, path)
            click.echo(f"{key} unset")
            return
        if value is None:
            cfg = config.load(path)
            if key.startswith("keymap."):
                click.echo(cfg.keymap.get(key.removeprefix("keymap."), ""))
            else:
                config.check(key, str(cfg.get(key)))
                click.echo(str(cfg.get(key)))
            return
        checked = config.check(key, value)
        if key == "theme":
            _check_theme(value)
        config.save(key, checked, path)
    except config.ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{key} = {checked!r}")


def _check_theme(name: str) -> None:
    from textual.theme import BUILTIN_THEMES

    if name not in BUILTIN_THEMES:
        from warta.store.config import ConfigError

        raise ConfigError(f"no theme {name!r}; choose from {', '.join(sorted(BUILTIN_THEMES))}")


def _list_keys() -> None:
    """Every binding id with its keys and what it does, by screen."""
    from warta.tui.app import main_bindings
    from warta.tui.screens.codebook import CodebookScreen
    from warta.tui.screens.review import ReviewScreen

    sections = [("main screen", main_bindings())]
    for screen in (CodebookScreen, ReviewScreen):
        for title, bindings in screen.help_bindings():
            sections.append((title.lower(), bindings))
    seen: set[str] = set()
    for title, bindings in sections:
        click.echo(f"# {title}")
        for b in bindings:
            if b.id and b.id not in seen:
                seen.add(b.id)
                click.echo(f"{b.id:24} {b.key:22} {b.tooltip or b.description}")
