"""The note editor: a multi-line text area, saved when it closes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import TextArea


class NoteScreen(ModalScreen[str | None]):
    """Edits an article's note. Esc or Ctrl+S saves and closes; F8 discards the edit.

    Returns the new text, or None when the user discarded the edit. Esc saves rather than
    cancels, so a note is never lost to a stray keypress.
    """

    DEFAULT_CSS = """
    NoteScreen { align: center middle; }
    NoteScreen > Vertical {
        width: 90; max-width: 95%; height: 70%; border: round $accent; background: $surface;
    }
    NoteScreen TextArea { height: 1fr; border: none; }
    """

    BINDINGS = [
        Binding("escape", "save", "Save & close", id="note.save"),
        Binding("ctrl+s", "save", "Save & close", show=False, id="note.save_ctrl_s"),
        Binding("f8", "discard", "Discard changes", id="note.discard"),
    ]

    def __init__(self, title: str, note: str) -> None:
        super().__init__()
        self.note_title = title
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"Note · {self.note_title[:60]}"
            box.border_subtitle = "Esc saves and closes · F8 discards changes"
            yield TextArea(self.note, soft_wrap=True, show_line_numbers=False, id="note-text")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_discard(self) -> None:
        self.dismiss(None)
