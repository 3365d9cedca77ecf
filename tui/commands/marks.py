"""Commands that change the user's marks: tag, note, mark."""

from __future__ import annotations

import sys
from typing import Any

import click

from warta.tui.commands.base import CONTEXT, cli, library_of, resolve_id


@cli.command("tag", context_settings=CONTEXT)
@click.argument("article_id", metavar="ID")
@click.argument("tags", nargs=-1, required=True)
@click.option("--remove", is_flag=True, help="Remove the tags instead of adding them.")
@click.pass_context
def tag_cmd(ctx: click.Context, article_id: str, tags: tuple[str, ...], remove: bool) -> None:
    """Add TAGS to an article (or remove them with --remove)."""
    lib = library_of(ctx)
    aid = resolve_id(lib, article_id)
    ann = lib.remove_tags(aid, tags) if remove else lib.add_tags(aid, tags)
    click.echo(f"{aid}: {' '.join('#' + t for t in ann['tags']) or '(no tags)'}")


@cli.command("note", context_settings=CONTEXT)
@click.argument("article_id", metavar="ID")
@click.argument("text")
@click.pass_context
def note_cmd(ctx: click.Context, article_id: str, text: str) -> None:
    """Set an article's note to TEXT ("-" reads it from stdin; "" removes the note)."""
    lib = library_of(ctx)
    aid = resolve_id(lib, article_id)
    if text == "-":
        text = sys.stdin.read()
    lib.set_note(aid, text)
    click.echo(f"{aid}: note {'saved' if text.strip() else 'removed'}")


@cli.command("mark", context_settings=CONTEXT)
@click.argument("article_id", metavar="ID")
@click.option("--read/--unread", default=None, help="Mark read or unread.")
@click.option("--star/--unstar", default=None, help="Star or unstar.")
@click.pass_context
def mark_cmd(ctx: click.Context, article_id: str, read: bool | None, star: bool | None) -> None:
    """Set an article's read and starred state."""
    lib = library_of(ctx)
    aid = resolve_id(lib, article_id)
    if read is None and star is None:
        raise click.UsageError("give --read/--unread and/or --star/--unstar")
    if read is not None:
        lib.set_read(aid, read)
    if star is not None:
        lib.set_starred(aid, star)
    ann = lib.annotation(aid)
    state = ("read" if ann["read"] else "unread") + (", starred" if ann["starred"] else "")
    click.echo(f"{aid}: {state}")


@cli.command("undo", context_settings=CONTEXT)
@click.pass_context
def undo_cmd(ctx: click.Context) -> None:
    """Undo the last change to your data (a bulk tag or a merge is one change)."""
    from warta.store.annotate.history import undo

    _report(undo(library_of(ctx)), "undid", "nothing to undo")


@cli.command("redo", context_settings=CONTEXT)
@click.pass_context
def redo_cmd(ctx: click.Context) -> None:
    """Redo the change `warta undo` last undid."""
    from warta.store.annotate.history import redo

    _report(redo(library_of(ctx)), "redid", "nothing to redo")


def _report(outcome: Any, verb: str, nothing: str) -> None:
    if not outcome.done:
        click.echo(nothing)
        return
    click.echo(f"{verb}: {outcome.label}")
    if outcome.conflicts:
        click.echo(f"left {len(outcome.conflicts)} item(s) as they are: changed since", err=True)


@cli.command("history", context_settings=CONTEXT)
@click.option("-n", "--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.pass_context
def history_cmd(ctx: click.Context, limit: int) -> None:
    """The last changes to your data, newest first (what `warta undo` would undo is first)."""
    lib = library_of(ctx)
    entries = lib.user.history()[-limit:]
    for e in reversed(entries):
        state = {"done": " ", "undone": "u", "dead": "x"}.get(e.get("state", ""), "?")
        when = e["time"].replace("T", " ")[:16]
        click.echo(f"{state} {when}  {e.get('coder', '')}  {e['label']}")
