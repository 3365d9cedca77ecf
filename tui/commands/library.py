"""Commands that fill and maintain the library: import, reindex, doctor, backup, restore."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from warta.store.library.library import Library
from warta.store.library.userstore import TABLES
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
    return 1 if report.failed else 0


@cli.command("import", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.pass_context
def import_cmd(ctx: click.Context, paths: tuple[str, ...], quiet: bool) -> None:
    """Import articles from PATHS: .txt/.md files, .jsonl/.jsonl.gz records, or folders of them.

    Re-importing an article already in the library is a no-op. Exit status is 1 if any file or
    record was rejected, or a path you named cannot be imported (the rest are still imported).
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


@cli.command("doctor", context_settings=CONTEXT)
@click.option("--check", "check_only", is_flag=True, help="Report only; repair nothing.")
@click.pass_context
def doctor_cmd(ctx: click.Context, check_only: bool) -> None:
    """Check the library and repair what can be repaired without losing your data.

    Finds article texts without records (an interrupted import), records without texts,
    unreadable files, stale temp files, a stale first-screen file or search index, and damaged
    user data (for which it names the backup to restore). Exit status 1 if a problem remains.
    """
    from warta.store.library.doctor import examine

    findings = examine(library_of(ctx), repair=not check_only)
    for f in findings:
        click.echo(str(f))
    ctx.exit(1 if any(f.status == "problem" for f in findings) else 0)


@cli.command("backup", context_settings=CONTEXT)
@click.option("--list", "list_only", is_flag=True, help="List the backups instead.")
@click.pass_context
def backup_cmd(ctx: click.Context, list_only: bool) -> None:
    """Back up your tags, notes, passages and codebook now (kept in the library's backups/).

    Warta also backs up on its own as you work; backups are rotated to stay within a bounded
    size. `warta restore` brings one back.
    """
    from warta.store.library import backups

    lib = library_of(ctx)
    if list_only:
        _list_backups(lib)
        return
    tables = {name: lib.user.table(name) for name in TABLES}
    path = backups.write_snapshot(lib.path, tables, lib.user.seq, reason="manual")
    click.echo(f"backed up {backups.describe(backups.counts(tables))} to {path}")


def _list_backups(lib: Library) -> None:
    from warta.store.library import backups

    snaps = backups.snapshots(lib.path)
    if not snaps:
        click.echo("no backups yet (`warta backup` makes one)")
    for snap in snaps:
        try:
            _seq, tables = backups.read_snapshot(snap)
            what = backups.describe(backups.counts(tables))
        except backups.BackupError as exc:
            what = f"unreadable: {exc}"
        when = snap.time.astimezone().strftime("%Y-%m-%d %H:%M")
        click.echo(f"{snap.name}  {when}  {what}")
    archives = backups.journal_archives(lib.path)
    if archives:
        click.echo(f"and {len(archives)} archived journal(s) of the changes between them")


@cli.command("restore", context_settings=CONTEXT)
@click.argument("name", required=False)
@click.option("--latest", is_flag=True, help="The newest state the backups can rebuild.")
@click.option("--at", "until", help="The state as of a time, e.g. '2026-12-01 14:30'.")
@click.option("-y", "--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def restore_cmd(
    ctx: click.Context, name: str | None, latest: bool, until: str | None, yes: bool
) -> None:
    """Restore your data from a backup: NAME (see `warta backup --list`), --latest or --at TIME.

    Your current data is backed up first, so a restore can itself be undone by restoring that.
    """
    from warta.store.library import backups

    lib = library_of(ctx)
    if sum(bool(x) for x in (name, latest, until)) != 1:
        _list_backups(lib)
        raise click.UsageError("give one of NAME, --latest or --at TIME")
    when = _parse_time(until) if until else None
    try:
        rec = backups.recover(lib.path, name=name, until=when)
    except backups.BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    what = backups.describe(backups.counts(rec.tables))
    if not yes and sys.stdin.isatty():
        click.confirm(f"Restore {what} (from {rec.source})?", abort=True)
    saved = backup_current(lib)
    backups.keep_current_files(lib.path)
    lib.user.write_state(rec.tables, rec.seq)
    click.echo(f"restored {what} from {rec.source}")
    if saved:
        click.echo(f"your data before the restore is in {saved}")


def backup_current(lib: Library) -> Path | None:
    """A backup of the current state, if it can be read at all (before a restore)."""
    from warta.store.library import backups
    from warta.store.library.journal import JournalDamaged
    from warta.store.library.storage import CorruptFileError
    from warta.store.library.userstore import UserDataDamaged

    try:
        tables = {name: dict(lib.user.table(name)) for name in TABLES}
    except (UserDataDamaged, CorruptFileError, JournalDamaged):
        return None
    return backups.write_snapshot(lib.path, tables, lib.user.seq, reason="before-restore")


def _parse_time(text: str) -> str:
    """A local time the user typed, as the UTC ISO string Warta stores."""
    import datetime as dt

    try:
        moment = dt.datetime.fromisoformat(text.strip().replace(" ", "T", 1))
    except ValueError as exc:
        raise click.BadParameter(f"{text!r} is not a time like 2026-12-01 14:30") from exc
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")
