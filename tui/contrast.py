"""Colours that stay readable in every theme: WCAG contrast, and the theme variables Warta's
stylesheets use (``$warta-muted``, ``$warta-quote``...).

A built-in theme's own ``$text-muted`` or ``$text-warning`` can fall under what a user must be
able to read (``textual-light``'s dates were white on light grey). Warta takes each colour from
the theme and, where it is too faint against the backgrounds it is drawn on, moves it toward
black or white just far enough: the theme's hue is kept wherever it can be.

Thresholds (WCAG 2.1 AA): 4.5:1 for text one reads (titles, the body, quotes, matches, the
cursor row), 3:1 for secondary columns and labels (dates, outlets, glyphs, tags, snippets,
speakers). Warta aims a little above each.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich.style import Style
from textual.color import Color

BODY = 4.5
"""WCAG AA for body text."""
SECONDARY = 3.0
"""WCAG AA for large text and secondary, non-essential text (the dates and outlet columns)."""

AIM_BODY = 4.8
AIM_TEXT = 6.0
"""The reader's and list's own text: enough over 4.5 that a tinted passage stays readable."""
AIM_SECONDARY = 4.5
"""What Warta aims for: secondary columns are read all day too, so a little over AA."""


def luminance(c: Color) -> float:
    """WCAG relative luminance of an opaque colour."""

    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)


def ratio(a: Color, b: Color) -> float:
    """WCAG contrast ratio of two opaque colours, 1 to 21."""
    la, lb = luminance(a), luminance(b)
    if la < lb:
        la, lb = lb, la
    return (la + 0.05) / (lb + 0.05)


def readable(fg: Color, backgrounds: Iterable[Color], minimum: float) -> Color:
    """``fg``, or the least change of it toward black or white (the side away from the
    backgrounds) that has ``minimum`` contrast against each of ``backgrounds``."""
    grounds = list(backgrounds)
    if all(ratio(fg, bg) >= minimum for bg in grounds):
        return fg
    dark = sum(luminance(bg) for bg in grounds) / len(grounds) < 0.18
    target = Color(255, 255, 255) if dark else Color(0, 0, 0)
    for step in range(1, 21):
        c = fg.blend(target, step / 20)
        if all(ratio(c, bg) >= minimum for bg in grounds):
            return c
    return target


def solid(value: str, over: Color) -> Color | None:
    """A theme colour (maybe translucent, maybe ``auto NN%``) as drawn over ``over``; None for
    a colour the terminal decides (ANSI) or one that cannot be read."""
    value = value.strip()
    if value.startswith("auto"):
        alpha = 0.87
        if "%" in value:
            alpha = float(value.split()[-1].rstrip("%")) / 100
        return over.blend(over.get_contrast_text(1.0), alpha)
    try:
        c = Color.parse(value)
    except Exception:
        return None
    if c.ansi is not None:
        return None
    return over.blend(c.with_alpha(1.0), c.a) if c.a < 1 else c


def warta_variables(v: Mapping[str, str]) -> dict[str, str]:
    """Warta's colour variables for a theme's variables ``v`` (see the module docstring)."""
    surface = solid(v.get("surface", ""), Color(0, 0, 0))
    if surface is None or solid(v["foreground"], Color(0, 0, 0)) is None:
        return dict(ANSI_VARIABLES)  # an ANSI theme: the terminal's palette decides
    background = solid(v["background"], Color(0, 0, 0)) or surface
    surface = solid(v["surface"], background) or surface
    panel = solid(v["panel"], background) or surface
    grounds = (surface, panel)
    fg = solid(v["foreground"], surface) or surface.get_contrast_text(1.0)

    def pick(name: str, minimum: float, over: tuple[Color, ...] = grounds) -> str:
        colour = solid(v.get(name, v["foreground"]), over[0]) or fg
        return readable(colour, over, minimum).hex

    primary = solid(v["primary"], surface) or fg
    accent = solid(v["accent"], surface) or primary
    cursor_bg = solid(v.get("block-cursor-background", v["primary"]), surface) or primary
    blurred_bg = surface.blend(primary, 0.3)
    selecting_bg = surface.blend(accent, 0.45)
    out = {
        # Body text with room to spare: a passage's tint must not bring it under 4.5:1.
        "warta-text": readable(fg, grounds, AIM_TEXT).hex,
        "warta-muted": readable(surface.blend(fg, 0.7), grounds, AIM_SECONDARY).hex,
        "warta-secondary": pick("text-secondary", AIM_SECONDARY),
        "warta-quote": pick("text-warning", AIM_BODY),
        "warta-match": pick("text-accent", AIM_BODY),
        "warta-glyph": pick("warning", AIM_SECONDARY),
        "warta-tag": pick("text-success", AIM_SECONDARY),
        "warta-error": pick("text-error", AIM_SECONDARY),
        "warta-warning": pick("text-warning", AIM_SECONDARY),
        "warta-cursor-bg": cursor_bg.hex,
        "warta-cursor-fg": _on(cursor_bg, fg).hex,
        "warta-cursor-blurred-bg": blurred_bg.hex,
        "warta-cursor-blurred-fg": _on(blurred_bg, fg).hex,
        "warta-selecting-bg": selecting_bg.hex,
        "warta-selecting-fg": _on(selecting_bg, fg).hex,
    }
    # Textual's footer, in its own variables: keys in the accent colour, descriptions in the
    # foreground, both kept readable on the footer's background.
    footer = solid(v.get("footer-background", v["panel"]), background) or panel
    for name in ("footer-key-foreground", "footer-description-foreground", "footer-foreground"):
        colour = solid(v.get(name, v["foreground"]), footer) or fg
        minimum = AIM_SECONDARY if name == "footer-key-foreground" else AIM_BODY
        out[name] = readable(colour, [footer], minimum).hex
    return out


def _on(bg: Color, fg: Color) -> Color:
    """Text on ``bg``: the theme's foreground if it reads there, else black or white."""
    if ratio(fg, bg) >= AIM_BODY:
        return fg
    return readable(bg.get_contrast_text(1.0), [bg], AIM_BODY)


