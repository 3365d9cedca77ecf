"""The ``?`` screen: every key binding of the reader, built from the bindings themselves."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

FILTER_LANGUAGE: list[tuple[str, str]] = [
    ("kapolres bogor", "every word, in the title, metadata, tags or body (title matches first)"),
    ('"berita hoaks"', "the words in a row, in the title, metadata or body"),
    ("hoaks OR hoax", "either (also |); OR binds tighter than the implicit AND"),
    ("(pemilu | pilkada) curang", "parentheses group"),
    ('-jokowi  -"debat capres"', "exclude a word or phrase (also NOT)"),
    ("kapol*", "words starting with kapol"),
    ("=polri", "exactly this word: no typo tolerance, no inside-word match"),
    ("title: body: note: said:", "a word or phrase in the title, the body, your notes, quotes"),
    ("tag:hoaks", "tagged hoaks or hoaks/..., on the article or a highlighted passage"),
    ("outlet:tempo.co place:oku", "outlet (any case), place, person:, org: contain it"),
    ("speaker:iptu", "quoted by a speaker whose name contains the value"),
    ("after:2024-01 before:2024-03", "from January 2024 on; before March 2024 starts"),
    ("is:unread is:starred", "state (also is:read, is:unstarred)"),
    ("has:note|tag|quote|highlight", "has a note, a tag, a quote, a highlighted passage"),
    ("sort:date|-date|outlet", "order: oldest, newest, outlet (relevance by default with words)"),
    (
        "typos",
        "tolerated after a word's first four letters, ranked last; ~ turns them off; "
        "1-2 letter words are ignored (=ri counts); hoaks/hoax-style spellings by rule",
    ),
]
"""The filter language, shown by ``?`` (and in the README)."""


def _keys(app: App[object], binding: Binding) -> str:
    """``j,down`` -> ``j / ↓``, as the footer shows keys."""
    keys = [k.strip() for k in binding.key.split(",")]
    return " / ".join(app.get_key_display(Binding(k, binding.action)) for k in keys)


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the app, the list pane, the reader and the filter, with what they do."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 80; max-width: 95%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, sections: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for title, bindings in self.sections:
            table.add_row(Text(title, style="bold underline"), Text(""))
            for b in bindings:
                table.add_row(Text(_keys(self.app, b)), Text(b.tooltip or b.description))
            table.add_row(Text(""), Text(""))
        language = Table.grid(padding=(0, 2))
        language.add_column(style="bold cyan", max_width=30)
        language.add_column()
        language.add_row(Text("Filter language", style="bold underline"), Text(""))
        for example, meaning in FILTER_LANGUAGE:
            language.add_row(Text(example), Text(meaning))
        with VerticalScroll() as scroll:
            scroll.border_title = "Warta keys · Esc closes"
            yield Static(table)
            yield Static(language)

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
