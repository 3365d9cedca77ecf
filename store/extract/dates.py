"""Dates: Indonesian and English written dates to ISO ``YYYY-MM-DD``; never guessed.

A date needs a day, a month and a year. "Rabu" alone, or "7 Agustus" with no year, is not a
date. Which date is the article's: a date in the dateline, else the first date tied to a weekday
("Rabu, 7 Agustus 2024", "Selasa (10/9/2019)"), else a bare full date in the lead paragraph that
is not an announced future date ("menjelang Pemilu 14 Februari 2024").
"""

from __future__ import annotations

import datetime as dt
import re

from warta.store.extract.lexicon import MONTHS, WEEKDAYS, alternation

_MONTH = alternation(list(MONTHS))
_WEEKDAY = alternation(WEEKDAYS)

# "7 Agustus 2024", "21 Nov. 2024", "5th January 2024", "7-Agustus-2024".
_DMY_RE = re.compile(
    rf"(?<![\w/])(?P<d>[0-3]?\d)(?:st|nd|rd|th)?[\s-]*(?P<m>{_MONTH})\.?[\s,-]+(?:tahun\s+)?"
    rf"(?P<y>(?:19|20)\d\d)(?![\d])",
    re.IGNORECASE,
)
# "January 5, 2024", "Jan. 5 2024".
_MDY_RE = re.compile(
    rf"(?<![\w/])(?P<m>{_MONTH})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
# "31/01/24", "10/9/2019", "20-10-2023": day first, as Indonesian writes it.
_NUM_RE = re.compile(
    r"(?<![\w/.-])(?P<d>[0-3]?\d)(?P<sep>[/.-])(?P<m>[01]?\d)(?P=sep)(?P<y>(?:19|20)\d\d|\d\d)(?![\w/-])"
)
_ISO_RE = re.compile(r"(?<![\w-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\w])")

# What may stand between a weekday and its date: "Rabu, ", "Kamis siang, ", "Rabu (",
# "Senin tanggal ", "hari Jumat (".
_ANCHOR_RE = re.compile(
    rf"(?:{_WEEKDAY})\s*(?:(?:pagi|siang|sore|malam|petang|dini\s+hari)\s*)?"
    r"(?:[,(]\s*|\s+)(?:(?:tanggal|tgl\.?)\s*)?$",
    re.IGNORECASE,
)
_TANGGAL_RE = re.compile(r"(?:tanggal|tgl\.?|pada)\s*$", re.IGNORECASE)
# A date announced for the future or bounding a period is not the article's date.
_NOT_ARTICLE_DATE_RE = re.compile(
    r"(?:pemilu|pilkada|pilpres|pileg|pilkades|pemungutan\s+suara|pencoblosan|jelang|menjelang|"
    r"hingga|sampai|sejak|mulai|batas|berlaku|terhitung|lahir|periode|s\.d\.?|s/d)\b[^.]{0,25}$",
    re.IGNORECASE,
)


# A capitalised weekday naming the day of the reported event ("Sabtu,", "Rabu (11/9)").
_WEEKDAY_WORD_RE = re.compile(rf"(?<![\w’'])(?:{_WEEKDAY})(?![\w’'])")


def _weekday_only_first(body: str, first_date: int) -> bool:
    """True when the article's first time reference is a weekday with no full date.

    "ditemui di Pos Gadog, Sabtu, mengatakan ... pada 31 Desember 2017": the report is dated by
    its weekday only; a full date later in the body is a schedule or another event, not the
    article's date, so a careful reader gives no date rather than that one.
    """
    if first_date < 0:
        return False
    for m in _WEEKDAY_WORD_RE.finditer(body, 0, first_date):
        if (
            m[0] == "Minggu"
            and body[m.end() : m.end() + 1] == " "
            and body[m.end() + 1 : m.end() + 2].islower()
        ):
            continue  # "Minggu lalu": a week, not Sunday
        if not find_dates(body[m.start() : m.end() + 45]):
            return True
    return False


def _iso(y: str, m: str | int, d: str) -> str | None:
    """ISO date from parts, or None if the parts do not make a real date."""
    try:
        year = int(y)
        if year < 100:
            year += 2000
        month = m if isinstance(m, int) else int(m) if m.isdigit() else MONTHS.get(m.lower())
        if month is None:
            return None
        day = dt.date(year, month, int(d))
    except (ValueError, TypeError):
        return None
    if not 1990 <= day.year <= 2040:
        return None
    return day.isoformat()


def find_dates(text: str) -> list[tuple[int, str, bool]]:
    """All full dates in ``text`` as ``(offset, iso, anchored)`` sorted by offset.

    ``anchored`` is True when a weekday or "tanggal" directly precedes the date, or the date is
    numeric inside parentheses, the way Indonesian reports give the day of the event.
    """
    found: dict[int, tuple[int, str, bool]] = {}
    for rx in (_DMY_RE, _MDY_RE, _NUM_RE, _ISO_RE):
        for m in rx.finditer(text):
            iso = _iso(m["y"], m["m"], m["d"])
            if iso is None or m.start() in found:
                continue
            before = text[max(0, m.start() - 40) : m.start()]
            anchored = bool(_ANCHOR_RE.search(before) or _TANGGAL_RE.search(before))
            if rx is _NUM_RE:
                paren = before.endswith("(") or bool(_ANCHOR_RE.search(before))
                if not (paren or anchored):
                    continue  # "1/2/24" in running text could be a score or a ratio
                anchored = True
            elif rx is _ISO_RE:
                anchored = True
            if not anchored and _NOT_ARTICLE_DATE_RE.search(before):
                continue
            found[m.start()] = (m.start(), iso, anchored)
    return sorted(found.values())


def date_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every written full date in ``text``, whatever its context."""
    spans: list[tuple[int, int]] = []
    for rx in (_DMY_RE, _MDY_RE, _NUM_RE, _ISO_RE):
        for m in rx.finditer(text):
            if _iso(m["y"], m["m"], m["d"]) and not any(a <= m.start() < b for a, b in spans):
                spans.append((m.start(), m.end()))
    return sorted(spans)


def parse_date(text: str) -> str | None:
    """The first full date anywhere in a short string (a dateline or a date line)."""
    dates = find_dates(text)
    return dates[0][1] if dates else None


def article_date(
    date_lines: list[str], dateline_date: str | None, paragraphs: list[str], record: str | None
) -> str | None:
    """Pick the article's date; see the module docstring for the order of preference."""
    if dateline_date:
        return dateline_date
    for line in date_lines:
        if iso := parse_date(line):
            return iso
    lead: str | None = None
    body = "\n\n".join(paragraphs)
    lead_end = len(paragraphs[0]) if paragraphs else 0
    found = find_dates(body)
    if found and _weekday_only_first(body, found[0][0]):
        # Only a date the text ties to a weekday ("kata X, Senin (25/12/2017)") can still be
        # the report's day; a "pada 31 Desember 2017" schedule cannot.
        found = [f for f in found if _ANCHOR_RE.search(body[max(0, f[0] - 40) : f[0]]) is not None]
    for pos, iso, anchored in found:
        if anchored:
            return iso
        if pos < lead_end and lead is None:
            lead = iso
    if lead:
        return lead
    if record:
        m = _ISO_RE.match(record.strip()[:10])
        if m:
            return _iso(m["y"], m["m"], m["d"])
    return None
