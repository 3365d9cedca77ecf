"""Reading import inputs: only regular files, never more than a bounded amount per article,
in whatever encoding a newsroom archive is likely to use.

A folder handed to ``warta import`` may hold anything: named pipes (reading one blocks
forever), devices (``/dev/zero`` never ends), sockets, links that loop or point nowhere. Each
input is looked at with ``lstat``/``stat`` first and only a regular file (or a link to one) is
opened, and then with ``O_NONBLOCK`` and checked again with ``fstat``, so a file swapped for a
pipe in between cannot hang the import either.

Encodings are told apart by a fixed rule set rather than a statistical detector (such as
charset-normalizer): the inputs are Indonesian and English news, whose realistic encodings are
UTF-8 (with or without a BOM), UTF-16 with a BOM (Windows "Unicode" exports) and Windows-1252 or
Latin-1. Rules give the same answer every time and are tested; a detector guesses among dozens
of code pages and gets short Latin-script texts wrong.
"""

from __future__ import annotations

import codecs
import errno
import gzip
import io
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from warta.store.text import clean_field, strip_controls, visible

MAX_ARTICLE_BYTES = 20 * 1024 * 1024
"""The most Warta reads for one article: a text file's size, or one JSON Lines record."""

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")


@dataclass(frozen=True)
class SourceRecord:
    """One article as read from an input, before extraction."""

    origin: str
    text: str
    title: str | None = None
    source: str | None = None
    date: str | None = None
    url: str | None = None
    recurring: frozenset[str] = frozenset()
    """Lines the article's outlet repeats across the library (learned furniture) to drop."""


@dataclass
class FileReport:
    """What happened to one input file."""

    path: str
    added: int = 0
    duplicates: int = 0
    rejected: list[str] = field(default_factory=list)
    skipped: str | None = None
    notes: list[str] = field(default_factory=list)
    """Things the user should know that did not stop the import (``decoded as cp1252``)."""
    named: bool = False
    """The path was named by the user (not found in a folder): skipping it is a failure."""

    @property
    def status_line(self) -> str | None:
        """The line(s) the CLI prints for this file, or None when it imported cleanly.

        The file name is shown with control characters escaped: a name can hold a terminal
        escape sequence.
        """
        name = visible(self.path)
        if self.skipped:
            return f"skipped  {name}: {self.skipped}"
        parts = [f"note     {name}: {note}" for note in self.notes]
        if self.rejected:
            parts.extend(f"rejected {name}: {reason}" for reason in self.rejected)
        if self.duplicates and not self.added and not self.rejected:
            what = "already in library"
            if self.duplicates > 1:
                what = f"all {self.duplicates} articles already in library"
            parts.append(f"skipped  {name}: {what}")
        elif self.duplicates:
            parts.append(f"note     {name}: {self.duplicates} already in library")
        return "\n".join(parts) or None


def is_jsonl(path: Path) -> bool:
    return path.name.lower().endswith(JSONL_SUFFIXES)


