"""What every ``warta`` command shares: the group, the library it opens, id resolution."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click
import orjson

from warta.store.library.library import Library, LibraryError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


COMMAND_MODULES = {
    **dict.fromkeys(("list", "show", "extract"), "reading"),
    **dict.fromkeys(("highlight", "highlights", "passage", "tags"), "annotate"),
    **dict.fromkeys(("annotations", "agreement"), "exchange"),
    "export": "exporting",
    **dict.fromkeys(("import", "reindex", "doctor", "backup", "restore"), "library"),
    **dict.fromkeys(("tag", "note", "mark", "undo", "redo", "history"), "marks"),
    **dict.fromkeys(("search", "stats"), "searching"),
    "config": "settings",
}
"""The module of ``warta.tui.commands`` that defines each command. A command's module is
imported when the command runs, not before: ``warta list`` then imports what listing needs
and not the exports, merges and backups (tests check the table against the modules)."""


class _DefaultToOpen(click.Group):
    """``warta PATH...`` means ``warta open PATH...``: a first word that is not a command is a
    path, if it names one; otherwise it is an error naming the closest command."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            import importlib

            importlib.import_module(f"warta.tui.commands.{COMMAND_MODULES[cmd_name]}")
        return self.commands.get(cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        names = self.list_commands(ctx)
        if args and args[0] not in names:
            if not os.path.lexists(args[0]) and not ctx.resilient_parsing:
                raise _no_such_command(args[0], names)
            return "open", self.commands["open"], args
        return super().resolve_command(ctx, args)


def _no_such_command(word: str, commands: list[str]) -> click.UsageError:
    import difflib

    from warta.store.text import visible
    from warta.tui.errors import PlainUsageError

    close = difflib.get_close_matches(word, commands, n=1, cutoff=0.6)
    hint = f"did you mean `{close[0]}`?" if close else "see `warta --help` for the commands"
    return PlainUsageError(f"no such command or file `{visible(word)}`; {hint}")


def library_of(ctx: click.Context) -> Library:
    obj = ctx.ensure_object(dict)
    if "library" not in obj:
        from warta.store.paths import default_library_dir

        path = obj.get("db") or default_library_dir()
        try:
            obj["library"] = Library(path, coder=obj.get("coder"))
        except LibraryError as exc:
            raise click.ClickException(str(exc)) from exc
    return obj["library"]


def resolve_id(lib: Library, article_id: str) -> str:
    try:
        return lib.resolve(article_id)
    except LibraryError as exc:
        raise click.ClickException(str(exc)) from exc


def dumps(obj: Any) -> str:
    return orjson.dumps(obj).decode()


@click.group(cls=_DefaultToOpen, invoke_without_command=True, context_settings=CONTEXT)
@click.option(
    "--db",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="WARTA_DB",
    help="Library folder (default: $WARTA_DB, else your user data folder).",
)
@click.option(
    "--coder",
    envvar="WARTA_CODER",
    help="Record your annotations as made by NAME (default: $WARTA_CODER, else your login).",
)
@click.option("--theme", help="Open the reader in this Textual theme (this run only).")
@click.version_option(package_name="warta")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, coder: str | None, theme: str | None) -> None:
    """Warta: read, filter, tag and annotate collections of news articles.

    Run without a command to open the reader; `warta PATH...` imports PATH (files or folders)
    first, then opens the reader.
    """
    ctx.ensure_object(dict).update(db=db, coder=coder, theme=theme)
    if ctx.invoked_subcommand is None:
        ctx.invoke(ctx.command.commands["open"], paths=())