ANSI_VARIABLES: dict[str, str] = {
    "warta-text": "ansi_default",
    "warta-muted": "ansi_default",
    "warta-secondary": "ansi_cyan",
    "warta-quote": "ansi_yellow",
    "warta-match": "ansi_green",
    "warta-glyph": "ansi_yellow",
    "warta-tag": "ansi_green",
    "warta-error": "ansi_red",
    "warta-warning": "ansi_yellow",
    "warta-cursor-bg": "ansi_blue",
    "warta-cursor-fg": "ansi_bright_white",
    "warta-cursor-blurred-bg": "ansi_bright_black",
    "warta-cursor-blurred-fg": "ansi_bright_white",
    "warta-selecting-bg": "ansi_cyan",
    "warta-selecting-fg": "ansi_black",
}
"""For the ANSI themes, whose colours the terminal's palette decides: the plain ANSI colours
that terminal palettes are made to keep readable on their own background."""


def tint(background: Color, colour: Color, texts: Iterable[Color], most: float) -> Color:
    """``colour`` blended into ``background`` (at most ``most`` of it) so that every one of
    ``texts`` keeps body-text contrast on it: a passage's tag colour behind its words."""
    shown = list(texts)
    shares = [most * (100 - k) / 100 for k in range(0, 96, 3)]  # most, down to 5% of it
    for minimum in (AIM_BODY, BODY):
        for share in shares:
            c = background.blend(colour, share)
            if all(ratio(t, c) >= minimum for t in shown):
                return c
    return background  # no tint can keep the words readable: the margin mark says it


def theme_style(variables: Mapping[str, str], name: str) -> Style:
    """A Rich style in the colour of theme variable ``name`` (``warta-muted``), for text built
    as a ``rich.text.Text`` (the count line, status lines)."""
    return Style(color=Color.parse(variables[name]).rich_color)
