"""Commands that change the user's marks: tag, note, mark."""

from __future__ import annotations

import sys
from typing import Any

import click

from warta.store.text import strip_controls
from warta.tui.commands.arguments import TEXT, read_stdin_text
from warta.tui.commands.base import CONTEXT, cli, library_of, resolve_id


@cli.command("tag", context_settings=CONTEXT)
@click.argument("article_id", metavar="[ID]", required=False, type=TEXT)
@click.argument("tags", nargs=-1, type=TEXT)
@click.option("--remove", is_flag=True, help="Remove the tags instead of adding them.")
@click.option(
    "-f", "--filter", "query", type=TEXT, help="Every article this filter matches (bulk)."
)
@click.option("-y", "--yes", is_flag=True, help="With --filter: do not ask for confirmation.")
@click.pass_context
def tag_cmd(
    ctx: click.Context,
    article_id: str | None,
    tags: tuple[str, ...],
    remove: bool,
    query: str | None,
    yes: bool,
) -> None:
    """Add TAGS to article ID (or remove them with --remove).

    With --filter QUERY, every argument is a tag and every matching article is tagged, as one
    change (`warta undo` takes it back): `warta tag --filter 'hoaks after:2024' hoaks`.
    """
    lib = library_of(ctx)
    if query is not None:
        from warta.store.annotate.codebook import bulk_tag
        from warta.tui.commands.annotate import filtered_ids

        names = (article_id, *tags) if article_id else tags
        if not names:
            raise click.UsageError("give the tags to add (or --remove)")
        ids = filtered_ids(lib, query)
        verb = "untag" if remove else "tag"
        if ids and not yes and sys.stdin.isatty():
            click.confirm(f"{verb.capitalize()} {len(ids)} articles?", abort=True)
        n = bulk_tag(lib, ids, names, remove=remove)
        click.echo(f"{verb}ged {n} of {len(ids)} matching article(s)")
        return
    if article_id is None or not tags:
        raise click.UsageError("give ID and TAGS (or --filter QUERY and TAGS)")
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
