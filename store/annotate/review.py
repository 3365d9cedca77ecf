"""What a review works through: every annotation (passages and notes) with its article.

An item is a passage, the user's article note, or an extra note (a colleague's or a conflict
copy). Items are scoped by the filter language (the articles the query matches) and grouped by
tag (as a tree) or by article; orphans, passages that cannot be placed in the text the reader
shows, have a group of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from warta.store.annotate import notes, passages
from warta.store.annotate.codebook import is_within
from warta.store.library.library import Library
from warta.store.model import ArticleRecord

NO_TAG = "(no tag)"
ORPHANS = "(orphans)"


@dataclass(frozen=True)
class Item:
    """One annotation to review."""

    kind: str
    """``passage``, ``note`` (the user's article note) or ``extra`` (another article note)."""
    key: str
    """The passage or extra note id; the article id for an article note."""
    article: ArticleRecord
    text: str
    """The passage's words, or the note."""
    note: str
    """A passage's note ("" for notes)."""
    tags: tuple[str, ...]
    """A passage's codes; for notes, the article's tags."""
    speaker: str | None
    coder: str
    review: str
    created: str
    orphan: bool = False

    @property
    def done(self) -> bool:
        return self.review == "done"


def items(library: Library, article_ids: Iterable[str] | None = None) -> list[Item]:
    """Every annotation of the given articles (default: all annotated), article by article."""
    ids = list(article_ids) if article_ids is not None else annotated_ids(library)
    out: list[Item] = []
    for aid in ids:
        if aid not in library:
            continue
        out.extend(_of_article(library, aid))
    return out


def annotated_ids(library: Library) -> list[str]:
    """Articles with a passage, a note or an extra note, newest first."""
    ids = {*library.user.article_ids("passages"), *library.user.article_ids("notes")}
    for aid, ann in list(library.user.table("annotations").items()):
        if str(ann.get("note", "")).strip():
            ids.add(aid)
    known = [library.article(a) for a in ids if a in library]
    known.sort(key=lambda r: (r["date"] or "", r["title"]), reverse=True)
    return [r["id"] for r in known]


def _of_article(library: Library, aid: str) -> Iterator[Item]:
    rec = library.article(aid)
    ann = library.annotation(aid)
    for p in passages.of_article(library, aid):
        yield Item(
            kind="passage",
            key=p["id"],
            article=rec,
            text=" ".join(p["selector"]["exact"].split()),
            note=p["note"],
            tags=tuple(p["tags"]),
            speaker=p.get("speaker"),
            coder=p["coder"],
            review=p.get("review", "todo"),
            created=p["created"],
        )
    if ann["note"].strip():
        yield Item(
            kind="note",
            key=aid,
            article=rec,
            text=ann["note"].strip(),
            note="",
            tags=tuple(ann["tags"]),
            speaker=None,
            coder=ann.get("note_coder", ""),
            review=ann.get("note_review") or "todo",
            created=ann["updated"],
        )
    for n in notes.of_article(library, aid):
        yield Item(
            kind="extra",
            key=n["id"],
            article=rec,
            text=n["text"],
            note="",
            tags=tuple(ann["tags"]),
            speaker=None,
            coder=n["coder"],
            review=n.get("review", "todo"),
            created=n["created"],
        )


def with_orphans(library: Library, found: list[Item]) -> list[Item]:
    """The items with ``orphan`` set for passages that cannot be placed in the shown body.

    Extracts each article once (a few milliseconds each): call it off the event loop.
    """
    from dataclasses import replace

    out: list[Item] = []
    bodies: dict[str, str] = {}
    for it in found:
        if it.kind != "passage":
            out.append(it)
            continue
        aid = it.article["id"]
        if aid not in bodies:
            bodies[aid] = library.extraction(aid)["body"]
        p = passages.get(library, it.key)
        out.append(replace(it, orphan=passages.locate(bodies[aid], p) is None))
    return out


def by_tag(found: list[Item]) -> list[tuple[str, list[Item]]]:
    """Groups by tag, as a tree in name order (``hoaks`` before ``hoaks/klarifikasi``); an item
    with several tags is in each; orphans in their own group, last."""
    groups: dict[str, list[Item]] = {}
    orphans: list[Item] = []
    for it in found:
        if it.orphan:
            orphans.append(it)
            continue
        for tag in it.tags or (NO_TAG,):
            groups.setdefault(tag, []).append(it)
    names = sorted(groups, key=lambda t: (t == NO_TAG, t.split("/")))
    out = [(name, groups[name]) for name in names]
    if orphans:
        out.append((ORPHANS, orphans))
    return out


def by_article(found: list[Item]) -> list[tuple[str, list[Item]]]:
    """Groups by article id, in the order the items came."""
    groups: dict[str, list[Item]] = {}
    for it in found:
        groups.setdefault(it.article["id"], []).append(it)
    return list(groups.items())


def under(found: list[Item], tag: str) -> list[Item]:
    """The items coded with ``tag`` or one of its descendants."""
    return [it for it in found if any(is_within(t, tag) for t in it.tags)]
