"""The at-a-glance bar under the list: the result's articles per day, week or month."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.containers import Vertical
from textual.widgets import Static

if TYPE_CHECKING:  # the timeline module loads the search index: off the startup path
    from warta.store.search.timeline import Timeline


class TimelineBar(Vertical):
    """A one-line sparkline of a :class:`Timeline` and a line saying what it spans."""

    DEFAULT_CSS = """
    TimelineBar { height: 2; display: none; background: $panel; padding: 0 1; }
    TimelineBar > Sparkline { height: 1; }
    TimelineBar > Static { height: 1; color: $text-muted; }
    """

    def show_timeline(self, tl: Timeline) -> None:
        from textual.widgets import Sparkline  # made on first use: off the startup path

        if not self.children:
            self.mount(Sparkline([], id="timeline-spark"), Static(id="timeline-label"))
        spark = self.query_one(Sparkline)
        spark.data = tl.counts or [0]
        label = self.query_one("#timeline-label", Static)
        if not tl.starts:
            label.update(Text("no dated articles"))
            return
        peak = max(tl.counts) if tl.counts else 0
        at = tl.starts[tl.counts.index(peak)] if peak else ""
        text = f"{tl.starts[0]} … {tl.starts[-1]} by {tl.by} · peak {peak:,} ({at})"
        if tl.undated:
            text += f" · {tl.undated:,} undated"
        label.update(Text(text), layout=False)
