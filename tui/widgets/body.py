"""The reader's body text: a Line-API widget with a margin for passage marks.

The article body arrives as one styled ``Text`` (quotes, speakers, passages, matches already
styled by the reader). This widget wraps it to its width, paints a two-cell margin in which a
line that holds a highlighted passage gets a mark in the passage's colour, supports mouse
selection (Textual's selection protocol, so a drag selects text and ``h`` can highlight it) and
answers "which wrapped line holds character N" for jumping to quotes, passages and matches.
"""

from __future__ import annotations

from bisect import bisect_right

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.selection import Selection
from textual.strip import Strip
from textual.widget import Widget

GUTTER = 2
MARK = "▌"


class BodyView(Widget):
    """Shows a wrapped ``Text`` with margin marks; height follows the wrapped line count."""

    DEFAULT_CSS = """
    BodyView { height: auto; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()
        self._marks: list[tuple[int, int, Style]] = []
        self._lines: list[Text] = []
        self._starts: list[int] = []
        self._wrapped_for = -1

    # -- content -------------------------------------------------------------------------------

    def update(self, text: Text, marks: list[tuple[int, int, Style]] | None = None) -> None:
        """Show ``text``; ``marks`` are (start, end, style) spans whose lines get a margin mark."""
        self._text = text
        self._marks = sorted(marks or [], key=lambda m: m[0])
        self._wrapped_for = -1
        if self.is_mounted and self.text_selection is not None:
            self.screen.clear_selection()  # offsets into the old text mean nothing now
        self.refresh(layout=True)

    @property
    def plain(self) -> str:
        return self._text.plain

    def _wrap(self, width: int) -> None:
        if width == self._wrapped_for:
            return
        text_width = max(1, width - GUTTER)
        lines: list[Text] = []
        starts: list[int] = []
        plain = self._text.plain
        pos = 0
        for para in self._text.split("\n", allow_blank=True):
            wrapped = para.wrap(self.app.console, text_width) if para.plain else [Text()]
            for piece in wrapped:
                # A wrapped line keeps the space it broke at: drop it, or a passage's tint (a
                # background) runs on past the last word.
                piece.rstrip()
                at = plain.find(piece.plain, pos) if piece.plain else pos
                at = pos if at < 0 else at
                starts.append(at)
                lines.append(piece)
                pos = at + len(piece.plain)
            newline = plain.find("\n", pos)
            pos = newline + 1 if newline >= 0 else len(plain)
        self._lines, self._starts = lines, starts
        self._wrapped_for = width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        self._wrap(width)
        return len(self._lines)

    def line_of(self, offset: int) -> int:
        """The wrapped line holding character ``offset`` of the text."""
        self._wrap(self.content_region.width or self.size.width)
        return max(0, bisect_right(self._starts, offset) - 1)

    def offset_at(self, x: int, y: int) -> int:
        """The character offset of column ``x`` (past the margin) on wrapped line ``y``."""
        self._wrap(self.content_region.width or self.size.width)
        if not self._lines:
            return 0
        y = max(0, min(y, len(self._lines) - 1))
        return self._starts[y] + max(0, min(x, len(self._lines[y].plain)))

    # -- selection (mouse) -----------------------------------------------------------------------

    def selected_span(self) -> tuple[int, int] | None:
        """The text offsets of the mouse selection in this widget, or None."""
        sel = self.text_selection
        if sel is None or not self._lines:
            return None
        start = self.offset_at(*(sel.start or (0, 0)))
        end = (
            self.offset_at(*sel.end)
            if sel.end is not None
            else self._starts[-1] + len(self._lines[-1].plain)
        )
        return (start, end) if end > start else None

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        self._wrap(self.content_region.width or self.size.width)
        return selection.extract("\n".join(line.plain for line in self._lines)), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()

    # -- painting ------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        self._wrap(width)
        base = self.rich_style
        if y >= len(self._lines):
            return Strip.blank(width, base)
        line = self._lines[y].copy()
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(y)) is not None:
            start, end = span
            style = self.screen.get_component_rich_style("screen--selection")
            line.stylize(style, start, len(line.plain) if end == -1 else end)
        start = self._starts[y]
        mark = self._mark_for(start, start + max(1, len(line.plain)))
        gutter = Strip(
            [Segment(MARK, base + mark) if mark else Segment(" ", base), Segment(" ", base)]
        ).apply_offsets(0, y)
        body = Strip(line.render(self.app.console)).apply_style(base).apply_offsets(0, y)
        return Strip.join([gutter, body]).adjust_cell_length(width, base)

    def _mark_for(self, start: int, end: int) -> Style | None:
        for ms, me, style in self._marks:
            if ms >= end:
                break
            if me > start:
                return style
        return None
