"""English news: language detection, people, quote filtering and speakers.

The rest of the extractor is tuned for Indonesian; an article written in English takes this path
for people, quotes and speakers instead (cleaning, datelines and dates are shared). The rules
are those of English news style:

* People come with a title or role before the name ("Mayor Jane Smith", "Sgt. Mike Brown",
  "Foreign Minister Simon Coveney", "spokeswoman Ann Lee") or an apposition after it ("Bob Lee,
  a 34-year-old teacher,"), or as the named subject or object of a speech verb ("Lee said",
  "said Bob Lee", "according to Ann Wu"). Military and police grades are the rank, offices the
  role; "Mr."/"Ms."/"Mrs."/"Dr." are dropped from the name (they only tell the gender).
* A quotation is speech only when something shows it: an attribution after it (`," she said`),
  an introduction before it (`She added: "`), or a whole quoted sentence of its own. A quoted
  fragment in running text ("balances the books") or a title ("her book \\"Long Road\\"") is not.
* Speakers: a named attribution names the speaker (a cataphoric `said X` may introduce them);
  "the mayor said" is the person holding that office; a pronoun is the person the previous
  sentence is about (its subject), checked against what the text tells of gender, and None
  when two people fit equally. "A spokesman said", "police said" give None: the speaker is not
  a person the article names.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from warta.store.extract.people import Mention, People
from warta.store.extract.quotes import Span

# --- language -------------------------------------------------------------------------------

_EN_WORDS_RE = re.compile(
    r"\b(?:the|and|of|to|was|is|were|has|have|had|that|with|for|said|says|he|she|it|they|"
    r"on|in|by|from|at|this|will|would|an|are|be|been|not|but|who|which)\b",
    re.IGNORECASE,
)
_ID_WORDS_RE = re.compile(
    r"\b(?:yang|dan|di|ke|dari|untuk|dengan|ini|itu|tidak|akan|pada|dalam|juga|oleh|adalah|"
    r"karena|bahwa|saat|atau|kami|kita|sudah|telah|tersebut|para|ujar|kata)\b",
    re.IGNORECASE,
)


def is_english(text: str) -> bool:
    """True when ``text`` reads as English: English function words far outnumber Indonesian.

    Indonesian articles quoting English lyrics or names still have many "yang/dan/di"; an
    English article has almost none.
    """
    if len(_ID_WORDS_RE.findall(text, 0, 400)) >= 3:
        return False  # the common case, decided on the lead alone
    sample = text[:4000]
    en = len(_EN_WORDS_RE.findall(sample))
    id_ = len(_ID_WORDS_RE.findall(sample))
    if en < 6:
        return en >= 3 and id_ == 0  # a short snippet: no Indonesian word at all
    return en >= 4 * id_ + 4


# --- lexicon --------------------------------------------------------------------------------


def _bar_list(text: str) -> list[str]:
    """The "|"-separated entries of ``text``, longest first (so alternations prefer them)."""
    return sorted({w.strip() for w in text.split("|")} - {""}, key=lambda w: (-len(w), w))


def _word_set(text: str) -> set[str]:
    return set(text.split())


# Military and police grades: the person's rank. Longest first.
RANKS = _bar_list(
    """
    Detective Chief Inspector|Detective Superintendent|Chief Superintendent|Detective Inspector|
    Detective Sergeant|Lieutenant Colonel|Lieutenant General|Brigadier General|Police Constable|
    Chief Inspector|Master Sergeant|Sergeant Major|Sgt. 1st Class|Staff Sergeant|Major General|
    Master Sgt.|Brig. Gen.|Det. Insp.|First Sgt.|Lieutenant|Specialist|Staff Sgt.|Commander|
    Constable|Det. Sgt.|Detective|Inspector|Lt. Cmdr.|Maj. Gen.|Rear Adm.|Sgt. Maj.|Vice Adm.|
    Corporal|Lt. Col.|Lt. Gen.|Sergeant|Admiral|Captain|Colonel|General|Marshal|Officer|Private|
    Trooper|Capt.|Cmdr.|Major|Adm.|Col.|Cpl.|Det.|Gen.|Maj.|Pvt.|Sgt.|Spc.|Lt.|Sgt|Lt
    """
)
# Offices written before a name (capitalised): the role.
ROLE_TITLES = _bar_list(
    """
    Deputy Prime Minister|Lieutenant Governor|Executive Director|District Attorney|
    Foreign Secretary|Attorney General|Health Secretary|Chief Executive|Chief of Police|
    President-elect|Council member|Home Secretary|Prime Minister|Representative|Superintendent|
    Vice President|Assemblywoman|Chief Justice|Congresswoman|Councilmember|Commissioner|
    Councilwoman|Crown Prince|Deputy Mayor|Lord Justice|Police Chief|Assemblyman|Chairperson|
    Congressman|Alderwoman|Ambassador|Archbishop|Chairwoman|Chancellor|Councillor|Councilman|
    Fire Chief|Magistrate|Prosecutor|State Rep.|State Sen.|Councilor|President|Principal|
    Professor|Secretary|Treasurer|Alderman|Cardinal|Chairman|Director|Governor|Lt. Gov.|
    Minister|Princess|Reverend|Justice|Premier|Provost|Senator|Sheriff|Speaker|Bishop|Deputy|
    Pastor|Prince|Sultan|Chair|Chief|Coach|Judge|Mayor|Prof.|Queen|Rabbi|Dean|Emir|Gov.|Imam|
    King|Pope|Rep.|Rev.|Sen.|CEO
    """
)
# Office words written in lower case before a name ("spokeswoman Ann Lee", "CEO Tim Cook").
LOWER_ROLES = {
    "spokesman", "spokeswoman", "spokesperson", "director", "chairman", "chairwoman", "chair",
    "president", "ceo", "founder", "co-founder", "manager", "coach", "professor", "analyst",
    "economist", "lawyer", "attorney", "teacher", "principal", "superintendent", "head",
    "chief", "official", "secretary", "treasurer", "commissioner", "executive", "officer",
    "minister", "leader", "researcher", "scientist", "editor", "owner", "organizer",
    "organiser", "representative", "adviser", "advisor", "strategist", "member",
    "board member", "council member", "novelist", "author", "writer", "actor", "actress",
    "singer", "artist", "historian", "physician", "doctor", "nurse", "engineer", "pastor",
    "vice president", "general manager", "chief executive", "executive director", "campaigner",
    "activist", "lawmaker", "legislator", "resident", "witness",
}  # fmt: skip
# Words before an office that belong to it ("Foreign Minister", "police spokesman").
_ROLE_MODIFIERS = {
    "foreign", "finance", "defense", "defence", "interior", "health", "justice", "deputy",
    "vice", "education", "home", "trade", "economy", "labor", "labour", "transport", "energy",
    "environment", "agriculture", "state", "assistant", "associate", "executive", "police",
    "fire", "acting", "interim", "senior", "chief", "city", "county", "company", "agency",
    "department", "ministry", "government", "campaign", "military", "army", "hospital",
    "school", "district", "airport", "union", "team", "club", "party", "court", "managing",
    "marketing", "communications", "press", "regional", "local", "national", "federal",
    "university", "museum", "general", "technical", "financial", "operating", "science",
    "culture", "tourism", "information", "security", "public", "safety", "works",
}  # fmt: skip
_MALE_WORDS = {
    "mr", "mr.", "sir", "king", "prince", "councilman", "congressman", "assemblyman",
    "alderman", "chairman", "spokesman", "businessman", "lord", "father", "brother", "sultan",
    "emir", "crown prince", "he", "his", "him",
}  # fmt: skip
_FEMALE_WORDS = {
    "mrs", "mrs.", "ms", "ms.", "miss", "madam", "dame", "lady", "queen", "princess",
    "councilwoman", "congresswoman", "assemblywoman", "alderwoman", "chairwoman",
    "spokeswoman", "businesswoman", "sister", "she", "her", "hers",
}  # fmt: skip
# Common given names whose gender English readers take for granted ("Jane", "Bob").
_MALE_NAMES = _word_set(
    """
    james john robert michael william david richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
    ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
    scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
    tyler aaron jose adam nathan henry douglas zachary peter kyle noah ethan jeremy walter
    christian keith roger terry austin sean gerald carl harold dylan arthur lawrence jordan
    jesse bryan billy bruce gabriel joe logan alan juan albert willie elijah wayne randy
    vincent mason roy ralph bobby russell bradley philip eugene bob bill jim tom mike dave
    steve tim joe ben sam tony ken rick dan greg jeff chris matt nick pete ted ed hugh ian
    neil simon boris vladimir emmanuel olaf rishi keir xi narendra luiz recep benjamin
    """
)
_FEMALE_NAMES = _word_set(
    """
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy
    betty margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa
    deborah stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda
    pamela emma nicole helen samantha katherine christine debra rachel carolyn janet
    catherine maria heather diane ruth julie olivia joyce virginia victoria kelly lauren
    christina joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa
    ann annie sara madison frances kathryn janice jean abigail alice judy sophia grace
    denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany
    charlotte marie kayla alexis lori jane anne kate katie liz beth sue nora ella ava mia
    chloe lucy zoe ursula kamala hillary nancy theresa angela giorgia jacinda sanna
    """
)
_SPEECH_VERBS = (
    r"said|says|say|told|tells|added|adds|wrote|writes|explained|stated|noted|asked|replied|"
    r"continued|insisted|warned|argued|recalled|tweeted|posted|declared|announced|concluded|"
    r"acknowledged|admitted|conceded|remarked|shouted|whispered|testified|recounted|quipped|"
    r"observed|cautioned|urged|responded|countered|stressed|emphasized|emphasised|pointed\s+out|"
    r"went\s+on"
)
# Capitalised words that never belong to a person's name.
_NOT_NAME = _word_set(
    """
    the a an and of in on at for to by from with as but or nor so yet if when while after
    before since until because although though he she it they we i you his her its their our
    my your this that these those there here what who whom which where why how according
    meanwhile however also still now then today yesterday tomorrow last next earlier later
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december police city council county
    state department ministry government university party court house senate congress
    parliament assembly committee commission agency office board reuters associated press ap
    afp bbc cnn company inc corp co ltd llc group bank street avenue road river airport
    hospital school college church news times post journal republic kingdom united states
    national federal international world north south east west new mr mrs ms dr prof sir
    madam dame lord lady said says told added in-a statement thank thanks please yes no oh
    well mayor governor senator president minister secretary treasurer councilman
    councilwoman chief sheriff officer detective sergeant lieutenant captain colonel general
    major judge justice spokesman spokeswoman chairman director prime vice deputy
    authorities officials internet online covid coronavirus god jesus allah christmas easter
    ramadan
    """
)
_NOT_NAME |= {r.lower().rstrip(".") for t in RANKS + ROLE_TITLES for r in t.split()}
_SUFFIXES = {"Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV"}
_PARTICLES = {"de", "van", "von", "der", "da", "del", "della", "la", "le", "bin", "al", "ibn"}
_HONORIFICS = {"Mr.", "Mrs.", "Ms.", "Miss", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Sir", "Dame"}
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "lt", "gen", "col", "capt", "sgt",
    "maj", "cpl", "pvt", "adm", "cmdr", "det", "st", "jr", "sr", "inc", "corp", "co", "ltd",
    "no", "vs", "mt", "ft", "rev", "hon", "jan", "feb", "aug", "sept", "sep", "oct", "nov",
    "dec", "insp", "spc", "u.s", "u.k", "a.m", "p.m", "e.g", "i.e", "d.c", "u.n",
}  # fmt: skip


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


_TOKEN_RE = re.compile(r"[A-Z][\w'’-]*\.?|[A-Z]\.")
_RANK_BEFORE_RE = re.compile(rf"(?<![\w.])(?:{_alt(RANKS)})(?=\s+[A-Z])")
_TITLE_BEFORE_RE = re.compile(rf"(?<![\w.])(?:{_alt(ROLE_TITLES)})(?=\s+(?:[A-Z]|of\s))")
_LOWER_ROLE_RE = re.compile(
    rf"(?<![\w-])(?:{_alt(sorted(LOWER_ROLES, key=len, reverse=True))})(?=\s+[A-Z][a-z])",
    re.IGNORECASE,
)
_HONORIFIC_RE = re.compile(r"(?<![\w.])(?:Mr|Mrs|Ms|Dr|Miss|Sir|Dame)\.?(?=\s+[A-Z])")
_SPEECH_RE = re.compile(rf"(?<![\w-])(?:{_SPEECH_VERBS})(?![\w-])")
# Verbs that make their subject or object a person ("Tel Aviv insisted" may be a city).
_CORE_SPEECH_RE = re.compile(r"(?<![\w-])(?:said|says|told|added|wrote)(?![\w-])")
_ACCORDING_RE = re.compile(r"(?<![\w-])[Aa]ccording\s+to\s+(?=[A-Z])")
_APPOSITION_RE = re.compile(
    r",\s+(?:(?P<age>\d{1,3})(?=[,.]))?(?:,\s+)?(?:(?:a|an|the)\s+(?:\d{1,3}-year-old\s+)?"
    r"(?P<desc>(?:[\w'’-]+\s+){0,7}?[\w'’-]+)\s*"
    r"(?=,|\.(?:\s|$)|\s+(?:who|whose|with|said|says|told)\b))?"
)
# The head of a description that makes the named thing a person: "a teacher", "an official".
_PERSON_HEAD_RE = re.compile(
    r"(?:er|or|ist|ian|ant|ent|man|woman|person|ee|ive|ic|ary)$|^(?:official|chief|head|"
    r"member|mother|father|son|daughter|wife|husband|widow|parent|child|friend|neighbou?r|"
    r"colleague|resident|student|nurse|doctor|veteran|victim|witness|survivor|activist|"
    r"candidate|mayor|minister|senator|governor|judge|coach|pilot|chef|artist|aide|ally|"
    r"expert|scholar|leader|guard|cop|ceo|boss|rival|partner|citizen|native|novelist|poet)$"
)


@dataclass
class EnglishPeople(People):
    """:class:`People` plus what the text says of each person's gender ("m"/"f")."""

    gender: dict[int, str] = field(default_factory=dict)

    def note_gender(self, idx: int, g: str | None) -> None:
        if g and idx not in self.gender:
            self.gender[idx] = g


