"""The Warta reader app: one main screen, the help screen and the command palette."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from warta.store.library.library import Library
from warta.tui.screens.main import FilterInput, MainScreen
from warta.tui.widgets.article_list import ArticleList
from warta.tui.widgets.reader import ArticleReader

__all__ = ["MainScreen", "WartaApp"]


class WartaApp(App[None]):
    """Warta: filter, read, tag and annotate a library of news articles."""

    CSS_PATH = "warta.tcss"
    TITLE = "Warta"

    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+p", "command_palette", "Palette", id="app.palette"),
    ]

    def __init__(self, library: Library, to_import: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.library = library
        self.main = MainScreen(library, to_import)
        self.sub_title = str(library.path)

    def on_mount(self) -> None:
        self.push_screen(self.main)

    async def action_quit(self) -> None:
        """Quit; a note being edited is saved first (ctrl+q works inside the editor too)."""
        from warta.tui.screens.note import NoteScreen

        for screen in self.screen_stack:
            if isinstance(screen, NoteScreen):
                screen.flush()
        self.exit()

    def action_help(self) -> None:
        sections = [
            ("Anywhere", list(self.BINDINGS)),
            ("Main screen", list(MainScreen.BINDINGS)),
            ("List pane", list(ArticleList.BINDINGS)),
            ("Reader pane", list(ArticleReader.BINDINGS)),
            ("Filter box", list(FilterInput.BINDINGS)),
        ]
        from warta.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(sections))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
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
            ("Keys", "Show every key binding (?)", self.action_help),
        ):
            yield SystemCommand(title, help_text, action)
