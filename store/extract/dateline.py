"""Datelines and credits: which outlet published the article, and from which place.

Forms seen in Indonesian news, all at the start of the first body paragraph:
``MUARADUA, HARIANOKUS.COM -``, ``Baturaja (ANTARA) -``, ``Tribratanewstts.com-``,
``BeritaNasional.ID, SEKADAU KALBAR –``, ``KOMPAS.com -``, ``TRIBUNNEWS.COM, JAKARTA -``,
``Jakarta, CNN Indonesia --``, ``Sepaku, 23 Januari 2024 –``, ``Jakarta -``; and on scraped
regional pages: ``radarbengkuluonline.id MUKOMUKO -``, ``Metro7news.com|Tanjungbalai -``,
``KEDIRI – Wartajatim.id ||``, ``http://Tribratanewssumbabarat.com –``, ``KABARINDO, JAKARTA --``,
``Pangkalan Bun,Radar Tribun–``, ``Nuansa Terkini Makassar, -``, ``JAKARTA, GemaRakyat -``,
``MALANGTIMES -``. An outlet the lists do not know is believed only when its name has the
shape of a press name (a press word such as Radar/News/Pos in it, or a CamelCase brand), or
when the other half of the dateline is a known place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warta.store.extract.lexicon import PROVINCE_ABBREVIATIONS, PROVINCES

_DASH = r"\s*(?:-{1,3}|–|—|‒|―)\s*"
_SEP = r"\s*(?:-{1,3}|–|—|‒|―|\|\|?)\s*"
# A web domain used as a brand: "HARIANOKUS.COM", "Tribratanewstts.com", "BeritaNasional.ID".
_DOMAIN = (
    r"[A-Za-z][A-Za-z0-9-]{1,40}(?:\.[A-Za-z0-9-]{1,30}){0,3}"
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
# A brand written as one CamelCase word: "GemaRakyat", "HumasPolresContoh" (checked by
# _camel_outlet: a press word in it, or three capitalised parts).
_CAMEL_NAME = r"[A-Z][a-z]+(?:[A-Z][a-z]+)+"
# A name that may be an outlet's: one to three capitalised words ("KABARINDO", "Radar Tribun").
_NAME = r"[A-Z][\w]*(?: [A-Z][\w]*){0,2}"

_FORMS = [
    # Baturaja (ANTARA) -   /   Jakarta, 5/1 (ANTARA) -
    re.compile(
        rf"(?P<place>{_PLACE})\s*(?:,\s*(?P<date>{_DATE_PART}))?\s*"
        rf"\((?P<outlet>{_KNOWN_OUTLETS}|{_DOMAIN})\){_DASH}"
    ),
    # BeritaNasional.ID, SEKADAU KALBAR –   /   TRIBUNNEWS.COM, JAKARTA -
    re.compile(rf"(?P<outlet>{_DOMAIN}|{_KNOWN_OUTLETS})\s*,\s*(?P<place>{_PLACE}){_DASH}"),
    # Tribratanewstts.com-   /   KOMPAS.com -   /   beritapolres.com, ---
    re.compile(rf"(?P<outlet>{_DOMAIN}|{_KNOWN_OUTLETS})\s*,?{_DASH}"),
    # PolresKotaContoh, Polres ...   (a unit site's CamelCase name as its own credit)
    re.compile(rf"(?P<outlet>{_CAMEL_NAME})\s*,\s+(?=[A-Z])"),
    # MUARADUA, HARIANOKUS.COM -   /   Jakarta, CNN Indonesia --
    re.compile(rf"(?P<place>{_PLACE})\s*,\s*(?P<outlet>{_DOMAIN}|{_KNOWN_OUTLETS}){_DASH}"),
    # Sepaku, 23 Januari 2024 –   /   Jakarta, Senin (10/9/2019) -
    re.compile(rf"(?P<place>{_PLACE})\s*,\s*(?P<date>[^\n–—]{{4,40}}?\d{{2}}\)?){_DASH}"),
    # radarbengkuluonline.id MUKOMUKO -  /  Metro7news.com|Tanjungbalai -  /
    # Newscakrawala.id Pamekasan||  /  tribratanews.polri.go.id.  Way Serdang, 18 Oktober 2024 –
    re.compile(
        rf"(?P<outlet>{_DOMAIN})\.?\s*(?:\s|\|)\s*(?P<place>{_PLACE})"
        rf"(?:\s*,\s*(?P<date>{_DATE_PART}\d{{2}}\)?))?{_SEP}"
    ),
    # KEDIRI – Wartajatim.id ||   /   Jakarta - Kompas.com -
    re.compile(rf"(?P<place>{_PLACE}){_DASH}(?P<outlet>{_DOMAIN}){_SEP}"),
    # BEKASI (Pos Kota) –   (an outlet in parentheses the list above does not know)
    re.compile(
        rf"(?P<place>{_PLACE})\s*\((?P<outlet>[A-Z][\w.]{{1,25}}(?: [A-Z][\w.]{{1,25}}){{0,2}})\)"
        rf"{_DASH}"
    ),
    # KABARINDO, JAKARTA --   /   Pangkalan Bun,Radar Tribun–   (checked by _press_pair)
    re.compile(rf"(?P<first>{_NAME})\s*,\s*(?P<second>{_NAME}){_DASH}"),
    # Nuansa Terkini Makassar, -   /   Bharindo Jakarta,-   (checked by _press_pair)
    re.compile(rf"(?P<first>{_NAME}) (?P<second>[A-Z][\w]*)\s*,{_DASH}"),
    # Jakarta -   (place only; dash must stand free so "Kie-Polres" never matches)
    re.compile(rf"(?P<place>{_PLACE})\s+(?:--?|–|—)\s+"),
]
_PAIR_FORMS = (_FORMS[-3], _FORMS[-2])
_CAMEL_FORM = _FORMS[3]

DATELINE_START_RE = re.compile(
    "|".join("(?:" + re.sub(r"\(\?P<\w+>", "(?:", f.pattern) + ")" for f in _FORMS[:8])
)
"""Matches a paragraph opening with a dateline (used to tell a headline from a lead)."""

PLACE_DASH_START_RE = _FORMS[-1]
"""``Jakarta -`` / ``Rimanews -``: a place-only dateline, ambiguous on a short line."""

# A credit glued inside the first paragraph by a scraper: "... kondusifJakarta (ANTARA) – Polri".
_GLUED_CREDIT_RE = re.compile(rf"(?P<place>[A-Z][a-z]+)?\s*\((?P<outlet>{_KNOWN_OUTLETS})\){_DASH}")
# "Liputan6.com, Jakarta Kabid Humas ...": a domain dateline whose dash the page dropped.
_DOMAIN_NO_DASH_RE = re.compile(rf"(?P<outlet>{_DOMAIN})\s*,\s*(?P<place>[A-Z][a-z]+)\s+(?=[A-Z])")
_SCHEME_RE = re.compile(r"(?:https?://)?(?:www\.)?", re.IGNORECASE)

# Photo/author credits naming an outlet: "(ANTARA/Edo Purmana)", "(ANTARA FOTO/...)".
_CREDIT_RE = re.compile(r"\(\s*(?P<outlet>[A-Z][A-Z]{2,}(?:\.[A-Za-z]{2,3})?)(?:\s+FOTO)?\s*/")

# A credit line standing for a lost caption, naming a site: "Ilustrasi Contohnews.id.",
# "Foto: radarkota.com".
_CREDIT_DOMAIN_RE = re.compile(
    rf"(?i:foto|photo|ilustrasi|dok\.?|dokumentasi|sumber\s+foto)\s*[:.]?\s*(?P<outlet>{_DOMAIN})\.?"
)

_TRAILING_CREDIT_RE = re.compile(r"[a-z]/(?P<outlet>[A-Z]{2,}[A-Za-z.]*)$")

_PLACE_STOP = {"Foto", "Laporan", "Reporter", "Editor", "Oleh", "Dalam", "Pada", "Saat", "Di"}
# Words of a press name: "Radar Tribun", "Nuansa Terkini", "GemaRakyat", "MALANGTIMES".
_PRESS_WORD_RE = re.compile(
    r"news|times|post|pos|tv|online|media|radar|tribun|warta|harian|suara|kabar|berita|"
    r"jurnal|gema|sinar|metro|express|ekspres|pers|info|portal|terkini|today|update|pena|"
    r"koran|buser|investigasi|fakta|rakyat|nusantara|indo|channel|daily",
    re.IGNORECASE,
)
_CAMEL_RE = re.compile(r"[a-z][A-Z]")
_PLACE_WORDS = {w.lower() for p in PROVINCES for w in p.split()} | PROVINCE_ABBREVIATIONS | {
    "jakarta", "bandung", "surabaya", "medan", "makassar", "semarang", "palembang", "pekanbaru",
    "denpasar", "yogyakarta", "padang", "malang", "batam", "pontianak", "banjarmasin", "manado",
    "jayapura", "kupang", "mataram", "ambon", "palu", "kendari", "jambi", "bengkulu", "serang",
    "tangerang", "bekasi", "depok", "bogor", "samarinda", "balikpapan", "tarakan", "sorong",
}  # fmt: skip


@dataclass
class Dateline:
    outlet: str | None = None
    place: str | None = None
    date_text: str | None = None


def _clean_outlet(outlet: str) -> str:
    return re.sub(r"\s+", " ", outlet).strip()


def _press_name(name: str) -> bool:
    """A name shaped like a press name: a press word in it, or a CamelCase brand."""
    return bool(_PRESS_WORD_RE.search(name) or _CAMEL_RE.search(name))


def _camel_outlet(name: str) -> bool:
    """A one-word CamelCase brand at a dateline: a press word in it ("GemaRakyat") or three
    capitalised parts ("HumasPolresContoh"); "McKenzie" is a person's name."""
    parts = len(re.findall(r"[A-Z]", name))
    return parts >= 3 or (parts >= 2 and _PRESS_WORD_RE.search(name) is not None)