# --- names ----------------------------------------------------------------------------------


def parse_name(text: str, pos: int, *, single_ok: bool = False) -> tuple[str, int] | None:
    """A personal name starting at ``pos``: capitalised words and initials, "Jr.", "de".

    Returns the name and its end offset. One word only when ``single_ok`` (after a title).
    """
    toks: list[str] = []
    ends: list[int] = []
    p = pos
    while len(toks) < 5:
        while p < len(text) and text[p] == " ":
            p += 1
        m = _TOKEN_RE.match(text, p)
        if not m:
            # "Ludwig van Beethoven": a particle between two name words.
            w = re.match(r"([a-z]+) (?=[A-Z])", text[p : p + 12])
            if toks and w and w[1] in _PARTICLES:
                toks.append(w[1])
                ends.append(p + len(w[1]))
                p += len(w[0])
                continue
            break
        tok = m[0]
        if tok.endswith(("'s", "’s")):
            core = tok[:-2]
            if core.lower() not in _NOT_NAME and not (core.isupper() and len(core) > 1):
                toks.append(core)
                ends.append(m.end() - 2)
            break
        if tok in _SUFFIXES and toks:
            toks.append(tok)
            ends.append(m.end())
            p = m.end()
            continue
        core = tok.rstrip(".")
        if core.lower() in _NOT_NAME or (core.isupper() and len(core) > 1):
            break
        initial = len(tok) == 2 and tok.endswith(".")
        if tok.endswith(".") and not initial:
            toks.append(core)  # "... Jane Smith." ends the sentence
            ends.append(m.start() + len(core))
            break
        toks.append(tok)
        ends.append(m.end())
        p = m.end()
    while toks and (
        toks[-1] in _PARTICLES or (toks[-1].endswith(".") and toks[-1] not in _SUFFIXES)
    ):
        toks.pop()  # a trailing particle or initial is not a name's end
        ends.pop()
    real = [t for t in toks if len(t.rstrip(".")) > 1 and t not in _SUFFIXES]
    if not real or (len(real) < 2 and not single_ok):
        return None
    return " ".join(toks), ends[-1]


