"""The ``warta`` command: open the reader, or script the library (import, list, show, tag...).

Every subcommand goes through the same ``store`` code the TUI uses. Textual is imported only
when the reader is opened, so scripting commands start fast. The commands live in
``warta.tui.commands``, one module per concern; importing them registers them on the group.
"""

from __future__ import annotations

import sys

import click

from warta.tui.commands import (  # noqa: F401 - registers
    exporting,
    library,
    marks,
    reading,
    searching,
)
from warta.tui.commands.base import CONTEXT, cli, library_of
from warta.tui.commands.library import print_report, run_import

__all__ = ["cli", "main"]


@cli.command("open", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path())
@click.pass_context
def open_cmd(ctx: click.Context, paths: tuple[str, ...]) -> None:
    """Open the reader, importing PATHS (files or folders) first."""
    lib = library_of(ctx)
    if not sys.stdout.isatty():
        # No terminal to draw on (a script, a pipe): import only, and say so.
        if paths:
            code = run_import(lib, paths)
        click.echo("warta: not a terminal; use `warta list` or `warta show` to read", err=True)
        ctx.exit(code if paths else 1)
    lib.annotations()  # a damaged user.json stops us here, with its name, not mid-screen
    from warta.tui.app import WartaApp

    # The import runs inside the reader, with a progress bar, so a big import never keeps the
    # user waiting for a first screen; its report is printed once the reader closes.
    app = WartaApp(lib, tuple(paths))
    app.run()
    report = app.main.import_report
    if report is not None:
        ctx.exit(print_report(report))


def main() -> None:
    """Console-script entry point."""
    from warta.store.library.storage import CorruptFileError

    try:
        cli(prog_name="warta")
    except CorruptFileError as exc:
        click.echo(f"warta: {exc}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
