"""The ``warta`` command: open the reader, or script the library (import, list, show, tag...).

Every subcommand goes through the same ``store`` code the TUI uses. Textual is imported only
when the reader is opened, so scripting commands start fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import orjson

from warta.store.library.library import Library, LibraryError

if TYPE_CHECKING:
    from warta.store.library.importer import ImportReport

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _DefaultToOpen(click.Group):
    """``warta PATH...`` means ``warta open PATH...``: anything not a command is a path."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in self.commands:
            return "open", self.commands["open"], args
        return super().resolve_command(ctx, args)


def _library(ctx: click.Context) -> Library:
    obj = ctx.ensure_object(dict)
    if "library" not in obj:
        from warta.store.paths import default_library_dir

        path = obj.get("db") or default_library_dir()
        try:
            obj["library"] = Library(path)
        except LibraryError as exc:
            raise click.ClickException(str(exc)) from exc
    return obj["library"]


def _resolve(lib: Library, article_id: str) -> str:
    try:
        return lib.resolve(article_id)
    except LibraryError as exc:
        raise click.ClickException(str(exc)) from exc


def _dumps(obj: Any) -> str:
    return orjson.dumps(obj).decode()


@click.group(cls=_DefaultToOpen, invoke_without_command=True, context_settings=CONTEXT)
@click.option(
    "--db",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="WARTA_DB",
    help="Library folder (default: $WARTA_DB, else your user data folder).",
)
@click.version_option(package_name="warta")
@click.pass_context
def cli(ctx: click.Context, db: Path | None) -> None:
    """Warta: read, filter, tag and annotate collections of news articles.

    Run without a command to open the reader; `warta PATH...` imports PATH (files or folders)
    first, then opens the reader.
    """
    ctx.ensure_object(dict)["db"] = db
    if ctx.invoked_subcommand is None:
        ctx.invoke(open_cmd, paths=())


def _run_import(lib: Library, paths: tuple[str, ...], *, quiet: bool = False) -> int:
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
    return _print_report(report)


def _print_report(report: ImportReport) -> int:
    """A line per skipped or rejected file, then the summary; returns the exit code."""
    for f in report.files:
        if f.status_line:
            click.echo(f.status_line)
    click.echo(report.summary())
    return 1 if report.rejected else 0


@cli.command("open", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path())
@click.pass_context
def open_cmd(ctx: click.Context, paths: tuple[str, ...]) -> None:
    """Open the reader, importing PATHS (files or folders) first."""
    lib = _library(ctx)
    if not sys.stdout.isatty():
        # No terminal to draw on (a script, a pipe): import only, and say so.
        if paths:
            code = _run_import(lib, paths)
        click.echo("warta: not a terminal; use `warta list` or `warta show` to read", err=True)
        ctx.exit(code if paths else 1)
    lib.annotations()  # a damaged user.json stops us here, with its name, not mid-screen
    from warta.tui.app import WartaApp

    # The import runs inside the reader, with a progress bar, so a big import never keeps the
    # user waiting for a first screen; its report is printed once the reader closes.
    app = WartaApp(lib, tuple(paths))
    app.run()
    report = app.main.import_report
    if report is not None:
        ctx.exit(_print_report(report))


