"""Text the user gives on the command line or on stdin, checked before Warta stores it.

Python hands undecodable bytes in ``argv`` over as lone surrogates (``surrogateescape``):
fine in a file name, which is passed back to the OS as the same bytes, but not in a tag or a
note, which must be written as UTF-8. Those arguments use :data:`TEXT`, which refuses them
with a one-line usage error instead of a traceback at the first write.
"""

from __future__ import annotations

from typing import Any, TextIO

import click

from warta.store.text import strip_controls, visible


class UserText(click.ParamType):
    """A text argument that must be valid UTF-8 (tags, notes, filters)."""

    name = "text"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            self.fail(
                f"`{visible(text)}` is not valid UTF-8 text; check the encoding of your terminal "
                "or script",
                param,
                ctx,
            )
        return text


TEXT = UserText()


def read_stdin_text(stdin: TextIO) -> str:
    """All of ``stdin`` as text, with control and invisible characters removed; a one-line
    error (not a traceback) when it is not UTF-8."""
    raw = stdin.buffer.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise click.ClickException(
            f"standard input is not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset "
            f"{exc.start}); convert it first, e.g. `iconv -f cp1252 -t utf-8`"
        ) from None
    return strip_controls(text)
