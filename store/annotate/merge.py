"""Merge a colleague's export (Warta's W3C file, or its lossless json/jsonl) into the library.

- Articles are matched by content hash (the ``urn:warta:article:<hash>`` name), else by URL;
  an article that is not here is reported and its annotations left out.
- Passages are re-anchored into this library's text as imported (the same text when the hash
  matches; a differently cleaned or edited copy when only the URL does). One that cannot be
  placed is kept as an orphan, with its words, so nothing is dropped.
- Nothing is doubled: a passage already here by id, or by the same coder with the same place
  and the same tags, is skipped, as are tags already applied by that coder and notes already
  here with the same text by the same coder. Importing a file twice adds nothing.
- Nothing of the user's is overwritten: tags are added (their coder joins ``coders``); a
  colleague's article note becomes an extra note (origin ``merge``); passages keep their coder.
  Only one's own file (same coder) fills an empty article note and read/starred state, so a
  lossless export re-imported into a fresh library gives back the same annotations.
- The whole merge is one transaction, undone in one step.
"""

from __future__ import annotations

import copy
import gzip
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from warta.store.annotate import lossless, w3c
from warta.store.annotate.anchor import anchor, describe
from warta.store.annotate.bundle import ArticleRef, Bundle, BundleError, PassageMark
from warta.store.annotate.passages import new_id
from warta.store.library.library import Library, normalise_tag
from warta.store.library.userstore import Change, now
from warta.store.model import REVIEW_STATES, Selector

_RGB = re.compile(r"#[0-9A-Fa-f]{6}")


@dataclass
class Report:
    """What a merge did."""

    file: str
    passages: int = 0
    tags: int = 0
    notes: int = 0
    codes: int = 0
    duplicates: int = 0
    orphaned: list[str] = field(default_factory=list)
    """The words of passages merged as orphans (their article is here, their place is not)."""
    unmatched: list[ArticleRef] = field(default_factory=list)
    matched: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.passages or self.tags or self.notes or self.codes)

    def lines(self) -> list[str]:
        def n(k: int, word: str, plural: str = "") -> str:
            return f"{k} {word if k == 1 else plural or word + 's'}"

        out = [
            f"merged {n(self.passages, 'passage')}, {n(self.tags, 'tag')}, "
            f"{n(self.notes, 'note')} and {n(self.codes, 'codebook entry', 'codebook entries')} "
            f"from {self.file} ({n(self.matched, 'article')} matched)",
            f"skipped {n(self.duplicates, 'duplicate')} already in the library",
        ]
        if self.orphaned:
            k = len(self.orphaned)
            out.append(
                f"{n(k, 'passage')} not found in this library's text, kept as "
                f"{'an orphan' if k == 1 else 'orphans'}:"
            )
            out += [f"  orphan: {' '.join(t.split())[:100]}" for t in self.orphaned]
        if self.unmatched:
            out.append(f"{n(len(self.unmatched), 'article')} not in this library (left out):")
            out += [f"  unmatched: {ref.describe()}" for ref in self.unmatched]
        return out


