"""Writing an export from the review screen: the formats offered and one adapter to the store.

The exchange branch brings ``warta.store.annotate.export.export_to(library, fmt, query,
folder) -> Path`` with every format; until it is merged, the store's ``export(library, fmt)``
writes md, json and csv (of every annotated article, whatever the filter).
"""

from __future__ import annotations

import re
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


class ExportUnavailable(Exception):
    """The format is not available on this build."""


def write_export(library: Library, fmt: str, query: str, folder: Path) -> Path:
    """Write the export of the annotations ``query`` scopes, in ``fmt``, into ``folder``."""
    from warta.store.annotate import export

    export_to = getattr(export, "export_to", None)
    if export_to is not None:
        return export_to(library, fmt, query, folder)
    if fmt not in export.FORMATS:
        raise ExportUnavailable(f"Format {fmt} arrives with the exchange branch.")
    slug = re.sub(r"[^\w]+", "-", query.lower()).strip("-")[:40] or "review"
    path = folder / f"warta-{slug}.{fmt}"
    n = 2
    while path.exists():
        path = folder / f"warta-{slug}-{n}.{fmt}"
        n += 1
    path.write_text(export.export(library, fmt), encoding="utf-8")
    return path
