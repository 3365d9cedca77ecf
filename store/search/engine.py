"""Evaluate a parsed query: the metadata bitsets, the full-text index and the user's notes.

Every node of the AST (:mod:`query`) evaluates to bitsets over the index's positions at three
levels, so one pass gives both the result and its ranking classes:

* ``l0``: matched by titles, metadata, tags (and notes) alone, without typo tolerance;
* ``l1``: ``l0`` or the article's body (and quotes);
* ``l2``: ``l1`` or a typo match in titles and metadata.

The result is ``l2`` of the root. With relevance order (the default when words must match) it
lists, in this order: the ``l0`` articles by their metadata score (newest first within a
score), then the articles that need their body, by BM25, then those that need a typo match. So
a typo never outranks an exact or prefix match anywhere, and a body match never outranks a
title or metadata match. An exclusion (``-word``) removes articles matching at level ``l1``:
typo matches never exclude.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from warta.store.search.index import Mask, SearchIndex, Tiers, _disjoint, is_typo
from warta.store.search.keys import SUBSTR_MIN_LEN, TITLE_EXACT, TOKEN_RE, fold
from warta.store.search.query import And, Filter, Node, Not, Or, Phrase, Query, Word
from warta.store.search.variants import completions, variants

if TYPE_CHECKING:
    from warta.store.search.fulltext import FullText

RANKED = 2000
"""Body matches ordered by BM25: the best this many; any further ones follow newest first."""
BROAD = 4
"""A word being typed whose body matches exceed 1/BROAD of the library does not filter by
body yet (``pem`` begins a word in 60% of articles): fetching half the library per keystroke
costs ~20 ms at 100k for no visible change, since title matches are listed first anyway. Sets
only shrink as the word grows, so once it filters it keeps filtering (no growth)."""
_RESULT_CACHE = 16
_BODY_CACHE = 48


@dataclass
class SearchResult:
    """Matching doc indices in display order; ``total`` is the size of the whole index."""

    query: Query
    order: Sequence[int]
    total: int
    cancelled: bool = False
    mask: Mask = 0
    """The result as a bitset over the index's positions (for timelines, facets)."""
    body_only: bytes = b""
    """Per position, 1 where the article matched only through its body (for snippets)."""
    body_ready: bool = True
    """False when body words could not be looked up (no full-text index yet)."""
    broad: tuple[str, ...] = ()
    """Words being typed that are in too many bodies to filter yet (see :data:`BROAD`)."""


Segment = Mask | tuple[Callable[[], list[int]], int]
"""Part of an order: a bitset (read newest first) or (function giving the list, its length)."""


