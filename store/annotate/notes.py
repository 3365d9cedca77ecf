"""Extra article notes: a colleague's, merged in, and conflict copies of the user's own note."""

from __future__ import annotations

from warta.store.annotate.passages import new_id
from warta.store.library.library import Library, LibraryError
from warta.store.library.userstore import Change, now
from warta.store.model import ExtraNote


def make(library: Library, article_id: str, text: str, coder: str, origin: str) -> ExtraNote:
    """A new extra note of an article (not yet stored)."""
    stamp = now()
    return ExtraNote(
        id=new_id("n"),
        article=article_id,
        hash=library.article(article_id)["hash"],
        text=text.rstrip(),
        coder=coder,
        created=stamp,
        updated=stamp,
        review="todo",
        origin=origin,
    )


def conflict_copy(library: Library, article_id: str, text: str, coder: str) -> Change:
    """The change that keeps ``text`` (a note changed elsewhere meanwhile) as an extra note."""
    note = make(library, article_id, text, coder or library.user.coder, "conflict")
    return ("notes", note["id"], dict(note))


def of_article(library: Library, article_id: str) -> list[ExtraNote]:
    docs = library.user.of_article("notes", article_id)
    return sorted(docs, key=lambda n: (n["created"], n["id"]))  # type: ignore[return-value]


def set_review(library: Library, kind: str, key: str, state: str) -> None:
    """Set the review state (``todo``/``done``) of a passage, an article note or an extra note."""
    if state not in ("todo", "done"):
        raise LibraryError(f"unknown review state {state!r} (use todo or done)")
    table = {"passage": "passages", "note": "annotations", "extra": "notes"}[kind]
    field = "note_review" if kind == "note" else "review"

    def build() -> list[Change]:
        doc = library.user.get(table, key)
        if doc is None:
            raise LibraryError(f"no {kind} {key!r}")
        return [(table, key, {**doc, field: state, "updated": now()})]

    library.user.transact(f"mark {kind} {'reviewed' if state == 'done' else 'to review'}", build)


def delete(library: Library, note_id: str) -> None:
    library.user.transact("delete note", lambda: [("notes", note_id, None)])
