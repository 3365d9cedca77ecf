"""Tag entry shared by every dialog that asks for tags (add tags, highlight, bulk, passage
edit), and the dialogs to add tags and to remove several at once.

:class:`TagInput` completes the word being typed from the tags in use: ``Tab`` goes through
every match in turn (``ka`` -> ``kapolres`` -> ``kapolda`` -> ``ka``), ``shift+tab`` back, and
the :class:`TagHints` line under it narrows to the matches as you type, the one Tab would give
marked.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, SelectionList, Static
from textual.widgets.selection_list import Selection

HINTS_SHOWN = 30
"""At most this many tags in the narrowing list (the rest are counted)."""


def split_tags(value: str) -> list[str]:
    """``"hoaks, pemilu  polisi"`` -> ``["hoaks", "pemilu", "polisi"]``."""
    return [t for t in value.replace(",", " ").split() if t]


def last_word(value: str) -> tuple[str, str]:
    """``value`` as (everything before the word being typed, that word)."""
    cut = max(value.rfind(" "), value.rfind(",")) + 1
    return value[:cut], value[cut:]


def matches(in_use: Sequence[str], stem: str, typed: Sequence[str] = ()) -> list[str]:
    """Tags in use for the word ``stem``: those it begins first, then those with a part it
    begins (``klar`` -> ``hoaks/klarifikasi``), then, from three letters on, those holding it
    (``polres`` -> ``kapolres``); each group in ``in_use`` order (most used first), none
    already ``typed`` in the field."""
    stem = stem.lower()
    left = [t for t in in_use if t not in set(typed)]
    first = [t for t in left if t.startswith(stem)]
    part = [t for t in left if t not in first and any(p.startswith(stem) for p in t.split("/"))]
    inside = [t for t in left if len(stem) >= 3 and stem in t and t not in first + part]
    return first + part + inside


class TagSuggester(Suggester):
    """The grey completion after the cursor: the first tag in use that the word typed begins
    (what Tab gives first). Off while Tab is going through the matches."""

    def __init__(self, tags: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = list(tags)
        self.paused = False

    async def get_suggestion(self, value: str) -> str | None:
        before, stem = last_word(value)
        if self.paused or not stem:
            return None
        for tag in self.tags:
            if tag.startswith(stem.lower()) and tag != stem:
                return before + tag
        return None


class TagInput(Input):
    """A line for tags that completes from the tags in use; Tab cycles through the matches.

    With nothing to complete, Tab moves on to the next field as usual.
    """

    BINDINGS = [
        Binding("tab", "cycle(1)", "Complete", show=False, id="tags.complete"),
        Binding("shift+tab", "cycle(-1)", "Complete back", show=False, id="tags.complete_back"),
    ]

    class Cycled(Message):
        """The completion moved: ``choices`` are the matches, ``index`` the one shown (None:
        the word as typed)."""

        def __init__(self, field: TagInput, choices: list[str], index: int | None) -> None:
            self.field = field
            self.choices = choices
            self.index = index
            super().__init__()

        @property
        def control(self) -> TagInput:
            return self.field

    def __init__(self, value: str = "", *, in_use: Sequence[str], **kwargs: object) -> None:
        self.in_use = list(in_use)
        self._suggester = TagSuggester(self.in_use)
        self._cycle: tuple[str, str, list[str], int | None] | None = None
        """(the text before the word, the word as typed, its matches, the one shown)."""
        super().__init__(value, suggester=self._suggester, **kwargs)  # type: ignore[arg-type]

    def action_cycle(self, step: int) -> None:
        state = self._cycle
        if state is not None and self.value == self._shown(state):
            before, stem, choices, index = state
            # The word as typed is a stop too (index None), so Tab can go back to it.
            stops: list[int | None] = [*range(len(choices)), None]
            index = stops[(stops.index(index) + step) % len(stops)]
        else:
            before, stem = last_word(self.value)
            choices = matches(self.in_use, stem, split_tags(before)) if stem else []
            if not choices:
                self._cycle = None
                self.screen.focus_next() if step > 0 else self.screen.focus_previous()
                return
            index = 0 if step > 0 else len(choices) - 1
        self._cycle = (before, stem, choices, index)
        self._suggester.paused = True
        with self.prevent(Input.Changed):
            self.value = self._shown(self._cycle)
        self.cursor_position = len(self.value)
        self._suggestion = ""
        self.post_message(self.Cycled(self, choices, index))

    @staticmethod
    def _shown(state: tuple[str, str, list[str], int | None]) -> str:
        before, stem, choices, index = state
        return before + (stem if index is None else choices[index])

    def _watch_value(self, value: str) -> None:
        if self._cycle is not None and value != self._shown(self._cycle):
            self._cycle = None  # typing ends the cycle
            self._suggester.paused = False
        super()._watch_value(value)


class TagHints(Static):
    """The tags in use, narrowed to the matches of the word being typed; the one Tab shows
    is marked."""

    DEFAULT_CSS = """
    TagHints { color: $text-muted; height: auto; max-height: 3; }
    """

    def __init__(self, in_use: Sequence[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.in_use = list(in_use)
        self._stem = ""
        """The word as typed before Tab went through its matches."""

    def on_mount(self) -> None:
        self.show_for("")

    def show_for(self, value: str, chosen: str | None = None) -> None:
        before, stem = last_word(value)
        if chosen is not None:
            shown = matches(self.in_use, self._stem, split_tags(before))
        else:
            self._stem = stem
            shown = matches(self.in_use, stem, split_tags(before)) if stem else self.in_use
        text = Text()
        if not self.in_use:
            text.append("No tags in use yet.")
        elif not shown:
            text.append("In use: ", style="bold")
            text.append(f"no tag starts with or holds {stem!r}: a new tag.")
        else:
            text.append("Matching: " if stem or chosen else "In use: ", style="bold")
            for n, tag in enumerate(shown[:HINTS_SHOWN]):
                if n:
                    text.append(" ")
                text.append("#" + tag, style="reverse bold" if tag == chosen else "")
            if len(shown) > HINTS_SHOWN:
                text.append(f" (+{len(shown) - HINTS_SHOWN} more)")
            if stem or chosen:
                text.append("  · Tab cycles", style="italic")
        self.update(text)


class TagField(Vertical):
    """A :class:`TagInput` with its :class:`TagHints` under it."""

    DEFAULT_CSS = """
    TagField { height: auto; }
    """

    def __init__(
        self,
        value: str = "",
        *,
        in_use: Sequence[str],
        placeholder: str = "tags, separated by spaces or commas",
        input_id: str | None = None,
        compact: bool = False,
    ) -> None:
        super().__init__()
        self._value = value
        self.in_use = list(in_use)
        self._placeholder = placeholder
        self._input_id = input_id
        self._compact = compact

    def compose(self) -> ComposeResult:
        yield TagInput(
            self._value,
            in_use=self.in_use,
            placeholder=self._placeholder,
            id=self._input_id,
            compact=self._compact,
        )
        yield TagHints(self.in_use)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one(TagHints).show_for(event.value)

    def on_tag_input_cycled(self, event: TagInput.Cycled) -> None:
        chosen = None if event.index is None else event.choices[event.index]
        self.query_one(TagHints).show_for(event.field.value, chosen)


class TagScreen(ModalScreen[list[str]]):
    """Asks for tags to add; returns them (empty list when cancelled)."""

    DEFAULT_CSS = """
    TagScreen { align: center middle; }
    TagScreen > Vertical {
        width: 64; max-width: 95%; height: auto; border: round $accent;
        background: $surface; padding: 0 1;
    }
    TagScreen #tag-current { color: $text-muted; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="tags.cancel")]

    def __init__(self, in_use: list[str], current: list[str]) -> None:
        super().__init__()
        self.in_use = in_use
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Add tags"
            box.border_subtitle = "Enter adds · Tab completes · Esc cancels"
            yield TagField(in_use=self.in_use, input_id="tag-input")
            hint = Text("On this article: ", style="bold")
            hint.append(" ".join("#" + t for t in self.current) or "none")
            yield Static(hint, id="tag-current")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(split_tags(event.value))

    def action_cancel(self) -> None:
        self.dismiss([])


class UntagScreen(ModalScreen[list[str]]):
    """Picks the article's tags to remove: space marks several, enter removes the marked
    ones (or the highlighted one when none is marked). Returns them (empty when cancelled)."""

    DEFAULT_CSS = """
    UntagScreen { align: center middle; }
    UntagScreen > SelectionList {
        width: 48; max-width: 95%; height: auto; max-height: 70%; border: round $accent;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="untag.cancel"),
        Binding("enter", "remove", "Remove", priority=True, id="untag.remove"),
    ]

    def __init__(self, tags: list[str]) -> None:
        super().__init__()
        self.tags = tags

    def compose(self) -> ComposeResult:
        options = SelectionList[str](*(Selection(Text("#" + t), t) for t in self.tags))
        options.border_title = "Remove which tags?"
        options.border_subtitle = "Space marks · Enter removes · Esc cancels"
        yield options

    def action_remove(self) -> None:
        options = self.query_one(SelectionList)
        chosen = list(options.selected)
        if not chosen and options.highlighted is not None:
            chosen = [options.get_option_at_index(options.highlighted).value]
        self.dismiss([t for t in self.tags if t in chosen])

    def action_cancel(self) -> None:
        self.dismiss([])
