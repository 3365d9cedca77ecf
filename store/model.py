"""Record types shared by the store, the extractor, search, export and the UI."""

from __future__ import annotations

from typing import TypedDict

SCHEMA_VERSION = 3
"""Version of the on-disk library layout; stored in every library's meta file."""


class Person(TypedDict):
    """A person named in an article. ``rank`` and ``role`` are None when the text gives none."""

    name: str
    rank: str | None
    role: str | None


class Quote(TypedDict):
    """A direct quotation. ``body[start:end] == text`` on the cleaned body it was found in.

    ``score`` ranks quotes for the reader's "key quotes" block (higher matters more);
    ``speaker`` is None when no careful reader could tell who spoke.
    """

    text: str
    speaker: str | None
    start: int
    end: int
    score: float


class ArticleMetadata(TypedDict):
    """What the extractor finds about an article besides its title, quotes and body.

    ``date`` is ``YYYY-MM-DD`` or None (never guessed).
    """

    title_derived: bool
    outlet: str | None
    dateline: str | None
    date: str | None
    people: list[Person]
    organizations: list[str]
    places: list[str]
    events: list[str]
    keywords: list[str]


class Extraction(ArticleMetadata):
    """What the extractor pulls out of one article's text. Pure data, JSON-serialisable.

    ``body`` is the cleaned body (page furniture removed); ``junk`` lists the removed lines in
    order so a reader can inspect them. ``title_derived`` is True when the text had no headline
    and ``title`` was made from the lead.
    """

    title: str | None
    captions: list[str]
    quotes: list[Quote]
    body: str
    junk: list[str]


class ArticleRecord(ArticleMetadata):
    """One article as the library keeps it in ``articles.json``: metadata, never the body.

    The raw text lives in a body shard and is only read when the article is opened, so
    opening a library parses what the list and search need and nothing more. ``date`` is the
    import record's own date when it has one (publication), else the extracted one.
    """

    id: str
    hash: str
    title: str
    n_quotes: int
    source: str | None
    url: str | None
    origin: str
    imported: str
    extractor: int


class Annotation(TypedDict):
    """The user's own data about one article, kept in ``user.json`` apart from the articles.

    ``coders`` says who applied each tag (``{tag: [coder, ...]}``), for merging colleagues' work
    and for agreement; ``note_coder`` wrote the note; ``note_review`` is the note's review state.
    """

    tags: list[str]
    note: str
    read: bool
    starred: bool
    updated: str
    coders: dict[str, list[str]]
    note_coder: str
    note_review: str


REVIEW_STATES = ("todo", "done")
"""Review state of an annotation: still to review, or reviewed."""


def empty_annotation() -> Annotation:
    """The annotation of an article the user has not touched."""
    return {
        "tags": [],
        "note": "",
        "read": False,
        "starred": False,
        "updated": "",
        "coders": {},
        "note_coder": "",
        "note_review": "todo",
    }


class Selector(TypedDict):
    """Where a passage is, as the W3C Web Annotation model says it: a TextQuoteSelector
    (``exact`` with about 32 characters of ``prefix`` and ``suffix``) and a
    TextPositionSelector (``start``/``end``, code points), both against the article's text as
    imported, which never changes under the user."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


class Passage(TypedDict):
    """A highlighted passage of an article, with its codes (tags), note and review state.

    ``hash`` is the article's content hash, so a passage can be matched to the same article in
    another library (a colleague's). ``speaker`` is set when the passage is a quote.
    """

    id: str
    article: str
    hash: str
    selector: Selector
    tags: list[str]
    note: str
    speaker: str | None
    coder: str
    created: str
    updated: str
    review: str


class ExtraNote(TypedDict):
    """An article-level note besides the user's own: merged from a colleague (``origin`` is
    ``merge``) or a conflict copy kept when two terminals edited one note (``conflict``)."""

    id: str
    article: str
    hash: str
    text: str
    coder: str
    created: str
    updated: str
    review: str
    origin: str


class Code(TypedDict):
    """A codebook entry: a tag's colour and description. Hierarchy comes from ``/`` in names."""

    name: str
    colour: str
    description: str
    created: str
