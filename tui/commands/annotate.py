"""Commands for passages and the codebook: highlight, highlights, passage, tags."""

from __future__ import annotations

from typing import Any

import click

from warta.store.library.library import Library, LibraryError
from warta.tui.commands.arguments import TEXT
from warta.tui.commands.base import CONTEXT, cli, dumps, library_of, resolve_id


def filtered_ids(lib: Library, query: str) -> list[str]:
    """The ids of the articles a filter matches, in list order (as `warta list` shows)."""
    from warta.store.search.browse import Browser

    result = Browser(lib).search(query)
    for err in result.query.errors:
        click.echo(f"warning: {err}", err=True)
    return [lib.articles[i]["id"] for i in result.order]


def _fail(exc: LibraryError) -> click.ClickException:
    return click.ClickException(str(exc))


@cli.command("highlight", context_settings=CONTEXT)
@click.argument("article_id", metavar="[ID]", required=False)
@click.argument("tags", nargs=-1, type=TEXT)
@click.option("-q", "--quote", "quote", type=click.IntRange(min=1), help="Quote N (from 1).")
@click.option("-t", "--text", "text", type=TEXT, help="Every occurrence of these words.")
@click.option(
    "-f", "--filter", "query", type=TEXT, help="Auto-code: every article this filter matches."
)
@click.option("--note", default="", type=TEXT, help="A note on the passage(s).")
@click.pass_context
def highlight_cmd(
    ctx: click.Context,
    article_id: str | None,
    tags: tuple[str, ...],
    quote: int | None,
    text: str | None,
    query: str | None,
    note: str,
) -> None:
    """Highlight a passage of article ID and code it with TAGS.

    \b
    warta highlight ID --quote 2 hoaks          the article's second quote, in reading order
    warta highlight ID --text "berita hoaks" hoaks   every occurrence of the words
    warta highlight --filter 'tag:pemilu' --text "berita hoaks" hoaks
                                                auto-code every matching article, one change

    Words match case-insensitively and across line breaks; an occurrence already highlighted
    with the same tags is not doubled. `warta undo` undoes the whole command.
    """
    from warta.store.annotate import coding

    lib = library_of(ctx)
    if query is not None:
        if article_id is not None:
            tags = (article_id, *tags)  # with --filter every argument is a tag
        if text is None or quote is not None:
            raise click.UsageError("with --filter, give --text (auto-coding highlights words)")
        ids = filtered_ids(lib, query)
        done = coding.autocode(lib, ids, text, tags, note)
        click.echo(
            f"highlighted {done.passages} passage(s) in {done.articles} of {len(ids)} "
            f"matching article(s)"
            + (f"; {done.skipped} already highlighted" if done.skipped else "")
        )
        return
    if article_id is None or (quote is None) == (text is None):
        raise click.UsageError("give ID and one of --quote N or --text WORDS")
    aid = resolve_id(lib, article_id)
    try:
        if quote is not None:
            p = coding.quote_passage(lib, aid, quote, tags, note)
            who = f" ({p['speaker']})" if p["speaker"] else ""
            click.echo(f"{p['id']}: “{_short(p['selector']['exact'])}”{who}")
            return
        assert text is not None
        done = coding.autocode(lib, [aid], text, tags, note)
    except LibraryError as exc:
        raise _fail(exc) from exc
    if not done.passages and not done.skipped:
        raise click.ClickException(f"“{text}” is not in article {aid}")
    click.echo(
        f"highlighted {done.passages} passage(s)"
        + (f"; {done.skipped} already highlighted" if done.skipped else "")
    )


