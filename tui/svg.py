"""Screenshots that read the same in every SVG viewer.

Textual draws each run of same-styled text as one ``<text>`` element placed by its ``x``, and a
run may start with spaces (written ``&#160;``): the gap between two styled parts. Browsers draw
those spaces; librsvg (``rsvg-convert``, GNOME's image viewer, many thumbnailers and
SVG-to-PNG tools) drops a run's leading spaces and draws the rest that many cells too far
left, so "4 tags   enter" reads "4 tagsenter" and right-aligned numbers drift. Moving the
spaces out of the run (into its ``x``) draws the same picture in both.
"""

from __future__ import annotations

import html
import re

from rich.cells import cell_len

_RUN = re.compile(
    r'<text (?P<pre>[^>]*?)x="(?P<x>[\d.]+)"(?P<mid>[^>]*?)textLength="(?P<len>[\d.]+)"'
    r"(?P<post>[^>]*)>(?P<lead>(?:&#160;)+)(?P<rest>[^<]+)</text>"
)


def _shift(match: re.Match[str]) -> str:
    lead = match["lead"].count("&#160;")
    rest = match["rest"]
    cells = lead + cell_len(html.unescape(rest))
    width = float(match["len"])
    cell = width / cells if cells else 0.0
    x = float(match["x"]) + lead * cell
    return (
        f'<text {match["pre"]}x="{x:g}"{match["mid"]}textLength="{width - lead * cell:g}"'
        f"{match['post']}>{rest}</text>"
    )


def without_leading_spaces(svg: str) -> str:
    """``svg`` with every text run's leading spaces moved into its position."""
    return _RUN.sub(_shift, svg)