# Press words that open an outlet's name in capitals ("PORTAL X", "KORESPONDEN X"); "Metro"
# is left out, being a city's name too.
_PRESS_LEAD = {
    "portal", "radar", "koresponden", "harian", "warta", "kabar", "berita", "suara", "media",
    "jurnal", "gema", "sinar", "koran", "info", "tribun", "pos", "pena", "fakta", "buser",
}  # fmt: skip


def _press_led(place: str) -> bool:
    """A place-only dateline that is a press name in capitals: "PORTAL KOTA", "RADAR X"."""
    words = place.split()
    return 2 <= len(words) <= 3 and place.isupper() and words[0].lower() in _PRESS_LEAD


def _press_pair(first: str, second: str) -> tuple[str, str] | None:
    """(outlet, place) of a two-name dateline, or None when neither half is surely the outlet.

    "KABARINDO, JAKARTA" and "Pangkalan Bun, Radar Tribun": Kabar and Radar are press words.
    "SEKADAU, KALBAR" names two places and no outlet.
    """
    if _press_name(second) and not _press_name(first):
        return second, first
    if _press_name(first) and not _press_name(second):
        return first, second
    if _press_name(first) and all(w.lower() in _PLACE_WORDS for w in second.split()):
        return first, second  # "Warta Metro, JAKARTA": both look like press names
    return None


