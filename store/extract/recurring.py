"""Learned furniture: lines that recur across many articles of one outlet are the site's, not
an article's (the line de-duplication used to clean web corpora).

Nothing here reads or writes files. A :class:`LineCounts` counts, per outlet, in how many
articles each line occurs; counts from separate import batches (or worker processes) are
merged with :meth:`LineCounts.merge`, and serialise with :meth:`~LineCounts.to_dict` /
:meth:`~LineCounts.from_dict`. :meth:`LineCounts.furniture_keys` gives the keys of one
outlet's recurring lines; ``extract(..., recurring=keys)`` then drops those lines, except a
line holding a quotation mark or one of the article's own sentences (see ``clean.py``).

Lines are compared by :func:`line_key`: case, spacing and edge punctuation ignored and digit
runs folded, so "19/10/2024 07:20 WIB 138" and "02/11/2024 09:05 WIB 7" are one line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from warta.store.outlets import outlet_key

_DIGITS_RE = re.compile(r"\d+")
_SPACE_RE = re.compile(r"\s+")
_EDGE = " \t-–—|•·*:.,;!?\"'“”‘’()[]"
MAX_KEY_CHARS = 200
"""Longer lines are never counted: furniture is short, and long keys would bloat the counts."""
MIN_ARTICLES = 4
"""A line must occur in at least this many articles of an outlet to count as its furniture."""
MIN_SHARE = 0.1
"""... and in at least this share of the outlet's articles seen so far."""


def line_key(line: str) -> str:
    """The comparison key of a line ("" for a line never counted)."""
    key = _SPACE_RE.sub(" ", line).strip(_EDGE).casefold()
    if not key or len(key) > MAX_KEY_CHARS:
        return ""
    return _DIGITS_RE.sub("0", key)


@dataclass
class LineCounts:
    """Per outlet: articles seen, and in how many of them each line key occurs."""

    articles: Counter[str] = field(default_factory=Counter)
    lines: dict[str, Counter[str]] = field(default_factory=dict)

    def add_article(self, outlet: str | None, lines: Iterable[str]) -> None:
        """Count one article's lines (each distinct line once) for ``outlet`` (any spelling;
        None or "" counts for the library as a whole)."""
        key = outlet_key(outlet)
        self.articles[key] += 1
        keys = {k for line in lines if (k := line_key(line))}
        self.lines.setdefault(key, Counter()).update(keys)

    def merge(self, other: LineCounts) -> None:
        """Add ``other``'s counts to these (counting batches separately, then merging, gives the
        same counts as counting them all here)."""
        self.articles.update(other.articles)
        for outlet, counts in other.lines.items():
            self.lines.setdefault(outlet, Counter()).update(counts)

    def furniture_keys(
        self, outlet: str | None, *, min_articles: int = MIN_ARTICLES, min_share: float = MIN_SHARE
    ) -> frozenset[str]:
        """Keys of the lines recurring across ``outlet``'s articles."""
        key = outlet_key(outlet)
        seen = self.articles.get(key, 0)
        need = max(min_articles, min_share * seen)
        counts = self.lines.get(key)
        if not counts or seen < min_articles:
            return frozenset()
        return frozenset(k for k, n in counts.items() if n >= need)

    def prune(self, keep: int = 5000) -> None:
        """Bound memory: per outlet, keep only the ``keep`` most frequent line keys (a line seen
        once in a large outlet is no furniture and may be forgotten)."""
        for outlet, counts in self.lines.items():
            if len(counts) > keep:
                self.lines[outlet] = Counter(dict(counts.most_common(keep)))

    def to_dict(self) -> dict[str, object]:
        """A JSON-serialisable form."""
        return {
            "articles": dict(self.articles),
            "lines": {o: dict(c) for o, c in self.lines.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> LineCounts:
        """Read :meth:`to_dict`'s form back; anything malformed is skipped, never raised."""
        out = cls()
        articles = data.get("articles") if isinstance(data, dict) else None
        if isinstance(articles, dict):
            for k, v in articles.items():
                if isinstance(k, str) and isinstance(v, int) and v > 0:
                    out.articles[k] = v
        lines = data.get("lines") if isinstance(data, dict) else None
        if isinstance(lines, dict):
            for outlet, counts in lines.items():
                if isinstance(outlet, str) and isinstance(counts, dict):
                    out.lines[outlet] = Counter(
                        {
                            k: v
                            for k, v in counts.items()
                            if isinstance(k, str) and isinstance(v, int)
                        }
                    )
        return out
