"""Robust anchors for highlighted passages, as Hypothesis anchors its highlights.

A passage is stored with a TextQuoteSelector (``exact`` plus ``prefix``/``suffix`` context) and
a TextPositionSelector (``start``/``end``) against the article's text as imported (see
:class:`warta.store.model.Selector`). To show it in a text that may differ (the reader's cleaned
body, a newer extractor's cleaning, a colleague's copy), :func:`anchor` tries, in order:

1. the position, if the text there is still the quote;
2. exact search for the quote (whitespace-insensitive), the occurrence whose context and place
   fit best when there are several;
3. a fuzzy match (rapidfuzz), scored on the quote, the prefix, the suffix and nearness to where
   it was, accepted only when the quote itself still reads nearly the same and its context
   agrees: a passage whose own words are gone is orphaned, never moved onto other words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from warta.store.model import Selector

CONTEXT = 32
"""Characters of prefix and suffix kept with a quote."""
FUZZY_QUOTE_MIN = 85.0
"""Similarity (0-100) the quote must keep for a fuzzy match."""
FUZZY_CONTEXT_MIN = 60.0
"""Mean similarity of prefix and suffix a fuzzy match needs (when the selector has them)."""
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Anchored:
    """Where a selector landed in a text, and how (``position``, ``exact`` or ``fuzzy``)."""

    start: int
    end: int
    method: str


def describe(text: str, start: int, end: int, context: int = CONTEXT) -> Selector:
    """The selectors of ``text[start:end]``."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return Selector(
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
        start=start,
        end=end,
    )


class _Folded:
    """``text`` with every whitespace run folded to one space, and a map back to offsets."""

    def __init__(self, text: str) -> None:
        out: list[str] = []
        starts: list[int] = []
        pos = 0
        for m in _WS.finditer(text):
            out.append(text[pos : m.start()])
            starts.extend(range(pos, m.start()))
            out.append(" ")
            starts.append(m.start())
            pos = m.end()
        out.append(text[pos:])
        starts.extend(range(pos, len(text)))
        self.text = "".join(out)
        self._starts = starts
        self._len = len(text)

    def orig_start(self, i: int) -> int:
        return self._starts[i] if i < len(self._starts) else self._len

    def orig_end(self, i: int, source: str) -> int:
        """Original offset just past folded character ``i - 1`` (a whitespace run ends fully)."""
        if i <= 0:
            return 0
        j = self._starts[i - 1]
        if self.text[i - 1] == " ":
            m = _WS.match(source, j)
            return m.end() if m else j + 1
        return j + 1


def _fold(s: str) -> str:
    return _WS.sub(" ", s)


def anchor(text: str, sel: Selector, hint: int | None = None) -> Anchored | None:
    """Place ``sel`` in ``text``; None when it cannot be placed (an orphan).

    ``hint`` is where the passage is expected (defaults to the selector's own start); it
    only breaks ties between equally good places.
    """
    exact = sel["exact"]
    if not exact.strip():
        return None
    start, end = sel.get("start", -1), sel.get("end", -1)
    if 0 <= start <= end <= len(text) and text[start:end] == exact:
        return Anchored(start, end, "position")
    where = start if hint is None else hint
    folded = _Folded(text)
    q = _fold(exact).strip()
    found = _exact(text, folded, q, sel, where)
    if found is not None and found[1] >= FUZZY_CONTEXT_MIN:
        return found[0]
    # An exact copy whose surroundings disagree may be the same words said again elsewhere:
    # a fuzzy match in the passage's own context (its words lightly edited) is the better place.
    fuzzy = _fuzzy(text, folded, q, sel, where)
    if fuzzy is not None and (found is None or fuzzy[1] > found[1] + 20):
        return fuzzy[0]
    return found[0] if found is not None else None


def _context_score(text: str, folded: _Folded, fs: int, fe: int, sel: Selector) -> float:
    """Mean similarity (0-100) of the selector's prefix and suffix to the text around a match."""
    prefix = _fold(sel.get("prefix", "")).lstrip()
    suffix = _fold(sel.get("suffix", "")).rstrip()
    scores = []
    if prefix.strip():
        before = folded.text[max(0, fs - len(prefix)) : fs]
        scores.append(_tail_similarity(prefix, before))
    if suffix.strip():
        after = folded.text[fe : fe + len(suffix)]
        scores.append(_tail_similarity(suffix[::-1], after[::-1]))
    return sum(scores) / len(scores) if scores else 100.0


def _tail_similarity(expected: str, actual: str) -> float:
    """How well ``actual`` matches ``expected``, weighting the characters next to the quote.

    The context was cut at 32 characters, so only its end (the part next to the quote) must
    agree; compare the last few characters strictly and the whole loosely.
    """
    if not actual.strip():
        return 0.0
    near = min(12, len(expected))
    near_score = fuzz.ratio(expected[-near:].strip(), actual[-near:].strip())
    return 0.6 * near_score + 0.4 * fuzz.ratio(expected.strip(), actual.strip())


