"""What the REFI-QDA exports (``.qdpx`` project, ``.qdc`` codebook) share: GUIDs, XML-safe
text, times, and the codebook as nested ``Code`` elements.

GUIDs are UUIDv5 names of Warta's own ids, so exporting the same data twice gives the same
GUIDs and a QDA program that re-imports it can tell a code, source or coding it has seen.
"""

from __future__ import annotations

import datetime as _dt
import re
import uuid
import xml.etree.ElementTree as ET

from warta.store.annotate import codebook
from warta.store.annotate.scope import Scope, tree_order
from warta.store.library.library import Library
from warta.store.text import strip_controls

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
_GUIDS = uuid.UUID("5b1f3c0e-7a52-4c8e-9d36-3f0f4b2a9c11")
"""Namespace of Warta's UUIDv5 GUIDs (fixed forever: changing it changes every GUID)."""
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_RGB = re.compile(r"#[0-9A-Fa-f]{6}")


def guid(kind: str, key: str) -> str:
    return str(uuid.uuid5(_GUIDS, f"{kind}:{key}"))


def xml_text(value: str | None) -> str:
    """Text XML 1.0 can carry: no terminal escapes, no characters XML forbids."""
    return _NOT_XML.sub("", strip_controls(value or ""))


def xsd_datetime(value: str | None) -> str | None:
    """A stored time as ``xsd:dateTime`` (None when it is not a time)."""
    if not value:
        return None
    try:
        stamp = _dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return stamp.isoformat(timespec="seconds")


def colour(library: Library, tag: str) -> str:
    """The tag's colour as REFI's RGB type takes it."""
    value = codebook.colour_of(library, tag)
    return value if _RGB.fullmatch(value) else codebook.default_colour(tag)


def code_names(library: Library, scope: Scope) -> list[str]:
    """The codes to export: tags in scope and their parents, in tree order; with no filter,
    every codebook entry too (the whole codebook is handed on)."""
    names = set(scope.tags())
    if scope.query is None:
        names |= set(library.user.table("codebook"))
    return tree_order(names)


def code_counts(scope: Scope) -> dict[str, tuple[int, int]]:
    """Per tag: articles carrying it or a sub-tag (on the article or a passage), passages
    coded with it or a sub-tag."""
    arts: dict[str, set[str]] = {}
    pas: dict[str, int] = {}
    for it in scope.annotated():
        for tag in tree_order(it.annotation["tags"]):
            arts.setdefault(tag, set()).add(it.id)
        for p in it.passages:
            for tag in tree_order(p["tags"]):
                arts.setdefault(tag, set()).add(it.id)
                pas[tag] = pas.get(tag, 0) + 1
    return {t: (len(arts.get(t, ())), pas.get(t, 0)) for t in arts.keys() | pas.keys()}


def add_codes(parent: ET.Element, library: Library, names: list[str]) -> dict[str, str]:
    """Nested ``Code`` elements under ``parent`` (a ``Codes`` element) for ``names`` (in tree
    order); returns each tag's GUID. A code's name is its last level; nesting is its path."""
    book = library.user.table("codebook")
    elements: dict[str, ET.Element] = {}
    guids: dict[str, str] = {}
    for name in names:
        up = name.rsplit("/", 1)[0] if "/" in name else None
        holder = elements[up] if up is not None else parent
        guids[name] = guid("code", name)
        el = ET.SubElement(
            holder,
            "Code",
            {
                "guid": guids[name],
                "name": xml_text(name.rsplit("/", 1)[-1]),
                "isCodable": "true",
                "color": colour(library, name),
            },
        )
        description = xml_text(book.get(name, {}).get("description", ""))
        if description:
            ET.SubElement(el, "Description").text = description
        elements[name] = el
    return guids


def root(tag: str, ns: str, attrs: dict[str, str]) -> ET.Element:
    """A document element in namespace ``ns``. Elements are built with local names and the
    namespace declared once here: ElementTree's ``default_namespace`` refuses the schemas'
    unqualified attributes."""
    return ET.Element(tag, {"xmlns": ns, **attrs})


def serialise(element: ET.Element) -> bytes:
    ET.indent(element)
    body = ET.tostring(element, encoding="unicode")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body.encode("utf-8") + b"\n"
