"""Facets of a result: its outlets, tags, speakers and places with counts, to narrow by one."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from warta.store.search.index import Mask, SearchIndex
from warta.store.search.outlets import display_name, key

FACET_KINDS = ("outlet", "tag", "speaker", "place")


@dataclass(frozen=True)
class Facet:
    kind: str
    value: str
    """What the filter term gets (the display name for outlets)."""
    count: int
    """Articles (quotes for speakers) in the result."""

    @property
    def term(self) -> str:
        """The filter term that narrows to this value: ``outlet:"tempo.co"``."""
        v = self.value.replace('"', "")
        return (
            f'{self.kind}:"{v}"' if any(c.isspace() for c in v) or ":" in v else f"{self.kind}:{v}"
        )


def facets(
    index: SearchIndex, mask: Mask, speakers=None, limit: int = 30
) -> dict[str, list[Facet]]:
    """The most common values of each facet among the docs of ``mask``.

    Speakers are ranked by their number of quotes in the result (``speakers``: the full-text
    index's :class:`~warta.store.search.fulltext.Speakers`, or None).
    """
    outlets: Counter[str] = Counter()
    names: dict[str, Counter[str]] = {}
    tags: Counter[str] = Counter()
    places: Counter[str] = Counter()
    said: Counter[str] = Counter()
    for i in index.members(mask):
        d = index.doc(i)
        if d["outlet"]:
            k = key(d["outlet"])
            outlets[k] += 1
            names.setdefault(k, Counter())[d["outlet"]] += 1
        tags.update(index.tags_of(i))
        places.update(set(d["places"]))
        if speakers is not None and i < len(speakers):
            for name, n in speakers.of(i):
                said[name] += n
    out = {
        "outlet": [
            Facet("outlet", display_name(names[k].most_common(1)[0][0]), c)
            for k, c in outlets.most_common(limit)
        ],
        "tag": [Facet("tag", t, c) for t, c in tags.most_common(limit)],
        "speaker": [Facet("speaker", s, c) for s, c in said.most_common(limit)],
        "place": [Facet("place", p, c) for p, c in places.most_common(limit)],
    }
    return out