class LazyOrder(Sequence[int]):
    """A result's display order, materialised only as far as it is read.

    The order is a list of segments, each a bitset read out newest first or a function giving
    a list (the BM25-ranked body matches). Its length is known from popcounts at once, so a
    keystroke costs the bitset work plus the first screen's rows, however big the result: a
    100k-row result used to cost ~20 ms just to list.
    """

    _CHUNK = 64

    def __init__(self, index: SearchIndex, segments: Sequence[Segment]) -> None:
        self._index = index
        self._segments: list[Mask | Callable[[], list[int]]] = []
        self._sizes: list[int] = []
        for seg in segments:
            if isinstance(seg, tuple):
                fn, size = seg
                if size:
                    self._segments.append(fn)
                    self._sizes.append(size)
            elif seg:
                self._segments.append(seg)
                self._sizes.append(seg.bit_count())
        self._done: list[int] = []
        self._k = 0  # next segment to read
        self._rest: Mask = 0  # unread part of segment k-1 when it is a bitset
        self._lock = threading.Lock()
        self._len = sum(self._sizes)

    def __len__(self) -> int:
        return self._len

    def _grow(self, upto: int) -> None:
        """Read on until at least ``upto`` items are materialised (or all are)."""
        with self._lock:
            done = self._done
            index = self._index
            while len(done) < upto:
                if self._rest:
                    want = upto - len(done)
                    if want <= self._CHUNK:
                        # A few rows of a big bitset: peel the lowest bits (newest first).
                        m = self._rest
                        doc_at = index.doc_at
                        for _ in range(want):
                            if not m:
                                break
                            low = m & -m
                            done.append(doc_at[low.bit_length() - 1])
                            m ^= low
                        self._rest = m
                    else:
                        done.extend(index.members(self._rest))
                        self._rest = 0
                    continue
                if self._k >= len(self._segments):
                    return
                seg = self._segments[self._k]
                self._k += 1
                if callable(seg):
                    done.extend(seg())
                else:
                    self._rest = seg

    def __getitem__(self, i):  # type: ignore[no-untyped-def, override]
        if isinstance(i, slice):
            start, stop, step = i.indices(len(self))
            self._grow(stop)
            return self._done[start:stop:step]
        if i < 0:
            i += len(self)
        self._grow(i + 1)
        return self._done[i]

    def __iter__(self):  # type: ignore[no-untyped-def]
        self._grow(len(self))
        return iter(list(self._done))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"LazyOrder({len(self)} items)"

    def index(self, value: int, start: int = 0, stop: int | None = None) -> int:  # type: ignore[override]
        """Where doc ``value`` is in the order (ValueError if absent); no reading needed for
        a doc in a bitset segment."""
        if start or stop is not None:
            return list(self).index(value, start, *(() if stop is None else (stop,)))
        idx = self._index
        if 0 <= value < len(idx):
            p = idx.pos_of[value]
            offset = 0
            for k, seg in enumerate(self._segments):
                if callable(seg):
                    got = seg()
                    if value in got:
                        return offset + got.index(value)
                    offset += len(got)
                    continue
                if (seg >> p) & 1:
                    return offset + (seg & ((1 << p) - 1)).bit_count()
                offset += self._sizes[k]
        raise ValueError(f"{value} is not in the order")


@dataclass
class _Val:
    l0: Mask
    l1: Mask
    l2: Mask
    tiers: Tiers


class UserText:
    """The user's own texts per doc index (article note, extra notes, passage notes), folded."""

    def __init__(self, texts: dict[int, str] | None = None) -> None:
        self.texts: dict[int, str] = {i: fold(t) for i, t in (texts or {}).items() if t.strip()}
        self.generation = 0

    def set(self, i: int, text: str) -> None:
        if text.strip():
            self.texts[i] = fold(text)
        else:
            self.texts.pop(i, None)
        self.generation += 1

    def word(self, w: str, *, exact: bool) -> list[int]:
        out = []
        for i, t in self.texts.items():
            toks = TOKEN_RE.findall(t)
            if any((tok == w) if exact else tok.startswith(w) for tok in toks):
                out.append(i)
        return out

    def phrase(self, words: Sequence[str], *, open_: bool) -> list[int]:
        needle = " " + " ".join(words) + ("" if open_ else " ")
        return [
            i for i, t in self.texts.items() if needle in " " + " ".join(TOKEN_RE.findall(t)) + " "
        ]