def is_text(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES


# -- what a path is ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """What a path names: a regular ``file``, a ``folder``, or ``other`` (with why it is not
    read). Links are followed to what they point at."""

    kind: str
    why: str | None = None
    size: int = 0


def _type_name(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def inspect(path: Path) -> Kind:
    """Look at ``path`` without opening it."""
    try:
        lst = os.lstat(path)
    except FileNotFoundError:
        return Kind("other", "no such file or folder")
    except OSError as exc:
        return Kind("other", f"cannot read: {exc.strerror or exc}")
    link = stat.S_ISLNK(lst.st_mode)
    st = lst
    if link:
        try:
            target = visible(os.readlink(path))
        except OSError:
            target = "?"
        try:
            st = os.stat(path)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return Kind("other", "a symbolic link that loops; not followed")
            if exc.errno in (errno.ENOENT, errno.ENOTDIR):
                return Kind("other", f"a broken symbolic link (to {target})")
            return Kind("other", f"cannot read: {exc.strerror or exc}")
    if stat.S_ISREG(st.st_mode):
        return Kind("file", size=st.st_size)
    if stat.S_ISDIR(st.st_mode):
        return Kind("folder")
    what = _type_name(st.st_mode)
    if link:
        return Kind("other", f"a symbolic link to {what} ({target}), not an article; not opened")
    return Kind("other", f"{what}, not an article; not opened")


class NotRegularFile(OSError):
    """The input turned out not to be a regular file when opened (it was swapped)."""


def open_regular(path: Path) -> tuple[BinaryIO, int]:
    """Open a regular file for reading, never blocking on a pipe; returns (file, size).

    ``O_NONBLOCK`` makes opening a FIFO return at once instead of waiting for a writer, and
    ``O_NOCTTY`` keeps a terminal device from becoming ours; ``fstat`` then refuses anything but
    a regular file before a byte is read.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(f"{_type_name(st.st_mode)}, not an article; not opened")
        return os.fdopen(fd, "rb"), st.st_size
    except BaseException:
        os.close(fd)
        raise


def _too_big() -> str:
    limit = MAX_ARTICLE_BYTES
    size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit} bytes"
    return f"larger than {size}, the most Warta reads per article"


# -- decoding ------------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
"""Byte order marks, UTF-32 before UTF-16: ``FF FE 00 00`` starts with the UTF-16 LE mark."""

_C1 = re.compile(rb"[\x80-\x9f]")
_BINARY_CONTROLS = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def _legacy(raw: bytes) -> tuple[str, str] | None:
    """Bytes that are not UTF-8: Windows-1252 when they use its 0x80-0x9F letters and
    punctuation, else Latin-1 (the two agree on every other byte). None for binary data."""
    sample = raw[:8192]
    if len(_BINARY_CONTROLS.findall(sample)) > len(sample) // 10:
        return None  # mostly control bytes: binary, not text in an old code page
    if _C1.search(raw):
        try:
            return raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass  # 0x81, 0x8D, 0x8F, 0x90 or 0x9D: not cp1252; Latin-1 reads anything
    return raw.decode("latin-1"), "latin-1"


def decode(raw: bytes) -> tuple[str, str] | None:
    """(text, encoding name) for a text file's bytes, or None when they are not text.

    A byte order mark decides (UTF-8, UTF-16, UTF-32); then a NUL byte means binary; then
    strict UTF-8; then :func:`_legacy`. The name is ``"utf-8"`` for UTF-8 with or without BOM.
    """
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(codec), name.lower()
            except UnicodeDecodeError:
                return None
    if b"\x00" in raw[:8192]:
        return None  # binary, not an article
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _legacy(raw)


def _encoding_note(name: str, lines: int = 0, of: int = 0) -> str:
    """``decoded as cp1252``, with how many lines when only some of a file's were."""
    label = {"utf-16": "UTF-16", "utf-32": "UTF-32"}.get(name, name)
    if not lines or lines == of:
        return f"decoded as {label}"
    return f"decoded as {label} ({lines} of {of} lines were not UTF-8)"


# -- readers -------------------------------------------------------------------------------------


