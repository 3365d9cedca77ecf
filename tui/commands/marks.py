"""Commands that change the user's marks: tag, note, mark."""

from __future__ import annotations

import sys

import click

from warta.store.text import strip_controls
from warta.tui.commands.arguments import TEXT, read_stdin_text
from warta.tui.commands.base import CONTEXT, cli, library_of, resolve_id


@cli.command("tag", context_settings=CONTEXT)
@click.argument("article_id", metavar="ID")
@click.argument("tags", nargs=-1, required=True, type=TEXT)
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
@click.argument("text", type=TEXT)
@click.pass_context
def note_cmd(ctx: click.Context, article_id: str, text: str) -> None:
    """Set an article's note to TEXT ("-" reads it from stdin; "" removes the note)."""
    lib = library_of(ctx)
    aid = resolve_id(lib, article_id)
    # Control and invisible characters are not stored (a note shows in terminals).
    text = read_stdin_text(sys.stdin) if text == "-" else strip_controls(text)
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
