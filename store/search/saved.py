"""Saved searches: named filter queries kept in the user's data (table ``searches``).

Every change goes through ``library.user.transact``, so it is journaled, backed up and
undoable like tags and notes.
"""

from __future__ import annotations

from typing import TypedDict

from warta.store.library.library import Library, LibraryError
from warta.store.library.userstore import now

TABLE = "searches"


class SavedSearch(TypedDict):
    name: str
    query: str
    created: str


def _clean(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise LibraryError("a saved search needs a name")
    return name


def save(library: Library, name: str, query: str) -> SavedSearch:
    """Save ``query`` under ``name`` (replacing a search of that name)."""
    name = _clean(name)
    doc: SavedSearch = {"name": name, "query": query.strip(), "created": now()}
    old = library.user.get(TABLE, name)
    if old is not None:
        doc["created"] = old.get("created", doc["created"])
    library.user.transact(f"save search {name}", lambda: [(TABLE, name, dict(doc))])
    return doc


def delete(library: Library, name: str) -> bool:
    """Delete the saved search ``name``; False when there is none."""
    name = _clean(name)
    if library.user.get(TABLE, name) is None:
        return False
    library.user.transact(f"delete search {name}", lambda: [(TABLE, name, None)])
    return True


def get(library: Library, name: str) -> SavedSearch:
    doc = library.user.get(TABLE, _clean(name))
    if doc is None:
        raise LibraryError(f"no saved search named {name!r}")
    return SavedSearch(name=doc["name"], query=doc["query"], created=doc.get("created", ""))


def all_searches(library: Library) -> list[SavedSearch]:
    """Every saved search, by name."""
    table = library.user.table(TABLE)
    return [
        SavedSearch(name=d["name"], query=d["query"], created=d.get("created", ""))
        for _k, d in sorted(table.items(), key=lambda kv: kv[0].casefold())
    ]
