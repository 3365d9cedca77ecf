"""Commands for working with colleagues: merge their annotations."""

from __future__ import annotations

from pathlib import Path

import click

from warta.tui.commands.base import CONTEXT, cli, library_of


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
