"""The REFI-QDA project export (``.qdpx``), the exchange format of QualCoder, ATLAS.ti, NVivo
and MAXQDA.

A ``.qdpx`` is a zip of ``project.qde`` (QDA-XML, checked against the REFI project schema by
the tests) and ``sources/<guid>.txt``. It holds:

- ``Users``: every coder in scope;
- ``CodeBook``: the tags as nested codes, with colours and descriptions;
- ``Sources``: each article as a plain-text ``TextSource``, its text exactly as imported (the
  text passages are anchored to), UTF-8 without a byte order mark and with ``\\n`` line ends;
  named after its title (made safe as a file name) and id; its title, outlet, date, URL,
  people, id and notes in the ``Description`` (the source's memo);
- each passage as a ``PlainTextSelection`` with one ``Coding`` per tag (``CodeRef``,
  ``creatingUser``, ``creationDateTime``) and its note (and speaker) as the ``Description``;
- tags on a whole article as ``Coding`` elements of the source itself;
- article notes and extra notes as ``Notes``, referred to from their source by ``NoteRef``.

Positions follow REFI-QDA 1.5 section 10.2 as QualCoder reads them (``fulltext[start:end]``):
Unicode code points from 0, the end exclusive. Those are Warta's own selector positions, so
they are written as they are. A BOM would shift every position by one in QualCoder (it reads
sources as plain UTF-8) and ``\\r\\n`` line ends make it re-count lines; so neither is written.

A passage that cannot be placed in its article's text (an orphan) cannot be a selection; it is
kept as a note of its source with its quote, so nothing is lost.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile

from warta.store.annotate.anchor import anchor
from warta.store.annotate.lossless import generator
from warta.store.annotate.refi import (
    PROJECT_NS,
    add_codes,
    code_names,
    guid,
    root,
    serialise,
    xml_text,
    xsd_datetime,
)
from warta.store.annotate.scope import Item, Scope
from warta.store.library.library import Library
from warta.store.model import Passage
from warta.store.render import person_label

_UNSAFE = re.compile(r'[\\/:*?"<>|\t\n]')


def _attrs(**values: str | None) -> dict[str, str]:
    return {k: v for k, v in values.items() if v is not None}


def _user(coder: str) -> str:
    return guid("user", coder)


class _Project:
    def __init__(self, library: Library, scope: Scope) -> None:
        self.library = library
        self.scope = scope
        self.root = root(
            "Project",
            PROJECT_NS,
            _attrs(
                name=xml_text(f"Warta: {scope.label}"),
                origin=generator(),
                creatingUserGUID=_user(scope.coder),
                creationDateTime=xsd_datetime(scope.exported),
            ),
        )
        self.notes: list[ET.Element] = []
        self.files: dict[str, bytes] = {}

    def build(self) -> bytes:
        users = ET.SubElement(self.root, "Users")
        for coder in self.scope.coders():
            ET.SubElement(users, "User", {"guid": _user(coder), "name": xml_text(coder)})
        names = code_names(self.library, self.scope)
        self.codes: dict[str, str] = {}
        if names:
            book = ET.SubElement(self.root, "CodeBook")
            self.codes = add_codes(ET.SubElement(book, "Codes"), self.library, names)
        if self.scope.items:
            sources = ET.SubElement(self.root, "Sources")
            for it in self.scope.items:
                sources.append(self._source(it))
        if self.notes:
            ET.SubElement(self.root, "Notes").extend(self.notes)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("project.qde", serialise(self.root))
            for name, data in self.files.items():
                zf.writestr(name, data)
        return out.getvalue()

    def _source(self, it: Item) -> ET.Element:
        rec, ann = it.record, it.annotation
        sid = guid("article", rec["hash"])
        text = self.library.body_input(rec["id"], rec)["text"]
        self.files[f"sources/{sid}.txt"] = text.encode("utf-8")
        src = ET.Element(
            "TextSource",
            _attrs(
                guid=sid,
                name=source_name(rec["title"], rec["id"]),
                plainTextPath=f"internal://{sid}.txt",
                creatingUser=_user(self.scope.coder),
                creationDateTime=xsd_datetime(rec.get("imported")),
            ),
        )
        ET.SubElement(src, "Description").text = xml_text(_describe(it))
        refs: list[str] = []
        placed: list[tuple[int, int, Passage]] = []
        for p in it.passages:
            where = _place(text, p)
            if where is None:
                refs.append(
                    self._note(
                        it,
                        f"Orphaned passage (no longer in the text): {p['selector']['exact']}",
                        p["coder"],
                        p["created"],
                        f"orphan:{p['id']}",
                    )
                )
            else:
                placed.append((*where, p))
        for start, end, p in sorted(placed, key=lambda x: (x[0], x[1], x[2]["id"])):
            src.append(self._selection(start, end, p))
        for tag in ann["tags"]:
            for coder in ann["coders"].get(tag) or [self.scope.coder]:
                coding = ET.SubElement(
                    src,
                    "Coding",
                    _attrs(
                        guid=guid("article-coding", f"{rec['hash']}:{tag}:{coder}"),
                        creatingUser=_user(coder),
                        creationDateTime=xsd_datetime(ann["updated"]),
                    ),
                )
                ET.SubElement(coding, "CodeRef", {"targetGUID": self.codes[tag]})
        if ann["note"].strip():
            refs.insert(
                0,
                self._note(
                    it,
                    ann["note"],
                    ann["note_coder"],
                    ann["updated"],
                    f"article-note:{rec['hash']}",
                ),
            )
        for n in it.notes:
            refs.append(self._note(it, n["text"], n["coder"], n["created"], f"note:{n['id']}"))
        for ref in refs:
            ET.SubElement(src, "NoteRef", {"targetGUID": ref})
        return src

    def _selection(self, start: int, end: int, p: Passage) -> ET.Element:
        who = _user(p["coder"] or self.scope.coder)
        name = " ".join(p["selector"]["exact"].split())
        sel = ET.Element(
            "PlainTextSelection",
            _attrs(
                guid=guid("passage", p["id"]),
                name=xml_text(name if len(name) <= 60 else name[:59] + "…"),
                startPosition=str(start),
                endPosition=str(end),
                creatingUser=who,
                creationDateTime=xsd_datetime(p["created"]),
                modifyingUser=who,
                modifiedDateTime=xsd_datetime(p["updated"]),
            ),
        )
        memo = [p["note"].strip()] if p["note"].strip() else []
        if p["speaker"]:
            memo.append(f"Speaker: {p['speaker']}")
        if memo:
            ET.SubElement(sel, "Description").text = xml_text("\n\n".join(memo))
        for tag in p["tags"]:
            coding = ET.SubElement(
                sel,
                "Coding",
                _attrs(
                    guid=guid("coding", f"{p['id']}:{tag}"),
                    creatingUser=who,
                    creationDateTime=xsd_datetime(p["created"]),
                ),
            )
            ET.SubElement(coding, "CodeRef", {"targetGUID": self.codes[tag]})
        return sel

    def _note(self, it: Item, text: str, coder: str, when: str, key: str) -> str:
        nid = guid("note", key)
        who = _user(coder or self.scope.coder)
        title = it.record["title"] or it.record["id"]
        note = ET.Element(
            "Note",
            _attrs(
                guid=nid,
                name=xml_text(f"Note on {title}"),
                creatingUser=who,
                creationDateTime=xsd_datetime(when),
            ),
        )
        ET.SubElement(note, "PlainTextContent").text = xml_text(text)
        self.notes.append(note)
        return nid


def _place(text: str, p: Passage) -> tuple[int, int] | None:
    """Where the passage is in the article as imported (its own positions when they hold)."""
    sel = p["selector"]
    start, end = sel["start"], sel["end"]
    if 0 <= start <= end <= len(text) and text[start:end] == sel["exact"]:
        return start, end
    found = anchor(text, sel)
    return (found.start, found.end) if found is not None else None


def source_name(title: str, article_id: str) -> str:
    """A source's name: its title, safe as a file name, with the Warta id.

    QDA programs name the document they make from a source after it (QualCoder writes
    ``documents/<name>.txt``), so characters no file system takes become spaces, the length
    is bounded, and the id keeps two articles of the same title apart."""
    clean = " ".join(_UNSAFE.sub(" ", xml_text(title)).split()).strip(" .")
    if len(clean) > 80:
        clean = clean[:79].rstrip() + "…"
    return f"{clean} ({article_id})" if clean else article_id


def _describe(it: Item) -> str:
    """The source's description (its memo in QDA programs): the article's facts and its
    notes. The notes are also ``Notes`` of their own; QualCoder keeps a source's note only
    when it is tied to a selection, so the memo is where every program shows them."""
    rec, ann = it.record, it.annotation
    lines = [rec["title"] or ""]
    facts = [v for v in (rec["outlet"], rec["date"]) if v]
    if facts:
        lines.append(", ".join(facts))
    if rec["people"]:
        lines.append("People: " + "; ".join(person_label(p) for p in rec["people"]))
    if rec["url"]:
        lines.append(rec["url"])
    lines.append(f"Warta id {rec['id']}, content hash {rec['hash']}")
    if ann["note"].strip():
        lines += ["", f"Note by {ann['note_coder'] or 'unknown'}:", ann["note"].strip()]
    for n in it.notes:
        lines += ["", f"Note by {n['coder'] or 'unknown'} ({n['origin']}):", n["text"].strip()]
    return "\n".join(lines)


def build(library: Library, scope: Scope) -> bytes:
    """The ``.qdpx`` file of ``scope``: every article in it (with a filter, also the ones not
    yet annotated, ready to code in the QDA program)."""
    return _Project(library, scope).build()
