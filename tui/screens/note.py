"""The note editor: a multi-line text area that saves as the user pauses and when it closes."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import TextArea

AUTOSAVE_DELAY = 1.5
"""Seconds of no typing after which the draft is saved (a crash then loses at most that)."""


class NoteScreen(ModalScreen[bool]):
    """Edits an article's note. Esc or Ctrl+S saves and closes; F8 discards the edit.

    ``save`` is called with the text whenever it should be stored (after a pause in typing,
    on closing, and through ``flush`` when the app quits with the editor open) and with the
    text this editor last stored or started from, so the store can tell that another terminal
    changed the note meanwhile. Discarding stores the original text again. Dismisses with True
    if the note changed.
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

    def __init__(self, title: str, note: str, save: Callable[[str, str], None]) -> None:
        super().__init__()
        self.note_title = title
        self.original = note
        self.saved = note
        self._save = save
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"Note · {self.note_title[:60]}"
            box.border_subtitle = "saved as you type · Esc closes · F8 discards changes"
            yield TextArea(self.original, soft_wrap=True, show_line_numbers=False, id="note-text")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def on_text_area_changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(AUTOSAVE_DELAY, self.flush)

    def flush(self) -> None:
        """Store the text now if it differs from what was last stored."""
        text = self.query_one(TextArea).text.rstrip()
        if text != self.saved:
            self._save(text, self.saved)
            self.saved = text

    def action_save(self) -> None:
        self.flush()
        self.dismiss(self.saved != self.original)

    def action_discard(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self.saved != self.original:
            self._save(self.original, self.saved)
            self.saved = self.original
        self.dismiss(False)
