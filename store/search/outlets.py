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


_SUFFIX = re.compile(r"\.(?:co|or|go|ac|web|my)?\.?(?:com|net|org|id|co|news|info|tv)$")


def short_name(raw: str | None) -> str:
    """The display name without a domain's ending, for a narrow column: ``tribratanewstts``
    for ``tribratanewstts.com``, ``antaranews`` for ``antaranews.co.id``; names that are not
    domains are as :func:`display_name` gives them."""
    name = display_name(raw)
    if _DOMAIN.match(name):
        cut = _SUFFIX.sub("", name)
        if cut and cut != name:
            return cut
    return name