def _short(text: str, width: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


@cli.command("highlights", context_settings=CONTEXT)
@click.option(
    "-f", "--filter", "query", default="", type=TEXT, help="Only articles this filter matches."
)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one passage per line.")
@click.pass_context
def highlights_cmd(ctx: click.Context, query: str, as_json: bool) -> None:
    """List highlighted passages (and notes) article by article: id, tags, review state, text.

    Orphans, passages that cannot be placed in the article's current text, are marked.
    """
    from warta.store.annotate import review

    lib = library_of(ctx)
    ids = filtered_ids(lib, query) if query else None
    found = review.with_orphans(lib, review.items(lib, ids))
    for it in found:
        if as_json:
            click.echo(dumps(_item_json(it)))
            continue
        mark = "✓" if it.done else " "
        tags = " ".join("#" + t for t in it.tags) if it.kind == "passage" else f"({it.kind})"
        orphan = "  [orphan]" if it.orphan else ""
        click.echo(f"{mark} {it.key}  {it.article['id']}  {tags}  “{_short(it.text)}”{orphan}")
        if it.note:
            click.echo(f"      note: {_short(it.note)}")


def _item_json(it: Any) -> dict[str, Any]:
    return {
        "kind": it.kind,
        "id": it.key,
        "article": it.article["id"],
        "title": it.article["title"],
        "text": it.text,
        "tags": list(it.tags),
        "note": it.note,
        "speaker": it.speaker,
        "coder": it.coder,
        "review": it.review,
        "orphan": it.orphan,
    }


@cli.group("passage", context_settings=CONTEXT)
def passage_group() -> None:
    """Change or delete a highlighted passage (ids from `warta highlights`)."""


@passage_group.command("edit", context_settings=CONTEXT)
@click.argument("passage_id", metavar="PASSAGE")
@click.option("--tags", type=TEXT, help="Replace the tags (space- or comma-separated).")
@click.option("--note", help='Replace the note ("" removes it).')
@click.option("--done/--todo", "done", default=None, help="Review state.")
@click.pass_context
def passage_edit(
    ctx: click.Context, passage_id: str, tags: str | None, note: str | None, done: bool | None
) -> None:
    """Change a passage's tags, note or review state."""
    from warta.store.annotate import passages

    lib = library_of(ctx)
    new_tags = tags.replace(",", " ").split() if tags is not None else None
    review = None if done is None else ("done" if done else "todo")
    try:
        p = passages.update(lib, passage_id, tags=new_tags, note=note, review=review)
    except LibraryError as exc:
        raise _fail(exc) from exc
    click.echo(f"{p['id']}: {' '.join('#' + t for t in p['tags']) or '(no tags)'} · {p['review']}")


@passage_group.command("delete", context_settings=CONTEXT)
@click.argument("passage_ids", metavar="PASSAGE...", nargs=-1, required=True)
@click.pass_context
def passage_delete(ctx: click.Context, passage_ids: tuple[str, ...]) -> None:
    """Delete passages (`warta undo` brings them back)."""
    from warta.store.annotate import passages

    n = passages.delete(library_of(ctx), passage_ids)
    click.echo(f"deleted {n} passage(s)")


@cli.group("tags", context_settings=CONTEXT, invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one tag per line.")
@click.pass_context
def tags_group(ctx: click.Context, as_json: bool) -> None:
    """The codebook: every tag as a tree, with its articles, passages, colour and description.

    Tags nest with `/` (hoaks/klarifikasi); counts include the tags below.
    """
    if ctx.invoked_subcommand is not None:
        return
    from warta.store.annotate.codebook import codes

    for code in codes(library_of(ctx)):
        if as_json:
            click.echo(dumps(code.__dict__))
            continue
        name = "  " * code.depth + code.name.rsplit("/", 1)[-1]
        desc = f"  {code.description}" if code.description else ""
        click.echo(f"{name:<32} {code.articles:>5} art {code.passages:>6} pas  {code.colour}{desc}")


@tags_group.command("rename", context_settings=CONTEXT)
@click.argument("old", type=TEXT)
@click.argument("new", type=TEXT)
@click.pass_context
def tags_rename(ctx: click.Context, old: str, new: str) -> None:
    """Rename a tag (and the tags below it) everywhere; onto an existing tag it merges."""
    from warta.store.annotate.codebook import rename

    try:
        touched = rename(library_of(ctx), old, new)
    except LibraryError as exc:
        raise _fail(exc) from exc
    click.echo(f"#{old} -> #{new}: {touched}")


@tags_group.command("merge", context_settings=CONTEXT)
@click.argument("source", type=TEXT)
@click.argument("target", type=TEXT)
@click.pass_context
def tags_merge(ctx: click.Context, source: str, target: str) -> None:
    """Merge tag SOURCE into TARGET: every mark of SOURCE then carries TARGET."""
    from warta.store.annotate.codebook import merge

    try:
        touched = merge(library_of(ctx), source, target)
    except LibraryError as exc:
        raise _fail(exc) from exc
    click.echo(f"merged #{source} into #{target}: {touched}")


@tags_group.command("delete", context_settings=CONTEXT)
@click.argument("tag", type=TEXT)
@click.option("-y", "--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def tags_delete(ctx: click.Context, tag: str, yes: bool) -> None:
    """Remove a tag (and the tags below it) from every article and passage.

    Passages stay, without that code. `warta undo` brings the tag back.
    """
    import sys

    from warta.store.annotate.codebook import delete, touches

    lib = library_of(ctx)
    count = touches(lib, tag)
    if not yes and sys.stdin.isatty():
        click.confirm(f"Remove #{tag} from {count}?", abort=True)
    delete(lib, tag)
    click.echo(f"removed #{tag} from {count}")


@tags_group.command("describe", context_settings=CONTEXT)
@click.argument("tag", type=TEXT)
@click.argument("description", type=TEXT)
@click.pass_context
def tags_describe(ctx: click.Context, tag: str, description: str) -> None:
    """Set a tag's description (shown in the codebook, exported with it)."""
    from warta.store.annotate.codebook import describe

    describe(library_of(ctx), tag, description)
    click.echo(f"#{tag}: {description}")


@tags_group.command("colour", context_settings=CONTEXT)
@click.argument("tag", type=TEXT)
@click.argument("colour", type=TEXT)
@click.pass_context
def tags_colour(ctx: click.Context, tag: str, colour: str) -> None:
    """Set a tag's colour: #rrggbb, or a name such as red or dark_orange."""
    from warta.store.annotate.codebook import set_colour

    try:
        value = set_colour(library_of(ctx), tag, colour)
    except LibraryError as exc:
        raise _fail(exc) from exc
    click.echo(f"#{tag}: {value}")
