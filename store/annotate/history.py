"""Undo and redo of every change to the user's data, across restarts and processes.

Each transaction keeps, per document, the version before and after it. Undoing restores, field
by field, what the change changed, but only where the field still holds what the change left:
a later edit of another field (or by another terminal) is never clobbered, and a field edited
since is reported as a conflict and left alone. Redo does the same the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from warta.store.library.library import Library
from warta.store.library.userstore import Change, Doc

_IGNORED = frozenset({"updated"})
"""Fields that change with every edit; never a reason to call a change a conflict."""


@dataclass
class Outcome:
    """What an undo or redo did."""

    label: str
    """The change undone or redone ("" when there was nothing to do)."""
    done: bool
    conflicts: list[str] = field(default_factory=list)
    """Documents (``table/key``) left as they were because they changed since."""


def undoable(library: Library) -> dict[str, Any] | None:
    """The change ``undo`` would undo: the newest one still done."""
    for entry in reversed(library.user.history()):
        if entry.get("state") == "done":
            return entry
    return None


def redoable(library: Library) -> dict[str, Any] | None:
    """The change ``redo`` would redo: the oldest undone one after the last one done."""
    out = None
    for entry in reversed(library.user.history()):
        state = entry.get("state")
        if state == "undone":
            out = entry
        elif state == "done":
            break
    return out


def undo(library: Library) -> Outcome:
    """Undo the newest change (a bulk operation or a merge is one change)."""
    return _step(library, undo=True)


def redo(library: Library) -> Outcome:
    """Redo the change undo last undid."""
    return _step(library, undo=False)


def _step(library: Library, *, undo: bool) -> Outcome:
    chosen: list[dict[str, Any]] = []
    conflicts: list[str] = []

    def build() -> list[Change]:
        chosen.clear()
        conflicts.clear()
        entry = undoable(library) if undo else redoable(library)
        if entry is None:
            return []
        chosen.append(entry)
        changes: list[Change] = []
        for op in entry["ops"]:
            left, wanted = (op["a"], op["b"]) if undo else (op["b"], op["a"])
            current = library.user.get(op["t"], op["k"])
            new, clash = revert(current, left, wanted)
            if clash:
                conflicts.append(f"{op['t']}/{op['k']}")
            if new is not KEEP:
                changes.append((op["t"], op["k"], new))
        return changes

    def target() -> dict[str, Any]:
        return {"target": chosen[0]["seq"], "of": chosen[0]["label"]} if chosen else {}

    kind = "undo" if undo else "redo"
    library.user.transact(kind, build, kind=kind, extra=target)
    if not chosen:
        return Outcome("", False)
    return Outcome(chosen[0]["label"], True, conflicts)


KEEP = object()
"""Returned by :func:`revert` when the document is to be left as it is."""


def _fields(doc: Doc | None) -> dict[str, Any]:
    return {k: v for k, v in (doc or {}).items() if k not in _IGNORED}


def revert(current: Doc | None, left: Doc | None, wanted: Doc | None) -> tuple[Any, bool]:
    """Take ``current`` from what a change ``left`` to what is ``wanted``, field by field.

    Returns (the new document, None to delete it, or :data:`KEEP`; whether something clashed).
    """
    if wanted is None:  # the change made the document: remove it
        if current is None:
            return KEEP, False
        return None, _fields(current) != _fields(left)
    if left is None:  # the change removed the document: bring it back
        if current is None:
            return wanted, False
        return KEEP, _fields(current) != _fields(wanted)
    if current is None:  # removed since: do not resurrect part of it
        return KEEP, True
    new = dict(current)
    clash = False
    for key in (left.keys() | wanted.keys()) - _IGNORED:
        was, want = left.get(key, _MISSING), wanted.get(key, _MISSING)
        if was == want:
            continue
        if current.get(key, _MISSING) != was:
            clash = True
            continue
        if want is _MISSING:
            new.pop(key, None)
        else:
            new[key] = want
    if "updated" in wanted:
        new["updated"] = wanted["updated"]
    return new, clash


_MISSING = object()