def _gender_of_name(name: str) -> str | None:
    first = name.split()[0].lower().rstrip(".")
    if first in _MALE_NAMES and first not in _FEMALE_NAMES:
        return "m"
    if first in _FEMALE_NAMES and first not in _MALE_NAMES:
        return "f"
    return None


def _gender_of_word(word: str) -> str | None:
    w = word.lower()
    if w in _MALE_WORDS:
        return "m"
    if w in _FEMALE_WORDS:
        return "f"
    return None


def _role_words_before(text: str, start: int) -> list[str]:
    """Modifier words right before an office ("Foreign" in "Foreign Minister")."""
    words: list[str] = []
    p = start
    while len(words) < 3:
        m = re.search(r"([A-Za-z][\w.'’-]*) $", text[max(0, p - 40) : p])
        if not m or m[1].lower() not in _ROLE_MODIFIERS:
            break
        words.insert(0, m[1])
        p -= len(m[0])
    return words


def _add_titled(people: EnglishPeople, text: str, in_body: bool) -> None:
    """ "Mayor Jane Smith", "Sgt. Mike Brown", "Minister of Humanitarian Affairs Steve Mbikayi",
    "spokeswoman Ann Lee", "Mr. Smith"."""
    found: list[tuple[int, int, str, str | None, str | None, str | None]] = []
    taken: list[tuple[int, int]] = []
    for rx, kind in (
        (_RANK_BEFORE_RE, "rank"),
        (_TITLE_BEFORE_RE, "role"),
        (_LOWER_ROLE_RE, "lower"),
        (_HONORIFIC_RE, "hon"),
    ):
        for m in rx.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            title = re.sub(r"\s+", " ", m[0])
            p = m.end()
            role_text = title
            if kind == "role" and text.startswith(" of ", p):
                # "Minister of Humanitarian Affairs Steve Mbikayi": the last two words name him.
                run = re.match(r" of((?: (?:[A-Z][\w'’-]*|and|the|for))+)", text[p:])
                if not run:
                    continue
                words = run[1].split()
                if len(words) < 3:
                    continue
                role_text = f"{title} of {' '.join(words[:-2])}"
                p = p + 4 + len(" ".join(words[:-2])) + 1
            elif kind == "lower" and (
                title.lower() not in LOWER_ROLES
                or not (title.islower() or _sentence_initial(text, m.start()))
            ):
                continue  # "Spokeswoman Ann Lee" only at a sentence start
            parsed = parse_name(text, p, single_ok=kind in ("rank", "role", "hon"))
            if not parsed:
                continue
            name, end = parsed
            rank = title if kind == "rank" else None
            role = None
            start = m.start()
            if kind in ("role", "lower"):
                mods = _role_words_before(text, m.start())
                if kind == "lower" or any(w[0].isupper() for w in mods):
                    mods = [w for w in mods if w[0].isupper()] if kind == "role" else mods
                role = " ".join([*mods, role_text]) if mods else role_text
                if kind == "lower" and role[0].isupper() and role[1:2].islower():
                    role = role[0].lower() + role[1:]  # "Novelist" opening a sentence
                if mods:
                    start = text.rfind(mods[0], 0, m.start())
                role = _FULL_TITLES.get(role, role)
            elif kind == "rank":
                # "Police Chief Capt. X": an office right before the grade is the role.
                before = re.search(rf"(?:{_alt(ROLE_TITLES)}) $", text[max(0, start - 30) : start])
                if before:
                    role = before[0].strip()
            gender = _gender_of_word(title.split()[-1].rstrip(".")) or _gender_of_word(
                title.rstrip(".")
            )
            found.append((start, end, name, rank, role, gender))
            taken.append((m.start(), end))
    for start, end, name, rank, role, gender in sorted(found):
        idx = people.add(name, rank, role)
        if role:
            people.persons[idx].roles[role] += 1  # a title outweighs a description
        people.note_gender(idx, gender)
        if in_body:
            people.mentions.append(Mention(start, end, person=idx, intro=True))


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3) : pos]
    return pos == 0 or bool(re.search(r"(?:[.!?:\"”—–-]\s|\n)$", before))


