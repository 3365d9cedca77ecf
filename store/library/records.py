"""The library's article records as one sequence over its segments' catalogs.

``library.articles[i]`` is the record at position ``i``, decoded from its segment's catalog
when asked for (a few microseconds); nothing holds a dict per article. Positions are stable:
segment after segment, each in file order, as ``library.articles`` always was.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

from warta.store.library.catalog import AnyCatalog, CatalogDamaged

_RECENT = 4096


class Records(Sequence[dict[str, Any]]):
    """Read-only records over catalogs; ``heal(k)`` gives a fresh catalog for part ``k``
    when its cache turns out to be damaged (see ``catalog``)."""

    def __init__(
        self, parts: list[AnyCatalog], heal: Callable[[int], AnyCatalog] | None = None
    ) -> None:
        self.parts = parts
        self._heal = heal
        self.starts: list[int] = []
        at = 0
        for c in parts:
            self.starts.append(at)
            at += c.n
        self._n = at
        self._recent: dict[int, dict[str, Any]] = {}
        """Records decoded lately: a list row reads its record, then its title to highlight."""

    def __len__(self) -> int:
        return self._n

    def locate(self, i: int) -> tuple[int, int]:
        """(part, index within it) of position ``i``."""
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError("article position out of range")
        k = bisect_right(self.starts, i) - 1
        while self.parts[k].n == 0:  # empty parts share their start with the next one
            k += 1
        return k, i - self.starts[k]

    def _get(self, i: int) -> dict[str, Any]:
        recent = self._recent
        rec = recent.get(i)
        if rec is not None:
            return rec
        k, j = self.locate(i)
        try:
            rec = self.parts[k].record(j)
        except CatalogDamaged:
            if self._heal is None:
                raise
            self.parts[k] = self._heal(k)
            rec = self.parts[k].record(j)
        if len(recent) >= _RECENT:
            recent.clear()  # cheaper than an LRU's bookkeeping, and safe across threads
        recent[i if i >= 0 else i + self._n] = rec
        return rec

    @overload
    def __getitem__(self, i: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, i: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, i: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(i, slice):
            return [self._get(k) for k in range(*i.indices(self._n))]
        return self._get(i)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for k in range(len(self.parts)):
            for j in range(self.parts[k].n):
                try:
                    yield self.parts[k].record(j)
                except CatalogDamaged:
                    if self._heal is None:
                        raise
                    self.parts[k] = self._heal(k)
                    yield self.parts[k].record(j)

    def ids(self) -> Iterator[str]:
        """Every id, in position order."""
        for c in self.parts:
            yield from c.ids()

    def hashes(self) -> Iterator[str]:
        for c in self.parts:
            yield from c.hashes()
