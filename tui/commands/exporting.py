"""The export command."""

from __future__ import annotations

from pathlib import Path

import click

from warta.tui.commands.base import CONTEXT, cli, library_of


@cli.command("export", context_settings=CONTEXT)
@click.option(
    "--format", "fmt", type=click.Choice(["md", "json", "csv"]), default="md", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to FILE instead of stdout.",
)
@click.pass_context
def export_cmd(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Export every tagged, noted or starred article with its tags and note."""
    from warta.store.annotate.export import export
    from warta.store.library.storage import atomic_write_bytes

    text = export(library_of(ctx), fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        atomic_write_bytes(output, text.encode("utf-8"))
        click.echo(f"wrote {output}", err=True)
