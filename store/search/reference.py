"""The query engine's rules done the slow, obvious way, doc by doc (for tests and benchmarks).

:func:`reference_search` scores every doc with :func:`keys.token_score` over its tokens,
evaluates the AST directly, matches body words by scanning the body text with the same token
rules as the full-text index, and orders the result as the engine does, except that articles
matching only through their body come newest first (no BM25 here). Tests check that the fast
engine agrees with it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from warta.store.search.index import (
    SearchDoc,
    _doc_date,
    _newest_first,
    _other_values,
    is_typo,
    tag_token_score,
)
from warta.store.search.keys import (
    PREFIX_BONUS_MIN_LEN,
    SUBSTR_MIN_LEN,
    TITLE_EXACT,
    TOKEN_RE,
    fold,
    normalise,
    prefix_bonus,
    token_score,
)
from warta.store.search.outlets import key as outlet_key
from warta.store.search.parser import parse
from warta.store.search.query import And, Filter, Node, Not, Or, Phrase, Query, Word
from warta.store.search.variants import completions, variants


@dataclass
class _V:
    l0: bool
    l1: bool
    l2: bool
    score: int


class _Ref:
    def __init__(
        self,
        docs: Sequence[SearchDoc],
        q: Query,
        body_of: Callable[[int], str] | None,
        note_of: Callable[[int], str] | None,
    ) -> None:
        self.docs = docs
        self.q = q
        self.body_of = body_of
        self.note_of = note_of
        self.title_toks = [set(TOKEN_RE.findall(fold(d.get("title") or ""))) for d in docs]
        self.other_toks = [[set(TOKEN_RE.findall(fold(v))) for v in _other_values(d)] for d in docs]
        self.df: dict[str, int] = {}
        for t_toks, vals in zip(self.title_toks, self.other_toks, strict=True):
            for toks in (t_toks, *vals):
                for t in toks:
                    self.df[t] = self.df.get(t, 0) + 1
        self._bonus: dict[tuple[str, bool], dict[str, int]] = {}

    def bonus(self, w: str, partial: bool) -> dict[str, int]:
        key = (w, partial)
        if key not in self._bonus:
            comp = [t for t in self.df if t.startswith(w) and (partial or t != w)]
            max_df = max((self.df[t] for t in comp), default=1)
            if len(w) < PREFIX_BONUS_MIN_LEN:
                comp = []
            self._bonus[key] = {t: prefix_bonus(self.df[t], max_df) for t in comp}
        return self._bonus[key]

    # -- words -----------------------------------------------------------------------------------

    def meta_score(self, i: int, w: Word) -> int:
        mode = "exact" if w.exact else "prefix" if w.prefix else "normal"
        typo = self.q.fuzzy and not w.exact
        bon = self.bonus(w.text, w.open)
        extra_exact = set(variants(w.text)) if not w.open else set()
        extra_prefix = completions(w.text) if (w.open or mode != "exact") else set()
        best = 0
        fields = [(self.title_toks[i], True)]
        if w.field != "title":
            fields.append((set().union(*self.other_toks[i]), False))
        for toks, title in fields:
            for t in toks:
                if t in extra_exact and (mode != "exact" or not w.open):
                    s = 100 if title else 65
                elif t in extra_prefix:
                    s = 90 if title else 55
                elif mode == "normal":
                    s = token_score(
                        w.text, t, title=title, partial=w.open, bonus=bon.get(t, 0), typo=typo
                    )
                elif t == w.text and not w.open:
                    s = 100 if title else 65
                elif (mode == "prefix" or w.open) and t.startswith(w.text):
                    s = (90 if title else 55) + bon.get(t, 0)
                else:
                    s = 0
                best = max(best, s)
        if w.field != "title":
            for tag in self.docs[i].get("tags") or ():
                for t in TOKEN_RE.findall(fold(tag)):
                    best = max(best, tag_token_score(w.text, t, w.open, mode, typo))
        return best

    def body_has(self, i: int, leaf: Word | Phrase) -> bool:
        if self.body_of is None:
            return False
        toks = TOKEN_RE.findall(fold(self.body_of(i) or ""))
        if isinstance(leaf, Phrase):
            n = len(leaf.words)
            for k in range(len(toks) - n + 1):
                win = toks[k : k + n]
                last = win[-1] == leaf.words[-1] or (
                    leaf.open and win[-1].startswith(leaf.words[-1])
                )
                if last and win[:-1] == list(leaf.words[:-1]):
                    return True
            return False
        w = leaf.text
        ok = {w, *variants(w)}
        pre = leaf.open or leaf.prefix
        comp = completions(w) if pre else set()
        return any(t in ok or t in comp or (pre and t.startswith(w)) for t in toks)

    def note_has(self, i: int, leaf: Word | Phrase) -> bool:
        text = fold(self.note_of(i)) if self.note_of else ""
        toks = TOKEN_RE.findall(text)
        if isinstance(leaf, Phrase):
            needle = " " + " ".join(leaf.words) + ("" if leaf.open else " ")
            return needle in " " + " ".join(toks) + " "
        exact = leaf.exact and not leaf.open
        return any((t == leaf.text) if exact else t.startswith(leaf.text) for t in toks)

    # -- nodes -----------------------------------------------------------------------------------

    def ev(self, i: int, node: Node, negated: bool = False) -> _V:
        if isinstance(node, Word):
            w = node
            if w.field == "note":
                b = self.note_has(i, w)
                return _V(b, b, b, 0)
            if w.field in ("body", "said"):
                b = w.field == "body" and self.body_has(i, w)
                return _V(False, b, b, 0)
            short = len(w.text) < SUBSTR_MIN_LEN and not w.exact and not w.prefix
            if negated and short:
                w = Word(w.text, w.field, exact=True, open=w.open)
                short = False
            if short:
                return _V(True, True, True, 0)
            s = self.meta_score(i, w)
            exact = bool(s) and not is_typo(s)
            body = w.field is None and not exact and self.body_has(i, w)
            l1 = exact or body
            return _V(exact, l1, l1 or bool(s), s)
        if isinstance(node, Phrase):
            if node.field == "note":
                b = self.note_has(i, node)
                return _V(b, b, b, 0)
            if node.field in ("body", "said"):
                b = node.field == "body" and self.body_has(i, node)
                return _V(False, b, b, 0)
            d = self.docs[i]
            vals = [d.get("title") or ""]
            if node.field != "title":
                vals += [*_other_values(d), *(d.get("tags") or ())]
            needle = " " + " ".join(node.words) + ("" if node.open else " ")
            meta = any(needle in " " + normalise(v) + " " for v in vals)
            body = node.field is None and not meta and self.body_has(i, node)
            return _V(meta, meta or body, meta or body, TITLE_EXACT if meta else 0)
        if isinstance(node, Filter):
            b = self.filter(i, node)
            return _V(b, b, b, 0)
        if isinstance(node, Not):
            c = self.ev(i, node.child, not negated)
            return _V(not c.l1, not c.l1, not c.l1, 0)
        vals = [self.ev(i, c, negated) for c in node.children]
        if isinstance(node, And):
            l2 = all(v.l2 for v in vals)
            return _V(
                all(v.l0 for v in vals),
                all(v.l1 for v in vals),
                l2,
                sum(v.score for v in vals) if l2 else 0,
            )
        assert isinstance(node, Or)
        return _V(
            any(v.l0 for v in vals),
            any(v.l1 for v in vals),
            any(v.l2 for v in vals),
            max((v.score for v in vals if v.l2), default=0),
        )

    def filter(self, i: int, f: Filter) -> bool:
        d = self.docs[i]
        k, v = f.kind, fold(f.value).strip()
        if k == "tag":
            ft = v.strip("/")
            for tag in d.get("tags") or ():
                t = fold(tag)
                if t == ft or t.startswith(ft + "/"):
                    return True
                if f.open and (t.startswith(ft) or any(x.startswith(ft) for x in t.split("/"))):
                    return True
            return False
        if k == "outlet":
            return bool(d.get("outlet")) and v in fold(d["outlet"] or "")
        if k in ("place", "person", "org"):
            name = {"place": "places", "person": "people", "org": "organizations"}[k]
            return any(v in fold(x) for x in d.get(name) or () if x)  # type: ignore[attr-defined]
        date = _doc_date(d)
        if k == "after":
            return bool(date) and date >= f.value
        if k == "before":
            return bool(date) and date < f.value
        if k == "is":
            return {
                "read": bool(d.get("read")),
                "unread": not d.get("read"),
                "starred": bool(d.get("starred")),
                "unstarred": not d.get("starred"),
            }[f.value]
        if k == "has":
            return {
                "note": bool(d.get("has_note")),
                "tag": bool(d.get("tags")),
                "quote": (d.get("n_quotes") or 0) > 0,
                "highlight": bool(d.get("has_highlight")),
            }[f.value]
        return False  # speaker: needs the full-text index's speakers


def reference_search(
    docs: Sequence[SearchDoc],
    query: str | Query,
    *,
    body_of: Callable[[int], str] | None = None,
    note_of: Callable[[int], str] | None = None,
    typing: bool = True,
) -> list[int]:
    """The engine's result for ``query`` (body-only matches newest first), doc by doc."""
    q = parse(query, typing=typing) if isinstance(query, str) else query
    ftitles = [fold(d.get("title") or "") for d in docs]
    dates = [_doc_date(d) for d in docs]
    newest = _newest_first(ftitles, dates)
    pos = {i: p for p, i in enumerate(newest)}
    if q.root is None:
        return _sorted(docs, newest, q.sort or "-date", dates)
    ref = _Ref(docs, q, body_of, note_of)
    vals = {i: ref.ev(i, q.root) for i in range(len(docs))}
    hits = [i for i in newest if vals[i].l2]
    sort = q.effective_sort
    if sort != "relevance":
        return _sorted(docs, hits, sort, dates)
    a = sorted((i for i in hits if vals[i].l0), key=lambda i: (-vals[i].score, pos[i]))
    b = [i for i in hits if vals[i].l1 and not vals[i].l0]
    c = sorted((i for i in hits if not vals[i].l1), key=lambda i: (-vals[i].score, pos[i]))
    return a + b + c


def _sorted(docs: Sequence[SearchDoc], newest: list[int], sort: str, dates: list[str]) -> list[int]:
    if sort == "-date":
        return list(newest)
    if sort == "date":
        dated = [i for i in newest if dates[i]]
        return dated[::-1] + [i for i in newest if not dates[i]]
    rank = {i: p for p, i in enumerate(newest)}
    return sorted(newest, key=lambda i: (outlet_key(docs[i]["outlet"] or "\uffff"), rank[i]))
