"""The reader pane: title, metadata block, key quotes and the cleaned body with quotes marked.

Article text is data: every piece is put on screen as a ``rich.text.Text`` built here, never
as a markup string, so ``[bold]`` in an article shows as those characters. Fields that may
come from an older library or another program (title, notes, source) are also cleaned of
control characters here, so none can drive the terminal.

The body is drawn in layers over the cleaned text: quotes, the speaker after each quote, the
user's highlighted passages (a background in the first tag's colour, with a mark in the margin),
and, in selection mode, the span being chosen. Offsets are kept in the body's terms; the
speaker labels inserted into the shown text are mapped around (:class:`_Shown`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.color import Color
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from warta.store.annotate import spans as sp
from warta.store.model import Annotation, ArticleRecord, Extraction, ExtraNote
from warta.store.render import key_quotes, person_label
from warta.store.text import clean_field, strip_controls, visible
from warta.tui.widgets.body import BodyView

if TYPE_CHECKING:  # only for annotations: the first frame needs none of search or anchoring
    from warta.store.annotate.passages import Placed
    from warta.store.search.query import Phrase, Word

CLOSERS = ",.;:!?”\"’'»"
PASSAGE_TINT = 0.35
"""How much of a tag's colour tints a passage's background at most: less where the words on it
would read at under 4.5:1 (a tag colour close to the text's)."""


def passage_tint(background: Color, colour: Color, inks: list[Color]) -> Color:
    """The background of a passage coded with ``colour``, for words drawn in ``inks``."""
    from warta.tui.contrast import tint

    return tint(background, colour, inks, PASSAGE_TINT)


@dataclass
class _Shown:
    """The body as shown: the text with speaker labels inserted, and the map between them."""

    text: Text
    inserts: list[tuple[int, int]]
    """(body offset, length) of every inserted label, in order."""

    def start(self, body_offset: int) -> int:
        """Where a span starting at ``body_offset`` starts in the shown text."""
        k = bisect_right([p for p, _ in self.inserts], body_offset)
        return body_offset + sum(n for _, n in self.inserts[:k])

    def end(self, body_offset: int) -> int:
        """Where a span ending at ``body_offset`` ends in the shown text (before a label)."""
        k = bisect_right([p for p, _ in self.inserts], body_offset - 1)
        return body_offset + sum(n for _, n in self.inserts[:k])

    def to_body(self, shown_offset: int) -> int:
        """The body offset of a shown offset (inside a label: where the label is inserted)."""
        shift = 0
        for pos, n in self.inserts:
            if shown_offset < pos + shift:
                break
            if shown_offset < pos + shift + n:
                return pos
            shift += n
        return shown_offset - shift


class ArticleReader(VerticalScroll, can_focus=True):
    """Shows one article; ``[``/``]`` jump between quotes, ``{``/``}`` between passages,
    ``n``/``N`` between the filter's matches (underlined in the theme's accent colour)."""

    DEFAULT_CSS = """
    ArticleReader { padding: 0 1; background: $surface; color: $foreground; }
    ArticleReader #reader-title { text-style: bold; margin-bottom: 1; }
    ArticleReader #reader-meta { margin-bottom: 1; }
    ArticleReader #reader-key { border-left: thick $warning; padding-left: 1; margin-bottom: 1; }
    ArticleReader #reader-orphans { color: $text-muted; border-top: dashed $warning; }
    ArticleReader #reader-junk {
        color: $text-muted; border-left: thick $panel; padding-left: 1; margin-bottom: 1;
    }
    ArticleReader #reader-junk, ArticleReader #reader-orphans { display: none; }
    ArticleReader #reader-mode {
        dock: bottom; height: 1; display: none;
        background: $accent; color: $text;
    }
    ArticleReader > .reader--quote { color: $text-warning; text-style: bold; }
    ArticleReader > .reader--quote-current { text-style: bold reverse; }
    ArticleReader > .reader--speaker { color: $text-secondary; text-style: italic; }
    ArticleReader > .reader--passage-current { text-style: bold underline; }
    ArticleReader > .reader--selecting {
        background: $accent; color: $text;
    }
    ArticleReader > .reader--match { color: $text-accent; text-style: bold underline; }
    ArticleReader > .reader--match-current {
        color: $text-accent; text-style: bold underline reverse;
    }
    ArticleReader > .reader--muted { color: $text-muted; }
    ArticleReader > .reader--tag { color: $text-success; }
    """

    COMPONENT_CLASSES = {
        "reader--quote",
        "reader--quote-current",
        "reader--speaker",
        "reader--passage-current",
        "reader--selecting",
        "reader--match",
        "reader--match-current",
        "reader--muted",
        "reader--tag",
    }

    BINDINGS = [
        # Every scroll is instant: a reader who presses G wants the end now, not in a second.
        Binding("space", "page(1)", "Page", show=False, id="reader.page_down"),
        Binding("b", "page(-1)", "Page up", show=False, id="reader.page_up"),
        Binding("j", "line(1)", "Scroll down", show=False, id="reader.line_down"),
        Binding("k", "line(-1)", "Scroll up", show=False, id="reader.line_up"),
        Binding("g", "top", "Top", show=False, id="reader.top"),
        Binding("G", "bottom", "Bottom", show=False, id="reader.bottom"),
        # Selection mode (v): these take over while a passage is being chosen.
        Binding("j,down", "sel_move(1)", "Next sentence", id="select.next"),
        Binding("k,up", "sel_move(-1)", "Previous sentence", id="select.previous"),
        Binding("J,shift+down", "sel_sentences(1)", "Extend", id="select.extend"),
        Binding("K,shift+up", "sel_sentences(-1)", "Shrink", id="select.shrink"),
        Binding("h,left", "sel_end(-1)", "Trim word", id="select.trim_end"),
        Binding("l,right", "sel_end(1)", "Add word", show=False, id="select.extend_end"),
        Binding(
            "H,shift+left", "sel_start(-1)", "Add word before", show=False, id="select.extend_start"
        ),
        Binding("L,shift+right", "sel_start(1)", "Trim first word", id="select.trim_start"),
        Binding("enter", "sel_confirm", "Highlight", id="select.confirm"),
        Binding("escape", "sel_cancel", "Cancel", id="select.cancel"),
    ]

    class PassageChosen(Message):
        """The user chose ``body[start:end]`` to highlight (selection mode or mouse)."""

        def __init__(self, start: int, end: int, speaker: str | None = None) -> None:
            self.start = start
            self.end = end
            self.speaker = speaker
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article_id: str | None = None
        self.show_junk = False
        self._scroll_before_junk = 0.0
        self._painted_theme: str | None = None
        self.current_quote: int | None = None
        self.current_passage: int | None = None
        self.moved_to: str | None = None
        """What [ ] or { } moved to last: "quote" or "passage" (what y copies)."""
        self.selecting: tuple[int, int] | None = None
        """The span (body offsets) being chosen in selection mode, else None."""
        self._state: tuple[ArticleRecord, Annotation, Extraction] | None = None
        self._placed: list[Placed] = []
        self._shown = _Shown(Text(), [])
        self._sentences: list[tuple[int, int]] = []
        self._colours: dict[str, str] = {}
        self._notes: list[ExtraNote] = []
        self.leaves: tuple[Word | Phrase, ...] = ()
        """The filter's words and phrases, highlighted where they match in the body."""
        self.title_leaves: tuple[Word | Phrase, ...] = ()
        self.current_match: int | None = None
        self._matches: list[int] = []
        """Body offsets of the filter's matches, in order (what n/N move between)."""
        self.body_text = Text()
        """The body as shown: quotes, speakers, passages and matches styled."""

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(Text("No article selected.", style="italic"), id="reader-title")
        # The removed lines (x) come first: where the reader is looking when asking for them.
        yield Static(id="reader-junk")
        yield Static(id="reader-meta")
        yield Static(id="reader-key")
        yield BodyView(id="reader-body")
        yield Static(id="reader-orphans")
        yield Static(id="reader-mode")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        selecting = self.selecting is not None
        if action.startswith("sel_"):
            return selecting
        # While selecting, j and k move the selection instead of scrolling.
        return not (selecting and action == "line")

    def action_page(self, direction: int) -> None:
        if direction > 0:
            self.scroll_page_down(animate=False)
        else:
            self.scroll_page_up(animate=False)

    def action_line(self, direction: int) -> None:
        self.scroll_relative(y=direction, animate=False)

    def action_top(self) -> None:
        self.scroll_home(animate=False)

    def action_bottom(self) -> None:
        self.scroll_end(animate=False)

    # -- content -------------------------------------------------------------------------------

    def show(
        self,
        rec: ArticleRecord,
        ann: Annotation,
        ex: Extraction,
        placed: list[Placed] | None = None,
        colours: dict[str, str] | None = None,
        notes: list[ExtraNote] | None = None,
        *,
        keep_scroll: bool = False,
    ) -> None:
        """Show an article (or refresh it after the user's data changed, keeping the scroll).

        ``placed`` are the article's passages anchored into ``ex["body"]``; ``colours`` maps
        each tag to its ``#rrggbb`` colour; ``notes`` are the article's other notes (a
        colleague's, or conflict copies).
        """
        same = self.article_id == rec["id"]
        y = self.scroll_y if (same and keep_scroll) else 0
        if not same:
            self.current_quote = None
            self.current_passage = None
            self.current_match = None
            self.selecting = None
            self.moved_to = None
        self.article_id = rec["id"]
        self._state = (rec, ann, ex)
        self._placed = list(placed or [])
        self._colours = dict(colours or {})
        self._notes = list(notes or [])
        self._sentences = sp.sentences(ex["body"])
        if self.current_passage is not None and self.current_passage >= len(self._located()):
            self.current_passage = None
        title = Text(clean_field(rec["title"]))
        title_matches = 0
        if self.title_leaves:
            from warta.store.search.index import highlight_spans

            match = self.get_component_rich_style("reader--match", partial=True)
            spans = highlight_spans(rec["title"], self.title_leaves)
            title_matches = len(spans)
            for a, b in spans:
                title.stylize(match, a, b)
        if rec["title_derived"]:
            title.append("  (title taken from the lead)", style=self._style("reader--muted"))
        best = key_quotes(ex, 3)
        key = Text()
        if best:
            key.append("Key quotes\n", style="bold")
            for n, q in enumerate(best):
                if n:
                    key.append("\n")
                key.append("“" + q["text"] + "”", style="italic")
                key.append("  — " + (q["speaker"] or "unattributed"), style="bold")
        junk = Text()
        if self.show_junk:
            n = len(ex["junk"])
            junk.append(f"Removed from the page: {n} line{'s' if n != 1 else ''}", style="bold")
            junk.append("  (x hides them)")
            for line in ex["junk"]:
                junk.append("\n" + line, style="strike")
            for cap in ex["captions"]:
                junk.append("\nCaption: " + cap, style="italic")
        with self.app.batch_update():
            self._paint_body()  # first: the title says how many matches the body has
            if self.leaves or self.title_leaves:
                n = title_matches + len(self._matches)
                title.append(
                    # An article the filter found by its outlet, people or tags has none.
                    f"\n{n} match{'es' if n != 1 else ''} (n / N)"
                    if n
                    else "\nno match in the title or text",
                    style=self._style("reader--muted") + Style(bold=False),
                )
            self.query_one("#reader-title", Static).update(title)
            self.query_one("#reader-meta", Static).update(self._meta(rec, ann, ex))
            key_widget = self.query_one("#reader-key", Static)
            key_widget.update(key)
            key_widget.display = bool(best)
            junk_widget = self.query_one("#reader-junk", Static)
            junk_widget.update(junk)
            junk_widget.display = self.show_junk
            orphans = [p.passage for p in self._placed if p.place is None]
            orphan_widget = self.query_one("#reader-orphans", Static)
            orphan_widget.display = bool(orphans)
            if orphans:
                text = Text(f"Passages not found in this text ({len(orphans)})\n", style="bold")
                for p in orphans:
                    text.append("“" + " ".join(p["selector"]["exact"].split()) + "”")
                    text.append("  " + " ".join("#" + t for t in p["tags"]) + "\n")
                orphan_widget.update(text)
        self.call_after_refresh(self.scroll_to, y=y, animate=False)

    def clear(self, message: str = "No article matches the filter.") -> None:
        """Show a message instead of an article (e.g. when a filter matches nothing)."""
        self.article_id = None
        self._state = None
        self._placed = []
        self.selecting = None
        self.query_one("#reader-title", Static).update(Text(message, style="italic"))
        for name in ("#reader-meta", "#reader-key", "#reader-junk", "#reader-orphans"):
            self.query_one(name, Static).update(Text())
        self.query_one("#reader-key", Static).display = False
        self.query_one("#reader-orphans", Static).display = False
        self.query_one(BodyView).update(Text())
        self._shown = _Shown(Text(), [])
        self._show_mode()

    def _meta(self, rec: ArticleRecord, ann: Annotation, ex: Extraction) -> Table:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold", no_wrap=True)
        # Fold: a long value without spaces (the source URL) wraps whole, never cut with "…".
        grid.add_column(overflow="fold")

        def row(label: str, value: str | Text | None) -> None:
            if value:
                grid.add_row(Text(label), value if isinstance(value, Text) else Text(value))

        from warta.store.search.outlets import display_name

        outlet = ex["outlet"] or rec["outlet"]
        row("Outlet", display_name(outlet) if outlet else None)  # one name per outlet
        row("Dateline", ex["dateline"])
        row("Date", rec["date"] or ex["date"])
        if ex["date"] and rec["date"] and ex["date"] != rec["date"]:
            row("In text", ex["date"])
        if ex["people"]:
            row("People", Text("\n".join(person_label(p) for p in ex["people"])))
        row("Orgs", ", ".join(ex["organizations"]))
        row("Places", ", ".join(ex["places"]))
        row("Events", ", ".join(ex["events"]))
        row("Keywords", ", ".join(ex["keywords"]))
        state = [("read" if ann["read"] else "unread")] + (["★ starred"] if ann["starred"] else [])
        row("State", " · ".join(state))
        row(
            "Tags",
            Text(" ".join("#" + t for t in ann["tags"]), style=self._style("reader--tag"))
            if ann["tags"]
            else None,
        )
        located = self._located()
        if self._placed:
            text = f"{len(self._placed)} highlighted ({{ }} to move, e edit, d delete)"
            if len(located) < len(self._placed):
                text += f", {len(self._placed) - len(located)} not found in this text"
            row("Passages", text)
        if ann["note"].strip():
            row("Note", Text(strip_controls(ann["note"]).strip(), style="italic"))
        for extra in self._notes:
            why = "conflict copy" if extra["origin"] == "conflict" else extra["coder"]
            label = Text(strip_controls(extra["text"]).strip(), style="italic")
            label.append(f"  ({clean_field(why)}, {extra['created'][:10]})", style="not italic")
            row("Other note", label)
        row("Id", rec["id"])
        # A file name may hold a terminal escape sequence: show it escaped, never raw.
        row("Source", visible(rec["url"] or rec["origin"]))
        return grid

    def _located(self) -> list[Placed]:
        return [p for p in self._placed if p.place is not None]

    def _paint_body(self) -> None:
        """Build the shown body from the layers and hand it to the body view."""
        if self._state is None:
            return
        ex = self._state[2]
        body = ex["body"]

        def style(name: str) -> Style:
            # Partial: only what the class sets, so a passage's tint shows through a quote.
            return self.get_component_rich_style(name, partial=True)

        text = Text()
        inserts: list[tuple[int, int]] = []
        quote_spans: list[tuple[int, int, int]] = []
        cursor = 0
        for n, q in enumerate(ex["quotes"]):
            qs, qe = q["start"], q["end"]
            if qs < cursor:  # overlapping quotes: keep the first
                continue
            text.append(body[cursor:qs])
            quote_spans.append((n, qs, qe))
            text.append(body[qs:qe])
            cursor = qe
            # Put the speaker after the closing mark and comma, where a reader looks.
            while cursor < len(body) and body[cursor] in CLOSERS:
                cursor += 1
            text.append(body[qe:cursor])
            label = f"⟨{q['speaker'] or '?'}⟩"
            inserts.append((cursor, len(label) + 1))
            # The space before the label unstyled: a styled run starting with a space loses it
            # in some SVG viewers (librsvg drops a text run's leading spaces).
            text.append(" ")
            text.append(label, style=style("reader--speaker"))
        text.append(body[cursor:])
        shown = _Shown(text, inserts)
        for n, qs, qe in quote_spans:
            name = "reader--quote-current" if n == self.current_quote else "reader--quote"
            text.stylize(style(name), shown.start(qs), shown.end(qe))
        marks: list[tuple[int, int, Style]] = []
        bg = self.background_colors[1]
        # The colours of words a passage may hold: its tint must keep all of them readable.
        inks = [self._ink(s) for s in (self.rich_style, style("reader--quote"))]
        inks.append(self._ink(style("reader--match")))
        ansi = self.app.theme_variables.get("warta-cursor-bg", "").startswith("ansi")
        for k, placed in enumerate(self._located()):
            assert placed.place is not None
            colour = self._colour_of(placed.passage["tags"])
            start, end = shown.start(placed.place.start), shown.end(placed.place.end)
            if ansi:  # the terminal's palette decides: no tint, the margin mark says it
                pstyle = Style()
            else:
                pstyle = Style(bgcolor=passage_tint(bg, Color.parse(colour), inks).rich_color)
            if k == self.current_passage:
                pstyle += style("reader--passage-current")
            text.stylize(pstyle, start, end)
            marks.append((start, end, Style(color=Color.parse(colour).rich_color)))
        self._matches = []
        if self.leaves:
            from warta.store.search.snippets import body_spans

            for m, (a, b) in enumerate(body_spans(body, self.leaves)):
                self._matches.append(a)
                name = "reader--match-current" if m == self.current_match else "reader--match"
                text.stylize(style(name), shown.start(a), shown.end(b))
        if self.selecting is not None:
            s, e = self.selecting
            text.stylize(style("reader--selecting"), shown.start(s), shown.end(e))
        self._shown = shown
        self.body_text = text
        self.query_one(BodyView).update(text, marks)
        self._show_mode()

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def _ink(self, style: Style) -> Color:
        """The text colour ``style`` draws with (the reader's own where it sets none)."""
        colour = style.color or self.rich_style.color
        return Color.from_rich_color(colour) if colour is not None else Color(128, 128, 128)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # The body's colours are baked into its Text: paint it again for a new theme.
        theme = self.app.theme
        if self._painted_theme is not None and theme != self._painted_theme and self._state:
            self.call_after_refresh(
                lambda: (
                    self._state
                    and self.show(
                        *self._state, self._placed, self._colours, self._notes, keep_scroll=True
                    )
                )
            )
        self._painted_theme = theme

    def _colour_of(self, tags: list[str]) -> str:
        for t in tags:
            if t in self._colours:
                return self._colours[t]
        return "#888888"

    def _show_mode(self) -> None:
        mode = self.query_one("#reader-mode", Static)
        selecting = self.selecting is not None
        if mode.display != selecting:
            mode.display = selecting
            self.refresh_bindings()  # the footer shows the selection keys, or the usual ones
        if self.selecting is not None:
            s, e = self.selecting
            words = len(sp.words(self._body(), s, e))
            mode.update(
                Text(
                    f" SELECTING {words} word{'s' if words != 1 else ''} · Enter highlights · "
                    "Esc cancels · keys below",
                    no_wrap=True,
                    overflow="ellipsis",
                )
            )

    def _body(self) -> str:
        return self._state[2]["body"] if self._state else ""

    # -- scrolling to things -------------------------------------------------------------------

    def scroll_to_body(self, body_offset: int) -> None:
        """Scroll so that body character ``body_offset`` is near the top."""

        def scroll() -> None:
            view = self.query_one(BodyView)
            y = view.virtual_region.y + view.line_of(self._shown.start(body_offset))
            self.scroll_to(y=max(0, y - 2), animate=False)

        self.call_after_refresh(scroll)

    def removed_count(self) -> int:
        """Lines the cleaner removed from the article shown (and captions it set aside)."""
        if self._state is None:
            return 0
        ex = self._state[2]
        return len(ex["junk"]) + len(ex["captions"])

    def toggle_junk(self) -> None:
        """Show or hide the lines the extractor removed as page furniture.

        They are shown at the top, under the title, and the reader scrolls there; hiding them
        goes back to where the reader was.
        """
        self.show_junk = not self.show_junk
        if self._state:
            if self.show_junk:
                self._scroll_before_junk = self.scroll_y
            self.show(*self._state, self._placed, self._colours, self._notes, keep_scroll=True)
            y = 0 if self.show_junk else self._scroll_before_junk
            self.call_after_refresh(self.scroll_to, y=y, animate=False)

    def jump_quote(self, step: int) -> bool:
        """Move to the next (step=1) or previous (step=-1) quote; False when there is none."""
        if not self._state:
            return False
        quotes = self._state[2]["quotes"]
        if not quotes:
            return False
        if self.current_quote is None:
            target = 0 if step > 0 else len(quotes) - 1
        else:
            target = self.current_quote + step
        if not 0 <= target < len(quotes):
            return False
        self.current_quote = target
        self.moved_to = "quote"
        self._paint_body()
        self.scroll_to_body(quotes[target]["start"])
        return True

    def jump_passage(self, step: int) -> bool:
        """Move to the next or previous highlighted passage; False when there is none."""
        located = self._located()
        if not located:
            return False
        if self.current_passage is None:
            target = 0 if step > 0 else len(located) - 1
        else:
            target = self.current_passage + step
        if not 0 <= target < len(located):
            return False
        self.current_passage = target
        self.moved_to = "passage"
        self._paint_body()
        place = located[target].place
        assert place is not None
        self.scroll_to_body(place.start)
        return True

    def focus_passage(self, passage_id: str) -> bool:
        """Make the passage with this id current and scroll to it; False if not placed."""
        for k, placed in enumerate(self._located()):
            if placed.passage["id"] == passage_id:
                self.current_passage = k
                self.moved_to = "passage"
                self._paint_body()
                assert placed.place is not None
                self.scroll_to_body(placed.place.start)
                return True
        return False

    def set_query(
        self, leaves: Sequence[Word | Phrase], title_leaves: Sequence[Word | Phrase]
    ) -> None:
        """Highlight these words and phrases (in the body and in the title) from now on."""
        leaves, title_leaves = tuple(leaves), tuple(title_leaves)
        if (leaves, title_leaves) != (self.leaves, self.title_leaves):
            # No repaint here: this runs on every keystroke, and the screen shows the article
            # again once the cursor rests (a new result moves the cursor), with these.
            self.leaves, self.title_leaves = leaves, title_leaves
            self.current_match = None

    def match_count(self) -> int:
        """Matches of the filter in the body (what ``n``/``N`` move between)."""
        return len(self._matches)

    def jump_match(self, step: int) -> bool:
        """Move to the next (step=1) or previous (step=-1) match; False when there is none."""
        if not self._state or not self._matches:
            return False
        n = len(self._matches)
        target = (
            (0 if step > 0 else n - 1) if self.current_match is None else self.current_match + step
        )
        if not 0 <= target < n:
            return False
        self.current_match = target
        self._paint_body()
        self.scroll_to_body(self._matches[target])
        return True

    @property
    def passage(self) -> Placed | None:
        """The current passage ({ and } move it), if any."""
        located = self._located()
        if self.current_passage is None or self.current_passage >= len(located):
            return None
        return located[self.current_passage]

    @property
    def record(self) -> ArticleRecord | None:
        """The metadata record of the article shown."""
        return self._state[0] if self._state else None

    @property
    def body(self) -> str:
        """The cleaned body shown (what passages are chosen from)."""
        return self._body()

    def citation(self) -> tuple[str, str] | None:
        """What ``y`` copies: ("quote" or "passage", the text), or None when the reader is
        on neither. The words in quotation marks with their speaker, then the article's
        title, outlet and date, and its address when it has one::

            “Kami imbau warga tidak mudah terprovokasi.” — AKBP Imam Zamroni
            Warga OKU diimbau bijak tanggapi isu negatif · ANTARA · 2024-08-07
            https://...
        """
        if self._state is None:
            return None
        rec, _, ex = self._state
        passage = self.passage
        kind: str
        if passage is not None and (self.moved_to == "passage" or self.current_quote is None):
            assert passage.place is not None
            words = ex["body"][passage.place.start : passage.place.end]
            speaker = passage.passage.get("speaker")
            kind = "passage"
        elif self.current_quote is not None:
            q = ex["quotes"][self.current_quote]
            words, speaker, kind = ex["body"][q["start"] : q["end"]], q["speaker"], "quote"
        else:
            return None
        from warta.store.search.outlets import display_name

        words = " ".join(strip_controls(words).split()).strip('“”"')
        line = f"“{words}”" + (f" — {clean_field(speaker)}" if speaker else "")
        source = [clean_field(rec["title"])]
        outlet = display_name(ex["outlet"] or rec["outlet"])
        if outlet:
            source.append(clean_field(outlet))
        source.append(rec["date"] or ex["date"] or "undated")
        lines = [line, " · ".join(source)]
        if rec["url"]:
            lines.append(clean_field(rec["url"]))
        return kind, "\n".join(lines)

    def quote_count(self) -> int:
        return len(self._state[2]["quotes"]) if self._state else 0

    def passage_count(self) -> int:
        return len(self._placed)

    # -- choosing a passage --------------------------------------------------------------------

    def current_quote_span(self) -> tuple[int, int, str | None] | None:
        """(start, end, speaker) of the quote ``[``/``]`` moved to, if any."""
        if self._state is None or self.current_quote is None:
            return None
        q = self._state[2]["quotes"][self.current_quote]
        return q["start"], q["end"], q["speaker"]

    def mouse_span(self) -> tuple[int, int] | None:
        """The body span of a mouse selection in the body, if there is one."""
        shown = self.query_one(BodyView).selected_span()
        if shown is None:
            return None
        start, end = self._shown.to_body(shown[0]), self._shown.to_body(shown[1])
        body = self._body()
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def start_selecting(self) -> bool:
        """Enter selection mode at the current quote, passage, or first sentence in view."""
        if self._state is None or not self._sentences:
            return False
        start = None
        if self.current_quote is not None:
            start = self._state[2]["quotes"][self.current_quote]["start"]
        elif self.passage is not None and self.passage.place is not None:
            start = self.passage.place.start
        else:
            view = self.query_one(BodyView)
            top = max(0, int(self.scroll_y) - view.virtual_region.y)
            start = self._shown.to_body(view.offset_at(0, top))
        i = sp.sentence_at(self._sentences, start)
        self.selecting = self._sentences[i]
        self._paint_body()
        return True

    def _select(self, start: int, end: int) -> None:
        if end > start:
            self.selecting = (start, end)
            self._paint_body()
            if not self._visible(start):
                self.scroll_to_body(start)

    def _visible(self, body_offset: int) -> bool:
        view = self.query_one(BodyView)
        y = view.virtual_region.y + view.line_of(self._shown.start(body_offset))
        return self.scroll_y <= y < self.scroll_y + self.scrollable_content_region.height

    def action_sel_move(self, step: int) -> None:
        assert self.selecting is not None
        i = sp.sentence_at(self._sentences, self.selecting[0]) + step
        if 0 <= i < len(self._sentences):
            self._select(*self._sentences[i])

    def action_sel_sentences(self, step: int) -> None:
        assert self.selecting is not None
        s, e = self.selecting
        last = sp.sentence_at(self._sentences, max(s, e - 1))
        target = last + step
        first = sp.sentence_at(self._sentences, s)
        if first <= target < len(self._sentences):
            self._select(s, self._sentences[target][1])

    def action_sel_end(self, step: int) -> None:
        assert self.selecting is not None
        s, e = self.selecting
        body = self._body()
        self._select(s, sp.extend_end(body, e) if step > 0 else sp.trim_end(body, s, e))

    def action_sel_start(self, step: int) -> None:
        assert self.selecting is not None
        s, e = self.selecting
        body = self._body()
        self._select(sp.trim_start(body, s, e) if step > 0 else sp.extend_start(body, s), e)

    def action_sel_confirm(self) -> None:
        assert self.selecting is not None
        s, e = self.selecting
        self.selecting = None
        self._paint_body()
        self.post_message(self.PassageChosen(s, e))

    def action_sel_cancel(self) -> None:
        self.selecting = None
        self._paint_body()
