"""Helpers for the hostile-input tests: the reader's screen as text, notifications, mounts."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from warta.tui.app import WartaApp

ROOT = Path(__file__).resolve().parent.parent


def screen_text(app: WartaApp) -> str:
    """What the terminal shows now, as plain text, one line per row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def record_notifications(app: WartaApp) -> list[str]:
    """Every notification message the app shows from now on, in order."""
    seen: list[str] = []
    show = app.notify

    def notify(message: str, **kwargs: object) -> None:
        seen.append(message)
        show(message, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    return seen


async def settle(pilot, app: WartaApp) -> None:
    """Let workers (index build, searches, import) and the preview timer finish."""
    for _ in range(2):
        await app.workers.wait_for_complete()
        await pilot.pause(0.07)  # past the reader's preview delay (0.06 s)


def warta(*args: str | bytes, stdin: bytes | None = None, env: dict[str, str] | None = None):
    """Run the real ``warta`` entry point (``main()``) in a subprocess; arguments may be bytes."""
    return subprocess.run(
        [sys.executable, "-m", "warta.tui.cli", *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
    )


def one_line(stderr: bytes | str) -> str:
    """The single line a failure prints on stderr (asserts there is exactly one)."""
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
    lines = text.splitlines()
    assert len(lines) == 1, lines
    assert "Traceback" not in lines[0]
    return lines[0]


@contextlib.contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """A small tmpfs mounted on ``folder`` (root only; skips the test where mounting fails)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    folder.mkdir(parents=True, exist_ok=True)
    res = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True
    )
    if res.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {res.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def remount(folder: Path, mode: str) -> None:
    """Remount the tmpfs on ``folder`` ``ro`` or ``rw``."""
    subprocess.run(["mount", "-o", f"remount,{mode}", str(folder)], check=True)


def run_main(*args: str, tty: bool = False) -> tuple[int, str, str]:
    """Run ``main()`` in this process with ``sys.argv`` set; returns (status, stdout, stderr).

    The same code path as the installed ``warta`` command, without a new interpreter each time.
    ``tty`` makes stdout claim to be a terminal (so ``warta`` opens the reader).
    """
    import io
    from contextlib import redirect_stderr, redirect_stdout
    from unittest import mock

    from warta.tui.cli import main

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return tty

    out, err = Terminal(), io.StringIO()
    argv = ["warta", *args]
    with mock.patch.object(sys, "argv", argv), redirect_stdout(out), redirect_stderr(err):
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        else:
            raise AssertionError("main() must end with sys.exit")
    return code, out.getvalue(), err.getvalue()
