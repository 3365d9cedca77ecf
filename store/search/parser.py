"""The filter language: text -> tokens -> :class:`~warta.store.search.query.Query` (an AST).

Grammar (``OR`` binds tighter than the implicit AND, as on web search engines)::

    query   := and
    and     := or+                      juxtaposition or AND
    or      := unary (("OR" | "|") unary)*
    unary   := ("-" | "NOT") unary | atom
    atom    := "(" and ")" | word | "phrase" | field:value

    word         kapolres   =kapolres (exact)   kapol* (prefix)
    phrase       "berita hoaks"
    field:value  tag: outlet: place: person: org: speaker: after: before: is: has: sort:
                 title: body: note: said:  (values may be quoted: person:"Imam Zamroni")

Parsing never fails: a problem (an unmatched parenthesis, a bad date, an unknown ``is:``
value) is reported in :attr:`Query.errors` and the part is dropped, so the rest still filters.
With ``typing=True`` the end of the text is where the user is typing: the last word counts as a
prefix, and an unclosed parenthesis or quote there is not an error.
"""

from __future__ import annotations

from dataclasses import dataclass

from warta.store.search.keys import TOKEN_RE, fold
from warta.store.search.query import (
    SORTS,
    And,
    Filter,
    Node,
    Not,
    Or,
    Phrase,
    Query,
    Word,
    date_start,
)

FIELDS = {
    "tag": "tag",
    "tags": "tag",
    "outlet": "outlet",
    "source": "outlet",
    "place": "place",
    "places": "place",
    "person": "person",
    "people": "person",
    "org": "org",
    "orgs": "org",
    "organization": "org",
    "speaker": "speaker",
    "after": "after",
    "since": "after",
    "before": "before",
    "until": "before",
    "is": "is",
    "has": "has",
    "sort": "sort",
    "title": "title",
    "body": "body",
    "note": "note",
    "notes": "note",
    "said": "said",
}
IS_VALUES = ("read", "unread", "starred", "unstarred")
HAS_VALUES = {
    "note": "note",
    "notes": "note",
    "tag": "tag",
    "tags": "tag",
    "quote": "quote",
    "quotes": "quote",
    "highlight": "highlight",
    "highlights": "highlight",
    "passage": "highlight",
    "passages": "highlight",
}
SORT_ALIASES = {"newest": "-date", "oldest": "date", "rel": "relevance", "+date": "date"}
_STOP = set(' \t\n()|"')


@dataclass
class Tok:
    kind: str  # word phrase field lparen rparen or and not neg
    text: str = ""
    field: str = ""
    quoted: bool = False
    open: bool = False
    """Runs to the end of the text with nothing after it (the user is typing it)."""
    closed: bool = True
    """For quotes: the closing quote was there."""


def tokenize(s: str) -> list[Tok]:
    """Split filter text into tokens (never raises)."""
    out: list[Tok] = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c.isspace():
            i += 1
        elif c == "(":
            out.append(Tok("lparen"))
            i += 1
        elif c == ")":
            out.append(Tok("rparen"))
            i += 1
        elif c == "|":
            out.append(Tok("or"))
            i += 1
        elif c == "-" and i + 1 < n and not s[i + 1].isspace() and s[i + 1] != "-":
            out.append(Tok("neg"))
            i += 1
        elif c == '"':
            j = s.find('"', i + 1)
            closed = j >= 0
            end = j if closed else n
            out.append(Tok("phrase", s[i + 1 : end], closed=closed, open=not closed))
            i = end + 1
        else:
            j = i
            while j < n and (s[j].isalpha()) and s[j].isascii():
                j += 1
            name = s[i:j].lower()
            if j < n and s[j] == ":" and name in FIELDS:
                k = j + 1
                if k < n and s[k] == '"':
                    e = s.find('"', k + 1)
                    closed = e >= 0
                    end = e if closed else n
                    out.append(
                        Tok(
                            "field",
                            s[k + 1 : end],
                            field=FIELDS[name],
                            quoted=True,
                            closed=closed,
                            open=not closed,
                        )
                    )
                    i = end + 1
                else:
                    e = k
                    while e < n and not s[e].isspace() and s[e] not in "()":
                        e += 1
                    out.append(Tok("field", s[k:e], field=FIELDS[name], open=e == n))
                    i = e
                continue
            e = i
            while e < n and s[e] not in _STOP:
                e += 1
            word = s[i:e]
            if word in ("OR", "AND", "NOT"):
                out.append(Tok(word.lower()))
            else:
                out.append(Tok("word", word, open=e == n))
            i = e
    return out