_FULL_TITLES = {
    "Sen.": "Senator", "State Sen.": "State Senator", "Rep.": "Representative",
    "State Rep.": "State Representative", "Gov.": "Governor", "Lt. Gov.": "Lieutenant Governor",
    "Prof.": "Professor", "Rev.": "Reverend",
}  # fmt: skip

_NAME_START_RE = re.compile(r"(?<![\w'’.-])[A-Z][a-z]")


def _name_before(text: str, end: int) -> tuple[str, int] | None:
    """A name of two to four words ending right at ``end`` (before " said", ", a teacher")."""
    window_start = max(0, end - 60)
    for m in _NAME_START_RE.finditer(text, window_start, end):
        parsed = parse_name(text, m.start())
        if parsed and parsed[1] == end:
            prev = text[max(0, m.start() - 4) : m.start()]
            if prev.lower().endswith("the "):
                return None  # "the White House said": an institution
            return parsed[0], m.start()
    return None


def _add_contextual(people: EnglishPeople, text: str, in_body: bool) -> None:
    """Untitled names made people by context: "Bob Lee, a teacher,", "Lee Wu said", "said Ann
    Wu", "according to Ann Wu"."""
    for m in _APPOSITION_RE.finditer(text):
        desc = m["desc"]
        if not (m["age"] or desc):
            continue
        role = None
        if desc:
            head = re.split(r"\s+(?:of|for|at|with|in|from|on)\s+", desc)[0].split()[-1]
            if desc[0].isupper() or not _PERSON_HEAD_RE.search(head.lower()):
                continue  # "Los Angeles, the largest city": not a person
            role = re.sub(r"^[\w'’-]+['’]s\s+", "", desc)  # "the city's finance director"
        named = _name_before(text, m.start())
        if not named:
            continue
        name, start = named
        idx = people.add(name, None, role or None)
        if in_body:
            people.mentions.append(Mention(start, m.start(), person=idx, intro=True))
    for v in _CORE_SPEECH_RE.finditer(text):
        named = (
            _name_before(text, v.start() - 1) if text[v.start() - 1 : v.start()] == " " else None
        )
        if named:
            idx = people.add(named[0])
            if in_body:
                people.mentions.append(Mention(named[1], v.start() - 1, person=idx))
            continue
        after = parse_name(text, v.end() + 1) if text.startswith(" ", v.end()) else None
        if after:
            idx = people.add(after[0])
            if in_body:
                people.mentions.append(Mention(v.end() + 1, after[1], person=idx))
    for a in _ACCORDING_RE.finditer(text):
        parsed = parse_name(text, a.end())
        if parsed:
            idx = people.add(parsed[0])
            if in_body:
                people.mentions.append(Mention(a.end(), parsed[1], person=idx))


