"""Small modal dialogs the codebook and review screens share: a line of input, a yes/no
question, a picker (a list with a filter line, or with a free-text line), a passage editor.

Every text shown that does not come from Warta (tag names, notes, passages) is a
``rich.text.Text``: never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

_DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 72; max-width: 95%; height: auto; max-height: 90%;
    border: round $accent; background: $surface; padding: 0 1;
}}
{name} .dialog-text {{ margin: 1 0; }}
{name} .dialog-hint {{ color: $text-muted; }}
{name} .dialog-error {{ color: $error; display: none; }}
{name} .dialog-error.shown {{ display: block; }}
{name} Input {{ margin-top: 1; }}
"""


def _css(name: str) -> str:
    return _DIALOG_CSS.format(name=name)


class InputDialog(ModalScreen[str | None]):
    """One line of input; dismisses with the text (enter) or None (esc).

    ``check`` may reject the text: it returns an error to show (the dialog stays open) or None.
    """

    DEFAULT_CSS = _css("InputDialog")

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("tab", "complete", "Complete", show=False, id="dialog.complete"),
    ]

    def __init__(
        self,
        title: Text,
        value: str = "",
        *,
        placeholder: str = "",
        hint: Text | None = None,
        suggester: Suggester | None = None,
        check: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.dialog_title = title
        self.value = value
        self.placeholder = placeholder
        self.hint = hint
        self.suggester = suggester
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.dialog_title
            box.border_subtitle = Text("Enter confirms · Esc cancels")
            yield Input(
                self.value, placeholder=self.placeholder, suggester=self.suggester, compact=True
            )
            yield Static(classes="dialog-error")
            if self.hint is not None:
                yield Static(self.hint, classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def action_complete(self) -> None:
        field = self.query_one(Input)
        if field._suggestion:
            field.value = field._suggestion
            field.cursor_position = len(field.value)
        else:
            self.focus_next()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        problem = self.check(event.value) if self.check is not None else None
        if problem:
            error = self.query_one(".dialog-error", Static)
            error.update(Text(problem))
            error.add_class("shown")
            return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question: ``y`` or enter says yes, ``n`` or esc says no."""

    DEFAULT_CSS = (
        _css("ConfirmDialog")
        + """
    ConfirmDialog Horizontal { height: auto; align-horizontal: right; }
    ConfirmDialog Button { margin-left: 2; min-width: 10; }
    """
    )

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, title: Text, message: Text, yes: str = "Yes") -> None:
        super().__init__()
        self.dialog_title = title
        self.message = message
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.dialog_title
            box.border_subtitle = Text("y / Enter: yes · n / Esc: no")
            yield Static(self.message, classes="dialog-text")
            with Horizontal():
                yield Button(self.yes, variant="error", id="yes", compact=True)
                yield Button("Cancel", id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class PickDialog(ModalScreen[str | None]):
    """A list to pick from with a line of input above it.

    With ``filtering``, the line narrows the list (any option containing what is typed) and
    Tab completes it to the highlighted option; otherwise it takes free text, which ``accept``
    turns into the result (or rejects with an error to show). Up/down move in the list while
    typing; enter picks the typed text when ``accept`` takes it, else the highlighted option.
    """

    DEFAULT_CSS = (
        _css("PickDialog")
        + """
    PickDialog OptionList {
        height: auto; max-height: 14; border: none; padding: 0; margin-top: 1;
    }
    """
    )

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="pick.cancel"),
        Binding("down", "move(1)", "Next", show=False, id="pick.down"),
        Binding("up", "move(-1)", "Previous", show=False, id="pick.up"),
        Binding("tab", "complete", "Complete", show=False, id="pick.complete"),
    ]

    def __init__(
        self,
        title: Text,
        options: Sequence[tuple[str, Text]],
        *,
        filtering: bool = False,
        placeholder: str = "",
        accept: Callable[[str], tuple[str | None, str | None]] | None = None,
        highlight: str | None = None,
        hint: Text | None = None,
    ) -> None:
        super().__init__()
        self.dialog_title = title
        self.options = list(options)
        self.filtering = filtering
        self.placeholder = placeholder
        self.accept = accept
        """Typed text -> (result, None) to take it, (None, error) to refuse, (None, None) to
        fall back to the highlighted option."""
        self.initial = highlight
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.dialog_title
            box.border_subtitle = Text(
                "Enter picks · ↑↓ move · Tab completes · Esc cancels"
                if self.filtering
                else "Enter picks · ↑↓ move · Esc cancels"
            )
            yield Input(placeholder=self.placeholder, compact=True)
            yield Static(classes="dialog-error")
            yield OptionList(*self._shown(""))
            if self.hint is not None:
                yield Static(self.hint, classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.can_focus = False  # typing stays in the input; arrows move the list
        if self.initial is not None:
            ids = [value for value, _ in self.options]
            if self.initial in ids:
                options.highlighted = ids.index(self.initial)
        elif self.options:
            options.highlighted = 0
        self.query_one(Input).focus()

    def _shown(self, typed: str) -> list[Option]:
        needle = typed.strip().lower()
        return [
            Option(label, id=value)
            for value, label in self.options
            if not (self.filtering and needle) or needle in value.lower()
        ]

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self.query_one(".dialog-error", Static).remove_class("shown")
        if not self.filtering:
            return
        options = self.query_one(OptionList)
        shown = self._shown(event.value)
        options.clear_options()
        options.add_options(shown)
        if shown:
            ids = [o.id for o in shown]
            typed = event.value.strip()
            options.highlighted = ids.index(typed) if typed in ids else 0

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            now = options.highlighted if options.highlighted is not None else -1
            options.highlighted = max(0, min(options.option_count - 1, now + step))

    def action_complete(self) -> None:
        value = self._highlighted()
        if value is not None:
            field = self.query_one(Input)
            field.value = value
            field.cursor_position = len(value)

    def _highlighted(self) -> str | None:
        options = self.query_one(OptionList)
        if options.highlighted is None or not options.option_count:
            return None
        return options.get_option_at_index(options.highlighted).id

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        typed = event.value.strip()
        if typed and self.accept is not None:
            result, error = self.accept(typed)
            if error:
                self._error(error)
                return
            if result is not None:
                self.dismiss(result)
                return
        value = self._highlighted()
        if value is None:
            self._error("Nothing matches; Esc cancels.")
            return
        self.dismiss(value)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def _error(self, message: str) -> None:
        error = self.query_one(".dialog-error", Static)
        error.update(Text(message))
        error.add_class("shown")

    def action_cancel(self) -> None:
        self.dismiss(None)
