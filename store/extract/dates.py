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
# A date announced for the future or bounding a period is not the article's date: "menjelang
# Pemilu 14 Februari 2024", "yang dijadwalkan berlangsung 27 Juni 2018", "berakhir 10 Februari".
_NOT_ARTICLE_DATE_RE = re.compile(
    r"(?:pemilu|pilkada|pilpres|pileg|pilkades|pemungutan\s+suara|pencoblosan|jelang|menjelang|"
    r"hingga|sampai|sejak|mulai|batas|berlaku|terhitung|lahir|periode|s\.d\.?|s/d|dijadwalkan|"
    r"direncanakan|rencananya|berakhir|dimulai|jadwal|tenggat|paling\s+lambat|"
    r"akan\s+(?:\w+\s+)?(?:berlangsung|digelar|dilaksanakan|diadakan|dimulai|berakhir)|"
    r"selambat-lambatnya|masa\s+tenang|hari\s+h)\b[^.]{0,25}$",
    re.IGNORECASE,
)
# The same words right before a weekday-dated day: "hari pemungutan suara, Rabu (14/2/2024)".
# ("Hingga Selasa (17/9/2019)", "dimulai pada Selasa (10/9/2019)" still report a day.)
_SCHEDULE_DAY_RE = re.compile(
    r"(?:pemilu|pilkada|pilpres|pileg|pilkades|pemungutan\s+suara|pencoblosan|jelang|menjelang|"
    r"batas\s+waktu|dijadwalkan|hari\s+h)\s*(?:pada|yakni|yaitu|tanggal|tgl\.?|,)?\s*(?:hari\s+)?$",
    re.IGNORECASE,
)
# A date that opens or closes a range is a period's bound: "17 Februari hingga 5 Maret 2024",
# "28 November 2023-10 Februari 2024", "8 - 10 Januari 2018".
_RANGE_AFTER_RE = re.compile(
    r"\s*(?:-|–|—|s\.\s?d\.?|s/d|hingga|sampai(?:\s+dengan)?)\s*(?:(?:tanggal|tgl\.?)\s*)?"
    r"\d{1,2}(?![\d:.])",  # a day, not a time ("- 19:11 WIB")
    re.IGNORECASE,
)
_RANGE_BEFORE_RE = re.compile(rf"(?:\d|(?:{_MONTH})\.?)\s*(?:-|–|—)\s*$", re.IGNORECASE)


