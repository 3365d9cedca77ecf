"""Export the user's work in every format, scoped by a filter; the one entry point the CLI and
the review screen share.

=========== ===================================================== ======================
format      what                                                   file
=========== ===================================================== ======================
md          review document grouped by tag                         ``.md``
csv         one row per passage and tag, plus article rows         ``.csv`` (UTF-8, BOM)
json        everything, lossless, re-importable                    ``.json``
jsonl       the same, one record a line                            ``.jsonl``
w3c         W3C Web Annotation ``AnnotationCollection`` (JSON-LD)  ``.w3c.jsonld``
qdpx        REFI-QDA project (QualCoder, ATLAS.ti, NVivo, MAXQDA)  ``.qdpx``
codebook    REFI-QDA ``.qdc``, or Markdown with counts             ``.qdc`` / ``.md``
=========== ===================================================== ======================

A CSV written to a file starts with a UTF-8 byte order mark: Excel needs it to read UTF-8
(without it, every non-ASCII letter comes out garbled), and LibreOffice, Google Sheets, pandas
and R skip it. On stdout there is none, so a pipe gets plain UTF-8.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from warta.store.annotate.scope import Scope, collect
from warta.store.library.library import Library

FORMATS = ("md", "csv", "json", "jsonl", "w3c", "qdpx", "codebook")
CODEBOOK_FORMATS = ("qdc", "md")
BINARY = frozenset({"qdpx"})
_SUFFIX = {
    "md": ".md",
    "csv": ".csv",
    "json": ".json",
    "jsonl": ".jsonl",
    "w3c": ".w3c.jsonld",
    "qdpx": ".qdpx",
}


def _check(fmt: str, codebook_format: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    if codebook_format not in CODEBOOK_FORMATS:
        raise ValueError(f"unknown codebook format {codebook_format!r} (qdc or md)")


def render_scope(
    library: Library, fmt: str, scope: Scope, *, codebook_format: str = "qdc", bom: bool = False
) -> bytes:
    """The export of ``scope`` in ``fmt`` as the bytes of the file."""
    _check(fmt, codebook_format)
    if fmt == "md":
        from warta.store.annotate import review_md

        return review_md.render(library, scope).encode("utf-8")
    if fmt == "csv":
        from warta.store.annotate import table_csv

        return table_csv.render(scope).encode("utf-8-sig" if bom else "utf-8")
    if fmt in ("json", "jsonl"):
        from warta.store.annotate import lossless

        if fmt == "json":
            return lossless.dumps_json(library, scope)
        return lossless.dumps_jsonl(library, scope)
    if fmt == "w3c":
        from warta.store.annotate import w3c

        return w3c.dumps(library, scope)
    if fmt == "qdpx":
        from warta.store.annotate import qdpx

        return qdpx.build(library, scope)
    from warta.store.annotate import codebook_export

    if codebook_format == "qdc":
        return codebook_export.qdc(library, scope)
    return codebook_export.markdown(library, scope).encode("utf-8")


def render(
    library: Library,
    fmt: str,
    query: str | None = None,
    *,
    codebook_format: str = "qdc",
    bom: bool = False,
) -> bytes:
    """The export of what ``query`` selects (None: everything annotated) in ``fmt``."""
    _check(fmt, codebook_format)
    return render_scope(
        library, fmt, collect(library, query), codebook_format=codebook_format, bom=bom
    )


def export(library: Library, fmt: str = "md", query: str | None = None) -> str:
    """A text format's export as a string (everything but ``qdpx``)."""
    if fmt in BINARY:
        raise ValueError(f"{fmt} is a binary format; use render() or export_to()")
    return render(library, fmt, query).decode("utf-8")


def file_name(fmt: str, codebook_format: str = "qdc", day: _dt.date | None = None) -> str:
    """``warta-<date><suffix>``, e.g. ``warta-2024-05-01.w3c.jsonld``."""
    _check(fmt, codebook_format)
    day = day or _dt.date.today()
    suffix = _SUFFIX.get(fmt) or (".codebook.qdc" if codebook_format == "qdc" else ".codebook.md")
    return f"warta-{day.isoformat()}{suffix}"


def free_path(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name`` numbered (``warta-2024-05-01-2.md``) if that is taken."""
    path = folder / name
    stem, dot, rest = name.partition(".")
    n = 2
    while path.exists() or path.is_symlink():
        path = folder / f"{stem}-{n}{dot}{rest}"
        n += 1
    return path


def export_to(
    library: Library,
    fmt: str,
    query: str | None,
    folder: str | Path,
    *,
    codebook_format: str = "qdc",
) -> Path:
    """Write the export into ``folder`` under a name of the format and today's date (never over
    an existing file); returns its path. What the review screen calls."""
    from warta.store.library.storage import write_output

    data = render(library, fmt, query, codebook_format=codebook_format, bom=True)
    path = free_path(Path(folder).expanduser(), file_name(fmt, codebook_format))
    write_output(path, data)
    return path