class _Parser:
    def __init__(self, toks: list[Tok], typing: bool) -> None:
        self.toks = toks
        self.i = 0
        self.typing = typing
        self.errors: list[str] = []
        self.sort: str | None = None

    def peek(self) -> Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> Tok:
        t = self.toks[self.i]
        self.i += 1
        return t

    def error(self, msg: str) -> None:
        if msg not in self.errors:
            self.errors.append(msg)

    def at_end(self) -> bool:
        return self.i >= len(self.toks)

    # -- grammar ---------------------------------------------------------------------------------

    def parse(self) -> Node | None:
        items: list[Node] = []
        while not self.at_end():
            node = self.parse_and()
            if node is not None:
                items.append(node)
            t = self.peek()
            if t is not None and t.kind == "rparen":
                self.take()
                self.error("unmatched ')' ignored")
        return _and(items)

    def parse_and(self) -> Node | None:
        items: list[Node] = []
        while (t := self.peek()) is not None and t.kind != "rparen":
            if t.kind == "and":
                self.take()
                continue
            node = self.parse_or()
            if node is not None:
                items.append(node)
        return _and(items)

    def parse_or(self) -> Node | None:
        t = self.peek()
        if t is not None and t.kind == "or":
            self.take()
            self.error("OR needs a term before it")
            return None
        left = self.parse_unary()
        parts = [left] if left is not None else []
        while (t := self.peek()) is not None and t.kind == "or":
            self.take()
            nxt = self.peek()
            if nxt is None or nxt.kind in ("rparen", "or", "and"):
                if not (self.typing and nxt is None):
                    self.error("OR needs a term after it")
                continue
            right = self.parse_unary()
            if right is not None:
                parts.append(right)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def parse_unary(self) -> Node | None:
        t = self.peek()
        if t is None:
            return None
        if t.kind in ("neg", "not"):
            self.take()
            nxt = self.peek()
            if nxt is None or nxt.kind in ("rparen", "or", "and"):
                if not (self.typing and nxt is None):
                    self.error("'-' or NOT needs a term after it")
                return None
            child = self.parse_unary()
            return Not(child) if child is not None else None
        return self.parse_atom()

    def parse_atom(self) -> Node | None:
        t = self.take()
        if t.kind == "lparen":
            inner = self.parse_and()
            nxt = self.peek()
            if nxt is not None and nxt.kind == "rparen":
                self.take()
            elif not self.typing:
                self.error("missing ')' (closed at the end)")
            return inner
        if t.kind == "word":
            return self.word(t.text, None, t.open)
        if t.kind == "phrase":
            if not t.closed and not self.typing:
                self.error('missing closing " (closed at the end)')
            return self.phrase(t.text, None, t.open and self.typing)
        if t.kind == "field":
            return self.field(t)
        return None  # 'and'/'not' handled above; a stray token

    # -- leaves ----------------------------------------------------------------------------------

    def word(self, text: str, fld: str | None, open_: bool) -> Node | None:
        exact = text.startswith("=")
        if exact:
            text = text[1:]
        prefix = text.endswith("*")
        if prefix:
            text = text.rstrip("*")
        toks = TOKEN_RE.findall(fold(text))
        if not toks:
            return None
        typing_open = open_ and self.typing and not prefix
        if len(toks) == 1:
            return Word(toks[0], fld, exact=exact, prefix=prefix, open=typing_open)
        # covid-19, tempo.co, 10:30: the tokens in a row, like a phrase
        return Phrase(tuple(toks), fld, open=typing_open)

    def phrase(self, text: str, fld: str | None, open_: bool) -> Node | None:
        toks = TOKEN_RE.findall(fold(text))
        if not toks:
            return None
        if len(toks) == 1:  # "hoaks" is the exact word (a prefix while it is typed)
            return Word(toks[0], fld, exact=True, open=open_)
        return Phrase(tuple(toks), fld, open=open_)

    def field(self, t: Tok) -> Node | None:
        kind, value = t.field, t.text.strip()
        typing_open = t.open and self.typing
        if not value:
            return None  # still being typed
        if kind in ("title", "body", "note", "said"):
            if t.quoted:
                return self.phrase(value, kind, typing_open)
            return self.word(value, kind, t.open)
        if kind in ("after", "before"):
            day = date_start(value)
            if day is None:
                if not typing_open:
                    self.error(f"bad date in {kind}:{value} (use YYYY, YYYY-MM or YYYY-MM-DD)")
                return None
            return Filter(kind, day)
        if kind == "is":
            v = value.lower()
            if v not in IS_VALUES:
                if not (typing_open and any(x.startswith(v) for x in IS_VALUES)):
                    self.error(f"unknown is:{value} (use read, unread, starred or unstarred)")
                return None
            return Filter("is", v)
        if kind == "has":
            v = HAS_VALUES.get(value.lower())
            if v is None:
                if not (typing_open and any(x.startswith(value.lower()) for x in HAS_VALUES)):
                    self.error(f"unknown has:{value} (use note, tag, quote or highlight)")
                return None
            return Filter("has", v)
        if kind == "sort":
            v = SORT_ALIASES.get(value.lower(), value.lower())
            if v not in SORTS:
                if not (typing_open and any(x.startswith(v) for x in SORTS)):
                    self.error(f"unknown sort:{value} (use relevance, date, -date or outlet)")
                return None
            self.sort = v
            return None
        return Filter(kind, value, open=typing_open)


def _and(items: list[Node]) -> Node | None:
    if not items:
        return None
    if len(items) == 1:
        return items[0]
    flat: list[Node] = []
    for it in items:
        flat.extend(it.children if isinstance(it, And) else (it,))
    return And(tuple(flat))


def parse(text: str, *, typing: bool = False, fuzzy: bool = True) -> Query:
    """Parse filter text into a :class:`Query`. Never raises.

    ``typing``: the text is being typed in the filter box (its end is the cursor).
    ``fuzzy``: typo tolerance for every word (the TUI's toggle passes False).
    """
    p = _Parser(tokenize(text), typing)
    root = p.parse()
    # "-sort:date" and the like: a NOT whose child was dropped leaves nothing to negate.
    return Query(root=root, sort=p.sort, errors=tuple(p.errors), source=text, fuzzy=fuzzy)
