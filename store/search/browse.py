"""Glue between the library and the search index: what the list pane and ``warta list`` show.

Both the TUI and the CLI go through ``Browser`` so that ``warta list --filter Q`` prints rows in
exactly the order the list pane shows for Q.
"""

from __future__ import annotations

from collections.abc import Callable

from warta.store.library.library import Library
from warta.store.model import Annotation, ArticleRecord, empty_annotation
from warta.store.search.index import SearchDoc, SearchIndex, SearchResult


def search_doc(rec: ArticleRecord, ann: Annotation) -> SearchDoc:
    """How search sees one article: its metadata plus the user's tags and state."""
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
        "tags": ann["tags"],
        "read": ann["read"],
        "starred": ann["starred"],
        "has_note": bool(ann["note"].strip()),
        "n_quotes": rec["n_quotes"],
    }


class Browser:
    """A library plus its search index, kept in step as the user edits."""

    def __init__(self, library: Library) -> None:
        self.library = library
        anns = library.annotations()
        empty = empty_annotation()
        self.index = SearchIndex(
            [search_doc(rec, anns.get(rec["id"], empty)) for rec in library.articles]
        )

    def search(self, query: str, *, cancelled: Callable[[], bool] | None = None) -> SearchResult:
        """Rank and filter for ``query``: the order of the list pane and of ``warta list``."""
        return self.index.search(query, body_of=self._body_of, cancelled=cancelled)

    def _body_of(self, i: int) -> str:
        return self.library.body_input(self.library.articles[i]["id"])["text"]

    def sync(self, article_id: str) -> None:
        """Tell the index that the user's data of one article changed."""
        ann = self.library.annotation(article_id)
        self.index.update_user(
            self.library.position(article_id),
            tags=ann["tags"],
            read=ann["read"],
            starred=ann["starred"],
            has_note=bool(ann["note"].strip()),
        )