def read_bundle(path: Path) -> Bundle:
    """The bundle of an export file (W3C JSON-LD, Warta json or jsonl, optionally gzipped)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BundleError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        doc: Any = orjson.loads(data)
    except orjson.JSONDecodeError:
        try:
            doc = [orjson.loads(line) for line in data.splitlines() if line.strip()]
        except orjson.JSONDecodeError as exc:
            raise BundleError(f"{path} is neither JSON nor JSON Lines ({exc})") from exc
        return lossless.load_jsonl(doc)
    if lossless.is_lossless(doc):
        return lossless.load_json(doc)
    if isinstance(doc, list) and doc and isinstance(doc[0], dict) and doc[0].get("kind"):
        return lossless.load_jsonl(doc)
    if w3c.is_w3c(doc):
        return w3c.load(doc)
    raise BundleError(f"{path} is not a Warta export or a W3C Web Annotation file")


@dataclass
class _Placed:
    article: str
    passage: dict[str, Any]
    orphan: bool


def merge_file(library: Library, path: str | Path) -> Report:
    path = Path(path)
    return merge(library, read_bundle(path), label=f"merge {path.name}", file=str(path))


def merge(library: Library, bundle: Bundle, *, label: str, file: str = "") -> Report:
    """Merge ``bundle`` into the library as one undoable transaction."""
    report = Report(file=file or label)
    local = _match(library, bundle, report)
    placed = _anchor(library, bundle.passages, local, bundle.coder)
    me = library.user.coder
    own_file = bool(bundle.coder) and bundle.coder == me

    def build() -> list[Change]:
        # Built under the write lock against the freshest state; the report is rebuilt with
        # it, so it tells what this transaction really added.
        report.passages = report.tags = report.notes = report.codes = report.duplicates = 0
        report.orphaned = []
        changes: list[Change] = []
        anns: dict[str, dict[str, Any]] = {}

        def ann_of(aid: str) -> dict[str, Any]:
            if aid not in anns:
                # A deep copy: the store's documents must never change outside a transaction
                # (the journal records before and after, and undo relies on both).
                anns[aid] = copy.deepcopy(dict(library.annotation(aid)))
            return anns[aid]

        stamp = now()
        for mark in bundle.tags:
            aid = local.get(mark.article)
            tag = normalise_tag(mark.tag)
            if aid is None or not tag:
                continue
            ann = ann_of(aid)
            who = ann["coders"].setdefault(tag, [])
            added = tag not in ann["tags"]
            if added:
                ann["tags"].append(tag)
            fresh = [c for c in (mark.coders or (bundle.coder or "unknown",)) if c not in who]
            if added or fresh:
                ann["coders"][tag] = sorted({*who, *fresh})
                ann["updated"] = stamp
                report.tags += 1
            else:
                report.duplicates += 1
        extra_seen: dict[str, set[tuple[str, str]]] = {}
        note_ids: set[str] = set()
        for mark in bundle.notes:
            aid = local.get(mark.article)
            text = mark.text.rstrip()
            if aid is None or not text.strip():
                continue
            ann = ann_of(aid)
            seen = extra_seen.setdefault(aid, _notes_here(library, aid, ann))
            coder = mark.coder or bundle.coder or "unknown"
            if (coder, text) in seen or (mark.id and library.user.get("notes", mark.id)):
                report.duplicates += 1
                continue
            seen.add((coder, text))
            report.notes += 1
            review = mark.review if mark.review in REVIEW_STATES else "todo"
            if mark.own and own_file and coder == me and not ann["note"].strip():
                ann.update(note=text, note_coder=coder, note_review=review, updated=stamp)
                continue
            nid = mark.id if mark.id and mark.id not in note_ids else new_id("n")
            note_ids.add(nid)
            doc = {
                "id": nid,
                "article": aid,
                "hash": library.article(aid)["hash"],
                "text": text,
                "coder": coder,
                # An article note has no creation time of its own: its last edit is the best.
                "created": mark.created or mark.updated or stamp,
                "updated": mark.updated or mark.created or stamp,
                "review": review,
                # One's own extra notes keep their origin; a colleague's are merged ones.
                "origin": mark.origin if own_file and mark.origin else "merge",
            }
            changes.append(("notes", nid, doc))
        if own_file:
            for state in bundle.states:
                aid = local.get(state.article)
                if aid is None:
                    continue
                ann = ann_of(aid)
                read, starred = ann["read"] or state.read, ann["starred"] or state.starred
                if (read, starred) != (ann["read"], ann["starred"]):
                    ann.update(read=read, starred=starred, updated=stamp)
        taken: set[str] = set()
        here: dict[str, set[tuple[Any, ...]]] = {}
        for item in placed:
            p = item.passage
            keys = here.setdefault(item.article, _passages_here(library, item.article))
            key = _passage_key(p)
            if library.user.get("passages", p["id"]) is not None or p["id"] in taken or key in keys:
                report.duplicates += 1
                continue
            keys.add(key)
            taken.add(p["id"])
            changes.append(("passages", p["id"], p))
            report.passages += 1
            if item.orphan:
                report.orphaned.append(p["selector"]["exact"])
        for aid, ann in anns.items():
            changes.append(("annotations", aid, ann))
        book = library.user.table("codebook")
        for entry in bundle.codes:
            name = normalise_tag(str(entry.get("name", "")))
            if not name or name in book:
                continue
            colour = str(entry.get("colour") or "")
            changes.append(
                (
                    "codebook",
                    name,
                    {
                        "name": name,
                        "colour": colour if _RGB.fullmatch(colour) else "",
                        "description": str(entry.get("description") or "").strip(),
                        "created": str(entry.get("created") or stamp),
                    },
                )
            )
            report.codes += 1
        return changes

    library.user.transact(label, build)
    library.user.compact_in_background()
    return report


def _match(library: Library, bundle: Bundle, report: Report) -> dict[str, str]:
    """Export-local article keys -> this library's article ids."""
    by_url: dict[str, str] = {}
    for rec in library.articles:
        if rec["url"]:
            by_url.setdefault(rec["url"], rec["id"])
    out: dict[str, str] = {}
    for key, ref in bundle.articles.items():
        aid = (ref.hash and library.contains_hash(ref.hash)) or (ref.url and by_url.get(ref.url))
        if aid:
            out[key] = aid
        else:
            report.unmatched.append(ref)
    report.matched = len(set(out.values()))
    return out


