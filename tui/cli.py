"""The ``warta`` command: open the reader, or script the library (import, list, show, tag...).

Every subcommand goes through the same ``store`` code the TUI uses. Textual is imported only
when the reader is opened, so scripting commands start fast. The commands live in
``warta.tui.commands``, one module per concern, imported when one of their commands runs
(``base.COMMAND_MODULES``); importing one registers its commands on the group.
Failures end as ``warta.tui.errors`` says: one line and an exit status, never a traceback.
"""

from __future__ import annotations

import os
import sys

import click

from warta.store.library.library import Library
from warta.tui.commands.base import CONTEXT, cli, library_of

__all__ = ["cli", "main"]


@cli.command("open", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path())
@click.pass_context
def open_cmd(ctx: click.Context, paths: tuple[str, ...]) -> None:
    """Open the reader, importing PATHS (files or folders) first."""
    from warta.store.text import visible
    from warta.tui.errors import PlainUsageError

    for path in paths:
        if not os.path.lexists(path):
            # Opening an empty reader for a mistyped path would look like data was lost.
            raise PlainUsageError(f"no such file or folder `{visible(path)}`; check the path")
    from warta.tui.commands.library import print_report, run_import

    lib = library_of(ctx)
    if not sys.stdout.isatty():
        # No terminal to draw on (a script, a pipe): import only, and say so.
        if paths:
            code = run_import(lib, paths)
        click.echo("warta: not a terminal; use `warta list` or `warta show` to read", err=True)
        ctx.exit(code if paths else 1)
    _offer_restore(lib)  # damaged user data stops us here, with its name, not mid-screen
    # The import runs inside the reader, with a progress bar, so a big import never keeps the
    # user waiting for a first screen; its report is printed once the reader closes.
    from warta.store.config import ConfigError, load
    from warta.tui.app import WartaApp

    try:
        settings = load()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    app = WartaApp(lib, tuple(paths), settings=settings, theme=ctx.obj.get("theme"))
    app.run()
    if app.crash is not None:
        raise app.crash  # a bug inside the reader: main() writes the crash report
    code = 0
    report = app.main.import_report
    if report is not None:
        code = print_report(report)
    if app.main.import_problem is not None:
        from warta.tui.errors import say

        say(app.main.import_problem.line)
        code = app.main.import_problem.code
    ctx.exit(code)


def _offer_restore(lib: Library) -> None:
    """Open the user's data; if it is damaged, offer the newest good state from the backups.

    Never reads damaged data as "no annotations": the reader opens only on good data.
    """
    from warta.store.library import backups
    from warta.store.library.journal import JournalDamaged
    from warta.store.library.storage import CorruptFileError
    from warta.store.library.userstore import UserDataDamaged

    try:
        lib.annotations()
        return
    except (UserDataDamaged, CorruptFileError, JournalDamaged) as exc:
        try:
            rec = backups.recover(lib.path)
        except backups.BackupError:
            rec = None
        if rec is None or not sys.stdin.isatty():
            raise exc  # the error policy says it in one line, with how to restore
        click.echo(f"warta: {exc}", err=True)
        what = backups.describe(backups.counts(rec.tables))
        if not click.confirm(f"Restore the newest good state ({what}, from {rec.source})?"):
            sys.exit(2)
    from warta.tui.commands.library import backup_current

    saved = backup_current(lib)
    backups.keep_current_files(lib.path)
    lib.user.write_state(rec.tables, rec.seq)
    click.echo(f"restored {what}" + (f"; the damaged state is kept in {saved}" if saved else ""))


def main() -> None:
    """Console-script entry point: the command line under Warta's error policy."""
    from warta.tui.errors import run

    sys.exit(run(cli, sys.argv[1:]))


if __name__ == "__main__":
    main()
