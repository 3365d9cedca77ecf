"""The reader pane: title, metadata block, key quotes and the cleaned body with quotes marked.

Article text is data: every piece is put on screen as a ``rich.text.Text`` built here, never
as a markup string, so ``[bold]`` in an article shows as those characters.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from warta.store.model import Annotation, ArticleRecord, Extraction
from warta.store.render import key_quotes, person_label

if TYPE_CHECKING:  # only for annotations: the first frame needs none of search
    from warta.store.search.query import Phrase, Word

CLOSERS = ",.;:!?”\"’'»"


class ArticleReader(VerticalScroll, can_focus=True):
    """Shows one article; ``[``/``]`` jump between quotes, ``n``/``N`` between the filter's
    matches (underlined in the theme's accent colour), ``x`` shows removed page furniture."""

    COMPONENT_CLASSES = {"reader--match", "reader--match-current"}

    DEFAULT_CSS = """
    ArticleReader > .reader--match { color: $accent; text-style: bold underline; }
    ArticleReader > .reader--match-current { color: $accent; text-style: bold underline reverse; }
    ArticleReader { padding: 0 1; background: $surface; }
    ArticleReader #reader-title { text-style: bold; color: $text; margin-bottom: 1; }
    ArticleReader #reader-meta { margin-bottom: 1; }
    ArticleReader #reader-key { border-left: thick $warning; padding-left: 1; margin-bottom: 1; }
    ArticleReader #reader-junk { color: $text-muted; border-top: dashed $panel; }
    ArticleReader #reader-junk { display: none; }
    """

    BINDINGS = [
        Binding("space", "page_down", "Page", show=False, id="reader.page_down"),
        Binding("b", "page_up", "Page up", show=False, id="reader.page_up"),
        Binding("j", "scroll_down", "Scroll down", show=False, id="reader.line_down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="reader.line_up"),
        Binding("g", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="reader.bottom"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article_id: str | None = None
        self.show_junk = False
        self.current_quote: int | None = None
        self._state: tuple[ArticleRecord, Annotation, Extraction] | None = None
        self._quote_offsets: list[int] = []
        self._body_plain = ""
        self.leaves: tuple[Word | Phrase, ...] = ()
        """The filter's words and phrases, highlighted where they match."""
        self.title_leaves: tuple[Word | Phrase, ...] = ()
        self.current_match: int | None = None
        self._match_offsets: list[int] = []
        self._title_matches = 0
        self.body_text = Text()

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(Text("No article selected.", style="italic"), id="reader-title")
        yield Static(id="reader-meta")
        yield Static(id="reader-key")
        yield Static(id="reader-body")
        yield Static(id="reader-junk")

    # -- content -------------------------------------------------------------------------------

    def show(
        self, rec: ArticleRecord, ann: Annotation, ex: Extraction, *, keep_scroll: bool = False
    ) -> None:
        """Show an article (or refresh it after the user's data changed, keeping the scroll)."""
        same = self.article_id == rec["id"]
        y = self.scroll_y if (same and keep_scroll) else 0
        if not same:
            self.current_quote = None
            self.current_match = None
        self.article_id = rec["id"]
        self._state = (rec, ann, ex)
        title = Text(rec["title"])
        match = self.get_component_rich_style("reader--match", partial=True)
        self._title_matches = 0
        if self.title_leaves:
            from warta.store.search.index import highlight_spans

            spans = highlight_spans(rec["title"], self.title_leaves)
            self._title_matches = len(spans)
            for a, b in spans:
                title.stylize(match, a, b)
        if rec["title_derived"]:
            title.append("  (title taken from the lead)", style="dim italic")
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
            junk.append(f"Removed from the page ({len(ex['junk'])} lines)\n", style="bold")
            for line in ex["junk"]:
                junk.append(line + "\n", style="strike")
            for cap in ex["captions"]:
                junk.append("Caption: " + cap + "\n", style="italic")
        with self.app.batch_update():
            self.query_one("#reader-meta", Static).update(self._meta(rec, ann, ex))
            key_widget = self.query_one("#reader-key", Static)
            key_widget.update(key)
            key_widget.display = bool(best)
            junk_widget = self.query_one("#reader-junk", Static)
            junk_widget.update(junk)
            junk_widget.display = self.show_junk
            body_text, self._quote_offsets = self._body(ex)
            self._body_plain = body_text.plain
            self.body_text = body_text
            """The body as shown (quotes, speakers and matches styled)."""
            n = self._title_matches + len(self._match_offsets)
            if self.leaves or self.title_leaves:
                title.append(
                    f"\n{n} match{'es' if n != 1 else ''}" if n else "\nno match in the text",
                    style="dim",
                )
            self.query_one("#reader-title", Static).update(title)
            self.query_one("#reader-body", Static).update(body_text)
        self.call_after_refresh(self.scroll_to, y=y, animate=False)

    def clear(self, message: str = "No article matches the filter.") -> None:
        """Show a message instead of an article (e.g. when a filter matches nothing)."""
        self.article_id = None
        self._state = None
        self.query_one("#reader-title", Static).update(Text(message, style="italic"))
        for name in ("#reader-meta", "#reader-key", "#reader-junk"):
            self.query_one(name, Static).update(Text())
        self.query_one("#reader-key", Static).display = False
        self.query_one("#reader-body", Static).update(Text())
        self._quote_offsets = []

    def _meta(self, rec: ArticleRecord, ann: Annotation, ex: Extraction) -> Table:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()

        def row(label: str, value: str | Text | None) -> None:
            if value:
                grid.add_row(Text(label), value if isinstance(value, Text) else Text(value))

        row("Outlet", ex["outlet"] or rec["outlet"])
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
            Text(" ".join("#" + t for t in ann["tags"]), style="green") if ann["tags"] else None,
        )
        if ann["note"].strip():
            row("Note", Text(ann["note"].strip(), style="italic"))
        row("Id", rec["id"])
        row("Source", rec["url"] or rec["origin"])
        return grid

    def _body(self, ex: Extraction) -> tuple[Text, list[int]]:
        """The cleaned body as one Text, quotes marked, each followed by its speaker.

        One widget for the whole body keeps a new article to a single layout pass (a widget
        per paragraph made every cursor move re-lay out the screen). Returns the Text and the
        offset in it where each quote starts, for jumping between quotes.
        """
        body = ex["body"]
        text = Text()
        offsets: list[int] = []
        # (offset in body, offset in text) at the start of every piece copied from the body,
        # so body offsets (matches) can be found in the text, which has speakers inserted.
        pieces: list[tuple[int, int]] = []
        cursor = 0

        def copy(a: int, b: int, style: str = "") -> None:
            pieces.append((a, len(text)))
            text.append(body[a:b], style=style)

        for n, q in enumerate(ex["quotes"]):
            qs, qe = q["start"], q["end"]
            if qs < cursor:  # overlapping quotes: keep the first
                continue
            copy(cursor, qs)
            offsets.append(len(text))
            copy(qs, qe, "bold reverse" if n == self.current_quote else "bold yellow")
            cursor = qe
            # Put the speaker after the closing mark and comma, where a reader looks.
            while cursor < len(body) and body[cursor] in CLOSERS:
                cursor += 1
            copy(qe, cursor)
            text.append(f" ⟨{q['speaker'] or '?'}⟩", style="italic cyan")
        copy(cursor, len(body))
        self._match_offsets = []
        if self.leaves:
            from warta.store.search.snippets import body_spans

            starts = [a for a, _t in pieces]

            def at(k: int) -> int:
                j = bisect_right(starts, k) - 1
                return pieces[j][1] + (k - pieces[j][0])

            match = self.get_component_rich_style("reader--match", partial=True)
            current = self.get_component_rich_style("reader--match-current", partial=True)
            for m, (a, b) in enumerate(body_spans(body, self.leaves)):
                ta = at(a)
                self._match_offsets.append(ta)
                text.stylize(current if m == self.current_match else match, ta, at(b - 1) + 1)
        return text, offsets

    def _line_of(self, offset: int) -> int:
        """The wrapped line (within the body widget) on which character ``offset`` falls."""
        body = self.query_one("#reader-body", Static)
        width = body.content_region.width or self.content_region.width
        plain = self._body_plain
        line = 0
        pos = 0
        for para in plain.split("\n"):
            end = pos + len(para)
            wrapped = Text(para).wrap(self.app.console, max(1, width)) if para else [Text()]
            for piece in wrapped:
                if offset < pos + len(piece.plain) or (offset <= end and piece is wrapped[-1]):
                    return line
                pos += len(piece.plain)
                line += 1
            pos = end + 1
        return line

    # -- actions -------------------------------------------------------------------------------

    def toggle_junk(self) -> None:
        """Show or hide the lines the extractor removed as page furniture."""
        self.show_junk = not self.show_junk
        if self._state:
            self.show(*self._state, keep_scroll=True)

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
        self.show(*self._state, keep_scroll=True)

        def scroll() -> None:
            if target < len(self._quote_offsets):
                body = self.query_one("#reader-body", Static)
                y = body.virtual_region.y + self._line_of(self._quote_offsets[target])
                self.scroll_to(y=max(0, y - 2), animate=False)

        self.call_after_refresh(scroll)
        return True

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
        return len(self._match_offsets)

    def jump_match(self, step: int) -> bool:
        """Move to the next (step=1) or previous (step=-1) match; False when there is none."""
        if not self._state or not self._match_offsets:
            return False
        n = len(self._match_offsets)
        if self.current_match is None:
            target = 0 if step > 0 else n - 1
        else:
            target = self.current_match + step
        if not 0 <= target < n:
            return False
        self.current_match = target
        self.show(*self._state, keep_scroll=True)

        def scroll() -> None:
            if target < len(self._match_offsets):
                body = self.query_one("#reader-body", Static)
                y = body.virtual_region.y + self._line_of(self._match_offsets[target])
                self.scroll_to(y=max(0, y - 3), animate=False)

        self.call_after_refresh(scroll)
        return True

    @property
    def record(self) -> ArticleRecord | None:
        """The metadata record of the article shown."""
        return self._state[0] if self._state else None

    def quote_count(self) -> int:
        return len(self._state[2]["quotes"]) if self._state else 0
