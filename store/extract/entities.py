"""Organisations, places and events named in an article.

All three are "head word + proper name" patterns: ``Polsek Kisam Tinggi``, ``Desa Padang Lay``,
``Pilkada 2024``. The name part is a short run of capitalised words that stops at any word a
headline uses as a verb or connector ("Polsek Sepaku Gencar Lakukan ...").
"""

from __future__ import annotations

import re

from warta.store.extract.lexicon import (
    ALL_RANKS,
    EVENT_HEADS,
    NOT_NAME_WORDS,
    ORG_HEADS,
    PLACE_HEADS,
    PROVINCES,
    ROLE_HEADS,
    ROLE_TO_ORG,
    STANDALONE_ORGS,
    alternation,
)

_NAME_WORD = r"(?:[A-Z][\w'’]*|\d+(?:/[\w-]+)?)"
_ORG_RE = re.compile(
    rf"(?<![\w-])(?P<head>{alternation(ORG_HEADS)})(?P<name>(?:[ -]{_NAME_WORD}){{0,4}})"
)
_STANDALONE_RE = re.compile(rf"(?<![\w-])(?:{alternation(STANDALONE_ORGS)})(?![\w-])")
_PLACE_RE = re.compile(
    rf"(?<![\w-])(?P<head>{alternation(PLACE_HEADS)})(?P<name>(?: [A-Z][\w'’-]*){{1,4}})"
)
_PROVINCE_RE = re.compile(rf"(?<![\w-])(?:{alternation(PROVINCES)})(?![\w-])")
_EVENT_RE = re.compile(
    rf"(?<![\w-])(?P<head>{alternation(list(EVENT_HEADS))})"
    r"(?:\s+(?:serentak|nasional|dan\s+pilkada))?(?:\s+(?:tahun|th\.?))?\s+(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_ROLE_UNIT_RE = re.compile(
    rf"(?<![\w-])(?P<head>{alternation([h for h in ROLE_HEADS if h.lower() in ROLE_TO_ORG])})"
    rf"(?P<name>(?: {_NAME_WORD}){{1,3}})"
)
_STOP = NOT_NAME_WORDS | {h.lower() for h in ORG_HEADS} | {h.lower() for h in PLACE_HEADS}
_STOP |= {h.split()[0].lower() for h in ROLE_HEADS}
_STOP |= {w.lower() for r in ALL_RANKS for w in r.split()} - {"pol", "tni"}
_STOP |= {"sumatra", "sumatera", "jawa", "kalimantan", "sulawesi", "nusa"}  # province follows
_ABBR_RE = re.compile(r"\((?P<abbr>[A-Z]{2,8})\)")
_LONG_BEFORE_RE = re.compile(r"(?P<long>(?:[A-Z][\w'’]*\s+){0,4}[A-Z][\w'’]*)\s+$")


_CAP_WORD_RE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’]*")


def body_capitals(body: str) -> set[str]:
    """Capitalised words of the body (not counting sentence starts).

    A headline capitalises every word, so a name read from a headline is cut at the first word
    the body never capitalises: "Polsek Sepaku Gencar Lakukan" -> "Polsek Sepaku".
    """
    return set(_CAP_WORD_RE.findall(body))


def _trim(name: str, capitals: set[str] | None = None) -> str:
    """Cut a captured name at the first stop word ("Sepaku Gencar" -> "Sepaku")."""
    words = []
    for w in name.replace("-", " ").split():
        if w.lower() in _STOP or (capitals is not None and w not in capitals):
            break
        words.append(w)
    return " ".join(words)


def _texts(texts: list[str], capitals: set[str] | None) -> list[tuple[str, set[str] | None]]:
    """Pair each text with the capitals filter: the first text is the headline when given."""
    if capitals is None:
        return [(t, None) for t in texts]
    return [(texts[0], capitals)] + [(t, None) for t in texts[1:]]


def _add(out: list[str], item: str) -> None:
    item = item.strip(" ,.")
    if item and item.lower() not in {o.lower() for o in out}:
        out.append(item)


