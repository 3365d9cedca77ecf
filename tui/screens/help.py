"""The ``?`` screen: every key, once, and the filter language; it scrolls like the reader.

On the main screen the keys come from :mod:`warta.tui.keys` (the table the README's is made
from), with the keys as remapped in the settings' ``[keymap]``; on the codebook and review
screens from their bindings, one line per action (``j / ↓``).
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from warta.tui.keys import Key

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
"""The filter language, shown by ``?`` (the README's table says the same at more length)."""


def _keys(app: App[object], binding: Binding) -> str:
    """``j,down`` -> ``j / ↓``, as the footer shows keys (as remapped in the keymap)."""
    key = app._keymap.get(binding.id, binding.key) if binding.id else binding.key
    keys = [k.strip() for k in key.split(",")]
    return " / ".join(app.get_key_display(Binding(k, binding.action)) for k in keys)


def binding_rows(app: App[object], bindings: Iterable[Binding]) -> list[tuple[str, str]]:
    """(keys, what) per action: bindings of one action (``g`` and ``home``) on one line."""
    rows: dict[tuple[str, str], list[str]] = {}
    for b in bindings:
        what = b.tooltip or b.description
        keys = rows.setdefault((b.action, what), [])
        for k in _keys(app, b).split(" / "):
            if k not in keys:
                keys.append(k)
    return [(" / ".join(keys), what) for (_, what), keys in rows.items()]


def key_rows(
    app: App[object], keys: list[Key], bindings: dict[str, Binding]
) -> list[tuple[str, str]]:
    """The table's lines, with the keys as remapped when the keymap changed any of them."""
    out = []
    for key in keys:
        if any(i in app._keymap for i in key.ids):
            shown = binding_rows(app, [bindings[i] for i in key.ids if i in bindings])
            keys_text = " / ".join(k for k, _ in shown)
        else:
            keys_text = key.keys
        out.append((keys_text, key.does.replace("`", "")))
    return out


Section = tuple[str, list[tuple[str, str]]]


class HelpScreen(ModalScreen[None]):
    """Sections of (keys, what they do), then the filter language. ``j``/``k``, arrows,
    ``g``/``G``, page keys scroll it, at once."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 84; max-width: 95%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="help.down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="help.up"),
        Binding("g,home", "edge(0)", "Top", show=False, id="help.top"),
        Binding("G,end", "edge(1)", "Bottom", show=False, id="help.bottom"),
        Binding("space,pagedown,ctrl+f", "page(1)", "Page down", show=False, id="help.page_down"),
        Binding("b,pageup,ctrl+b", "page(-1)", "Page up", show=False, id="help.page_up"),
    ]

    def __init__(self, sections: list[Section]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for title, rows in self.sections:
            table.add_row(Text(title, style="bold underline"), Text(""))
            for keys, what in rows:
                table.add_row(Text(keys), Text(what))
            table.add_row(Text(""), Text(""))
        language = Table.grid(padding=(0, 2))
        language.add_column(style="bold", max_width=30)
        language.add_column()
        language.add_row(Text("Filter language", style="bold underline"), Text(""))
        for example, meaning in FILTER_LANGUAGE:
            language.add_row(Text(example), Text(meaning))
        with VerticalScroll() as scroll:
            scroll.border_title = "Warta keys · j/k g/G scroll · Esc closes"
            scroll.can_focus = False  # the screen's keys scroll it
            yield Static(table)
            yield Static(language)

    @property
    def _scroll(self) -> VerticalScroll:
        return self.query_one(VerticalScroll)

    def action_scroll(self, lines: int) -> None:
        self._scroll.scroll_relative(y=lines, animate=False)

    def action_edge(self, end: int) -> None:
        if end:
            self._scroll.scroll_end(animate=False)
        else:
            self._scroll.scroll_home(animate=False)

    def action_page(self, direction: int) -> None:
        scroll = self._scroll
        step = max(1, scroll.scrollable_content_region.height - 1)
        scroll.scroll_relative(y=direction * step, animate=False)

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
