"""Warta's error policy: what a failure says to the user, and the exit status it ends with.

Every failure Warta expects (a damaged or read-only library, a full disk, a lock another Warta
holds, a bad argument...) becomes one line naming the file or argument and what to do. Anything
else is a bug: its traceback goes to a crash report file, and the user gets one line saying
where. ``main()`` in ``cli.py`` runs every command through :func:`run`; the reader shows the same
lines in notifications (:func:`describe`).

Exit statuses (the BSD ``sysexits`` numbers where one fits):

* 1 — an expected failure (``EXIT_FAILURE``);
* 2 — a usage error: unknown command, missing path, bad argument (``EXIT_USAGE``);
* 70 — an internal error, a bug (``EX_SOFTWARE``);
* 75 — the library is busy: another Warta holds its lock; try again (``EX_TEMPFAIL``);
* 130 — interrupted (Ctrl-C).
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from warta.store.text import visible

EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_SOFTWARE = 70
EXIT_TEMPFAIL = 75
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141

RESTORE_HINT = "run `warta restore --latest` to bring back your newest backup"


class PlainUsageError(click.UsageError):
    """A usage error whose message already says what to do (no "see --help" is added)."""


@dataclass(frozen=True)
class Problem:
    """An expected failure: the sentence to show and the exit status to end with."""

    message: str
    code: int = EXIT_FAILURE
    where: str = "warta"
    """The command it concerns (``warta tag``), which starts the line."""

    @property
    def line(self) -> str:
        """The one line printed on stderr."""
        return f"{self.where}: {self.message}"


def _os_message(exc: OSError, library: Path | None) -> str:
    name = exc.filename if exc.filename is not None else library
    where = visible(os.fsdecode(name)) if name is not None else "the library"
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return (
            f"no space left on the disk holding {where}; free some space and try again "
            "(what was saved before is intact)"
        )
    if code == errno.EROFS:
        return (
            f"cannot write {where}: the file system is read-only; make it writable, or copy "
            "the library elsewhere and open the copy with --db"
        )
    if code in (errno.EACCES, errno.EPERM):
        return f"permission denied for {where}; check its owner and permissions (ls -l)"
    if code == errno.EISDIR:
        return f"{where} is a folder where Warta needs a file; move it aside and try again"
    if code == errno.ENOENT:
        return f"{where}: no such file or folder"
    if code == errno.ENOTDIR:
        return f"{where}: part of this path is a file, not a folder"
    if code == errno.ELOOP:
        return f"{where}: a symbolic link that loops"
    if code == errno.EIO:
        return f"input/output error on {where}; the disk may be failing: copy your data off it"
    if code in (errno.EMFILE, errno.ENFILE):
        return "too many open files; close some programs and try again"
    return f"{where}: {exc.strerror or exc}"


def describe(exc: BaseException, library: Path | None = None) -> Problem | None:
    """The :class:`Problem` an expected failure amounts to, or None for a bug.

    ``library`` is the library folder in use, named when an error carries no file name (a
    write that found the disk full).
    """
    from filelock import Timeout

    from warta.store.library.journal import JournalDamaged
    from warta.store.library.library import LibraryError
    from warta.store.library.storage import CorruptFileError, lock_timeout
    from warta.store.library.userstore import UserDataDamaged

    if isinstance(exc, PlainUsageError):
        return Problem(visible(exc.format_message()), EXIT_USAGE)
    if isinstance(exc, click.UsageError):
        path = exc.ctx.command_path if exc.ctx is not None else "warta"
        text = visible(exc.format_message()).rstrip(".")
        return Problem(f"{text[:1].lower()}{text[1:]}; see `{path} --help`", EXIT_USAGE, path)
    if isinstance(exc, click.ClickException):
        return Problem(visible(exc.format_message()), exc.exit_code)
    if isinstance(exc, (UserDataDamaged, JournalDamaged)):
        text = str(exc).rstrip(". ")
        if "warta restore" not in text:
            text += f"; {RESTORE_HINT}"
        return Problem(visible(text))
    if isinstance(exc, CorruptFileError):
        text = str(exc)
        if exc.path.name == "user.json":
            text += f"; or {RESTORE_HINT}"
        return Problem(visible(text))
    if isinstance(exc, LibraryError):
        return Problem(visible(str(exc)))
    if isinstance(exc, Timeout):
        return Problem(
            f"another Warta is writing to this library and has held its lock "
            f"({visible(exc.lock_file)}) for over {lock_timeout():g} s; try again when it "
            "has finished",
            EXIT_TEMPFAIL,
        )
    if isinstance(exc, OSError):
        return Problem(_os_message(exc, library))
    if isinstance(exc, (UnicodeEncodeError, TypeError)) and "surrogates not allowed" in str(exc):
        # A lone surrogate is an undecodable byte of argv (surrogateescape) that reached text
        # to be written as UTF-8; text arguments are checked (commands.arguments.TEXT), this
        # catches one that is not.
        return Problem(
            "an argument is not valid UTF-8 text; check the encoding of your terminal or script",
            EXIT_USAGE,
        )
    return None


def crash_report(exc: BaseException, argv: Sequence[str]) -> Path | None:
    """Write the traceback and what was running to a new report file; returns its path.

    The report goes to the user log folder (platformdirs), else the temp folder; None if
    neither can be written.
    """
    import datetime as dt
    import platform
    import tempfile
    import traceback
    from importlib import metadata

    from platformdirs import user_log_dir

    try:
        version = metadata.version("warta")
    except metadata.PackageNotFoundError:
        version = "unknown"
    now = dt.datetime.now()
    body = (
        f"Warta {version} internal error, {now.isoformat(timespec='seconds')}\n"
        f"Python {platform.python_version()} on {platform.platform()}\n"
        f"command: warta {' '.join(visible(a) for a in argv)}\n\n"
        + "".join(traceback.format_exception(exc))
    )
    name = f"crash-{now:%Y%m%d-%H%M%S}-{os.getpid()}.txt"
    for folder in (Path(user_log_dir("warta", appauthor=False)), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            path.write_text(body, encoding="utf-8", errors="backslashreplace")
            return path
        except OSError:
            continue
    return None


def internal_error(exc: BaseException, argv: Sequence[str]) -> int:
    """Report a bug: one line with where the full report is; returns the exit status."""
    path = crash_report(exc, argv)
    what = visible(f"{type(exc).__name__}: {exc}")[:200]
    if path is None:
        import traceback

        say(f"warta: internal error ({what}); no report file could be written, so here it is:")
        traceback.print_exception(exc, file=sys.stderr)
    else:
        say(
            f"warta: internal error ({what}); this is a bug in Warta. The full report is in "
            f"{visible(str(path))}: please send it to the developers"
        )
    return EXIT_SOFTWARE


def say(line: str) -> None:
    """Print one line on stderr, whatever the characters in it."""
    click.echo(visible(line), err=True)


def _broken_pipe() -> int:
    # The reader of our output went away (`warta list | head`): nothing to say. Point stdout
    # at /dev/null so the interpreter's final flush does not fail again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_BROKEN_PIPE


def run(command: click.Command, args: list[str]) -> int:
    """Run the ``warta`` command line under the policy; returns the exit status."""
    obj: dict[str, Any] = {}
    try:
        code = command.main(args=args, prog_name="warta", standalone_mode=False, obj=obj)
    except SystemExit:
        raise
    except click.exceptions.Abort as exc:
        interrupted = isinstance(exc.__context__, KeyboardInterrupt)
        say("warta: interrupted" if interrupted else "warta: aborted")
        return EXIT_INTERRUPTED if interrupted else EXIT_FAILURE
    except KeyboardInterrupt:
        say("warta: interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return _broken_pipe()
    except Exception as exc:
        lib = obj.get("library")
        problem = describe(exc, lib.path if lib is not None else obj.get("db"))
        if problem is None:
            return internal_error(exc, args)
        say(problem.line)
        return problem.code
    return code if isinstance(code, int) else 0