class BodyMatcher:
    """Word and phrase look-ups in the full-text index, as bitsets over the index's positions."""

    def __init__(self, fulltext: FullText, index: SearchIndex) -> None:
        self.ft = fulltext
        self.index = index
        self._cache: OrderedDict[tuple[object, ...], Mask] = OrderedDict()
        self._lock = threading.Lock()
        self._speaker_docs: dict[int, list[int]] | None = None

    def query_of(self, leaf: Word | Phrase) -> Any:
        ft = self.ft
        fld = "said" if leaf.field == "said" else "body"
        if isinstance(leaf, Phrase):
            return ft.phrase(fld, leaf.words, last_prefix=leaf.open)
        w = leaf.text
        prefixish = leaf.prefix or leaf.open
        parts = [ft.prefix(fld, w)] if prefixish else [ft.term(fld, w)]
        extra = completions(w) if prefixish else set(variants(w))
        parts += [ft.term(fld, v) for v in sorted(extra)]
        return ft.any_of(parts)

    def mask(self, leaf: Word | Phrase, *, broad_ok: bool = True) -> Mask | None:
        """Bitset of the articles whose body has ``leaf``; None for a word being typed that is
        still too broad to filter (see :data:`BROAD`), unless ``broad_ok`` is False (an
        excluded word must be looked up exactly)."""
        key = (leaf, self.ft.count, broad_ok)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                hit = self._cache[key]
                return None if hit < 0 else hit
        index = self.index
        query = self.query_of(leaf)
        typed = broad_ok and isinstance(leaf, Word) and leaf.open and not leaf.prefix
        if typed and self.ft.count_of(query) * BROAD > len(index):
            with self._lock:
                self._cache[key] = -1
            return None
        got = self.ft.positions(query)
        if isinstance(got, tuple):
            m = index.all & ~index.mask_of_docs(got[1])
            # Articles the full-text index does not hold yet are not matches.
            m &= index.mask_of_docs(range(self.ft.count)) if self.ft.count < len(index) else m
        else:
            m = index.mask_of_docs(got)
        with self._lock:
            self._cache[key] = m
            if len(self._cache) > _BODY_CACHE:
                self._cache.popitem(last=False)
        return m

    def rank(self, leaves: Sequence[Word | Phrase], within: Mask) -> list[int]:
        """Doc indices of ``within`` in BM25 order of the leaves (best :data:`RANKED` first)."""
        index = self.index
        if not within:
            return []
        if not leaves:
            return index.members(within)
        q = self.ft.any_of([self.query_of(leaf) for leaf in leaves])
        bits = index.bits(within)
        pos_of = index.pos_of
        n = len(index)
        ranked = [i for i, _s in self.ft.ranked(q, RANKED) if i < n and bits[pos_of[i]]]
        rest = within & ~index.mask_of_docs(ranked)
        return ranked + index.members(rest)

    def speaker_mask(self, value: str) -> Mask:
        sp = self.ft.speakers
        needle = fold(value).strip()
        if self._speaker_docs is None:
            docs: dict[int, list[int]] = {}
            off, who = sp.offsets, sp.who
            for pos in range(len(sp)):
                for k in range(off[pos], off[pos + 1]):
                    docs.setdefault(who[k], []).append(pos)
            self._speaker_docs = docs
        ids = [k for k, name in enumerate(sp.names) if needle in fold(name)]
        return self.index.mask_of_docs(i for k in ids for i in self._speaker_docs.get(k, ()))


