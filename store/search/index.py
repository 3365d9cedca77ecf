"""Filter-as-you-type search over a library's articles (no UI; called per keystroke).

How it stays fast (see ``benchmarks/bench_search.py`` for figures):

* Documents get a fixed *position* at build time, newest first (date descending, undated last,
  ties by folded title then index). Every set of documents is a Python ``int`` used as a bitset
  over positions, so AND/OR of whole result sets runs in C, and reading a set's members out in
  position order *is* the newest-first order.
* Free text is matched per word against an inverted index of folded tokens (title tokens apart
  from outlet/place/person/org tokens). A word's matches are found in the vocabulary, not the
  documents: exact and word-prefix matches by bisecting the sorted vocabulary, inside-word
  matches with ``str.find`` over the joined vocabulary, typo matches with one rapidfuzz
  ``process.extract`` pass (bit-parallel LCS as a provably safe prefilter, see
  ``searchkeys.lcs_floor``) over the vocabulary -- tens of thousands of short strings, however
  many documents there are -- then ``ratio`` on the few hundred survivors.
* Scores come in a few buckets (:mod:`store.searchkeys`), so a word's result is a handful of
  disjoint bitsets, one per score; a multi-word query ANDs and sums them bucket by bucket, and the
  display order is the buckets best-first, each read out newest first.
* Incremental typing: each word's bitsets are cached, so typing ``kapolres j`` after
  ``kapolres`` only computes ``j`` and ANDs it with the cached ``kapolres`` buckets; filter
  bitsets and whole results are cached too, so backspacing is free. (Narrowing the word being
  typed to the previous keystroke's hits would drop results: with typo tolerance hits are not
  monotone -- ``peml`` matches nothing, ``pemlu`` matches "pemilu" -- and computing one word
  from the vocabulary is cheap anyway.)

:func:`reference_search` is the same scoring done the slow, obvious way, doc by doc; tests check
that the index agrees with it exactly.
"""

from __future__ import annotations

import array
import re
import threading
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from itertools import compress
from operator import itemgetter, methodcaller
from typing import TYPE_CHECKING, TypedDict

from rapidfuzz import process
from rapidfuzz.distance import LCSseq

from warta.store.search import static
from warta.store.search.keys import (
    FUZZY_MIN_LEN,
    FUZZY_SHORTER,
    OTHER_EXACT,
    OTHER_FUZZY,
    OTHER_PREFIX,
    OTHER_SUBSTR,
    PREFIX_BONUS_MIN_LEN,
    SUBSTR_MIN_LEN,
    TITLE_EXACT,
    TITLE_FUZZY,
    TITLE_PREFIX,
    TITLE_SUBSTR,
    TOKEN_RE,
    fold,
    fold_with_offsets,
    fuzzy_bonus,
    lcs_floor,
    match_span,
    prefix_bonus,
    token_score,
    typo_sim,
)
from warta.store.search.query import Phrase, Word

if TYPE_CHECKING:
    from warta.store.search.engine import SearchResult
from warta.store.search.variants import SPELLINGS, completions, variants

__all__ = ["SearchDoc", "SearchIndex", "highlight_spans", "newest_first"]


class SearchDoc(TypedDict):
    """One article as search sees it. Every key must be present (the build reads them with
    ``itemgetter`` for speed); list fields may be empty, ``outlet``/``date`` may be None."""

    id: str
    title: str
    outlet: str | None
    date: str | None  # YYYY-MM-DD
    places: list[str]
    people: list[str]
    organizations: list[str]
    tags: list[str]
    read: bool
    starred: bool
    has_note: bool
    n_quotes: int
    has_highlight: bool


_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TO_01 = bytes.maketrans(b"\x00\x01", b"01")
_FROM_01 = bytes.maketrans(b"01", b"\x00\x01")
_POLL = 2048
"""Documents handled between two ``cancelled()`` polls in per-document loops."""
_DENSE_DIVISOR = 32
"""A token on more than n/32 docs keeps its postings as a bitset (n/8 bytes beats 4 per doc)."""
_WORD_CACHE = 64
"""Words whose bitsets are kept (fewer for big indexes: see _word_cache_max)."""
_WORD_CACHE_BYTES = 48_000_000
"""Rough budget for those bitsets (a word has up to ~12 of n/8 bytes)."""
_RESULT_CACHE = 16
"""Whole results kept (also bounded by _RESULT_CACHE_ITEMS)."""
_RESULT_CACHE_ITEMS = 4_000_000

Mask = int
Tiers = list[tuple[int, Mask]]
"""Disjoint (score, bitset) pairs, best score first."""


