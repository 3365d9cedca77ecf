"""The export command."""

from __future__ import annotations

from pathlib import Path

import click

from warta.tui.commands.base import CONTEXT, cli, library_of

FORMATS = ("md", "csv", "json", "jsonl", "w3c", "qdpx", "codebook")
"""As :data:`warta.store.annotate.export.FORMATS` (repeated so --help needs no store import)."""


@cli.command("export", context_settings=CONTEXT)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="md",
    show_default=True,
    help="What to write (see below).",
)
@click.option(
    "--filter",
    "query",
    metavar="QUERY",
    default=None,
    help="Export the articles this filter selects (default: everything annotated).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to FILE instead of stdout (qdpx: warta-DATE.qdpx here).",
)
@click.option(
    "--codebook-format",
    type=click.Choice(["qdc", "md"]),
    default="qdc",
    show_default=True,
    help="With --format codebook: REFI-QDA .qdc, or Markdown with counts.",
)
@click.pass_context
def export_cmd(
    ctx: click.Context, fmt: str, query: str | None, output: Path | None, codebook_format: str
) -> None:
    """Export annotations: passages, tags and notes, scoped by --filter.

    \b
    md        a review document grouped by tag (block quotes, speakers, notes, sources)
    csv       one row per passage and tag, plus article tag and note rows; safe to open in
              a spreadsheet; a file gets a UTF-8 BOM (for Excel), stdout does not
    json      everything, lossless, re-importable with `warta annotations import`
    jsonl     the same, one record a line
    w3c       W3C Web Annotation collection (JSON-LD), re-importable
    qdpx      REFI-QDA project for QualCoder, ATLAS.ti, NVivo, MAXQDA (a zip: never stdout)
    codebook  the tag tree: REFI-QDA .qdc, or Markdown with --codebook-format md
    """
    from warta.store.annotate.export import file_name, free_path, render
    from warta.store.library.library import LibraryError
    from warta.store.library.storage import write_output

    lib = library_of(ctx)
    if output is None and fmt == "qdpx":
        output = free_path(Path.cwd(), file_name(fmt))
    try:
        data = render(lib, fmt, query, codebook_format=codebook_format, bom=output is not None)
    except LibraryError as exc:
        raise click.ClickException(str(exc)) from exc
    if output is None:
        click.echo(data, nl=False)  # bytes go to the binary stream as they are
        return
    try:
        write_output(output, data)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from exc
    click.echo(f"wrote {output}", err=True)