class Engine:
    """Runs queries over one index, its (optional) full-text index and the user's notes."""

    def __init__(
        self, index: SearchIndex, body: BodyMatcher | None = None, notes: UserText | None = None
    ) -> None:
        self.index = index
        self.body = body
        self.notes = notes or UserText()
        self._results: OrderedDict[tuple[object, ...], SearchResult] = OrderedDict()
        self._lock = threading.Lock()

    def run(self, q: Query, cancelled: Callable[[], bool] | None = None) -> SearchResult:
        never = cancelled or (lambda: False)
        index = self.index
        key = (
            q,
            index.generation,
            self.notes.generation,
            self.body.ft.count if self.body else -1,
        )
        with self._lock:
            hit = self._results.get(key)
            if hit is not None:
                self._results.move_to_end(key)
                return _copy(hit)
        try:
            res = self._run(q, never)
        except _Cancelled:
            return SearchResult(q, [], len(index), cancelled=True)
        with self._lock:
            self._results[key] = res
            if len(self._results) > _RESULT_CACHE:
                self._results.popitem(last=False)
        return _copy(res)

    def _run(self, q: Query, never: Callable[[], bool]) -> SearchResult:
        index = self.index
        n = len(index)
        self._never = never
        self._fuzzy = q.fuzzy
        self._body_missing = False
        self._broad: list[str] = []
        if q.root is None:
            sort = q.sort or "-date"
            if sort == "-date":
                return SearchResult(q, LazyOrder(index, [index.all]), n, mask=index.all)
            order = index.ordered_members(index.all, sort)
            return SearchResult(q, order, n, mask=index.all)
        v = self._eval(q.root, False)
        result = v.l2
        sort = q.effective_sort
        body_only = b""
        order: Sequence[int]
        if sort == "-date":
            order = LazyOrder(index, [result])
            bo = (v.l1 & ~v.l0) & result
        elif sort != "relevance":
            order = index.ordered_members(result, sort)
            bo = (v.l1 & ~v.l0) & result
        else:
            a = v.l0 & result
            b = v.l1 & ~a
            c = result & ~v.l1
            segments: list[Segment] = list(self._tier_masks(v.tiers, a))
            if b:
                if self.body is not None:
                    leaves = [
                        leaf
                        for leaf in q.leaves()
                        if leaf.field in (None, "body", "said")
                        and not (isinstance(leaf, Word) and _short(leaf))
                    ]
                    body = self.body
                    segments.append((_once(lambda: body.rank(leaves, b)), b.bit_count()))
                else:
                    segments.append(b)
            segments += self._tier_masks(v.tiers, c)
            order = LazyOrder(index, segments)
            bo = b
        if bo:
            body_only = index.bits(bo)
        return SearchResult(
            q,
            order,
            n,
            mask=result,
            body_only=body_only,
            body_ready=not self._body_missing,
            broad=tuple(self._broad),
        )

    def _check(self) -> None:
        if self._never():
            raise _Cancelled

    @staticmethod
    def _tier_masks(tiers: Tiers, within: Mask) -> list[Mask]:
        """The tiers' bitsets within ``within``, best score first (same scores merged)."""
        acc: dict[int, Mask] = {}
        for sc, m in tiers:
            m &= within
            if m:
                acc[sc] = acc.get(sc, 0) | m
        return [acc[sc] for sc in sorted(acc, reverse=True)]

    # -- nodes -----------------------------------------------------------------------------------

    def _eval(self, node: Node, negated: bool) -> _Val:
        self._check()
        index = self.index
        if isinstance(node, Word):
            return self._word(node, negated)
        if isinstance(node, Phrase):
            return self._phrase(node)
        if isinstance(node, Filter):
            m = self._filter(node)
            return _Val(m, m, m, [(0, m)])
        if isinstance(node, Not):
            child = self._eval(node.child, not negated)
            m = index.all & ~child.l1
            return _Val(m, m, m, [(0, m)])
        if isinstance(node, And):
            vals = [self._eval(c, negated) for c in node.children]
            l0 = l1 = l2 = index.all
            tiers: Tiers = [(0, index.all)]
            for v in vals:
                l0 &= v.l0
                l1 &= v.l1
                l2 &= v.l2
                tiers = SearchIndex._combine(tiers, v.tiers)
            return _Val(l0, l1, l2, tiers)
        assert isinstance(node, Or)
        vals = [self._eval(c, negated) for c in node.children]
        l0 = l1 = l2 = 0
        for v in vals:
            l0 |= v.l0
            l1 |= v.l1
            l2 |= v.l2
        return _Val(l0, l1, l2, _disjoint(t for v in vals for t in v.tiers))

    def _word(self, w: Word, negated: bool) -> _Val:
        index = self.index
        if w.field == "note":
            m = index.mask_of_docs(self.notes.word(w.text, exact=w.exact and not w.open))
            return _Val(m, m, m, [(0, m)])
        if w.field in ("body", "said"):
            m = self._body(w, negated)
            return _Val(0, m, m, [(0, m)])
        if negated and _short(w):
            w = Word(w.text, w.field, exact=True, open=w.open)
        if _short(w):
            # One or two letters say nothing yet (``di``, the ``p`` of a word begun): they
            # neither filter nor rank, and cost nothing (a one-letter prefix is half the
            # vocabulary). ``=ri`` or ``ri*`` makes one count.
            return _Val(index.all, index.all, index.all, [(0, index.all)])
        mode = "exact" if w.exact else "prefix" if w.prefix else "normal"
        tiers = index.word_tiers(
            w.text,
            partial=w.open,
            mode=mode,
            fuzzy=self._fuzzy and not w.exact,
            title_only=w.field == "title",
        )
        exact = index.union(m for s, m in tiers if not is_typo(s))
        typo = index.union(m for s, m in tiers if is_typo(s))
        body = self._body(w, negated) if w.field is None else 0
        l1 = exact | body
        return _Val(exact, l1, l1 | typo, [*tiers, (0, body & ~(exact | typo))])

    def _phrase(self, p: Phrase) -> _Val:
        index = self.index
        if p.field == "note":
            m = index.mask_of_docs(self.notes.phrase(p.words, open_=p.open))
            return _Val(m, m, m, [(0, m)])
        if p.field in ("body", "said"):
            m = self._body(p)
            return _Val(0, m, m, [(0, m)])
        meta = index.phrase_mask(p.words, open_=p.open, title_only=p.field == "title")
        body = self._body(p) if p.field is None else 0
        both = meta | body
        return _Val(meta, both, both, [(TITLE_EXACT, meta), (0, body & ~meta)])

    def _body(self, leaf: Word | Phrase, negated: bool = False) -> Mask:
        if self.body is None:
            self._body_missing = True
            return 0
        m = self.body.mask(leaf, broad_ok=not negated)
        if m is None:
            self._broad.append(leaf.text if isinstance(leaf, Word) else " ".join(leaf.words))
            return self.index.all
        return m

    def _filter(self, f: Filter) -> Mask:
        index = self.index
        k, v = f.kind, f.value
        if k == "tag":
            return index.tag_mask(v, open_=f.open)
        if k in ("outlet", "place", "person", "org"):
            return index.value_mask(k, v)
        if k == "speaker":
            if self.body is None:
                self._body_missing = True
                return 0
            return self.body.speaker_mask(v)
        if k == "after":
            return index.date_mask(v, None)
        if k == "before":
            return index.date_mask(None, v)
        if k == "is":
            flag = "read" if v in ("read", "unread") else "starred"
            m = index.flag_mask(flag)
            return m if v in ("read", "starred") else index.all & ~m
        if k == "has":
            if v == "tag":
                return index.any_tag_mask()
            return index.flag_mask(v)
        raise ValueError(f"unknown filter {k}")