def find_organizations(
    texts: list[str], roles: list[str], capitals: set[str] | None = None
) -> list[str]:
    """Organisations in ``texts`` and units implied by ``roles`` ("Kapolsek Kie": Polsek Kie)."""
    out: list[str] = []
    abbrs: dict[str, str] = {}
    for text in texts:
        for a in _ABBR_RE.finditer(text):
            m = _LONG_BEFORE_RE.search(text, max(0, a.start() - 80), a.start())
            if not m:
                continue
            words = m["long"].split()
            while words and (words[0].lower() in _STOP):
                words.pop(0)  # "Polres Timor Tengah Selatan (TTS)": TTS is the place part
            if words:
                abbrs[a["abbr"]] = " ".join(words)
    for text, caps in _texts(texts, capitals):
        for m in _ORG_RE.finditer(text):
            head = m["head"]
            if head.startswith("Ma") and head[2:] in {"polsek", "polres", "polresta", "polda"}:
                head = head[2:].capitalize()  # "Mapolsek X" is the Polsek's headquarters
            name = _trim(m["name"], caps)
            if not name:
                if head in STANDALONE_ORGS:
                    _add(out, head)
                continue
            name = " ".join(_expand(w, abbrs) for w in name.split())
            _add(out, f"{head} {name}")
        for m in _STANDALONE_RE.finditer(text):
            if not any(o.startswith(m[0]) for o in out):
                _add(out, m[0])
    for role in roles:
        m = _ROLE_UNIT_RE.match(role)
        if m:
            name = _trim(m["name"])
            if name:
                _add(out, f"{ROLE_TO_ORG[m['head'].lower()]} {name}")
    # Drop bare standalone names when a specific unit of the same kind is listed.
    return [
        o for o in out if not (o in STANDALONE_ORGS and any(p.startswith(o + " ") for p in out))
    ]


def _expand(word: str, abbrs: dict[str, str]) -> str:
    """ "TTS" -> "Timor Tengah Selatan" when the text spelled it out as "... (TTS)"."""
    return abbrs.get(word, word)


# "Kampung Narkoba", "Kampung Tangguh", "Desa Wisata": programme labels, not places.
_PROGRAM_WORDS = {
    "narkoba", "narkotika", "tangguh", "kb", "pancasila", "bebas", "bersinar", "siaga", "sehat",
    "wisata", "binaan", "sadar", "zakat", "iklim", "literasi", "digital", "tertib", "aman",
}  # fmt: skip


def _cut_person(name: str, person_names: list[str]) -> str:
    """ "Tangsel Benyamin Davnie" -> "Tangsel" when Benyamin Davnie is a person of the article."""
    words = name.split()
    for i in range(1, len(words)):
        rest = " ".join(words[i:])
        if any(rest == p or rest.startswith(p + " ") or p.startswith(rest) for p in person_names):
            return " ".join(words[:i])
    return name


def find_places(
    texts: list[str], capitals: set[str] | None = None, persons: list[str] | None = None
) -> list[str]:
    """Administrative places (Desa/Kecamatan/Kabupaten/Kota ...) and provinces."""
    out: list[str] = []
    person_names = [p for p in persons or [] if p]
    for text, caps in _texts(texts, capitals):
        for m in _PLACE_RE.finditer(text):
            name = _trim(m["name"], caps)
            if name and name.split()[0].lower() in _PROGRAM_WORDS:
                continue
            if name and person_names:
                name = _cut_person(name, person_names)
            if name:
                _add(out, f"{m['head']} {name}")
        for m in _PROVINCE_RE.finditer(text):
            if not any(m[0] in o for o in out):
                _add(out, m[0])
    return out


def find_events(texts: list[str]) -> list[str]:
    """Elections with their year: "Pilkada 2024", "Pemilu 2024"."""
    out: list[str] = []
    for text in texts:
        for m in _EVENT_RE.finditer(text):
            head = EVENT_HEADS[re.sub(r"\s+", " ", m["head"].lower())]
            _add(out, f"{head} {m['year']}")
    return out
