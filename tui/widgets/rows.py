"""A Line-API list of rows, each one or more lines tall, with a cursor: the codebook and review.

Like the article list, it paints only the lines on screen: a subclass says how tall each row is
(:meth:`RowList.set_rows`) and renders one row's lines on demand (:meth:`RowList.render_row`);
the strips are cached until the data, the width, the focus or the theme change. The line a
screen line shows is found by bisecting the rows' start lines, so thousands of rows cost no more
to paint or scroll than ten.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

from rich.cells import cell_len
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

Part = tuple[str, Style]
"""A run of text and its style; a line is a list of parts."""


def fit(parts: Iterable[Part], width: int, base: Style) -> Strip:
    """One line of ``parts``, cut with an ellipsis past ``width`` and padded to it.

    Texts are put on screen as segments, never parsed as markup. The spaces a part starts
    with (a right-aligned number's padding, a separator) take the line's base style, so no
    styled run starts with a space: librsvg, which many SVG viewers use, drops a text run's
    leading spaces and would draw the run that many cells too far left in a screenshot.
    """
    segments = []
    for text, style in parts:
        if not text:
            continue
        text = text.replace("\n", " ")
        word = text.lstrip(" ")
        if word and len(word) < len(text):
            segments.append(Segment(text[: len(text) - len(word)], base))
            text = word
        segments.append(Segment(text, style))
    strip = Strip(segments)
    if strip.cell_length > width:
        last = segments[-1].style if segments else base
        cut = strip.crop(0, max(0, width - 1))
        strip = Strip([*cut, Segment("…", last)])
    return strip.adjust_cell_length(width, base)


def right(parts: list[Part], tail: list[Part], width: int, base: Style) -> Strip:
    """``parts`` on the left and ``tail`` flush right; the left side is cut to make room."""
    tail_len = sum(cell_len(t) for t, _ in tail)
    if tail_len + 8 > width:
        return fit([*parts, (" ", base), *tail], width, base)
    left = fit(parts, width - tail_len - 1, base)
    return Strip([*left, Segment(" ", base), *(Segment(t, s) for t, s in tail)]).adjust_cell_length(
        width, base
    )


def keep_tail(parts: list[Part], tail: list[Part], width: int, base: Style) -> Strip:
    """``parts`` then ``tail`` right after them; when too long, ``parts`` are cut so that
    ``tail`` (a speaker after a quote) still shows."""
    tail_len = sum(cell_len(t) for t, _ in tail)
    whole = sum(cell_len(t) for t, _ in parts) + tail_len
    if whole <= width or tail_len + 12 > width:
        return fit([*parts, *tail], width, base)
    left = fit(parts, width - tail_len, base)
    return Strip([*left, *(Segment(t, s) for t, s in tail)]).adjust_cell_length(width, base)


class RowList(ScrollView, can_focus=True):
    """Rows with a cursor; subclasses render them. Posts :class:`Moved` and :class:`Chosen`."""

    COMPONENT_CLASSES = {"rows--cursor", "rows--muted"}

    DEFAULT_CSS = """
    RowList {
        background: $surface;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
    }
    RowList { color: $foreground; }
    RowList > .rows--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
    RowList:focus > .rows--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    RowList > .rows--muted { color: $text-muted; }
    """

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="rows.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="rows.up"),
        Binding("home", "first", "Top", show=False, id="rows.top"),
        Binding("end", "last", "Bottom", show=False, id="rows.bottom"),
        Binding("pagedown,ctrl+f", "page_down", "Page down", show=False, id="rows.page_down"),
        Binding("pageup,ctrl+b", "page_up", "Page up", show=False, id="rows.page_up"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Moved(Message):
        """The cursor now rests on ``row`` (None when there are no rows)."""

        def __init__(self, rows: RowList, row: int | None) -> None:
            self.rows = rows
            self.row = row
            super().__init__()

        @property
        def control(self) -> RowList:
            return self.rows

    class Chosen(Message):
        """The user pressed enter (or double-clicked) on ``row``."""

        def __init__(self, rows: RowList, row: int) -> None:
            self.rows = rows
            self.row = row
            super().__init__()

        @property
        def control(self) -> RowList:
            return self.rows

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._heights: Sequence[int] = []
        self._starts: list[int] = []
        self._lines = 0
        self._cache: LRUCache[tuple[int, int, bool, int], list[Strip]] = LRUCache(1024)
        self._generation = 0

    # -- data in -------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._heights)

    def set_rows(self, heights: Sequence[int], cursor: int | None = None) -> None:
        """Show ``len(heights)`` rows, row i ``heights[i]`` lines tall; the cursor goes to
        ``cursor`` (default: where it was, within the new rows)."""
        self._heights = heights
        starts = []
        line = 0
        for h in heights:
            starts.append(line)
            line += h
        self._starts = starts
        self._lines = line
        self._invalidate()
        self.virtual_size = Size(self.scrollable_content_region.width, line)
        self.cursor = self.cursor if cursor is None else cursor
        self.refresh()

    def refresh_rows(self) -> None:
        """Repaint every row (the data they show changed, not their number or heights)."""
        self._invalidate()
        self.refresh()

    def _invalidate(self) -> None:
        self._generation += 1
        self._cache.clear()

    def render_row(self, row: int, width: int, is_cursor: bool) -> list[Strip]:
        """The lines of ``row`` (as many as its height), each ``width`` cells wide."""
        raise NotImplementedError

    # -- cursor --------------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._heights) - 1)) if self._heights else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_cursor_into_view()
        self._refresh_row(old)
        self._refresh_row(new)
        self.post_message(self.Moved(self, new if self._heights else None))

    def _refresh_row(self, row: int) -> None:
        if not 0 <= row < len(self._heights):
            return
        y = self._starts[row] - int(self.scroll_y)
        h = self._heights[row]
        if y + h > 0 and y < self.size.height:
            self.refresh(Region(0, max(0, y), self.size.width, h))

    def _scroll_cursor_into_view(self) -> None:
        height = self.scrollable_content_region.height
        if height <= 0 or not self._heights:
            return
        top = self._starts[self.cursor]
        bottom = top + self._heights[self.cursor]
        first = int(self.scroll_y)
        if top < first:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif bottom > first + height:
            self.scroll_to(y=min(top, bottom - height), animate=False, immediate=True)

    def row_at_line(self, line: int) -> int | None:
        """The row that virtual line ``line`` belongs to."""
        if not 0 <= line < self._lines:
            return None
        return bisect_right(self._starts, line) - 1

    def on_focus(self) -> None:
        self.refresh_rows()  # the cursor row is drawn differently with focus

    def on_blur(self) -> None:
        self.refresh_rows()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._invalidate()  # a theme change makes every cached row stale

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self._lines)
        self._invalidate()
        self._scroll_cursor_into_view()

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._heights) - 1

    def _page_rows(self, direction: int) -> int:
        """The row a page away from the cursor (rows differ in height: count lines)."""
        height = max(1, self.scrollable_content_region.height - 1)
        row = self.cursor
        moved = 0
        while 0 <= row + direction < len(self._heights) and moved < height:
            row += direction
            moved += self._heights[row]
        return row

    def action_page_down(self) -> None:
        self.cursor = self._page_rows(1)

    def action_page_up(self) -> None:
        self.cursor = self._page_rows(-1)

    def action_choose(self) -> None:
        if self._heights:
            self.post_message(self.Chosen(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        row = self.row_at_line(int(self.scroll_y) + event.y)
        if row is not None:
            self.cursor = row
            if event.chain >= 2:
                self.action_choose()

    # -- painting ------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = self.row_at_line(int(self.scroll_y) + y)
        if row is None or width <= 0:
            return Strip.blank(width, self.rich_style)
        is_cursor = row == self.cursor
        key = (row, width, is_cursor, self._generation)
        strips = self._cache.get(key)
        if strips is None:
            strips = self.render_row(row, width, is_cursor)
            self._cache[key] = strips
        sub = int(self.scroll_y) + y - self._starts[row]
        return strips[sub] if sub < len(strips) else Strip.blank(width, self.rich_style)

    def style_of(self, *components: str, cursor: bool = False) -> Style:
        """The Rich style of component classes over the widget, with translucent theme colours
        blended as Textual blends them. On the cursor row the cursor's colours win (only the
        components' bold or italic stay), so every part stays readable in every theme."""
        names = (*components, "rows--cursor") if cursor else components
        return self.get_visual_style(*names).rich_style
