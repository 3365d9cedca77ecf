"""The ``?`` screen: every key binding of the reader, built from the bindings themselves."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def _keys(app: App[object], binding: Binding) -> str:
    """``j,down`` -> ``j / ↓``, as the footer shows keys."""
    keys = [k.strip() for k in binding.key.split(",")]
    return " / ".join(app.get_key_display(Binding(k, binding.action)) for k in keys)


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the app, the list pane, the reader and the filter, with what they do."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 80; max-width: 95%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, sections: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for title, bindings in self.sections:
            table.add_row(Text(title, style="bold underline"), Text(""))
            for b in bindings:
                table.add_row(Text(_keys(self.app, b)), Text(b.tooltip or b.description))
            table.add_row(Text(""), Text(""))
        with VerticalScroll() as scroll:
            scroll.border_title = "Warta keys · Esc closes"
            yield Static(table)

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
