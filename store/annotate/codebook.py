"""The codebook: every tag with its colour, description and counts, and the operations on it.

Tags form a hierarchy through ``/`` (``hoaks/klarifikasi`` is a child of ``hoaks``). A tag is
used on articles (article tags) and on passages (their codes); renaming, merging and deleting
change both, and every such operation is one undoable transaction.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from warta.store.library.library import Library, LibraryError, normalise_tag
from warta.store.library.userstore import Change, now

PALETTE = (
    "#e6194b",
    "#3cb44b",
    "#4363d8",
    "#f58231",
    "#911eb4",
    "#42d4f4",
    "#f032e6",
    "#9a6324",
    "#469990",
    "#808000",
    "#bfef45",
    "#dcbeff",
)
"""Default tag colours (distinct hues, as in Sasha Trubetskoy's list), picked by tag name."""


def is_within(tag: str, parent: str) -> bool:
    """True when ``tag`` is ``parent`` or one of its descendants (``hoaks/x`` in ``hoaks``)."""
    return tag == parent or tag.startswith(parent + "/")


def default_colour(tag: str) -> str:
    """A stable colour for a tag without one in the codebook (its top level's, so a family of
    codes shares a colour until the user picks others)."""
    top = tag.split("/", 1)[0]
    return PALETTE[zlib.crc32(top.encode()) % len(PALETTE)]


def colour_of(library: Library, tag: str) -> str:
    """The tag's colour (``#rrggbb``): its own, else its nearest parent's, else the default."""
    parts = tag.split("/")
    for k in range(len(parts), 0, -1):
        entry = library.user.get("codebook", "/".join(parts[:k]))
        if entry and entry.get("colour"):
            return entry["colour"]
    return default_colour(tag)


def article_tag_sets(library: Library) -> dict[str, set[str]]:
    """Per article id: the tags on the article and on its passages."""
    out: dict[str, set[str]] = {}
    for aid, ann in list(library.user.table("annotations").items()):
        if ann.get("tags"):
            out.setdefault(aid, set()).update(ann["tags"])
    for p in list(library.user.table("passages").values()):
        if p.get("tags"):
            out.setdefault(p["article"], set()).update(p["tags"])
    return out


@dataclass(frozen=True)
class Code:
    """One row of the codebook tree."""

    name: str
    depth: int
    colour: str
    description: str
    articles: int
    """Articles carrying the tag or a descendant (on the article or a passage)."""
    passages: int
    """Passages coded with the tag or a descendant."""
    own_articles: int
    own_passages: int
    used: bool
    """False for a parent that only exists through its children, or an unused codebook entry."""


def codes(library: Library) -> list[Code]:
    """Every tag in use or in the codebook, as a depth-first tree (parents before children)."""
    own_art: Counter[str] = Counter()
    own_pas: Counter[str] = Counter()
    sub_art: dict[str, set[str]] = {}
    sub_pas: Counter[str] = Counter()
    for aid, ann in list(library.user.table("annotations").items()):
        for t in ann.get("tags", ()):
            own_art[t] += 1
            for anc in _ancestors(t):
                sub_art.setdefault(anc, set()).add(aid)
    for p in list(library.user.table("passages").values()):
        for t in p.get("tags", ()):
            own_pas[t] += 1
            for anc in _ancestors(t):
                sub_pas[anc] += 1
                sub_art.setdefault(anc, set()).add(p["article"])
    book = library.user.table("codebook")
    names = set(own_art) | set(own_pas) | set(book)
    for n in list(names):
        names.update(_ancestors(n))
    out = []
    for name in sorted(names, key=lambda n: n.split("/")):
        entry = book.get(name, {})
        out.append(
            Code(
                name=name,
                depth=name.count("/"),
                colour=colour_of(library, name),
                description=entry.get("description", ""),
                articles=len(sub_art.get(name, ())),
                passages=sub_pas[name],
                own_articles=own_art[name],
                own_passages=own_pas[name],
                used=bool(own_art[name] or own_pas[name]),
            )
        )
    return out


def _ancestors(tag: str) -> list[str]:
    """``a/b/c`` -> ``[a, a/b, a/b/c]``."""
    parts = tag.split("/")
    return ["/".join(parts[: k + 1]) for k in range(len(parts))]


@dataclass(frozen=True)
class Touches:
    """How many marks an operation on a tag (and its descendants) changes."""

    articles: int
    passages: int

    def __str__(self) -> str:
        a, p = self.articles, self.passages
        return f"{a} article{'s' if a != 1 else ''} and {p} passage{'s' if p != 1 else ''}"


def touches(library: Library, tag: str) -> Touches:
    tag = normalise_tag(tag)
    arts = sum(
        1
        for a in list(library.user.table("annotations").values())
        if any(is_within(t, tag) for t in a.get("tags", ()))
    )
    pas = sum(
        1
        for p in list(library.user.table("passages").values())
        if any(is_within(t, tag) for t in p.get("tags", ()))
    )
    return Touches(arts, pas)


def _retag(tags: list[str], old: str, new: str | None) -> list[str]:
    """Tags with ``old`` (and its descendants) renamed under ``new``, or dropped if None."""
    out = []
    for t in tags:
        if is_within(t, old):
            if new is None:
                continue
            t = new + t[len(old) :]
        out.append(t)
    return list(dict.fromkeys(out))


def _retag_changes(library: Library, old: str, new: str | None) -> list[Change]:
    changes: list[Change] = []
    stamp = now()
    for aid, ann in list(library.user.table("annotations").items()):
        tags = ann.get("tags", [])
        if any(is_within(t, old) for t in tags):
            coders: dict[str, list[str]] = {}
            for t, who in ann.get("coders", {}).items():
                if is_within(t, old):
                    if new is None:
                        continue
                    t = new + t[len(old) :]
                coders[t] = sorted({*coders.get(t, []), *who})
            doc = {**ann, "tags": _retag(tags, old, new), "coders": coders, "updated": stamp}
            changes.append(("annotations", aid, doc))
    for pid, p in list(library.user.table("passages").items()):
        if any(is_within(t, old) for t in p.get("tags", ())):
            doc = {**p, "tags": _retag(p["tags"], old, new), "updated": stamp}
            changes.append(("passages", pid, doc))
    book = library.user.table("codebook")
    for name, entry in list(book.items()):
        if is_within(name, old):
            changes.append(("codebook", name, None))
            if new is not None:
                target = new + name[len(old) :]
                if target not in book:  # a merge keeps the target's own entry
                    changes.append(("codebook", target, {**entry, "name": target}))
    return changes


def rename(library: Library, old: str, new: str) -> Touches:
    """Rename a tag and its descendants everywhere; onto an existing tag, this merges them."""
    old, new = normalise_tag(old), normalise_tag(new)
    if not old or not new:
        raise LibraryError("a tag name cannot be empty")
    if old == new:
        return Touches(0, 0)
    if is_within(new, old):
        raise LibraryError(f"cannot move #{old} inside itself (#{new})")
    counts = touches(library, old)
    merging = any(is_within(t, new) for t in _all_tags(library))
    verb = "merge" if merging else "rename"
    library.user.transact(f"{verb} #{old} into #{new}", lambda: _retag_changes(library, old, new))
    return counts


def merge(library: Library, source: str, target: str) -> Touches:
    """Merge ``source`` into ``target``: every mark of one now carries the other."""
    if normalise_tag(target) not in _all_tags(library):
        raise LibraryError(f"no tag #{normalise_tag(target)} to merge into (rename instead)")
    return rename(library, source, target)


def delete(library: Library, tag: str) -> Touches:
    """Remove a tag and its descendants from every article and passage, and the codebook.

    Passages stay (as highlights without that code): deleting a code never deletes the
    user's highlighted text.
    """
    tag = normalise_tag(tag)
    counts = touches(library, tag)
    library.user.transact(f"delete #{tag}", lambda: _retag_changes(library, tag, None))
    return counts


def _all_tags(library: Library) -> set[str]:
    names = set(library.user.table("codebook"))
    for tags in article_tag_sets(library).values():
        names.update(tags)
    out = set(names)
    for n in names:
        out.update(_ancestors(n))
    return out


def _set_entry(library: Library, tag: str, label: str, **fields: str) -> None:
    tag = normalise_tag(tag)
    if not tag:
        raise LibraryError("a tag name cannot be empty")

    def build() -> list[Change]:
        entry = dict(library.user.get("codebook", tag) or {})
        entry.setdefault("name", tag)
        entry.setdefault("created", now())
        entry.setdefault("colour", "")
        entry.setdefault("description", "")
        entry.update(fields)
        return [("codebook", tag, entry)]

    library.user.transact(label, build)


def set_colour(library: Library, tag: str, colour: str) -> str:
    """Set a tag's colour: ``#rrggbb``, ``#rgb`` or a colour name Rich knows."""
    value = normalise_colour(colour)
    _set_entry(library, tag, f"colour #{normalise_tag(tag)}", colour=value)
    return value


def describe(library: Library, tag: str, description: str) -> None:
    """Set a tag's description (shown in the codebook and exported with it)."""
    _set_entry(library, tag, f"describe #{normalise_tag(tag)}", description=description.strip())


def normalise_colour(colour: str) -> str:
    """Any colour Rich parses (``red``, ``#f00``, ``rgb(1,2,3)``) as ``#rrggbb``."""
    from rich.color import Color, ColorParseError

    try:
        triplet = Color.parse(colour.strip()).get_truecolor()
    except ColorParseError as exc:
        raise LibraryError(f"not a colour: {colour!r} (use #rrggbb or a name like red)") from exc
    return triplet.hex


def bulk_tag(
    library: Library, article_ids: Iterable[str], tags: Iterable[str], *, remove: bool = False
) -> int:
    """Tag (or untag) many articles in one undoable change; returns how many changed."""
    ids = list(dict.fromkeys(article_ids))
    names = [t for t in (normalise_tag(t) for t in tags) if t]
    if not names:
        raise LibraryError("no tag given")
    for aid in ids:
        library.article(aid)
    coder = library.user.coder
    stamp = now()

    def build() -> list[Change]:
        changes: list[Change] = []
        for aid in ids:
            ann = library.annotation(aid)
            if remove:
                tags_now = [t for t in ann["tags"] if t not in names]
                coders = {t: c for t, c in ann["coders"].items() if t not in names}
            else:
                tags_now = list(dict.fromkeys([*ann["tags"], *names]))
                coders = dict(ann["coders"])
                for t in names:
                    coders[t] = sorted({*coders.get(t, []), coder})
            if tags_now != ann["tags"]:
                changes.append(
                    (
                        "annotations",
                        aid,
                        {**ann, "tags": tags_now, "coders": coders, "updated": stamp},
                    )
                )
        return changes

    verb = "untag" if remove else "tag"
    shown = " ".join("#" + t for t in names)
    tx = library.user.transact(f"{verb} {len(ids)} articles {shown}", build)
    return len(tx.ops) if tx else 0
