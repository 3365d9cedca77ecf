"""Where a query's words and phrases are in an article's text: spans for the reader, snippets
for the list. The same token rules as the full-text index (folded tokens, spelling variants,
prefixes while a word is typed), applied to the cleaned body."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from warta.store.search.keys import TOKEN_RE, fold_with_map
from warta.store.search.query import Phrase, Word
from warta.store.search.variants import completions, variants


def _word_ok(leaf: Word, tok: str) -> bool:
    w = leaf.text
    if tok == w or tok in variants(w):
        return True
    return (leaf.open or leaf.prefix) and (tok.startswith(w) or tok in completions(w))


def body_spans(text: str, leaves: Iterable[Word | Phrase]) -> list[tuple[int, int]]:
    """Sorted, merged ``(start, end)`` offsets in ``text`` where any of ``leaves`` matches."""
    leaves = list(leaves)
    if not leaves or not text:
        return []
    folded, idx = fold_with_map(text)
    toks = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(folded)]
    spans: list[tuple[int, int]] = []
    words = [leaf for leaf in leaves if isinstance(leaf, Word)]
    phrases = [leaf for leaf in leaves if isinstance(leaf, Phrase)]
    for k, (a, b, tok) in enumerate(toks):
        for w in words:
            if _word_ok(w, tok):
                spans.append((a, b))
                break
        for p in phrases:
            n = len(p.words)
            if k + n > len(toks):
                continue
            window = [t for _a, _b, t in toks[k : k + n]]
            last_ok = window[-1] == p.words[-1] or (p.open and window[-1].startswith(p.words[-1]))
            if last_ok and window[:-1] == list(p.words[:-1]):
                spans.append((a, toks[k + n - 1][1]))
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        s, e = idx[a], idx[b - 1] + 1
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def snippet(
    text: str, leaves: Sequence[Word | Phrase], width: int = 90
) -> tuple[str, list[tuple[int, int]]] | None:
    """One line of ``text`` around its first match: (line, spans of matches in the line)."""
    spans = body_spans(text, leaves)
    if not spans:
        return None
    a = spans[0][0]
    start = max(0, a - min(width // 4, 24))  # a little context before, most of it after
    if start:
        sp = text.rfind(" ", 0, start)
        start = sp + 1 if sp >= 0 and a - sp < width // 2 else start
    end = min(len(text), start + width)
    line = text[start:end].replace("\n", " ")
    prefix = "…" if start else ""
    out = [
        (s - start + len(prefix), e - start + len(prefix))
        for s, e in spans
        if s >= start and e <= end
    ]
    return prefix + line + ("…" if end < len(text) else ""), out
