"""The list pane's filter language: parse a filter string into a :class:`Query`. Never raises.

Grammar (whitespace-separated parts, any order)::

    word                 free text, fuzzy-matched (see warta.store.search.index)
    "exact phrase"       folded substring over title, outlet, places, people, orgs and tags
    tag:x  -tag:x        has / lacks a tag containing x
    outlet:x place:x person:x org:x    field contains x (folded substring)
    after:D  before:D    inclusive date bounds; D is YYYY, YYYY-MM or YYYY-MM-DD
    is:read is:unread is:starred is:unstarred   (-is:read means is:unread, and so on)
    has:note has:tag has:quote
    body:word  body:"two words"        folded substring of the article body

Field values may be quoted (``person:"Imam Zamroni"``). An unknown ``foo:bar`` is free text. An
empty value (``tag:`` while it is still being typed) is ignored. Problems (bad dates, unknown
``is:`` values) are collected in :attr:`Query.errors` and the offending part is dropped.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

IS_FLAGS = frozenset({"read", "unread", "starred", "unstarred"})

_FIELD_ALIASES = {
    "tag": "tags",
    "tags": "tags",
    "outlet": "outlets",
    "source": "outlets",
    "place": "places",
    "places": "places",
    "person": "people",
    "people": "people",
    "org": "orgs",
    "orgs": "orgs",
    "organization": "orgs",
    "after": "after",
    "since": "after",
    "before": "before",
    "until": "before",
    "is": "is",
    "has": "has",
    "body": "body",
}
_HAS_ALIASES = {"note": "note", "notes": "note", "tag": "tag", "tags": "tag"}
_HAS_ALIASES |= {"quote": "quote", "quotes": "quote"}
_IS_NEGATION = {"read": "unread", "unread": "read", "starred": "unstarred", "unstarred": "starred"}

# One part of the filter: a field term (quoted or bare value), a phrase, or a bare word.
_PART_RE = re.compile(
    r"""
    (?P<neg>-?)(?P<field>[A-Za-z]+):(?:"(?P<qval>[^"]*)"?|(?P<val>\S*))
    | (?P<pneg>-?)"(?P<phrase>[^"]*)"?
    | (?P<word>\S+)
    """,
    re.VERBOSE,
)
_WORD_END_RE = re.compile(r"[^\W_]$")
_DATE_RE = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")


@dataclass(frozen=True)
class Query:
    """A parsed filter. Hashable, so results can be cached by it."""

    text: str = ""
    """Free text left after removing terms and phrases (the fuzzy part)."""
    phrases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    not_tags: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    after: str | None = None
    """Inclusive lower date bound, YYYY-MM-DD."""
    before: str | None = None
    """Inclusive upper date bound, YYYY-MM-DD."""
    is_flags: frozenset[str] = frozenset()
    has: frozenset[str] = frozenset()
    body: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    orgs: tuple[str, ...] = field(default=())
    """``org:x`` terms (organizations); an addition to the agreed API."""
    text_open: bool = False
    """The filter string ends inside the free text's last word, which is still being typed;
    search then treats that word as a prefix only. An addition to the agreed API."""

    @property
    def filters_key(self) -> tuple[object, ...]:
        """Everything but the free text: two queries with equal keys select the same docs."""
        return (
            self.phrases,
            self.tags,
            self.not_tags,
            self.outlets,
            self.places,
            self.people,
            self.orgs,
            self.after,
            self.before,
            self.is_flags,
            self.has,
            self.body,
        )

    @property
    def has_filters(self) -> bool:
        """True when anything besides free text narrows the result."""
        return any(self.filters_key)


def _date_bound(value: str, *, upper: bool) -> str | None:
    """``YYYY``/``YYYY-MM``/``YYYY-MM-DD`` as the first (or, if ``upper``, last) day it covers."""
    m = _DATE_RE.fullmatch(value)
    if not m:
        return None
    year = int(m[1])
    month = int(m[2]) if m[2] else (12 if upper else 1)
    if not 1 <= month <= 12 or year < 1:
        return None
    last_day = calendar.monthrange(year, month)[1]
    day = int(m[3]) if m[3] else (last_day if upper else 1)
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_query(s: str) -> Query:
    """Parse filter text ``s``. Never raises; problems go to ``errors``."""
    free: list[str] = []
    phrases: list[str] = []
    lists: dict[str, list[str]] = {
        k: [] for k in ("tags", "not_tags", "outlets", "places", "people", "orgs", "body")
    }
    after: str | None = None
    before: str | None = None
    is_flags: set[str] = set()
    has: set[str] = set()
    errors: list[str] = []

    text_open = False
    for m in _PART_RE.finditer(s):
        text_open = False
        if m["word"] is not None:
            free.append(m["word"])
            text_open = m.end() == len(s) and _WORD_END_RE.search(m["word"]) is not None
            continue
        if m["phrase"] is not None:
            phrase = m["phrase"].strip()
            if m["pneg"]:
                errors.append(f'negated phrase -"{phrase}" is not supported; used as a phrase')
            if phrase:
                phrases.append(phrase)
            continue
        name = m["field"].lower()
        kind = _FIELD_ALIASES.get(name)
        raw = m[0]
        if kind is None:  # not a field we know: a URL, a time "10:30", or just text
            free.append(raw)
            text_open = m.end() == len(s) and _WORD_END_RE.search(raw) is not None
            continue
        value = (m["qval"] if m["qval"] is not None else m["val"]).strip()
        if not value:
            continue  # still being typed
        neg = bool(m["neg"])
        if kind == "is":
            flag = value.lower()
            if flag not in IS_FLAGS:
                errors.append(f"unknown is:{value} (use read, unread, starred or unstarred)")
            else:
                is_flags.add(_IS_NEGATION[flag] if neg else flag)
        elif neg and kind != "tags":
            errors.append(f"{raw}: only tag: and is: can be negated; ignored")
        elif kind == "has":
            h = _HAS_ALIASES.get(value.lower())
            if h is None:
                errors.append(f"unknown has:{value} (use note, tag or quote)")
            else:
                has.add(h)
        elif kind in ("after", "before"):
            bound = _date_bound(value, upper=kind == "before")
            if bound is None:
                errors.append(f"bad date in {raw} (use YYYY, YYYY-MM or YYYY-MM-DD)")
            elif kind == "after":
                after = bound if after is None else max(after, bound)
            else:
                before = bound if before is None else min(before, bound)
        elif kind == "tags" and neg:
            lists["not_tags"].append(value)
        else:
            lists[kind].append(value)

    return Query(
        text=" ".join(free),
        phrases=tuple(phrases),
        tags=tuple(lists["tags"]),
        not_tags=tuple(lists["not_tags"]),
        outlets=tuple(lists["outlets"]),
        places=tuple(lists["places"]),
        people=tuple(lists["people"]),
        after=after,
        before=before,
        is_flags=frozenset(is_flags),
        has=frozenset(has),
        body=tuple(lists["body"]),
        errors=tuple(errors),
        orgs=tuple(lists["orgs"]),
        text_open=text_open,
    )
