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
import gc
import re
import threading
from bisect import bisect_left, bisect_right
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter
from typing import TypedDict

from rapidfuzz import process
from rapidfuzz.distance import LCSseq

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
    fold_with_map,
    fuzzy_bonus,
    fuzzy_sim,
    lcs_floor,
    match_span,
    normalise,
    prefix_bonus,
    query_words,
    token_score,
    words,
)
from warta.store.search.query import Query, parse_query

__all__ = [
    "SearchDoc",
    "SearchIndex",
    "SearchResult",
    "highlight_spans",
    "newest_first",
    "reference_search",
]


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


@dataclass
class SearchResult:
    """Matching doc indices in display order; ``total`` is the size of the whole index."""

    query: Query
    order: array.array | list[int]
    total: int
    cancelled: bool = False


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


def _valid_date(s: str | None) -> str:
    """A date value as YYYY-MM-DD (a longer timestamp is cut), or "" when missing/malformed."""
    s = (s or "")[:10]
    return s if _DATE_RE.fullmatch(s) else ""


def _doc_date(d: SearchDoc) -> str:
    """The doc's date as YYYY-MM-DD, or ""."""
    return _valid_date(d.get("date"))


def _newest_first(ftitles: Sequence[str], dates: Sequence[str]) -> list[int]:
    """Doc indices newest first: date descending, undated last, then folded title, then index."""
    order = sorted(range(len(ftitles)), key=ftitles.__getitem__)
    order.sort(key=dates.__getitem__, reverse=True)  # stable even with reverse=True
    return order


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
        self._docs: list[SearchDoc] = list(docs)
        # User state edited after build, by doc index; re-applied if add() rebuilds.
        self._user: dict[int, tuple[tuple[str, ...], bool, bool, bool]] = {}
        self._build()

    # ----------------------------------------------------------------- building

    def _build(self) -> None:
        # The build allocates ~10 containers per doc; the cyclic GC would rescan the whole
        # growing heap over and over (it doubled build time at 100k). Nothing here makes cycles.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            self._build_unsafe()
        finally:
            if was_enabled:
                gc.enable()

    def _build_unsafe(self) -> None:
        docs = self._docs
        n = self._n = len(docs)
        ftitles = [fold(d.get("title") or "") for d in docs]
        raw_dates = list(map(itemgetter("date"), docs))
        # A library has a few thousand distinct dates at most: validate each once.
        valid = {v: _valid_date(v) for v in set(raw_dates)}
        ddates = list(map(valid.__getitem__, raw_dates))
        doc_at = _newest_first(ftitles, ddates)
        self._doc_at: list[int] = doc_at
        pos_of = [0] * n
        for p, i in enumerate(doc_at):
            pos_of[i] = p
        self._pos_of = pos_of
        self._all: Mask = (1 << n) - 1

        # Dates, newest first, as an ascending list of the dated ones for bisecting.
        dates = [ddates[i] for i in doc_at]
        self._n_dated = n - dates.count("")
        self._dates_asc = dates[: self._n_dated][::-1]

        findall = TOKEN_RE.findall
        # Every pass below walks the docs in their given order (sequential in memory, much
        # kinder to the CPU cache than date order) and records positions via pos_of; postings
        # are therefore unsorted, which nothing needs.
        title_post: defaultdict[str, list[int]] = defaultdict(list)
        for p, toks in zip(pos_of, map(findall, ftitles), strict=True):
            for t in set(toks):
                title_post[t].append(p)

        # Outlets, places, people and organizations repeat across articles, so index them by
        # value first (raw value -> positions), then fold and tokenise each distinct value once.
        # A doc can thus appear twice in a token's "other" postings, or there and in its title
        # postings; masks don't mind and the title's higher score wins (see _disjoint).
        raw: tuple[defaultdict[str, list[int]], ...] = tuple(defaultdict(list) for _ in range(4))
        r_out, r_pl, r_pe, r_or = raw
        for p, d in zip(pos_of, docs, strict=True):
            v = d["outlet"]
            if v:
                r_out[v].append(p)
            for vals, dst in ((d["places"], r_pl), (d["people"], r_pe), (d["organizations"], r_or)):
                if vals:
                    for v in vals:
                        dst[v].append(p)
        other_post: defaultdict[str, list[int]] = defaultdict(list)
        fields: list[dict[str, list[int]]] = []
        for r in raw:
            f: dict[str, list[int]] = {}
            for v, ps in r.items():
                fv = fold(v)
                if not fv:
                    continue
                if fv in f:
                    f[fv] = f[fv] + ps
                else:
                    f[fv] = ps
                for t in set(findall(fv)):
                    other_post[t].extend(ps)
            fields.append(f)

        # User state: read column-wise in doc order (C-level map chains), then permuted into
        # position order, which touches only the compact columns.
        def column(key: str) -> bytearray:
            by_doc = bytes(map(bool, map(itemgetter(key), docs)))
            return bytearray(map(by_doc.__getitem__, doc_at))

        read, starred, note, quote = map(column, ("read", "starred", "has_note", "n_quotes"))
        tags_by_doc = [tuple(t) if t else () for t in map(itemgetter("tags"), docs)]
        tags_at: list[tuple[str, ...]] = list(map(tags_by_doc.__getitem__, doc_at))
        del tags_by_doc
        for i, (tg, rd, st, nt) in self._user.items():  # edits made after the docs came in
            p = pos_of[i]
            tags_at[p], read[p], starred[p], note[p] = tg, rd, st, nt

        # Vocabulary, sorted, so word-prefix matches are one contiguous id range.
        vocab = sorted(title_post.keys() | other_post.keys())
        self._vocab = vocab
        self._joined = "\n" + "\n".join(vocab) + "\n"
        starts = array.array("l")  # offset of each token in _joined
        off = 1
        for t in vocab:
            starts.append(off)
            off += len(t) + 1
        self._starts = starts
        dense_at = max(1, n // _DENSE_DIVISOR)
        empty: list[int] = []
        self._title_post: list[list[int] | int] = [
            self._postings(title_post.get(t), dense_at, empty) for t in vocab
        ]
        self._other_post: list[list[int] | int] = [
            self._postings(other_post.get(t), dense_at, empty) for t in vocab
        ]
        # How common each token is (title docs + other-field value occurrences), for ranking
        # word-prefix completions (prefix_bonus).
        self._df = array.array(
            "I", [len(title_post.get(t, ())) + len(other_post.get(t, ())) for t in vocab]
        )
        # The vocabulary again, shortest first, so "tokens of length >= L" (typo candidates) is
        # one list slice instead of a filtering pass per keystroke.
        by_len = sorted(range(len(vocab)), key=lambda t: len(vocab[t]))
        self._len_tids = by_len
        self._len_toks = [vocab[t] for t in by_len]
        lengths = [len(t) for t in self._len_toks]
        longest = lengths[-1] if lengths else 0
        self._len_start = [bisect_left(lengths, k) for k in range(longest + 2)]

        self._fields: dict[str, dict[str, list[int]]] = dict(
            zip(("outlets", "places", "people", "orgs"), fields, strict=True)
        )
        self._flags = {"read": read, "starred": starred, "note": note, "quote": quote}
        self._tags_at = tags_at
        self._rebuild_tag_index()
        self._word_cache: OrderedDict[tuple[str, bool], Tiers] = OrderedDict()
        self._word_cache_max = max(8, min(_WORD_CACHE, _WORD_CACHE_BYTES // (12 * n // 8 + 1)))
        self._reset_dynamic()

    def _postings(self, ps: list[int] | None, dense_at: int, empty: list[int]) -> list[int] | int:
        """Postings as a sorted list, or as a bitset when the token is common.

        Lists, not arrays: iterating a list hands out existing int objects instead of boxing
        new ones, which makes building bitsets from postings faster at query time.
        """
        if not ps:
            return empty
        if len(ps) >= dense_at:
            return self._mask_of(ps)
        return ps

    def _rebuild_tag_index(self) -> None:
        """Folded tag value -> positions, and folded tag token -> positions (both small).

        Both dicts and their sets are never mutated once published (see :meth:`_retag`), so a
        search running in a worker thread reads a consistent snapshot during an edit.
        """
        by_value: dict[str, set[int]] = {}
        by_token: dict[str, set[int]] = {}
        for p, tg in enumerate(self._tags_at):
            for t in tg:
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
        self._results: OrderedDict[Query, list[int]] = OrderedDict()
        self._filter_cache: OrderedDict[tuple[object, ...], Mask] = OrderedDict()

    # ----------------------------------------------------------------- public API

    def __len__(self) -> int:
        return self._n

    def add(self, docs: Sequence[SearchDoc]) -> None:
        """Append docs (after an import); rebuilds, as new docs reorder the date positions."""
        if not docs:
            return
        with self._lock:
            self._docs.extend(docs)
            self._build()

    def update_user(
        self,
        i: int,
        *,
        tags: Iterable[str] | None = None,
        read: bool | None = None,
        starred: bool | None = None,
        has_note: bool | None = None,
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
        self._user[i] = (
            self._tags_at[p],
            bool(flags["read"][p]),
            bool(flags["starred"][p]),
            bool(flags["note"][p]),
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
        query: str | Query,
        *,
        body_of: Callable[[int], str] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> SearchResult:
        """Docs matching ``query`` in display order (see the module docstring).

        ``body_of(i)`` supplies doc ``i``'s body for ``body:`` terms (without it they match
        nothing). ``cancelled()`` is polled between stages and every few thousand docs in
        per-document loops; when it returns True the result is empty with ``cancelled=True``.
        """
        q = parse_query(query) if isinstance(query, str) else query
        never: Callable[[], bool] = cancelled or (lambda: False)
        with self._lock:
            if never():  # superseded while waiting for the lock
                return SearchResult(q, [], self._n, cancelled=True)
            return self._search_locked(q, body_of, never)

    def _search_locked(
        self, q: Query, body_of: Callable[[int], str] | None, never: Callable[[], bool]
    ) -> SearchResult:
        """:meth:`search` with the lock held: the result cache, then the real work."""
        cacheable = not q.body  # body_of is the caller's; its answers aren't ours to keep
        results = self._results  # captured: an edit meanwhile swaps in a fresh cache
        if cacheable:
            hit = results.get(q)
            if hit is not None:
                results.move_to_end(q)
                return SearchResult(q, list(hit), self._n)
        order = self._run(q, body_of, never)
        if order is None:
            return SearchResult(q, [], self._n, cancelled=True)
        if cacheable:
            results[q] = order
            total = sum(map(len, results.values()))
            while len(results) > 1 and (
                len(results) > _RESULT_CACHE or total > _RESULT_CACHE_ITEMS
            ):
                total -= len(results.popitem(last=False)[1])
            order = list(order)
        return SearchResult(q, order, self._n)

    def highlight(self, i: int, query: str | Query) -> list[tuple[int, int]]:
        """Sorted, non-overlapping ``(start, end)`` spans of doc ``i``'s title that matched."""
        q = parse_query(query) if isinstance(query, str) else query
        title = self._docs[i].get("title") or ""
        return highlight_spans(title, q)

    # ----------------------------------------------------------------- the search proper

    def _run(
        self, q: Query, body_of: Callable[[int], str] | None, cancelled: Callable[[], bool]
    ) -> list[int] | None:
        """The ordered doc indices for ``q``, or None when cancelled."""
        cand = self._filter_mask(q)
        if cancelled():
            return None
        groups: Tiers = [(0, cand)]
        for w, partial in query_words(q.text, q.text_open):
            if not groups:
                break
            tiers = self._word_tiers(w, partial)
            if cancelled():
                return None
            groups = self._combine(groups, tiers)
        groups.sort(key=lambda g: -g[0])
        check = self._doc_checker(q, body_of)
        poll = 64 if q.body else _POLL  # body_of may read files: poll far more often
        out: list[int] = []
        for _score, mask in groups:
            if not mask:
                continue
            members = self._members(mask)
            if check is None:
                out.extend(members)
                continue
            for k, i in enumerate(members):
                if k % poll == 0 and cancelled():
                    return None
                if check(i):
                    out.append(i)
        return out

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

    # ----------------------------------------------------------------- filters

    def _filter_mask(self, q: Query) -> Mask:
        """Bitset of docs passing every structured filter (not phrases' exact check, not body)."""
        key = q.filters_key
        cache = self._filter_cache  # captured, as in search()
        hit = cache.get(key)
        if hit is not None:
            return hit
        m = self._all
        for t in q.tags:
            m &= self._value_mask(self._tag_values, t)
        for t in q.not_tags:
            m &= ~self._value_mask(self._tag_values, t)
        for name, terms in (
            ("outlets", q.outlets),
            ("places", q.places),
            ("people", q.people),
            ("orgs", q.orgs),
        ):
            for t in terms:
                m &= self._value_mask(self._fields[name], t)
        if q.after or q.before:
            m &= self._date_mask(q.after, q.before)
        for flag in q.is_flags:
            if flag == "read":
                m &= self._flag_mask("read")
            elif flag == "unread":
                m &= ~self._flag_mask("read")
            elif flag == "starred":
                m &= self._flag_mask("starred")
            elif flag == "unstarred":
                m &= ~self._flag_mask("starred")
        for h in q.has:
            if h == "tag":
                m &= self._union(self._tag_values.values())
            elif h in ("note", "quote"):
                m &= self._flag_mask(h)
        for ph in q.phrases:
            m &= self._phrase_candidates(ph)
        cache[key] = m
        if len(cache) > _RESULT_CACHE:
            cache.popitem(last=False)
        return m

    def _value_mask(
        self, index: dict[str, list[int]] | dict[str, frozenset[int]], term: str
    ) -> Mask:
        """Bitset of docs with some value in ``index`` containing folded ``term``."""
        ft = fold(term).strip()
        return self._union(ps for v, ps in index.items() if ft in v)

    def _date_mask(self, after: str | None, before: str | None) -> Mask:
        """Bitset of dated docs with after <= date <= before (positions are date-descending)."""
        nd, asc = self._n_dated, self._dates_asc
        hi = nd - bisect_left(asc, after) if after else nd  # positions [0, hi) have date >= after
        lo = nd - bisect_right(asc, before) if before else 0  # [lo, nd) have date <= before
        return self._range_mask(lo, hi)

    def _flag_mask(self, name: str) -> Mask:
        masks = self._flag_masks  # captured, as in search()
        m = masks.get(name)
        if m is None:
            ba = self._flags[name]
            m = int(ba.translate(_TO_01)[::-1], 2) if self._n else 0
            masks[name] = m
        return m

    def _phrase_candidates(self, phrase: str) -> Mask:
        """A superset of the docs containing ``phrase``: each of its words is inside a token."""
        toks = TOKEN_RE.findall(fold(phrase))
        m = self._all
        for t in sorted(set(toks), key=len, reverse=True)[:3]:
            tids = self._substring_tids(t)
            m &= self._union(
                [self._title_post[k] for k in tids]
                + [self._other_post[k] for k in tids]
                + [ps for tok, ps in self._tag_tokens.items() if t in tok]
            )
        return m

    def _doc_checker(
        self, q: Query, body_of: Callable[[int], str] | None
    ) -> Callable[[int], bool] | None:
        """A per-doc test for the checks bitsets can't do exactly (phrases, body), or None."""
        if not q.phrases and not q.body:
            return None
        phrases = [p for p in (normalise(ph) for ph in q.phrases) if p]
        bodies = [_term_matcher(b) for b in q.body]
        docs, tags_at, pos_of = self._docs, self._tags_at, self._pos_of

        def check(i: int) -> bool:
            if phrases:
                text = _phrase_text(docs[i], tags_at[pos_of[i]])
                if not all(p in text for p in phrases):
                    return False
            if bodies:
                if body_of is None:
                    return False
                body = fold(body_of(i) or "")
                if not all(b(body) for b in bodies):
                    return False
            return True

        return check

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

    def _token_scores(self, w: str, partial: bool) -> dict[int, tuple[int, int]]:
        """token id -> (title score, other score) for every token ``w`` matches."""
        out: dict[int, tuple[int, int]] = {}
        lo, hi = self._prefix_range(w)
        if lo < hi and self._vocab[lo] == w and not partial:
            out[lo] = (TITLE_EXACT, OTHER_EXACT)
            lo += 1
        if lo < hi and len(w) >= PREFIX_BONUS_MIN_LEN:
            df = self._df
            max_df = max(df[lo:hi])
            for tid in range(lo, hi):
                b = prefix_bonus(df[tid], max_df)
                out[tid] = (TITLE_PREFIX + b, OTHER_PREFIX + b)
        else:
            out.update(dict.fromkeys(range(lo, hi), (TITLE_PREFIX, OTHER_PREFIX)))
        if len(w) >= SUBSTR_MIN_LEN:
            for tid in self._substring_tids(w):
                if tid not in out:
                    out[tid] = (TITLE_SUBSTR, OTHER_SUBSTR)
        if len(w) >= FUZZY_MIN_LEN:
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
                    sim = fuzzy_sim(w, tok)
                    if sim:
                        b = fuzzy_bonus(sim)
                        out[tid] = (TITLE_FUZZY + b, OTHER_FUZZY + b)
        return out

    def _word_tiers(self, w: str, partial: bool) -> Tiers:
        """Disjoint (score, bitset) pairs for one query word, tags included."""
        key = (w, partial)
        static = self._word_cache.get(key)
        if static is None:
            static = self._static_tiers(w, partial)
            self._word_cache[key] = static
            if len(self._word_cache) > self._word_cache_max:
                self._word_cache.popitem(last=False)
        else:
            self._word_cache.move_to_end(key)
        if not self._tag_tokens:
            return static
        by_score: dict[int, list[frozenset[int]]] = {}
        for tok, ps in self._tag_tokens.items():
            s = token_score(w, tok, title=False, partial=partial)
            if s:
                by_score.setdefault(s, []).append(ps)
        if not by_score:
            return static
        extra = [(s, self._union(pss)) for s, pss in by_score.items()]
        return _disjoint(static + extra)

    def _static_tiers(self, w: str, partial: bool) -> Tiers:
        """Tiers from the build-time fields (title, outlet, places, people, organizations)."""
        groups: dict[int, list[list[int] | int]] = {}
        tp, op = self._title_post, self._other_post
        for tid, (ts, os_) in self._token_scores(w, partial).items():
            groups.setdefault(ts, []).append(tp[tid])
            groups.setdefault(os_, []).append(op[tid])
        return _disjoint([(s, self._union(ps)) for s, ps in groups.items()])


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


def _phrase_text(d: SearchDoc, tags: Iterable[str]) -> str:
    """Normalised fields one per line, so a phrase can't run from one field into the next."""
    vals = [d.get("title") or "", *_other_values(d), *tags]
    return "\n".join(normalise(v) for v in vals)


def highlight_spans(title: str, q: Query) -> list[tuple[int, int]]:
    """Spans of ``title`` matched by the free-text words and phrases of ``q``, merged."""
    folded, idx = fold_with_map(title)
    spans: list[tuple[int, int]] = []
    ws = words(q.text)
    toks = [(m.start(), m.group()) for m in TOKEN_RE.finditer(folded)]
    if ws:
        for start, tok in toks:
            for w in ws:
                if token_score(w, tok, title=True):
                    sp = match_span(w, tok)
                    if sp:
                        spans.append((start + sp[0], start + sp[1]))
    if q.phrases and toks:
        # The normalised title is the tokens joined by single spaces; map its offsets back.
        norm_starts: list[int] = []
        parts: list[str] = []
        off = 0
        for _start, tok in toks:
            norm_starts.append(off)
            parts.append(tok)
            off += len(tok) + 1
        norm = " ".join(parts)

        def to_folded(k: int) -> int:
            j = bisect_right(norm_starts, k) - 1
            return toks[j][0] + (k - norm_starts[j])

        for ph in q.phrases:
            p = normalise(ph)
            if not p:
                continue
            k = norm.find(p)
            while k >= 0:
                spans.append((to_folded(k), to_folded(k + len(p) - 1) + 1))
                k = norm.find(p, k + 1)
    # Folded offsets -> original offsets, then merge overlaps.
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        s, e = idx[a], idx[b - 1] + 1
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def reference_search(
    docs: Sequence[SearchDoc],
    query: str | Query,
    *,
    body_of: Callable[[int], str] | None = None,
) -> list[int]:
    """The same result as :meth:`SearchIndex.search`, computed doc by doc (slow; for tests/bench).

    Scores every doc with :func:`store.searchkeys.token_score` over all its tokens, applies every
    filter directly, and sorts by (score descending, newest-first position).
    """
    q = parse_query(query) if isinstance(query, str) else query
    ftitles = [fold(d.get("title") or "") for d in docs]
    dates = [_doc_date(d) for d in docs]
    pos = {i: p for p, i in enumerate(_newest_first(ftitles, dates))}
    ws = query_words(q.text, q.text_open)
    static: list[tuple[set[str], set[str]]] = []
    df: dict[str, int] = {}
    for i, d in enumerate(docs):
        ttoks = set(TOKEN_RE.findall(ftitles[i]))
        ovals = [set(TOKEN_RE.findall(fold(v))) for v in _other_values(d)]
        static.append((ttoks, set().union(*ovals)))
        # How common a token is: docs with it in the title, plus other-field values with it.
        for toks in (ttoks, *ovals):
            for t in toks:
                df[t] = df.get(t, 0) + 1
    # Per word: the prefix bonus of each static token it is a word-prefix match on.
    bonuses: list[dict[str, int]] = []
    for w, partial in ws:
        comp = [t for t in df if t.startswith(w) and (partial or t != w)]
        max_df = max((df[t] for t in comp), default=1)
        if len(w) < PREFIX_BONUS_MIN_LEN:
            comp = []
        bonuses.append({t: prefix_bonus(df[t], max_df) for t in comp})
    scored: list[tuple[int, int, int]] = []
    for i, d in enumerate(docs):
        if not _ref_passes(d, q, i, body_of):
            continue
        total = 0
        ttoks, otoks = static[i]
        tagtoks = {t for v in d.get("tags") or () for t in TOKEN_RE.findall(fold(v))}
        for (w, partial), bon in zip(ws, bonuses, strict=True):
            best = 0
            for toks, title, use_bonus in (
                (ttoks, True, True),
                (otoks, False, True),
                (tagtoks, False, False),
            ):
                for t in toks:
                    b = bon.get(t, 0) if use_bonus else 0
                    best = max(best, token_score(w, t, title=title, partial=partial, bonus=b))
            if not best:
                break
            total += best
        else:
            scored.append((-total, pos[i], i))
    scored.sort()
    return [i for _s, _p, i in scored]


def _ref_passes(d: SearchDoc, q: Query, i: int, body_of: Callable[[int], str] | None) -> bool:
    """Whether doc ``d`` (index ``i``) passes every filter of ``q``, checked directly."""

    def has_value(vals: Iterable[str | None], term: str) -> bool:
        ft = fold(term).strip()
        return any(ft in fold(v) for v in vals if v)

    tags = list(d.get("tags") or ())
    if not all(has_value(tags, t) for t in q.tags):
        return False
    if any(has_value(tags, t) for t in q.not_tags):
        return False
    for terms, vals in (
        (q.outlets, [d.get("outlet")]),
        (q.places, d.get("places") or []),
        (q.people, d.get("people") or []),
        (q.orgs, d.get("organizations") or []),
    ):
        if not all(has_value(vals, t) for t in terms):
            return False
    date = _doc_date(d)
    if (q.after or q.before) and not date:
        return False
    if (q.after and date < q.after) or (q.before and date > q.before):
        return False
    state = {
        "read": bool(d.get("read")),
        "unread": not d.get("read"),
        "starred": bool(d.get("starred")),
        "unstarred": not d.get("starred"),
        "note": bool(d.get("has_note")),
        "tag": bool(tags),
        "quote": (d.get("n_quotes") or 0) > 0,
    }
    if not all(state[f] for f in q.is_flags) or not all(state[h] for h in q.has):
        return False
    phrases = [p for p in (normalise(ph) for ph in q.phrases) if p]
    if phrases:
        text = _phrase_text(d, tags)
        if not all(p in text for p in phrases):
            return False
    if q.body:
        if body_of is None:
            return False
        body = fold(body_of(i) or "")
        if not all(_term_matcher(b)(body) for b in q.body):
            return False
    return True
