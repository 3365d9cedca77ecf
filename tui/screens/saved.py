"""Saved searches: a dialog that names the current filter, and the list of saved ones."""

from __future__ import annotations

import contextlib

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from warta.store.library.library import Library
from warta.store.search.browse import Browser


class NameScreen(ModalScreen[str | None]):
    """Asks for a name to save the filter under; returns it (None when cancelled)."""

    DEFAULT_CSS = """
    NameScreen { align: center middle; }
    NameScreen > Vertical {
        width: 64; max-width: 95%; height: auto; border: round $accent;
        background: $surface; padding: 0 1;
    }
    NameScreen Static { color: $text-muted; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="save_search.cancel")]

    def __init__(self, query: str) -> None:
        super().__init__()
        self.query_text = query

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Save search"
            yield Static(Text(self.query_text))
            yield Input(placeholder="name, then Enter", id="search-name")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SavedScreen(ModalScreen[str | None]):
    """Saved searches with their counts; Enter returns the query, ``d`` deletes one."""

    DEFAULT_CSS = """
    SavedScreen { align: center middle; }
    SavedScreen > Vertical {
        width: 90; max-width: 95%; height: auto; max-height: 80%; border: round $accent;
        background: $surface; padding: 0 1;
    }
    SavedScreen OptionList { height: auto; max-height: 30; border: none; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Close", id="saved.close"),
        Binding("d", "delete", "Delete", id="saved.delete", tooltip="Delete the saved search"),
    ]

    def __init__(self, library: Library, browser: Browser) -> None:
        super().__init__()
        self.library = library
        self.browser = browser
        self.names: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Saved searches · Enter opens · d deletes · Esc closes"
            yield OptionList(id="saved-list")

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        from warta.store.search import saved

        searches = saved.all_searches(self.library)
        self.names = [s["name"] for s in searches]
        options = self.query_one(OptionList)
        options.clear_options()
        if not searches:
            options.add_option(
                Option(Text("No saved searches yet: S saves the filter."), disabled=True)
            )
            return
        for s in searches:
            options.add_option(Option(self._row(s["name"], s["query"], None), id=s["name"]))
        options.focus()
        options.highlighted = 0
        self._count(searches)

    @staticmethod
    def _row(name: str, query: str, count: int | None) -> Text:
        row = Text()
        row.append(f"{'…' if count is None else f'{count:,}':>8}  ", style="bold")
        row.append(name, style="bold cyan")
        row.append("  " + query, style="italic")
        return row

    @work(thread=True, exclusive=True)
    def _count(self, searches: list) -> None:
        for s in searches:
            n = len(self.browser.search(s["query"]).order)
            self.app.call_from_thread(self._set_count, s["name"], s["query"], n)

    def _set_count(self, name: str, query: str, n: int) -> None:
        options = self.query_one(OptionList)
        with contextlib.suppress(Exception):  # the list was refilled meanwhile
            options.replace_option_prompt(name, self._row(name, query, n))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from warta.store.search import saved

        if event.option.id is not None:
            self.dismiss(saved.get(self.library, event.option.id)["query"])

    def action_delete(self) -> None:
        from warta.store.search import saved

        options = self.query_one(OptionList)
        if options.highlighted is None or not self.names:
            return
        name = options.get_option_at_index(options.highlighted).id
        if name:
            saved.delete(self.library, name)
            self.notify(f"Deleted saved search {name!r}", markup=False)
            self._fill()

    def action_cancel(self) -> None:
        self.dismiss(None)
