"""Inputs beyond plain text and JSON Lines: HTML pages, JSON documents and CSV tables.

* ``.html``/``.htm``: a saved web page; trafilatura finds the article and its metadata (title,
  date, site name), then Warta's own cleaning runs as for any article.
* ``.json``: one article object, an array of them, or an object holding such an array (under
  ``articles``, ``items``, ``data`` or ``results``), with the usual scrapers' field names (see
  :func:`warta.store.library.readers.record_from_mapping`).
* ``.csv``/``.tsv`` with a header row naming those fields.

All of them are opened the way every input is (regular files only, bounded reads) and decoded
by the same rules.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson

from warta.store.library.readers import (
    MAX_ARTICLE_BYTES,
    FileReport,
    NotRegularFile,
    SourceRecord,
    _encoding_note,
    _too_big,
    decode,
    open_regular,
    record_from_mapping,
)
from warta.store.text import visible

HTML_SUFFIXES = (".html", ".htm")
JSON_SUFFIXES = (".json",)
TABLE_SUFFIXES = (".csv", ".tsv")
MAX_DOCUMENT_BYTES = 256 * 1024 * 1024
"""The most Warta reads of a JSON document or a table (many articles in one file)."""

_LISTS = ("articles", "items", "data", "results", "records")


def suffix_of(path: Path) -> str:
    return path.suffix.lower()


def is_other_format(path: Path) -> bool:
    return suffix_of(path) in HTML_SUFFIXES + JSON_SUFFIXES + TABLE_SUFFIXES


def _read(path: Path, report: FileReport, limit: int) -> bytes | None:
    """The whole file, if it is a regular file of at most ``limit`` bytes."""
    try:
        fh, size = open_regular(path)
    except NotRegularFile as exc:
        report.skipped = str(exc)
        return None
    except OSError as exc:
        report.rejected.append(f"cannot read: {exc.strerror or exc}")
        return None
    with fh:
        if size > limit:
            report.rejected.append(_too_big() if limit == MAX_ARTICLE_BYTES else "too large")
            return None
        try:
            raw = fh.read(limit + 1)
        except OSError as exc:
            report.rejected.append(f"cannot read: {exc.strerror or exc}")
            return None
    if len(raw) > limit:
        report.rejected.append("too large")
        return None
    return raw


def read_html_file(
    path: Path, report: FileReport, on_read: Callable[[int], None] = lambda n: None
) -> Iterator[SourceRecord]:
    """A saved web page: the article trafilatura finds in it."""
    from warta.store.library.html import from_html

    raw = _read(path, report, MAX_ARTICLE_BYTES)
    if raw is None:
        return
    on_read(len(raw))
    page = from_html(raw)  # trafilatura reads the page's own charset declaration
    if page is None:
        report.rejected.append("no article text found in this page")
        return
    yield SourceRecord(
        origin=visible(str(path)),
        text=page.text,
        title=page.title,
        source=page.sitename,
        date=page.date,
        url=page.url,
    )


def _document(path: Path, report: FileReport, on_read: Callable[[int], None]) -> str | None:
    """The text of a file of many articles (bounded, decoded), or None (and why, reported)."""
    raw = _read(path, report, MAX_DOCUMENT_BYTES)
    if raw is None:
        return None
    on_read(len(raw))
    decoded = decode(raw)
    if decoded is None:
        report.rejected.append("not a text file (binary or unknown encoding)")
        return None
    text, encoding = decoded
    if encoding != "utf-8":
        report.notes.append(_encoding_note(encoding))
    return text


def read_json_file(
    path: Path, report: FileReport, on_read: Callable[[int], None] = lambda n: None
) -> Iterator[SourceRecord]:
    """A JSON document of one or many articles."""
    text = _document(path, report, on_read)
    if text is None:
        return
    try:
        doc: Any = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        report.rejected.append(f"not valid JSON ({exc})")
        return
    if isinstance(doc, dict):
        inner = next((doc[k] for k in _LISTS if isinstance(doc.get(k), list)), None)
        items = inner if inner is not None else [doc]
    elif isinstance(doc, list):
        items = doc
    else:
        report.rejected.append("not a JSON object or array of articles")
        return
    origin = visible(str(path))
    for n, obj in enumerate(items, 1):
        rec = record_from_mapping(obj, f"{origin}:{n}" if len(items) > 1 else origin)
        if isinstance(rec, str):
            report.rejected.append(f"item {n}: {rec}" if len(items) > 1 else rec)
        else:
            yield rec


def read_table_file(
    path: Path, report: FileReport, on_read: Callable[[int], None] = lambda n: None
) -> Iterator[SourceRecord]:
    """A CSV (or tab-separated) table with a header row: one article a row."""
    text = _document(path, report, on_read)
    if text is None:
        return
    csv.field_size_limit(MAX_ARTICLE_BYTES)
    dialect: Any = "excel-tab" if suffix_of(path) == ".tsv" else "excel"
    try:
        rows = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
        header = rows.fieldnames or []
    except csv.Error as exc:
        report.rejected.append(f"not a readable table ({exc})")
        return
    if not header:
        report.rejected.append("an empty table")
        return
    origin = visible(str(path))
    try:
        for n, row in enumerate(rows, 2):  # row 1 is the header
            # Header names as the scrapers write them, whatever their case and spacing.
            obj = {k.strip().lower(): v for k, v in row.items() if isinstance(k, str)}
            rec = record_from_mapping(obj, f"{origin}:{n}")
            if isinstance(rec, str):
                report.rejected.append(f"row {n}: {rec}")
            else:
                yield rec
    except csv.Error as exc:
        report.rejected.append(f"row {rows.line_num}: not readable ({exc})")


def reader_for(path: Path) -> Callable[..., Iterator[SourceRecord]] | None:
    """The reader of one of these formats for ``path``, or None."""
    suffix = suffix_of(path)
    if suffix in HTML_SUFFIXES:
        return read_html_file
    if suffix in JSON_SUFFIXES:
        return read_json_file
    if suffix in TABLE_SUFFIXES:
        return read_table_file
    return None