_WORD_TOKEN_RE = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")


def _add_mentions(people: EnglishPeople, body: str) -> None:
    """Later mentions by surname ("Smith said") and every mention's gender clues."""
    covered = [(m.start, m.end) for m in people.mentions]
    lookup: dict[str, int] = {}
    counts: dict[str, int] = {}
    for i, p in enumerate(people.persons):
        toks = [t for t in p.name.split() if len(t) > 2 and t.lower() not in _NOT_NAME]
        for t in toks[-1:] + toks[:1]:
            counts[t] = counts.get(t, 0) + 1
            lookup.setdefault(t, i)
    lookup = {k: v for k, v in lookup.items() if counts[k] == 1}  # two Smiths: ambiguous
    for m in _WORD_TOKEN_RE.finditer(body):
        tok = m[0][:-2] if m[0].endswith(("'s", "’s")) else m[0]
        who = lookup.get(tok)
        if who is None or any(s <= m.start() < e for s, e in covered):
            continue
        people.mentions.append(Mention(m.start(), m.start() + len(tok), person=who))
        hon = re.search(r"(Mr|Mrs|Ms|Miss)\.? $", body[max(0, m.start() - 6) : m.start()])
        if hon:
            people.note_gender(who, _gender_of_word(hon[1]))
    for i, p in enumerate(people.persons):
        people.note_gender(i, _gender_of_name(p.name))
        for r in p.roles:
            head = re.split(r"\s+(?:of|for|at|with|in)\s+", r)[0].split()
            people.note_gender(i, _gender_of_word(head[-1]) if head else None)
    people.mentions.sort(key=lambda m: m.start)


def find_people_en(body: str, extra: list[str]) -> EnglishPeople:
    """People named in an English body (with mentions) and in captions."""
    people = EnglishPeople()
    for text, in_body in [(body, True)] + [(line, False) for line in extra]:
        _add_titled(people, text, in_body)
        _add_contextual(people, text, in_body)
    _add_mentions(people, body)
    return people


# --- sentences ------------------------------------------------------------------------------

_BOUNDARY_RE = re.compile(r"[.!?][\"”’]?\s+(?=[\"“‘(]?[A-Z0-9])|\n\n(?=[\"“‘(]?[A-Z0-9])")


def sentence_starts(body: str, quotes: list[tuple[int, int]]) -> list[int]:
    """Offsets where sentences start; boundaries inside a quotation do not count.

    ``quotes`` are (opening mark, closing mark) offsets.
    """
    starts = [0]
    for m in _BOUNDARY_RE.finditer(body):
        at = m.start()
        if body[at] == ".":
            word = re.search(r"([\w.]+)$", body[max(0, at - 12) : at])
            w = word[1].lower() if word else ""
            if w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                continue
        last = m.start() + len(m[0].rstrip()) - 1  # the period, or a closing mark after it
        if any(a < last < b for a, b in quotes):
            continue  # inside a quotation ('"We won. They lost," he said')
        starts.append(m.end())
    return starts


# --- quotes ---------------------------------------------------------------------------------

