"""The codebook screen (``C``): every tag as a tree with its colour, counts and description.

Rename, merge, delete, recolour and describe a tag; ``enter`` closes the screen and filters the
main list by the tag. Every change is one undoable transaction of the store
(:mod:`warta.store.annotate.codebook`) and runs in a worker (a rename may touch thousands of
passages); the screen ignores further changes until it is done, so they apply in order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Footer, Static

from warta.store.annotate import codebook
from warta.store.annotate.codebook import Code
from warta.store.library.library import Library, LibraryError, normalise_tag
from warta.tui.screens import changes
from warta.tui.screens.dialogs import ConfirmDialog, InputDialog, PickDialog
from warta.tui.widgets.rows import Part, RowList, fit

NUM_W = 9
"""Width of the articles and passages columns."""
OWN_W = 10


@dataclass(frozen=True)
class CodebookResult:
    """What the screen hands back: a tag to filter by (enter) and the articles it changed."""

    tag: str | None
    touched: frozenset[str] = field(default_factory=frozenset)


class CodeList(RowList):
    """One line per tag: swatch, indented name, counts (own counts dim), description."""

    COMPONENT_CLASSES = {
        "rows--cursor",
        "rows--muted",
        "codes--count",
        "codes--own",
        "codes--unused",
    }

    DEFAULT_CSS = """
    CodeList > .codes--count { color: $foreground; }
    CodeList > .codes--own { color: $text-muted; }
    CodeList > .codes--unused { color: $text-muted; text-style: italic; }
    """

    BINDINGS = [
        Binding("g", "first", "Top", show=False, id="codebook.top"),
        Binding("G", "last", "Bottom", show=False, id="codebook.bottom"),
        Binding("enter", "choose", "Filter by tag", id="codebook.filter"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.codes: list[Code] = []
        self.parents: set[str] = set()
        self.name_width = 12

    def set_codes(self, codes: list[Code], keep: str | None = None) -> None:
        self.codes = codes
        self.parents = {c.name.rsplit("/", 1)[0] for c in codes if "/" in c.name}
        longest = max((2 * c.depth + len(c.name.rsplit("/", 1)[-1]) for c in codes), default=8)
        self.name_width = max(8, min(32, longest + 1))
        names = [c.name for c in codes]
        cursor = names.index(keep) if keep in names else None
        self.set_rows([1] * len(codes), cursor)

    @property
    def current(self) -> Code | None:
        return self.codes[self.cursor] if self.codes else None

    def header(self, width: int) -> Text:
        """Column headings lined up with the rows."""
        plain = " " * 4 + "tag".ljust(self.name_width)
        plain += "articles".rjust(NUM_W) + "passages".rjust(NUM_W)
        plain += "itself".rjust(OWN_W) + "  description"
        # Only the words bold: a styled run starting with spaces is drawn shifted left by
        # librsvg (see rows.fit).
        text = Text()
        for run in re.findall(r"\s+|\S+", plain[:width]):
            text.append(run, style="" if run.isspace() else "bold")
        return text

    def render_row(self, row: int, width: int, is_cursor: bool) -> list[Strip]:
        code = self.codes[row]
        base = self.style_of(cursor=is_cursor)
        count = self.style_of("codes--count", cursor=is_cursor)
        own = self.style_of("codes--own", cursor=is_cursor)
        leaf = code.name.rsplit("/", 1)[-1]
        name = ("  " * code.depth + leaf)[: self.name_width - 1].ljust(self.name_width)
        name_style = base if code.used or code.name in self.parents else own
        swatch = Style(color=code.colour, bgcolor=base.bgcolor)
        parts: list[Part] = [
            (" ", base),
            ("██", swatch),
            (" ", base),
            (name, name_style),
            (f"{code.articles:>{NUM_W}}", count),
            (f"{code.passages:>{NUM_W}}", count),
        ]
        # A parent's totals include its children; what it carries itself is shown dim.
        mine = f"{code.own_articles} / {code.own_passages}" if code.name in self.parents else ""
        parts.append((f"{mine:>{OWN_W}}", own))
        if code.description:
            parts.append(("  " + " ".join(code.description.split()), own))
        return [fit(parts, width, base)]


class CodebookScreen(changes.UndoKeys, Screen[CodebookResult]):
    """The codebook: a tree of tags and the operations on them."""

    BINDINGS = [
        Binding("r", "rename", "Rename", id="codebook.rename", tooltip="Rename the tag (or merge)"),
        Binding("m", "merge", "Merge", id="codebook.merge", tooltip="Merge into another tag"),
        Binding(
            "d",
            "delete",
            "Delete",
            id="codebook.delete",
            tooltip="Remove the tag from every article and passage (passages stay)",
        ),
        Binding("c", "colour", "Colour", id="codebook.colour", tooltip="Recolour the tag"),
        Binding("e", "describe", "Describe", id="codebook.describe", tooltip="Edit description"),
        Binding("u", "undo", "Undo", id="codebook.undo", tooltip="Undo the last change"),
        Binding("ctrl+r", "redo", "Redo", id="codebook.redo", tooltip="Redo what undo undid"),
        Binding("escape,q", "close", "Close", id="codebook.close"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.touched: set[str] = set()
        self.busy = False

    def compose(self) -> ComposeResult:
        yield Static(Text("Codebook · loading…", style="bold"), id="codebook-title")
        yield Static(id="codebook-head")
        yield CodeList(id="codes")
        yield Static(id="codebook-detail")
        yield Static(classes="message-line")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(CodeList).focus()
        self._load()

    @classmethod
    def help_bindings(cls) -> list[tuple[str, list[Binding]]]:
        return [("Codebook", [*CodeList.BINDINGS, *RowList.BINDINGS, *cls.BINDINGS])]

    def _theme(self, name: str) -> Style:
        """Text in a theme colour kept readable (``warta-muted``, see warta.tui.contrast)."""
        from warta.tui.contrast import theme_style

        return theme_style(self.app.theme_variables, name)

    # -- loading -------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="codebook-load")
    def _load(self, keep: str | None = None) -> None:
        found = codebook.codes(self.library)
        self.app.call_from_thread(self._show, found, keep)

    def _show(self, found: list[Code], keep: str | None) -> None:
        codes = self.query_one(CodeList)
        if keep is None and codes.current is not None:
            keep = codes.current.name
        codes.set_codes(found, keep)
        n = len(found)
        title = Text(f"Codebook · {n} tag{'s' if n != 1 else ''}", style="bold")
        if n:
            title.append("   ")
            title.append(
                "enter filters the list by a tag",
                style=self._theme("warta-muted") + Style(bold=False),
            )
        self.query_one("#codebook-title", Static).update(title)
        self.query_one("#codebook-head", Static).update(codes.header(self.size.width or 80))
        self._show_detail()

    def on_resize(self) -> None:
        codes = self.query_one(CodeList)
        self.query_one("#codebook-head", Static).update(codes.header(self.size.width))

    @on(RowList.Moved)
    def _moved(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        code = self.query_one(CodeList).current
        detail = self.query_one("#codebook-detail", Static)
        if code is None:
            detail.update(
                Text(
                    "No tags yet. Tag articles with t on the main screen, or highlight "
                    "passages and give them codes; they show up here.",
                    style="italic",
                )
            )
            return
        text = Text()
        text.append("██ ", style=Style(color=code.colour))
        text.append("#" + code.name, style="bold")
        text.append(f"  {code.colour}", style=self._theme("warta-muted"))
        text.append(f"  on {code.articles} article{'s' if code.articles != 1 else ''}")
        text.append(f", {code.passages} passage{'s' if code.passages != 1 else ''}")
        if code.name in self.query_one(CodeList).parents:
            text.append(
                f" (itself: {code.own_articles} article{'s' if code.own_articles != 1 else ''}"
                f", {code.own_passages} passage{'s' if code.own_passages != 1 else ''})",
                style=self._theme("warta-muted"),
            )
        text.append("\n")
        if code.description:
            text.append(code.description)
        else:
            text.append("No description (e describes).", style=self._theme("warta-muted"))
        detail.update(text)

    # -- changing ------------------------------------------------------------------------------

    def _current(self) -> Code | None:
        if self.busy:
            self.notify("Still applying the last change…", severity="warning")
            return None
        code = self.query_one(CodeList).current
        if code is None:
            self.notify("There are no tags yet.", severity="warning")
        return code

    def _names(self) -> set[str]:
        return {c.name for c in self.query_one(CodeList).codes}

    def _apply(self, change: Callable[[], str], keep: str | None = None) -> None:
        """Run ``change`` (which returns the message to show) in a worker, then refresh."""
        self.busy = True
        self._run(change, keep)

    @work(thread=True, group="codebook-change")
    def _run(self, change: Callable[[], str], keep: str | None) -> None:
        before = self.library.user.seq
        severity = "information"
        try:
            message = change()
        except LibraryError as exc:
            message, severity = str(exc), "error"
        self.touched |= changes.last_change(self.library, before)
        found = codebook.codes(self.library)
        self.app.call_from_thread(self._changed, found, keep, message, severity)

    def _changed(self, found: list[Code], keep: str | None, message: str, severity: str) -> None:
        self.busy = False
        self._show(found, keep)
        self.notify(message, severity=severity, markup=False)  # type: ignore[arg-type]

    def action_rename(self) -> None:
        code = self._current()
        if code is None:
            return
        old = code.name

        def check(value: str) -> str | None:
            new = normalise_tag(value)
            if not new:
                return "A tag name cannot be empty."
            if new != old and codebook.is_within(new, old):
                return f"#{new} is inside #{old}: a tag cannot move inside itself."
            return None

        def renamed(value: str | None) -> None:
            new = normalise_tag(value or "")
            if not new or new == old:
                return
            if new in self._names():
                self._confirm_merge(old, new)
                return
            self._apply(
                lambda: f"Renamed #{old} to #{new}: {codebook.rename(self.library, old, new)}.", new
            )

        hint = Text("Use / for a hierarchy (hoaks/klarifikasi). ")
        hint.append("Renaming onto an existing tag merges the two; you are asked first.")
        self.app.push_screen(
            InputDialog(Text(f"Rename #{old}"), old, hint=hint, check=check), renamed
        )

    @work(thread=True, group="codebook-count")
    def _count_then(self, tag: str, then: Callable[[codebook.Touches], None]) -> None:
        """Count the marks of ``tag`` (a pass over every mark: off the loop), then ask."""
        count = codebook.touches(self.library, tag)
        self.app.call_from_thread(then, count)

    def _confirm_merge(self, old: str, new: str) -> None:
        self._count_then(old, lambda count: self._ask_merge(old, new, count))

    def _ask_merge(self, old: str, new: str, count: codebook.Touches) -> None:
        message = Text()
        message.append(f"#{new}", style="bold")
        message.append(" already exists: renaming ")
        message.append(f"#{old}", style="bold")
        message.append(f" onto it merges the two. {count} will carry ")
        message.append(f"#{new}", style="bold")
        message.append(f" instead of #{old}")
        below = sorted(n for n in self._names() if n.startswith(old + "/"))
        if below:
            message.append(f"; the tags under #{old} move under #{new}")
        message.append(". u undoes it.")

        def answered(yes: bool | None) -> None:
            if yes:
                self._apply(
                    lambda: (
                        f"Merged #{old} into #{new}: {codebook.rename(self.library, old, new)}."
                    ),
                    new,
                )

        self.app.push_screen(ConfirmDialog(Text("Merge tags?"), message, yes="Merge"), answered)

    def action_merge(self) -> None:
        code = self._current()
        if code is None:
            return
        source = code.name
        targets = [
            c for c in self.query_one(CodeList).codes if not codebook.is_within(c.name, source)
        ]
        if not targets:
            self.notify("There is no other tag to merge into.", severity="warning")
            return
        names = {c.name for c in targets}

        def accept(typed: str) -> tuple[str | None, str | None]:
            name = normalise_tag(typed)
            if name in names:
                return name, None
            if not any(name in n for n in names):
                return None, f"No tag #{name} to merge into (r renames to a new name)."
            return None, None

        def picked(target: str | None) -> None:
            if target:
                self._apply(
                    lambda: (
                        f"Merged #{source} into #{target}: "
                        f"{codebook.merge(self.library, source, target)}."
                    ),
                    target,
                )

        options = [(c.name, _tag_label(c)) for c in targets]
        self.app.push_screen(
            PickDialog(
                Text(f"Merge #{source} into…"),
                options,
                filtering=True,
                placeholder="type to narrow the tags",
                accept=accept,
                hint=Text(f"Every mark of #{source} will carry the tag you pick. u undoes it."),
            ),
            picked,
        )

    def action_delete(self) -> None:
        code = self._current()
        if code is None:
            return
        tag = code.name
        below = sum(1 for n in self._names() if n.startswith(tag + "/"))
        self._count_then(tag, lambda count: self._confirm_delete(tag, count, below))

    def _confirm_delete(self, tag: str, count: codebook.Touches, below: int) -> None:
        message = Text("Remove ")
        message.append(f"#{tag}", style="bold")
        if below:
            message.append(f" and the {below} tag{'s' if below != 1 else ''} under it")
        message.append(f" from {count}? ", style="bold")
        message.append("Highlighted passages stay, without this code. u undoes it.")

        def answered(yes: bool | None) -> None:
            if yes:
                self._apply(lambda: f"Removed #{tag} from {codebook.delete(self.library, tag)}.")

        self.app.push_screen(ConfirmDialog(Text("Delete tag?"), message, yes="Delete"), answered)

    def action_colour(self) -> None:
        code = self._current()
        if code is None:
            return
        tag = code.name

        def accept(typed: str) -> tuple[str | None, str | None]:
            try:
                return codebook.normalise_colour(typed), None
            except LibraryError as exc:
                return None, str(exc)

        def picked(colour: str | None) -> None:
            if colour:
                self._apply(
                    lambda: f"#{tag} is now {codebook.set_colour(self.library, tag, colour)}.",
                    tag,
                )

        options = []
        for hex_ in codebook.PALETTE:
            label = Text()
            label.append("████", style=Style(color=hex_))  # only the swatch takes the colour
            label.append(f"  {hex_}")
            options.append((hex_, label))
        self.app.push_screen(
            PickDialog(
                Text(f"Colour of #{tag}"),
                options,
                placeholder="or type #rrggbb or a colour name (red, dark_orange)",
                accept=accept,
                highlight=code.colour,
            ),
            picked,
        )

    def action_describe(self) -> None:
        code = self._current()
        if code is None:
            return
        tag = code.name

        def done(value: str | None) -> None:
            if value is None:
                return
            text = value.strip()

            def change() -> str:
                codebook.describe(self.library, tag, text)
                return f"Described #{tag}." if text else f"Removed the description of #{tag}."

            self._apply(change, tag)

        self.app.push_screen(
            InputDialog(
                Text(f"Describe #{tag}"),
                code.description,
                placeholder="what this code means, when to use it",
            ),
            done,
        )

    @work(thread=True, group="codebook-change")
    def _run_step(self, redo: bool) -> None:
        outcome, touched = changes.step(self.library, redo=redo)
        self.touched |= touched
        message, severity = changes.message(outcome, redo=redo)
        found = codebook.codes(self.library)
        self.app.call_from_thread(self._changed, found, None, message, severity)

    @on(RowList.Chosen)
    def _chosen(self) -> None:
        code = self.query_one(CodeList).current
        if code is not None and not self.busy:
            self.dismiss(CodebookResult(code.name, frozenset(self.touched)))

    def action_close(self) -> None:
        if self.busy:
            self.notify("Still applying the last change…", severity="warning")
            return
        self.dismiss(CodebookResult(None, frozenset(self.touched)))


def _tag_label(code: Code) -> Text:
    label = Text()
    label.append("██ ", style=Style(color=code.colour))  # only the swatch takes the colour
    label.append(code.name)
    label.append(f"  {code.articles} art · {code.passages} pas", style="italic")
    return label