def read_text_file(path: Path, report: FileReport) -> Iterator[SourceRecord]:
    """A plain-text article: the whole file is the text; the extractor finds the headline."""
    try:
        fh, size = open_regular(path)
    except NotRegularFile as exc:
        report.skipped = str(exc)
        return
    except OSError as exc:
        report.rejected.append(f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        if size > MAX_ARTICLE_BYTES:
            report.rejected.append(_too_big())  # said without reading it
            return
        try:
            raw = fh.read(MAX_ARTICLE_BYTES + 1)  # bounded even if the file grows meanwhile
        except OSError as exc:
            report.rejected.append(f"cannot read: {exc.strerror or exc}")
            return
    if len(raw) > MAX_ARTICLE_BYTES:
        report.rejected.append(_too_big())
        return
    decoded = decode(raw)
    if decoded is None:
        report.rejected.append("not a text file (binary or unknown encoding)")
        return
    text, encoding = decoded
    if encoding != "utf-8":
        report.notes.append(_encoding_note(encoding))
    text = strip_controls(text)
    if not text.strip():
        report.rejected.append("empty file")
        return
    yield SourceRecord(origin=visible(str(path)), text=text)


# Field names of the usual scrapers' records, in order of preference: Warta's own (title,
# body, source, date, url), news-please (maintext, date_publish, source_domain), newspaper4k
# (text, publish_date, source_url) and trafilatura's JSON (text, date, sitename, hostname, and
# "source" holding the page's URL).
_BODY_FIELDS = ("body", "text", "maintext", "content", "article", "raw_text")
_HTML_FIELDS = ("html", "raw_html", "content_html")
_TITLE_FIELDS = ("title", "headline")
_SOURCE_FIELDS = ("source", "sitename", "site_name", "source_domain", "publisher", "hostname")
_SOURCE_FIELDS += ("source-hostname", "domain")
_DATE_FIELDS = ("date", "date_publish", "publish_date", "published", "published_at")
_DATE_FIELDS += ("datePublished", "pubdate", "date_published")
_URL_FIELDS = ("url", "link", "source_url", "canonical_url")
_URL_RE = re.compile(r"https?://\S+$", re.IGNORECASE)


def _first(obj: dict[str, Any], names: tuple[str, ...], *, urls: bool | None = None) -> str:
    """The first of ``names`` with a non-empty value (``urls``: only, or never, a URL)."""
    for name in names:
        value = obj.get(name)
        if isinstance(value, dict):  # {"name": "Tempo"} publishers
            value = value.get("name")
        if isinstance(value, list):
            value = next((v for v in value if isinstance(v, str) and v.strip()), None)
        if value is None:
            continue
        text = clean_field(value)
        if not text:
            continue
        if urls is not None and bool(_URL_RE.match(text)) != urls:
            continue
        return text
    return ""


def record_from_mapping(obj: Any, origin: str) -> SourceRecord | str:
    """An article from a JSON object or a CSV row, whichever scraper wrote it; a reason
    string when it holds no article text. An ``html`` field is read with trafilatura."""
    if not isinstance(obj, dict):
        return "not a JSON object"
    body = next(
        (obj[k] for k in _BODY_FIELDS if isinstance(obj.get(k), str) and obj[k].strip()), None
    )
    url = _first(obj, _URL_FIELDS) or _first(obj, ("source",), urls=True)
    page = None
    if body is None:
        html = next((obj[k] for k in _HTML_FIELDS if isinstance(obj.get(k), str)), None)
        if html is None:
            return "no body text"
        from warta.store.library.html import from_html

        page = from_html(html, url or None)
        if page is None:
            return "no article text found in its HTML"
        body = page.text
    text = strip_controls(body)
    if not text.strip():
        return "no body text"
    return SourceRecord(
        origin=origin,
        text=text,
        title=_first(obj, _TITLE_FIELDS) or (page.title if page else None) or None,
        source=_first(obj, _SOURCE_FIELDS, urls=False) or (page.sitename if page else None) or None,
        date=_first(obj, _DATE_FIELDS) or (page.date if page else None) or None,
        url=url or (page.url if page else None) or None,
    )


class _CountingReader(io.RawIOBase):
    """Wraps a binary file to count bytes read, so progress works through gzip too."""

    def __init__(self, fh: BinaryIO, on_read: Callable[[int], None]) -> None:
        self._fh = fh
        self._on_read = on_read

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        n = self._fh.readinto(b)  # type: ignore[attr-defined]
        if n:
            self._on_read(n)
        return n or 0


def _bounded_lines(stream: Any, limit: int) -> Iterator[Any]:
    """Lines of ``stream`` (bytes or str), each read with at most ``limit + 1`` units in
    memory; a longer line is skipped in chunks and given as None."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and line[-1:] not in (b"\n", "\n"):
            while True:  # the rest of an over-long line, a chunk at a time
                rest = stream.readline(1 << 20)
                if not rest or rest[-1:] in (b"\n", "\n"):
                    break
            yield None
        else:
            yield line


def _parse_line(line: bytes | str) -> tuple[Any, str | None]:
    """(parsed JSON, legacy encoding used or None); raises ValueError for invalid JSON."""
    try:
        return orjson.loads(line), None
    except orjson.JSONDecodeError:
        if isinstance(line, str):
            raise
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        decoded = _legacy(line)
        if decoded is not None:
            return orjson.loads(decoded[0]), decoded[1]
    raise ValueError("not valid JSON")


def read_jsonl_file(
    path: Path, report: FileReport, on_read: Callable[[int], None] = lambda n: None
) -> Iterator[SourceRecord]:
    """JSON Lines records (``title, body, source, date, url``), gzip-compressed or not.

    UTF-8 lines (a BOM allowed), a whole file in UTF-16/32 with a BOM, and lines in cp1252 or
    Latin-1 are read; each record may be at most :data:`MAX_ARTICLE_BYTES` long.
    """
    try:
        fh, _size = open_regular(path)
    except NotRegularFile as exc:
        report.skipped = str(exc)
        return
    except OSError as exc:
        report.rejected.append(f"cannot read: {exc.strerror or exc}")
        return
    origin = visible(str(path))
    legacy: dict[str, int] = {}
    lineno = nonblank = 0
    wide = None
    try:
        stream: Any = io.BufferedReader(_CountingReader(fh, on_read))
        if path.name.lower().endswith(".gz"):
            stream = gzip.GzipFile(fileobj=stream)
        head = stream.peek(4)[:4]
        wide = next((b for b in _BOMS if head.startswith(b[0]) and b[2] != "UTF-8"), None)
        if wide is not None:
            stream.read(len(wide[0]))
            stream = io.TextIOWrapper(stream, encoding=wide[1], errors="strict", newline="")
            report.notes.append(_encoding_note(wide[2].lower()))
        for lineno, line in enumerate(_bounded_lines(stream, MAX_ARTICLE_BYTES), 1):
            if line is None:
                report.rejected.append(f"line {lineno}: {_too_big()}")
                continue
            if lineno == 1 and isinstance(line, bytes) and line.startswith(codecs.BOM_UTF8):
                line = line[len(codecs.BOM_UTF8) :]
            if not line.strip():
                continue
            nonblank += 1
            try:
                obj, used = _parse_line(line)
            except ValueError:
                report.rejected.append(f"line {lineno}: not valid JSON")
                continue
            if used is not None:
                legacy[used] = legacy.get(used, 0) + 1
            rec = record_from_mapping(obj, f"{origin}:{lineno}")
            if isinstance(rec, str):
                report.rejected.append(f"line {lineno}: {rec}")
            else:
                yield rec
    except UnicodeDecodeError:
        report.rejected.append(f"line {lineno + 1}: not valid {wide[2] if wide else 'text'}")
    except (OSError, EOFError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
        report.rejected.append(f"line {lineno + 1}: unreadable ({exc})")
    finally:
        fh.close()
    for name, n in legacy.items():
        report.notes.append(_encoding_note(name, n, nonblank))


def read_any(path: Path) -> tuple[list[SourceRecord], FileReport]:
    """All records of one file, for ``warta extract`` (which never touches a library)."""
    rep = FileReport(str(path))
    kind = inspect(path)
    if kind.kind != "file":
        rep.skipped = kind.why or "a folder, not a file"
        return [], rep
    from warta.store.library import formats

    reader = formats.reader_for(path) or (read_jsonl_file if is_jsonl(path) else read_text_file)
    return list(reader(path, rep)), rep
