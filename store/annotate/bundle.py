"""What a colleague's export holds, whatever its format: the common shape the merge reads.

:mod:`~warta.store.annotate.lossless` and :mod:`~warta.store.annotate.w3c` each turn their file
into a :class:`Bundle`; :mod:`~warta.store.annotate.merge` only ever sees bundles. Articles are
referred to by a key local to the file; :class:`ArticleRef` says how to find each one here
(content hash first, else URL).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from typing import Any


class BundleError(ValueError):
    """A file is not an export Warta can merge (wrong format, damaged, unsupported version)."""


@dataclass(frozen=True)
class ArticleRef:
    """An article as the exporting library knew it."""

    key: str
    hash: str | None
    url: str | None
    title: str = ""
    id: str | None = None

    def describe(self) -> str:
        name = self.title or self.id or "(untitled)"
        where = self.url or (f"hash {self.hash[:12]}" if self.hash else "no hash or URL")
        return f"{name} ({where})"


@dataclass(frozen=True)
class TagMark:
    article: str
    tag: str
    coders: tuple[str, ...]
    updated: str = ""


@dataclass(frozen=True)
class NoteMark:
    """An article-level note. ``own`` is True for the exporter's article note (as opposed to
    an extra note); ``id`` is the extra note's id when the file gives one."""

    article: str
    text: str
    coder: str
    own: bool
    id: str | None = None
    created: str = ""
    updated: str = ""
    review: str = "todo"
    origin: str = ""
    """An extra note's origin in the exporting library (``merge``, ``conflict``)."""


@dataclass(frozen=True)
class StateMark:
    """Read and starred state (the lossless format only; merged for one's own files)."""

    article: str
    read: bool
    starred: bool


@dataclass
class PassageMark:
    article: str
    passage: dict[str, Any]
    """A passage record (``id``, ``selector``, ``tags``, ``note``, ``speaker``, ``coder``,
    ``created``, ``updated``, ``review``), selector against the exporter's imported text."""


@dataclass
class Bundle:
    format: str
    coder: str
    """Who exported the file ("" if it does not say)."""
    articles: dict[str, ArticleRef] = field(default_factory=dict)
    tags: list[TagMark] = field(default_factory=list)
    notes: list[NoteMark] = field(default_factory=list)
    passages: list[PassageMark] = field(default_factory=list)
    states: list[StateMark] = field(default_factory=list)
    codes: list[dict[str, Any]] = field(default_factory=list)


def derived_id(prefix: str, foreign: str) -> str:
    """A stable Warta id for an annotation from elsewhere, so importing it twice finds it."""
    digest = hashlib.blake2b(foreign.encode("utf-8"), digest_size=10).digest()
    return prefix + base64.b32encode(digest).decode("ascii").lower()[:10]