_TITLE_CONTEXT_RE = re.compile(
    r"\b(?:book|novel|film|movie|song|album|show|series|play|poem|report|article|essay|"
    r"headline|slogan|motto|campaign|titled|entitled|called|dubbed|named|nicknamed|known\s+as|"
    r"so-called|term|phrase|word|words|sign|signs|banner|reading|read|hashtag|program|"
    r"programme|initiative|operation|project|exhibition)\s*,?\s*$",
    re.IGNORECASE,
)
_PRONOUNS = {"he": "m", "she": "f", "they": None, "i": None, "we": None}
_REF = (
    r"(?:he|she|they|He|She|They|I|We|we"
    r"|(?:the|The)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}"
    r"|(?:a|an|A|An|one|One|another|Another)\s+[\w'’-]+(?:\s+[\w'’-]+){0,7}?"
    r"|[a-z]+"
    r"|(?:[A-Z][\w.'’-]*\s+){0,5}[A-Z][\w'’-]*)"
)
_AFTER_RE = re.compile(
    rf"[\s,]*(?:(?P<verb1>{_SPEECH_VERBS})\s+(?P<ref1>(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*"
    rf"|the\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?|an?\s+[\w'’-]+(?:\s+[\w'’-]+){{0,6}}?|he|she|they)"
    rf"|(?P<ref2>{_REF})\s+(?:also\s+|later\s+|then\s+|has\s+|had\s+|once\s+)?(?P<verb2>{_SPEECH_VERBS})\b"
    r"|(?P<acc>[Aa]ccording\s+to)\s+(?P<ref3>[\w.'’ -]{2,60}?)(?=[,.;]|$))"
)
_BEFORE_VERB_RE = re.compile(
    rf"(?P<ref>{_REF}|,)\s+(?:also\s+|later\s+|then\s+|has\s+|had\s+|once\s+)?"
    rf"(?P<verb>{_SPEECH_VERBS})\b(?P<tail>[^.!?\"“”]{{0,60}}?)\s*(?P<punct>[:,]|\bthat)?\s*$"
)


@dataclass
class Attribution:
    kind: str  # "name", "role", "pronoun", "anon", "subject"
    text: str
    at: int


def _classify(ref: str, at: int) -> Attribution:
    ref = ref.strip()
    low = ref.lower()
    if low in _PRONOUNS:
        return Attribution("pronoun", low, at)
    first = low.split()[0]
    if first in ("a", "an", "one", "another"):
        return Attribution("anon", ref, at)
    if first == "the":
        rest = ref.split(None, 1)[1] if " " in ref else ""
        if rest and rest[0].islower():
            return Attribution("role", rest, at)
        return Attribution("anon", ref, at)  # "the White House said"
    if ref[0].islower():
        return Attribution("anon", ref, at)  # "police said", "officials said"
    return Attribution("name", ref, at)


def attribution_after(body: str, pos: int) -> Attribution | None:
    """The attribution right after a closing mark at ``pos``, if any."""
    m = _AFTER_RE.match(body, pos, min(len(body), pos + 120))
    if not m:
        return None
    if "\n\n" in body[pos : m.end()]:
        # An attribution pushed into the next paragraph ("he said.") is short and ends there;
        # a new paragraph that goes on ("The mayor said the plan ...") is a new sentence.
        rest = re.match(r"[^.!?\n]*", body[m.end() : m.end() + 80])
        if rest is None or len(rest[0]) > 40:
            return None
    for key in ("ref1", "ref2", "ref3"):
        if m[key]:
            return _classify(m[key], m.start(key))
    return None


def _strip_quotes_text(body: str, lo: int, hi: int, quotes: list[tuple[int, int]]) -> str:
    """``body[lo:hi]`` with quotation contents blanked (same length)."""
    chars = list(body[lo:hi])
    for a, b in quotes:
        for k in range(max(a, lo), min(b, hi)):
            chars[k - lo] = " "
    return "".join(chars)


def attribution_before(
    body: str, open_at: int, sent_start: int, quotes: list[tuple[int, int]]
) -> tuple[Attribution | None, bool]:
    """The speech verb introducing a quotation from earlier in its sentence.

    Returns the attribution and whether it is a direct introduction (`said: "`, `added, "`,
    `said that "`) rather than a verb further back in the sentence.
    """
    pre = _strip_quotes_text(body, sent_start, open_at, quotes)
    m = _BEFORE_VERB_RE.search(pre)
    if not m:
        return None, False
    direct = bool(m["punct"]) or not m["tail"].strip()
    if not direct and len(m["tail"]) > 60:
        return None, False
    ref = m["ref"]
    # "Smith, who has led the council since 2019, said:": the subject opens the sentence.
    if ref == "," or ref.lower() == "who":
        return Attribution("subject", "", sent_start), direct
    return _classify(ref, sent_start + m.start("ref")), direct


def _words(text: str) -> int:
    return len(re.findall(r"[^\W_]+", text))


