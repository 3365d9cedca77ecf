"""Datelines and credits: which outlet published the article, and from which place.

Forms seen in Indonesian news, all at the start of the first body paragraph:
``MUARADUA, HARIANOKUS.COM -``, ``Baturaja (ANTARA) -``, ``Tribratanewstts.com-``,
``BeritaNasional.ID, SEKADAU KALBAR –``, ``KOMPAS.com -``, ``TRIBUNNEWS.COM, JAKARTA -``,
``Jakarta, CNN Indonesia --``, ``Sepaku, 23 Januari 2024 –``, ``Jakarta -``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DASH = r"\s*(?:--?|–|—|‒|―)\s*"
# A web domain used as a brand: "HARIANOKUS.COM", "Tribratanewstts.com", "BeritaNasional.ID".
_DOMAIN = (
    r"[A-Za-z][A-Za-z0-9-]{1,40}(?:\.[A-Za-z0-9-]{1,30}){0,2}"
    r"\.(?i:com|id|co|net|org|news|tv|info|biz|online|today|asia|my\.id|web\.id|or\.id)\b"
)
# Outlets that do not write a domain in their dateline.
_KNOWN_OUTLETS = (
    r"ANTARA(?:\s+News)?|Antara(?:news)?|CNN\s+Indonesia|CNBC\s+Indonesia|KOMPAS(?:\.com)?|"
    r"Kompas|TEMPO|Tempo|detik(?:news|com)?|Detik(?:com)?|Liputan6|Republika|REPUBLIKA|Beritasatu|"
    r"Gatra|iNews|Okezone|SINDOnews|Sindonews|Bisnis|Media\s+Indonesia|Suara|Merdeka|VIVA|Viva|"
    r"JPNN|jpnn|kumparan|Kumparan|IDN\s+Times|Tribun[A-Za-z]*|TRIBUN[A-Z]*|Metro\s?TV|RRI|"
    r"Reuters|AFP|AP|Xinhua|Bernama"
)
# A place in a dateline: one to four capitalised words ("SEKADAU KALBAR", "Sepaku").
_PLACE = r"[A-Z][A-Za-z'’.]*(?:[ -][A-Z][A-Za-z'’.]*){0,3}"
_DATE_PART = r"[^()\n–—-]{4,40}?"

_FORMS = [
    # Baturaja (ANTARA) -   /   Jakarta, 5/1 (ANTARA) -
    re.compile(
        rf"(?P<place>{_PLACE})\s*(?:,\s*(?P<date>{_DATE_PART}))?\s*"
        rf"\((?P<outlet>{_KNOWN_OUTLETS}|{_DOMAIN})\){_DASH}"
    ),
    # BeritaNasional.ID, SEKADAU KALBAR –   /   TRIBUNNEWS.COM, JAKARTA -
    re.compile(rf"(?P<outlet>{_DOMAIN}|{_KNOWN_OUTLETS})\s*,\s*(?P<place>{_PLACE}){_DASH}"),
    # Tribratanewstts.com-   /   KOMPAS.com -
    re.compile(rf"(?P<outlet>{_DOMAIN}|{_KNOWN_OUTLETS}){_DASH}"),
    # MUARADUA, HARIANOKUS.COM -   /   Jakarta, CNN Indonesia --
    re.compile(rf"(?P<place>{_PLACE})\s*,\s*(?P<outlet>{_DOMAIN}|{_KNOWN_OUTLETS}){_DASH}"),
    # Sepaku, 23 Januari 2024 –   /   Jakarta, Senin (10/9/2019) -
    re.compile(rf"(?P<place>{_PLACE})\s*,\s*(?P<date>[^\n–—]{{4,40}}?\d{{2}}\)?){_DASH}"),
    # BEKASI (Pos Kota) –   (an outlet in parentheses the list above does not know)
    re.compile(
        rf"(?P<place>{_PLACE})\s*\((?P<outlet>[A-Z][\w.]{{1,25}}(?: [A-Z][\w.]{{1,25}}){{0,2}})\)"
        rf"{_DASH}"
    ),
    # Jakarta -   (place only; dash must stand free so "Kie-Polres" never matches)
    re.compile(rf"(?P<place>{_PLACE})\s+(?:--?|–|—)\s+"),
]

DATELINE_START_RE = re.compile(
    "|".join("(?:" + re.sub(r"\(\?P<\w+>", "(?:", f.pattern) + ")" for f in _FORMS[:5])
)
"""Matches a paragraph opening with a dateline (used to tell a headline from a lead)."""

PLACE_DASH_START_RE = _FORMS[-1]
"""``Jakarta -`` / ``Rimanews -``: a place-only dateline, ambiguous on a short line."""

# Photo/author credits naming an outlet: "(ANTARA/Edo Purmana)", "(ANTARA FOTO/...)".
_CREDIT_RE = re.compile(r"\(\s*(?P<outlet>[A-Z][A-Z]{2,}(?:\.[A-Za-z]{2,3})?)(?:\s+FOTO)?\s*/")

_PLACE_STOP = {"Foto", "Laporan", "Reporter", "Editor", "Oleh", "Dalam", "Pada", "Saat", "Di"}


@dataclass
class Dateline:
    outlet: str | None = None
    place: str | None = None
    date_text: str | None = None


def _clean_outlet(outlet: str) -> str:
    return re.sub(r"\s+", " ", outlet).strip()


def find_dateline(paragraphs: list[str]) -> Dateline:
    """Outlet, place and date text from a dateline in the first three paragraphs."""
    for para in paragraphs[:3]:
        head = para[:160]
        for form in _FORMS:
            m = form.match(head)
            if not m:
                continue
            groups = m.groupdict()
            place = groups.get("place")
            if place and (place.split()[0] in _PLACE_STOP or len(place) > 40):
                continue
            if form is _FORMS[-1] and place and len(place.split()) > 3:
                continue
            outlet = groups.get("outlet")
            return Dateline(
                outlet=_clean_outlet(outlet) if outlet else None,
                place=place.strip() if place else None,
                date_text=groups.get("date"),
            )
    return Dateline()


def credit_outlet(lines: list[str]) -> str | None:
    """An outlet named in a photo credit such as ``(ANTARA/Edo Purmana)``."""
    for line in lines:
        m = _CREDIT_RE.search(line)
        if m and m["outlet"] not in {"FOTO", "DOK", "IST", "HUMAS"}:
            return m["outlet"]
    return None
