"""The main screen: the filterable article list beside the reader pane, and its actions."""

from __future__ import annotations

import contextlib
import gc
import re
import time
from typing import TYPE_CHECKING, Self

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.geometry import Region
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Input, ProgressBar, Static
from textual.worker import get_current_worker

from warta.store.library.library import Library
from warta.store.model import ArticleRecord, empty_annotation
from warta.store.text import visible
from warta.tui.errors import Problem
from warta.tui.problems import ProblemReporter, reported
from warta.tui.widgets.article_list import ArticleList
from warta.tui.widgets.reader import ArticleReader
from warta.tui.widgets.timeline import TimelineBar

if TYPE_CHECKING:
    # Search (rapidfuzz) and import load in workers, off the path to the first screen.
    from warta.store.library.importer import ImportReport
    from warta.store.search.browse import Browser
    from warta.store.search.engine import SearchResult
    from warta.store.search.timeline import Timeline

PREVIEW_DELAY = 0.06
"""Seconds the cursor must rest before the reader follows it (keeps held j/k smooth)."""

INLINE_SEARCH_MAX = 20_000
"""Libraries up to this size are searched on the event loop (p95 ~3 ms); bigger in a worker."""

TYPING_PREVIEW_DELAY = 0.3
"""While the user types a filter, the reader waits longer: every result moves the cursor."""


def _settle_heap() -> None:
    """Move the long-lived library and index objects out of the garbage collector's way.

    A 100k library holds about a million objects; without this, a full collection could land
    on a keystroke and stall the screen for up to a second (measured). Freezing is O(1).
    """
    gc.freeze()


EMPTY_LIBRARY = (
    "This library is empty.\n\nQuit (q) and import articles: `warta PATH...` imports files or "
    "folders (.txt, .md, .jsonl, .jsonl.gz) and opens the reader; `warta seeds` loads the "
    "bundled samples."
)

FILTER_HELP = '/ filter · words "phrase" a OR b -word tag: outlet: after:2024-01 sort:date · ? help'
SORT_CYCLE = ("relevance", "-date", "date", "outlet")
_SORT_TERM = re.compile(r"(?:^|[\s(])sort:", re.IGNORECASE)


class FilterInput(Input):
    """The filter box. Esc clears it and hands focus back to the list."""

    BINDINGS = [
        Binding("escape", "clear_filter", "Clear filter", id="filter.clear"),
        Binding("down,enter", "to_list", "To list", show=False, id="filter.to_list"),
        Binding(
            "ctrl+s",
            "screen.save_search",
            "Save search",
            show=False,
            id="filter.save",
            tooltip="Save the current filter under a name",
        ),
    ]

    def action_clear_filter(self) -> None:
        self.value = ""
        self.screen.query_one(ArticleList).focus()

    def action_to_list(self) -> None:
        screen = self.screen
        screen.query_one(ArticleList).focus()
        if isinstance(screen, MainScreen):
            screen.finish_typing()

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        # Input asks for a layout on every keystroke, since its virtual width follows its
        # text. This box's own size never does (one line, the pane's width), and the virtual
        # width is already set by then, so that layout of the whole screen (~5-12 ms a key
        # at 120x36) buys nothing: repaint only.
        return super().refresh(*regions, repaint=repaint, layout=False, recompose=recompose)


