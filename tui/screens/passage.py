"""The dialog that codes a passage: tags (with completion from the codebook) and a note."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static, TextArea

from warta.tui.screens.tags import TagField, split_tags


@dataclass(frozen=True)
class Coding:
    """What the user typed: the passage's tags and its note."""

    tags: list[str]
    note: str


class PassageScreen(ModalScreen[Coding | None]):
    """Asks for a passage's tags and an optional note; None when cancelled.

    Enter saves from either field; Tab completes a tag (again: the next match), or moves to
    the note. (Enter does not move to the note: keys typed ahead of a focus change would land
    in the tags.) A note that already holds line breaks is edited in a text area (Ctrl+S
    saves), where its lines show. Used to create passages in the reader
    and to edit them there and in the review screen.
    """

    DEFAULT_CSS = """
    PassageScreen { align: center middle; }
    PassageScreen > Vertical {
        width: 76; max-width: 95%; height: auto; border: round $accent;
        background: $surface; padding: 0 1;
    }
    PassageScreen #passage-text { color: $text-muted; margin-bottom: 1; max-height: 6; }
    PassageScreen .hint { color: $text-muted; }
    PassageScreen TextArea { height: 5; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="passage.cancel"),
        Binding("ctrl+s", "save", "Save", id="passage.save"),
    ]

    def __init__(
        self, passage: str, in_use: list[str], tags: list[str] = (), note: str = "", *, title: str
    ) -> None:
        super().__init__()
        self.passage = passage
        self.in_use = in_use
        self.tags = list(tags)
        self.note = note
        self.dialog_title = title
        self.multiline = "\n" in note

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Text(self.dialog_title)
            box.border_subtitle = Text(
                "Enter (in tags) or Ctrl+S saves · Tab completes · Esc cancels"
                if self.multiline
                else "Enter saves · Tab completes, then the note · Esc cancels"
            )
            short = " ".join(self.passage.split())
            if len(short) > 300:
                short = short[:299] + "…"
            yield Static(Text("“" + short + "”"), id="passage-text")
            yield TagField(
                " ".join(self.tags),
                in_use=self.in_use,
                placeholder="tags, separated by spaces (hoaks/klarifikasi nests)",
                input_id="passage-tags",
            )
            if self.multiline:
                yield TextArea(
                    self.note, soft_wrap=True, show_line_numbers=False, id="passage-note"
                )
            else:
                yield Input(self.note, placeholder="note (optional)", id="passage-note")

    def on_mount(self) -> None:
        self.query_one("#passage-tags", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        tags = split_tags(self.query_one("#passage-tags", Input).value)
        field = self.query_one("#passage-note")
        note = (field.text if isinstance(field, TextArea) else field.value).strip()
        self.dismiss(Coding(tags, note))

    def action_cancel(self) -> None:
        self.dismiss(None)
