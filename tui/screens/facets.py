"""Facets of the current result: outlets, tags, speakers (by quotes) and places with counts."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from warta.store.search.browse import Browser
from warta.store.search.engine import SearchResult
from warta.store.search.facets import Facet

TITLES = {
    "outlet": "Outlets",
    "tag": "Tags",
    "speaker": "Speakers (by quotes)",
    "place": "Places",
}


class FacetScreen(ModalScreen[str | None]):
    """Lists each facet's most common values; Enter returns the filter term to add."""

    DEFAULT_CSS = """
    FacetScreen { align: center middle; }
    FacetScreen > Vertical {
        width: 80; max-width: 95%; height: 80%; border: round $accent;
        background: $surface; padding: 0 1;
    }
    FacetScreen OptionList { height: 1fr; border: none; }
    FacetScreen Static { color: $text-muted; }
    """

    BINDINGS = [Binding("escape", "cancel", "Close", id="facets.close")]

    def __init__(self, browser: Browser, result: SearchResult) -> None:
        super().__init__()
        self.browser = browser
        self.result = result
        self.terms: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Facets of the result · Enter narrows · Esc closes"
            yield Static(Text(f"{len(self.result.order):,} articles · counting…"), id="facet-info")
            yield OptionList(id="facet-list")

    def on_mount(self) -> None:
        self._compute()

    @work(thread=True, exclusive=True)
    def _compute(self) -> None:
        from warta.store.search.facets import facets

        ft = self.browser.fulltext
        got = facets(self.browser.index, self.result.mask, ft.speakers if ft else None)
        self.app.call_from_thread(self._fill, got)

    def _fill(self, got: dict[str, list[Facet]]) -> None:
        options = self.query_one(OptionList)
        self.query_one("#facet-info", Static).update(
            Text(f"{len(self.result.order):,} articles in the result")
        )
        for kind in ("outlet", "tag", "speaker", "place"):
            items = got.get(kind, [])
            options.add_option(Option(Text(TITLES[kind], style="bold underline"), disabled=True))
            if not items:
                options.add_option(Option(Text("  (none)", style="italic"), disabled=True))
            for k, f in enumerate(items):
                oid = f"{kind}-{k}"
                self.terms[oid] = f.term
                row = Text(f"{f.count:>8,}  ", style="bold")
                row.append(f.value)
                options.add_option(Option(row, id=oid))
        options.focus()
        first = next(
            (k for k in range(options.option_count) if not options.get_option_at_index(k).disabled),
            None,
        )
        options.highlighted = first

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id in self.terms:
            self.dismiss(self.terms[event.option.id])

    def action_cancel(self) -> None:
        self.dismiss(None)
