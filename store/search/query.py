"""The parsed form of a filter: an AST of words, phrases and field filters under AND/OR/NOT.

:mod:`warta.store.search.parser` turns the text typed in the filter box (or given to
``warta list --filter``) into a :class:`Query`; :mod:`warta.store.search.engine` evaluates it.
Every node is a frozen dataclass, so a whole query is hashable and results can be cached by it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

TEXT_FIELDS = ("title", "body", "note", "said")
"""Fields a word or phrase can be restricted to (``title:kapolres``); None means all."""

SORTS = ("relevance", "date", "-date", "outlet")


@dataclass(frozen=True)
class Word:
    """One folded token. ``open``: still being typed (matches as a prefix); ``exact``: ``=word``
    (no typo tolerance, no inside-word matches); ``prefix``: ``word*``."""

    text: str
    field: str | None = None
    exact: bool = False
    prefix: bool = False
    open: bool = False


@dataclass(frozen=True)
class Phrase:
    """Consecutive folded tokens (``"berita hoaks"``); ``open``: the last is still being typed."""

    words: tuple[str, ...]
    field: str | None = None
    open: bool = False


@dataclass(frozen=True)
class Filter:
    """A field filter: tag, outlet, place, person, org, speaker, after, before, is, has."""

    kind: str
    value: str
    open: bool = False


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


Node = Word | Phrase | Filter | Not | And | Or


@dataclass(frozen=True)
class Query:
    """A parsed filter. ``root`` is None for an empty filter (every article, newest first)."""

    root: Node | None = None
    sort: str | None = None
    """``sort:`` given in the query, or None (relevance with words, newest first without)."""
    errors: tuple[str, ...] = ()
    source: str = ""
    fuzzy: bool = True
    """Typo tolerance for the query's words (the TUI's toggle turns it off for all)."""

    @property
    def has_text(self) -> bool:
        """True when some word or phrase must match (not only filters or excluded words)."""
        return any(True for _ in positive_leaves(self.root))

    @property
    def effective_sort(self) -> str:
        return self.sort or ("relevance" if self.has_text else "-date")

    def leaves(self) -> Iterator[Word | Phrase]:
        """The words and phrases that must match (not under a NOT): what is highlighted."""
        return positive_leaves(self.root)


def positive_leaves(node: Node | None, negated: bool = False) -> Iterator[Word | Phrase]:
    if node is None:
        return
    if isinstance(node, Word | Phrase):
        if not negated:
            yield node
    elif isinstance(node, Not):
        yield from positive_leaves(node.child, not negated)
    elif isinstance(node, And | Or):
        for c in node.children:
            yield from positive_leaves(c, negated)


def filters_of(node: Node | None) -> Iterator[Filter]:
    """Every field filter in the tree, negated or not."""
    if node is None:
        return
    if isinstance(node, Filter):
        yield node
    elif isinstance(node, Not):
        yield from filters_of(node.child)
    elif isinstance(node, And | Or):
        for c in node.children:
            yield from filters_of(c)


_DATE_RE = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")


def date_start(value: str) -> str | None:
    """The first day a date of the form ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` covers."""
    m = _DATE_RE.fullmatch(value)
    if not m:
        return None
    year, month = int(m[1]), int(m[2]) if m[2] else 1
    day = int(m[3]) if m[3] else 1
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def date_end(value: str) -> str | None:
    """The last day ``value`` covers (``2024-02`` -> ``2024-02-29``)."""
    m = _DATE_RE.fullmatch(value)
    if not m or date_start(value) is None:
        return None
    year = int(m[1])
    month = int(m[2]) if m[2] else 12
    day = int(m[3]) if m[3] else calendar.monthrange(year, month)[1]
    return dt.date(year, month, day).isoformat()


@dataclass(frozen=True)
class Options:
    """How to evaluate: ``typing`` (the last word is still being typed) and typo tolerance."""

    typing: bool = False
    fuzzy: bool = True
    extra: tuple[str, ...] = field(default=())
