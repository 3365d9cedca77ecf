"""Speakers: who said each quote, resolved the way a careful reader would.

The body is read in order keeping a "focus": the person most recently introduced as speaking
(subject of a speech verb such as "mengatakan", "Menurut X", or the named speaker of an
attributed quote). Then, per quote:

1. an explicit attribution after it names the speaker ("ujar AKP Kasiyono", "kata Zulmi"),
   or names a role that resolves to the person holding it ("ujar Kapolsek", "tambah Bhabin");
2. a pronoun ("ujarnya", "ujar dia", "katanya") or no attribution at all means the focus;
3. with no focus yet, the last person mentioned before the quote.

A role nobody in the article holds ("Kapolsek menekankan" with no named Kapolsek) does not move
the focus: a reader keeps attributing "-nya" to the last named speaker.
"""

from __future__ import annotations

import bisect
import re

from warta.store.extract.lexicon import (
    ENGLISH_ATTRIB,
    NAME_PREFIXES,
    ROLE_HEADS,
    SPEECH_VERBS,
    alternation,
)
from warta.store.extract.people import Mention, People, is_name_word, parse_name
from warta.store.extract.quotes import ATTRIB_AFTER_RE, Span

_SPEECH_VERB_RE = re.compile(rf"(?<![\w-])(?:{alternation(SPEECH_VERBS)})(?![\w-])", re.IGNORECASE)
# "Menurut X", "Berdasarkan keterangan X", "Seperti disampaikan X": X is the one speaking now.
_MENURUT_RE = re.compile(
    r"(?<![\w-])(?:menurut|kata|according\s+to|berdasarkan\s+keterangan|(?:seperti|sebagaimana)"
    r"\s+(?:disampaikan|dikatakan|dijelaskan)(?:\s+oleh)?)\s+",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"[.!?]\s|\n")
_PRONOUN_AFTER_RE = re.compile(r"\s*,?\s*(?:dia|ia|beliau|nya|he|she|they)\b", re.IGNORECASE)
# "kata seorang pelajar terjaring razia, Al (16)": a lower-case description, then the name.
_NAME_AFTER_RE = re.compile(r"\s*,?\s*(?:[a-z]+,?\s+){0,5}?(?=[A-Z])")
_PHRASE_END_RE = re.compile(r"[.!?;\n\"“”](?:\s|$)|\s(?:saat|ketika|usai|seusai|di|kepada|pada)\s")
# "ungkap tokoh Pemuda Titian Teras, Darimi,": a description, a comma, then the name.
_APPOSITIVE_NAME_RE = re.compile(
    r"[\s,]*(?:[a-z]+\s+){0,4}(?:[A-Z(][\w'’.()/-]*\s*){1,10},\s+(?=[A-Z][a-z])"
)
_CHAIN_NEXT_RE = re.compile(r",\s+(?=[A-Z][a-z])")
_ALPHA_RE = re.compile(r"[^\W\d_]+")
_GAP_RE = re.compile(r"[\s,]*(?:[a-z]+[\s,]+){0,5}")
_EN_NAME_BEFORE_RE = re.compile(
    rf"[\s,]*(?P<who>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){{0,3}})\s+(?:{alternation(ENGLISH_ATTRIB)})\b"
)


_LOWER_ROLE_RE = re.compile(
    rf"\s*,?\s*(?P<role>{alternation([h.lower() for h in ROLE_HEADS])})(?![\w-])"
)
# "ujar juru bicara Polda Sumut tersebut": a role pointed back at is the person just named.
_POINTED_BACK_RE = re.compile(r"(?:\s+[A-Z][\w-]*){0,4}\s+(?:tersebut|itu)\b")
_PRONOUN_SUBJECT_RE = re.compile(
    rf"(?:^|(?<=[.!?]\s)|(?<=\n))(?:Ia|Dia|Beliau)\s+(?:(?:juga|pun|kembali|lalu|pun)\s+)?"
    rf"(?:{alternation(SPEECH_VERBS)})\b"
)


def _plain_name_word(tok: str) -> bool:
    """A word that can only be part of a personal name (not a role, rank, place or unit)."""
    return is_name_word(tok) or tok.lower().rstrip(".") in NAME_PREFIXES


_SENTENCE_ENDS = (". ", "! ", "? ", ".\n", "!\n", "?\n", "\n")


