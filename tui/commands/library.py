"""Commands that fill and maintain the library: import, reindex."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from warta.store.library.library import Library
from warta.tui.commands.base import CONTEXT, cli, library_of

if TYPE_CHECKING:
    from warta.store.library.importer import ImportReport


def run_import(lib: Library, paths: tuple[str, ...], *, quiet: bool = False) -> int:
    """Import with a progress bar on stderr, problem lines and a summary; returns the exit code."""
    from warta.store.library.importer import import_paths

    interactive = sys.stderr.isatty() and not quiet
    bar: Any = None
    last = [0]

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if not interactive or total < 1_000_000:
            return
        if bar is None:
            bar = click.progressbar(length=total, label="importing", file=sys.stderr, width=30)
            bar.__enter__()
        bar.update(done - last[0])
        last[0] = done

    try:
        report = import_paths(lib, paths, progress=progress)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    return print_report(report)


def print_report(report: ImportReport) -> int:
    """A line per skipped or rejected file, then the summary; returns the exit code."""
    for f in report.files:
        if f.status_line:
            click.echo(f.status_line)
    click.echo(report.summary())
    return 1 if report.rejected else 0


@cli.command("import", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.pass_context
def import_cmd(ctx: click.Context, paths: tuple[str, ...], quiet: bool) -> None:
    """Import articles from PATHS: .txt/.md files, .jsonl/.jsonl.gz records, or folders of them.

    Re-importing an article already in the library is a no-op. Exit status is 1 if any file or
    record was rejected (the rest are still imported).
    """
    ctx.exit(run_import(library_of(ctx), paths, quiet=quiet))


@cli.command("reindex", context_settings=CONTEXT)
@click.option("--all", "everything", is_flag=True, help="Re-extract every article.")
@click.pass_context
def reindex_cmd(ctx: click.Context, everything: bool) -> None:
    """Re-extract article metadata after a Warta upgrade improved the extractor, and bring the
    full-text index up to date (rebuilt when missing or stale; all of it with --all).

    Only articles extracted by another extractor version are redone (all with --all); ids,
    tags, notes and read/starred state are kept.
    """
    from warta.store.library.importer import reindex
    from warta.store.search import fulltext

    lib = library_of(ctx)
    n = reindex(lib, everything=everything)
    click.echo(f"re-extracted {n} article{'s' if n != 1 else ''}")
    problem = "rebuild asked for" if everything else fulltext.status(lib)
    if problem is None:
        click.echo("full-text index is current")
        return
    k = fulltext.rebuild(lib) if everything else fulltext.refresh(lib)
    click.echo(f"full-text index: {problem}; indexed {k:,} article{'s' if k != 1 else ''}")
