"""Commands that read: list, show, extract."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from warta.store.library.library import Library
from warta.store.text import clean_field, strip_controls
from warta.tui.commands.arguments import TEXT
from warta.tui.commands.base import CONTEXT, cli, dumps, library_of, resolve_id


def _row(lib: Library, i: int) -> dict[str, Any]:
    rec = lib.articles[i]
    ann = lib.annotation(rec["id"])
    return {
        "id": rec["id"],
        "date": rec["date"],
        "outlet": rec["outlet"],
        "title": rec["title"],
        "tags": ann["tags"],
        "has_note": bool(ann["note"].strip()),
        "read": ann["read"],
        "starred": ann["starred"],
    }


@cli.command("list", context_settings=CONTEXT)
@click.option(
    "-f",
    "--filter",
    "query",
    default="",
    type=TEXT,
    help="Filter query, as typed in the list pane.",
)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one object per row.")
@click.option("-n", "--limit", type=click.IntRange(min=0), default=None, help="At most N rows.")
@click.option("--saved", "saved_name", default=None, help="Use a saved search (and --filter).")
@click.pass_context
def list_cmd(
    ctx: click.Context, query: str, as_json: bool, limit: int | None, saved_name: str | None
) -> None:
    """List articles in the order the list pane shows them for the same filter.

    The filter language is the list pane's (see the README): words, "phrases", OR, -word,
    (groups), title:/body:/note:/said:, tag: outlet: place: person: org: speaker:, after:/before:,
    is:, has:, sort:.
    """
    from warta.store.render import date_label, outlet_cell
    from warta.store.search.browse import Browser

    lib = library_of(ctx)
    if saved_name:
        from warta.tui.commands.searching import saved_query

        query = saved_query(lib, saved_name, query)
    result = Browser(lib).search(query)
    for err in result.query.errors:
        click.echo(f"warning: {err}", err=True)
    if not result.body_ready:
        click.echo(
            "warning: the full-text index is missing or stale, so bodies were not searched; "
            "run `warta reindex`",
            err=True,
        )
    order = list(result.order if limit is None else result.order[:limit])
    for i in order:
        row = _row(lib, i)
        if as_json:
            click.echo(dumps(row))
        else:
            flags = ("★" if row["starred"] else " ") + ("✎" if row["has_note"] else " ")
            tags = " ".join(f"#{t}" for t in row["tags"])
            # Cleaned again on the way out: a library written by an older Warta, or edited by
            # hand, may hold control characters that would drive the terminal.
            outlet = clean_field(outlet_cell(row["outlet"], 18))
            click.echo(
                f"{row['id']}  {date_label(row['date']):10}  {outlet:18}  "
                f"{flags} {clean_field(row['title'])}{'  ' + clean_field(tags) if tags else ''}"
            )
    if not as_json and sys.stdout.isatty():
        click.echo(f"{len(order)} / {len(lib)}", err=True)


def _article_json(lib: Library, article_id: str) -> dict[str, Any]:
    rec = lib.article(article_id)
    return {**rec, **lib.annotation(article_id), "extraction": lib.extraction(article_id)}


@cli.command("show", context_settings=CONTEXT)
@click.argument("article_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Everything Warta knows, as JSON.")
@click.pass_context
def show_cmd(ctx: click.Context, article_id: str, as_json: bool) -> None:
    """Show one article: metadata, tags, note, quotes and cleaned body. ID may be a prefix."""
    lib = library_of(ctx)
    aid = resolve_id(lib, article_id)
    if as_json:
        click.echo(dumps(_article_json(lib, aid)))
        return
    from warta.store.render import plain_article

    text = plain_article(lib.article(aid), lib.annotation(aid), lib.extraction(aid))
    click.echo(strip_controls(text))


@cli.command("extract", context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one object per article.")
def extract_cmd(files: tuple[str, ...], as_json: bool) -> None:
    """Run the extractor on FILES without touching the library.

    Each article gives: source, title, outlet, dateline, date, people, organizations, places,
    keywords, quotes (text, speaker, start, end into body) and the cleaned body.
    """
    from warta.store.extract import extract
    from warta.store.library.importer import read_any

    failed = False
    for name in files:
        recs, rep = read_any(Path(name))
        if rep.status_line:
            click.echo(rep.status_line, err=True)
            failed = True
        for rec in recs:
            ex = extract(rec.text, title=rec.title, source=rec.source, date=rec.date)
            out = {"source": rec.origin, **ex}
            if as_json:
                click.echo(dumps(out))
            else:
                from warta.store.render import plain_extraction

                click.echo(strip_controls(plain_extraction(out)))
    if failed:
        sys.exit(1)
