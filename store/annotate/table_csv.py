"""The CSV table: one row per passage and tag, plus rows for article tags and notes.

Rows, by ``kind``:

- ``passage``: one per passage and each of its tags (one row with an empty tag when it has
  none), with the quoted text, speaker, positions in the article as imported, note, coder and
  review state;
- ``article``: one per tag on the whole article (``coder`` lists who applied it), or one row
  with an empty tag for an untagged article that is starred or noted;
- ``article-note``: the user's note on the article;
- ``extra-note``: a colleague's note merged in, or a conflict copy (``origin`` says which).

Every cell is safe to open in a spreadsheet: a cell that would start with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return (which Excel, LibreOffice and Google Sheets run as a
formula) starts with ``'`` instead, and control characters are removed.
"""

from __future__ import annotations

import csv
import io

from warta.store.annotate.scope import Item, Scope
from warta.store.text import strip_controls

COLUMNS = (
    "kind",
    "tag",
    "article_id",
    "date",
    "outlet",
    "title",
    "url",
    "passage_id",
    "text",
    "speaker",
    "start",
    "end",
    "note",
    "coder",
    "review",
    "origin",
    "created",
    "updated",
    "starred",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """A value as a cell no spreadsheet runs as a formula."""
    if value is None:
        return ""
    # \r is checked before strip_controls turns it into \n, so a cell starting with it is
    # neutralised rather than silently changed.
    raw = str(value)
    s = strip_controls(raw)
    return "'" + s if raw[:1] in _FORMULA or s[:1] in _FORMULA else s


def render(scope: Scope) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for it in scope.annotated():
        for row in rows(it):
            writer.writerow([cell(row.get(c)) for c in COLUMNS])
    return out.getvalue()


def rows(it: Item) -> list[dict[str, object]]:
    """The table rows of one article (plain values; :func:`cell` makes them safe)."""
    rec, ann = it.record, it.annotation
    base = {
        "article_id": rec["id"],
        "date": rec["date"],
        "outlet": rec["outlet"],
        "title": rec["title"],
        "url": rec["url"],
        "starred": "yes" if ann["starred"] else "no",
    }
    out: list[dict[str, object]] = []
    for tag in ann["tags"] or ([""] if ann["starred"] or ann["note"].strip() else []):
        coders = "; ".join(ann["coders"].get(tag, [])) if tag else ""
        out.append(
            {**base, "kind": "article", "tag": tag, "coder": coders, "updated": ann["updated"]}
        )
    if ann["note"].strip():
        out.append(
            {
                **base,
                "kind": "article-note",
                "note": ann["note"],
                "coder": ann["note_coder"],
                "review": ann["note_review"],
                "updated": ann["updated"],
            }
        )
    for n in it.notes:
        out.append(
            {
                **base,
                "kind": "extra-note",
                "note": n["text"],
                "coder": n["coder"],
                "review": n["review"],
                "origin": n["origin"],
                "created": n["created"],
                "updated": n["updated"],
            }
        )
    for p in it.passages:
        sel = p["selector"]
        placed = 0 <= sel["start"] <= sel["end"]
        for tag in p["tags"] or [""]:
            out.append(
                {
                    **base,
                    "kind": "passage",
                    "tag": tag,
                    "passage_id": p["id"],
                    "text": sel["exact"],
                    "speaker": p["speaker"],
                    "start": sel["start"] if placed else None,
                    "end": sel["end"] if placed else None,
                    "note": p["note"],
                    "coder": p["coder"],
                    "review": p["review"],
                    "created": p["created"],
                    "updated": p["updated"],
                }
            )
    return out
