"""Sentences and words of a body, for choosing a passage from the keyboard.

The reader's selection mode moves a cursor by sentence and trims by word; these functions
give the spans it moves over, as offsets into the body.
"""

from __future__ import annotations

import re

# A sentence ends at . ! ? or … (with any closing quotes or brackets after it) before space,
# or at the end of its paragraph.
_SENTENCE_RE = re.compile(r"[^\s].*?(?:[.!?…]+[\"”’'»)\]]*(?=\s)|$)", re.MULTILINE)
_WORD_RE = re.compile(r"\S+")


def sentences(body: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence, in order; never empty spans, never across paragraphs."""
    out = []
    for m in _SENTENCE_RE.finditer(body):
        start, end = m.start(), m.end()
        while end > start and body[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out


def words(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of every word (run of non-space) inside ``body[start:end]``."""
    return [(start + m.start(), start + m.end()) for m in _WORD_RE.finditer(body[start:end])]


def sentence_at(spans: list[tuple[int, int]], offset: int) -> int:
    """Index of the sentence holding ``offset``, or of the first one after it (0 if none)."""
    for i, (_s, e) in enumerate(spans):
        if offset < e:
            return i
    return max(0, len(spans) - 1)


def trim_end(body: str, start: int, end: int) -> int:
    """The end after dropping the span's last word (never below its first word)."""
    ws = words(body, start, end)
    return ws[-2][1] if len(ws) > 1 else end


def trim_start(body: str, start: int, end: int) -> int:
    """The start after dropping the span's first word (never past its last word)."""
    ws = words(body, start, end)
    return ws[1][0] if len(ws) > 1 else start


def extend_end(body: str, end: int, limit: int | None = None) -> int:
    """The end after taking in the next word (within the paragraph, up to ``limit``)."""
    m = re.compile(r"[ \t]*\S+").match(body, end)
    new = m.end() if m else end
    return min(new, limit) if limit is not None else new


def extend_start(body: str, start: int) -> int:
    """The start after taking in the word before it (within the paragraph)."""
    k = start
    while k > 0 and body[k - 1] in " \t":
        k -= 1
    j = k
    while j > 0 and not body[j - 1].isspace():
        j -= 1
    return j if j < k else start
