"""The main screen's keys, once: the help screen (``?``) and the README's key table are made
from this table, and a test checks that it names every binding of the main screen, its panes
and the filter box exactly once (by binding id), so help, README and footer cannot drift apart.

No Textual here: ``python -m warta.tui.keys`` prints the README table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Key:
    """One line of help: the keys as written, what they do, the bindings they stand for."""

    keys: str
    does: str
    ids: tuple[str, ...]


KEYS: list[tuple[str, list[Key]]] = [
    (
        "Finding",
        [
            Key(
                "/",
                "filter: type to filter and rank live (the language is below); `Esc` clears and "
                "returns to the list; `ctrl+s` saves it; `Enter` or `↓` goes to the list",
                ("main.filter", "filter.clear", "filter.to_list", "filter.save"),
            ),
            Key("j/k, arrows", "move in the list (scroll in the reader)", ("list.down", "list.up")),
            Key(
                "g/G",
                "top / bottom (also `home`/`end`; at once, in the list and the reader)",
                ("list.top", "list.bottom", "reader.top", "reader.bottom"),
            ),
            Key("pgup/pgdn", "a page up / down in the list", ("list.page_up", "list.page_down")),
            Key("enter, l", "open the article in the reader (marks it read)", ("list.open",)),
            Key(
                "tab",
                "switch between list and reader; `Esc` back to the list",
                ("main.switch_pane", "main.back"),
            ),
            Key(
                "n / N",
                "next / previous match of the filter in the reader (matches are underlined; "
                "the title block counts them)",
                ("main.next_match", "main.prev_match"),
            ),
            Key(
                "O",
                "cycle the order: relevance, newest, oldest, outlet (writes `sort:` into the "
                "filter; the `sort` setting is the order without one)",
                ("main.sort",),
            ),
            Key("~", "typo tolerance off / on for the whole filter", ("main.fuzzy",)),
            Key(
                "S / '",
                "save the filter under a name / saved searches with their counts (`Enter` opens "
                "one, `d` deletes)",
                ("main.save_search", "main.saved"),
            ),
            Key(
                "F",
                "facets of the result: outlets, tags, speakers (by quotes) and places with "
                "counts; `Enter` narrows",
                ("main.facets",),
            ),
            Key("H", "timeline: the result's articles per day, week or month", ("main.timeline",)),
        ],
    ),
    (
        "Reading",
        [
            Key(
                "space/b",
                "page the reader down / up; `j`/`k` scroll it a line",
                (
                    "main.page_down",
                    "main.page_up",
                    "reader.page_down",
                    "reader.page_up",
                    "reader.line_down",
                    "reader.line_up",
                ),
            ),
            Key("[ / ]", "previous / next quote", ("main.prev_quote", "main.next_quote")),
            Key(
                "z",
                "full width: the reader takes the screen (the list too, when it has focus); "
                "again to split",
                ("main.full",),
            ),
            Key(
                "< / >",
                "narrower / wider list (the split is kept for next time, as is z)",
                ("main.narrower", "main.wider"),
            ),
            Key(
                "x",
                "show the lines removed as page furniture, at the top (again to hide)",
                ("main.junk",),
            ),
            Key(
                "y / Y",
                "copy the current quote or passage with its speaker, title, outlet and date / "
                "the article's URL (or source file)",
                ("main.copy", "main.copy_url"),
            ),
            Key("o", "open the article's web page in your browser", ("main.open_url",)),
        ],
    ),
    (
        "Annotating",
        [
            Key(
                "t / T",
                "add tags (`Tab` completes, again for the next match) / remove tags (`space` "
                "marks several)",
                ("main.tag", "main.untag"),
            ),
            Key(
                "a",
                "annotate: edit the article's note (saved as you pause typing and when it "
                "closes with `Esc`; `F8` discards changes)",
                ("main.note",),
            ),
            Key("r / s", "toggle read / starred", ("main.read", "main.star")),
            Key(
                "h",
                "highlight the current quote (the one `[`/`]` moved to) or the text selected "
                "with the mouse; asks for tags and a note",
                ("main.highlight",),
            ),
            Key(
                "v",
                "choose a passage from the keyboard: `j`/`k` move a sentence cursor, `J`/`K` "
                "extend or shrink by a sentence, `h`/`l` and `H`/`L` trim or add a word at the "
                "end or start, `Enter` highlights, `Esc` cancels",
                (
                    "main.select",
                    "select.next",
                    "select.previous",
                    "select.extend",
                    "select.shrink",
                    "select.trim_end",
                    "select.extend_end",
                    "select.extend_start",
                    "select.trim_start",
                    "select.confirm",
                    "select.cancel",
                ),
            ),
            Key(
                "{ / }",
                "previous / next highlighted passage; `e` edits its tags and note, `d` deletes it",
                (
                    "main.prev_passage",
                    "main.next_passage",
                    "main.edit_passage",
                    "main.delete_passage",
                ),
            ),
            Key(
                "u / ctrl+r",
                "undo / redo any change to your data (a bulk change is one step), also after a "
                "restart",
                ("main.undo", "main.redo"),
            ),
            Key(
                "B",
                "tag or untag every article the filter shows (says how many first)",
                ("main.bulk_tag",),
            ),
            Key(
                "C",
                "the codebook: every tag as a tree, with colours, counts and descriptions",
                ("main.codebook",),
            ),
            Key(
                "R",
                "review the annotations of the filter's articles, by tag or by article",
                ("main.review",),
            ),
        ],
    ),
    (
        "Anywhere",
        [
            Key(
                "?",
                "every key and the filter language; `ctrl+p` the command palette",
                ("app.help", "app.palette"),
            ),
            Key("q", "quit", ("app.quit",)),
        ],
    ),
]


def readme_table() -> str:
    """The README's key table (between its ``<!-- keys -->`` marks)."""
    lines = ["| key | does |", "|---|---|"]
    for _, rows in KEYS:
        for key in rows:
            lines.append(f"| {_code(key.keys)} | {key.does} |")
    return "\n".join(lines)


def _code(keys: str) -> str:
    """``j/k, arrows`` -> ```j`/`k`, arrows``: key names in code, words as words."""
    out = []
    for part in keys.split(", "):
        if part in ("arrows",):
            out.append(part)
            continue
        pieces = (
            part.split(" / ") if " / " in part else part.split("/") if len(part) > 1 else [part]
        )
        sep = " / " if " / " in part else "/"
        out.append(sep.join(f"`{p}`" for p in pieces))
    return ", ".join(out)


if __name__ == "__main__":
    print(readme_table())
