"""The lossless export (``json`` and ``jsonl``): everything the user's data holds, re-importable.

Both carry the same records. ``json`` is one object::

    {"format": "warta-annotations", "version": 1, "exported": ..., "coder": ..., "query": ...,
     "generator": "Warta 0.1.0", "coders": [...], "codebook": [...], "articles": [...],
     "annotations": [...], "passages": [...], "notes": [...]}

``jsonl`` is a header line (the same fields, ``"kind": "header"``) and then one record a line,
each with a ``kind``: ``coder``, ``code``, ``article``, ``annotation``, ``passage``, ``note``.
Records are the store's own documents, unchanged (annotations gain ``article`` and ``hash``);
articles give ``id``, ``hash``, ``url``, ``title``, ``outlet``, ``date`` and ``source`` so a
library can find them by content hash or URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson

from warta.store.annotate.bundle import (
    ArticleRef,
    Bundle,
    BundleError,
    NoteMark,
    PassageMark,
    StateMark,
    TagMark,
)
from warta.store.annotate.scope import Scope, tree_order
from warta.store.library.library import Library

FORMAT = "warta-annotations"
VERSION = 1
_ARTICLE_FIELDS = ("id", "hash", "url", "title", "outlet", "date", "source")
_SECTIONS = (
    ("coders", "coder"),
    ("codebook", "code"),
    ("articles", "article"),
    ("annotations", "annotation"),
    ("passages", "passage"),
    ("notes", "note"),
)


def generator() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"Warta {version('warta')}"
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "Warta"


def codebook_entries(library: Library, scope: Scope) -> list[dict[str, Any]]:
    """Codebook entries of the tags in scope (all entries when the scope is everything)."""
    book = library.user.table("codebook")
    names = set(tree_order(scope.tags()))
    if scope.query is None:
        names |= set(book)
    return [dict(book[n]) for n in sorted(names, key=lambda t: t.split("/")) if n in book]


def header(scope: Scope) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported": scope.exported,
        "coder": scope.coder,
        "query": scope.query,
        "generator": generator(),
    }


def sections(library: Library, scope: Scope) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in _SECTIONS}
    out["coders"] = [{"name": c} for c in scope.coders()]
    out["codebook"] = codebook_entries(library, scope)
    for it in scope.annotated():
        rec = it.record
        out["articles"].append({k: rec.get(k) for k in _ARTICLE_FIELDS})
        out["annotations"].append({"article": rec["id"], "hash": rec["hash"], **it.annotation})
        out["passages"] += [dict(p) for p in it.passages]
        out["notes"] += [dict(n) for n in it.notes]
    return out


def dumps_json(library: Library, scope: Scope) -> bytes:
    doc = {**header(scope), **sections(library, scope)}
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2) + b"\n"


def lines(library: Library, scope: Scope) -> Iterator[bytes]:
    yield orjson.dumps({"kind": "header", **header(scope)}) + b"\n"
    parts = sections(library, scope)
    for name, kind in _SECTIONS:
        for rec in parts[name]:
            yield orjson.dumps({"kind": kind, **rec}) + b"\n"


def dumps_jsonl(library: Library, scope: Scope) -> bytes:
    return b"".join(lines(library, scope))


# -- reading ---------------------------------------------------------------------------------


def is_lossless(doc: Any) -> bool:
    return isinstance(doc, dict) and doc.get("format") == FORMAT


def load_json(doc: dict[str, Any]) -> Bundle:
    _check_version(doc)
    return _bundle(doc, {name: list(doc.get(name) or []) for name, _ in _SECTIONS})


def load_jsonl(records: list[dict[str, Any]]) -> Bundle:
    if not records or records[0].get("kind") != "header" or not is_lossless(records[0]):
        raise BundleError("not a Warta JSON Lines export (its first line is not the header)")
    _check_version(records[0])
    kinds = {kind: name for name, kind in _SECTIONS}
    parts: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in _SECTIONS}
    for rec in records[1:]:
        name = kinds.get(rec.get("kind", ""))
        if name is not None:
            parts[name].append({k: v for k, v in rec.items() if k != "kind"})
    return _bundle(records[0], parts)


def _check_version(doc: dict[str, Any]) -> None:
    version = doc.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise BundleError(
            f"export format version {version!r} is newer than this Warta reads ({VERSION}); "
            "upgrade Warta to import it"
        )


def _bundle(head: dict[str, Any], parts: dict[str, list[dict[str, Any]]]) -> Bundle:
    coder = str(head.get("coder") or "")
    out = Bundle(format="json", coder=coder)
    try:
        for a in parts["articles"]:
            out.articles[a["id"]] = ArticleRef(
                key=a["id"],
                hash=a.get("hash"),
                url=a.get("url"),
                title=a.get("title") or "",
                id=a["id"],
            )
        for ann in parts["annotations"]:
            key = ann["article"]
            for tag in ann.get("tags", []):
                who = tuple(ann.get("coders", {}).get(tag) or ([coder] if coder else []))
                out.tags.append(TagMark(key, tag, who, ann.get("updated", "")))
            if str(ann.get("note", "")).strip():
                out.notes.append(
                    NoteMark(
                        article=key,
                        text=ann["note"],
                        coder=ann.get("note_coder") or coder,
                        own=True,
                        updated=ann.get("updated", ""),
                        review=ann.get("note_review", "todo"),
                    )
                )
            out.states.append(
                StateMark(key, bool(ann.get("read", False)), bool(ann.get("starred", False)))
            )
        for p in parts["passages"]:
            out.passages.append(PassageMark(p["article"], dict(p)))
        for n in parts["notes"]:
            out.notes.append(
                NoteMark(
                    article=n["article"],
                    text=n["text"],
                    coder=n.get("coder") or coder,
                    own=False,
                    id=n.get("id"),
                    created=n.get("created", ""),
                    updated=n.get("updated", ""),
                    review=n.get("review", "todo"),
                    origin=n.get("origin", ""),
                )
            )
        out.codes = [dict(c) for c in parts["codebook"] if c.get("name")]
    except (KeyError, TypeError, AttributeError) as exc:
        raise BundleError(f"a record of the export is incomplete ({exc!r})") from exc
    return out
