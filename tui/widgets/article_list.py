"""The list pane: a Line-API ScrollView over an array of article indices.

Painting and scrolling cost only the rows on screen, whatever the library's size: the widget
holds the visible order (an array of positions into ``library.articles``) and renders each row
on demand in ``render_line``, caching the strips it made.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from warta.store.library.library import Library
from warta.store.model import Annotation, ArticleRecord, empty_annotation
from warta.store.render import date_label

RowSource = Callable[[int], tuple[dict, dict]]
"""Given an article position, returns (metadata record, annotation)."""

Highlighter = Callable[[int], list[tuple[int, int]]]
"""Given an article position, returns character spans of its title to highlight."""

Snippets = Callable[[int, int], tuple[str, list[tuple[int, int]]] | None]
"""Given an article position and the room in cells, a line of its body around a match (with
the match spans), or None when the row needs none (its title or metadata matched)."""


def _display_name(raw: str | None) -> str:
    """outlets.display_name, imported on first use (off the path to the first frame)."""
    global _display_name
    from warta.store.search.outlets import display_name

    _display_name = display_name  # type: ignore[assignment]
    return display_name(raw)


def _outlet_cell(raw: str | None, cells: int) -> str:
    """store.render.outlet_cell, imported on first use (it imports outlets)."""
    global _outlet_cell
    from warta.store.render import outlet_cell

    _outlet_cell = outlet_cell  # type: ignore[assignment]
    return outlet_cell(raw, cells)


_PARTS = ("cursor", "date", "outlet", "unread", "glyph", "match", "tags", "snippet")

GLYPHS = 5
"""Cells of the state glyphs (unread, starred, noted, tagged) and the space after them."""


def columns(width: int, widest_outlet: int) -> tuple[bool | None, int]:
    """How a row of ``width`` cells shows its date and outlet: (long date, outlet cells).

    The date is ``2024-08-07`` from 56 cells, ``24-08-07`` from 30, else left out (None);
    the outlet column is as wide as the widest outlet name on screen (``widest_outlet``),
    at most a third of what is left, and left out when the title would get under 12 cells.
    At 80 columns the list is 38 wide: 8 of date, 8 of outlet, 15 of title.
    """
    long_date: bool | None = True if width >= 56 else False if width >= 30 else None
    room = width - GLYPHS - (0 if long_date is None else 11 if long_date else 9)
    outlet = min(widest_outlet, max(6, room // 3))
    if outlet <= 0 or room - outlet - 1 < 12:
        outlet = 0
    return long_date, outlet


class ArticleList(ScrollView, can_focus=True):
    """One row per article: state glyphs, date, outlet, title; the cursor row is highlighted."""

    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--date",
        "article-list--outlet",
        "article-list--unread",
        "article-list--glyph",
        "article-list--match",
        "article-list--tags",
        "article-list--snippet",
    }

    DEFAULT_CSS = """
    ArticleList {
        background: $surface;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
    }
    /* Solid colours: a component style is flattened, so an alpha background would be lost.
       Warta's app stylesheet gives the colours kept readable in every theme; these are the
       fallbacks. On the cursor row every part takes the cursor's colours. */
    ArticleList { color: $foreground; }
    ArticleList > .article-list--cursor {
        background: $block-cursor-blurred-background; color: $block-cursor-blurred-foreground;
    }
    ArticleList:focus > .article-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    ArticleList > .article-list--date { color: $text-muted; }
    ArticleList > .article-list--outlet { color: $text-secondary; }
    ArticleList > .article-list--unread { text-style: bold; }
    ArticleList > .article-list--glyph { color: $warning; }
    ArticleList > .article-list--match { color: $text-accent; text-style: bold underline; }
    ArticleList > .article-list--tags { color: $text-success; }
    ArticleList > .article-list--snippet { color: $text-muted; }
    """

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g,home", "first", "Top", show=False, id="list.top"),
        Binding("G,end", "last", "Bottom", show=False, id="list.bottom"),
        Binding("pagedown,ctrl+f", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup,ctrl+b", "page_up", "Page up", show=False, id="list.page_up"),
        # Not in the footer: at 80 columns it has room for the keys a newcomer cannot guess.
        Binding("enter,l", "open", "Open", show=False, id="list.open"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class CursorMoved(Message):
        """The cursor now rests on the article at ``position`` (None when the list is empty)."""

        def __init__(self, position: int | None) -> None:
            self.position = position
            super().__init__()

    class MarksFailed(Message):
        """The user's data (tags, read, starred) could not be read; rows show no marks."""

        def __init__(self, error: Exception) -> None:
            self.error = error
            super().__init__()

    class Opened(Message):
        """The user asked to open the article at ``position`` in the reader."""

        def __init__(self, position: int) -> None:
            self.position = position
            super().__init__()

    def __init__(self, library: Library, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library = library
        self.records: Sequence[ArticleRecord] = []
        """What positions index: ``library.articles``, or the head file's rows at startup."""
        self.order: Sequence[int] = []
        self.highlighter: Highlighter | None = None
        self.snippets: Snippets | None = None
        self._cache: LRUCache[tuple[int, int, bool, int], Strip] = LRUCache(2048)
        self._generation = 0
        self._row_styles_key: tuple[int, bool] | None = None
        self._row_styles: dict[str, Style] = {}
        self._cursor_styles: dict[str, Style] = {}
        self._widest_outlet = 0
        """The widest outlet name shown since the order was set (the column only grows while
        scrolling one result, so columns do not jump as rows pass)."""
        self._columns_key: tuple[int, int, int] | None = None
        self._columns: tuple[bool | None, int] = (True, 0)
        self.marks_unavailable = False
        """Set (by the list itself or the screen) while the user's data cannot be read."""

    # -- data in -------------------------------------------------------------------------------

    def set_order(
        self,
        order: Sequence[int],
        highlighter: Highlighter | None = None,
        keep: int | None = None,
        records: Sequence[ArticleRecord] | None = None,
        snippets: Snippets | None = None,
    ) -> None:
        """Show ``order`` (positions into ``records``, by default the library's articles).

        The cursor stays on position ``keep`` if it is in the new order, else goes to the top.
        """
        self.records = self.library.articles if records is None else records
        self.order = order
        self.highlighter = highlighter
        self.snippets = snippets
        self._widest_outlet = 0
        self._invalidate()
        self._set_virtual_size(Size(self.size.width, len(order)))
        target = 0
        if keep is not None:
            try:
                target = order.index(keep)
            except ValueError:
                target = 0
        self.scroll_to(y=0, animate=False, immediate=True)
        self.cursor = target
        self.refresh()

    def move_to(self, position: int) -> bool:
        """Put the cursor on the article at ``position``; False if the list does not show it."""
        try:
            self.cursor = list(self.order).index(position)
        except ValueError:
            return False
        return True

    def _set_virtual_size(self, size: Size) -> None:
        """Change the scrollable height without a screen layout.

        Assigning ``virtual_size`` re-lays out the whole screen (12 ms here), on every
        keystroke since the row count changes. The list's own box does not change, so only its
        scrollbars need updating; when a scrollbar appears or goes, that reactive asks for the
        layout itself.
        """
        if size != self.virtual_size:
            self.set_reactive(ArticleList.virtual_size, size)
            self._scroll_update(size)
            self.refresh()

    def refresh_rows(self) -> None:
        """Repaint after the user's data changed (tags, read, starred)."""
        self._invalidate()
        self.refresh()

    def _invalidate(self) -> None:
        self._generation += 1
        self._cache.clear()

    def record(self, position: int) -> ArticleRecord:
        """The metadata record at ``position``."""
        return self.records[position]

    @property
    def current(self) -> ArticleRecord | None:
        """The record under the cursor."""
        position = self.position
        return None if position is None else self.records[position]

    @property
    def position(self) -> int | None:
        """The article position under the cursor."""
        if not self.order:
            return None
        return self.order[min(self.cursor, len(self.order) - 1)]

    # -- cursor --------------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.order) - 1)) if self.order else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_cursor_into_view()
        self.refresh_lines_for(old)
        self.refresh_lines_for(new)
        self.post_message(self.CursorMoved(self.position))

    def refresh_lines_for(self, row: int) -> None:
        y = row - int(self.scroll_y)
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def _scroll_cursor_into_view(self) -> None:
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def on_focus(self) -> None:
        self.refresh_rows()  # the cursor row is drawn differently with focus

    def on_blur(self) -> None:
        self.refresh_rows()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._invalidate()  # a theme change makes every cached row stale

    def on_resize(self) -> None:
        self._set_virtual_size(Size(self.size.width, len(self.order)))
        self._invalidate()
        self._scroll_cursor_into_view()

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.order) - 1

    def action_page_down(self) -> None:
        self.cursor += max(1, self.scrollable_content_region.height - 1)

    def action_page_up(self) -> None:
        self.cursor -= max(1, self.scrollable_content_region.height - 1)

    def action_open(self) -> None:
        if self.position is not None:
            self.post_message(self.Opened(self.position))

    def on_click(self, event: events.Click) -> None:
        row = int(self.scroll_y) + event.y
        if 0 <= row < len(self.order):
            self.cursor = row
            if event.chain >= 2:
                self.action_open()

    # -- painting ------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        row = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        if row >= len(self.order) or width <= 0:
            return Strip.blank(width, self.rich_style)
        self._fit_columns(width)
        is_cursor = row == self.cursor
        position = self.order[row]
        key = (position, width, is_cursor, self._generation)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(position, width, is_cursor)
            self._cache[key] = strip
        return strip

    def _fit_columns(self, width: int) -> None:
        """Size the date and outlet columns for the rows on screen (once per scroll
        position); when the outlet column grows, the cached rows are stale."""
        top = int(self.scroll_y)
        key = (top, width, self._generation)
        if key == self._columns_key:
            return
        shown = self.order[top : top + self.size.height]
        widest = max((len(_display_name(self.records[p]["outlet"])) for p in shown), default=0)
        if widest > self._widest_outlet:
            self._widest_outlet = widest
            self._invalidate()
        self._columns = columns(width, self._widest_outlet)
        self._columns_key = (top, width, self._generation)

    def _styles(self, cursor: bool = False) -> dict[str, Style]:
        """Component styles, looked up once per repaint generation (a lookup is not free).

        For the cursor row (``cursor``) the parts keep their bold and underline but not their
        colours, which could not all read on the cursor's background in every theme."""
        key = (self._generation, self.has_focus)
        if self._row_styles_key != key:
            get = self.get_component_rich_style
            styles = {name: get(f"article-list--{name}", partial=True) for name in _PARTS}
            styles["base"] = self.rich_style
            styles["base_cursor"] = self.rich_style + styles["cursor"]
            self._row_styles = styles
            self._cursor_styles = {k: v.without_color for k, v in styles.items()}
            self._cursor_styles["base_cursor"] = styles["base_cursor"]
            self._row_styles_key = key
        return self._cursor_styles if cursor else self._row_styles

    def _annotation(self, article_id: str) -> Annotation:
        """The row's marks; none while the user's data cannot be read (the screen says why),
        and the file is not parsed again for every row meanwhile."""
        if self.marks_unavailable:
            return empty_annotation()
        try:
            return self.library.annotation(article_id)
        except Exception as exc:
            from warta.tui.errors import describe

            if describe(exc) is None:
                raise
            self.marks_unavailable = True
            self.post_message(self.MarksFailed(exc))
            return empty_annotation()

    def _render_row(self, position: int, width: int, is_cursor: bool) -> Strip:
        # Segments are built directly rather than through a Text and its renderer: this runs
        # for every visible row on every keystroke.
        st = self._styles(is_cursor)
        rec = self.records[position]
        ann = self._annotation(rec["id"])
        base = st["base_cursor"] if is_cursor else st["base"]
        glyph = base + st["glyph"]
        tagged = base + st["tags"]
        segments = [
            Segment("●" if not ann["read"] else " ", glyph),
            Segment("★" if ann["starred"] else " ", glyph),
            Segment("✎" if ann["note"].strip() else " ", glyph),
            Segment("#" if ann["tags"] else " ", tagged),
            Segment(" ", base),
        ]
        long_date, outlet_cells = self._columns
        if long_date is not None:
            date = date_label(rec["date"], short=not long_date)
            segments.append(Segment(date.ljust(10 if long_date else 8) + " ", base + st["date"]))
        if outlet_cells:
            outlet = _outlet_cell(rec["outlet"], outlet_cells)
            segments.append(Segment(outlet + " ", base + st["outlet"]))
        title = rec["title"]
        used = sum(seg.cell_length for seg in segments)
        room = max(12, (width - used) * 2 // 5)
        snip_room = width - used - room - 2
        # A snippet needs room to say something (at 80 columns there is none beside a title).
        snip = self.snippets(position, snip_room) if self.snippets and snip_room >= 16 else None
        if snip is not None and len(title) > room:
            # A body-only match: 2/5 of the row for the title, the rest for where it matched.
            title = title[: room - 1] + "…"
        title_style = base + st["unread"] if not ann["read"] else base
        spans = self.highlighter(position) if self.highlighter is not None else []
        if spans:
            match = title_style + st["match"]
            at = 0
            for start, end in sorted(spans):
                if start > at:
                    segments.append(Segment(title[at:start], title_style))
                segments.append(Segment(title[max(start, at) : end], match))
                at = max(at, end)
            if at < len(title):
                segments.append(Segment(title[at:], title_style))
        else:
            segments.append(Segment(title, title_style))
        if snip is not None:
            line, spans = snip
            dim = base + st["snippet"]
            match = dim + st["match"]
            segments.append(Segment("  ", dim))
            at = 0
            for start, end in spans:
                if start > at:
                    segments.append(Segment(line[at:start], dim))
                segments.append(Segment(line[max(start, at) : end], match))
                at = max(at, end)
            segments.append(Segment(line[at:], dim))
        if ann["tags"]:
            segments.append(Segment("  " + " ".join("#" + t for t in ann["tags"]), tagged))
        strip = Strip(segments)
        if strip.cell_length > width:
            strip = Strip([*strip.crop(0, width - 1), Segment("…", title_style)])
        return strip.adjust_cell_length(width, base)
