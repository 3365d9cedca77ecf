"""The Markdown review document: every annotation in scope, grouped by tag.

Tags come in codebook tree order, a heading level per level of the hierarchy. Under each tag,
every article carrying it (on the whole article or on a passage) is listed with its title,
outlet, date, people and their roles, URL and id, the passages coded with that tag as block
quotes (with the speaker when the passage is a quote), and the notes. Whatever is not tagged
(notes, stars, passages without codes) comes last, so nothing annotated is left out.

Every text that is not Warta's own (titles, quotes, notes, tags, names) is escaped, so it reads
as the words it is and never as Markdown or HTML.
"""

from __future__ import annotations

import re

from warta.store.annotate.scope import Item, Scope, tree_order
from warta.store.library.library import Library
from warta.store.model import ExtraNote, Passage
from warta.store.render import person_label
from warta.store.search.outlets import display_name
from warta.store.text import strip_controls

_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_ORDERED = re.compile(r"^(\d+)([.)])")
_URL = re.compile(r"https?://[^\s<>\"'`\\]+")


def text(value: str) -> str:
    """``value`` as Markdown that renders as exactly these words (lines kept)."""
    return "\n".join(_line(ln) for ln in strip_controls(value).split("\n"))


def one_line(value: str | None) -> str:
    """A single-line field (title, outlet, speaker), escaped."""
    return _line(" ".join(strip_controls(value or "").split()))


def _line(line: str) -> str:
    # Leading spaces would make an indented code block; they carry no meaning in these texts.
    line = _INLINE.sub(r"\\\1", line.strip())
    line = _ENTITY.sub(r"\\&", line)
    line = _ORDERED.sub(r"\1\\\2", line)
    if line[:1] in ("#", ">", "+", "-", "="):
        line = "\\" + line
    return line


def code(value: str) -> str:
    """A code span showing ``value`` literally, whatever backticks it holds."""
    value = " ".join(strip_controls(value).split())
    fence = "`" * (max((len(r) for r in re.findall(r"`+", value)), default=0) + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def quote_block(value: str) -> list[str]:
    return [f"> {ln}" if ln else ">" for ln in text(value).split("\n")]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(library: Library, scope: Scope) -> str:
    """The review document of ``scope``."""
    items = scope.annotated()
    n_pass = sum(len(it.passages) for it in items)
    n_notes = sum(
        bool(it.annotation["note"].strip())
        + len(it.notes)
        + sum(bool(p["note"].strip()) for p in it.passages)
        for it in items
    )
    title = f"filter {code(scope.query)}" if scope.query else "everything annotated"
    out = [
        f"# Warta review: {title}",
        "",
        f"Exported {scope.exported} by {one_line(scope.coder)}: "
        f"{_plural(len(items), 'article')}, {_plural(n_pass, 'passage')}, "
        f"{_plural(n_notes, 'note')}.",
    ]
    book = library.user.table("codebook")
    for tag in tree_order(scope.tags()):
        members = [it for it in items if _has(it, tag)]
        n = sum(1 for it in members for p in it.passages if tag in p["tags"])
        level = "#" * min(6, 2 + tag.count("/"))
        counts = f"{_plural(len(members), 'article')}, {_plural(n, 'passage')}"
        below = [it for it in items if _has_within(it, tag)]
        n_below = sum(1 for it in below for p in it.passages if _within_any(p["tags"], tag))
        if (len(below), n_below) != (len(members), n):
            counts += f"; with the tags below: {_plural(len(below), 'article')}, "
            counts += _plural(n_below, "passage")
        out += ["", f"{level} {code(tag)}: {counts}"]
        description = book.get(tag, {}).get("description", "")
        if description:
            out += ["", f"*{one_line(description)}*"]
        for it in members:
            out += _entry(it, [p for p in it.passages if tag in p["tags"]], tag)
    rest = [it for it in items if not it.tags() or any(not p["tags"] for p in it.passages)]
    if rest:
        out += ["", "## Not tagged"]
        for it in rest:
            out += _entry(it, [p for p in it.passages if not p["tags"]], None)
    return "\n".join(out) + "\n"


def _has(it: Item, tag: str) -> bool:
    return tag in it.annotation["tags"] or any(tag in p["tags"] for p in it.passages)


def _within_any(tags: list[str], parent: str) -> bool:
    return any(t == parent or t.startswith(parent + "/") for t in tags)


def _has_within(it: Item, tag: str) -> bool:
    return _within_any(it.annotation["tags"], tag) or any(
        _within_any(p["tags"], tag) for p in it.passages
    )


def _passage_text(exact: str) -> str:
    """A passage's words as a reader saw them: spacing folded, paragraph breaks kept."""
    paragraphs = re.split(r"\n\s*\n", exact.strip())
    return "\n\n".join(" ".join(par.split()) for par in paragraphs if par.strip())


def _entry(it: Item, passages: list[Passage], tag: str | None) -> list[str]:
    rec, ann = it.record, it.annotation
    # The outlet by its one display name, as the reader shows it (records keep it as written).
    outlet = display_name(rec["outlet"]) if rec["outlet"] else None
    facts = [one_line(v) for v in (outlet, rec["date"]) if v]
    facts.append(f"id {code(rec['id'])}")
    if ann["starred"]:
        facts.append("starred")
    lines = ["", f"**{one_line(rec['title']) or '(untitled)'}**, " + ", ".join(facts)]
    if rec["people"]:
        people = "; ".join(one_line(person_label(p)) for p in rec["people"])
        lines[-1] += "  \nPeople: " + people
    if rec["url"]:
        url = rec["url"]
        lines[-1] += "  \n" + (f"<{url}>" if _URL.fullmatch(url) else one_line(url))
    if tag is not None and tag in ann["tags"]:
        who = ", ".join(one_line(c) for c in ann["coders"].get(tag, [])) or "unknown"
        lines += ["", f"Whole article tagged {code(tag)} by {who}."]
    for p in passages:
        lines += ["", *quote_block(_passage_text(p["selector"]["exact"]))]
        if p["speaker"]:
            lines += [">", f"> — {one_line(p['speaker'])}"]
        state = "reviewed" if p["review"] == "done" else "to review"
        others = [t for t in p["tags"] if t != tag]
        also = f"; also {', '.join(code(t) for t in others)}" if others else ""
        lines += ["", f"Passage by {one_line(p['coder']) or 'unknown'}, {state}{also}."]
        if p["note"].strip():
            lines += ["", "Note: " + text(p["note"])]
    if ann["note"].strip():
        state = "reviewed" if ann["note_review"] == "done" else "to review"
        who = one_line(ann["note_coder"]) or "unknown"
        lines += ["", f"Article note by {who}, {state}:", "", text(ann["note"])]
    for n in it.notes:
        lines += _extra_note(n)
    return lines


def _extra_note(n: ExtraNote) -> list[str]:
    how = {"merge": "merged", "conflict": "conflict copy"}.get(n["origin"], one_line(n["origin"]))
    return ["", f"Note by {one_line(n['coder']) or 'unknown'} ({how}):", "", text(n["text"])]
