"""The codebook on its own: a REFI-QDA ``.qdc`` file (checked against the REFI codebook schema
by the tests) or a Markdown list with colours, descriptions and counts."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from warta.store.annotate.lossless import generator
from warta.store.annotate.refi import (
    CODEBOOK_NS,
    add_codes,
    code_counts,
    code_names,
    colour,
    root,
    serialise,
)
from warta.store.annotate.review_md import code, one_line
from warta.store.annotate.scope import Scope
from warta.store.library.library import Library, LibraryError


def qdc(library: Library, scope: Scope) -> bytes:
    names = code_names(library, scope)
    if not names:
        # The schema needs at least one code; an empty file would not open anywhere.
        raise LibraryError("no tags in scope: there is no codebook to export")
    book = root("CodeBook", CODEBOOK_NS, {"origin": generator()})
    add_codes(ET.SubElement(book, "Codes"), library, names)
    return serialise(book)


def markdown(library: Library, scope: Scope) -> str:
    names = code_names(library, scope)
    counts = code_counts(scope)
    book = library.user.table("codebook")
    what = f"filter {code(scope.query)}" if scope.query else "everything annotated"
    n = len(names)
    out = [
        f"# Warta codebook: {what}",
        "",
        f"Exported {scope.exported} by {one_line(scope.coder)}: {n} tag{'' if n == 1 else 's'}. "
        "Counts include sub-tags.",
        "",
    ]
    for name in names:
        arts, pas = counts.get(name, (0, 0))
        indent = "  " * name.count("/")
        out.append(
            f"{indent}- {code(name)}: {arts} article{'' if arts == 1 else 's'}, "
            f"{pas} passage{'' if pas == 1 else 's'}, colour {code(colour(library, name))}"
        )
        description = book.get(name, {}).get("description", "")
        if description:
            out.append(f"{indent}  {one_line(description)}")
    return "\n".join(out) + "\n"
