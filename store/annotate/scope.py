"""What an export (or an agreement check) covers: the articles a filter selects, with the
user's annotations of each.

With a filter, the articles are the filter's result in display order (the same order as the
list pane and ``warta list --filter``). Without one, they are every annotated article: tagged,
noted, starred, or holding passages or extra notes, newest first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from warta.store.library.library import Library
from warta.store.library.userstore import now
from warta.store.model import Annotation, ArticleRecord, ExtraNote, Passage


@dataclass
class Item:
    """One article in scope and everything the user's data holds about it."""

    record: ArticleRecord
    annotation: Annotation
    passages: list[Passage]
    notes: list[ExtraNote]

    @property
    def id(self) -> str:
        return self.record["id"]

    @property
    def annotated(self) -> bool:
        ann = self.annotation
        return bool(
            ann["tags"] or ann["note"].strip() or ann["starred"] or self.passages or self.notes
        )

    def tags(self) -> set[str]:
        """Tags on the article and on its passages."""
        out = set(self.annotation["tags"])
        for p in self.passages:
            out.update(p["tags"])
        return out


@dataclass
class Scope:
    """The articles an export covers, in order, and who exports them when."""

    query: str | None
    items: list[Item]
    coder: str
    exported: str = field(default_factory=now)

    def annotated(self) -> list[Item]:
        """The items with something of the user's on them (what most formats write)."""
        return [it for it in self.items if it.annotated]

    def tags(self) -> set[str]:
        out: set[str] = set()
        for it in self.items:
            out |= it.tags()
        return out

    def coders(self) -> list[str]:
        """Everyone who made an annotation in scope, and the exporting coder, sorted."""
        found = {self.coder}
        for it in self.items:
            for who in it.annotation["coders"].values():
                found.update(who)
            if it.annotation["note"].strip() and it.annotation["note_coder"]:
                found.add(it.annotation["note_coder"])
            found.update(p["coder"] for p in it.passages if p["coder"])
            found.update(n["coder"] for n in it.notes if n["coder"])
        return sorted(c for c in found if c)

    @property
    def label(self) -> str:
        """How the scope reads in a document's title."""
        return f"filter {self.query}" if self.query else "everything annotated"


def tree_order(tags: set[str] | list[str]) -> list[str]:
    """``tags`` and all their parents, parents first, siblings in name order."""
    names: set[str] = set()
    for tag in tags:
        parts = tag.split("/")
        names.update("/".join(parts[: k + 1]) for k in range(len(parts)))
    return sorted(names, key=lambda t: t.split("/"))


def collect(library: Library, query: str | None = None) -> Scope:
    """The scope of ``query`` (None or blank: every annotated article)."""
    from warta.store.annotate import notes, passages

    query = query.strip() if query and query.strip() else None
    if query is None:
        records = _annotated_records(library)
    else:
        from warta.store.search.browse import Browser

        order = Browser(library).search(query).order
        records = [library.articles[i] for i in order]
    items = [
        Item(
            record=rec,
            annotation=library.annotation(rec["id"]),
            passages=passages.of_article(library, rec["id"]),
            notes=notes.of_article(library, rec["id"]),
        )
        for rec in records
    ]
    if query is None:
        items = [it for it in items if it.annotated]
    return Scope(query=query, items=items, coder=library.user.coder)


def _annotated_records(library: Library) -> list[ArticleRecord]:
    ids = set(library.user.table("annotations"))
    for name in ("passages", "notes"):
        ids.update(doc["article"] for doc in list(library.user.table(name).values()))
    records = [library.article(i) for i in ids if i in library]
    # Newest first, as an empty filter lists them (titles break ties, like the list pane).
    records.sort(key=lambda r: r["title"].casefold())
    records.sort(key=lambda r: r["date"] or "", reverse=True)
    return records
