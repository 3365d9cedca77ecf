"""Article extraction: pure functions from raw article text to an :class:`Extraction` record.

``extract`` never raises: on any internal error it returns the text as a plain body with empty
metadata, so one malformed article can never stop an import.

Pipeline (one module each): clean (headline, furniture, captions, keywords) -> dateline (outlet,
place) -> dates -> people (names, ranks, roles, mentions) -> quotes (spans) -> speakers ->
ranking (key-quote scores) -> entities (organisations, places, events).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from warta.store.extract.clean import clean, normalize
from warta.store.extract.dateline import DATELINE_START_RE, credit_outlet, find_dateline
from warta.store.extract.dates import article_date, parse_date
from warta.store.extract.english import attribute_en, filter_quotes_en, find_people_en, is_english
from warta.store.extract.entities import body_capitals, find_events, find_organizations, find_places
from warta.store.extract.people import extend_short_names, find_people
from warta.store.extract.quotes import find_quotes
from warta.store.extract.ranking import score_quotes
from warta.store.extract.speakers import attribute
from warta.store.model import Extraction, Person, Quote
from warta.store.outlets import tidy_outlet
from warta.store.versions import EXTRACTOR_VERSION

__all__ = ["EXTRACTOR_VERSION", "extract"]

# EXTRACTOR_VERSION lives in warta.store.versions (bump it there), so that version checks do
# not import the extractor.

_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
# Dateline debris left at the start of a lead: "- ", "-- ", "(ANTARA) - ", "BEKASI (Pos Kota) – ",
# "Rimanews - ": a short capitalised head and/or a parenthesised credit, then a free dash.
_LEAD_DEBRIS_RE = re.compile(
    # "JAKARTA –Pemilu ...": an all-capitals place may have its dash glued to the next word.
    r"[A-Z]{2,}(?:[ ,]+[A-Z]{2,}){0,3}\s*(?:--?|–|—)\s*(?=[A-Z\"“])"
    r"|(?:[A-Z][\w.]*(?:[ ,]+[A-Z][\w.]*){0,3}\s*)?(?:\([^()\n]{1,40}\)\s*)?(?:--?|–|—)\s+"
    r"|[\s\-–—|:,]+"
)
_DERIVED_MAX = 90


def extract(
    text: str,
    *,
    title: str | None = None,
    source: str | None = None,
    date: str | None = None,
    recurring: Collection[str] | None = None,
) -> Extraction:
    """Extract metadata, people, quotes and a cleaned body from one article's raw text.

    ``recurring``: keys of lines the outlet's other articles share
    (``LineCounts.furniture_keys``, see ``recurring.py``), removed as learned furniture.
    """
    text = _as_text(text)
    title = _as_text(title).strip() or None if title is not None else None
    source = _as_text(source).strip() or None if source is not None else None
    date = _as_text(date).strip() or None if date is not None else None
    try:
        return _extract(text, title, source, date, recurring)
    except Exception:
        return _fallback(text, title, source, date)


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("utf-8", errors="replace")
    return str(value)


def _extract(
    text: str,
    title: str | None,
    source: str | None,
    date: str | None,
    recurring: Collection[str] | None = None,
) -> Extraction:
    cleaned = clean(text, title_hint=title, recurring=recurring)
    paragraphs = cleaned.paragraphs
    body = "\n\n".join(paragraphs)

    dl = find_dateline(paragraphs)
    # A republication credit names the article's own outlet, over the reposting site's dateline;
    # a site label or a header timestamp line names it when no dateline does.
    # The outlet as the text writes it (tidied): the reader and search show one display form
    # per outlet (warta.store.search.outlets), and the record keeps what the page said.
    written = (
        cleaned.credit_outlet
        or dl.outlet
        or cleaned.site_outlet
        or credit_outlet(cleaned.captions)
        or source
    )
    outlet = tidy_outlet(written) or None if written else None
    english = is_english(body)
    spans = filter_quotes_en(body, find_quotes(body, raw=True)) if english else find_quotes(body)
    dateline_date = parse_date(dl.date_text) if dl.date_text else None
    # A date inside a quotation is the speaker's, never the report's.
    quoted = [
        (s.open if s.open >= 0 else s.start, s.close if s.close >= 0 else s.end) for s in spans
    ]
    iso = article_date(
        cleaned.date_lines, dateline_date, paragraphs, date, cleaned.captions, quoted
    )

    if english:
        # English news has its own people, quote and speaker rules (see english.py).
        people = find_people_en(body, cleaned.captions)
        speaker_idx = attribute_en(body, spans, people)
    else:
        people = find_people(body, cleaned.captions)
        speaker_idx = attribute(body, spans, people)
        extend_short_names(people, body)  # speakers named only in attributions ("ujar Barbie")
    speakers = [people.persons[i].name if isinstance(i, int) else i for i in speaker_idx]
    texts = [body[s.start : s.end] for s in spans]
    scores = score_quotes(texts, speakers)
    quotes = [
        Quote(text=t, speaker=who, start=s.start, end=s.end, score=sc)
        for t, who, s, sc in zip(texts, speakers, spans, scores, strict=True)
    ]

    # People in order of first mention in the body (caption-only people last).
    first: dict[int, int] = {}
    for m in people.mentions:
        if m.person is not None and m.person not in first:
            first[m.person] = m.start
    order = sorted(range(len(people.persons)), key=lambda i: (first.get(i, len(body)), i))
    persons = [
        Person(
            name=people.persons[i].name, rank=people.persons[i].rank, role=people.persons[i].role
        )
        for i in order
    ]
    roles = [p["role"] for p in persons if p["role"]]
    sources = ([cleaned.title] if cleaned.title else []) + [body] + cleaned.captions
    capitals = body_capitals(body) if cleaned.title else None

    title_out = cleaned.title
    derived = False
    if not title_out:
        title_out = _derive_title(paragraphs)
        derived = title_out is not None
    return Extraction(
        title=title_out,
        title_derived=derived,
        outlet=outlet,
        dateline=dl.place,
        date=iso,
        people=persons,
        organizations=find_organizations(sources, roles, capitals),
        places=find_places(sources, capitals, [p["name"] for p in persons]),
        events=find_events(sources),
        keywords=cleaned.keywords,
        captions=cleaned.captions,
        quotes=quotes,
        body=body,
        junk=cleaned.junk,
    )


def _derive_title(paragraphs: list[str]) -> str | None:
    """A short title from the lead: its first sentence without the dateline, cut at a word."""
    for para in paragraphs[:3]:
        m = DATELINE_START_RE.match(para)
        lead = para[m.end() :] if m else para
        for _ in range(2):
            d = _LEAD_DEBRIS_RE.match(lead)
            if d and d.end() < len(lead):
                lead = lead[d.end() :]
        first, *rest = _SENTENCE_RE.split(lead, maxsplit=1)
        words = first.rstrip(".").split()
        # A place closing a dateline ("Jakarta. Polisi ..."): one or two capitalised words.
        if rest and len(words) < 3 and all(w[:1].isupper() for w in words):
            first = _SENTENCE_RE.split(rest[0], maxsplit=1)[0]
        lead = first.strip().rstrip(".")
        if not lead:
            continue
        if len(lead) <= _DERIVED_MAX:
            return lead
        cut = lead.rfind(" ", 0, _DERIVED_MAX)
        return lead[: cut if cut > 20 else _DERIVED_MAX].rstrip(" ,;:") + "…"
    return None


def _fallback(text: str, title: str | None, source: str | None, date: str | None) -> Extraction:
    """Minimal record used if extraction fails: the normalised text as the body."""
    try:
        body = "\n\n".join(normalize(text))
    except Exception:
        body = ""
    iso = date[:10] if date and re.fullmatch(r"\d{4}-\d\d-\d\d", date[:10]) else None
    return Extraction(
        title=title,
        title_derived=False,
        outlet=source,
        dateline=None,
        date=iso,
        people=[],
        organizations=[],
        places=[],
        events=[],
        keywords=[],
        captions=[],
        quotes=[],
        body=body,
        junk=[],
    )
