"""Commands about searches: saved searches (search save/list/delete) and stats over time."""

from __future__ import annotations

import click

from warta.store.library.library import Library, LibraryError
from warta.tui.commands.base import CONTEXT, cli, dumps, library_of


@cli.group("search", context_settings=CONTEXT)
def search_group() -> None:
    """Saved searches: name a filter query, list them with counts, delete them."""


@search_group.command("save", context_settings=CONTEXT)
@click.argument("name")
@click.argument("query")
@click.pass_context
def save_cmd(ctx: click.Context, name: str, query: str) -> None:
    """Save QUERY under NAME (replacing a saved search of that name)."""
    from warta.store.search import saved

    try:
        doc = saved.save(library_of(ctx), name, query)
    except LibraryError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"saved {doc['name']!r}: {doc['query']}")


@search_group.command("list", context_settings=CONTEXT)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: name, query, count, created.")
@click.pass_context
def list_searches_cmd(ctx: click.Context, as_json: bool) -> None:
    """List saved searches with how many articles each matches now."""
    from warta.store.search import saved
    from warta.store.search.browse import Browser

    lib = library_of(ctx)
    searches = saved.all_searches(lib)
    if not searches:
        if not as_json:
            click.echo("no saved searches (warta search save NAME QUERY)", err=True)
        return
    browser = Browser(lib)
    for s in searches:
        n = len(browser.search(s["query"]).order)
        if as_json:
            click.echo(dumps({**s, "count": n}))
        else:
            click.echo(f"{n:>8,}  {s['name']}  {s['query']}")


@search_group.command("delete", context_settings=CONTEXT)
@click.argument("name")
@click.pass_context
def delete_cmd(ctx: click.Context, name: str) -> None:
    """Delete the saved search NAME."""
    from warta.store.search import saved

    if not saved.delete(library_of(ctx), name):
        raise click.ClickException(f"no saved search named {name!r}")
    click.echo(f"deleted {name!r}")


@cli.command("stats", context_settings=CONTEXT)
@click.option("-f", "--filter", "query", default="", help="Filter query, as in the list pane.")
@click.option("--saved", "saved_name", default=None, help="Use a saved search's query.")
@click.option(
    "--by",
    type=click.Choice(["day", "week", "month", "auto"]),
    default="auto",
    show_default=True,
    help="Period to count by (auto: by the result's span).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
@click.pass_context
def stats_cmd(ctx: click.Context, query: str, saved_name: str | None, by: str, fmt: str) -> None:
    """How many articles match the filter per day, week or month (weeks start on Monday)."""
    from warta.store.search.browse import Browser
    from warta.store.search.timeline import timeline

    lib = library_of(ctx)
    if saved_name:
        query = saved_query(lib, saved_name, query)
    browser = Browser(lib)
    result = browser.search(query)
    for err in result.query.errors:
        click.echo(f"warning: {err}", err=True)
    tl = timeline(browser.index, result.mask, None if by == "auto" else by)
    if fmt == "json":
        click.echo(
            dumps(
                {
                    "query": query,
                    "by": tl.by,
                    "total": len(result.order),
                    "undated": tl.undated,
                    "periods": [
                        {"start": s, "count": c} for s, c in zip(tl.starts, tl.counts, strict=True)
                    ],
                }
            )
        )
        return
    click.echo(f"{tl.by},count")
    for s, c in zip(tl.starts, tl.counts, strict=True):
        click.echo(f"{s},{c}")
    if tl.undated:
        click.echo(f"undated,{tl.undated}")


def saved_query(lib: Library, name: str, query: str = "") -> str:
    """The query of saved search ``name``, narrowed by ``query`` when one is given."""
    from warta.store.search import saved

    try:
        base = saved.get(lib, name)["query"]
    except LibraryError as exc:
        raise click.ClickException(str(exc)) from exc
    return f"({base}) {query}" if query.strip() else base
