"""Highlighted passages: made from the reader's text, stored against the article as imported.

The reader shows a cleaned body; the store keeps each passage's selectors against the raw text
the article was imported with (which never changes), and places them back into whatever body
the reader shows with :func:`warta.store.annotate.anchor.anchor`.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from warta.store.annotate.anchor import Anchored, anchor, describe
from warta.store.library.library import Library, LibraryError, normalise_tag
from warta.store.library.userstore import Change, now
from warta.store.model import Passage, Selector
from warta.store.text import strip_controls

_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"


def new_id(prefix: str = "p") -> str:
    """A fresh id for a passage or note: ``p`` plus 10 random base32 characters."""
    return prefix + "".join(secrets.choice(_ALPHABET) for _ in range(10))


def selector_for(library: Library, article_id: str, body: str, start: int, end: int) -> Selector:
    """Selectors against the article as imported for ``body[start:end]`` of a shown body.

    The shown body is a cleaned copy of the imported text (whitespace folded, furniture
    removed), so the span is anchored into the imported text the same way a stored passage is
    anchored into a body. Should it not be found there (a cleaner that rewrote the words), the
    shown words are kept as the quote with no position; anchoring still finds them by quote.
    """
    raw = library.body_input(article_id)["text"]
    shown = describe(body, start, end)
    hint = int(start * len(raw) / max(1, len(body)))
    placed = anchor(raw, {**shown, "start": -1, "end": -1}, hint=hint)
    if placed is None:
        return Selector(
            exact=shown["exact"], prefix=shown["prefix"], suffix=shown["suffix"], start=-1, end=-1
        )
    return describe(raw, placed.start, placed.end)


def _clean_tags(tags: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(t for t in (normalise_tag(t) for t in tags) if t))


def _clean_note(note: str) -> str:
    # A note is shown in terminals: no control or invisible characters are stored.
    return strip_controls(note).rstrip()


def add(
    library: Library,
    article_id: str,
    selector: Selector,
    tags: Iterable[str] = (),
    note: str = "",
    speaker: str | None = None,
    *,
    label: str | None = None,
) -> Passage:
    """Highlight a passage (one undoable change)."""
    if not selector["exact"].strip():
        raise LibraryError("an empty passage cannot be highlighted")
    passage = make(library, article_id, selector, tags, note)
    passage["speaker"] = speaker
    text = " ".join(selector["exact"].split())
    short = text if len(text) <= 40 else text[:39] + "…"
    library.user.transact(label or f"highlight “{short}”", lambda: [_put(passage)])
    library.user.compact_in_background()
    return passage


def add_many(library: Library, passages: list[Passage], label: str) -> int:
    """Store several new passages as one undoable change (auto-coding); returns how many."""
    if passages:
        library.user.transact(label, lambda: [_put(p) for p in passages])
        library.user.compact_in_background()
    return len(passages)


def make(
    library: Library, article_id: str, selector: Selector, tags: Iterable[str], note: str = ""
) -> Passage:
    """A new passage record, not yet stored (for :func:`add_many`)."""
    rec = library.article(article_id)
    stamp = now()
    return Passage(
        id=new_id(),
        article=article_id,
        hash=rec["hash"],
        selector=selector,
        tags=_clean_tags(tags),
        note=_clean_note(note),
        speaker=None,
        coder=library.user.coder,
        created=stamp,
        updated=stamp,
        review="todo",
    )


def _put(p: Passage) -> Change:
    return ("passages", p["id"], dict(p))


def get(library: Library, passage_id: str) -> Passage:
    doc = library.user.get("passages", passage_id)
    if doc is None:
        raise LibraryError(f"no passage with id {passage_id!r}")
    return doc  # type: ignore[return-value]


def update(
    library: Library,
    passage_id: str,
    *,
    tags: Iterable[str] | None = None,
    note: str | None = None,
    review: str | None = None,
) -> Passage:
    """Change a passage's tags, note or review state (one undoable change)."""
    get(library, passage_id)  # raises for an unknown id
    what = [w for w, v in (("tags", tags), ("note", note), ("review", review)) if v is not None]

    def build() -> list[Change]:
        cur = dict(get(library, passage_id))
        if tags is not None:
            cur["tags"] = _clean_tags(tags)
        if note is not None:
            cur["note"] = _clean_note(note)
        if review is not None:
            cur["review"] = review
        cur["updated"] = now()
        return [("passages", passage_id, cur)]

    library.user.transact("edit passage " + "/".join(what), build)
    return get(library, passage_id)


def delete(library: Library, passage_ids: Iterable[str], label: str = "delete passage") -> int:
    """Delete passages (one undoable change); returns how many existed."""
    ids = [i for i in passage_ids if library.user.get("passages", i) is not None]
    library.user.transact(label, lambda: [("passages", i, None) for i in ids])
    return len(ids)


def of_article(library: Library, article_id: str) -> list[Passage]:
    """The article's passages, in the order they were made."""
    docs = library.user.of_article("passages", article_id)
    return sorted(docs, key=lambda p: (p["created"], p["id"]))  # type: ignore[return-value]


def all_passages(library: Library) -> list[Passage]:
    return list(library.user.table("passages").values())  # type: ignore[arg-type]


@dataclass(frozen=True)
class Placed:
    """A passage and where it landed in a shown body (None: an orphan)."""

    passage: Passage
    place: Anchored | None


def place(library: Library, article_id: str, body: str) -> list[Placed]:
    """Anchor every passage of an article into ``body``, in reading order, orphans last."""
    out = [Placed(p, locate(body, p)) for p in of_article(library, article_id)]
    return sorted(out, key=lambda x: (x.place is None, x.place.start if x.place else 0))


def locate(body: str, p: Passage) -> Anchored | None:
    """Where a passage is in a shown body, or None (an orphan)."""
    sel = p["selector"]
    # Positions are in the imported text, not the shown body: use them only as a rough hint.
    return anchor(body, {**sel, "start": -1, "end": -1}, hint=sel["start"])
