"""Modal screens to add tags (with completion from tags in use) and to remove one."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option


class TagSuggester(Suggester):
    """Completes the last comma- or space-separated word from the tags already in use."""

    def __init__(self, tags: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = tags

    async def get_suggestion(self, value: str) -> str | None:
        _, sep, last = value.rpartition(",")
        if not sep:
            _, sep, last = value.rpartition(" ")
        stem = last.lstrip().lower()
        if not stem:
            return None
        for tag in self.tags:
            if tag.startswith(stem) and tag != stem:
                return value + tag[len(stem) :]
        return None


def split_tags(value: str) -> list[str]:
    """``"hoaks, pemilu  polisi"`` -> ``["hoaks", "pemilu", "polisi"]``."""
    return [t for t in value.replace(",", " ").split() if t]


class TagScreen(ModalScreen[list[str]]):
    """Asks for tags to add; returns them (empty list when cancelled)."""

    DEFAULT_CSS = """
    TagScreen { align: center middle; }
    TagScreen > Vertical {
        width: 64; max-width: 95%; height: auto; border: round $accent;
        background: $surface; padding: 0 1;
    }
    TagScreen Static { color: $text-muted; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="tags.cancel"),
        Binding("tab", "complete", "Complete", show=False, id="tags.complete"),
    ]

    def __init__(self, in_use: list[str], current: list[str]) -> None:
        super().__init__()
        self.in_use = in_use
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Add tags"
            box.border_subtitle = "Enter adds · Tab completes · Esc cancels"
            yield Input(
                placeholder="tags, separated by spaces or commas",
                suggester=TagSuggester(self.in_use),
                id="tag-input",
            )
            hint = Text("On this article: ", style="bold")
            hint.append(" ".join("#" + t for t in self.current) or "none")
            if self.in_use:
                hint.append("\nIn use: ", style="bold")
                hint.append(" ".join(self.in_use[:30]))
            yield Static(hint)

    def action_complete(self) -> None:
        field = self.query_one(Input)
        if field._suggestion:
            field.value = field._suggestion
            field.cursor_position = len(field.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(split_tags(event.value))

    def action_cancel(self) -> None:
        self.dismiss([])


class UntagScreen(ModalScreen[str | None]):
    """Picks one of the article's tags to remove; returns it (None when cancelled)."""

    DEFAULT_CSS = """
    UntagScreen { align: center middle; }
    UntagScreen > OptionList {
        width: 48; max-width: 95%; height: auto; max-height: 70%; border: round $accent;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="untag.cancel")]

    def __init__(self, tags: list[str]) -> None:
        super().__init__()
        self.tags = tags

    def compose(self) -> ComposeResult:
        options = OptionList(*(Option(Text("#" + t), id=t) for t in self.tags))
        options.border_title = "Remove which tag?"
        options.border_subtitle = "Enter removes · Esc cancels"
        yield options

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
