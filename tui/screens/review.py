"""The review screen (``R``): every annotation in the filter's scope, to work through.

Passages and notes are grouped by tag as a tree (``g`` switches to grouping by article), each
with its words (and speaker), its article and its note, and a review state that ``space``
toggles. Group headers and the status line count what is reviewed; ``H`` hides what is done.
Orphans, passages that cannot be placed in their article's text any more, are found in a worker
after the list is on screen and move to a group of their own.

The list is a Line-API :class:`~warta.tui.widgets.rows.RowList`: it paints only the rows on
screen, so a review of many thousands of items scrolls and toggles as fast as one of ten.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.strip import Strip
from textual.timer import Timer
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from warta.store.annotate import notes, passages, review
from warta.store.annotate.codebook import colour_of, is_within
from warta.store.annotate.review import NO_TAG, ORPHANS, Item
from warta.store.library.library import Library, LibraryError
from warta.store.search.outlets import display_name
from warta.tui.screens import changes
from warta.tui.screens.passage import Coding, PassageScreen
from warta.tui.widgets.rows import Part, RowList, fit, keep_tail, right

if TYPE_CHECKING:
    from warta.store.search.browse import Browser

IKey = tuple[str, str]
"""An item's identity: (kind, key)."""

FILTER_DELAY = 0.25
"""Seconds typing must pause before the review reloads for the new filter."""

DETAIL_DELAY = 0.05
"""Seconds the cursor must rest before the detail pane follows it."""

ORPHAN_CHUNK = 200
"""Passages whose place is checked between two updates of the list."""


def ikey(it: Item) -> IKey:
    return (it.kind, it.key)


class Row(NamedTuple):
    """A line of the list: a group header (``item`` None) or an annotation in a group."""

    group: str
    depth: int
    item: IKey | None = None


@dataclass
class Group:
    """A group header: what it shows and its progress (items in it and, for a tag, below)."""

    label: str
    kind: str
    """``tag``, ``article``, ``notag`` or ``orphans``."""
    done: int = 0
    total: int = 0
    colour: str | None = None
    article: dict | None = None


@dataclass
class Layout:
    """The rows the list shows and the headers' groups, built from the items."""

    rows: list[Row]
    groups: dict[str, Group]
    done: int
    total: int
    orphans: int
    counted_in: dict[IKey, list[str]] = field(default_factory=dict)
    """Per item, the groups whose progress counts it (its tags and their parents): a toggle
    updates those counts in place instead of laying everything out again."""

    def count(self, key: IKey, step: int) -> None:
        """Move ``step`` (+1 reviewed, -1 back to review) into every count of item ``key``."""
        self.done += step
        for name in self.counted_in.get(key, ()):
            self.groups[name].done += step


