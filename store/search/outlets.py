"""Outlet names as one outlet, whatever their case: ``tempo.co``, ``TEMPO.CO``, ``Tempo.Co``.

Records keep the outlet as the extractor found it; the list, facets, ``outlet:`` and
``sort:outlet`` go through :func:`key` (which spellings are one outlet) and
:func:`display_name` (how to show it).
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)+$")


def _fold(s: str) -> str:
    # keys.fold's rule, without importing keys (rapidfuzz) on the path to the first frame.
    d = unicodedata.normalize("NFKD", s)
    return "".join(c for c in d if not unicodedata.combining(c)).casefold()


def key(raw: str | None) -> str:
    """The outlet's identity: folded, spaces collapsed, a leading ``www.`` dropped."""
    k = _SPACE.sub(" ", _fold(raw or "")).strip()
    return k[4:] if k.startswith("www.") else k


def display_name(raw: str | None) -> str:
    """How an outlet is shown: domains in lower case (``tempo.co``); a name written all in
    capitals or all in lower case gets capitalised words (``ANTARA`` -> ``Antara``), keeping
    short all-capital words as they are (``CNN``); any other spelling is kept."""
    name = _SPACE.sub(" ", (raw or "").strip())
    if name.lower().startswith("www."):
        name = name[4:]
    if _DOMAIN.match(name):
        return name.lower()
    if name.isupper() or name.islower():
        return " ".join(
            w if (w.isupper() and len(w) <= 3) else w.capitalize() for w in name.split()
        )
    return name
