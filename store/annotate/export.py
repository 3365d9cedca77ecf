"""Export the user's work: every tagged, noted or starred article with its tags and note."""

from __future__ import annotations

import csv
import io
from typing import Any

import orjson

from warta.store.library.library import Library
from warta.store.render import key_quotes

FORMATS = ("md", "json", "csv")


def annotated_items(library: Library) -> list[dict[str, Any]]:
    """The articles the user tagged, noted or starred, newest first, as plain dicts."""
    items: list[dict[str, Any]] = []
    for article_id, ann in library.annotations().items():
        if article_id not in library:
            continue
        if not (ann["tags"] or ann["note"].strip() or ann["starred"]):
            continue
        rec = library.article(article_id)
        items.append(
            {
                "id": article_id,
                "title": rec["title"],
                "outlet": rec["outlet"],
                "date": rec["date"],
                "url": rec["url"],
                "origin": rec["origin"],
                "people": [p["name"] for p in rec["people"]],
                "places": rec["places"],
                "tags": ann["tags"],
                "note": ann["note"],
                "read": ann["read"],
                "starred": ann["starred"],
                "updated": ann["updated"],
            }
        )
    items.sort(key=lambda it: (it["date"] or "", it["title"]), reverse=True)
    return items


def _key_quotes(library: Library, article_id: str) -> list[dict[str, Any]]:
    best = key_quotes(library.extraction(article_id))
    return [{"text": q["text"], "speaker": q["speaker"]} for q in best]


def export(library: Library, fmt: str = "md") -> str:
    """Render the export in ``md``, ``json`` or ``csv``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    items = annotated_items(library)
    if fmt == "json":
        for it in items:
            it["key_quotes"] = _key_quotes(library, it["id"])
        return orjson.dumps(items, option=orjson.OPT_INDENT_2).decode() + "\n"
    if fmt == "csv":
        return _csv(items)
    return _markdown(library, items)


def _cell(value: str) -> str:
    # A cell starting with = + - @ is run as a formula by spreadsheet programs.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _csv(items: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    cols = ["id", "date", "outlet", "title", "tags", "note", "starred", "read", "url", "origin"]
    writer.writerow(cols)
    for it in items:
        row = {**it, "tags": "; ".join(it["tags"])}
        writer.writerow([_cell("" if row[c] is None else str(row[c])) for c in cols])
    return out.getvalue()


def _markdown(library: Library, items: list[dict[str, Any]]) -> str:
    lines = [f"# Warta export: {len(items)} article{'s' if len(items) != 1 else ''}", ""]
    for it in items:
        lines.append(f"## {it['title']}")
        lines.append("")
        facts = [f"id `{it['id']}`"]
        facts += [str(v) for v in (it["outlet"], it["date"]) if v]
        if it["starred"]:
            facts.append("★ starred")
        lines.append(" · ".join(facts))
        if it["url"]:
            lines.append(f"<{it['url']}>")
        if it["tags"]:
            lines.append("")
            lines.append("Tags: " + ", ".join(f"`{t}`" for t in it["tags"]))
        if it["note"].strip():
            lines.append("")
            lines.extend("> " + ln if ln else ">" for ln in it["note"].splitlines())
        quotes = _key_quotes(library, it["id"])
        if quotes:
            lines.append("")
            lines.append("Key quotes:")
            for q in quotes:
                who = f" ({q['speaker']})" if q["speaker"] else ""
                lines.append(f"- “{q['text']}”{who}")
        lines.append("")
    return "\n".join(lines)
