"""Glue between the library and search: what the list pane and ``warta list`` show.

Both the TUI and the CLI go through ``Browser`` so that ``warta list --filter Q`` prints rows in
exactly the order the list pane shows for Q once Q is typed (the pane treats the word under
the cursor as a prefix until a space or the end of typing; ``typing=True`` asks for that).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from warta.store.library.library import Library
from warta.store.model import Annotation, ArticleRecord, empty_annotation
from warta.store.search.engine import BodyMatcher, Engine, SearchResult, UserText
from warta.store.search.index import SearchDoc, SearchIndex, UserState
from warta.store.search.parser import parse

if TYPE_CHECKING:
    from warta.store.search.fulltext import FullText

__all__ = ["Browser", "SearchResult", "search_doc"]


def search_doc(
    rec: ArticleRecord, ann: Annotation, tags: set[str] | None = None, highlight: bool = False
) -> SearchDoc:
    """How search sees one article: its metadata plus the user's tags and state.

    ``tags``: the article's and its passages' tags (default: the article's own).
    """
    return {  # type: ignore[typeddict-item]
        **static_doc(rec),
        "tags": sorted(tags) if tags else list(ann["tags"]),
        "read": ann["read"],
        "starred": ann["starred"],
        "has_note": bool(ann["note"].strip()),
        "has_highlight": highlight,
    }


def static_doc(rec: ArticleRecord) -> dict[str, Any]:
    """The fields of :func:`search_doc` that come from the record alone."""
    return {
        "id": rec["id"],
        "title": rec["title"],
        "outlet": rec["outlet"],
        "date": rec["date"],
        "places": rec["places"],
        # Rank and role go with the name so "kapolres" or "person:iptu" find people by office.
        "people": [
            " ".join(filter(None, (p["rank"], p["name"], p["role"]))) for p in rec["people"]
        ],
        "organizations": rec["organizations"],
        "n_quotes": rec["n_quotes"],
    }


class DocsView(Sequence[dict[str, Any]]):
    """The library's records as search docs (articles' fields only), made when read."""

    def __init__(self, records: Sequence[ArticleRecord]) -> None:
        self._records = records

    def __len__(self) -> int:
        return len(self._records)

    def __getitem__(self, i):  # type: ignore[no-untyped-def, override]
        if isinstance(i, slice):
            return [static_doc(r) for r in self._records[i]]
        return static_doc(self._records[i])

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return map(static_doc, self._records)


def user_text(library: Library, article_id: str, ann: Annotation | None = None) -> str:
    """Everything the user wrote about an article: its note, extra notes, passage notes."""
    ann = ann or library.annotation(article_id)
    parts = [ann["note"]]
    parts += [n.get("text", "") for n in library.user.of_article("notes", article_id)]
    parts += [p.get("note", "") for p in library.user.of_article("passages", article_id)]
    return "\n".join(p for p in parts if p)


class Browser:
    """A library plus its search index (and full-text index), kept in step as the user edits.

    ``fulltext``: an open :class:`~warta.store.search.fulltext.FullText`, ``None`` to open the
    library's own when it is current (never building it), or ``False`` for none.
    """

    def __init__(self, library: Library, fulltext: FullText | bool | None = None) -> None:
        from warta.store.annotate.codebook import article_tag_sets
        from warta.store.search import stored

        self.library = library
        anns = library.annotations()
        empty = empty_annotation()
        tag_sets = article_tag_sets(library)
        marked = {p["article"] for p in library.user.table("passages").values()}
        # The user's state per position, laid over the stored index of the articles: the cost
        # follows the user's data, not the library.
        user: dict[int, UserState] = {}
        for aid in anns.keys() | tag_sets.keys() | marked:
            if aid in library:
                ann = anns.get(aid, empty)
                tags = tag_sets.get(aid)
                user[library.position(aid)] = (
                    tuple(sorted(tags) if tags else ann["tags"]),
                    ann["read"],
                    ann["starred"],
                    bool(ann["note"].strip()),
                    aid in marked,
                )
        docs = DocsView(library.articles)
        self.index = SearchIndex.from_static(stored.static_of(library, docs), docs, user)
        texts: dict[int, str] = {}
        for aid in (
            set(anns) | marked | {n["article"] for n in library.user.table("notes").values()}
        ):
            if aid in library:
                texts[library.position(aid)] = user_text(library, aid, anns.get(aid))
        self.notes = UserText(texts)
        if fulltext is None:
            fulltext = open_current(library)
        self.fulltext: FullText | None = fulltext or None
        self._engine = self._make_engine()

    def _make_engine(self) -> Engine:
        body = BodyMatcher(self.fulltext, self.index) if self.fulltext is not None else None
        return Engine(self.index, body, self.notes)

    def attach(self, fulltext: FullText | None) -> None:
        """Use ``fulltext`` (e.g. once a rebuild finished) for body words from now on."""
        self.fulltext = fulltext
        self._engine = self._make_engine()

    def search(
        self,
        query: str,
        *,
        typing: bool = False,
        fuzzy: bool = True,
        cancelled: Callable[[], bool] | None = None,
    ) -> SearchResult:
        """Rank and filter for ``query``: the order of the list pane and of ``warta list``.

        ``typing``: the query is being typed (its last word is a prefix); ``fuzzy``: typo
        tolerance (the TUI's toggle).
        """
        return self._engine.run(parse(query, typing=typing, fuzzy=fuzzy), cancelled)

    def sync(self, article_id: str) -> None:
        """Tell the index that the user's data of one article changed (tags, state, notes,
        passages added or removed)."""
        lib = self.library
        ann = lib.annotation(article_id)
        passages = lib.user.of_article("passages", article_id)
        pos = lib.position(article_id)
        if pos >= len(self.index):
            return
        self.index.update_user(
            pos,
            tags=sorted({*ann["tags"], *(t for p in passages for t in p.get("tags") or ())}),
            read=ann["read"],
            starred=ann["starred"],
            has_note=bool(ann["note"].strip()),
            has_highlight=bool(passages),
        )
        self.notes.set(pos, user_text(lib, article_id, ann))


def open_current(library: Library) -> FullText | None:
    """The library's full-text index if it is present and current, else None."""
    from warta.store.search import fulltext

    folder = library.path / fulltext.INDEX_DIR
    if not (folder / fulltext.MARKER).exists():
        return None
    try:
        ft = fulltext.FullText(folder)
    except Exception:  # an unreadable index is as good as none: it is rebuilt
        return None
    return ft if ft.problem(library) is None else None
