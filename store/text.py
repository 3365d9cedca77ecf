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
_CONTROLS = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_SPACES = re.compile(r"\s+")


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences and control characters; normalise newlines to ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)


def clean_field(value: object) -> str:
    """A metadata string from an import record, made safe and single-line."""
    if value is None:
        return ""
    return _SPACES.sub(" ", strip_controls(str(value))).strip()


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