def build(
    found: Sequence[Item],
    *,
    by_article: bool,
    hide_done: bool,
    folded: set[str],
    colour: Callable[[str], str],
) -> Layout:
    """Group ``found`` (by tag as a tree, or by article), orphans last, into rows.

    One pass to group and one to lay out: about 20 ms for 5,000 items.
    """
    keys = [(it.kind, it.key) for it in found]
    done = [it.review == "done" for it in found]
    rows: list[Row] = []
    groups: dict[str, Group] = {}
    counted_in: dict[IKey, list[str]] = {}
    orphans: list[int] = []
    members: dict[str, list[int]] = {}
    """Group name -> positions (in ``found``) of its own items, in order."""
    for i, it in enumerate(found):
        if it.orphan:
            orphans.append(i)
        elif by_article:
            members.setdefault("a:" + it.article["id"], []).append(i)
        else:
            for tag in it.tags or (NO_TAG,):
                members.setdefault("t:" + tag, []).append(i)

    def add(name: str, group: Group, depth: int, own: list[int], counted: Iterable[int]) -> bool:
        """Add a group's header and items; False when it is hidden (all done, hiding)."""
        n_done = 0
        n = 0
        for i in counted:
            n += 1
            n_done += done[i]
            counted_in.setdefault(keys[i], []).append(name)
        group.total, group.done = n, n_done
        groups[name] = group
        if hide_done and n_done == n:
            return False
        rows.append(Row(name, depth))
        if name not in folded:
            depth += 1
            rows.extend(Row(name, depth, keys[i]) for i in own if not (hide_done and done[i]))
        return True

    if by_article:
        for name, own in members.items():
            rec = found[own[0]].article
            add(name, Group(rec["title"], "article", article=dict(rec)), 0, own, own)
    else:
        untagged = members.pop("t:" + NO_TAG, [])
        # Every tag with items, and its parents (shown even when they hold none themselves);
        # a parent's progress counts each item below it once.
        below: dict[str, dict[int, None]] = {}
        for name, own in members.items():
            parts = name[2:].split("/")
            for k in range(1, len(parts) + 1):
                bucket = below.setdefault("/".join(parts[:k]), {})
                bucket.update(dict.fromkeys(own))
        hidden_under: str | None = None
        for tag in sorted(below, key=lambda t: t.split("/")):
            if hidden_under is not None and is_within(tag, hidden_under):
                continue  # inside a folded (or finished and hidden) parent
            hidden_under = None
            group = Group(tag.rsplit("/", 1)[-1], "tag", colour=colour(tag))
            shown = add("t:" + tag, group, tag.count("/"), members.get("t:" + tag, []), below[tag])
            if not shown or "t:" + tag in folded:
                hidden_under = tag
        if untagged:
            add("t:" + NO_TAG, Group(NO_TAG, "notag"), 0, untagged, untagged)
    if orphans:
        add(ORPHANS, Group("orphans", "orphans"), 0, orphans, orphans)
    unique = dict(zip(keys, done, strict=True))
    return Layout(rows, groups, sum(unique.values()), len(unique), len(orphans), counted_in)