def _anchor(
    library: Library, marks: Iterable[PassageMark], local: dict[str, str], exporter: str
) -> list[_Placed]:
    """Each matched passage as a record of this library, its selector re-anchored here.

    Done before the transaction: it reads article texts, which never change, and so needs
    no lock."""
    out: list[_Placed] = []
    texts: dict[str, str] = {}
    for mark in marks:
        aid = local.get(mark.article)
        src = mark.passage
        sel = src.get("selector") or {}
        if aid is None or not str(sel.get("exact", "")).strip():
            continue
        if aid not in texts:
            texts[aid] = library.body_input(aid)["text"]
        text = texts[aid]
        selector: Selector = {
            "exact": str(sel["exact"]),
            "prefix": str(sel.get("prefix") or ""),
            "suffix": str(sel.get("suffix") or ""),
            "start": int(sel.get("start", -1)),
            "end": int(sel.get("end", -1)),
        }
        found = anchor(text, selector)
        orphan = found is None
        if found is not None:
            selector = describe(text, found.start, found.end)
        else:
            selector = {**selector, "start": -1, "end": -1}
        stamp = now()
        review = src.get("review")
        out.append(
            _Placed(
                aid,
                {
                    "id": str(src.get("id") or new_id()),
                    "article": aid,
                    "hash": library.article(aid)["hash"],
                    "selector": selector,
                    "tags": list(
                        dict.fromkeys(t for t in map(normalise_tag, src.get("tags", [])) if t)
                    ),
                    "note": str(src.get("note") or "").rstrip(),
                    "speaker": src.get("speaker") if isinstance(src.get("speaker"), str) else None,
                    "coder": str(src.get("coder") or "") or exporter or "unknown",
                    "created": str(src.get("created") or src.get("updated") or stamp),
                    "updated": str(src.get("updated") or src.get("created") or stamp),
                    "review": review if review in REVIEW_STATES else "todo",
                },
                orphan,
            )
        )
    return out


def _passage_key(p: dict[str, Any]) -> tuple[Any, ...]:
    sel = p["selector"]
    return (p["coder"], sel["start"], sel["end"], sel["exact"], tuple(sorted(p["tags"])))


def _passages_here(library: Library, aid: str) -> set[tuple[Any, ...]]:
    return {_passage_key(p) for p in library.user.of_article("passages", aid)}


def _notes_here(library: Library, aid: str, ann: dict[str, Any]) -> set[tuple[str, str]]:
    seen = {(n["coder"], n["text"].rstrip()) for n in library.user.of_article("notes", aid)}
    if ann["note"].strip():
        seen.add((ann["note_coder"], ann["note"].rstrip()))
    return seen
