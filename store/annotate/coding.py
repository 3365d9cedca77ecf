"""Highlighting from the command line and auto-coding: quotes by number, phrases by text.

Both work on the cleaned body the reader shows (so "quote 2" is the second quote a reader
sees) and store selectors against the article as imported, like a highlight made in the reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from warta.store.annotate import passages
from warta.store.library.library import Library, LibraryError, normalise_tag
from warta.store.model import Passage


def find_phrase(body: str, phrase: str) -> list[tuple[int, int]]:
    """Every occurrence of ``phrase`` in ``body``: case-insensitive, any whitespace between
    its words, never overlapping."""
    words = phrase.split()
    if not words:
        return []
    rx = re.compile(r"\s+".join(map(re.escape, words)), re.IGNORECASE)
    return [(m.start(), m.end()) for m in rx.finditer(body)]


def quote_passage(
    library: Library, article_id: str, number: int, tags: Iterable[str], note: str = ""
) -> Passage:
    """Highlight quote ``number`` (from 1, in reading order) of an article."""
    ex = library.extraction(article_id)
    quotes = ex["quotes"]
    if not 1 <= number <= len(quotes):
        have = f"it has {len(quotes)}" if quotes else "it has none"
        raise LibraryError(f"article {article_id} has no quote {number} ({have})")
    q = quotes[number - 1]
    sel = passages.selector_for(library, article_id, ex["body"], q["start"], q["end"])
    return passages.add(library, article_id, sel, tags, note, speaker=q["speaker"])


@dataclass(frozen=True)
class AutoCoded:
    """What auto-coding did."""

    passages: int
    articles: int
    skipped: int
    """Occurrences already highlighted with these tags (nothing is doubled)."""


def autocode(
    library: Library,
    article_ids: Iterable[str],
    phrase: str,
    tags: Iterable[str],
    note: str = "",
) -> AutoCoded:
    """Highlight every occurrence of ``phrase`` in the articles, as one undoable change."""
    tags = list(tags)
    made: list[Passage] = []
    touched: set[str] = set()
    skipped = 0
    wanted = {normalise_tag(t) for t in tags} - {""}
    for aid in article_ids:
        body = library.extraction(aid)["body"]
        spans = find_phrase(body, phrase)
        if not spans:
            continue
        have = {
            (p["selector"]["start"], p["selector"]["end"])
            for p in passages.of_article(library, aid)
            if wanted <= set(p["tags"])
        }
        for start, end in spans:
            sel = passages.selector_for(library, aid, body, start, end)
            if (sel["start"], sel["end"]) in have:
                skipped += 1
                continue
            have.add((sel["start"], sel["end"]))
            made.append(passages.make(library, aid, sel, tags, note))
            touched.add(aid)
    shown = " ".join("#" + t for t in sorted(wanted))
    passages.add_many(library, made, f"auto-code “{phrase}” {shown} in {len(touched)} articles")
    return AutoCoded(len(made), len(touched), skipped)