_valid_date = static.valid_date
_newest_first = static.newest_first_order
UserState = tuple[tuple[str, ...], bool, bool, bool, bool]
"""(tags, read, starred, has note, has highlight) of one doc."""


def _doc_date(d: SearchDoc) -> str:
    """The doc's date as YYYY-MM-DD, or ""."""
    return _valid_date(d.get("date"))


class _Postings:
    """Token id -> its positions: a view into one flat array, or, for a token on many docs,
    a bitset (made on first use, then kept)."""

    def __init__(self, off: Sequence[int], pos: array.array[int], dense_at: int, n: int) -> None:
        self._off = off
        self._pos = memoryview(pos)
        self._dense_at = dense_at
        self._n = n
        self._masks: dict[int, Mask] = {}

    def __getitem__(self, tid: int) -> Sequence[int] | Mask:
        a, b = self._off[tid], self._off[tid + 1]
        if b - a < self._dense_at:
            return self._pos[a:b]
        m = self._masks.get(tid)
        if m is None:
            ba = bytearray(self._n)
            for p in self._pos[a:b]:
                ba[p] = 1
            m = self._masks[tid] = int(ba.translate(_TO_01)[::-1], 2)
        return m


class _LazyFields:
    """``index._fields[name]``: folded value -> positions, made per field on first use."""

    def __init__(self, index: SearchIndex) -> None:
        self._index = index

    def __getitem__(self, name: str) -> dict[str, Sequence[int]]:
        cache = self._index._fields_cache
        got = cache.get(name)
        if got is None:
            got = cache[name] = dict(self._index.static.fields[name].items())
        return got


def newest_first(titles: Sequence[str], dates: Sequence[str | None]) -> list[int]:
    """Indices in the order an empty filter shows them (what ``SearchIndex`` uses too).

    Lets a caller paint the first screen in exactly the index's order before the index exists.
    """
    valid = {v: _valid_date(v) for v in set(dates)}
    return _newest_first([fold(t or "") for t in titles], [valid[v] for v in dates])


def _other_values(d: SearchDoc) -> list[str]:
    """The non-title, non-tag fields free text matches: outlet, places, people, organizations."""
    vals = [d.get("outlet") or ""]
    vals += d.get("places") or ()
    vals += d.get("people") or ()
    vals += d.get("organizations") or ()
    return [v for v in vals if v]


def _term_matcher(term: str) -> Callable[[str], bool]:
    """A test for ``term`` inside folded text, tolerant of punctuation/spacing between its words."""
    toks = TOKEN_RE.findall(fold(term))
    if len(toks) <= 1:
        t = toks[0] if toks else fold(term).strip()
        return lambda text: t in text
    rx = re.compile(r"[\W_]+".join(map(re.escape, toks)))
    return lambda text: rx.search(text) is not None


def _bits_of(mask: Mask) -> bytes:
    """One byte (0/1) per position, lowest position first, up to the highest set bit."""
    return bin(mask)[:1:-1].encode("ascii").translate(_FROM_01)


