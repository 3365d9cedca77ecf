"""How far two coders agree, per tag: on articles (Cohen's kappa) and on passages (overlap).

Definitions (also in ``warta agreement --help`` and the README):

- Coder X *applied* tag T to article A when X tagged A with T or a sub-tag of T (``T/...``) as a
  whole article (X is among the coders of that tag), or X highlighted a passage in A coded with
  T or a sub-tag.
- The articles are those the filter selects; without a filter, every article either coder
  applied any tag to.
- **Kappa** per tag is Cohen's kappa over those articles, each coder's judgement being
  "applied T" or not: ``(p_o - p_e) / (1 - p_e)``, with ``p_o`` the share of articles where
  they agree and ``p_e = p_x p_y + (1 - p_x)(1 - p_y)``. When both coders made the same
  judgement on every article, ``p_e`` is 1 and kappa is undefined (shown as ``-``).
- **Overlap** per tag compares the text the two coders' passages with T (or a sub-tag) cover,
  character by character in the article as imported: per article ``|A ∩ B|`` and ``|A ∪ B|``
  of the covered characters, summed over the articles and divided: ``Σ|A ∩ B| / Σ|A ∪ B|``
  (1 when they highlighted exactly the same text, 0 when nothing they highlighted overlaps;
  ``-`` when neither highlighted any). Orphaned passages (no place in the text) are left out.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from warta.store.annotate.codebook import is_within
from warta.store.annotate.scope import Item, collect, tree_order
from warta.store.library.library import Library


@dataclass(frozen=True)
class TagAgreement:
    tag: str
    articles: int
    """Articles in scope (the kappa's population)."""
    x: int
    """Articles coder X applied the tag to."""
    y: int
    both: int
    kappa: float | None
    x_chars: int
    """Characters X's passages with the tag cover."""
    y_chars: int
    shared_chars: int
    union_chars: int
    overlap: float | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def kappa(both: int, only_x: int, only_y: int, neither: int) -> float | None:
    """Cohen's kappa of a 2x2 table of two raters' yes/no judgements (None if undefined).

    Computed on integers, ``(n (a + d) - e) / (n² - e)`` with ``e = n² p_e``, so a kappa of
    exactly 0 comes out as 0 and not as rounding noise.
    """
    n = both + only_x + only_y + neither
    chance = (both + only_x) * (both + only_y) + (only_y + neither) * (only_x + neither)
    if n == 0 or chance == n * n:
        return None
    return (n * (both + neither) - chance) / (n * n - chance)


def _applied(item: Item, coder: str, tag: str) -> bool:
    ann = item.annotation
    if any(is_within(t, tag) and coder in ann["coders"].get(t, ()) for t in ann["tags"]):
        return True
    return any(
        p["coder"] == coder and any(is_within(t, tag) for t in p["tags"]) for p in item.passages
    )


def _coded_tags(item: Item, coder: str) -> set[str]:
    ann = item.annotation
    out = {t for t in ann["tags"] if coder in ann["coders"].get(t, ())}
    for p in item.passages:
        if p["coder"] == coder:
            out.update(p["tags"])
    return out


def _spans(item: Item, coder: str, tag: str) -> list[tuple[int, int]]:
    """The merged character ranges X's passages with ``tag`` cover."""
    raw = sorted(
        (p["selector"]["start"], p["selector"]["end"])
        for p in item.passages
        if p["coder"] == coder
        and any(is_within(t, tag) for t in p["tags"])
        and 0 <= p["selector"]["start"] < p["selector"]["end"]
    )
    out: list[tuple[int, int]] = []
    for s, e in raw:
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _length(spans: list[tuple[int, int]]) -> int:
    return sum(e - s for s, e in spans)


def _shared(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    i = j = total = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        total += max(0, hi - lo)
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def agreement(library: Library, x: str, y: str, query: str | None = None) -> list[TagAgreement]:
    """Per tag (tree order), the two coders' agreement over the articles in scope."""
    if query and query.strip():
        items = collect(library, query).items
    else:
        items = [it for it in collect(library).items if _coded_tags(it, x) or _coded_tags(it, y)]
    tags = set()
    for it in items:
        tags |= _coded_tags(it, x) | _coded_tags(it, y)
    out = []
    for tag in tree_order(tags):
        both = only_x = only_y = neither = 0
        x_chars = y_chars = shared = 0
        for it in items:
            ax, ay = _applied(it, x, tag), _applied(it, y, tag)
            both += ax and ay
            only_x += ax and not ay
            only_y += ay and not ax
            neither += not ax and not ay
            sx, sy = _spans(it, x, tag), _spans(it, y, tag)
            x_chars += _length(sx)
            y_chars += _length(sy)
            shared += _shared(sx, sy)
        union = x_chars + y_chars - shared
        out.append(
            TagAgreement(
                tag=tag,
                articles=len(items),
                x=both + only_x,
                y=both + only_y,
                both=both,
                kappa=kappa(both, only_x, only_y, neither),
                x_chars=x_chars,
                y_chars=y_chars,
                shared_chars=shared,
                union_chars=union,
                overlap=shared / union if union else None,
            )
        )
    return out


def table(rows: list[TagAgreement], x: str, y: str) -> str:
    """The rows as a plain-text table."""

    def num(v: float | None) -> str:
        return "-" if v is None else f"{v:.3f}"

    head = ["tag", "articles", x, y, "both", "kappa", f"{x} chars", f"{y} chars", "overlap"]
    body = [
        [
            r.tag,
            str(r.articles),
            str(r.x),
            str(r.y),
            str(r.both),
            num(r.kappa),
            str(r.x_chars),
            str(r.y_chars),
            num(r.overlap),
        ]
        for r in rows
    ]
    widths = [max(len(row[i]) for row in [head, *body]) for i in range(len(head))]
    lines = []
    for row in [head, *body]:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"
