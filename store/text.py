"""Text hygiene shared by import, search and display: control stripping, folding, hashing."""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata

# ANSI/VT escape sequences (CSI, OSC, DCS/SOS/PM/APC strings and two-byte escapes) and every C0/C1
# control except tab and newline: scraped text must never drive the user's terminal.
_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]            # CSI ... final byte
  | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)? # OSC ... BEL or ST
  | \x1b[PX^_][^\x1b]*(?:\x1b\\)?      # DCS, SOS, PM, APC ... ST
  | \x1b[@-Z\\-_]                      # other two-byte escapes
  | \x9b[0-?]*[ -/]*[@-~]              # 8-bit CSI
    """,
    re.VERBOSE,
)
# Invisible format characters (Unicode category Cf: zero-width spaces and joiners, bidi
# overrides and isolates, the BOM, the soft hyphen, tag characters...). They make two
# equal-looking names differ and can reorder what a terminal shows. Listed rather than computed
# from unicodedata, which would cost a pass over every code point at startup; a test checks the
# list against the running Python's Unicode tables.
FORMAT_CHARS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
)
# Lone surrogates cannot be written as UTF-8 (they come from undecodable bytes in a file name
# or an argument); line and paragraph separators become newlines before this applies.
_CONTROLS = re.compile(
    f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f{FORMAT_CHARS}\\ud800-\\udfff]"
)
_UNSAFE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029{FORMAT_CHARS}\\ud800-\\udfff]")
_SPACES = re.compile(r"\s+")


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences, control and invisible format characters; normalise
    newlines to ``\\n`` (tabs and newlines are kept)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    if text.replace("\n", "").replace("\t", "").isprintable():
        # Every character the patterns below remove (C0/C1 controls, the escapes that start
        # with one, format characters, surrogates) is non-printable: nothing to do. Most text
        # takes this path, at a tenth of the cost of the scans (import reads every field).
        return text
    text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)


def clean_field(value: object) -> str:
    """A metadata string from an import record, made safe and single-line."""
    if value is None:
        return ""
    return _SPACES.sub(" ", strip_controls(str(value))).strip()


_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: str) -> str:
    """``text`` on one line with every control, invisible or undecodable character shown as an
    escape (``\\x1b``, ``\\u200b``, ``\\xff``): for file names and other outside text printed
    where it must be told apart exactly and never drive the terminal."""
    return _UNSAFE.sub(_escape, text)


def content_hash(title: str, body: str) -> str:
    """Hash of an article's normalised content; equal for re-imports of the same article.

    Normalisation folds Unicode forms, case and all whitespace, so re-saving a file with other
    line endings or spacing is still "the same article".
    """
    norm = _SPACES.sub(" ", unicodedata.normalize("NFKC", f"{title}\n{body}")).strip().casefold()
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=20).hexdigest()


def short_id(digest_hex: str, length: int = 8) -> str:
    """A short, typeable article id (lowercase base32) derived from a content hash."""
    raw = base64.b32encode(bytes.fromhex(digest_hex)).decode("ascii").lower()
    return raw[:length]