def _match_form(head: str) -> Dateline | None:
    for form in _FORMS:
        m = form.match(head)
        if not m:
            continue
        groups = m.groupdict()
        if form in _PAIR_FORMS:
            pair = _press_pair(groups["first"], groups["second"])
            if pair is None:
                continue
            return Dateline(outlet=pair[0], place=pair[1])
        if form is _CAMEL_FORM and not _camel_outlet(groups["outlet"]):
            continue
        place = groups.get("place")
        if place and (place.split()[0] in _PLACE_STOP or len(place) > 40):
            continue
        if form is _FORMS[-1] and place and len(place.split()) > 3:
            continue
        outlet = groups.get("outlet")
        if (
            form is _FORMS[-1]
            and place
            and " " not in place
            and _PRESS_WORD_RE.search(place)
            and (place.isupper() or _CAMEL_RE.search(place))
        ):
            return Dateline(outlet=place)  # "MALANGTIMES -": a press name, not a place
        if form is _FORMS[-1] and place and _press_led(place):
            return Dateline(outlet=place)  # "RADAR KOTA -": a press word leads the name
        return Dateline(
            outlet=_clean_outlet(outlet) if outlet else None,
            place=place.strip() if place else None,
            date_text=groups.get("date"),
        )
    return None


def find_dateline(paragraphs: list[str]) -> Dateline:
    """Outlet, place and date text from a dateline in the first paragraphs."""
    for k, para in enumerate(paragraphs[:4]):
        head = para[:160]
        scheme = _SCHEME_RE.match(head)
        if scheme and scheme.end():
            head = head[scheme.end() :]  # "http://Tribratanewssumbabarat.com –"
        found = _match_form(head)
        if found and (k < 3 or found.outlet):
            return found
        if k < 3 and (m := _DOMAIN_NO_DASH_RE.match(head)):
            return Dateline(outlet=m["outlet"], place=m["place"])
    for para in paragraphs[:2]:
        m = _GLUED_CREDIT_RE.search(para[:600])
        if m:
            return Dateline(outlet=_clean_outlet(m["outlet"]), place=m["place"])
    return Dateline()


def credit_outlet(lines: list[str]) -> str | None:
    """An outlet named in a photo credit such as ``(ANTARA/Edo Purmana)`` or, after the
    caption, ``Ketua Bawaslu Rahmat Bagja/RMOL``."""
    for line in lines:
        m = (
            _CREDIT_RE.search(line)
            or _TRAILING_CREDIT_RE.search(line)
            or _CREDIT_DOMAIN_RE.fullmatch(line)
        )
        if m and m["outlet"] not in {"FOTO", "DOK", "IST", "HUMAS"}:
            return m["outlet"]
    return None
