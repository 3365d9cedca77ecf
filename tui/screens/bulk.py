"""The bulk tagging dialog: tag or untag every article the filter shows, after saying how many."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static, Switch

from warta.tui.screens.tags import TagField, split_tags


@dataclass(frozen=True)
class BulkTagging:
    """The tags to add to (or, with ``remove``, take off) every article shown."""

    tags: list[str]
    remove: bool


class BulkTagScreen(ModalScreen[BulkTagging | None]):
    """Asks for tags, and whether to add or remove them, for ``count`` articles."""

    DEFAULT_CSS = """
    BulkTagScreen { align: center middle; }
    BulkTagScreen > Vertical {
        width: 70; max-width: 95%; height: auto; border: round $warning;
        background: $surface; padding: 0 1;
    }
    BulkTagScreen #bulk-mode { height: 3; }
    BulkTagScreen #bulk-mode Static { width: auto; padding: 1 1; }
    BulkTagScreen .hint { color: $text-muted; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="bulk.cancel"),
        Binding("ctrl+x", "toggle_remove", "Add/remove", id="bulk.toggle"),
    ]

    def __init__(self, count: int, query: str, in_use: list[str]) -> None:
        super().__init__()
        self.count = count
        self.query_text = query
        self.in_use = in_use

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Text(f"Tag all {self.count:,} articles shown")
            box.border_subtitle = Text("Enter applies · ctrl+x add/remove · Esc cancels")
            scope = Text("Filter: ", style="bold")
            scope.append(self.query_text or "(none: every article)")
            yield Static(scope)
            with Horizontal(id="bulk-mode"):
                yield Static(Text("Remove instead of add"))
                yield Switch(False, id="bulk-remove")
            yield TagField(in_use=self.in_use, input_id="bulk-tags")
            yield Static(Text("One change: u undoes it all.", style="italic"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def action_toggle_remove(self) -> None:
        switch = self.query_one(Switch)
        switch.value = not switch.value

    def on_switch_changed(self, event: Switch.Changed) -> None:
        verb = "Untag" if event.value else "Tag"
        self.query_one(Vertical).border_title = Text(f"{verb} all {self.count:,} articles shown")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(BulkTagging(split_tags(event.value), self.query_one(Switch).value))

    def action_cancel(self) -> None:
        self.dismiss(None)