def _copy(r: SearchResult) -> SearchResult:
    """A result for a caller: lazy orders are shared (read-only), lists copied."""
    return replace(r, order=r.order if isinstance(r.order, LazyOrder) else list(r.order))


def _once(fn: Callable[[], list[int]]) -> Callable[[], list[int]]:
    """``fn``, computed on first call only (the BM25 ranking of body matches)."""
    box: list[list[int]] = []

    def get() -> list[int]:
        if not box:
            box.append(fn())
        return box[0]

    return get


def _short(w: Word) -> bool:
    """One or two letters, not marked exact (``=ri``) or prefix (``ri*``): ranks, never filters.
    An exact word still being typed (``"pe`` or ``=pe``) is short too: a prefix of two letters
    would match nearly every article's body."""
    return len(w.text) < SUBSTR_MIN_LEN and not w.prefix and (not w.exact or w.open)


class _Cancelled(Exception):
    pass


def leaves_for_title(q: Query) -> Iterable[Word | Phrase]:
    """The words and phrases of ``q`` that look in titles (what the list highlights)."""
    for leaf in q.leaves():
        if leaf.field in (None, "title") and not (isinstance(leaf, Word) and _short(leaf)):
            yield leaf


def leaves_for_body(q: Query) -> Iterable[Word | Phrase]:
    """The words and phrases of ``q`` that look in bodies (what the reader highlights there)."""
    for leaf in q.leaves():
        if leaf.field in (None, "body", "said") and not (isinstance(leaf, Word) and _short(leaf)):
            yield leaf