def filter_quotes_en(body: str, spans: list[Span]) -> list[Span]:
    """Keep the spans that are speech by English rules; drop a final period before the mark."""
    marks = [
        (sp.open if sp.open >= 0 else sp.start, sp.close if sp.close >= 0 else sp.end)
        for sp in spans
    ]
    starts = sentence_starts(body, marks)
    out: list[Span] = []
    for sp in spans:
        text = body[sp.start : sp.end]
        n = _words(text)
        open_at = sp.open if sp.open >= 0 else sp.start
        after = sp.close + 1 if sp.close >= 0 else sp.end
        s_start = starts[bisect.bisect_right(starts, open_at) - 1]
        attributed = attribution_after(body, after) is not None
        before, direct = attribution_before(body, open_at, s_start, marks)
        pre = body[max(0, open_at - 40) : open_at]
        own_sentence = s_start >= open_at - 1 or not body[s_start:open_at].strip()
        if attributed:
            # `"...," he said`: speech ends with punctuation; `the "so-called" experts said`
            # quotes a term.
            inner = body[sp.close - 1] if sp.close > 0 else ""
            ok = n >= 2 and (inner in ",.!?…-—" or n >= 6 or "\n\n" in body[after : after + 4])
        elif before is not None and direct:
            ok = n >= 2 and not _TITLE_CONTEXT_RE.search(pre)
        elif _TITLE_CONTEXT_RE.search(pre):
            ok = False
        elif own_sentence:
            # A quoted sentence of its own: speech when it reads as one (not a title).
            closes = body[sp.end - 1 : sp.end] in ".!?" or body[after : after + 1] in ".!?"
            ok = n >= 4 and text[:1].isupper() and (closes or n >= 8)
        elif before is not None:
            ok = n >= 5  # a long partial quote inside a reported-speech sentence
        else:
            ok = False
        if not ok:
            continue
        end = sp.end
        if body[end - 1 : end] == "." and body[end - 2 : end] != "..":
            word = re.search(r"([\w.]+)\.$", body[max(sp.start, end - 12) : end])
            if not (word and (word[1].lower() in _ABBREVIATIONS or "." in word[1])):
                end -= 1
        out.append(Span(sp.start, end, sp.open, sp.close))
    return out


# --- speakers -------------------------------------------------------------------------------


# "A resident said", "One witness told", "The woman added": a person the text does not name.
_UNNAMED_SUBJECT_RE = re.compile(
    rf"(?:[^\"“”.]{{0,30}}?,\s+)?(?P<det>A|An|One|Another|The|a|an|one|another|the)\s+"
    rf"(?P<np>(?:[a-z][\w-]*\s+){{0,3}}?[a-z][\w-]*)(?:\s+(?:for|of|at|with)\s+[^.\"“”]{{0,40}}?)?"
    rf"\s+(?:also\s+)?(?:{_SPEECH_VERBS})\b"
)