class MainScreen(Screen[None], ProblemReporter):
    """The two panes, the filter and the footer.

    Whatever touches the library is wrapped so that an expected failure (a read-only or full
    disk, a damaged file, a lock held elsewhere) is shown as a notification and the reader goes
    on; see ``warta.tui.problems``.
    """

    BINDINGS = [
        Binding(
            "slash",
            "focus_filter",
            "Filter",
            id="main.filter",
            tooltip="Filter and rank the list as you type (Esc clears)",
            # Priority: resolved as the key arrives, before the keys typed after it are handed
            # to the list, so "/kapolres" typed in one burst is all filter text.
            priority=True,
        ),
        Binding(
            "tab",
            "switch_pane",
            "Pane",
            show=False,
            id="main.switch_pane",
            tooltip="Switch focus between the list and the reader",
        ),
        Binding("t", "add_tags", "Tag", id="main.tag", tooltip="Add tags (Tab completes)"),
        Binding(
            "T",
            "remove_tag",
            "Untag",
            show=False,
            id="main.untag",
            tooltip="Remove tags: space marks several, Enter removes",
        ),
        Binding(
            "a",
            "edit_note",
            "Note",
            id="main.note",
            tooltip="Annotate: edit the article's note (Esc saves and closes, F8 discards)",
        ),
        Binding(
            "n",
            "match(1)",
            "Next match",
            show=False,
            id="main.next_match",
            tooltip="Jump to the next match of the filter in the reader",
        ),
        Binding(
            "N",
            "match(-1)",
            "Prev match",
            show=False,
            id="main.prev_match",
            tooltip="Jump to the previous match of the filter in the reader",
        ),
        Binding(
            "O",
            "cycle_sort",
            "Sort",
            show=False,
            id="main.sort",
            tooltip="Cycle the order: relevance, newest, oldest, outlet (sets sort: in the filter)",
        ),
        Binding(
            "tilde",
            "toggle_fuzzy",
            "Typos",
            show=False,
            id="main.fuzzy",
            tooltip="Turn typo tolerance off or on for the whole filter",
        ),
        Binding(
            "S",
            "save_search",
            "Save search",
            show=False,
            id="main.save_search",
            tooltip="Save the current filter under a name",
        ),
        Binding(
            "apostrophe",
            "saved_searches",
            "Saved",
            show=False,
            id="main.saved",
            tooltip="Saved searches with their counts; Enter opens one",
        ),
        Binding(
            "F",
            "facets",
            "Facets",
            show=False,
            id="main.facets",
            tooltip="Outlets, tags, speakers and places of the result; Enter narrows to one",
        ),
        Binding(
            "H",
            "toggle_timeline",
            "Timeline",
            show=False,
            id="main.timeline",
            tooltip="Show or hide the result's articles per day, week or month under the list",
        ),
        Binding(
            "r", "toggle_read", "Read", show=False, id="main.read", tooltip="Toggle read / unread"
        ),
        Binding("s", "toggle_star", "Star", show=False, id="main.star", tooltip="Toggle starred"),
        Binding(
            "space",
            "page_reader(1)",
            "Page",
            show=False,
            id="main.page_down",
            tooltip="Page the reader down",
        ),
        Binding(
            "b",
            "page_reader(-1)",
            "Page up",
            show=False,
            id="main.page_up",
            tooltip="Page the reader up",
        ),
        Binding("right_square_bracket", "quote(1)", "Next quote", show=False, id="main.next_quote"),
        Binding("left_square_bracket", "quote(-1)", "Prev quote", show=False, id="main.prev_quote"),
        Binding(
            "x",
            "toggle_junk",
            "Removed lines",
            show=False,
            id="main.junk",
            tooltip="Show or hide page furniture the cleaner removed",
        ),
        Binding("escape", "back_to_list", "Back to list", show=False, id="main.back"),
        Binding(
            "h",
            "highlight",
            "Highlight",
            id="main.highlight",
            tooltip="Highlight the current quote ([ ]), the mouse selection, or choose with v",
        ),
        Binding(
            "v",
            "select_passage",
            "Select",
            id="main.select",
            tooltip="Choose a passage from the keyboard: sentence cursor, extend, trim, Enter",
        ),
        Binding(
            "right_curly_bracket", "passage(1)", "Next passage", show=False, id="main.next_passage"
        ),
        Binding(
            "left_curly_bracket", "passage(-1)", "Prev passage", show=False, id="main.prev_passage"
        ),
        Binding(
            "e",
            "edit_passage",
            "Edit passage",
            show=False,
            id="main.edit_passage",
            tooltip="Edit the current passage's tags and note",
        ),
        Binding(
            "d",
            "delete_passage",
            "Delete passage",
            show=False,
            id="main.delete_passage",
            tooltip="Delete the current passage (u brings it back)",
        ),
        Binding("u", "undo", "Undo", id="main.undo", tooltip="Undo the last change to your data"),
        Binding("ctrl+r", "redo", "Redo", show=False, id="main.redo", tooltip="Redo what u undid"),
        Binding(
            "B",
            "bulk_tag",
            "Bulk tag",
            show=False,
            id="main.bulk_tag",
            tooltip="Tag or untag every article the filter shows",
        ),
        Binding(
            "o",
            "open_url",
            "Open URL",
            show=False,
            id="main.open_url",
            tooltip="Open the article's web page in your browser",
        ),
        Binding(
            "C",
            "codebook",
            "Codebook",
            show=False,
            id="main.codebook",
            tooltip="Every tag as a tree: rename, merge, delete, recolour, describe",
        ),
        Binding(
            "R",
            "review",
            "Review",
            id="main.review",
            tooltip="Work through passages and notes by tag or article",
        ),
        Binding(
            "y",
            "copy_quote",
            "Copy quote",
            show=False,
            id="main.copy",
            tooltip="Copy the current quote or passage with its speaker, title, outlet and date",
        ),
        Binding(
            "Y",
            "copy_url",
            "Copy URL",
            show=False,
            id="main.copy_url",
            tooltip="Copy the article's web address (or the file it came from)",
        ),
        Binding(
            "z",
            "toggle_full",
            "Full width",
            show=False,
            id="main.full",
            tooltip="Full width: the reader (or the list, when it has focus) takes the screen",
        ),
        Binding(
            "less_than_sign",
            "resize(-5)",
            "Narrower list",
            show=False,
            id="main.narrower",
            tooltip="Make the list narrower (the reader wider)",
        ),
        Binding(
            "greater_than_sign",
            "resize(5)",
            "Wider list",
            show=False,
            id="main.wider",
            tooltip="Make the list wider (the reader narrower)",
        ),
    ]

    def __init__(self, library: Library, to_import: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.library = library
        self.to_import = to_import
        self.import_report: ImportReport | None = None
        self.import_problem: Problem | None = None
        """Why the import stopped, if it did (printed once the reader closes)."""
        self.user_problem: Problem | None = None
        """Why the user's data cannot be read, while it cannot (checked again every poll)."""
        self.browser: Browser | None = None
        self._preview_timer: Timer | None = None
        self._query = ""
        self._typing = False
        """True while the filter is being typed: its last word may still grow."""
        self.fuzzy = True
        """Typo tolerance for the filter's words (``~`` toggles it)."""
        self.result: SearchResult | None = None
        self.full = False
        """Full-width layout (z): the focused pane, list or reader, takes the whole width."""
        self.split = 50
        """The list pane's share of the width in the split layout, in percent (< and >)."""
        self.default_sort = ""
        """The order when the filter has no sort: (the ``sort`` setting; "" for relevance)."""
        self._save_timer: Timer | None = None
        self._unsaved: dict[str, object] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            with Vertical(id="list-pane"):
                yield FilterInput(placeholder=FILTER_HELP, id="filter")
                yield ProgressBar(id="import-progress", show_eta=True)
                yield Static(Text("loading…"), id="count")
                yield ArticleList(self.library, id="articles")
                yield TimelineBar(id="timeline")
            yield ArticleReader(id="reader")
        yield Static(classes="message-line")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._read_settings()
        articles = self.query_one(ArticleList)
        articles.focus()
        # Paint the newest articles at once, from the small head file (or, for a library that
        # has none, by date from the library); a worker parses the rest and builds the search
        # index, which takes over with the cursor kept on the same article.
        head = None if self.library.loaded else self._usable_head()
        if head is not None:
            total, rows = head
            articles.set_order(range(len(rows)), records=rows)
        else:
            total = self._show_newest()
        if total:
            # Until the index is ready only the newest rows can be shown; say so.
            self.query_one("#count", Static).update(
                Text(f"{total:,} articles · loading…", style="bold"), layout=False
            )
        # Edits made meanwhile from another terminal (`warta tag`, `warta note`) show up here.
        self.set_interval(2.0, self._poll_user_data)
        # Start the loader only once the first screen is on the terminal: parsing a big
        # articles.json holds the GIL for most of a second and would delay that paint.
        self.call_after_refresh(self._build_index)
        if self.to_import:
            self.query_one("#import-progress").display = True
            self._import(self.to_import)

    def _usable_head(self) -> tuple[int, list] | None:
        """The head file's rows, unless they are not article records (a damaged head file is
        only a lost shortcut: the list is then built from articles.json)."""
        from warta.store.library.storage import invalid_record

        head = self.library.head()
        if head is None or invalid_record(head[1]) is not None:
            return None
        return head

    def _show_newest(self) -> int:
        """Fill the list from the library itself, newest first; returns the article count."""
        from warta.store.search.index import newest_first

        try:
            arts = self.library.articles
        except Exception as exc:
            problem = self.problem_of(exc)
            if problem is None:
                raise
            self._index_failed(problem)
            return 0
        self.query_one(ArticleList).set_order(
            newest_first([a["title"] for a in arts], [a["date"] for a in arts])
        )
        return len(arts)

    def _theme(self, name: str) -> Style:
        """Text in a theme colour kept readable (``warta-muted``, see warta.tui.contrast)."""
        from warta.tui.contrast import theme_style

        return theme_style(self.app.theme_variables, name)

    # -- settings and layout -------------------------------------------------------------------

    def _read_settings(self) -> None:
        settings = getattr(self.app, "settings", None)
        if settings is None:
            return
        try:
            self.split = max(20, min(80, int(settings.get("layout.split"))))
        except (TypeError, ValueError):
            self.split = 50
        self.full = settings.get("layout.reader") == "full"
        sort = settings.get("sort")
        from warta.store.config import CHOICES

        self.default_sort = sort if sort in CHOICES["sort"] and sort != "relevance" else ""
        self._apply_layout()

    def _apply_layout(self) -> None:
        """Lay the panes out: the split at ``self.split`` percent, or in the full-width
        layout only the pane that has focus (the reader when it has, else the list)."""
        pane = self.query_one("#list-pane")
        reader = self.query_one(ArticleReader)
        if not self.full:
            pane.display = reader.display = True
            pane.styles.width = f"{self.split}%"
            return
        reading = self.focused is reader
        reader.display = reading
        pane.display = not reading
        pane.styles.width = "100%"

    def set_focus(
        self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
    ) -> None:
        # In the full-width layout, focusing a pane shows it (Tab, Enter, Esc move between).
        super().set_focus(widget, scroll_visible, from_app_focus)
        if self.full and self.is_mounted:
            self._apply_layout()

    def action_toggle_full(self) -> None:
        reader = self.query_one(ArticleReader)
        self.full = not self.full
        if self.full and not reader.has_focus:
            if reader.article_id is None:
                self._show_current()
            self.set_focus(reader)
        self._apply_layout()
        self._save_setting("layout.reader", "full" if self.full else "split", now=True)
        self.notify(
            "Full width: Tab or Esc shows the list, Enter the reader; z splits again."
            if self.full
            else f"Split: the list takes {self.split}% (< and > resize)."
        )

    def action_resize(self, step: int) -> None:
        was_full = self.full
        self.split = max(20, min(80, self.split + step))
        self.full = False
        self._apply_layout()
        if was_full:
            self._save_setting("layout.reader", "split", now=True)
        self._save_setting("layout.split", self.split)

    def _save_setting(self, key: str, value: object, *, now: bool = False) -> None:
        """Keep a layout setting for next time (held < or > writes the file once)."""
        settings = getattr(self.app, "settings", None)
        if settings is None:
            return
        settings.values[key] = value
        self._unsaved[key] = value
        if self._save_timer is not None:
            self._save_timer.stop()
        if now:
            self._save_settings()
        else:
            self._save_timer = self.set_timer(0.4, self._save_settings)

    def _save_settings(self) -> None:
        from warta.store.config import ConfigError, save

        settings = self.app.settings  # type: ignore[attr-defined]
        pending, self._unsaved = self._unsaved, {}
        try:
            for key, value in pending.items():
                save(key, value, settings.path)
        except (ConfigError, OSError) as exc:
            self.notify(f"Layout not saved: {exc}", severity="warning")

    def on_unmount(self) -> None:
        if self._unsaved:
            self._save_settings()

    # -- importing while the user reads --------------------------------------------------------

    @work(thread=True, exclusive=True, group="import")
    def _import(self, paths: tuple[str, ...]) -> None:
        from warta.store.library.importer import import_paths
        from warta.store.search.browse import Browser

        bar = self.query_one("#import-progress", ProgressBar)
        last = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] > 0.1 or done >= total:  # repaint at most ten times a second
                last[0] = now
                self.app.call_from_thread(bar.update, total=total, progress=done)

        shown = [time.monotonic()]

        def on_batch() -> None:
            # Show what has arrived every few seconds. The index is rebuilt here, off the event
            # loop, and swapped in whole, so a search never sees a half-updated index.
            if time.monotonic() - shown[0] > 3:
                browser = Browser(self.library)
                self.app.call_from_thread(self._swap_browser, browser)
                shown[0] = time.monotonic()

        try:
            report = import_paths(self.library, paths, progress=progress, on_batch=on_batch)
            browser = Browser(self.library)
        except Exception as exc:
            problem = self.problem_of(exc)
            if problem is None:
                raise
            self.app.call_from_thread(self._import_failed, problem)
            return
        self.app.call_from_thread(self._import_done, report, browser)
        if browser.fulltext is None:
            self.app.call_from_thread(self._refresh_fulltext)

    def _accept(self, browser: Browser) -> bool:
        """Take a newly built index unless it is older than the one in use.

        The startup index and an import's indexes are built in different workers; one started
        before an import's articles arrived must not replace one that has them.
        """
        if self.browser is not None and len(browser.index) < len(self.browser.index):
            return False
        self.browser = browser
        _settle_heap()
        return True

    def _swap_browser(self, browser: Browser) -> None:
        if self._accept(browser):
            self._search(self._query)

    def _import_failed(self, problem: Problem) -> None:
        self.import_problem = problem
        self.query_one("#import-progress").display = False
        self.show_problem(Problem(f"import stopped: {problem.message}", problem.code))

    def _import_done(self, report: ImportReport, browser: Browser) -> None:
        self.import_report = report
        self.query_one("#import-progress").display = False
        self._swap_browser(browser)
        self.notify(report.summary(), severity="warning" if report.rejected else "information")

    @work(thread=True, exclusive=True, group="index")
    def _build_index(self) -> None:
        from warta.store.search.browse import Browser

        try:
            browser = Browser(self.library)
        except Exception as exc:  # articles.json damaged, or gone unreadable
            problem = self.problem_of(exc)
            if problem is None:
                raise
            self.app.call_from_thread(self._index_failed, problem)
            return
        if not (self.library.path / "head.json").exists() and self.library.articles:
            # A library from before head files: fast next time. Only a shortcut, so a
            # read-only or full disk is no reason to stop.
            with contextlib.suppress(OSError):
                self.library.write_head()
        result = browser.search(self._with_default_sort(""))
        # The id -> position table, which the first result needs (to keep the cursor on its
        # article), is made here off the event loop: ~0.1 s at a million articles.
        _ = "" in self.library
        from warta.store.versions import EXTRACTOR_VERSION

        # Counted from the catalogs' headers, off the event loop.
        stale = self.library.stale_count(EXTRACTOR_VERSION)
        self.app.call_from_thread(self._index_ready, browser, result, stale)
        if browser.fulltext is None and len(self.library) and not self.to_import:
            import os

            # WARTA_NO_AUTO_INDEX=1: leave a missing index alone (benchmarks of a replicated
            # 1M library, which has none, must not measure a rebuild running beside them).
            if not os.environ.get("WARTA_NO_AUTO_INDEX"):
                self.app.call_from_thread(self._refresh_fulltext)

    def _refresh_fulltext(self) -> None:
        bar = self.query_one("#import-progress", ProgressBar)
        bar.display = True
        self._rebuild_fulltext()

    @work(thread=True, exclusive=True, group="fulltext")
    def _rebuild_fulltext(self) -> None:
        """Make the full-text index (missing or stale) while plain search goes on working."""
        from warta.store.search import fulltext

        bar = self.query_one("#import-progress", ProgressBar)
        last = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] > 0.2 or done >= total:
                last[0] = now
                self.app.call_from_thread(bar.update, total=max(total, 1), progress=done)

        problem = fulltext.status(self.library)
        try:
            if problem is not None:
                self.app.call_from_thread(
                    self.notify,
                    f"Indexing article texts ({problem}); body words match when done.",
                    markup=False,
                )
                fulltext.refresh(self.library, progress)
            ft = fulltext.FullText.of(self.library)
        except Exception as exc:  # another process holds the index's writer lock, a full disk
            self.app.call_from_thread(
                self.notify,
                f"The full-text index could not be built ({exc}); `warta reindex` retries.",
                severity="warning",
                markup=False,
            )
            self.app.call_from_thread(self._fulltext_ready, None)
            return
        self.app.call_from_thread(self._fulltext_ready, ft)

    def _fulltext_ready(self, ft: object) -> None:
        if not self.to_import or self.import_report is not None:
            self.query_one("#import-progress").display = False
        if self.browser is not None and ft is not None:
            self.browser.attach(ft)  # type: ignore[arg-type]
            self._search(self._query)

    def _index_failed(self, problem: Problem) -> None:
        """The library's article list cannot be read: say so where the count goes, and keep
        showing what the head file gave (those articles can still be read)."""
        self.query_one("#count", Static).update(
            Text(
                problem.message,
                style=self._theme("warta-error") + Style(bold=True),
                no_wrap=True,
                overflow="ellipsis",
            ),
            layout=False,
        )
        if self.query_one(ArticleList).current is None:
            self.query_one(ArticleReader).clear(problem.message)
        self.show_problem(problem)

    def _index_ready(self, browser: Browser, result: SearchResult, stale: int) -> None:
        if not self._accept(browser):
            return  # an import already brought a newer index
        self._show_result(result, "")
        if stale:
            self.notify(
                f"{stale:,} articles were extracted by an older Warta; the reader shows fresh "
                "extraction, and `warta reindex` refreshes the list and search too.",
                timeout=8,
            )
        if self._query:  # the user typed while the index was being built
            self._search(self._query)

    # -- filtering -----------------------------------------------------------------------------

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._query = event.value
        self._typing = True
        self._refilter()

    def finish_typing(self) -> None:
        """The user is done with the filter (Enter): its last word is a whole word now, and a
        word found in most texts filters by body as any other does."""
        if self._typing:
            self._typing = False
            self._refilter()

    def _refilter(self) -> None:
        """Search for the filter's query again (it changed, or the data it matches did)."""
        if self.browser is None:
            return
        if len(self.browser.index) <= INLINE_SEARCH_MAX and not self.timeline_shown:
            # A small library searches in a millisecond or two: doing it here saves the
            # worker hand-off (a thread start and a message) on every keystroke.
            self._show_result(self._run_search(self._query), self._query)
        else:
            self._search(self._query)

    def _with_default_sort(self, query: str) -> str:
        """The query with the ``sort`` setting in front, unless it says its own ``sort:``."""
        if not self.default_sort or _SORT_TERM.search(query):
            return query
        return f"sort:{self.default_sort} {query}"

    def _run_search(self, query: str, cancelled: object = None) -> SearchResult:
        assert self.browser is not None
        return self.browser.search(
            self._with_default_sort(query),
            typing=self._typing,
            fuzzy=self.fuzzy,
            cancelled=cancelled,  # type: ignore[arg-type]
        )

    @property
    def timeline_shown(self) -> bool:
        return self.query_one(TimelineBar).display

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str) -> None:
        worker = get_current_worker()
        assert self.browser is not None
        try:  # body terms read the full-text index, which may be damaged
            result = self._run_search(query, lambda: worker.is_cancelled)
        except Exception as exc:
            if not self.report_problem(exc):
                raise
            return
        timeline = None
        if self.timeline_shown and not result.cancelled:
            from warta.store.search.timeline import timeline as make_timeline

            timeline = make_timeline(self.browser.index, result.mask)
        if not result.cancelled and not worker.is_cancelled:
            self.app.call_from_thread(self._show_result, result, query, timeline)

    def _show_result(
        self, result: SearchResult, query_text: str, timeline: Timeline | None = None
    ) -> None:
        # A slower, older search can finish after a newer one: never show stale rows.
        if self.browser is None or query_text != self._query:
            return
        self.result = result
        articles = self.query_one(ArticleList)
        current = articles.current
        keep = None
        if current is not None and current["id"] in self.library:
            keep = self.library.position(current["id"])
        browser = self.browser
        query = result.query
        has_text = query.has_text
        from warta.store.search.engine import leaves_for_body, leaves_for_title

        title_leaves = list(leaves_for_title(query))
        body_leaves = list(leaves_for_body(query))
        snippets = None
        if result.body_only and body_leaves and browser.fulltext is not None:
            snippets = _snippet_source(browser, result, body_leaves)
        articles.set_order(
            result.order,
            highlighter=(lambda i: browser.index.highlight(i, title_leaves)) if has_text else None,
            keep=keep if not has_text else None,
            snippets=snippets,
        )
        self.query_one(ArticleReader).set_query(body_leaves, title_leaves)
        count = Text(f"{len(result.order):,} / {result.total:,}", style="bold")
        muted = self._theme("warta-muted") + Style(bold=False)
        if query.sort:
            count.append(f"  sort:{query.sort}", style=muted)
        if not self.fuzzy:
            count.append("  no typos", style=muted)
        if result.broad:
            words = ", ".join(repr(w) for w in result.broad)
            count.append(f"  {words} begins a word in most texts: keep typing", style=muted)
        if not result.body_ready and any(True for _ in leaves_for_body(query)):
            count.append("  bodies not searched yet (indexing)", style=self._theme("warta-warning"))
        if query.errors:
            count.append("  " + "; ".join(query.errors), style=self._theme("warta-error"))
        self.query_one("#count", Static).update(count, layout=False)  # a fixed one-line box
        if timeline is not None:
            self.query_one(TimelineBar).show_timeline(timeline)
        if not result.total and not self.to_import:
            self.query_one(ArticleReader).clear(EMPTY_LIBRARY)
        elif not result.order:
            self.query_one(ArticleReader).clear()

    # -- following the cursor ------------------------------------------------------------------

    @on(ArticleList.CursorMoved)
    def _cursor_moved(self, event: ArticleList.CursorMoved) -> None:
        if self._preview_timer is not None:
            self._preview_timer.stop()
        if event.position is not None:
            typing = isinstance(self.focused, FilterInput)
            self._preview_timer = self.set_timer(
                TYPING_PREVIEW_DELAY if typing else PREVIEW_DELAY, self._show_current
            )

    @on(ArticleList.Opened)
    def _opened(self, event: ArticleList.Opened) -> None:
        rec = self.query_one(ArticleList).record(event.position)
        self._mark_read(rec["id"])
        self._show_current()
        self.query_one(ArticleReader).focus()

    @on(ArticleList.MarksFailed)
    def _marks_failed(self, event: ArticleList.MarksFailed) -> None:
        problem = self.problem_of(event.error)
        if problem is not None:
            self.user_problem = problem
            self.show_problem(problem)

    @reported
    def _mark_read(self, aid: str) -> None:
        if not self.library.annotation(aid)["read"]:
            self.library.set_read(aid, True)
            self._user_changed(aid)

    def _show_current(self) -> None:
        """Show the article under the list's cursor in the reader; if its text or the user's
        data cannot be read, the reader pane says why instead."""
        rec = self.query_one(ArticleList).current
        if rec is None:
            return
        self._show_in_reader(rec)

    def _show_in_reader(self, rec: ArticleRecord, *, keep_scroll: bool = False) -> None:
        """Show an article with its passages placed in the cleaned body."""
        from warta.store.annotate import notes
        from warta.store.annotate.codebook import colour_of
        from warta.store.annotate.passages import place

        aid = rec["id"]
        reader = self.query_one(ArticleReader)
        try:
            ex = self.library.extraction(aid, rec)
            if self.user_problem is not None:  # show the text without the user's marks
                ann, placed, colours, extra = empty_annotation(), [], {}, []
            else:
                placed = (
                    place(self.library, aid, ex["body"])
                    if self.library.user.of_article("passages", aid)
                    else []
                )
                tags = {t for p in placed for t in p.passage["tags"]}
                colours = {t: colour_of(self.library, t) for t in tags}
                extra = notes.of_article(self.library, aid)
                ann = self.library.annotation(aid)
            reader.show(rec, ann, ex, placed, colours, extra, keep_scroll=keep_scroll)
        except Exception as exc:
            problem = self.problem_of(exc)
            if problem is None:
                raise
            reader.clear(f"This article cannot be shown.\n\n{problem.message}")
            self.show_problem(problem)

    def _current_id(self) -> str | None:
        rec = self.query_one(ArticleList).current
        return None if rec is None else rec["id"]

    def _poll_user_data(self) -> None:
        if self.user_problem is not None:
            self._recheck_user_data()
            return
        try:
            changed = self.library.refresh_user()  # one stat() when nothing changed
        except Exception as exc:
            problem = self.problem_of(exc)
            if problem is None:
                raise
            self.user_problem = problem
            self.query_one(ArticleList).marks_unavailable = True
            self.show_problem(problem)
            return
        for aid in changed:
            if aid == "*" or aid in self.library:
                self._user_changed(aid)

    def _recheck_user_data(self) -> None:
        """While the user's data cannot be read, try again (another terminal may have run
        `warta restore`); once it reads, show the marks again."""
        try:
            self.library.user.reload()
            self.library.annotations()
        except Exception as exc:
            if self.problem_of(exc) is None:
                raise
            return
        self.user_problem = None
        articles = self.query_one(ArticleList)
        articles.marks_unavailable = False
        articles.refresh_rows()
        if self.browser is not None:
            for aid in self.library.annotations():
                self.browser.sync(aid)
        self.notify("Your tags, notes and marks can be read again.")
        self._show_current()

    @reported
    def _user_changed(self, aid: str) -> None:
        """Push a tag/note/state edit down to the index, the list and the reader.

        ``aid`` ``"*"`` means something every article may show changed (the codebook).
        """
        if self.browser is not None and aid != "*":
            self.browser.sync(aid)
        self.query_one(ArticleList).refresh_rows()
        reader = self.query_one(ArticleReader)
        if reader.record is not None and aid in (reader.article_id, "*"):
            self._show_in_reader(reader.record, keep_scroll=True)

    # -- actions -------------------------------------------------------------------------------

    def action_focus_filter(self) -> None:
        field = self.query_one(FilterInput)
        if field.has_focus:  # a priority binding sees every "/": in the box it is text
            field.insert_text_at_cursor("/")
            return
        # At once, not on the next tick as Widget.focus() does: a user who types "/kapolres"
        # in one burst (or pastes it) must not have "k", "a", "p" run as commands.
        self.set_focus(field)

    def action_switch_pane(self) -> None:
        reader = self.query_one(ArticleReader)
        if reader.has_focus:
            self.query_one(ArticleList).focus()
        else:
            if reader.article_id is None:
                self._show_current()
            reader.focus()

    def action_back_to_list(self) -> None:
        self.query_one(ArticleList).focus()

    def action_page_reader(self, direction: int) -> None:
        reader = self.query_one(ArticleReader)
        if reader.article_id is None:
            self._show_current()
        if direction > 0:
            reader.scroll_page_down(animate=False)
        else:
            reader.scroll_page_up(animate=False)

    def action_quote(self, step: int) -> None:
        reader = self.query_one(ArticleReader)
        if reader.article_id is None:
            self._show_current()
        if not reader.jump_quote(step):
            n = reader.quote_count()
            self.notify("This article has no quotes." if not n else "No more quotes that way.")

    def action_match(self, step: int) -> None:
        reader = self.query_one(ArticleReader)
        if reader.article_id is None:
            self._show_current()
        if not reader.jump_match(step):
            if not reader.leaves:
                self.notify("The filter has no words to look for in the text.")
            elif not reader.match_count():
                self.notify("No match of the filter in this article's text.")
            else:
                self.notify("No more matches that way.")

    def _set_filter(self, value: str) -> None:
        box = self.query_one(FilterInput)
        box.value = value
        box.cursor_position = len(value)

    def action_cycle_sort(self) -> None:
        text = self.query_one(FilterInput).value
        m = re.search(r"(?:^|\s)sort:(\S*)", text)
        current = m.group(1) if m else self.default_sort
        from warta.store.search.parser import SORT_ALIASES

        current = SORT_ALIASES.get(current, current) or "relevance"
        nxt = (
            SORT_CYCLE[(SORT_CYCLE.index(current) + 1) % len(SORT_CYCLE)]
            if current in SORT_CYCLE
            else "-date"
        )
        base = re.sub(r"(?:^|\s)sort:\S*", "", text).strip()
        implicit = nxt == (self.default_sort or "relevance")  # the order without a sort:
        value = base if implicit else (base + " " if base else "") + f"sort:{nxt}"
        # A trailing space: the last word is complete, not a prefix still being typed.
        self._set_filter(value + " " if value and implicit else value)
        self.notify(
            f"Order: {nxt.replace('-date', 'newest first').replace('date', 'oldest first')}"
        )

    def action_toggle_fuzzy(self) -> None:
        self.fuzzy = not self.fuzzy
        self.notify("Typo tolerance on." if self.fuzzy else "Typo tolerance off: exact words only.")
        if self.browser is not None:
            self._search(self._query)

    def action_toggle_timeline(self) -> None:
        bar = self.query_one(TimelineBar)
        bar.display = not bar.display
        if bar.display and self.browser is not None:
            self._search(self._query)

    def action_save_search(self) -> None:
        query = self.query_one(FilterInput).value.strip()
        if not query:
            self.notify("Type a filter first, then save it.", severity="warning")
            return
        from warta.tui.screens.saved import NameScreen

        def done(name: str | None) -> None:
            if not name:
                return
            from warta.store.library.library import LibraryError
            from warta.store.search import saved

            try:
                saved.save(self.library, name, query)
            except LibraryError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.notify(f"Saved search {name!r}: {query}", markup=False)

        self.app.push_screen(NameScreen(query), done)

    def action_saved_searches(self) -> None:
        if self.browser is None:
            self.notify("The library is still loading.")
            return
        from warta.tui.screens.saved import SavedScreen

        def done(query: str | None) -> None:
            if query is not None:
                self._set_filter(query + " ")
                self.query_one(ArticleList).focus()

        self.app.push_screen(SavedScreen(self.library, self.browser), done)

    def action_facets(self) -> None:
        if self.browser is None or self.result is None:
            self.notify("The library is still loading.")
            return
        from warta.tui.screens.facets import FacetScreen

        def done(term: str | None) -> None:
            if term:
                text = self.query_one(FilterInput).value.rstrip()
                self._set_filter((text + " " if text else "") + term + " ")
                self.query_one(ArticleList).focus()

        self.app.push_screen(FacetScreen(self.browser, self.result), done)

    def action_open_url(self) -> None:
        rec = self.query_one(ArticleList).current
        url = rec.get("url") if rec else None
        if not url:
            self.notify("This article has no web address.", severity="warning")
            return
        # The address came with the article: hand only a web link to the browser, never a
        # file: or other scheme that would open a local file or another program.
        if not url.lower().startswith(("http://", "https://")):
            self.notify(f"Not a web address, not opened: {visible(url)}", severity="warning")
            return
        self.app.open_url(url)
        self.notify(f"Opening {visible(url)}")

    def action_copy_quote(self) -> None:
        reader = self.query_one(ArticleReader)
        if reader.article_id is None:
            self._show_current()
        cited = reader.citation()
        if cited is None:
            self.notify(
                "Move to a quote with ] or a passage with } first; y copies it with its source."
            )
            return
        kind, text = cited
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied the {kind} with its speaker, title, outlet and date.")

    def action_copy_url(self) -> None:
        reader = self.query_one(ArticleReader)
        rec = reader.record or self.query_one(ArticleList).current
        if rec is None:
            self.notify("No article selected.", severity="warning")
            return
        # The reader's Source: the web address, or the file the article came from.
        source = rec.get("url") or rec.get("origin")
        if not source:
            self.notify("This article has no web address or source file.", severity="warning")
            return
        source = visible(source)
        self.app.copy_to_clipboard(source)
        self.notify(f"Copied {source}")

    def action_toggle_junk(self) -> None:
        reader = self.query_one(ArticleReader)
        if reader.article_id is None:
            self.notify("No article selected.", severity="warning")
            return
        if not reader.show_junk and not reader.removed_count():
            self.notify("No lines were removed from this article.")
            return
        reader.toggle_junk()
        if reader.show_junk:
            n = reader.removed_count()
            self.notify(f"{n} removed line{'s' if n != 1 else ''} shown at the top (x hides).")
        else:
            self.notify("Removed lines hidden.")

    def _need_article(self) -> str | None:
        aid = self._current_id()
        if aid is None:
            self.notify("No article selected.", severity="warning")
        return aid

    @reported
    def action_add_tags(self) -> None:
        aid = self._need_article()
        if aid is None:
            return
        in_use = [t for t, _ in self.library.tag_counts().most_common()]

        def done(tags: list[str] | None) -> None:
            if not tags:
                return
            ann = self.attempt(self.library.add_tags, aid, tags)
            if ann is not None:
                self._user_changed(aid)
                self.notify("Tags: " + " ".join("#" + t for t in ann["tags"]))

        from warta.tui.screens.tags import TagScreen

        self.app.push_screen(TagScreen(in_use, self.library.annotation(aid)["tags"]), done)

    @reported
    def action_remove_tag(self) -> None:
        aid = self._need_article()
        if aid is None:
            return
        tags = self.library.annotation(aid)["tags"]
        if not tags:
            self.notify("This article has no tags.")
            return

        def done(chosen: list[str] | None) -> None:
            if chosen and self.attempt(self.library.remove_tags, aid, chosen) is not None:
                self._user_changed(aid)
                self.notify("Removed " + " ".join("#" + t for t in chosen) + ". u undoes.")

        from warta.tui.screens.tags import UntagScreen

        self.app.push_screen(UntagScreen(tags), done)

    @reported
    def action_edit_note(self) -> None:
        aid = self._need_article()
        if aid is None:
            return
        rec = self.query_one(ArticleList).current or self.library.article(aid)

        def save(text: str, base: str) -> bool:
            try:
                conflict = self.library.set_note(aid, text, base=base)
            except Exception as exc:
                problem = self.problem_of(exc)
                if problem is None:
                    raise
                self.show_problem(Problem(f"note not saved: {problem.message}", problem.code))
                return False
            if conflict:
                self.notify(
                    "This note was changed elsewhere meanwhile: yours is saved, and the other "
                    "version is kept as a conflict copy under Other notes.",
                    severity="warning",
                    timeout=10,
                    markup=False,
                )
            self._user_changed(aid)
            return True

        def done(changed: bool | None) -> None:
            if not changed:
                self.notify("Note unchanged.")
            else:
                note = self.library.annotation(aid)["note"]
                self.notify("Note saved." if note.strip() else "Note removed.")

        from warta.tui.screens.note import NoteScreen  # TextArea is heavy: off the startup path

        note = self.library.annotation(aid)["note"]
        self.app.push_screen(NoteScreen(rec["title"], note, save), done)

    @reported
    def action_toggle_read(self) -> None:
        aid = self._need_article()
        if aid is not None:
            ann = self.library.set_read(aid, not self.library.annotation(aid)["read"])
            self._user_changed(aid)
            self.notify("Marked read." if ann["read"] else "Marked unread.")

    @reported
    def action_toggle_star(self) -> None:
        aid = self._need_article()
        if aid is not None:
            ann = self.library.set_starred(aid, not self.library.annotation(aid)["starred"])
            self._user_changed(aid)
            self.notify("Starred." if ann["starred"] else "Unstarred.")

    # -- passages ------------------------------------------------------------------------------

    def _reader_article(self) -> str | None:
        """The article the reader shows (shown first if the reader is still empty)."""
        reader = self.query_one(ArticleReader)
        if reader.article_id is None:
            self._show_current()
        if reader.article_id is None:
            self.notify("No article selected.", severity="warning")
        return reader.article_id

    @reported
    def action_highlight(self) -> None:
        """Highlight the mouse selection, else the current quote; else explain how to choose."""
        aid = self._reader_article()
        if aid is None:
            return
        reader = self.query_one(ArticleReader)
        span = reader.mouse_span()
        if span is not None:
            self.screen.clear_selection()
            self._code_passage(aid, span[0], span[1], None)
            return
        quote = reader.current_quote_span()
        if quote is not None:
            self._code_passage(aid, *quote)
            return
        self.notify(
            "Move to a quote with ] (or [), select text with the mouse, or press v to choose "
            "a passage from the keyboard; then h.",
            markup=False,
        )

    @reported
    def action_select_passage(self) -> None:
        aid = self._reader_article()
        if aid is None:
            return
        reader = self.query_one(ArticleReader)
        if reader.start_selecting():
            reader.focus()
        else:
            self.notify("This article has no text to select.", severity="warning")

    @on(ArticleReader.PassageChosen)
    @reported
    def _passage_chosen(self, event: ArticleReader.PassageChosen) -> None:
        aid = self.query_one(ArticleReader).article_id
        if aid is not None:
            self._code_passage(aid, event.start, event.end, event.speaker)

    @reported
    def _code_passage(self, aid: str, start: int, end: int, speaker: str | None) -> None:
        """Ask for tags and a note, then store the passage ``body[start:end]``."""
        from warta.store.annotate import passages
        from warta.tui.screens.passage import Coding, PassageScreen

        reader = self.query_one(ArticleReader)
        body = reader.body
        words = body[start:end]
        in_use = [t for t, _ in self.library.tag_counts().most_common()]

        def done(coding: Coding | None) -> None:
            if coding is None:
                self.notify("Not highlighted.", markup=False)
                return
            try:
                sel = passages.selector_for(self.library, aid, body, start, end)
                p = passages.add(self.library, aid, sel, coding.tags, coding.note, speaker)
            except Exception as exc:
                problem = self.problem_of(exc)
                if problem is None:
                    raise
                self.show_problem(Problem(f"not highlighted: {problem.message}", problem.code))
                return
            self._user_changed(aid)
            self.query_one(ArticleReader).focus_passage(p["id"])
            tags = " ".join("#" + t for t in p["tags"]) or "no tags"
            self.notify(f"Highlighted ({tags}). u undoes.", markup=False)

        screen = PassageScreen(words, in_use, title="Highlight: tags and note")
        self.app.push_screen(screen, lambda coding: self.attempt(done, coding))

    @reported
    def action_passage(self, step: int) -> None:
        if self._reader_article() is None:
            return
        reader = self.query_one(ArticleReader)
        if not reader.jump_passage(step):
            n = reader.passage_count()
            self.notify(
                "This article has no highlighted passages."
                if not n
                else "No more passages that way.",
                markup=False,
            )

    @reported
    def action_edit_passage(self) -> None:
        from warta.store.annotate import passages
        from warta.tui.screens.passage import Coding, PassageScreen

        reader = self.query_one(ArticleReader)
        current = reader.passage
        if current is None:
            self.notify("Move to a passage with } or { first.", markup=False)
            return
        p = current.passage
        in_use = [t for t, _ in self.library.tag_counts().most_common()]

        def done(coding: Coding | None) -> None:
            if coding is None:
                return
            passages.update(self.library, p["id"], tags=coding.tags, note=coding.note)
            self._user_changed(p["article"])
            reader.focus_passage(p["id"])
            self.notify("Passage updated. u undoes.", markup=False)

        screen = PassageScreen(
            p["selector"]["exact"], in_use, p["tags"], p["note"], title="Edit passage"
        )
        self.app.push_screen(screen, lambda coding: self.attempt(done, coding))

    @reported
    def action_delete_passage(self) -> None:
        from warta.store.annotate import passages

        current = self.query_one(ArticleReader).passage
        if current is None:
            self.notify("Move to a passage with } or { first.", markup=False)
            return
        p = current.passage
        passages.delete(self.library, [p["id"]])
        self._user_changed(p["article"])
        self.notify("Passage deleted. u brings it back.", markup=False)

    # -- the codebook and review screens -------------------------------------------------------

    def action_codebook(self) -> None:
        from warta.tui.screens.codebook import CodebookResult, CodebookScreen

        def done(result: CodebookResult | None) -> None:
            if result is None:
                return
            self._sync_articles(result.touched)
            if result.tag:
                self.set_filter(f"tag:{result.tag}")

        self.app.push_screen(CodebookScreen(self.library), done)

    def action_review(self) -> None:
        from warta.tui.screens.review import ReviewResult, ReviewScreen

        def done(result: ReviewResult | None) -> None:
            if result is None:
                return
            self._sync_articles(result.touched)
            if result.open is not None:
                self.open_annotation(*result.open)

        self.app.push_screen(ReviewScreen(self.library, self._query, self.browser), done)

    def set_filter(self, query: str) -> None:
        """Put ``query`` in the filter box (the list follows) and focus the list."""
        self.query_one(FilterInput).value = query
        self.query_one(ArticleList).focus()

    def _sync_articles(self, touched: frozenset[str] | set[str]) -> None:
        """Bring the index, the list and the reader up to date after another screen changed
        the annotations of ``touched`` (``*``: the codebook, which colours every article)."""
        if not touched:
            return
        if self.browser is not None:
            for aid in touched:
                if aid in self.library:
                    self.browser.sync(aid)
        self.query_one(ArticleList).refresh_rows()
        reader = self.query_one(ArticleReader)
        aid = reader.article_id
        if aid is not None and reader.record is not None and (aid in touched or "*" in touched):
            self._show_in_reader(reader.record, keep_scroll=True)
        self._refilter()

    @reported
    def open_annotation(self, article_id: str, passage_id: str | None) -> None:
        """Open an article in the reader, the list's cursor on it, at passage ``passage_id``
        (None: an article note). When the article is not in the filter's result, the filter
        is cleared."""
        if article_id not in self.library:
            self.notify("That article is no longer in the library.", severity="warning")
            return
        articles = self.query_one(ArticleList)
        if self._preview_timer is not None:
            self._preview_timer.stop()
        if self.browser is not None:  # before the index is built the list shows the head rows
            position = self.library.position(article_id)
            # The reader is shown here: no cursor message may re-show it after (and scroll it).
            with articles.prevent(ArticleList.CursorMoved):
                try:
                    row = articles.order.index(position)
                except ValueError:
                    field = self.query_one(FilterInput)
                    with field.prevent(Input.Changed):
                        field.value = ""
                    self._query = ""
                    self._show_result(self.browser.search(self._with_default_sort("")), "")
                    row = articles.order.index(position)
                articles.cursor = row
        rec = self.library.article(article_id)
        self._show_in_reader(rec)
        reader = self.query_one(ArticleReader)
        reader.focus()
        if passage_id is not None:
            self.call_after_refresh(reader.focus_passage, passage_id)

    # -- undo and bulk tagging -----------------------------------------------------------------

    @reported
    def action_undo(self) -> None:
        from warta.store.annotate.history import undo

        self._after_history(undo(self.library), "Undid", "Nothing to undo.")

    @reported
    def action_redo(self) -> None:
        from warta.store.annotate.history import redo

        self._after_history(redo(self.library), "Redid", "Nothing to redo.")

    def _after_history(self, outcome: object, verb: str, nothing: str) -> None:
        from warta.store.annotate.history import Outcome

        assert isinstance(outcome, Outcome)
        if not outcome.done:
            self.notify(nothing, markup=False)
            return
        self._refresh_all_user_data()
        text = f"{verb}: {outcome.label}"
        if outcome.conflicts:
            text += f" ({len(outcome.conflicts)} item(s) changed since were left as they are)"
        self.notify(text, markup=False)

    def _refresh_all_user_data(self) -> None:
        """After a change that may touch many articles (undo, bulk), resync what is shown."""
        if self.browser is not None:
            from warta.store.search.browse import Browser

            self.browser = Browser(self.library)
            self._search(self._query)
        self.query_one(ArticleList).refresh_rows()
        reader = self.query_one(ArticleReader)
        if reader.record is not None:
            self._show_in_reader(reader.record, keep_scroll=True)

    @reported
    def action_bulk_tag(self) -> None:
        from warta.tui.screens.bulk import BulkTagging, BulkTagScreen

        articles = self.query_one(ArticleList)
        ids = [articles.record(i)["id"] for i in articles.order]
        if not ids:
            self.notify("The filter shows no articles.", markup=False)
            return
        in_use = [t for t, _ in self.library.tag_counts().most_common()]

        def done(choice: BulkTagging | None) -> None:
            if choice is None or not choice.tags:
                return
            from warta.store.annotate.codebook import bulk_tag

            n = bulk_tag(self.library, ids, choice.tags, remove=choice.remove)
            self._refresh_all_user_data()
            verb = "Untagged" if choice.remove else "Tagged"
            self.notify(f"{verb} {n} article(s). u undoes it as one step.", markup=False)

        screen = BulkTagScreen(len(ids), self._query, in_use)
        self.app.push_screen(screen, lambda choice: self.attempt(done, choice))


def _snippet_source(browser: Browser, result: SearchResult, leaves: list) -> object:
    """Row snippets for body-only matches, made on demand for the rows on screen."""
    from warta.store.search.snippets import snippet

    ft = browser.fulltext
    index = browser.index
    bits = result.body_only
    cache: dict[tuple[int, int], object] = {}

    def get(i: int, room: int) -> object:
        if (i, room) in cache:
            return cache[i, room]
        out = None
        if ft is not None and index.contains(bits, i):
            text = ft.text(i)
            if text:
                out = snippet(text, leaves, max(room, 20))
        cache[i, room] = out
        return out

    return get
