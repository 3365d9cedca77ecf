"""Plain-text renderings of an article for the CLI (the TUI builds styled Rich Text instead)."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

from warta.store.model import Annotation, ArticleRecord, Extraction, Person

UNDATED = "-"
"""How a list shows an article without a date, in the reader's list and ``warta list``."""


def date_label(date: str | None, *, short: bool = False) -> str:
    """``2024-08-07``, or ``24-08-07`` where room is short; ``-`` for an undated article."""
    if not date:
        return UNDATED
    return date[2:10] if short else date[:10]


def fit_cell(text: str, cells: int) -> str:
    """``text`` in exactly ``cells`` cells: padded, or cut with an ellipsis."""
    if len(text) > cells:
        return text[: cells - 1] + "…"
    return text.ljust(cells)


def outlet_cell(raw: str | None, cells: int) -> str:
    """An outlet in a column of ``cells``: its display name, else without the domain's ending
    (``tribratanewstts``), else cut with an ellipsis, never cut into what reads as another
    domain (``tribratanewstts.co``)."""
    from warta.store.search.outlets import display_name, short_name

    name = display_name(raw)
    if len(name) > cells:
        name = short_name(raw)
    return fit_cell(name, cells)


def person_label(p: Person) -> str:
    """``AKBP M. Khalid Zulkarnaen (Kapolres OKU Selatan)``."""
    name = f"{p['rank']} {p['name']}" if p.get("rank") else p["name"]
    return f"{name} ({p['role']})" if p.get("role") else name


def key_quotes(ex: Mapping[str, Any], limit: int = 3) -> list[dict[str, Any]]:
    """The highest-scoring quotes, best first (ties keep body order)."""
    quotes = list(ex.get("quotes", []))
    return sorted(quotes, key=lambda q: -q.get("score", 0.0))[:limit]


def metadata_lines(ex: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(label, value) pairs for the metadata block, skipping what the article does not give."""
    from warta.store.search.outlets import display_name

    rows: list[tuple[str, str]] = []
    if ex.get("outlet"):
        rows.append(("Outlet", display_name(str(ex["outlet"]))))  # one name per outlet
    for label, key in (("Dateline", "dateline"), ("Date", "date")):
        if ex.get(key):
            rows.append((label, str(ex[key])))
    if ex.get("people"):
        rows.append(("People", "; ".join(person_label(p) for p in ex["people"])))
    for label, key in (
        ("Organisations", "organizations"),
        ("Places", "places"),
        ("Events", "events"),
        ("Keywords", "keywords"),
    ):
        if ex.get(key):
            rows.append((label, ", ".join(ex[key])))
    return rows


def plain_extraction(ex: Mapping[str, Any], width: int = 100) -> str:
    """A readable dump of one extraction (``warta extract`` without ``--json``)."""
    title = ex.get("title") or "(untitled)"
    lines = [
        f"== {ex.get('source', '')}",
        title + (" (derived)" if ex.get("title_derived") else ""),
    ]
    lines += [f"  {label}: {value}" for label, value in metadata_lines(ex)]
    for q in ex.get("quotes", []):
        who = q.get("speaker") or "?"
        lines.append(f"  “{textwrap.shorten(q['text'], width - 20)}” — {who}")
    return "\n".join(lines) + "\n"


def plain_article(rec: ArticleRecord, ann: Annotation, ex: Extraction, width: int = 100) -> str:
    """``warta show``: title, metadata, the user's tags and note, key quotes, then the body."""
    lines = [rec["title"], "=" * min(width, len(rec["title"]))]
    lines.append(f"  Id: {rec['id']}")
    lines += [f"  {label}: {value}" for label, value in metadata_lines(ex)]
    if rec.get("url"):
        lines.append(f"  URL: {rec['url']}")
    state = ["read" if ann["read"] else "unread"] + (["starred"] if ann["starred"] else [])
    lines.append(f"  State: {', '.join(state)}")
    if ann["tags"]:
        lines.append("  Tags: " + " ".join("#" + t for t in ann["tags"]))
    if ann["note"].strip():
        lines.append("  Note:")
        lines += ["    " + ln for ln in ann["note"].splitlines()]
    best = key_quotes(ex)
    if best:
        lines += ["", "Key quotes:"]
        for q in best:
            lines.append(f"  “{q['text']}” — {q.get('speaker') or 'unattributed'}")
    lines.append("")
    for para in ex["body"].split("\n\n"):
        lines += textwrap.wrap(para, width) or [""]
        lines.append("")
    return "\n".join(lines)
