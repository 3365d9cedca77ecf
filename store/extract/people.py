"""People: names with their rank and role, and every place in the body where each is mentioned.

A person is recognised from a rank ("Iptu Arsyadi Putra"), optionally preceded by a role
("Kapolsek Kisam Tinggi Iptu ..."), or followed by one ("Bripka Maman selaku Bhabinkamtibmas
Polsek Kie"); or from a civil role set off by commas ("Sekretaris Desa Kumpang Bis, Suwandi,").
Later mentions by surname ("Jenizar juga meminta") and bare roles ("ujar Kapolsek") are recorded
as mentions so that speakers can be resolved to the person a careful reader would pick.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Indel

from warta.store.extract.lexicon import (
    ALL_RANKS,
    DEGREE_RE,
    HONORIFICS_RE,
    MILITARY_CORPS,
    MILITARY_RANKS,
    NAME_PARTICLES,
    NAME_PREFIXES,
    NOT_PERSON_WORDS,
    ORG_HEADS,
    PLACE_HEADS,
    POLICE_RANKS,
    PREFIX_TITLES,
    PROVINCE_ABBREVIATIONS,
    PROVINCES,
    ROLE_ALIASES,
    ROLE_HEADS,
    SPEECH_VERBS,
    SPELLED_OUT,
    STANDALONE_ORGS,
    WEEKDAYS,
    alternation,
)

_WEEKDAY_ALT = alternation(WEEKDAYS)

# A rank may carry a full stop and lose its space: "AKBP. Yana", "Irjen. Pol. Karyoto",
# "Kombes Pol.Satake", "AKP.Nurrokhman"; the name after it starts with a capital.
_RANK_RE = re.compile(
    rf"(?<![\w-])(?:(?P<spelled>{alternation(SPELLED_OUT)})(?:\s*\((?P<abbr>[A-Za-z .]{{2,14}})\))?"
    r"(?:\s+(?:Polisi|Pol)\b\.?)?"
    rf"|(?P<rank>(?:{alternation(ALL_RANKS)})\.?(?:\s*(?:{alternation(MILITARY_CORPS)})\b\.?"
    rf"(?:\s*\([A-Z]\))?)?(?:\s*\bPol\b\.?)?))(?=(?<=\.)\s*(?-i:[A-Z])|\s+(?-i:[A-Z]))",
    re.IGNORECASE,
)
_ROLE_HEAD_RE = re.compile(rf"(?<![\w-])(?:{alternation(ROLE_HEADS)})(?![\w-])")
_ROLE_HEADS_LOWER = {h.lower() for h in ROLE_HEADS}
_ROLE_FIRST_WORDS = {h.split()[0].lower() for h in ROLE_HEADS}
_RANK_WORDS = {w.lower() for r in ALL_RANKS for w in r.split()} - {"pol", "tni"}
_ORG_HEADS_LOWER = {h.lower() for h in ORG_HEADS}
_STANDALONE_LOWER = {h.lower() for h in STANDALONE_ORGS}
_STOP_NAME = (
    NOT_PERSON_WORDS
    | _ROLE_FIRST_WORDS
    | _RANK_WORDS
    | _ORG_HEADS_LOWER
    | {h.lower() for h in PLACE_HEADS}
)
# An initial ("M.", "Moh.") is never glued to the next letter: "S.I.K." is a degree.
# Glued initials stand between name words ("Ihut M.T Sinurat"); after the name they are degrees.
_NAME_TOK_RE = re.compile(
    r"[ ]?((?:[A-Z]\.(?:[A-Z]\.?){1,3}(?= [A-Z][a-z]))|(?:[A-Z][a-z]{0,2}\.(?![A-Za-z]))|"
    r"(?:[A-Z][\w'’`]*(?:-[A-Z][\w'’`]*)*))"
)
_CONNECTOR_RE = re.compile(r" (bin|binti|van|von|de|al|el) (?=[A-Z])")
_DEGREES_AFTER_RE = re.compile(
    r"(?:\s*,?\s*(?:[A-Z][A-Za-z]{0,3}\.?\s?){1,4}(?=[,\s.]|$))+"
)  # used only to skip "S.IK., MH" after a name
_APPOSITIVE_RE = re.compile(
    r"\s*,?\s*(?:selaku|sebagai|yang\s+juga|yang\s+menjabat(?:\s+sebagai)?)\s+"
    r"|\s*,\s*(?=[A-Z])"  # "AKP Boby Kusumawardhana, Kapolsek Tambun, mengatakan"
)
_MODIFIERS = {"wakil", "plt", "plt.", "pj", "pj.", "penjabat", "mantan", "eks"}
_BOUNDARY_RE = re.compile(r"[.!?;:\n\"“”]\s")
_PAREN_RE = re.compile(r"\s*\([^()]*\)")
_ORG_IN_ROLE_RE = re.compile(rf"(?<![\w])(?:{alternation(ORG_HEADS)})(?![\w])")


@dataclass
class PersonRec:
    """A person being collected; ``roles`` counts each role phrase seen."""

    name: str
    rank: str | None = None
    roles: Counter[str] = field(default_factory=Counter)

    @property
    def role(self) -> str | None:
        if not self.roles:
            return None
        best = max(self.roles.values())
        # Most frequent phrasing; on a tie the shortest ("Kapolres OKU" over the spelled out one).
        return min((r for r, c in self.roles.items() if c == best), key=len)


@dataclass
class Mention:
    """A mention in the body: of a known person (``person``), or of a bare role (``role``)."""

    start: int
    end: int
    person: int | None = None
    role: str | None = None
    intro: bool = False
    """True for a full introduction: a name with its rank or role ("Kapolres X AKBP Y")."""


@dataclass
class People:
    persons: list[PersonRec] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    places: set[str] = field(default_factory=set)
    """Capitalised words the body uses as place names (never a person's name part)."""
    nicknames: dict[str, int] = field(default_factory=dict)
    """Nicknames the text gives a person ("Danny - sapaan akrab Ramdhan Pomanto")."""

    def add(self, name: str, rank: str | None = None, role: str | None = None) -> int:
        """Add or merge a person; returns its index. Surname-only forms merge into full names."""
        if name in self.nicknames:
            return self.nicknames[name]
        key = name.lower().split()
        for i, p in enumerate(self.persons):
            pk = p.name.lower().split()
            if pk == key or (set(key) <= set(pk)) or (set(pk) <= set(key)):
                if len(key) > len(pk):
                    p.name = name
                if rank and not p.rank:
                    p.rank = rank
                if role:
                    p.roles[role] += 1
                return i
        near = self._near_spelling(key)
        if near is not None:
            p = self.persons[near]
            if rank and not p.rank:
                p.rank = rank
            if role:
                p.roles[role] += 1
            return near
        rec = PersonRec(name=name, rank=rank)
        if role:
            rec.roles[role] += 1
        self.persons.append(rec)
        return len(self.persons) - 1

    def _near_spelling(self, key: list[str]) -> int | None:
        """The known person a one-word name is a variant spelling of ("Juanti" for "Juwanti",
        "Fredi" for "Fredy", "Herizon" for "Herzoni"); see :func:`_spelling_variant`."""
        if len(key) != 1 or len(key[0]) < 5:
            return None
        word = key[0]
        for i, p in enumerate(self.persons):
            for w in p.name.lower().split():
                if _spelling_variant(w, word):
                    return i
        return None

    def find_name(self, text: str) -> int | None:
        """The known person whose name (or one of its words, or nickname) ``text`` is."""
        if text in self.nicknames:
            return self.nicknames[text]
        words = [w for w in text.lower().split() if w not in PREFIX_TITLES]
        if not words:
            return None
        for i, p in enumerate(self.persons):
            pk = p.name.lower().split()
            if words == pk or set(words) <= set(pk):
                return i
        return None

    def role_holder(self, role: str, before: int) -> int | None:
        """The person holding ``role`` ("Kapolsek"), preferring the latest before ``before``."""
        head = canonical_head(role)
        if head is None:
            return None
        # A bare generic head ("Kasat", "Kanit", "Kepala") stands for any of its specific
        # offices ("Kasat Reskrim", "Kasatreserse Narkoba"); a specific head only for itself.
        generic = head in _GENERIC_HEADS

        def holds(r: str) -> bool:
            h = canonical_head(r)
            return h == head or (generic and h is not None and h.startswith(head))

        candidates = [i for i, p in enumerate(self.persons) if any(holds(r) for r in p.roles)]
        if not candidates:
            return None
        # The holder a reader can resolve is one already named before this point; someone
        # introduced only later in the article cannot be meant ("ujar Kasat ..." before them).
        best, best_pos = None, -1
        for m in self.mentions:
            if m.start < before and m.person in candidates and m.start > best_pos:
                best, best_pos = m.person, m.start
        if best is None and len(candidates) == 1:
            mentioned = any(m.person == candidates[0] for m in self.mentions)
            return None if mentioned else candidates[0]
        return best


def _spelling_variant(a: str, b: str) -> bool:
    """Two spellings of one name word, both five letters or more with the same first letter:
    one letter dropped or added ("Juanti"/"Juwanti"), one vowel for another ("Fredy"/"Fredi",
    "Wullem"/"Willem"), or the same letters in another order ("Arwan"/"Anwar")."""
    if len(a) < 5 or len(b) < 5 or a[0] != b[0] or a == b:
        return False
    if Indel.distance(a, b) == 1:
        return True
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        if len(diff) == 1 and diff[0][0] in "aeiouy" and diff[0][1] in "aeiouy":
            return True
    return sorted(a) == sorted(b)


_GENERIC_HEADS = {"kasat", "kanit", "kasi", "kabag", "kasubbag", "kasubag", "kasubsi", "kepala"}


def canonical_head(role: str) -> str | None:
    """The head of a role phrase, lower case, aliases resolved ("Bhabin" -> bhabinkamtibmas)."""
    m = _ROLE_HEAD_RE.match(role)
    if not m:
        low = role.lower().split()[0] if role.split() else ""
        return ROLE_ALIASES.get(low)
    head = m[0].lower()
    head = re.sub(r"\s+", " ", head)
    return ROLE_ALIASES.get(head, head)


def normalize_role(role: str) -> str:
    """Tidy a role phrase: drop "(OKU)", text after a comma, nested units, "Kapolsek Polsek"."""
    role = _PAREN_RE.sub("", role)
    role = role.split(",")[0]
    words: list[str] = []
    orgs_seen = 0
    head = canonical_head(role) or ""
    # "Kapolsek Kie" already names its unit; a unit after it is the parent ("Polres TTS").
    implies_org = head.startswith(("kapol", "wakapol", "dandim", "danramil", "danrem", "pangdam"))
    for raw in role.split():
        parts = raw.split("-")
        for j, w in enumerate(parts):
            if not w:
                continue
            if w.lower() in _ORG_HEADS_LOWER:
                orgs_seen += 1
                if len(words) == 1 and implies_org and orgs_seen == 1:
                    continue  # "Kapolsek Polsek Belitang Hilir" -> "Kapolsek Belitang Hilir"
                if j > 0 or orgs_seen > 1 or implies_org:
                    return _finish_role(words)
            if j > 0:
                return _finish_role(words)
            words.append(w)
    return _finish_role(words)


def _finish_role(words: list[str]) -> str:
    return " ".join(words).strip(" ,.;:-")


def _title_case_caps(name: str) -> str:
    """ "SUDARSONO" -> "Sudarsono"; short all-caps initials ("RG") stay as written."""
    out = []
    for w in name.split():
        if len(w) >= 4 and w.isupper():
            w = w.capitalize()
        out.append(w)
    return " ".join(out)


_VERB_AFTER_RE = re.compile(r",?\s+[a-z]")
# Given names shortened with a period ("Moh. Irfan", "Abd. Rahman"); any other three letters
# and a period end a sentence.
_NAME_ABBREVIATIONS = {
    "muh", "moh", "mhd", "mch", "abd", "ach", "ahm", "akh", "mas", "muk", "mud", "sya", "syh",
    "ign", "yoh", "kom", "drs", "ir", "dra", "hj", "ny", "tn",
}  # fmt: skip
_INITIAL_RE = re.compile(r"[A-Z]\.?$")
_AGE_AFTER_RE = re.compile(r"\s*\(\s*\d{1,3}\s*(?:tahun|thn|th)?\.?\s*\)")


def _next_is_name(text: str, pos: int) -> bool:
    """Whether a capitalised name word (not a stop word) starts right after ``pos``."""
    m = _NAME_TOK_RE.match(text, pos)
    if not m:
        return False
    low = m[1].lower()
    return low.rstrip(".") not in _STOP_NAME and low not in _STOP_NAME


def parse_name(text: str, pos: int) -> tuple[str, int] | None:
    """Read a personal name starting at ``pos``: capitalised words, initials, "bin"."""
    toks: list[str] = []
    p = pos
    h = HONORIFICS_RE.match(text, pos + 1 if text[pos : pos + 1] == " " else pos)
    if h:
        p = h.end() - 1
    while len(toks) < 5:
        m = _NAME_TOK_RE.match(text, p)
        if not m:
            c = _CONNECTOR_RE.match(text, p)
            if c and toks:
                toks.append(c[1])
                p = c.end() - 1
                continue
            break
        tok = m[1]
        low = tok.lower()
        initial = len(tok) == 2 and tok.endswith(".")  # "A." is an initial, not the word "a"
        if len(tok) >= 3 and tok[1] == "." and tok[0].isupper():
            if not (toks and _next_is_name(text, m.end())):
                break  # "S.H. Kapolres ...": a degree before a role, not initials
            initial = True
        # "Rudolf A Rodja", "AKBP A M Dicky": a bare capital letter before a name word is an
        # initial; "Lalu Hedwin", "Baiq Nuril": a Sasak particle before a name word.
        if (len(tok) == 1 and tok.isupper()) or (low in NAME_PARTICLES and not toks):
            initial = _next_is_name(text, m.end())
        if not toks and low in PREFIX_TITLES:
            after = m.end() + 1 if text.startswith(".", m.end()) else m.end()
            if _next_is_name(text, after):
                p = after  # "Prof. Runtung Sitepu", "Habib Rizieq": the title is not the name
                continue
        if not initial and (low.rstrip(".") in _STOP_NAME or low in _STOP_NAME):
            break
        if not initial and DEGREE_RE.match(tok) and (toks or tok.isupper() or "." in tok):
            if not toks:
                return None  # "SIK", "S.H": a degree is never a name
            break
        if (
            len(toks) >= 2
            and all(len(t) >= 3 and t.isupper() for t in toks)
            and not tok.isupper()
            and len(tok) > 1
        ):
            break  # "AKBP BUDI SANTOSO Kabag Ops": a name in capitals ends where they end
        toks.append(tok)
        p = m.end()
        if (
            len(tok) == 4
            and tok.endswith(".")
            and tok[1:3].islower()
            and tok[:-1].lower() not in _NAME_ABBREVIATIONS
        ):
            break  # "bernama Ani. Ibu itu ...": the sentence's period, not "Moh."
    while toks and toks[-1] in {"bin", "binti", "van", "von", "de", "al", "el"}:
        toks.pop()
    while toks and len(toks[-1]) == 1:
        if len(toks) >= 3 and toks[-1].isupper() and _VERB_AFTER_RE.match(text, p):
            break  # "Kajad Pamuji Joko W menyampaikan": an initial the text writes
        toks.pop()  # a trailing bare initial is a stray capital, not part of the name
        p = text.rfind(" ", pos, p) if " " in text[pos:p] else p
    if not toks:
        return None
    if len(toks[-1]) > 3 and toks[-1].endswith(".") and (len(toks) > 1 or len(toks[-1]) > 2):
        toks[-1] = toks[-1].rstrip(".")  # "kata Awi.": the sentence's period, not an initial
        p -= 1
    # "Zamroni." at a sentence end: the period is not part of the name unless it is an initial.
    # A short name is believable only with an age after it: "seorang pelajar, Al (16)".
    if (
        len(toks) == 1
        and len(toks[0]) <= 2
        and not (toks[0][0].isupper() and toks[0][1:].islower() and _AGE_AFTER_RE.match(text, p))
    ):
        return None
    name = " ".join(toks)
    return _title_case_caps(name), p


def _role_before(text: str, end: int) -> str | None:
    """The role phrase directly before ``end`` (a rank's start), or None."""
    window = text[max(0, end - 140) : end]
    cut = max((m.end() for m in _BOUNDARY_RE.finditer(window)), default=0)
    tokens = window[cut:].split()
    # Keep only the run of capitalised words / codes right before the rank.
    run: list[str] = []
    for tok in reversed(tokens):
        core = tok.strip(",()")
        if not core or not (core[0].isupper() or core[0].isdigit()):
            break
        run.append(tok)
        if len(run) >= 10:
            break
    run.reverse()
    start = None
    for i in range(len(run) - 1, -1, -1):
        for k in (3, 2, 1):
            phrase = " ".join(t.strip(",()") for t in run[i : i + k]).lower()
            if phrase in _ROLE_HEADS_LOWER or phrase in ROLE_ALIASES:
                start = i
                break
        if start is not None:
            break
    if start is None:
        return None
    while start > 0 and run[start - 1].lower() in _MODIFIERS:
        start -= 1
    role = normalize_role(" ".join(run[start:]))
    return role or None


def _role_after(text: str, pos: int) -> str | None:
    """A role introduced after a name: "... selaku Bhabinkamtibmas Polsek Kie-Polres TTS"."""
    m = _APPOSITIVE_RE.match(text, pos)
    if not m:
        return None
    h = _ROLE_HEAD_RE.match(text, m.end())
    if not h:
        return None
    toks = [h[0]]
    p = h.end()
    tok_re = re.compile(r" ([A-Z0-9][\w/'’.-]*|\([A-Z]+\))")
    while len(toks) < 8:
        t = tok_re.match(text, p)
        if not t:
            break
        toks.append(t[1])
        p = t.end()
    role = normalize_role(" ".join(toks))
    return role or None


def _spelled_rank(m: re.Match[str]) -> str:
    """A spelled-out rank as written ("Komisaris Besar"), without "(Kombes)" or "Polisi"."""
    return re.sub(r"\s+", " ", m["spelled"]).strip()


# "Iptu heri Ramanda": a given name the page wrote in lower case between a rank and a surname.
_RANK_LOWER_NAME_RE = re.compile(
    rf"(?<![\w-])(?:{alternation(POLICE_RANKS + MILITARY_RANKS)})\.?\s+(?P<first>[a-z]{{3,12}})"
    r"(?= [A-Z][a-z])"
)
# Cheap test for the rare page that needs _RANK_LOWER_NAME_RE: a short capitalised word, then
# a lower-case one, then a capitalised one.
_LOWER_AFTER_RANK_HINT_RE = re.compile(
    r"\b(?:Iptu|Ipda|IPTU|IPDA|AKP|AKBP|Aiptu|Aipda|Bripka|Briptu|Bripda|Brigadir|Brigpol|Kompol|"
    r"Kombes|Serda|Sertu|Serka|Serma|Kapten|Letda|Lettu|Mayor|Letkol|Kolonel)\.? [a-z]"
)
_LOWER_NOT_NAME = re.compile(
    r"(?:dan|yang|bersama|beserta|selaku|sebagai|serta|para|dari|untuk|dengan|telah|sudah|"
    r"juga|itu|ini|tersebut|saat|ketika|pada|kepada|oleh|dalam|mewakili|melalui|didampingi|"
    r"me\w+|di\w+|ber\w+|ter\w+|\w+kan|\w+nya)"
)


def _add_lower_ranked(people: People, text: str, in_body: bool) -> None:
    for m in _RANK_LOWER_NAME_RE.finditer(text):
        first = m["first"]
        if not m[0][0].isupper() or _LOWER_NOT_NAME.fullmatch(first):
            continue
        probe = first.capitalize() + text[m.end() : m.end() + 80]
        parsed = parse_name(probe, 0)
        if not parsed or " " not in parsed[0]:
            continue
        rank = m[0][: m.start("first") - m.start()].strip()
        end = m.start("first") + parsed[1]
        role = _role_before(text, m.start())
        idx = people.add(parsed[0], rank, role)
        if in_body:
            people.mentions.append(Mention(m.start(), end, person=idx, intro=True))


# A bare "Jenderal" is a four-star rank only after the office that carries it: "Kapolri
# Jenderal Listyo", "Panglima TNI Jenderal Agus", "(Jenderal Listyo ...)".
_FOUR_STAR_BEFORE_RE = re.compile(
    r"(?:Kapolri|Wakapolri|Panglima(?: TNI)?|KSAD|KSAL|KSAU|Kasad|Kasal|Kasau|TNI|Polri|"
    r"[Mm]antan|[Pp]urnawirawan|\()\s*$"
)


def _add_ranked(people: People, text: str, in_body: bool) -> None:
    if _LOWER_AFTER_RANK_HINT_RE.search(text):
        _add_lower_ranked(people, text, in_body)
    for m in _RANK_RE.finditer(text):
        if not m[0][0].isupper():
            continue  # "kapten", "brigadir" as common nouns
        rank = _spelled_rank(m) if m["spelled"] else re.sub(r"\s+", " ", m["rank"])
        if rank.rstrip(".") == "Jenderal" and not _FOUR_STAR_BEFORE_RE.search(
            text, max(0, m.start() - 30), m.start()
        ):
            continue  # "Direktorat Jenderal Pajak", "Sekretaris Jenderal DPP": an office
        parsed = parse_name(text, m.end())
        if not parsed:
            continue
        name, end = parsed
        role = _role_before(text, m.start()) or _role_after(text, _skip_degrees(text, end))
        idx = people.add(name, rank, role)
        if in_body:
            start = m.start()
            if role:
                head = text.rfind(role.split()[0], max(0, start - 140), start)
                if head >= 0:
                    start = head
            people.mentions.append(Mention(start, end, person=idx, intro=True))


_DEGREE_TOKEN_RE = re.compile(r"\s*,?\s*([A-Z][A-Za-z.]{0,7})")


def _skip_degrees(text: str, pos: int) -> int:
    """Skip ", S.IK., MH" after a name."""
    p = pos
    while True:
        m = _DEGREE_TOKEN_RE.match(text, p)
        if not m or not DEGREE_RE.match(m[1].rstrip(",")):
            return p
        p = m.end()


_CIVIL_BETWEEN_RE = re.compile(r"(?: (?:[A-Z0-9(][\w/'’.()-]*|dan|&|serta)){0,12}")
_CIVIL_NAME_FOLLOW_RE = re.compile(
    rf"\s*(?:,\s*[a-z]|\s[a-z]|,?\s*(?:S\.|SH\b|M\.)|[.;:)](?:\s|$)|,\s*(?:{_WEEKDAY_ALT})\b)"
)


def _add_civil(people: People, text: str, in_body: bool) -> None:
    """A civil role set off by commas: "Sekretaris Desa Kumpang Bis, Suwandi, ..." -> Suwandi."""
    for h in _ROLE_HEAD_RE.finditer(text):
        comma = text.find(",", h.end(), h.end() + 80)
        if comma < 0:
            continue
        between = text[h.end() : comma]
        if between and not _CIVIL_BETWEEN_RE.fullmatch(between.rstrip()):
            continue
        if _RANK_RE.search(between):
            continue  # "Kapolres X AKBP Y SH, SIK": a ranked name, handled by _add_ranked
        if _RANK_RE.match(text, comma + 1) or _RANK_RE.match(text, comma + 2):
            continue  # a rank follows: handled by _add_ranked
        while text.startswith(" ,", comma + 1) or text.startswith(",", comma + 1):
            comma = text.index(",", comma + 1)  # "Humas ,, Nadia Diposanjoyo, mengatakan"
        parsed = parse_name(text, comma + 1)
        if not parsed:
            continue
        name, end = parsed
        if not _CIVIL_NAME_FOLLOW_RE.match(text, end) and end < len(text):
            continue
        written = text[comma + 1 : end].split()
        if (
            _ROLE_HEAD_RE.fullmatch(written[0])
            or (written[0].lower() in {"ka", "waka"} and len(written) > 1)
        ) or (len(written) == 1 and written[0].isupper() and len(written[0]) <= 5):
            continue  # "Kabid Humas, Ka SPN dan ...", "Camat, FKUB, ...": a list of offices
        role = normalize_role(text[h.start() : comma])
        idx = people.add(name, None, role or None)
        if in_body:
            people.mentions.append(Mention(h.start(), end, person=idx, intro=True))


_GEO_WORDS = {
    "selatan", "utara", "timur", "barat", "tengah", "raya", "baru", "lama", "hulu", "hilir",
    "ilir", "ulu", "besar", "kecil", "metro", "jaya", "pusat", "darat", "laut", "atas", "bawah",
    "dalam", "luar", "induk", "kota", "menengah", "kabupaten", "provinsi", "sumsel", "kalbar",
    "sulsel",
}  # fmt: skip
_RUN_TOKEN_RE = re.compile(
    r" ([A-Z][\w'’.-]*|\([A-Za-z][A-Za-z .]{0,24}\)|\d+[\w/]*|dan|&|"
    r"(?:kota|kabupaten|provinsi)(?= [A-Z]))"
)
_ANCHOR_AFTER_RE = re.compile(
    r"\b(?:kata|ujar|ucap|ungkap|tegas|jelas|imbuh|tambah|tutur|lanjut|tandas|terang|pungkas|"
    r"papar|tukas|[Mm]enurut)\s+"
    r"(?P<after>[A-Z][a-z][\w'’-]*)"
)
_SPEECH_RE = re.compile(rf"(?<![\w-])(?:{alternation(SPEECH_VERBS)})(?![\w-])")
# Looked for right before a speech verb: "... lowercase Gede Dody [juga] mengatakan".
_BEFORE_VERB_RE = re.compile(
    r"(?:^|[.!?,\n]\s*|\b[a-z][\w-]*\s+)(?P<before>[A-Z][a-z][\w'’-]*)(?:\s+[A-Z][\w'’-]*){0,2}"
    r"\s+(?:(?:juga|pun|kembali)\s+)?$"
)
_HEAD_WORDS = {w.lower() for w in ORG_HEADS} | {h.lower() for h in PLACE_HEADS} | _ROLE_FIRST_WORDS


def is_topic_word(tok: str) -> bool:
    """A unit, office or rank word ("Polda", "Kapolda", "Irjen"): what a tag line names."""
    low = tok.lower()
    return low in _ORG_HEADS_LOWER or low in _ROLE_FIRST_WORDS or low in _RANK_WORDS


def is_name_word(tok: str) -> bool:
    """A capitalised word that can be part of a person's name (not a role, rank, unit or stop
    word)."""
    return _is_name_word(tok) and tok.lower() not in _SPELLED_WORDS


def _is_place_word(tok: str, places: set[str]) -> bool:
    low = tok.lower()
    return tok in places or low in _GEO_WORDS or low in _PROVINCE_WORDS


def _is_name_word(tok: str) -> bool:
    low = tok.lower()
    return (
        bool(tok)
        and tok[0].isupper()
        and low not in _STOP_NAME
        and low.rstrip(".") not in _STOP_NAME
        and low not in _GEO_WORDS
        and not (tok.isupper() and len(tok) <= 5)  # acronyms and initials: OKU, TTS, RG
        and not DEGREE_RE.match(tok)
        and not (low.endswith("nya") and len(low) > 6)  # "Karenanya", "Sebelumnya"
    )


def _extend_prefixes(run: list[str], start: int) -> int:
    """Move a name's start back over "I", "Gede", "M" that belong to it ("I Wayan Wasista")."""
    while start > 0 and run[start - 1].lower().rstrip(".") in NAME_PREFIXES:
        start -= 1
    return start


@lru_cache(maxsize=4)
def _speech_verbs(text: str) -> tuple[re.Match[str], ...]:
    """The speech verbs of ``text``; cached, as three collectors walk the same ones."""
    return tuple(_SPEECH_RE.finditer(text))


def _anchors(text: str) -> set[str]:
    """Capitalised words used alone for a person ("kata Wullem", "Saifuddin mengatakan")."""
    out = {m["after"] for m in _ANCHOR_AFTER_RE.finditer(text)}
    for v in _speech_verbs(text):
        b = _BEFORE_VERB_RE.search(text, max(0, v.start() - 60), v.start())
        if b:
            out.add(b["before"])
    places = place_words(text)
    return {w for w in out if w.lower() not in _STOP_NAME and not _is_place_word(w, places)}


_PLACE_CONTEXT_RE = re.compile(
    rf"(?<![\w-])(?:{alternation(sorted(set(PLACE_HEADS) | set(ORG_HEADS), key=len, reverse=True))}"
    r"|di|ke|wilayah|daerah)((?: [A-Z][\w'’-]*){1,3})"
)
_PLACE_HEADS_LOWER = {h.lower() for h in PLACE_HEADS}
_PLACE_ORG_HEADS = _PLACE_HEADS_LOWER | _ORG_HEADS_LOWER
_PROVINCE_WORDS = ({w.lower() for p in PROVINCES for w in p.split()} | PROVINCE_ABBREVIATIONS) - {
    "di",
    "dki",
}


@lru_cache(maxsize=4)
def place_words(text: str) -> frozenset[str]:
    """Capitalised words the text uses as (part of) a place or unit name: "Kabupaten Bogor",
    "Polres Tangsel", "di Wamena"; plus the words of province names.

    Cached: both the anchor pass and ``find_people`` ask for the same body's words.
    """
    out: set[str] = set()
    for m in _PLACE_CONTEXT_RE.finditer(text):
        toks = m[1].split()
        if len(toks) > 1 and toks[0].lower() in _PLACE_ORG_HEADS:
            toks = toks[1:]  # "di Desa Paluhombo": the words after the head name the place
        toks = toks[:2]
        if len(toks) == 2 and text.count(" ".join(toks)) < 2:
            toks = toks[:1]  # "Kejaksaan Negeri Magetan Agus Zaeni": a second word must recur
        if m[0].split()[0].lower() in _STANDALONE_LOWER:
            # "KPU Sulsel", but "Ketua KPU Hasyim Asy'ari": after a body that needs no name,
            # only a known province word is surely a place.
            toks = [t for t in toks[:1] if t.lower() in _PROVINCE_WORDS]
        for tok in toks:
            if _RANK_RE.match(tok + " X") or not _is_name_word(tok):
                break
            out.add(tok)
    return frozenset(out)


def _is_unit_closer(tok: str, places: set[str]) -> bool:
    """A token that can end the unit or place of a role phrase: "Bogor", "OKU", "(SGC)", "0410"."""
    core = tok.strip("()")
    low = core.lower()
    return bool(core) and (
        tok.startswith("(")  # "(Ketum MUI)", "(Bawaslu)": an abbreviation closes the unit
        or tok in places
        or low in _PROVINCE_WORDS
        or low in _GEO_WORDS
        or (core.isupper() and len(core) <= 6 and low not in NAME_PREFIXES)
        or core[0].isdigit()
    )


def _add_role_names(
    people: People, text: str, in_body: bool, anchors: set[str], places: set[str]
) -> None:
    """ "Bupati Puncak Wullem Wandik": a role, its unit or place, then a name with no rank.

    Where the name starts is unknowable from the run alone, so a word the text also uses alone
    for a person ("Menurut Wullem ...") marks it; else a word the text uses as a place ("Sekda
    Kabupaten Bogor Burhanudin" when "Kabupaten Bogor" also stands alone) or an acronym ends the
    unit; failing both, a run of three or more words ends with a two-word name, and a bare
    two-word run ("Gubernur Anies Baswedan") is the name.
    """
    # Words after a unit head that takes a name ("Dinas Tata Bangunan") name the office; after
    # a body that stands alone ("Ketua Bawaslu Rahmat Bagja", "Ketua KPU Hasyim") a person.
    org_heads = _ORG_HEADS_LOWER - _STANDALONE_LOWER
    for h in _ROLE_HEAD_RE.finditer(text):
        run: list[str] = []
        title_at: int | None = None
        p = h.end()
        while len(run) < 12:
            t = _RUN_TOKEN_RE.match(text, p)
            if not t:
                break
            if t[1] in ("dan", "&"):
                nxt = _RUN_TOKEN_RE.match(text, t.end())
                if not nxt or nxt[1].lower() in _ROLE_FIRST_WORDS or nxt[1] in ("dan", "&"):
                    break  # "Sekda dan Kepala Dinas ...": a second role starts
            if t[1].lower() in PREFIX_TITLES and run and title_at is None:
                title_at = len(run)  # "Rektor USU Prof. Runtung Sitepu": the name starts here
                p = t.end()
                continue
            run.append(t[1])
            p = t.end()
        while run and run[-1] in ("dan", "&"):
            run.pop()
            p = text.rfind(" ", 0, p)
        if not run or _RANK_RE.search(" ".join(run)):
            continue
        if text.startswith(",", p):
            if _RANK_RE.match(text, p + 2) or _RANK_LOWER_NAME_RE.match(text, p + 2):
                continue  # "Kapolsek X, Iptu Y": _add_ranked reads it
            after = parse_name(text, p + 1)
            if after and all(_is_name_word(t) for t in after[0].split()):
                continue  # "Sekretaris Desa Kumpang Bis, Suwandi,": _add_civil reads it
        is_name = [
            (_is_name_word(tok) or tok.lower().rstrip(".") in NAME_PREFIXES)
            and not _is_place_word(tok, places)  # "Kapolda Papua Rudolf ...": Papua ends the unit
            for tok in run
        ]
        b = len(run) - 1
        while b >= 0 and is_name[b]:
            b -= 1
        start = next((i for i, tok in enumerate(run) if tok in anchors), None)
        if (
            start is not None
            and 0 <= b < start - 1
            and (
                (start - b <= 3 and _is_unit_closer(run[b], places))
                or (b == start - 2 and run[b].lower() in _ORG_HEADS_LOWER)
            )
        ):
            # "Ketua Bawaslu Rahmat Bagja" ... "kata Bagja": the surname the text uses alone
            # ends a name that starts right after the unit.
            start = b + 1
        if title_at is not None and title_at < len(run):
            start = title_at
        if (
            start is None
            and 0 <= b < len(run) - 1
            and _is_unit_closer(run[b], places)
            and text.count(f"{run[b]} {run[b + 1]}") == 1
        ):
            # The unit ends at b unless the text elsewhere continues it the same way ("Desa
            # Titian Teras" twice: Teras is the village's, not a person's).
            start = b + 1
        elif start is None and b < 0 and len(run) == 2 and in_body:
            start = 0
        single_ok = start is not None and ((start == b + 1 and b >= 0) or start == title_at)
        if start is None:
            if len(run) < 3:
                continue
            start = len(run) - 2
        name_toks = []
        start = _extend_prefixes(run, start)
        for tok in run[start : start + 5]:
            if not (_is_name_word(tok) or tok.lower().rstrip(".") in NAME_PREFIXES):
                break
            if tok.endswith(".") and len(tok) > 3:
                name_toks.append(tok.rstrip("."))  # "... Nyoman Suwirta.": the sentence ends
                break
            name_toks.append(tok)
        if not name_toks or (len(name_toks) == 1 and name_toks[0] not in anchors and not single_ok):
            continue
        if start > 0 and (
            run[start - 1].lower() in _PLACE_HEADS_LOWER or run[start - 1].lower() in org_heads
        ):
            continue  # "Kepala Dinas Tata Bangunan": the words after Dinas name the office
        role = normalize_role(h[0] + " " + " ".join(run[:start])) if start else h[0]
        idx = people.add(_title_case_caps(" ".join(name_toks)), None, role or None)
        if in_body:
            people.mentions.append(Mention(h.start(), p, person=idx, intro=True))


_LISTED_LOWER_ROLE_RE = re.compile(
    r"(?<=, )(?:camat|lurah|ketua|kades|sekdes|kadis|bupati)(?= [A-Z])"
)
_AGE_RE = re.compile(r"\(\s*\d{1,3}\s*(?:tahun|thn|th)?\.?\s*\)")
_NAME_BEFORE_RE = re.compile(
    r"((?:[A-Z][\w'’-]*\.? ){0,3}[A-Z][\w'’-]*) ?(?:alias [^(),.]{1,40}?)?\s*$"
)


def _add_aged(people: People, text: str, in_body: bool) -> None:
    """ "Darminto (32)", "Muhajar Sidiq alias Bang Jek (42)": a name with an age."""
    for m in _AGE_RE.finditer(text):
        before = text[max(0, m.start() - 80) : m.start()]
        b = _NAME_BEFORE_RE.search(before)
        if not b:
            continue
        if _ALIAS_BEFORE_RE.search(before, 0, b.start(1)) or before[: b.start(1)].endswith(
            "alias "
        ):
            continue  # "berinisial AL alias Becak (23)": an alias is not a name
        toks = b[1].split()
        while toks and (not _is_name_word(toks[0]) or _is_place_word(toks[0], people.places)):
            if _INITIAL_RE.match(toks[0]) and len(toks) > 1 and _is_name_word(toks[1]):
                break  # "M. Ferdiansyah (17)": the initial is part of the written name
            toks.pop(0)  # "Kades Paluhombo Juwanti (51)": role and place words are not
        lead = 1 if toks and _INITIAL_RE.match(toks[0]) else 0
        rest = toks[lead:]
        if not rest or not all(_is_name_word(t) for t in rest) or len(rest[-1]) < 3:
            continue  # "Fi (21)": initials are not names
        idx = people.add(_title_case_caps(" ".join(toks)))
        if in_body:
            start = m.start() - len(before) + b.start(1)
            people.mentions.append(Mention(start, m.end(), person=idx))


_PERSON_NOUN_LIST = (
    r"pelaku|tersangka|korban|saksi|mereka|warga|orang|pria|wanita|perempuan|laki-laki|anak|"
    r"keduanya|ketiganya|keempatnya|pemuda|remaja|siswa|pengedar|bandar|tokoh|pengamat|pakar|"
    r"ahli|pemilik|pengelola|sopir|ibu|ayah|istri|suami|kakak|adik|paman|bibi|majikan|rekan|"
    r"teman|tetangga|pengacara|kuasa\s+hukum|aktivis|pegiat|petani|nelayan|pedagang|guru|"
    r"mahasiswa|dokter|bidan|perawat|kakek|nenek|cucu|putra|putri|pengguna|akun|pelajar|orangtua|"
    r"orang\s+tua|pengendara|penumpang|pengunjung|penjual|pembeli|buruh|karyawan|pegawai|santri|"
    r"peserta|relawan|pendemo|penonton|wisatawan"
)
_PERSONS_NOUNS_RAW = _PERSON_NOUN_LIST
_PERSON_NOUNS = alternation(_PERSON_NOUN_LIST.replace("\\s+", " ").split("|"))
# Words between a person noun and its name(s); a preposition means a place follows instead.
_GAP_WORDS = r"(?: (?!(?:di|ke|dari|pada|dalam|untuk|dengan|asal|wilayah)\b)[A-Za-z()/.'’-]+)"
_LIST_TRIGGER_RE = re.compile(
    rf"\b(?:(?:{_PERSON_NOUNS})(?:nya)?\b{_GAP_WORDS}{{0,5}}?(?:,\s*|\s+)(?:yakni|yaitu|adalah|"
    r"antara\s+lain|masing-masing|bernama)|bernama)\s+"
)
# "pelajar terjaring razia, Al (16)": only lower-case words between the noun and the comma; a
# capitalised word there ("warga Koto Lanang, Kerinci") means a place is being narrowed down.
_APPOSITIVE_NOUN_RE = re.compile(
    rf"\b(?:{_PERSON_NOUNS})(?:nya)?\b(?: (?!(?:di|ke|dari|pada|dalam|untuk|dengan|asal|wilayah)\b)"
    r"[a-z()/.'’-]+){0,6}?, (?=[A-Z])"
)
_LIST_SEP_RE = re.compile(r"\s*(?:,\s*dan|,|dan|serta|&)\s+")


# "Bapak Darmo Susilo menyampaikan ...": a name after the honorific of address.
_ADDRESS_RE = re.compile(r"(?<![\w'’-])(?:Bapak|Ibu)(?= [A-Z][a-z])")


def _add_addressed(people: People, text: str, in_body: bool, anchors: set[str]) -> None:
    """A person named after "Bapak" / "Ibu" (never "Ibu Kota": the words must be name words).

    One word alone ("Ibu Hamil", "Bapak Teknologi") is a name only when the text also uses it
    alone for a person ("kata Darmo")."""
    for m in _ADDRESS_RE.finditer(text):
        parsed = parse_name(text, m.end())
        if not parsed:
            continue
        name, end = parsed
        words = text[m.end() : end].split()
        if not all(_is_name_word(t) for t in words) or _ROLE_HEAD_RE.match(text, end + 1):
            continue
        if len(words) < 2 and words[0] not in anchors:
            continue
        idx = people.add(name)
        if in_body:
            people.mentions.append(Mention(m.start(), end, person=idx, intro=True))


def _add_listed(people: People, text: str, in_body: bool) -> None:
    """Names after a person noun: "pelaku yakni Mansur, Sugianto dan Tatang", "majikannya, X"."""
    for rx in (_LIST_TRIGGER_RE, _APPOSITIVE_NOUN_RE):
        for m in rx.finditer(text):
            p = m.end()
            for _ in range(8):
                parsed = parse_name(text, p)
                if not parsed:
                    break
                name, end = parsed
                if all(_is_name_word(t) for t in name.split()):
                    idx = people.add(name)
                    if in_body:
                        people.mentions.append(Mention(p, end, person=idx))
                sep = _LIST_SEP_RE.match(text, end)
                if not sep or rx is _APPOSITIVE_NOUN_RE:
                    break
                p = sep.end()


_SUBJECT_BEFORE_RE = re.compile(
    r"(?:^|(?<=[.!?\n]\s)|(?<=\n)|(?<=, ))((?:[A-Z][\w'’-]*\.? ){0,2}[A-Z][a-z][\w'’-]*"
    r"(?: [A-Z](?= ))?)\s+(?:(?:juga|pun|kembali)\s+)?$"
)


_TAIL_NAME_RE = re.compile(
    r"(?P<unit>[A-Z][\w'’.-]*) (?P<name>[A-Z][a-z][\w'’-]* [A-Z][a-z][\w'’-]*)"
    r"\s+(?:(?:juga|pun|kembali)\s+)?$"
)


def _add_speech_subjects(people: People, text: str) -> None:
    """ "Saifuddin mengatakan", "Smith said": a capitalised name right before a speech verb."""
    for v in _speech_verbs(text):
        m = _SUBJECT_BEFORE_RE.search(text, max(0, v.start() - 60), v.start())
        if not m:
            # "Sekretaris MUI Kota Tangerang Selatan Abdul Rojak mengatakan": the last two
            # words before the verb, when a unit word (not a name word) comes before them.
            t = _TAIL_NAME_RE.search(text, max(0, v.start() - 60), v.start())
            if t and _is_place_word(t["unit"], people.places):
                toks = t["name"].split()
                if all(_is_name_word(x) for x in toks) and not any(
                    x in people.places for x in toks
                ):
                    people.add(" ".join(toks))
            continue
        toks = m[1].split()
        initial = toks.pop() if len(toks) >= 4 and len(toks[-1]) == 1 else None
        if len(toks[-1]) == 1:
            continue  # "Joko W": an initial after fewer than three name words is unsure
        if toks[0].lower() in _HEAD_WORDS:
            continue  # "Polres Banyuasin mengatakan": an organisation speaks
        while toks and not _is_name_word(toks[0]) and toks[0].lower() not in NAME_PREFIXES:
            toks.pop(0)
        if (
            toks
            and all(_is_name_word(t) or t.lower() in NAME_PREFIXES for t in toks)
            and _is_name_word(toks[-1])
        ):
            # "Kajad Pamuji Joko W menyampaikan": a written final initial is part of the name
            people.add(" ".join(toks + ([initial] if initial and len(toks) >= 3 else [])))


_CAP_SEQ_RE = re.compile(r"(?<![\w'’.-])[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*")
# Words right before a name that make it a person: "dikemudikan Tri Sumaryanto", "istri X",
# "bersama Rey Utami", "dibuka oleh Y". Only lower-case triggers; names must have two words.
_PERSON_TRIGGER_RE = re.compile(
    r"\b(?:oleh|bersama|dikemudikan|dikendarai|ditemani|didampingi|memanggil|memeriksa|"
    r"menjenguk|istri|suami|ayah|ibu|kakak|adik|paman|bibi|kuasa\s+hukum|pengacara|"
    r"istrinya|suaminya|anaknya|ayahnya|ibunya|kakaknya|adiknya|rekannya|temannya|"
    r"(?:oleh\s+)?(?:pelaku|tersangka|korban|saksi))\s+$"
    r"|\b(?:Prof|Dr|Drs|Ir|Habib|KH|Hj|Ustadz|Syekh)\.?\s+$"
    # "presenter Bima Aryo", "penyanyi Rina Nose": a trade of the famous, then the name.
    r"|\b(?:penyanyi|pelawak|komedian|presenter|aktor|aktris|youtuber|selebgram|pedangdut)\s+$"
)
# What may follow a person's name in apposition: "Harry Sims, yang tinggal", "X, warga Y".
_APPOS_FOLLOW_RE = re.compile(
    r", (?:yang\s+(?:tinggal|juga|merupakan|sedang|mengaku|menjadi|adalah)|pendiri|seorang|"
    r"salah\s+seorang|mantan|istri|suami|ayah|ibu|anak|kakak|adik)\b"
)
_ALIAS_BEFORE_RE = re.compile(r"\balias\s+$")
_SPELLED_WORDS = {w.lower() for r in SPELLED_OUT for w in r.split()}
_ALIAS_FOLLOW_RE = re.compile(r" alias [A-Z]")
_ALIAS_NAME_RE = re.compile(r"\balias ([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3})")
_LIST_NEXT_RE = re.compile(r"(?:,\s*(?:dan\s+|serta\s+)?|\s+(?:dan|serta)\s+)(?=[A-Z])")
_SENT_START_RE = re.compile(r"(?:^|[.!?:\n\"“”]\s*)$")


def _name_run(toks: list[str], places: set[str]) -> list[str] | None:
    """The tokens as a personal name (leading sentence words dropped), or None."""
    while toks and (
        toks[0].lower() in PREFIX_TITLES
        or not (_is_name_word(toks[0]) or (toks[0].lower() in NAME_PREFIXES and len(toks) > 1))
    ):
        toks = toks[1:]  # "M Hendra", "I Wayan Sudarsa": a name prefix stays with the name
    if not toks or len(toks) > 4 or any(t.lower() in PREFIX_TITLES for t in toks):
        return None
    if any(
        not (_is_name_word(t) or t.lower() in NAME_PREFIXES)
        or t in places
        or "-" in t
        or t.lower() in _SPELLED_WORDS
        for t in toks
    ):
        return None
    if not _is_name_word(toks[-1]) or len(toks[-1]) < 3:
        return None
    return toks


def _add_context_names(people: People, body: str, places: set[str]) -> None:
    """Names with no rank or role, recognised by the company they keep in running text.

    A capitalised run of name words (no organisation, place, role or sentence word in it) is a
    person when a careful reader could not take it for anything else:

    * a person trigger precedes it ("dikemudikan Tri Sumaryanto", "istri Rizieq Shihab",
      "bersama Rey Utami dan Pablo Benua"), with the names listed after it;
    * an apposition follows it ("Harry Sims, yang tinggal di ...", "X, warga Y") or "alias";
    * the text shortens it to one of its words elsewhere ("Galih Ginanjar" ... "menjenguk
      Galih,"), as news text does with people and never with places.

    Two words at least, so a lone capitalised word is never taken on context alone.
    """
    seqs = [(m.start(), m.end(), m[0].split(" ")) for m in _CAP_SEQ_RE.finditer(body)]
    # "M Hendra alias Indra Jepang": the alias is the same person wherever the text uses it.
    aliases = {m[1] for m in _ALIAS_NAME_RE.finditer(body)} if "alias " in body else set()
    for start, end, toks in seqs:
        if len(toks) < 2:
            continue
        if _SENT_START_RE.search(body, max(0, start - 3), start) and toks[0].lower() in _STOP_NAME:
            toks = toks[1:]
        name = _name_run(toks, places)
        if not name or len(name) < 2 or len(name) != len(toks):
            continue
        before = body[max(0, start - 30) : start]
        ok = (
            _PERSON_TRIGGER_RE.search(before) is not None
            or _APPOS_FOLLOW_RE.match(body, end) is not None
            or _ALIAS_FOLLOW_RE.match(body, end) is not None
        )
        if _ALIAS_BEFORE_RE.search(before) or " ".join(name) in aliases:
            continue  # "Muhajar Sidiq alias Bang Jek": an alias is not another person
        if not ok:
            continue
        people.add(_title_case_caps(" ".join(name)))
        p = end
        # A list after the name: "bersama Rey Utami dan Pablo Benua".
        for _ in range(5):
            sep = _LIST_NEXT_RE.match(body, p)
            if not sep:
                break
            nxt = _CAP_SEQ_RE.match(body, sep.end())
            if not nxt:
                break
            more = _name_run(nxt[0].split(" "), places)
            if not more or len(more) < 2:
                break
            people.add(_title_case_caps(" ".join(more)))
            p = nxt.end()


def extend_short_names(people: People, body: str) -> None:
    """ "Irba" -> "Irba Sulaiman": a one-word name the text also writes in full."""
    places = people.places
    for p in people.persons:
        if " " in p.name or len(p.name) < 3:
            continue
        needle = p.name + " "
        at = body.find(needle)
        while at >= 0:
            if at == 0 or not (body[at - 1].isalnum() or body[at - 1] in "'’-"):
                m = _NEXT_NAME_RE.match(body, at + len(needle))
                nxt = m[0] if m else ""
                if _is_name_word(nxt) and nxt not in places and len(nxt) >= 3:
                    full = f"{p.name} {nxt}"
                    if not any(full.lower() == q.name.lower() for q in people.persons):
                        p.name = full
                    break
            at = body.find(needle, at + 1)


_NEXT_NAME_RE = re.compile(r"[A-Z][\w'’-]+\b")


# Candidates named as a pair: "Paslon nomor urut 1 Agung Setyawan-Ambar Purwoko", "pasangan
# calon nomor urut 2, Nurhidayah dan Suyanto", "paslon Agung-Ambar".
_CANDIDATE_TRIGGER_RE = re.compile(
    r"\b(?:[Pp]aslon|[Pp]asangan(?:\s+calon)?|[Cc]alon\s+(?:[Bb]upati|[Ww]ali\s*[Kk]ota|[Gg]ubernur)"
    r"(?:\s+dan\s+[Ww]akil\s+\w+)?|[Kk]andidat)(?:\s+nomor(?:\s+urut)?\s+\d+)?\s*,?\s+(?=[A-Z])"
)


_PAIR_RE = re.compile(
    r"(?P<a>[A-Z][\w'’]*(?: [A-Z][\w'’]*){0,3})(?:\s*(?:-|–|—)\s*|\s+(?:dan|&)\s+)"
    r"(?P<b>[A-Z][\w'’]*(?: [A-Z][\w'’]*){0,3})"
)


def _add_candidates(people: People, text: str, in_body: bool) -> None:
    """Two candidates joined by a dash or "dan" after "paslon" / "pasangan calon"."""
    if "aslon" not in text and "asangan" not in text and "alon " not in text:
        return
    for m in _CANDIDATE_TRIGGER_RE.finditer(text):
        pair = _PAIR_RE.match(text, m.end())
        if not pair:
            continue
        found = [parse_name(pair[k] + " ", 0) for k in ("a", "b")]
        if not all(found) or not all(
            _is_name_word(f[0].split()[0])
            and all(_is_name_word(t) or (t.isupper() and len(t) <= 3) for t in f[0].split())
            for f in found
            if f
        ):
            continue  # (a short capital part may end a name: "Mahfud MD")
        for f, k in zip(found, ("a", "b"), strict=True):
            if f is None:
                continue
            idx = people.add(f[0])
            if in_body:
                people.mentions.append(Mention(pair.start(k), pair.end(k), person=idx))


# "Rahmansyah, Kepala SDM KPU Sulsel menyampaikan ...", "I Wayan Wasista, Bendesa Adat Kuta,
# mengatakan ...": a sentence that opens with a name and its office in apposition.
_NAME_COMMA_OFFICE_RE = re.compile(
    r"(?P<name>[A-Z][\w'’-]*(?: [A-Z][\w'’-]+){0,3}), "
    r"(?P<office>[A-Z][\w/'’.-]*(?: [A-Z][\w/'’.()-]*){0,6}),? "
)
_SENTENCE_BREAK_RE = re.compile(r"[.!?] |\n")


def _add_name_comma_role(
    people: People, text: str, in_body: bool, anchors: set[str] | None = None
) -> None:
    """A sentence opening with "Name, Office[,] speech verb": the name is a person (with no
    office word, only a name the text also uses alone: "I Wayan Wasista, Bendesa Adat Kuta,
    mengatakan" ... "kata Wasista")."""
    for v in _speech_verbs(text):
        lo = max(0, v.start() - 160)
        start = lo
        for b in _SENTENCE_BREAK_RE.finditer(text, lo, v.start()):
            start = b.end()
        if start == lo and lo > 0:
            continue
        m = _NAME_COMMA_OFFICE_RE.fullmatch(text, start, v.start())
        if not m:
            continue
        toks = m["name"].split()
        if not all(_is_name_word(t) or t.lower() in NAME_PREFIXES for t in toks):
            continue
        if not _is_name_word(toks[-1]) or any(t in people.places for t in toks):
            continue
        office_words = set(m["office"].split())
        if any(office_words & set(q.name.split()) for q in people.persons):
            continue  # "Terpisah, Camat Putri Hijau Sutrisno menjelaskan": the office has a name
        role_head = _ROLE_HEAD_RE.match(m["office"])
        if not role_head and not (anchors and anchors & set(toks)):
            continue  # "Lebih Jauh, Kapolres ...", "Pelatih Tira Persikabo, Rahmad ...": no name
        if len(toks) < 2 and (not role_head or _written_lower(toks[0], text)):
            # A lone word is believed only with an office it holds, and only if the text never
            # writes it in lower case ("Terpisah, Kapolres ..." is an adverb).
            continue
        role = normalize_role(m["office"]) if role_head else None
        idx = people.add(_title_case_caps(m["name"]), None, role or None)
        if in_body:
            people.mentions.append(Mention(m.start("name"), m.end("office"), person=idx))


# "ujar Danny - - sapaan akrab Ramdhan Pomanto": a nickname, then the person's name.
_NICKNAME_RE = re.compile(
    r"(?P<nick>[A-Z][\w'’-]+)(?:\s*[-–—,(])+\s*(?:sapaan\s+(?:akrab\s+)?|nama\s+panggilan\s+)"
    r"(?P<full>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3})"
)


# "Kombes BuHer sapaan akrabnya, ...", "pria yang akrab disapa Buher ini": the nickname of the
# person the text is about, named before it.
_NICKNAME_AFTER_RE = re.compile(
    r"(?P<nick>[A-Z][\w'’-]+),? (?:sapaan akrabnya|yang akrab disapa)\b"
    r"|(?:yang |)akrab disapa (?P<nick2>[A-Z][\w'’-]+)"
)


def _merge_nicknames(people: People, body: str) -> None:
    """A nickname introduced as "X - sapaan akrab Full Name" is that person, not another."""
    for m in _NICKNAME_AFTER_RE.finditer(body):
        nick = m["nick"] or m["nick2"]
        before = [x for x in people.mentions if x.person is not None and x.end <= m.start()]
        if not before or not nick:
            continue
        target = max(before, key=lambda x: x.end).person
        if target is None or people.persons[target].name == nick:
            continue
        full = people.persons[target].name
        for i, p in enumerate(people.persons):
            if i != target and p.name == nick:
                p.name = full  # merged away below
        people.persons = _dedupe_persons(people, target)
        people.nicknames[nick] = next(i for i, p in enumerate(people.persons) if p.name == full)
    for m in _NICKNAME_RE.finditer(body):
        full = parse_name(body, m.start("full"))
        if not full:
            continue
        target = people.add(full[0])
        nick = m["nick"]
        for i, p in enumerate(people.persons):
            if i != target and p.name == nick:
                people.persons[target].roles.update(p.roles)
                p.name = people.persons[target].name  # merged away below
        people.persons = _dedupe_persons(people, target)
        target = people.add(full[0])
        people.nicknames[nick] = target


def _dedupe_persons(people: People, keep: int) -> list[PersonRec]:
    """Drop persons that became copies of ``keep``; mentions of them move to ``keep``."""
    name = people.persons[keep].name
    order: list[PersonRec] = []
    remap: dict[int, int] = {}
    for i, p in enumerate(people.persons):
        if p.name == name and i != keep:
            continue
        remap[i] = len(order)
        order.append(p)
    for i in range(len(people.persons)):
        if i not in remap:
            remap[i] = remap[keep]
    for m in people.mentions:
        if m.person is not None:
            m.person = remap[m.person]
    return order


# A lone name with a person's apposition after it: "menahan Aris, selaku bendahara", "Suria,
# adik kandung ...", "setelah Iron, salah satu anggota tim", "Yulistiyono selaku sekretaris".
_LONE_APPOSITION_RE = re.compile(
    r",? selaku\b|, (?:adik|kakak|istri|suami|anak|ayah|ibu|paman|warga|pemeran|pemilik|"
    r"pengasuh|pendiri|salah\s+(?:satu|seorang)\s+"
    r"(?:anggota|warga|pelaku|tersangka|korban|saksi|petugas|personel|pengurus)|seorang\s+"
    r"(?:warga|pria|wanita|pemuda|petani|nelayan|pedagang|guru|siswa|mahasiswa|sopir|buruh|"
    r"karyawan))\b"
)
_LONE_KEYS = (" selaku", ", adik", ", kakak", ", istri", ", suami", ", anak", ", ayah", ", ibu",
              ", paman", ", warga", ", pemeran", ", pemilik", ", pengasuh", ", pendiri", ", salah",
              ", seorang")  # fmt: skip
_LONE_NAME_BEFORE_RE = re.compile(r"(?:(?<=[a-z,] )|(?<=\n)|^)[A-Z][a-z][\w'’-]+$")


def _written_lower(word: str, text: str) -> bool:
    """Whether ``text`` also writes ``word`` in lower case, as a word of its own: names never
    are ("Terpisah," / "di tempat terpisah"; but "Aris" inside "sekretaris" does not count)."""
    return re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", text) is not None


def _add_lone_names(people: People, body: str, places: set[str]) -> None:
    """One-word names a person's apposition vouches for; never a word the text also writes in
    lower case, a place, or a unit."""
    if not any(k in body for k in _LONE_KEYS):
        return
    for a in _LONE_APPOSITION_RE.finditer(body):
        m = _LONE_NAME_BEFORE_RE.search(body, max(0, a.start() - 40), a.start())
        if not m:
            continue
        before = body[max(0, m.start() - 30) : m.start()].split()
        if before and before[-1][:1].isupper():
            continue  # "Regia Glamouria selaku ...": the last word of a longer name or unit
        name = m[0]
        if not _is_name_word(name) or _is_place_word(name, places) or _written_lower(name, body):
            continue
        if body.endswith("alias ", 0, m.start()):
            continue  # "Budi Hariadi alias Budenk, selaku korban": the alias is not another
        idx = people.add(name)
        people.mentions.append(Mention(m.start(), m.end(), person=idx))


# "Muhammad Al Azhar (MA) alias Zoya": a name followed by the initials it is shortened to.
_NAME_INITIALS_RE = re.compile(
    r"(?P<name>[A-Z][a-z][\w'’-]*(?: [A-Z][\w'’-]*){1,4}) \((?P<ini>[A-Z]{2,5})\)"
)


_INITIALLED_CONTEXT_RE = re.compile(
    r"\b(?:pelaku|tersangka|terduga|korban|saksi|terdakwa|pencuri|pengedar|bandar|warga|"
    r"pria|wanita|pemuda|remaja|berinisial|bernama)\b[^.]{0,30}$"
)


_INITIALS_RE = re.compile(r" \([A-Z]{2,5}\)")


def _add_initialled(people: People, body: str) -> None:
    """A name the text abbreviates to its initials right after it is a person's."""
    for p in _INITIALS_RE.finditer(body):
        lo = body.rfind(" ", 0, max(0, p.start() - 80)) + 1  # a word boundary before the name
        m = _NAME_INITIALS_RE.search(body, lo, p.end())
        while m and m.end() != p.end():
            m = _NAME_INITIALS_RE.search(body, m.end(), p.end())
        if not m:
            continue
        toks = m["name"].split()
        while toks and not _is_name_word(toks[0]) and toks[0].lower() not in NAME_PREFIXES:
            toks = toks[1:]  # "Tersangka Muhammad ..." starts at the name
        if len(toks) < 2 or not all(_is_name_word(t) or t.lower() in NAME_PREFIXES for t in toks):
            continue
        if any(len(t) >= 4 and _written_lower(t, body) for t in toks):
            continue  # "warga Penerima Bantuan Iuran (PBI)": common words, not a name
        # An expansion of a term ("Tempat Pemungutan Suara (TPS)") has the same shape; only a
        # person's initials are followed by an alias or preceded by what the person did.
        if not (
            body.startswith(" alias ", m.end())
            or _INITIALLED_CONTEXT_RE.search(body, max(0, m.start() - 40), m.start())
        ):
            continue
        firsts = "".join(t[0] for t in toks)
        ini = m["ini"]
        if ini[0] != firsts[0] or not _is_subsequence(ini, firsts):
            continue
        start = m.end("name") - len(" ".join(toks))
        idx = people.add(" ".join(toks))
        people.mentions.append(Mention(start, m.end("name"), person=idx))


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def find_people(body: str, extra: list[str]) -> People:
    """Collect people from the body (with mention positions) and from ``extra`` (captions)."""
    people = People()
    anchors = _anchors(body)
    places = set(place_words(body))  # find_people adds to it; the cached set stays as it was
    people.places = places
    for text, in_body in [(body, True)] + [(line, False) for line in extra]:
        _add_ranked(people, text, in_body)
        _add_civil(people, text, in_body)
        _add_role_names(people, text, in_body, anchors, places)
        if ", " in text and _LISTED_LOWER_ROLE_RE.search(text):
            # "..., camat Sukamaju Budi Santoso, lurah ...": a role in a list written in lower
            # case heads a name as its capitalised form does (same offsets, so the mentions hold).
            raised = _LISTED_LOWER_ROLE_RE.sub(lambda m: m[0].capitalize(), text)
            _add_role_names(people, raised, in_body, anchors, places)
        _add_aged(people, text, in_body)
        _add_listed(people, text, in_body)
        if "Bapak " in text or "Ibu " in text:
            _add_addressed(people, text, in_body, anchors)
        _add_candidates(people, text, in_body)
        _add_name_comma_role(people, text, in_body, anchors)
    _add_speech_subjects(people, body)
    _add_context_names(people, body, places)
    _add_lone_names(people, body, places)
    if " (" in body:
        _add_initialled(people, body)
    extend_short_names(people, body)
    if "sapaan" in body or "panggilan" in body or "disapa" in body:
        _merge_nicknames(people, body)
    add_name_mentions(people, body)
    return people


_CAP_TOKEN_RE = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")


def add_name_mentions(people: People, body: str) -> None:
    """Record later mentions of known names and of bare roles, then sort all mentions."""
    covered = [(m.start, m.end) for m in people.mentions]
    words: dict[str, int] = {}
    for i, p in enumerate(people.persons):
        toks = [
            t
            for t in p.name.split()
            if len(t) > 2 and t.lower() not in _STOP_NAME and t.lower() not in NAME_PREFIXES
        ]  # "Ketut", "Gede", "Made" are shared birth-order names, never a person on their own
        if not toks:
            continue
        words.setdefault(p.name, i)
        for t in toks:
            words.setdefault(t, i)
    if words:
        lookup = {w.lower(): i for w, i in words.items()}
        for m in _CAP_TOKEN_RE.finditer(body):
            who = lookup.get(m[0].lower())
            if who is None or any(s <= m.start() < e for s, e in covered):
                continue
            people.mentions.append(Mention(m.start(), m.end(), person=who))
    for h in _ROLE_HEAD_RE.finditer(body):
        if any(s <= h.start() < e for s, e in covered):
            continue
        people.mentions.append(Mention(h.start(), h.end(), role=h[0]))
    people.mentions.sort(key=lambda m: (m.start, m.person is None))