# A day still to come: "Sabtu (30/11/2024) mendatang", "Minggu besok (1/12/2024)".
_FUTURE_AFTER_RE = re.compile(
    r"\)?\s*(?:mendatang|yang\s+akan\s+datang|nanti|besok|depan)\b", re.IGNORECASE
)
_FUTURE_BEFORE_RE = re.compile(
    rf"(?:{_WEEKDAY})\s+(?:besok|lusa|depan|mendatang|nanti)\s*[,(]?\s*$", re.IGNORECASE
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


# Every full date holds a year ("2024") or a numeric day/month/two-digit year ("5/11/24"): the
# date patterns only run near one, which spares scanning the whole body four times.
_YEAR_ANCHOR_RE = re.compile(r"(?:19|20)\d\d|\d[/.-][01]?\d[/.-]\d\d")


def _year_windows(text: str) -> list[tuple[int, int]]:
    """Merged ``(start, end)`` spans of ``text`` that can hold a whole written date."""
    out: list[tuple[int, int]] = []
    for m in _YEAR_ANCHOR_RE.finditer(text):
        lo, hi = max(0, m.start() - 40), min(len(text), m.end() + 12)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def find_dates(text: str, skip: list[tuple[int, int]] | None = None) -> list[tuple[int, str, bool]]:
    """All full dates in ``text`` that can be a report's date, as ``(offset, iso, anchored)``.

    ``anchored`` is True when a weekday or "tanggal" directly precedes the date, or the date is
    numeric inside parentheses, the way Indonesian reports give the day of the event. Dates a
    text announces or uses as a bound (a schedule, a range, polling day) are left out, and so
    are dates inside the ``skip`` spans (quotations).
    """
    found: dict[int, tuple[int, str, bool]] = {}
    windows = _year_windows(text)
    for rx in (_DMY_RE, _MDY_RE, _NUM_RE, _ISO_RE):
        for m in (m for lo, hi in windows for m in rx.finditer(text, lo, hi)):
            iso = _iso(m["y"], m["m"], m["d"])
            if iso is None or m.start() in found:
                continue
            if skip and any(a <= m.start() < b for a, b in skip):
                continue
            before = text[max(0, m.start() - 40) : m.start()]
            weekday = _ANCHOR_RE.search(before)
            anchored = bool(weekday or _TANGGAL_RE.search(before))
            if rx is _NUM_RE:
                paren = before.endswith("(") or bool(weekday)
                if not (paren or anchored):
                    continue  # "1/2/24" in running text could be a score or a ratio
                anchored = True
            elif rx is _ISO_RE:
                anchored = True
            if _RANGE_AFTER_RE.match(text, m.end()) or _RANGE_BEFORE_RE.search(before):
                continue
            if _FUTURE_AFTER_RE.match(text, m.end()) or _FUTURE_BEFORE_RE.search(before):
                continue  # "Selasa (26/11/24) mendatang", "Minggu lusa (24/11/24)"
            if weekday:
                lead_in = before[: weekday.start()]
                if _SCHEDULE_DAY_RE.search(lead_in):
                    continue  # "hari pemungutan suara, Rabu (14/2/2024)"
            elif _NOT_ARTICLE_DATE_RE.search(before) or _NOT_ARTICLE_DATE_RE.search(
                before.rstrip(" .")
            ):
                continue  # "menjelang hari pemungutan suara. 14 Februari 2024"
            found[m.start()] = (m.start(), iso, anchored)
    return sorted(found.values())


def date_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every written full date in ``text``, whatever its context."""
    spans: list[tuple[int, int]] = []
    windows = _year_windows(text)
    for rx in (_DMY_RE, _MDY_RE, _NUM_RE, _ISO_RE):
        for m in (m for lo, hi in windows for m in rx.finditer(text, lo, hi)):
            if _iso(m["y"], m["m"], m["d"]) and not any(a <= m.start() < b for a, b in spans):
                spans.append((m.start(), m.end()))
    return sorted(spans)


def parse_date(text: str) -> str | None:
    """The first full date anywhere in a short string (a dateline or a date line)."""
    dates = find_dates(text)
    return dates[0][1] if dates else None


def article_date(
    date_lines: list[str],
    dateline_date: str | None,
    paragraphs: list[str],
    record: str | None,
    captions: list[str] | None = None,
    quotes: list[tuple[int, int]] | None = None,
) -> str | None:
    """Pick the article's date: the report's, in the order a careful reader would.

    The dateline's date; else the date the body gives the reported event or statement (see
    the module docstring; never one inside a quotation, see ``quotes``, offsets into the
    paragraphs joined by blank lines); else the page's publication-date line; else a photo
    caption's date; else the import record's own date.
    """
    if dateline_date:
        return dateline_date
    body = "\n\n".join(paragraphs)
    found = _report_dates(body, [*(quotes or []), *_open_quote_tails(paragraphs)])
    lead_end = len(paragraphs[0]) if paragraphs else 0
    # A weekday-dated day anywhere, else any date of the lead, is the report's; a date given
    # further down only after "pada" or "tanggal" yields to the page's own date line.
    weekday = next((iso for _p, iso, strength in found if strength == 2), None)
    lead = next((iso for pos, iso, _s in found if pos < lead_end), None)
    if weekday or lead:
        return weekday or lead
    for line in date_lines:
        if iso := parse_date(line):
            return iso
    if later := next((iso for _p, iso, strength in found if strength == 1), None):
        return later
    for line in captions or []:
        if iso := _caption_date(line):
            return iso
    if record:
        m = _ISO_RE.match(record.strip()[:10])
        if m:
            return _iso(m["y"], m["m"], m["d"])
    return None


_NUMERIC_START_RE = re.compile(r"\d{1,2}[/.-]\d")


def _open_quote_tails(paragraphs: list[str]) -> list[tuple[int, int]]:
    """The span of speech the last paragraph opens and never closes (a quotation cut off by
    the end of the page): a date there is the speaker's too. Offsets into the joined body."""
    if not paragraphs:
        return []
    last = paragraphs[-1]
    pos = sum(len(p) + 2 for p in paragraphs[:-1])
    curly = last.rfind("“")
    if curly >= 0 and not any(ch in last[curly:] for ch in '”"'):
        return [(pos + curly, pos + len(last))]
    straight = last.rfind('"')
    if (
        straight >= 0
        and last.count('"') % 2 == 1
        and "”" not in last[straight:]  # '"Aman.” ujar X': mixed marks close the quote
        and (straight == 0 or last[straight - 1] == " ")
        and last[straight + 1 : straight + 2].isalpha()
    ):
        return [(pos + straight, pos + len(last))]
    return []


def _report_dates(body: str, quotes: list[tuple[int, int]]) -> list[tuple[int, str, int]]:
    """The body's candidate report dates as ``(offset, iso, strength)``: 2 when a weekday (or
    parentheses) marks the day, 1 after "pada" / "tanggal", 0 for a bare date."""
    found = find_dates(body, quotes)
    weekday_only = bool(found) and _weekday_only_first(body, found[0][0])
    out = []
    for pos, iso, anchored in found:
        before = body[max(0, pos - 40) : pos]
        numeric = _NUMERIC_START_RE.match(body, pos) is not None
        weekday = _ANCHOR_RE.search(before) is not None
        strength = 2 if (weekday or (numeric and before.endswith("("))) else int(anchored)
        if weekday_only and strength < 2:
            # Only a date the text ties to a weekday ("kata X, Senin (25/12/2017)") can still
            # be the report's day; a "pada 31 Desember 2017" schedule cannot.
            continue
        out.append((pos, iso, strength))
    return out


def _caption_date(line: str) -> str | None:
    """The day a photo caption gives: "... di Palu, Senin (11/11/2024). (ANTARA/HO-Humas)"."""
    for _pos, iso, anchored in find_dates(line):
        if anchored:
            return iso
    return None
