"""What a change touched, and undo/redo from any screen with a message saying what happened.

Screens above the main one (the codebook, the review) change the user's data; when they close,
the main screen brings the articles they touched up to date in its search index, list and reader.
The articles come from the history entries of the changes made (their ops), so a rename across
thousands of passages or an undo reports exactly the articles it changed.
"""

from __future__ import annotations

from typing import Any

from warta.store.annotate import history
from warta.store.annotate.history import Outcome
from warta.store.library.library import Library

CODEBOOK = "*"
"""Stands for "the codebook changed" (colours, descriptions): every article may look different."""


def articles_of(entry: dict[str, Any] | None) -> set[str]:
    """The article ids a history entry's ops changed (``*`` for codebook entries)."""
    out: set[str] = set()
    for op in (entry or {}).get("ops", ()):
        if op["t"] == "annotations":
            out.add(op["k"])
        elif op["t"] == "codebook":
            out.add(CODEBOOK)
        else:
            doc = op.get("a") or op.get("b") or {}
            if doc.get("article"):
                out.add(doc["article"])
    return out


def last_change(library: Library, seq_before: int) -> set[str]:
    """The articles changed by the transaction made since ``seq_before`` (none if nothing was
    written, e.g. a rename onto the same name)."""
    if library.user.seq <= seq_before:
        return set()
    out: set[str] = set()
    for entry in reversed(library.user.history()):
        if entry["seq"] <= seq_before:
            break
        out |= articles_of(entry)
    return out


def step(library: Library, *, redo: bool) -> tuple[Outcome, set[str]]:
    """Undo (or redo) the newest change; returns what happened and the articles it touched."""
    entry = history.redoable(library) if redo else history.undoable(library)
    touched = articles_of(entry)
    outcome = history.redo(library) if redo else history.undo(library)
    return outcome, touched if outcome.done else set()


def message(outcome: Outcome, *, redo: bool) -> tuple[str, str]:
    """A notification for an undo or redo: (text, severity)."""
    if not outcome.done:
        return ("Nothing to redo." if redo else "Nothing to undo."), "information"
    text = ("Redone: " if redo else "Undone: ") + outcome.label
    if outcome.conflicts:
        n = len(outcome.conflicts)
        text += f" ({n} mark{'s' if n != 1 else ''} changed since, left as they are)"
        return text, "warning"
    return text, "information"


class UndoKeys:
    """``u`` / ``ctrl+r`` for a screen above the main one (mixed into it): one change at a
    time, run by the screen's ``_run_step(redo)`` worker, which clears ``busy`` when done."""

    busy: bool
    notify: Any

    def action_undo(self) -> None:
        self._step(redo=False)

    def action_redo(self) -> None:
        self._step(redo=True)

    def _step(self, *, redo: bool) -> None:
        if self.busy:
            self.notify("Still applying the last change…", severity="warning")
            return
        self.busy = True
        self._run_step(redo)

    def _run_step(self, redo: bool) -> None:
        raise NotImplementedError