def _sentence_start(body: str, pos: int) -> int:
    """Offset where the sentence containing ``pos`` starts (after the last ``[.!?]\\s`` or
    newline before it, at most 300 characters back; the body's spaces are normalised, so a
    few ``rfind`` calls find it faster than a regex walk)."""
    lo = max(0, pos - 300)
    last = lo
    for end in _SENTENCE_ENDS:
        at = body.rfind(end, lo, pos)
        if at >= 0 and at + len(end) > last:
            last = at + len(end)
    return last


def _inside(spans: list[Span], pos: int) -> bool:
    for sp in spans:
        a = sp.open if sp.open >= 0 else sp.start
        b = sp.close if sp.close >= 0 else sp.end
        if a <= pos < b:
            return True
    return False


class _Resolver:
    def __init__(self, body: str, spans: list[Span], people: People) -> None:
        self.body = body
        self.spans = spans
        self.people = people
        self.mentions = [m for m in people.mentions if not _inside(spans, m.start)]
        self.starts = [m.start for m in self.mentions]

    def resolve(self, m: Mention, pos: int) -> int | None:
        if m.person is not None:
            return m.person
        if m.role:
            return self.people.role_holder(m.role, pos)
        return None

    def mention_before(self, pos: int, lo: int) -> Mention | None:
        """The last mention starting in ``[lo, pos)``."""
        k = bisect.bisect_left(self.starts, pos) - 1
        while k >= 0 and self.mentions[k].start >= lo:
            return self.mentions[k]
        return None

    def mention_at(self, pos: int, hi: int) -> Mention | None:
        """The first mention starting in ``[pos, hi)``."""
        k = bisect.bisect_left(self.starts, pos)
        if k < len(self.mentions) and self.mentions[k].start < hi:
            return self.mentions[k]
        return None

    def last_person_before(self, pos: int) -> int | None:
        k = bisect.bisect_left(self.starts, pos) - 1
        while k >= 0:
            who = self.resolve(self.mentions[k], pos)
            if who is not None:
                return who
            k -= 1
        return None

    def focus_events(self) -> list[tuple[int, int]]:
        """``(offset, person)`` where a person is introduced as speaking."""
        events: list[tuple[int, int]] = []
        for v in _SPEECH_VERB_RE.finditer(self.body):
            if _inside(self.spans, v.start()):
                continue
            lo = _sentence_start(self.body, v.start())
            m = self.mention_before(v.start(), lo)
            if m is None:
                continue
            who = self.resolve(m, v.start())
            if who is not None:
                events.append((v.start(), who))
        # A person introduced in full (name with rank or role) as the subject of a sentence
        # takes the focus: a later "kata dia" / "ujarnya" is theirs, not the earlier speaker's.
        for m in self.mentions:
            if m.intro and m.person is not None and _sentence_start(self.body, m.start) == m.start:
                events.append((m.start, m.person))
        # "Ia mengatakan, “...”": a pronoun subject is the person last mentioned before it.
        for v in _PRONOUN_SUBJECT_RE.finditer(self.body):
            if _inside(self.spans, v.start()):
                continue
            # Only a person named in the previous sentence: further back, "ia" is the speaker
            # the text has been reporting (the focus), not a passing mention.
            prev = _sentence_start(self.body, max(0, v.start() - 2))
            m = self.mention_before(v.start(), prev)
            who = self.resolve(m, v.start()) if m is not None else None
            if who is not None:
                events.append((v.end(), who))
        for v in _MENURUT_RE.finditer(self.body):
            if _inside(self.spans, v.start()):
                continue
            m = self.mention_at(v.end(), v.end() + 3)
            if m is not None and (who := self.resolve(m, v.start())) is not None:
                events.append((v.start(), who))
        events.sort()
        return events

    def explicit(self, sp: Span) -> tuple[str, int | str | None]:
        """('named', person) / ('role', role text) / ('pronoun', None) / ('none', None) from the
        text after the quote."""
        after = sp.close + 1 if sp.close >= 0 else sp.end
        a = ATTRIB_AFTER_RE.match(self.body, after, min(len(self.body), after + 80))
        if not a:
            return "none", None
        verb_text = a[0].strip(" ,.").lower()
        en = _EN_NAME_BEFORE_RE.match(self.body, after)
        if en and verb_text.split()[-1] in ENGLISH_ATTRIB:
            who = en["who"]
            if who.lower() in {"he", "she", "they", "it"}:
                return "pronoun", None
            return self._named(who, after, en.start("who"))
        words = _ALPHA_RE.findall(a[0])
        if words and words[-1].lower().endswith("nya"):
            return "pronoun", None
        end = a.end()
        if _PRONOUN_AFTER_RE.match(self.body, end):
            return "pronoun", None
        sentence_end = _PHRASE_END_RE.search(self.body, end)
        hi = min(end + 120, sentence_end.start() if sentence_end else len(self.body))
        # A plain name right after the verb ("kata Nasrudin, Ketua RT setempat"): the speaker,
        # even when a role follows it in apposition.
        if self.body.startswith(" ", end):
            direct = parse_name(self.body, end + 1)
            if direct and all(_plain_name_word(t) for t in direct[0].split()):
                return self._named(direct[0], after, end + 1)
        # The first person named in the attribution phrase ("ujar Kapolres , AKBP Didit ...",
        # "kata anggota Resmob Polda Jambi Ipda Rachmad Hidayat"); else a role that resolves.
        role_seen: str | None = None
        role_end = -1
        k = bisect.bisect_left(self.starts, end)
        while k < len(self.mentions) and self.mentions[k].start < hi:
            m = self.mentions[k]
            if m.person is not None:
                return "named", m.person
            if m.role and not role_seen:
                role_seen = m.role
                role_end = m.end
                who = self.resolve(m, sp.start)
                nxt = self.mentions[k + 1] if k + 1 < len(self.mentions) else None
                if who is not None and not (nxt and nxt.start < hi and nxt.person is not None):
                    return "named", who
            k += 1
        appos = _APPOSITIVE_NAME_RE.match(self.body, end, hi)
        if appos:
            at = appos.end()
            parsed = parse_name(self.body, at)
            # "kata Ketua Pemuda Cabang Sukamaju, Mekarsari, Ahmad Fauzi": places narrow the
            # unit down comma by comma; the person is the last name of the chain.
            while parsed:
                nxt = _CHAIN_NEXT_RE.match(self.body, parsed[1], hi)
                more = parse_name(self.body, nxt.end()) if nxt else None
                if not more:
                    break
                at, parsed = nxt.end(), more
            if parsed:
                return self._named(parsed[0], after, at)
        if role_seen:
            if _POINTED_BACK_RE.match(self.body, role_end, hi):
                return "back", role_seen
            return "role", role_seen
        lower_role = _LOWER_ROLE_RE.match(self.body, end, hi)
        if lower_role and _POINTED_BACK_RE.match(self.body, lower_role.end(), hi):
            role = " ".join(w.capitalize() for w in lower_role["role"].split())
            return "back", role
        if lower_role:
            # "Ujar kapolsek Bangko.": a role written in lower case names its holder too.
            role = " ".join(w.capitalize() for w in lower_role["role"].split())
            who = self.people.role_holder(role, sp.start)
            return ("named", who) if who is not None else ("role", role)
        n = _NAME_AFTER_RE.match(self.body, end, hi)
        if n:
            parsed = parse_name(self.body, n.end())
            if parsed:
                return self._named(parsed[0], after, n.end())
        return "pronoun", None

    def _named(self, name: str, after: int, at: int) -> tuple[str, int | None]:
        parsed = parse_name(name + " ", 0)
        if not parsed:
            return "pronoun", None
        idx = self.people.find_name(parsed[0])
        if idx is None:
            idx = self.people.add(parsed[0])
        return "named", idx


def attribute(body: str, spans: list[Span], people: People) -> list[int | str | None]:
    """The speaker of each span: an index into ``people.persons``, the text of a role nobody in
    the article holds ("Kapolsek"), or None."""
    r = _Resolver(body, spans, people)
    events = r.focus_events()
    out: list[int | str | None] = []
    focus: int | None = None
    e = 0
    for sp in spans:
        pos = sp.open if sp.open >= 0 else sp.start
        while e < len(events) and events[e][0] < pos:
            focus = events[e][1]
            e += 1
        kind, who = r.explicit(sp)
        if kind == "named" and isinstance(who, int):
            focus = who
        elif kind == "role":
            pass  # a role nobody in the article holds yet: the role itself ("ucap Kapolsek")
        elif kind == "back":
            # "ujar juru bicara X tersebut": the person in focus, else the role's holder, else
            # the role itself.
            back = focus if focus is not None else r.last_person_before(pos)
            if back is None and isinstance(who, str):
                held = r.people.role_holder(who, pos)
                back = held if held is not None else who
            who = back
        else:
            who = focus if focus is not None else r.last_person_before(pos)
        out.append(who)
    return out