def _nearness(pos: int, where: int, length: int) -> float:
    if where < 0 or length <= 0:
        return 1.0
    return 1.0 - min(1.0, abs(pos - where) / length)


def _exact(
    text: str, folded: _Folded, q: str, sel: Selector, where: int
) -> tuple[Anchored, float] | None:
    """The best exact occurrence of the quote, with its context score."""
    hay = folded.text
    scored = []
    k = hay.find(q)
    while k >= 0:
        ctx = _context_score(text, folded, k, k + len(q), sel)
        scored.append((ctx + 2 * _nearness(folded.orig_start(k), where, len(text)), ctx, k))
        k = hay.find(q, k + 1)
    if not scored:
        return None
    _, ctx, best = max(scored)
    place = Anchored(folded.orig_start(best), folded.orig_end(best + len(q), text), "exact")
    return place, ctx


def _fuzzy(
    text: str, folded: _Folded, q: str, sel: Selector, where: int
) -> tuple[Anchored, float] | None:
    """The best near match of the quote in its context, with its context score."""
    hay = folded.text
    if len(q) < 4 or not hay:
        return None
    candidates = set()
    al = fuzz.partial_ratio_alignment(q, hay, score_cutoff=FUZZY_QUOTE_MIN)
    if al is not None:
        candidates.add((al.dest_start, al.dest_end))
    # The quote with its context finds the right place when the quote's own words changed.
    prefix = _fold(sel.get("prefix", "")).lstrip()
    suffix = _fold(sel.get("suffix", "")).rstrip()
    if prefix or suffix:
        whole = prefix + q + suffix
        wa = fuzz.partial_ratio_alignment(whole, hay, score_cutoff=FUZZY_CONTEXT_MIN)
        if wa is not None:
            lo = max(0, wa.dest_start + len(prefix) - len(q) // 4)
            hi = min(len(hay), wa.dest_end - len(suffix) + len(q) // 4)
            inner = fuzz.partial_ratio_alignment(q, hay[lo:hi], score_cutoff=FUZZY_QUOTE_MIN)
            if inner is not None:
                candidates.add((lo + inner.dest_start, lo + inner.dest_end))
    best: tuple[float, float, int, int] | None = None
    for fs0, fe0 in candidates:
        fs, fe = _snap(hay, fs0, fe0, q)
        quote_sim = fuzz.ratio(q, hay[fs:fe])
        if quote_sim < FUZZY_QUOTE_MIN:
            continue
        ctx = _context_score(text, folded, fs, fe, sel)
        if ctx < FUZZY_CONTEXT_MIN:
            continue
        near = _nearness(folded.orig_start(fs), where, len(text))
        total = 50 * quote_sim + 20 * ctx + 200 * near
        if best is None or total > best[0]:
            best = (total, ctx, fs, fe)
    if best is None:
        return None
    _, ctx, fs, fe = best
    return Anchored(folded.orig_start(fs), folded.orig_end(fe, text), "fuzzy"), ctx


def _snap(hay: str, fs: int, fe: int, q: str) -> tuple[int, int]:
    """Move a fuzzy window's ends onto word boundaries, a word either way, where the quote fits
    best (the aligner's window has the quote's length, not the edited passage's)."""
    starts = _word_starts(hay, fs)
    ends = _word_ends(hay, fe)
    best = (fuzz.ratio(q, hay[fs:fe]), fs, fe)
    for s in starts:
        for e in ends:
            if s < e:
                r = fuzz.ratio(q, hay[s:e])
                if r > best[0]:
                    best = (r, s, e)
    return best[1], best[2]


def _word_starts(hay: str, i: int) -> list[int]:
    """Word starts near ``i``: the start of the word at ``i``, and of the words either side."""
    k = i
    while k > 0 and hay[k - 1].isalnum():
        k -= 1
    out = {k, hay.rfind(" ", 0, max(0, k - 1)) + 1}
    nxt = hay.find(" ", k)
    if nxt >= 0:
        out.add(nxt + 1)
    return sorted(x for x in out if 0 <= x < len(hay))


def _word_ends(hay: str, i: int) -> list[int]:
    """Word ends near ``i``: the one at or after it, and one word either side."""
    k = i
    while k < len(hay) and hay[k].isalnum():
        k += 1
    nxt = hay.find(" ", k + 1)
    prev = hay.rfind(" ", 0, k)
    out = {k, nxt if nxt >= 0 else len(hay)}
    if prev > 0:
        out.add(prev)
    return sorted(x for x in out if 0 < x <= len(hay))
