"""Writing an export from the review screen: the formats it offers, and where the file goes."""

from __future__ import annotations

from pathlib import Path

from warta.store.library.library import Library

FORMATS = (
    ("md", "a review document grouped by tag (Markdown)"),
    ("csv", "one row per passage and tag, for a spreadsheet"),
    ("json", "everything, lossless, re-importable"),
    ("jsonl", "everything, one record a line"),
    ("w3c", "W3C Web Annotation collection (JSON-LD)"),
    ("qdpx", "REFI-QDA project: QualCoder, ATLAS.ti, NVivo, MAXQDA"),
    ("codebook", "the codebook: REFI-QDA .qdc and Markdown"),
)


def write_export(library: Library, fmt: str, query: str, folder: Path) -> Path:
    """Write the export of the annotations ``query`` scopes, in ``fmt``, into ``folder``
    (a new file named after the format and the date; never over an existing one)."""
    from warta.store.annotate.export import export_to

    return export_to(library, fmt, query, folder)