class _Speakers:
    def __init__(self, body: str, spans: list[Span], people: EnglishPeople) -> None:
        self.body = body
        self.spans = spans
        self.people = people
        self.quotes = [
            (sp.open if sp.open >= 0 else sp.start, sp.close + 1 if sp.close >= 0 else sp.end)
            for sp in spans
        ]
        self.starts = sentence_starts(body, [(a, b - 1) for a, b in self.quotes])
        self.mentions = [m for m in people.mentions if not self._in_quote(m.start)]
        self.mention_starts = [m.start for m in self.mentions]
        self.said: dict[int, int] = {}  # sentence index -> person who speaks in it

    def _in_quote(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.quotes)

    def sent(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1

    def persons_in(self, lo: int, hi: int) -> list[int]:
        """Distinct people mentioned in ``[lo, hi)``, most recent first."""
        k = bisect.bisect_left(self.mention_starts, hi) - 1
        out: list[int] = []
        while k >= 0 and self.mentions[k].start >= lo:
            p = self.mentions[k].person
            if p is not None and p not in out:
                out.append(p)
            k -= 1
        return out

    def subject(self, s: int) -> int | None:
        """The person sentence ``s`` is about: its speaker, or a person opening it; -1 for an
        unnamed one ("A resident said ...")."""
        if s in self.said:
            return self.said[s]
        lo = self.starts[s]
        hi = self.starts[s + 1] if s + 1 < len(self.starts) else len(self.body)
        u = _UNNAMED_SUBJECT_RE.match(self.body, lo, hi)
        if u:
            if u["det"].lower() == "the":
                who = self.role_holder(u["np"], lo)
                if who is not None:
                    return who
            return -1
        k = bisect.bisect_left(self.mention_starts, lo)
        if k < len(self.mentions) and self.mentions[k].start < hi:
            m = self.mentions[k]
            head = self.body[lo : m.start].strip()
            if m.person is not None and re.fullmatch(
                r"(?:(?:[Aa]ccording to|[A-Z][\w.'’-]*|of|the|and|former|acting|interim|"
                r"[a-z]+(?=\s+[A-Z]))\s*)*",
                head,
            ):
                return m.person
        return None

    def role_holder(self, role: str, pos: int) -> int | None:
        """The one person already mentioned whose office ``role`` ("the mayor") names."""
        want = " ".join(role.lower().split())
        holders = [
            i
            for i, p in enumerate(self.people.persons)
            if any(want in _role_refs(r) for r in p.roles)
        ]
        seen = [i for i in holders if any(m.person == i and m.start < pos for m in self.mentions)]
        return seen[0] if len(seen) == 1 else None

    def pronoun(self, pos: int, gender: str | None) -> int | None:
        """The person a he/she at ``pos`` stands for, or None when the text leaves it open.

        Candidates are the people of the pronoun's sentence and the previous one (further back
        only while none fits). One that fits the pronoun's gender is the answer; of several,
        the subject of the previous sentence, unless only another one is known to fit.
        "They"/"we" are left None: a group speaks more often than one person.
        """
        if gender is None:
            return None
        s = self.sent(pos)
        cands = self.persons_in(self.starts[s], pos)
        subj: int | None = None
        fit: list[int] = []
        for back in range(0, 5):
            t = s - back
            if t < 0:
                break
            if back:
                hi = self.starts[t + 1]
                for p in self.persons_in(self.starts[t], hi):
                    if p not in cands:
                        cands.append(p)
                if t in self.said and self.said[t] not in cands:
                    cands.append(self.said[t])
                if back == 1:
                    subj = self.subject(t)
            fit = [p for p in cands if self.people.gender.get(p, gender) == gender]
            if fit and back:
                break
        if not fit or subj == -1:
            return None  # no one fits, or "A resident said ... she said": an unnamed speaker
        known = [p for p in fit if self.people.gender.get(p) == gender]
        if len(fit) == 1:
            return fit[0]
        if subj in fit and (subj in known or not known):
            return subj
        if len(known) == 1:
            return known[0]
        return None

    def resolve(self, att: Attribution, quote_at: int) -> int | None:
        if att.kind == "pronoun":
            who = self.pronoun(att.at, _PRONOUNS.get(att.text))
            if who is not None:
                self.people.note_gender(who, _PRONOUNS.get(att.text))
            return who
        if att.kind == "role":
            return self.role_holder(att.text, quote_at)
        if att.kind == "subject":
            who = self.subject(self.sent(att.at))
            return who if who is not None and who >= 0 else None
        if att.kind == "name":
            # The person introduced by this very attribution ("said Mayor Jane Smith").
            k = bisect.bisect_left(self.mention_starts, att.at)
            if k < len(self.mentions) and self.mentions[k].start < att.at + len(att.text):
                return self.mentions[k].person
            parsed = _titled_name(att.text)
            if parsed is None:
                return None
            idx = self.people.find_name(parsed)
            if idx is None and len(parsed.split()) >= 2:
                idx = self.people.add(parsed)
            return idx
        return None

    def run(self) -> list[int | None]:
        out: list[int | None] = []
        last_speaker: int | None = None
        last_end = -1
        for open_at, after in self.quotes:
            s = self.sent(open_at)
            att = attribution_after(self.body, after)
            before, _ = attribution_before(self.body, open_at, self.starts[s], self.quotes)
            who: int | None = None
            if att is not None:
                who = self.resolve(att, open_at)
            elif before is not None:
                who = self.resolve(before, open_at)
            elif last_speaker is not None and self._continues(last_end, open_at):
                who = last_speaker  # a further quoted sentence of the same speaker
            if who is not None:
                self.said[s] = who
            out.append(who)
            last_speaker, last_end = who, after
        return out

    def _continues(self, last_end: int, open_at: int) -> bool:
        """A quoted sentence with no attribution goes on with the previous quote's speaker when
        nothing comes between but that quote's own attribution: no other speaker, no other
        person, at most one paragraph break."""
        if last_end < 0 or self.body.count("\n\n", last_end, open_at) > 1:
            return False
        s = self.sent(last_end)
        lo = self.starts[s + 1] if s + 1 < len(self.starts) else open_at
        lo = min(lo, open_at)
        gap = _strip_quotes_text(self.body, lo, open_at, self.quotes)
        if _SPEECH_RE.search(gap) or _ACCORDING_RE.search(gap):
            return False
        return not self.persons_in(lo, open_at)


_COMPOUND_OFFICES = (
    "prime minister", "vice president", "attorney general", "lieutenant governor",
    "district attorney", "chief executive", "chief justice", "deputy mayor", "crown prince",
)  # fmt: skip
_ABBREV_OFFICES = {
    "sen": ("senator",), "state sen": ("senator", "state senator"), "gov": ("governor",),
    "rep": ("representative", "congressman", "congresswoman", "lawmaker"),
    "lt. gov": ("lieutenant governor",), "prof": ("professor",), "ceo": ("chief executive",),
    "lord justice": ("judge",), "justice": ("judge",), "police chief": ("chief",),
    "fire chief": ("chief",), "chief of police": ("chief", "police chief"),
}  # fmt: skip


def _role_refs(role: str) -> set[str]:
    """What "the ..." may call the holder of ``role``: "Foreign Minister" -> the foreign
    minister, the minister; "Prime Minister" -> the prime minister only."""
    rl = " ".join(role.lower().rstrip(".").split())
    core = rl.split(" of ")[0]
    refs = {rl, core, *_ABBREV_OFFICES.get(core, ())}
    compound = next((c for c in _COMPOUND_OFFICES if core.endswith(c)), None)
    if compound:
        refs.add(compound)
    elif core.split():
        refs.add(core.split()[-1])
    return refs


def _titled_name(ref: str) -> str | None:
    """The name in an attribution: "Mayor Jane Smith" -> "Jane Smith", "Smith" -> "Smith"."""
    text = ref.strip()
    for rx in (_RANK_BEFORE_RE, _TITLE_BEFORE_RE, _HONORIFIC_RE):
        while True:
            m = rx.match(text)
            if not m:
                break
            text = text[m.end() :].strip()
    parsed = parse_name(text, 0, single_ok=True)
    return parsed[0] if parsed else None


def attribute_en(body: str, spans: list[Span], people: EnglishPeople) -> list[int | None]:
    """The speaker (index into ``people.persons``) of each span, or None."""
    return _Speakers(body, spans, people).run()
