"""The Warta reader app: one main screen, the help screen and the command palette."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from warta.store.config import Config, config_path
from warta.store.library.library import Library
from warta.tui.screens.main import FilterInput, MainScreen
from warta.tui.widgets.article_list import ArticleList
from warta.tui.widgets.reader import ArticleReader

__all__ = ["MainScreen", "WartaApp", "main_bindings"]


def main_bindings() -> list[Binding]:
    """Every binding of the main screen: the app's, the screen's, its panes' and the filter
    box's (what ``?`` and the README's key table describe)."""
    return [
        *WartaApp.BINDINGS,
        *MainScreen.BINDINGS,
        *ArticleList.BINDINGS,
        *ArticleReader.BINDINGS,
        *FilterInput.BINDINGS,
    ]


class WartaApp(App[None]):
    """Warta: filter, read, tag and annotate a library of news articles."""

    CSS_PATH = "warta.tcss"
    TITLE = "Warta"

    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+p", "command_palette", "Palette", id="app.palette"),
    ]

    def __init__(
        self,
        library: Library,
        to_import: tuple[str, ...] = (),
        *,
        settings: Config | None = None,
        theme: str | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.settings = settings if settings is not None else Config(config_path())
        self._theme_given = theme
        self.main = MainScreen(library, to_import)
        self.sub_title = str(library.path)
        self.crash: BaseException | None = None
        """The bug that ended the reader, if one did (``warta`` writes its crash report)."""
        self._quit_unsaved = False

    def on_mount(self) -> None:
        wanted = self._theme_given or self.settings.get("theme")
        if wanted in self.available_themes:
            self.theme = wanted
        elif wanted:
            self.notify(
                f"No theme {wanted!r}: using {self.theme}.", severity="warning", markup=False
            )
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        # A theme chosen in the app (palette: "Change theme") is kept for next time, unless
        # this run's theme came from --theme.
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.push_screen(self.main)

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables and Warta's own (``$warta-muted``...): the theme's colours,
        made readable where the theme's own are too faint (see warta.tui.contrast)."""
        from warta.tui.contrast import warta_variables

        variables = super().get_css_variables()
        variables.update(warta_variables(variables))
        self.theme_variables = variables
        return variables

    def _theme_changed(self, theme: object) -> None:
        name = getattr(theme, "name", None)
        if not name or self._theme_given or name == self.settings.get("theme"):
            return
        from warta.store.config import ConfigError, save

        try:
            save("theme", name, self.settings.path)
            self.settings.values["theme"] = name
        except (ConfigError, OSError) as exc:
            self.notify(f"Theme not saved: {exc}", severity="warning", markup=False)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a notification, never parsed as markup, whatever the caller asks.

        Warta's notifications carry article titles, tags, URLs and file names: data, in which
        ``[/]`` is two brackets and a slash, not a closing tag. One at a time: a new one
        replaces the one showing (they never pile up over the text), in the message line above
        the footer (see warta.tcss).
        """
        self.clear_notifications()
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def export_screenshot(self, *, title: str | None = None, simplify: bool = False) -> str:
        """An SVG of the screen (the palette's Screenshot, snapshots, the README's images),
        drawn the same by librsvg as by browsers (see warta.tui.svg)."""
        from warta.tui.svg import without_leading_spaces

        return without_leading_spaces(super().export_screenshot(title=title, simplify=simplify))

    def _handle_exception(self, error: Exception) -> None:
        from textual.worker import WorkerFailed

        if self.crash is None:
            self.crash = error.error if isinstance(error, WorkerFailed) else error
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        # Textual would print the whole traceback (with local variables, article text among
        # them) on exit. Warta's policy is one line and a crash report file: `open` re-raises
        # ``self.crash`` and main() writes the report.
        self.bell()
        self._close_messages_no_wait()

    async def action_quit(self) -> None:
        """Quit; a note being edited is saved first (ctrl+q works inside the editor too).

        If it cannot be saved (a full or read-only disk), the reader stays open and says so;
        a second ctrl+q quits anyway.
        """
        from warta.tui.screens.note import NoteScreen

        unsaved = False
        for screen in self.screen_stack:
            if isinstance(screen, NoteScreen) and not screen.flush():
                unsaved = True
        if unsaved and not self._quit_unsaved:
            self._quit_unsaved = True
            self.notify(
                "The note could not be saved; copy its text, or press ctrl+q again to quit "
                "without it.",
                severity="error",
                timeout=12,
            )
            return
        self.exit()

    def action_help(self) -> None:
        from warta.tui.screens.help import HelpScreen, binding_rows, key_rows

        # A screen with keys of its own (the codebook, the review) lists those.
        own = getattr(self.screen, "help_bindings", None)
        if own is not None:
            sections = [(title, binding_rows(self, b)) for title, b in own()]
            sections.append(("Anywhere", binding_rows(self, self.BINDINGS)))
        else:
            from warta.tui.keys import KEYS

            bindings = {b.id: b for b in main_bindings() if b.id}
            sections = [(title, key_rows(self, keys, bindings)) for title, keys in KEYS]
        self.push_screen(HelpScreen(sections))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's "Keys" (its key panel) would sit beside Warta's help, and its "Maximize"
        # maximises whichever widget had focus before the palette: Warta's help and full
        # width (z) take their place.
        replaced = {"Keys", "Maximize", "Minimize"} if isinstance(screen, MainScreen) else {"Keys"}
        for command in super().get_system_commands(screen):
            if command.title not in replaced:
                yield command
        yield SystemCommand("Help", "Every key, and the filter language (?)", self.action_help)
        if not isinstance(screen, MainScreen):
            return
        for title, help_text, action in (
            ("Filter articles", "Focus the filter box (/)", screen.action_focus_filter),
            ("Add tags", "Tag the selected article (t)", screen.action_add_tags),
            (
                "Remove a tag",
                "Remove a tag from the selected article (T)",
                screen.action_remove_tag,
            ),
            ("Edit note", "Write a note on the selected article (a)", screen.action_edit_note),
            (
                "Next match",
                "Jump to the filter's next match in the reader (n)",
                lambda: screen.action_match(1),
            ),
            (
                "Previous match",
                "Jump to the filter's previous match (N)",
                lambda: screen.action_match(-1),
            ),
            ("Cycle sort order", "Relevance, newest, oldest, outlet (O)", screen.action_cycle_sort),
            (
                "Toggle typo tolerance",
                "Typo matches on or off for the filter (~)",
                screen.action_toggle_fuzzy,
            ),
            ("Save search", "Save the current filter under a name (S)", screen.action_save_search),
            (
                "Saved searches",
                "List saved searches with counts, open one (')",
                screen.action_saved_searches,
            ),
            ("Facets", "Outlets, tags, speakers, places of the result (F)", screen.action_facets),
            (
                "Timeline",
                "Show or hide the result per day/week/month (H)",
                screen.action_toggle_timeline,
            ),
            ("Toggle read", "Mark the selected article read/unread (r)", screen.action_toggle_read),
            ("Toggle star", "Star or unstar the selected article (s)", screen.action_toggle_star),
            ("Switch pane", "Move focus between list and reader (tab)", screen.action_switch_pane),
            (
                "Next quote",
                "Jump to the next quote in the reader (])",
                lambda: screen.action_quote(1),
            ),
            ("Previous quote", "Jump to the previous quote ([)", lambda: screen.action_quote(-1)),
            ("Open web page", "Open the article's URL in a browser (o)", screen.action_open_url),
            (
                "Show removed lines",
                "Toggle page furniture the cleaner removed (x)",
                screen.action_toggle_junk,
            ),
            (
                "Codebook",
                "Every tag: rename, merge, delete, recolour, describe (C)",
                screen.action_codebook,
            ),
            (
                "Review annotations",
                "Work through passages and notes by tag or article (R)",
                screen.action_review,
            ),
            (
                "Copy quote",
                "Copy the current quote or passage with its source (y)",
                screen.action_copy_quote,
            ),
            ("Copy URL", "Copy the article's web address (Y)", screen.action_copy_url),
            (
                "Full width",
                "The reader (or the list) takes the whole width, or split again (z)",
                screen.action_toggle_full,
            ),
            (
                "Narrower list",
                "Give the reader more of the width (<)",
                lambda: screen.action_resize(-5),
            ),
            ("Wider list", "Give the list more of the width (>)", lambda: screen.action_resize(5)),
        ):
            yield SystemCommand(title, help_text, action)
