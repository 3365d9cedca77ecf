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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from warta.store.search.index import Mask, SearchIndex, Tiers, _disjoint, is_typo
from warta.store.search.keys import SUBSTR_MIN_LEN, TITLE_EXACT, TOKEN_RE, fold
from warta.store.search.query import And, Filter, Node, Not, Or, Phrase, Query, Word
from warta.store.search.variants import completions, variants

if TYPE_CHECKING:
    from warta.store.search.fulltext import FullText

RANKED = 2000
"""Body matches ordered by BM25: the best this many; any further ones follow newest first."""
_RESULT_CACHE = 16
_BODY_CACHE = 48


@dataclass
class SearchResult:
    """Matching doc indices in display order; ``total`` is the size of the whole index."""

    query: Query
    order: list[int]
    total: int
    cancelled: bool = False
    mask: Mask = 0
    """The result as a bitset over the index's positions (for timelines, facets)."""
    body_only: bytes = b""
    """Per position, 1 where the article matched only through its body (for snippets)."""
    body_ready: bool = True
    """False when body words could not be looked up (no full-text index yet)."""
    notes: list[str] = field(default_factory=list)


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

    def mask(self, leaf: Word | Phrase) -> Mask:
        key = (leaf, self.ft.count)
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
        got = self.ft.positions(self.query_of(leaf))
        index = self.index
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
                return SearchResult(
                    q, list(hit.order), hit.total, False, hit.mask, hit.body_only, hit.body_ready
                )
        try:
            res = self._run(q, never)
        except _Cancelled:
            return SearchResult(q, [], len(index), cancelled=True)
        with self._lock:
            self._results[key] = res
            if len(self._results) > _RESULT_CACHE:
                self._results.popitem(last=False)
        return SearchResult(
            q, list(res.order), res.total, False, res.mask, res.body_only, res.body_ready
        )

    def _run(self, q: Query, never: Callable[[], bool]) -> SearchResult:
        index = self.index
        n = len(index)
        self._never = never
        self._fuzzy = q.fuzzy
        self._body_missing = False
        if q.root is None:
            order = index.ordered_members(index.all, q.sort or "-date")
            return SearchResult(q, order, n, mask=index.all)
        v = self._eval(q.root, False)
        result = v.l2
        sort = q.effective_sort
        body_only = b""
        if sort != "relevance":
            order = index.ordered_members(result, sort)
            bo = (v.l1 & ~v.l0) & result
        else:
            a = v.l0 & result
            b = v.l1 & ~a
            c = result & ~v.l1
            order = self._by_tiers(v.tiers, a)
            self._check()
            if b:
                if self.body is not None:
                    leaves = [
                        leaf
                        for leaf in q.leaves()
                        if leaf.field in (None, "body", "said")
                        and not (isinstance(leaf, Word) and _short(leaf))
                    ]
                    order += self.body.rank(leaves, b)
                else:
                    order += index.members(b)
            order += self._by_tiers(v.tiers, c)
            bo = b
        if bo:
            body_only = index.bits(bo)
        return SearchResult(
            q, order, n, mask=result, body_only=body_only, body_ready=not self._body_missing
        )

    def _check(self) -> None:
        if self._never():
            raise _Cancelled

    def _by_tiers(self, tiers: Tiers, within: Mask) -> list[int]:
        out: list[int] = []
        for _s, m in sorted(tiers, key=lambda t: -t[0]):
            m &= within
            if m:
                out.extend(self.index.members(m))
        return out

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
            m = self._body(w)
            return _Val(0, m, m, [(0, m)])
        if negated and _short(w):
            w = Word(w.text, w.field, exact=True, open=w.open)
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
        if _short(w):
            # One or two letters say nothing yet: they rank what they begin, filter nothing.
            return _Val(index.all, index.all, index.all, [*tiers, (0, index.all & ~(exact | typo))])
        body = self._body(w) if w.field is None else 0
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

    def _body(self, leaf: Word | Phrase) -> Mask:
        if self.body is None:
            self._body_missing = True
            return 0
        return self.body.mask(leaf)

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


def _short(w: Word) -> bool:
    """One or two letters, not marked exact (``=ri``) or prefix (``ri*``): ranks, never filters.
    An exact word still being typed (``"pe`` or ``=pe``) is short too: a prefix of two letters
    would match nearly every article's body."""
    return len(w.text) < SUBSTR_MIN_LEN and not w.prefix and (not w.exact or w.open)


class _Cancelled(Exception):
    pass


def leaves_for_body(q: Query) -> Iterable[Word | Phrase]:
    """The words and phrases of ``q`` that look in bodies (what the reader highlights there)."""
    for leaf in q.leaves():
        if leaf.field in (None, "body", "said") and not (isinstance(leaf, Word) and _short(leaf)):
            yield leaf