@cli.command("import", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.pass_context
def import_cmd(ctx: click.Context, paths: tuple[str, ...], quiet: bool) -> None:
    """Import articles from PATHS: .txt/.md files, .jsonl/.jsonl.gz records, or folders of them.

    Re-importing an article already in the library is a no-op. Exit status is 1 if any file or
    record was rejected (the rest are still imported).
    """
    ctx.exit(_run_import(_library(ctx), paths, quiet=quiet))


@cli.command("reindex", context_settings=CONTEXT)
@click.option("--all", "everything", is_flag=True, help="Re-extract every article.")
@click.pass_context
def reindex_cmd(ctx: click.Context, everything: bool) -> None:
    """Re-extract article metadata after a Warta upgrade improved the extractor.

    Only articles extracted by another extractor version are redone (all with --all); ids,
    tags, notes and read/starred state are kept.
    """
    from warta.store.library.importer import reindex

    n = reindex(_library(ctx), everything=everything)
    click.echo(f"re-extracted {n} article{'s' if n != 1 else ''}")


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
    "-f", "--filter", "query", default="", help="Filter query, as typed in the list pane."
)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one object per row.")
@click.option("-n", "--limit", type=click.IntRange(min=0), default=None, help="At most N rows.")
@click.pass_context
def list_cmd(ctx: click.Context, query: str, as_json: bool, limit: int | None) -> None:
    """List articles in the order the list pane shows them for the same filter."""
    from warta.store.search.browse import Browser

    lib = _library(ctx)
    result = Browser(lib).search(query)
    for err in result.query.errors:
        click.echo(f"warning: {err}", err=True)
    order = list(result.order if limit is None else result.order[:limit])
    for i in order:
        row = _row(lib, i)
        if as_json:
            click.echo(_dumps(row))
        else:
            flags = ("★" if row["starred"] else " ") + ("✎" if row["has_note"] else " ")
            tags = " ".join(f"#{t}" for t in row["tags"])
            click.echo(
                f"{row['id']}  {row['date'] or '----------'}  {(row['outlet'] or '')[:18]:18}  "
                f"{flags} {row['title']}{'  ' + tags if tags else ''}"
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
    lib = _library(ctx)
    aid = _resolve(lib, article_id)
    if as_json:
        click.echo(_dumps(_article_json(lib, aid)))
        return
    from warta.store.render import plain_article

    click.echo(plain_article(lib.article(aid), lib.annotation(aid), lib.extraction(aid)))


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
                click.echo(_dumps(out))
            else:
                from warta.store.render import plain_extraction

                click.echo(plain_extraction(out))
    if failed:
        sys.exit(1)


@cli.command("tag", context_settings=CONTEXT)
@click.argument("article_id", metavar="ID")
@click.argument("tags", nargs=-1, required=True)
@click.option("--remove", is_flag=True, help="Remove the tags instead of adding them.")
@click.pass_context
def tag_cmd(ctx: click.Context, article_id: str, tags: tuple[str, ...], remove: bool) -> None:
    """Add TAGS to an article (or remove them with --remove)."""
    lib = _library(ctx)
    aid = _resolve(lib, article_id)
    ann = lib.remove_tags(aid, tags) if remove else lib.add_tags(aid, tags)
    click.echo(f"{aid}: {' '.join('#' + t for t in ann['tags']) or '(no tags)'}")


@cli.command("note", context_settings=CONTEXT)
@click.argument("article_id", metavar="ID")
@click.argument("text")
@click.pass_context
def note_cmd(ctx: click.Context, article_id: str, text: str) -> None:
    """Set an article's note to TEXT ("-" reads it from stdin; "" removes the note)."""
    lib = _library(ctx)
    aid = _resolve(lib, article_id)
    if text == "-":
        text = sys.stdin.read()
    lib.set_note(aid, text)
    click.echo(f"{aid}: note {'saved' if text.strip() else 'removed'}")


@cli.command("mark", context_settings=CONTEXT)
@click.argument("article_id", metavar="ID")
@click.option("--read/--unread", default=None, help="Mark read or unread.")
@click.option("--star/--unstar", default=None, help="Star or unstar.")
@click.pass_context
def mark_cmd(ctx: click.Context, article_id: str, read: bool | None, star: bool | None) -> None:
    """Set an article's read and starred state."""
    lib = _library(ctx)
    aid = _resolve(lib, article_id)
    if read is None and star is None:
        raise click.UsageError("give --read/--unread and/or --star/--unstar")
    if read is not None:
        lib.set_read(aid, read)
    if star is not None:
        lib.set_starred(aid, star)
    ann = lib.annotation(aid)
    state = ("read" if ann["read"] else "unread") + (", starred" if ann["starred"] else "")
    click.echo(f"{aid}: {state}")


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

    text = export(_library(ctx), fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        atomic_write_bytes(output, text.encode("utf-8"))
        click.echo(f"wrote {output}", err=True)


def main() -> None:
    """Console-script entry point."""
    from warta.store.library.storage import CorruptFileError

    try:
        cli(prog_name="warta")
    except CorruptFileError as exc:
        click.echo(f"warta: {exc}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
