"""Commands for working with colleagues: merge their annotations, measure agreement."""

from __future__ import annotations

from pathlib import Path

import click

from warta.tui.commands.base import CONTEXT, cli, dumps, library_of


@cli.group("annotations", context_settings=CONTEXT)
def annotations_group() -> None:
    """Exchange annotations with colleagues."""


@annotations_group.command("import", context_settings=CONTEXT)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def import_cmd(ctx: click.Context, file: Path) -> None:
    """Merge a colleague's export (FILE: `warta export --format w3c`, json or jsonl).

    Articles are matched by content hash, else by URL; passages are re-anchored into this
    library's text (one that cannot be placed is kept as an orphan, with its words). Nothing
    is doubled (importing a file twice adds nothing) and nothing of yours is overwritten:
    tags are added with their coder, a colleague's article note becomes an extra note, and
    passages keep their coder. The merge is one change: `warta undo` takes it back whole.
    """
    from warta.store.annotate.bundle import BundleError
    from warta.store.annotate.merge import merge_file

    try:
        report = merge_file(library_of(ctx), file)
    except BundleError as exc:
        raise click.ClickException(str(exc)) from exc
    for line in report.lines():
        click.echo(line)


@cli.command("agreement", context_settings=CONTEXT)
@click.argument("coder_x", metavar="CODER")
@click.argument("coder_y", metavar="CODER")
@click.option(
    "--filter",
    "query",
    metavar="QUERY",
    default=None,
    help="The articles to compare (default: every article either coder tagged).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of the table.")
@click.pass_context
def agreement_cmd(
    ctx: click.Context, coder_x: str, coder_y: str, query: str | None, as_json: bool
) -> None:
    """Per tag, how far two coders agree on articles (kappa) and on passages (overlap).

    \b
    A coder applied tag T to an article when they tagged the whole article with T or a
    sub-tag of T (T/...), or highlighted a passage in it coded T or a sub-tag.
    articles  articles compared: the --filter result, else every article either coder tagged
    kappa     Cohen's kappa over those articles, each coder's judgement "applied T" or not:
              (p_o - p_e) / (1 - p_e), p_o the share of articles they agree on,
              p_e = p_x*p_y + (1-p_x)*(1-p_y); "-" when undefined (p_e = 1)
    chars     characters of the article (as imported) a coder's passages with T cover
    overlap   sum over articles of |X ∩ Y| / sum of |X ∪ Y| of those characters: 1 when they
              highlighted the same text, 0 when nothing overlaps, "-" when neither highlighted
    """
    from warta.store.annotate.agreement import agreement, table
    from warta.store.text import clean_field

    rows = agreement(library_of(ctx), coder_x, coder_y, query)
    if as_json:
        click.echo(
            dumps(
                {
                    "coders": [coder_x, coder_y],
                    "query": query,
                    "tags": [r.as_dict() for r in rows],
                }
            )
        )
        return
    if not rows:
        click.echo(
            f"neither {clean_field(coder_x)} nor {clean_field(coder_y)} tagged anything here"
        )
        return
    click.echo(table(rows, clean_field(coder_x), clean_field(coder_y)), nl=False)
