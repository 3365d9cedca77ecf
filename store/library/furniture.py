"""Learned furniture, kept per library: the lines an outlet repeats across its articles.

The counting is the extractor's (:class:`warta.store.extract.recurring.LineCounts`); this
module keeps the counts of one library in ``furniture.json`` beside the TinyDB files, updates
them as articles are imported, and gives the extractor the keys of an outlet's recurring lines
when an article is extracted (on open, on reindex), so cleaning gets better as the library
grows. The file is a cache: everything in it is counted again from the stored texts when it is
missing or unreadable (:meth:`LearnedFurniture.rebuild`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from warta.store.library.storage import atomic_write_bytes

if TYPE_CHECKING:  # the extractor package loads on first use, off the path to the first frame
    from warta.store.extract.recurring import LineCounts

FILE = "furniture.json"
KEEP_PER_OUTLET = 5000
"""Line keys kept per outlet when saving (the most frequent; see ``LineCounts.prune``)."""


class LearnedFurniture:
    """The library's line counts, loaded on first use."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE
        self._counts: LineCounts | None = None
        self._keys: dict[str, frozenset[str]] = {}
        self._lock = threading.Lock()

    @property
    def counts(self) -> LineCounts:
        if self._counts is None:
            with self._lock:
                if self._counts is None:
                    self._counts = self._read()
        return self._counts

    def _read(self) -> LineCounts:
        from warta.store.extract.recurring import LineCounts

        try:
            return LineCounts.from_dict(orjson.loads(self.path.read_bytes()))
        except (OSError, ValueError):
            return LineCounts()  # missing or damaged: a cache, counted again by rebuild

    def exists(self) -> bool:
        return self.path.exists()

    def keys_for(self, outlet: str | None) -> frozenset[str]:
        """The line keys recurring across ``outlet``'s articles (any spelling of it)."""
        key = outlet or ""
        got = self._keys.get(key)
        if got is None:
            got = self.counts.furniture_keys(outlet)
            self._keys[key] = got
        return got

    def learn(self, articles: Iterable[tuple[str | None, str]]) -> None:
        """Count the lines of newly imported articles, given as (outlet, raw text)."""
        counts = self.counts
        for outlet, text in articles:
            counts.add_article(outlet, text.split("\n"))
        self._keys.clear()

    def save(self) -> None:
        self.counts.prune(KEEP_PER_OUTLET)
        atomic_write_bytes(self.path, orjson.dumps(self.counts.to_dict()))

    def forget(self) -> None:
        """Drop what is in memory (another process saved newer counts)."""
        self._counts = None
        self._keys.clear()

    def rebuild(self, articles: Iterable[tuple[str | None, str]]) -> int:
        """Count every article again (the file was missing); returns how many were counted."""
        from warta.store.extract.recurring import LineCounts

        fresh = LineCounts()
        n = 0
        for outlet, text in articles:
            fresh.add_article(outlet, text.split("\n"))
            n += 1
        self._counts = fresh
        self._keys.clear()
        self.save()
        return n