class ReviewList(RowList):
    """Group headers (one line) and annotations (two lines, a third for a passage's note)."""

    COMPONENT_CLASSES = {
        "rows--cursor",
        "rows--muted",
        "review--header",
        "review--progress",
        "review--complete",
        "review--check",
        "review--speaker",
        "review--note",
        "review--done",
        "review--warning",
    }

    DEFAULT_CSS = """
    ReviewList > .review--header { text-style: bold; }
    ReviewList > .review--progress { color: $text-muted; }
    ReviewList > .review--complete { color: $text-success; }
    ReviewList > .review--check { color: $text-success; text-style: bold; }
    ReviewList > .review--speaker { color: $text-secondary; text-style: bold; }
    ReviewList > .review--note { color: $text-secondary; text-style: italic; }
    ReviewList > .review--done { color: $text-muted; }
    ReviewList > .review--warning { color: $text-warning; text-style: bold; }
    """

    BINDINGS = [
        Binding("G", "last", "Bottom", show=False, id="review.bottom"),
        Binding("enter", "choose", "Open", id="review.open", tooltip="Open in the reader"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plan = Layout([], {}, 0, 0, 0)
        self.items: dict[IKey, Item] = {}
        self.by_article = False
        self.folded: set[str] = set()
        self.show_coder = False

    def show(
        self,
        layout: Layout,
        items: dict[IKey, Item],
        cursor: int | None,
        *,
        by_article: bool,
        folded: set[str],
    ) -> None:
        self.plan = layout
        self.items = items
        self.by_article = by_article
        self.folded = set(folded)
        self.show_coder = len({it.coder for it in items.values() if it.coder}) > 1
        heights = [self._height(r) for r in layout.rows]
        self.set_rows(heights, cursor)

    def _height(self, row: Row) -> int:
        if row.item is None:
            return 1
        it = self.items[row.item]
        return 3 if it.kind == "passage" and it.note.strip() else 2

    def drop(self, key: IKey) -> None:
        """Take a just-reviewed item out of a list that hides reviewed items, and the headers
        of the groups it completed; the cursor goes on to the next annotation."""
        plan = self.plan
        complete = {
            g for g in plan.counted_in.get(key, ()) if plan.groups[g].done == plan.groups[g].total
        }
        index = self.cursor
        kept = []
        for i, r in enumerate(plan.rows):
            if r.item == key or (r.item is None and r.group in complete):
                if i < self.cursor:
                    index -= 1
                continue
            kept.append(r)
        plan.rows = kept
        index = max(0, index)
        cursor = next((i for i in range(index, len(kept)) if kept[i].item is not None), index)
        self.set_rows([self._height(r) for r in kept], cursor)

    @property
    def current(self) -> Row | None:
        rows = self.plan.rows
        return rows[self.cursor] if rows else None

    def current_item(self) -> Item | None:
        row = self.current
        return None if row is None or row.item is None else self.items[row.item]

    # -- painting ------------------------------------------------------------------------------

    def render_row(self, row: int, width: int, is_cursor: bool) -> list[Strip]:
        r = self.plan.rows[row]
        if r.item is None:
            return [self._header(r, width, is_cursor)]
        return self._item(r, self.items[r.item], width, is_cursor)

    def _header(self, r: Row, width: int, cur: bool) -> Strip:
        base = self.style_of(cursor=cur)
        bold = self.style_of("review--header", cursor=cur)
        muted = self.style_of("rows--muted", cursor=cur)
        g = self.plan.groups[r.group]
        fold = "▸ " if r.group in self.folded else "▾ "
        parts: list[Part] = [(" " + "  " * r.depth + fold, muted)]
        if g.kind == "tag":
            parts.append(("█ ", Style(color=g.colour, bgcolor=base.bgcolor)))
            parts.append((g.label, bold))
        elif g.kind == "orphans":
            parts.append(("⚠ orphans", self.style_of("review--warning", cursor=cur)))
            parts.append(("  passages not found in the article's text any more", muted))
        elif g.kind == "notag":
            parts.append((g.label, muted))
        else:
            rec = g.article or {}
            parts.append((g.label, bold))
            meta = " · ".join(x for x in (display_name(rec.get("outlet")), rec.get("date")) if x)
            if meta:
                parts.append(("  " + meta, muted))
        complete = g.done == g.total
        style = self.style_of("review--complete" if complete else "review--progress", cursor=cur)
        tail = [(("✓ " if complete else "") + f"{g.done}/{g.total} ", style)]
        return right(parts, tail, width, base)

    def _item(self, r: Row, it: Item, width: int, cur: bool) -> list[Strip]:
        base = self.style_of(cursor=cur)
        muted = self.style_of("rows--muted", cursor=cur)
        text_style = self.style_of("review--done", cursor=cur) if it.done else base
        indent = " " + "  " * r.depth
        check = ("☑ ", self.style_of("review--check", cursor=cur)) if it.done else ("☐ ", base)
        first: list[Part] = [(indent, base), check]
        tail: list[Part] = []
        if it.orphan:
            first.append(("⚠ ", self.style_of("review--warning", cursor=cur)))
        if it.kind == "passage":
            first.append(("“" + it.text + "”", text_style))
            if it.speaker:
                tail.append((" — " + it.speaker, self.style_of("review--speaker", cursor=cur)))
        else:
            note_style = self.style_of("review--note", cursor=cur)
            first.append(("✎ " + " ".join(it.text.split()), note_style))
            if it.kind == "extra" and it.coder:
                first.append((f"  (note by {it.coder})", muted))
        second: list[Part] = [(indent + "  ", base)]
        if self.by_article:
            tags = " ".join("#" + t for t in it.tags) if it.kind == "passage" else "article note"
            second.append((tags or "(no tag)", muted))
        else:
            rec = it.article
            # Date and outlet first (as in the article list): a narrow screen cuts the title.
            meta = " · ".join(
                x for x in (rec["date"], display_name(rec["outlet"]), rec["title"]) if x
            )
            second.append((meta, muted))
        if self.show_coder and it.coder:
            second.append(("  · " + it.coder, muted))
        lines = [keep_tail(first, tail, width, base), fit(second, width, base)]
        if it.kind == "passage" and it.note.strip():
            note_style = self.style_of("review--note", cursor=cur)
            lines.append(fit([(indent + "  ", base), ("✎ " + it.note, note_style)], width, base))
        return lines


class ReviewFilter(Input):
    """The review's filter box: enter, down or esc hand focus back to the list."""

    BINDINGS = [
        Binding("escape,enter,down", "to_list", "To list", show=False, id="review.filter_done"),
    ]

    def action_to_list(self) -> None:
        self.screen.query_one(ReviewList).focus()


@dataclass(frozen=True)
class ReviewResult:
    """What the screen hands back: an annotation to open (article id, passage id or None for
    a note), and the articles whose annotations it changed."""

    open: tuple[str, str | None] | None
    touched: frozenset[str] = field(default_factory=frozenset)


class ReviewScreen(changes.UndoKeys, Screen[ReviewResult]):
    """Work through the annotations a filter scopes: toggle review state, edit, open."""

    BINDINGS = [
        Binding("slash", "focus_filter", "Filter", id="review.filter"),
        Binding("space,x", "toggle", "Reviewed", id="review.toggle", tooltip="Toggle reviewed"),
        Binding("H", "hide_done", "Hide done", id="review.hide_done", tooltip="Hide reviewed"),
        Binding("g", "group", "By article", id="review.group", tooltip="Group by tag / article"),
        Binding(
            "right_square_bracket",
            "group_step(1)",
            "Next group",
            show=False,
            id="review.next_group",
        ),
        Binding(
            "left_square_bracket",
            "group_step(-1)",
            "Prev group",
            show=False,
            id="review.prev_group",
        ),
        Binding("e", "edit", "Edit", id="review.edit", tooltip="Edit the passage's tags and note"),
        Binding("u", "undo", "Undo", id="review.undo", tooltip="Undo the last change"),
        Binding("ctrl+r", "redo", "Redo", id="review.redo", tooltip="Redo what undo undid"),
        Binding("E", "export", "Export", id="review.export", tooltip="Export this scope"),
        Binding("escape,q", "close", "Close", id="review.close"),
    ]

    def __init__(self, library: Library, query: str = "", browser: Browser | None = None) -> None:
        super().__init__()
        self.library = library
        self.scope = query
        self.browser = browser
        self.items: dict[IKey, Item] = {}
        self.order: list[IKey] = []
        self.orphans: dict[str, bool] = {}
        """Passage id -> orphan, as far as checked (kept across filters)."""
        self.by_article = False
        self.hide_done = False
        self.folded: set[str] = set()
        self.touched: set[str] = set()
        self.errors: list[str] = []
        self.pending = True
        self.checking = False
        self.busy = False
        self._timer: Timer | None = None
        self._detail_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield ReviewFilter(
            self.scope,
            placeholder="/ filter the review: tag:x outlet: after: free text",
            id="review-filter",
        )
        yield Static(Text("loading…"), id="review-status")
        yield ReviewList(id="review-list")
        yield Static(id="review-detail")
        yield Static(classes="message-line")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(ReviewList).focus()
        self._load(self.scope)

    @classmethod
    def help_bindings(cls) -> list[tuple[str, list[Binding]]]:
        return [("Review", [*ReviewList.BINDINGS, *RowList.BINDINGS, *cls.BINDINGS])]

    def _theme(self, name: str) -> Style:
        """Text in a theme colour kept readable (``warta-muted``, see warta.tui.contrast)."""
        from warta.tui.contrast import theme_style

        return theme_style(self.app.theme_variables, name)

    # -- loading -------------------------------------------------------------------------------

    @on(Input.Changed, "#review-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if event.value == self.scope:
            return
        self.scope = event.value
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(FILTER_DELAY, lambda: self._load(self.scope))

    @work(thread=True, exclusive=True, group="review-load")
    def _load(self, query: str) -> None:
        errors: list[str] = []
        ids: list[str] | None = None
        if query.strip():
            if self.browser is None:
                from warta.store.search.browse import Browser

                self.browser = Browser(self.library)
            result = self.browser.search(query)
            errors = list(result.query.errors)
            annotated = set(review.annotated_ids(self.library))
            arts = self.library.articles
            ids = [arts[i]["id"] for i in result.order if arts[i]["id"] in annotated]
        found = review.items(self.library, ids)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._loaded, query, found, errors)

    def _loaded(self, query: str, found: list[Item], errors: list[str]) -> None:
        if query != self.scope:
            return  # the user typed on; a newer load is coming
        self.pending = False
        self.errors = errors
        self.items = {}
        self.order = []
        for it in found:
            if it.kind == "passage" and it.key in self.orphans:
                it = replace(it, orphan=self.orphans[it.key])
            k = ikey(it)
            if k not in self.items:
                self.order.append(k)
            self.items[k] = it
        self._rebuild()
        unknown = [it for it in found if it.kind == "passage" and it.key not in self.orphans]
        if unknown:
            self.checking = True
            self._check_orphans(unknown)
        else:
            self.checking = False
        self._status()

    @work(thread=True, exclusive=True, group="review-orphans")
    def _check_orphans(self, pending: list[Item]) -> None:
        worker = get_current_worker()
        for start in range(0, len(pending), ORPHAN_CHUNK):
            if worker.is_cancelled:
                return
            chunk = review.with_orphans(self.library, pending[start : start + ORPHAN_CHUNK])
            last = start + ORPHAN_CHUNK >= len(pending)
            self.app.call_from_thread(
                self._orphans_known, {it.key: it.orphan for it in chunk}, last
            )

    def _orphans_known(self, known: dict[str, bool], last: bool) -> None:
        self.orphans.update(known)
        moved = False
        for k, it in self.items.items():
            if it.kind == "passage" and it.key in known and it.orphan != known[it.key]:
                self.items[k] = replace(it, orphan=known[it.key])
                moved = True
        if last:
            self.checking = False
        if moved:
            self._rebuild()
        self._status()

    # -- showing -------------------------------------------------------------------------------

    def _rebuild(self) -> None:
        """Lay the items out again, the cursor staying on the same row (or where it was)."""
        rows = self.query_one(ReviewList)
        was = rows.current
        index = rows.cursor
        found = [self.items[k] for k in self.order]
        colours: dict[str, str] = {}

        def colour(tag: str) -> str:
            if tag not in colours:
                colours[tag] = colour_of(self.library, tag)
            return colours[tag]

        layout = build(
            found,
            by_article=self.by_article,
            hide_done=self.hide_done,
            folded=self.folded,
            colour=colour,
        )
        cursor = _find(layout.rows, was, index)
        rows.show(layout, self.items, cursor, by_article=self.by_article, folded=self.folded)
        self._status()
        self._detail()

    def _status(self) -> None:
        layout = self.query_one(ReviewList).plan
        text = Text()
        text.append(f"{layout.done} / {layout.total} reviewed", style="bold")
        text.append("  · by article" if self.by_article else "  · by tag")
        if self.hide_done:
            text.append("  · hiding reviewed (H shows)", style="italic")
        if layout.orphans:
            text.append(f"  · {layout.orphans} orphan{'s' if layout.orphans != 1 else ''}")
        if self.pending:
            text.append("  · loading…", style="italic")
        elif self.checking:
            text.append("  · checking anchors…", style="italic")
        if self.errors:
            text.append("  " + "; ".join(self.errors), style=self._theme("warta-error"))
        self.query_one("#review-status", Static).update(text)

    @on(RowList.Moved)
    def _moved(self) -> None:
        # The detail follows once the cursor rests: a held j repaints only the list.
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = self.set_timer(DETAIL_DELAY, self._detail)

    def _detail(self) -> None:
        rows = self.query_one(ReviewList)
        row = rows.current
        detail = self.query_one("#review-detail", Static)
        if row is None:
            if self.pending:
                message = "Loading…"
            elif rows.plan.total:
                message = "Everything here is reviewed. H shows the reviewed items again."
            elif self.scope.strip():
                message = "No annotations in the articles this filter matches."
            else:
                message = (
                    "No annotations yet. Highlight passages in the reader (h), or with "
                    "`warta highlight`; notes on articles show here too."
                )
            detail.update(Text(message, style="italic"), layout=False)
            return
        if row.item is None:
            g = rows.plan.groups[row.group]
            text = Text(g.label if g.kind != "tag" else "#" + row.group[2:], style="bold")
            text.append(f"  {g.done} of {g.total} reviewed", style=self._theme("warta-muted"))
            if g.kind == "orphans":
                text.append(
                    "\nThese passages were highlighted in an earlier text of their article and "
                    "cannot be placed in the text the reader shows now. They are kept as they "
                    "were.",
                    style="italic",
                )
            text.append("\nenter folds or unfolds the group", style=self._theme("warta-muted"))
            detail.update(text, layout=False)
            return
        it = self.items[row.item]
        text = Text()
        if it.kind == "passage":
            text.append("“" + it.text + "”")
            if it.speaker:
                text.append(" — " + it.speaker, style="bold")
        else:
            text.append("✎ " + it.text, style="italic")
        rec = it.article
        text.append("\n")
        text.append(rec["title"], style="bold")
        meta = [x for x in (display_name(rec["outlet"]), rec["date"]) if x]
        if it.kind == "passage":
            meta.append(" ".join("#" + t for t in it.tags) or "(no tag)")
        else:
            meta.append("article note" if it.kind == "note" else "extra note")
        if it.coder:
            meta.append("by " + it.coder)
        meta.append("reviewed" if it.done else "to review")
        text.append("  " + " · ".join(meta), style=self._theme("warta-muted"))
        if it.orphan:
            text.append("\n⚠ not found in the article's current text", style="bold")
        if it.kind == "passage" and it.note.strip():
            text.append("\n✎ " + it.note.strip(), style="italic")
        detail.update(text, layout=False)

    # -- actions -------------------------------------------------------------------------------

    def action_focus_filter(self) -> None:
        self.query_one(ReviewFilter).focus()

    def action_toggle(self) -> None:
        it = self.query_one(ReviewList).current_item()
        if it is None:
            self.notify("Move to an annotation to mark it reviewed.")
            return
        state = "todo" if it.done else "done"
        try:
            notes.set_review(self.library, it.kind, it.key, state)
        except LibraryError as exc:
            self.notify(str(exc), severity="error", markup=False)
            self._load(self.scope)
            return
        self.touched.add(it.article["id"])
        key = ikey(it)
        self.items[key] = replace(it, review=state)
        rows = self.query_one(ReviewList)
        rows.plan.count(key, 1 if state == "done" else -1)
        if self.hide_done and state == "done":
            rows.drop(key)  # it leaves the list; the cursor goes on to the next one
        else:
            rows.refresh_rows()
        self._status()
        self._detail()

    def action_hide_done(self) -> None:
        self.hide_done = not self.hide_done
        self._rebuild()
        self.notify("Hiding reviewed items." if self.hide_done else "Showing reviewed items.")

    def action_group(self) -> None:
        self.by_article = not self.by_article
        self.folded.clear()
        self._rebuild()

    def action_group_step(self, step: int) -> None:
        rows = self.query_one(ReviewList)
        layout = rows.plan.rows
        i = rows.cursor + step
        while 0 <= i < len(layout):
            if layout[i].item is None:
                rows.cursor = i
                return
            i += step

    @on(RowList.Chosen)
    def _chosen(self) -> None:
        rows = self.query_one(ReviewList)
        row = rows.current
        if row is None:
            return
        if row.item is None:
            self.folded ^= {row.group}
            self._rebuild()
            return
        it = self.items[row.item]
        target = (it.article["id"], it.key if it.kind == "passage" else None)
        self.dismiss(ReviewResult(target, frozenset(self.touched)))

    def action_close(self) -> None:
        self.dismiss(ReviewResult(None, frozenset(self.touched)))

    def action_edit(self) -> None:
        it = self.query_one(ReviewList).current_item()
        if it is None:
            self.notify("Move to a passage to edit it.")
            return
        if it.kind == "extra":
            self.notify(
                f"This note is {it.coder or 'another coder'}'s (or a conflict copy); "
                "it is kept as it came.",
                markup=False,
            )
            return
        if it.kind == "note":
            self._edit_note(it)
            return
        in_use = sorted(
            {t for x in self.items.values() for t in x.tags} | set(self.library.tag_counts())
        )

        def done(result: Coding | None) -> None:
            if result is None:
                return
            tags, note = result.tags, result.note
            try:
                p = passages.update(self.library, it.key, tags=tags, note=note)
            except LibraryError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.touched.add(it.article["id"])
            self.items[ikey(it)] = replace(it, tags=tuple(p["tags"]), note=p["note"])
            self._rebuild()

        self.app.push_screen(
            PassageScreen(it.text, in_use, it.tags, it.note, title="Edit passage"), done
        )

    def _edit_note(self, it: Item) -> None:
        aid = it.article["id"]

        def save(text: str) -> None:
            self.library.set_note(aid, text)
            self.touched.add(aid)

        def done(_: bool | None) -> None:
            self._load(self.scope)

        from warta.tui.screens.note import NoteScreen

        note = self.library.annotation(aid)["note"]
        self.app.push_screen(NoteScreen(it.article["title"], note, save), done)

    @work(thread=True, group="review-change")
    def _run_step(self, redo: bool) -> None:
        outcome, touched = changes.step(self.library, redo=redo)
        self.app.call_from_thread(self._stepped, outcome, touched, redo)

    def _stepped(self, outcome: changes.Outcome, touched: set[str], redo: bool) -> None:
        self.busy = False
        self.touched |= touched
        message, severity = changes.message(outcome, redo=redo)
        self.notify(message, severity=severity, markup=False)  # type: ignore[arg-type]
        if outcome.done:
            self._load(self.scope)

    def action_export(self) -> None:
        from warta.tui.screens.dialogs import PickDialog
        from warta.tui.screens.export import FORMATS

        options = []
        for fmt, what in FORMATS:
            label = Text(f"{fmt:<9}", style="bold")
            label.append(what)
            options.append((fmt, label))
        scope = self.scope.strip() or "every annotation"
        self.app.push_screen(
            PickDialog(
                Text("Export as…"),
                options,
                placeholder="type a format or pick one",
                filtering=True,
                hint=Text(f"Scope: {scope}. Written to {Path.cwd()}"),
            ),
            self._export,
        )

    def _export(self, fmt: str | None) -> None:
        if fmt:
            self.notify(f"Exporting {fmt}…")
            self._write_export(fmt, self.scope, Path.cwd())

    @work(thread=True, group="review-export")
    def _write_export(self, fmt: str, query: str, folder: Path) -> None:
        from warta.tui.screens.export import write_export

        try:
            path = write_export(self.library, fmt, query, folder)
        except (OSError, LibraryError) as exc:
            message = f"Export failed: {exc}"
            self.app.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        message = f"Wrote {path}"
        self.app.call_from_thread(self.notify, message, markup=False, timeout=8)


def _find(rows: list[Row], was: Row | None, index: int) -> int:
    """Where the row the cursor was on is now: the same row, the same item in any group, the
    same group's header, else the same index."""
    if was is None:
        return index
    for i, r in enumerate(rows):
        if r == was:
            return i
    if was.item is not None:
        for i, r in enumerate(rows):
            if r.item == was.item:
                return i
    for i, r in enumerate(rows):
        if r.group == was.group:
            return i
    return index
