"""Expected failures inside the reader: shown as a notification, and the reader goes on.

An edit on a read-only disk, a body shard truncated by another program, a user file damaged
while the reader runs: each is one of the failures ``warta.tui.errors`` describes, and must not
end the reader with a traceback. Screens mix in :class:`ProblemReporter` and wrap the methods
that touch the library in :func:`reported`; anything ``describe`` does not know is a bug and is
raised as before (the app then ends and ``warta`` writes a crash report).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from warta.tui.errors import Problem, describe

P = ParamSpec("P")
R = TypeVar("R")

REPEAT_QUIET_SECONDS = 5.0
"""The same message is not shown again within this many seconds (every `r` on a read-only
library would otherwise stack one more notification)."""


class ProblemReporter:
    """Shows expected failures as error notifications. For Textual screens and widgets (which
    give ``notify``) that have a ``library``."""

    library: Any
    _last_problem: tuple[str, float] = ("", 0.0)

    def problem_of(self, exc: BaseException) -> Problem | None:
        """The problem ``exc`` amounts to (None for a bug)."""
        path: Path | None = getattr(self.library, "path", None)
        return describe(exc, path)

    def show_problem(self, problem: Problem) -> None:
        """Notify the user of a problem, unless the same one was shown a moment ago."""
        now = time.monotonic()
        last, when = self._last_problem
        if problem.message == last and now - when < REPEAT_QUIET_SECONDS:
            return
        self._last_problem = (problem.message, now)
        notify = self.notify  # type: ignore[attr-defined]
        notify(problem.message, title="Warta", severity="error", timeout=12)

    def report_problem(self, exc: BaseException) -> bool:
        """Show ``exc`` if it is an expected failure; False (show nothing) for a bug."""
        problem = self.problem_of(exc)
        if problem is None:
            return False
        self.show_problem(problem)
        return True

    def attempt(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R | None:
        """``fn(*args)``, or None after showing the expected failure it raised."""
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            if not self.report_problem(exc):
                raise
            return None


def reported(method: Callable[..., R]) -> Callable[..., R | None]:
    """Wrap a :class:`ProblemReporter` method: an expected failure becomes a notification."""

    @functools.wraps(method)
    def wrapper(self: ProblemReporter, *args: Any, **kwargs: Any) -> R | None:
        try:
            return method(self, *args, **kwargs)
        except Exception as exc:
            if not self.report_problem(exc):
                raise
            return None

    return wrapper
