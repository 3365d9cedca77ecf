"""Outlet names as one outlet, whatever their spelling: ``tempo.co``, ``TEMPO.CO``,
``Tempo.Co``; ``antaranews.com``, ``(ANTARA News)``, ``ANTARA``.

Records keep the outlet as the page wrote it; the list, facets, ``outlet:`` and
``sort:outlet`` go through :func:`key` (which spellings are one outlet: the extractor's own
:func:`warta.store.outlets.outlet_key`) and :func:`display_name` (how to show it: a
known outlet's usual name, else the written name with its case tidied).
"""

from __future__ import annotations

import re

from warta.store.outlets import known_name, outlet_key, tidy_outlet

_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)+$")


def key(raw: str | None) -> str:
    """The outlet's identity: every spelling of one outlet gives the same key."""
    return outlet_key(raw)


def display_name(raw: str | None) -> str:
    """How an outlet is shown: a known outlet's usual name (``ANTARA``, ``Kompas.com``);
    else domains in lower case (``tempo.co``), a name written all in capitals or all in lower
    case with capitalised words (``GEMA RAKYAT`` -> ``Gema Rakyat``, keeping short all-capital
    words such as ``CNN``), any other spelling as written."""
    known = known_name(raw)
    if known:
        return known
    name = tidy_outlet(raw or "")
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