class SearchIndex:
    """An in-memory search index over a sequence of :class:`SearchDoc`.

    Doc indices in the API are positions in the sequence given to ``__init__`` (then ``add``).
    Threads: searches are serialised by a lock, because an "exclusive" Textual thread worker
    only *flags* its predecessor as cancelled -- the old search keeps running until it polls
    ``cancelled()``, which it does often, so the new one waits a few ms at most. ``add`` takes
    the lock too. ``update_user`` does not (it must not stall the UI thread behind a search):
    its edits are copy-on-write, so a running search sees the state before or after it.
    """

    def __init__(self, docs: Sequence[SearchDoc]) -> None:
        self._lock = threading.Lock()
        self._docs: Sequence[SearchDoc] = list(docs)
        # User state edited after build, by doc index; re-applied if add() rebuilds.
        self._user: dict[int, UserState] = {}
        self._install(static.build(self._docs), user_from_docs=True)

    @classmethod
    def from_static(
        cls, built: static.StaticIndex, docs: Sequence[SearchDoc], user: dict[int, UserState]
    ) -> SearchIndex:
        """An index over a stored :class:`~static.StaticIndex` (see ``stored``), with the
        user's state given per doc index (docs absent from ``user`` have none). ``docs``
        give titles and metadata on demand (phrases, highlights, facets); their user fields
        are not read."""
        self = cls.__new__(cls)
        self._lock = threading.Lock()
        self._docs = docs
        self._user = dict(user)
        self._install(built, user_from_docs=False)
        return self

    # ----------------------------------------------------------------- building

    def _install(self, st: static.StaticIndex, *, user_from_docs: bool) -> None:
        """Take ``st`` as the articles' side, then lay the user's state over it."""
        self.static = st
        n = self._n = st.n
        self._doc_at = st.doc_at
        self._pos_of = st.pos_of
        self._all: Mask = (1 << n) - 1
        self._n_dated = st.n_dated
        self._dates_asc = static.AscDates(st.dates, st.n_dated)
        self._vocab = st.vocab
        self._joined = st.joined
        self._starts = st.starts
        dense_at = max(1, n // _DENSE_DIVISOR)
        self._title_post = _Postings(st.title_off, st.title_pos, dense_at, n)
        self._other_post = _Postings(st.other_off, st.other_pos, dense_at, n)
        self._df = st.df
        self._len_tids = st.len_tids
        self._len_toks_cache: list[str] | None = None
        self._len_start = st.len_start
        self._fields_cache: dict[str, dict[str, Sequence[int]]] = {}
        self._outlet_order = st.outlet_order
        doc_at = st.doc_at
        if user_from_docs:
            # User state: read column-wise in doc order (C-level map chains), then permuted
            # into position order, which touches only the compact columns.
            docs = self._docs

            def column(key: str) -> bytearray:
                get = itemgetter(key) if key != "has_highlight" else methodcaller("get", key, False)
                by_doc = bytes(map(bool, map(get, docs)))
                return bytearray(map(by_doc.__getitem__, doc_at))

            read, starred, note, marked = map(
                column, ("read", "starred", "has_note", "has_highlight")
            )
            tags_by_doc = [tuple(t) if t else () for t in map(itemgetter("tags"), docs)]
            tags_at: list[tuple[str, ...]] = list(map(tags_by_doc.__getitem__, doc_at))
            del tags_by_doc
        else:
            read, starred, note, marked = (bytearray(n) for _ in range(4))
            tags_at = [()] * n
        pos_of = st.pos_of
        for i, (tg, rd, sr, nt, hl) in self._user.items():  # edits made after the docs came in
            p = pos_of[i]
            tags_at[p], read[p], starred[p], note[p], marked[p] = tg, rd, sr, nt, hl
        self._flags = {
            "read": read,
            "starred": starred,
            "note": note,
            "quote": bytearray(st.quote),
            "highlight": marked,
        }
        self._tags_at = tags_at
        self._rebuild_tag_index(None if user_from_docs else [pos_of[i] for i in self._user])
        self._word_cache: OrderedDict[tuple[str, bool], Tiers] = OrderedDict()
        self._word_cache_max = max(8, min(_WORD_CACHE, _WORD_CACHE_BYTES // (12 * n // 8 + 1)))
        self._reset_dynamic()

    @property
    def _len_toks(self) -> list[str]:
        """The vocabulary shortest first (typo candidates), made on first use."""
        toks = self._len_toks_cache
        if toks is None:
            vocab = self._vocab
            toks = self._len_toks_cache = [vocab[t] for t in self._len_tids]
        return toks

    @property
    def _fields(self) -> _LazyFields:
        return _LazyFields(self)

    def _rebuild_tag_index(self, tagged: Iterable[int] | None = None) -> None:
        """Folded tag value -> positions, and folded tag token -> positions (both small).

        ``tagged``: the positions that may have tags (default: every position). Both dicts
        and their sets are never mutated once published (see :meth:`_retag`), so a search
        running in a worker thread reads a consistent snapshot during an edit.
        """
        by_value: dict[str, set[int]] = {}
        by_token: dict[str, set[int]] = {}
        tags_at = self._tags_at
        for p in range(len(tags_at)) if tagged is None else tagged:
            for t in tags_at[p]:
                ft = fold(t)
                by_value.setdefault(ft, set()).add(p)
                for tok in TOKEN_RE.findall(ft):
                    by_token.setdefault(tok, set()).add(p)
        self._tag_values: dict[str, frozenset[int]] = {k: frozenset(v) for k, v in by_value.items()}
        self._tag_tokens: dict[str, frozenset[int]] = {k: frozenset(v) for k, v in by_token.items()}

    def _reset_dynamic(self) -> None:
        """Forget everything that depends on user state (tags, flags).

        New cache objects, not cleared ones: a search that started before an edit stores its
        (possibly stale) results into the caches it captured, which nobody reads any more.
        """
        self._flag_masks: dict[str, Mask] = {}
        self.generation = getattr(self, "generation", 0) + 1
        """Changes with every edit of user state: callers key their caches by it."""

    # ----------------------------------------------------------------- public API

    def __len__(self) -> int:
        return self._n

    def add(self, docs: Sequence[SearchDoc]) -> None:
        """Append docs (after an import); rebuilds, as new docs reorder the date positions."""
        if not docs:
            return
        with self._lock:
            if not isinstance(self._docs, list):
                raise TypeError("an index made from a stored one cannot grow: build a new one")
            self._docs.extend(docs)
            self._install(static.build(self._docs), user_from_docs=True)

    def update_user(
        self,
        i: int,
        *,
        tags: Iterable[str] | None = None,
        read: bool | None = None,
        starred: bool | None = None,
        has_note: bool | None = None,
        has_highlight: bool | None = None,
    ) -> None:
        """Record a tag/state/note edit on doc ``i``; arguments left None are unchanged."""
        p = self._pos_of[i]
        old_tags = self._tags_at[p]
        flags = self._flags
        if tags is not None:
            new_tags = tuple(tags)
            if new_tags != old_tags:
                self._retag(p, old_tags, new_tags)
        if read is not None:
            flags["read"][p] = bool(read)
        if starred is not None:
            flags["starred"][p] = bool(starred)
        if has_note is not None:
            flags["note"][p] = bool(has_note)
        if has_highlight is not None:
            flags["highlight"][p] = bool(has_highlight)
        self._user[i] = (
            self._tags_at[p],
            bool(flags["read"][p]),
            bool(flags["starred"][p]),
            bool(flags["note"][p]),
            bool(flags["highlight"][p]),
        )
        self._reset_dynamic()

    def _retag(self, p: int, old: tuple[str, ...], new: tuple[str, ...]) -> None:
        """Move position ``p`` from its old tags to its new ones in the tag indexes.

        Copy-on-write: new dicts and sets are built and then swapped in, so a concurrent
        search never iterates a set or dict that changes under it. Tags are few; cheap.
        """
        values = dict(self._tag_values)
        toks = dict(self._tag_tokens)
        for t in old:
            ft = fold(t)
            _cow_discard(values, ft, p)
            for tok in TOKEN_RE.findall(ft):
                _cow_discard(toks, tok, p)
        for t in new:
            ft = fold(t)
            values[ft] = values.get(ft, frozenset()) | {p}
            for tok in TOKEN_RE.findall(ft):
                toks[tok] = toks.get(tok, frozenset()) | {p}
        self._tags_at[p] = new
        self._tag_values, self._tag_tokens = values, toks

    def search(
        self,
        query: str,
        *,
        typing: bool = True,
        fuzzy: bool = True,
        cancelled: Callable[[], bool] | None = None,
    ) -> SearchResult:
        """Titles-and-metadata search (no bodies, no notes): a shortcut for tests and tools.

        The library's search (bodies included) is :class:`~warta.store.search.browse.Browser`.
        """
        from warta.store.search.engine import Engine
        from warta.store.search.parser import parse

        engine = getattr(self, "_engine", None)
        if engine is None:
            engine = self._engine = Engine(self)
        return engine.run(parse(query, typing=typing, fuzzy=fuzzy), cancelled)

    # ----------------------------------------------------------------- primitives
    # What the query engine (engine.py) builds results from: bitsets over positions.

    @property
    def all(self) -> Mask:
        return self._all

    @property
    def doc_at(self) -> list[int]:
        """Doc index at each position."""
        return self._doc_at

    @property
    def pos_of(self) -> list[int]:
        """Position of each doc index (newest first order)."""
        return self._pos_of

    def mask_of_docs(self, indices: Iterable[int]) -> Mask:
        """Bitset of the given doc indices (indices past the index are ignored)."""
        pos_of, n = self._pos_of, self._n
        ba = bytearray(n)
        for i in indices:
            if i < n:
                ba[pos_of[i]] = 1
        return int(ba.translate(_TO_01)[::-1], 2) if n else 0

    def bits(self, mask: Mask) -> bytes:
        """One byte (0/1) per position, for all ``n`` positions."""
        b = _bits_of(mask)
        return b + bytes(self._n - len(b)) if len(b) < self._n else b[: self._n]

    def contains(self, bits: bytes, i: int) -> bool:
        """Whether doc ``i`` is in the set whose :meth:`bits` are ``bits``."""
        return i < self._n and bool(bits) and bits[self._pos_of[i]] == 1

    def members(self, mask: Mask) -> list[int]:
        """Doc indices of ``mask``, newest first."""
        return list(self._members(mask))

    def union(self, posts: Iterable[list[int] | int | frozenset[int]]) -> Mask:
        return self._union(posts)

    def word_tiers(
        self,
        w: str,
        *,
        partial: bool,
        mode: str = "normal",
        fuzzy: bool = True,
        title_only: bool = False,
    ) -> Tiers:
        """Disjoint (score, bitset) pairs of the docs word ``w`` matches in titles and metadata.

        ``mode``: ``normal`` (exact, prefix, inside-word and typo matches), ``exact``
        (``=word``: the word itself, or words it begins while it is typed), ``prefix``
        (``word*``). Typo matches score below :data:`keys.OTHER_SUBSTR`; see :func:`is_typo`.
        """
        return self._word_tiers(w, partial, mode, fuzzy, title_only)

    def value_mask(self, kind: str, term: str) -> Mask:
        """Docs whose outlet/place/person/org value contains folded ``term``."""
        name = {"outlet": "outlets", "place": "places", "person": "people", "org": "orgs"}[kind]
        ft = fold(term).strip()
        return self._union(ps for v, ps in self._fields[name].items() if ft in v)

    def tag_mask(self, term: str, *, open_: bool = False) -> Mask:
        """Docs with tag ``term`` or a tag within it (``hoaks`` -> ``hoaks/klarifikasi``);
        while the value is being typed, any tag it begins (or whose levels it begins)."""
        ft = fold(term).strip().strip("/")
        if not ft:
            return 0

        def hit(tag: str) -> bool:
            if tag == ft or tag.startswith(ft + "/"):
                return True
            if open_:
                return tag.startswith(ft) or any(lv.startswith(ft) for lv in tag.split("/"))
            return False

        return self._union(ps for v, ps in self._tag_values.items() if hit(v))

    def any_tag_mask(self) -> Mask:
        return self._union(self._tag_values.values())

    def flag_mask(self, name: str) -> Mask:
        """Docs with flag ``name``: read, starred, note, quote or highlight."""
        return self._flag_mask(name)

    def date_mask(self, after: str | None, before: str | None) -> Mask:
        """Dated docs with ``after <= date < before`` (either bound may be None)."""
        nd, asc = self._n_dated, self._dates_asc
        hi = nd - bisect_left(asc, after) if after else nd  # positions [0, hi) have date >= after
        lo = nd - bisect_left(asc, before) if before else 0  # [lo, nd) have date < before
        return self._range_mask(lo, hi)

    def dated_mask(self) -> Mask:
        return self._range_mask(0, self._n_dated)

    def date_buckets(self, mask: Mask, bounds: Sequence[str]) -> list[int]:
        """How many docs of ``mask`` fall in each date range [bounds[k+1], bounds[k]), for
        ``bounds`` given newest first (YYYY-MM-DD; the first is an exclusive upper bound).

        Positions are in date order, so a range of dates is a range of positions: each count is
        one shift, mask and popcount, whatever the size of the result.
        """
        nd, asc = self._n_dated, self._dates_asc
        at = [nd - bisect_left(asc, s) for s in bounds]  # positions [0, at[k]) are >= bounds[k]
        out = []
        for k in range(len(at) - 1):
            lo, hi = at[k], at[k + 1]
            out.append(((mask >> lo) & ((1 << (hi - lo)) - 1)).bit_count() if hi > lo else 0)
        return out

    def date_span(self, mask: Mask) -> tuple[str, str] | None:
        """(oldest, newest) date among the dated docs of ``mask``."""
        m = mask & self.dated_mask()
        if not m:
            return None
        nd, asc = self._n_dated, self._dates_asc
        newest_pos = (m & -m).bit_length() - 1
        oldest_pos = m.bit_length() - 1
        return asc[nd - 1 - oldest_pos], asc[nd - 1 - newest_pos]

    def phrase_mask(
        self, words: Sequence[str], *, open_: bool = False, title_only: bool = False
    ) -> Mask:
        """Docs whose title (or outlet, places, people, orgs, tags) has the words in a row."""
        cand = self._all
        for t in sorted(set(words[:-1] if open_ else words), key=len, reverse=True)[:3]:
            lo, hi = self._prefix_range(t)
            tids = [k for k in range(lo, hi) if self._vocab[k] == t]
            posts: list[list[int] | int | frozenset[int]] = [self._title_post[k] for k in tids]
            if not title_only:
                posts += [self._other_post[k] for k in tids]
                posts += [ps for tok, ps in self._tag_tokens.items() if tok == t]
            cand &= self._union(posts)
        if open_ and len(words[-1]) >= SUBSTR_MIN_LEN:  # a shorter last word narrows little
            lo, hi = self._prefix_range(words[-1])
            posts = [self._title_post[k] for k in range(lo, hi)]
            if not title_only:
                posts += [self._other_post[k] for k in range(lo, hi)]
                posts += [ps for tok, ps in self._tag_tokens.items() if tok.startswith(words[-1])]
            cand &= self._union(posts)
        if not cand:
            return 0
        # The words in a row, whole tokens (the last may be a prefix while it is typed), with
        # anything but letters and digits between them: one regex search per folded value.
        rx = re.compile(
            r"(?<![^\W_])"
            + r"[\W_]+".join(map(re.escape, words))
            + ("" if open_ else r"(?![^\W_])")
        )
        search = rx.search
        docs, tags_at, doc_at = self._docs, self._tags_at, self._doc_at
        keep = bytearray(self._n)
        bits = _bits_of(cand)
        k = bits.find(1)
        while k >= 0:
            d = docs[doc_at[k]]
            if search(fold(d["title"] or "")) or (
                not title_only and any(search(fold(v)) for v in (*_other_values(d), *tags_at[k]))
            ):
                keep[k] = 1
            k = bits.find(1, k + 1)
        return int(keep.translate(_TO_01)[::-1], 2)

    def outlet_order(self) -> Sequence[int]:
        """Positions sorted by outlet (normalised key), then newest first."""
        return self._outlet_order

    def ordered_members(self, mask: Mask, sort: str) -> list[int]:
        """Doc indices of ``mask`` in the order ``sort`` gives: ``-date`` (newest first),
        ``date`` (oldest first; undated last either way) or ``outlet``."""
        if sort == "-date":
            return self.members(mask)
        if sort == "date":
            dated = self.members(mask & self.dated_mask())
            dated.reverse()
            return dated + self.members(mask & ~self.dated_mask() & self._all)
        bits = self.bits(mask)
        doc_at = self._doc_at
        return [doc_at[p] for p in self.outlet_order() if bits[p]]

    def doc(self, i: int) -> SearchDoc:
        return self._docs[i]

    def tags_of(self, i: int) -> tuple[str, ...]:
        return self._tags_at[self._pos_of[i]]

    def highlight(self, i: int, words: Sequence[Word | Phrase]) -> list[tuple[int, int]]:
        """Sorted, non-overlapping ``(start, end)`` spans of doc ``i``'s title that matched."""
        title = self._docs[i].get("title") or ""
        return highlight_spans(title, words)

    def _members(self, mask: Mask) -> Iterable[int]:
        """Doc indices of the positions in ``mask``, newest first."""
        doc_at = self._doc_at
        count = mask.bit_count()
        if count == self._n:
            return doc_at
        bits = _bits_of(mask)
        if count * 16 < len(bits):
            # Sparse: hop between set bytes with find (memchr speed) instead of visiting all.
            out: list[int] = []
            find = bits.find
            k = find(1)
            while k >= 0:
                out.append(doc_at[k])
                k = find(1, k + 1)
            return out
        return compress(doc_at, bits)

    @staticmethod
    def _combine(groups: Tiers, tiers: Tiers) -> Tiers:
        """Docs in both, with scores summed; same-sum bitsets merged."""
        acc: dict[int, Mask] = {}
        for s1, m1 in groups:
            for s2, m2 in tiers:
                m = m1 & m2
                if m:
                    s = s1 + s2
                    acc[s] = acc.get(s, 0) | m
        return list(acc.items())

    # ----------------------------------------------------------------- bitsets

    def _mask_of(self, positions: Iterable[int]) -> Mask:
        """Bitset of ``positions``."""
        ba = bytearray(self._n)
        for p in positions:
            ba[p] = 1
        return int(ba.translate(_TO_01)[::-1], 2) if self._n else 0

    def _union(self, posts: Iterable[list[int] | int | frozenset[int]]) -> Mask:
        """Bitset union of postings (arrays/sets of positions or bitsets)."""
        mask = 0
        ba: bytearray | None = None
        for ps in posts:
            if isinstance(ps, int):
                mask |= ps
            elif ps:
                if ba is None:
                    ba = bytearray(self._n)
                for p in ps:
                    ba[p] = 1
        if ba is not None:
            mask |= int(ba.translate(_TO_01)[::-1], 2)
        return mask

    def _range_mask(self, lo: int, hi: int) -> Mask:
        """Bitset of positions lo..hi-1."""
        if hi <= lo:
            return 0
        return ((1 << hi) - 1) ^ ((1 << lo) - 1)

    def _flag_mask(self, name: str) -> Mask:
        masks = self._flag_masks  # captured, as in search()
        m = masks.get(name)
        if m is None:
            ba = self._flags[name]
            m = int(ba.translate(_TO_01)[::-1], 2) if self._n else 0
            masks[name] = m
        return m

    # ----------------------------------------------------------------- free-text words

    def _prefix_range(self, w: str) -> tuple[int, int]:
        """Token ids of tokens starting with ``w`` (a contiguous range of the sorted vocab)."""
        vocab = self._vocab
        lo = bisect_left(vocab, w)
        hi = bisect_left(vocab, w[:-1] + chr(ord(w[-1]) + 1), lo)
        return lo, hi

    def _substring_tids(self, w: str) -> set[int]:
        """Token ids of tokens containing ``w`` anywhere."""
        joined, starts = self._joined, self._starts
        out: set[int] = set()
        find = joined.find
        k = find(w)
        while k >= 0:
            tid = bisect_right(starts, k) - 1
            out.add(tid)
            # Skip to the next token: one token counts once however often w occurs in it.
            nxt = starts[tid + 1] if tid + 1 < len(starts) else len(joined)
            k = find(w, nxt)
        return out

    def _len_slice(self, lo_len: int, hi_len: int) -> tuple[list[str], list[int]]:
        """Tokens (and their ids) with ``lo_len <= len < hi_len``."""
        starts = self._len_start
        a = starts[min(max(lo_len, 0), len(starts) - 1)]
        b = starts[min(max(hi_len, 0), len(starts) - 1)] if hi_len < len(starts) else None
        return self._len_toks[a:b], self._len_tids[a:b]

    def _token_scores(
        self, w: str, partial: bool, mode: str = "normal", fuzzy: bool = True
    ) -> dict[int, tuple[int, int]]:
        """token id -> (title score, other score) for every token ``w`` matches."""
        out: dict[int, tuple[int, int]] = {}
        lo, hi = self._prefix_range(w)
        vocab = self._vocab
        exact_only = mode == "exact" and not partial
        if lo < hi and vocab[lo] == w and not partial:
            out[lo] = (TITLE_EXACT, OTHER_EXACT)
            lo += 1
        if exact_only:
            lo = hi
        if lo < hi and len(w) >= PREFIX_BONUS_MIN_LEN:
            df = self._df
            max_df = max(df[lo:hi])
            for tid in range(lo, hi):
                b = prefix_bonus(df[tid], max_df)
                out[tid] = (TITLE_PREFIX + b, OTHER_PREFIX + b)
        else:
            out.update(dict.fromkeys(range(lo, hi), (TITLE_PREFIX, OTHER_PREFIX)))
        # Spelling variants by rule (variants.py): the word's own when it is complete, and
        # those of table words it begins while it is typed or is a prefix.
        extra = (
            variants(w)
            if exact_only
            else (completions(w) | (set(variants(w)) if not partial else set()))
        )
        for v in extra:
            k = bisect_left(vocab, v)
            if k < len(vocab) and vocab[k] == v:
                exact = not partial and v in variants(w)
                out[k] = (TITLE_EXACT, OTHER_EXACT) if exact else (TITLE_PREFIX, OTHER_PREFIX)
        if mode != "normal":
            return out
        if len(w) >= SUBSTR_MIN_LEN:
            for tid in self._substring_tids(w):
                if tid not in out:
                    out[tid] = (TITLE_SUBSTR, OTHER_SUBSTR)
        if fuzzy and len(w) >= FUZZY_MIN_LEN:
            lw = len(w)
            toks, tids = self._len_slice(lw - FUZZY_SHORTER, len(self._len_start))
            # One bit-parallel LCS pass over the vocabulary (see lcs_floor) leaves a few hundred
            # candidates at most; only those get the real (two-ratio) typo score.
            pre = process.extract(
                w, toks, scorer=LCSseq.similarity, score_cutoff=lcs_floor(lw), limit=None
            )
            for tok, _lcs, k in pre:
                tid = tids[k]
                if tid not in out:
                    sim = typo_sim(w, tok)
                    if sim:
                        b = fuzzy_bonus(sim)
                        out[tid] = (TITLE_FUZZY + b, OTHER_FUZZY + b)
        return out

    def _word_tiers(
        self,
        w: str,
        partial: bool,
        mode: str = "normal",
        fuzzy: bool = True,
        title_only: bool = False,
    ) -> Tiers:
        """Disjoint (score, bitset) pairs for one query word, tags included."""
        key = (w, partial, mode, fuzzy, title_only)
        static = self._word_cache.get(key)
        if static is None:
            static = self._static_tiers(w, partial, mode, fuzzy, title_only)
            self._word_cache[key] = static
            if len(self._word_cache) > self._word_cache_max:
                self._word_cache.popitem(last=False)
        else:
            self._word_cache.move_to_end(key)
        if not self._tag_tokens or title_only:
            return static
        by_score: dict[int, list[frozenset[int]]] = {}
        for tok, ps in self._tag_tokens.items():
            s = tag_token_score(w, tok, partial, mode, fuzzy)
            if s:
                by_score.setdefault(s, []).append(ps)
        if not by_score:
            return static
        extra = [(s, self._union(pss)) for s, pss in by_score.items()]
        return _disjoint(static + extra)

    def _static_tiers(
        self, w: str, partial: bool, mode: str, fuzzy: bool, title_only: bool
    ) -> Tiers:
        """Tiers from the build-time fields (title, outlet, places, people, organizations)."""
        groups: dict[int, list[list[int] | int]] = {}
        tp, op = self._title_post, self._other_post
        for tid, (ts, os_) in self._token_scores(w, partial, mode, fuzzy).items():
            groups.setdefault(ts, []).append(tp[tid])
            if not title_only:
                groups.setdefault(os_, []).append(op[tid])
        return _disjoint([(s, self._union(ps)) for s, ps in groups.items()])


def tag_token_score(w: str, tok: str, partial: bool, mode: str, fuzzy: bool) -> int:
    """Score of word ``w`` against one folded tag token, by the rules of ``_token_scores``."""
    if mode == "normal":
        s = token_score(w, tok, title=False, partial=partial, typo=fuzzy)
    elif tok == w and not partial:
        s = OTHER_EXACT
    elif (mode == "prefix" or partial) and tok.startswith(w):
        s = OTHER_PREFIX
    else:
        s = 0
    if not s and tok in SPELLINGS:
        if not partial and w in variants(tok):
            s = OTHER_EXACT
        elif mode != "exact" or partial:
            if w in SPELLINGS and tok in variants(w):
                s = OTHER_EXACT if not partial else OTHER_PREFIX
            elif tok in completions(w):
                s = OTHER_PREFIX
    return s


def is_typo(score: int) -> bool:
    """True for the score of a typo match (every typo score is below every exact kind)."""
    return score < OTHER_SUBSTR


def _cow_discard(index: dict[str, frozenset[int]], key: str, p: int) -> None:
    """Replace ``index[key]`` by a copy without ``p`` (dropping the key when it empties)."""
    s = index.get(key)
    if s is not None:
        s = s - {p}
        if s:
            index[key] = s
        else:
            del index[key]


def _disjoint(tiers: Iterable[tuple[int, Mask]]) -> Tiers:
    """Keep each doc only in its best-scoring bitset; drop empty ones; best first."""
    out: Tiers = []
    seen = 0
    for s, m in sorted(tiers, key=lambda t: -t[0]):
        m &= ~seen
        if m:
            out.append((s, m))
            seen |= m
    return out


def highlight_spans(title: str, words: Sequence[Word | Phrase]) -> list[tuple[int, int]]:
    """Spans of ``title`` matched by the given query words and phrases, merged."""
    folded, idx = fold_with_offsets(title)
    spans: list[tuple[int, int]] = []
    toks = [(m.start(), m.group()) for m in TOKEN_RE.finditer(folded)]
    for leaf in words:
        if isinstance(leaf, Word):
            if leaf.field not in (None, "title"):
                continue
            w = leaf.text
            for start, tok in toks:
                if leaf.exact or leaf.prefix:
                    ok = (
                        tok == w
                        or tok in variants(w)
                        or ((leaf.prefix or leaf.open) and tok.startswith(w))
                    )
                    sp = (
                        (0, len(tok) if tok != w and tok in variants(w) else len(w)) if ok else None
                    )
                elif tok in variants(w) or tok in completions(w):
                    sp = (0, len(tok))
                elif len(w) < SUBSTR_MIN_LEN:
                    sp = (0, len(w)) if tok.startswith(w) else None
                elif token_score(w, tok, title=True, partial=leaf.open):
                    sp = match_span(w, tok)
                else:
                    sp = None
                if sp:
                    spans.append((start + sp[0], start + sp[1]))
        elif leaf.field in (None, "title") and toks:
            n = len(leaf.words)
            for j in range(len(toks) - n + 1):
                window = [t for _s, t in toks[j : j + n]]
                if window[:-1] == list(leaf.words[:-1]) and (
                    window[-1] == leaf.words[-1]
                    or (leaf.open and window[-1].startswith(leaf.words[-1]))
                ):
                    last_start, last_tok = toks[j + n - 1]
                    end = last_start + (len(leaf.words[-1]) if leaf.open else len(last_tok))
                    spans.append((toks[j][0], end))
    # Folded offsets -> original offsets, then merge overlaps.
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        s, e = (idx[a], idx[b - 1] + 1) if idx is not None else (a, b)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
