"""Outlet names: one display form per outlet, and a key that groups every spelling of it.

A text names its outlet in many spellings: ``KOMPAS.com``, ``Kompas.com``, ``kompas``;
``Jakarta (ANTARA) -``, ``(ANTARA News)``, ``antaranews.com``; ``http://Tribratanewssumbabarat.com``.
:func:`outlet_key` reduces every spelling to one comparison key (case, web scheme, ``www.``,
the domain suffix and punctuation dropped, known aliases merged); :func:`canonical_outlet` gives
the display form: the outlet's usual name when it is a known national outlet, else the name as
the text writes it, tidied. The search side groups and matches outlets by the same key.

It lives outside ``warta.store.extract`` so that listing and sorting by outlet do not load the
extractor (importing that package compiles its patterns: 0.1-0.3 s).
"""

from __future__ import annotations

import re

# Domain endings dropped from a key: "radarbengkuluonline.id" and "Radarbengkuluonline" agree.
_SUFFIX_RE = re.compile(
    r"(?:\.(?:co|or|web|my|ac|sch|go|net|biz|com))?"
    r"\.(?:com|id|co|net|org|news|tv|info|biz|online|today|asia|xyz|site|top)$"
)
_SCHEME_RE = re.compile(r"^(?:https?://)?(?:www\d?\.|m\.|amp\.)?", re.IGNORECASE)
_NON_KEY_RE = re.compile(r"[^0-9a-z]+")
_TIDY_END = " \t.,;:|-–—·•*/"

# Known outlets: every key spelling -> (canonical key, display form). Only national outlets the
# regional press credits often; a regional site keeps the form its own datelines use.
_KNOWN: dict[str, tuple[str, ...]] = {
    "ANTARA": ("antara", "antaranews", "antaranewscom", "antarafoto", "lkbnantara"),
    "Kompas.com": ("kompas", "kompascom"),
    "Tempo.co": ("tempo", "tempoco", "tempointeraktif"),
    "detikcom": ("detik", "detikcom", "detiknews"),
    "Tribunnews.com": ("tribunnews", "tribunnewscom", "tribun"),
    "CNN Indonesia": ("cnnindonesia", "cnnindonesiacom"),
    "CNBC Indonesia": ("cnbcindonesia",),
    "Liputan6.com": ("liputan6", "liputan6com"),
    "Okezone.com": ("okezone", "okezonecom"),
    "Sindonews.com": ("sindonews", "sindonewscom", "sindo"),
    "Suara.com": ("suara", "suaracom"),
    "Merdeka.com": ("merdeka", "merdekacom"),
    "Republika.co.id": ("republika", "republikacoid", "republikaonline"),
    "JPNN.com": ("jpnn", "jpnncom"),
    "kumparan": ("kumparan", "kumparancom"),
    "Pos Kota": ("poskota", "poskotanews", "poskotanewscom"),
    "Media Indonesia": ("mediaindonesia", "mediaindonesiacom", "mi"),
    "Metro TV": ("metrotv", "metrotvnews", "metrotvnewscom"),
    "iNews.id": ("inews", "inewsid"),
    "IDN Times": ("idntimes",),
    "VIVA.co.id": ("viva", "vivacoid", "vivanews"),
    "Beritasatu.com": ("beritasatu",),
    "Bisnis.com": ("bisnis", "bisniscom"),
    "RRI": ("rri", "rrinews"),
}
_ALIASES: dict[str, tuple[str, str]] = {
    alias: (spellings[0], display) for display, spellings in _KNOWN.items() for alias in spellings
}


def tidy_outlet(raw: str) -> str:
    """The name as written, without a web scheme, ``www.``, stray punctuation or extra spaces."""
    name = " ".join(raw.split())
    name = _SCHEME_RE.sub("", name)
    return name.strip(_TIDY_END).rstrip("/")


def _plain_key(name: str) -> str:
    low = name.casefold()
    low = _SUFFIX_RE.sub("", low)
    return _NON_KEY_RE.sub("", low)


def outlet_key(raw: str | None) -> str:
    """A comparison key shared by every spelling of one outlet ("" for no outlet)."""
    if not raw:
        return ""
    key = _plain_key(tidy_outlet(raw))
    known = _ALIASES.get(key)
    return known[0] if known else key


def known_name(raw: str | None) -> str | None:
    """The usual name of a known national outlet for any of its spellings, else None."""
    if not raw:
        return None
    known = _ALIASES.get(_plain_key(tidy_outlet(raw)))
    return known[1] if known else None


def canonical_outlet(raw: str | None) -> str | None:
    """The one display form of an outlet: a known outlet's usual name, else the tidied name."""
    if not raw:
        return None
    name = tidy_outlet(raw)
    if not name:
        return None
    known = _ALIASES.get(_plain_key(name))
    return known[1] if known else name
