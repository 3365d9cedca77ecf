"""The note editor: a multi-line text area that saves as the user pauses and when it closes."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import TextArea

from warta.store.text import clean_field, strip_controls

AUTOSAVE_DELAY = 1.5
"""Seconds of no typing after which the draft is saved (a crash then loses at most that)."""


class NoteScreen(ModalScreen[bool]):
    """Edits an article's note. Esc or Ctrl+S saves and closes; F8 discards the edit.

    ``save`` is called with the text whenever it should be stored (after a pause in typing,
    on closing, and through ``flush`` when the app quits with the editor open) and with the
    text this editor last stored or started from, so the store can tell that another terminal
    changed the note meanwhile. It returns False when the text could not be stored (it has
    told the user why), and then the editor stays open rather than lose it. Discarding stores
    the original text again. Dismisses with True if the note changed. Control and invisible
    characters are not stored.
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

    def __init__(self, title: str, note: str, save: Callable[[str, str], bool]) -> None:
        super().__init__()
        self.note_title = title
        self.original = note
        self.saved = note
        self._save = save
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            # A Text, not a string: a border title string is read as markup, so a title like
            # "[VIDEO] ..." lost its first word and one holding "[/]" crashed the reader.
            box.border_title = Text(f"Note · {clean_field(self.note_title)[:60]}")
            box.border_subtitle = "saved as you pause · Esc saves and closes · F8 discards changes"
            yield TextArea(self.original, soft_wrap=True, show_line_numbers=False, id="note-text")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def on_text_area_changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(AUTOSAVE_DELAY, self.flush)

    def flush(self) -> bool:
        """Store the text now if it differs from what was last stored; False if that failed."""
        text = strip_controls(self.query_one(TextArea).text).rstrip()
        if text != self.saved:
            if not self._save(text, self.saved):
                return False
            self.saved = text
        return True

    def action_save(self) -> None:
        if self.flush():
            self.dismiss(self.saved != self.original)

    def action_discard(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self.saved != self.original and self._save(self.original, self.saved):
            self.saved = self.original
        self.dismiss(self.saved != self.original)
