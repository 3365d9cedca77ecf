"""Cleaning: split raw article text into headline, body paragraphs and page furniture.

Works line by line. A line is furniture only when the WHOLE line matches a furniture pattern
(so a real sentence that merely mentions "iklan" is never dropped); the two detik-style banners
that scrapers glue into paragraphs ("ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT") are the
only text removed from inside a line.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from warta.store.extract.dateline import DATELINE_START_RE, PLACE_DASH_START_RE
from warta.store.extract.dates import date_spans
from warta.store.extract.furniture import is_junk_line, is_prose, is_tag_list, mark_blocks
from warta.store.extract.lexicon import PROVINCE_ABBREVIATIONS, PROVINCES
from warta.store.extract.people import is_topic_word
from warta.store.extract.recurring import line_key

MAX_CHARS = 400_000
"""Longer input is cut: no real article is this long, and it bounds the time spent on junk."""

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2060\ufeff\ufffe]")
_SPACE_RE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_NEWLINE_RE = re.compile(r"\r\n?|[\u2028\u2029\u0085]")

# The outlet a republished article credits: "Artikel ini tayang di Kompas.com dengan judul".
_REPUBLISHED_RE = re.compile(
    r"(?:artikel|berita|tulisan)\s+ini\s+(?:telah\s+)?(?:tayang|terbit|dimuat|diterbitkan)\s+"
    r"(?:di|pada)\s+(?P<outlet>[A-Za-z][\w-]*(?:\.[A-Za-z]{2,6}){0,2})",
    re.IGNORECASE,
)
# Banners glued into a paragraph by scrapers; upper case only so prose never matches.
_INLINE_JUNK_RE = re.compile(r"\s*\b(ADVERTISEMENT|SCROLL TO CONTINUE WITH CONTENT)\b\s*")

# ANTARA-style keyword line "id Isu negatif, cooling system, ..." and "Tags: a, b, c".
# "Baca juga:,,Real paragraph" / "Baca juga: Title,,Real paragraph" (scraper joined with commas).
_GLUED_READ_ALSO_RE = re.compile(
    r"(?P<junk>baca\s*juga\s*:?(?:[^,]|,(?!\s*,)){0,200}?)\s*,\s*,[\s,]*(?P<rest>\S.*)",
    re.IGNORECASE | re.DOTALL,
)

# "dikutip dari,Meski demikian ...": a credit whose link was stripped, glued onto a paragraph.
_GLUED_CREDIT_RE = re.compile(
    r"(?P<junk>(?:dikutip|disadur|dilansir)\s+(?:dari|dr))\s*[,.:]\s*(?P<rest>[A-Z\"“].*)",
    re.DOTALL,
)

_KEYWORDS_RE = re.compile(
    r"(?:id|tags?|kata\s*kunci|keywords?|topik|tag\s*terkait)\s*:?\s+(?P<list>[^.!?\"“”]{3,400})",
    re.IGNORECASE,
)

# Photo caption: a short line ending with a photo credit, or starting with "Foto:".
_CREDIT_WORDS = (
    r"ANTARA(?:\s*FOTO)?|ANTARANEWS|Foto|Photo|Dok\.?|Dokumentasi|Istimewa|Ist\.?|Humas|"
    r"(?i:foto|photo|dok)\s*:"  # "(foto:Egi)": lower case only with the credit's colon
)
_CAPTION_RE = re.compile(
    rf"(?P<text>[^\"“”]{{3,300}}?)\s*\(\s*(?:(?:{_CREDIT_WORDS})\b[^()]{{0,80}}|"
    rf"[A-Z][\w.]{{1,20}}\s*/\s*[\w .]{{2,40}})\)\s*\.?",
)
_CAPTION_PREFIX_RE = re.compile(
    r"(?:foto|photo|keterangan\s+foto|caption|ilustrasi)\s*:\s*\S.{0,300}", re.IGNORECASE
)
# A caption whose credit follows it: "Ketua Bawaslu Rahmat Bagja (tengah). Foto: MI/Moh Irfan".
_CAPTION_SUFFIX_RE = re.compile(
    r"[^\"“”]{3,300}?[.)]\s*(?:foto|photo|sumber\s+foto|dok)\s*:\s*\S.{0,60}", re.IGNORECASE
)
# A photo credit standing for a caption the scraper lost: "Foto Antara", "Ilustrasi Medcom.id.".
_CREDIT_ONLY_RE = re.compile(
    r"(?:foto|photo|ilustrasi|dok\.?|ist\.?)\s*[:.]?\s*[A-Za-z][\w.]*(?:\s+[A-Za-z][\w.]*){0,2}\.?",
    re.IGNORECASE,
)
# A photo credit of outlet and photographer in capitals: "HARIANKOTA/BUDI SANTOSO"; a caption
# whose credit stands after a spaced slash: "Ilustrasi patroli /Unsplash".
PHOTO_CREDIT_RE = re.compile(r"[A-Z][A-Z0-9.-]+/[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){1,3}")
_SPACED_SLASH_CREDIT_RE = re.compile(r"[^\"“”/]{3,200}\s/\s?[A-Z][\w.]+(?: [A-Z][\w.]+){0,2}")
_SLASH_CREDIT_RE = re.compile(r"[^\"“”/]{3,200}[a-z]/(?:[A-Z]{2,}[\w.]*|[A-Z][\w.]+\.(?:com|id))")
# A caption ending in a Disway-style credit after two dashes: "... di Palas.--David", "Hoax--".
_DASH_CREDIT_RE = re.compile(r".{2,300}[.!?]--(?:[A-Z][\w ]{0,30})?|\S+(?: \S+){0,2}--")
_CREDIT_KNOWN_RE = re.compile(rf"\(\s*(?:{_CREDIT_WORDS})\b", re.IGNORECASE)

_WORD_RE = re.compile(r"\S+")
_NON_ALNUM_RE = re.compile(r"[\W_]+")
# What may surround the dates of a publication-date line: "Posted on", "Rabu,", "| 10:30 WIB",
# "Last Updated 2024-11-28T05:58:57Z", a view counter.
_DATE_LINE_NOISE_RE = re.compile(
    r"(?:posted|published|updated|last|diposting|diterbitkan|dipublikasikan|diperbarui|"
    r"terbit|tayang|pada|on|by|oleh|senin|selasa|rabu|kamis|jum.?at|sabtu|minggu|ahad|monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday|pukul|jam|wib|wita|wit|utc|gmt|am|pm|"
    r"views?|dibaca|dilihat|kali|\d{4}-\d\d-\d\dT[\d:.]+Z?|\d{1,2}[.:]\d{2}(?:[.:]\d{2})?|\d{1,6})"
    r"(?![\w])",
    re.IGNORECASE,
)
_SEPARATORS = " \t,.;:|/•·*()[]-–—"
_TRAILING_BYLINE_RE = re.compile(
    r"\s*[|•·]\s*(?:laporan|reporter|penulis|editor|oleh|by|pewarta)\s*:?\s*[^|]{1,40}$",
    re.IGNORECASE,
)
_NAME_SEP_RE = re.compile(r"\s[|•·\-–—]\s|\s[|•·]|[|•·]\s")
_YEAR_HINT_RE = re.compile(r"(?:19|20)\d\d|\d[/.-]\d{1,2}[/.-]\d\d")
# Scraped metadata glued in front of a headline: " date 2024-12-03 Pilkada 2024, ...".
_META_PREFIX_RE = re.compile(r"date\s+(?P<date>\d{4}-\d\d-\d\d)(?:T[\d:.]+Z?)?\s+(?=\S)")
_END_PUNCT = ".!?;:”\"’'"
_QUOTE_MARKS = '"“”„«»'

# Words of a section or category label above a headline ("Berita", "Hukum", "Pemilu 2024",
# "Giat Kepolisian"): such a label is never the outlet's name.
_CATEGORY_WORDS = {
    "berita", "news", "terkini", "terbaru", "nasional", "daerah", "regional", "hukum", "kriminal",
    "politik", "pemilu", "pilkada", "peristiwa", "nusantara", "headline", "utama", "opini",
    "ekonomi", "olahraga", "sport", "pendidikan", "kesehatan", "kepolisian", "polri", "giat",
    "kamtibmas", "metro", "megapolitan", "internasional", "dunia", "hiburan", "teknologi",
    "sosial", "budaya", "seputar", "info", "umum", "community", "komunitas", "advertorial",
    "kabar", "lokal", "pemerintahan", "polres", "polda", "polsek", "tni", "humas", "&", "dan",
}  # fmt: skip
_PROVINCE_WORDS = {w.lower() for p in PROVINCES for w in p.split()} | PROVINCE_ABBREVIATIONS
_OUTLET_WORDS_RE = re.compile(
    r"(?i:\.(?:com|id|co|net|org|news|tv)\b|news|times|post|pos|tv|online|media|radar|tribun|"
    r"warta|harian|suara|kabar|berita|jurnal|gema|sinar|metro|express|ekspres|pers|info|portal)"
)
_DOMAIN_RE = re.compile(
    r"(?:https?://)?(?:www\.)?[A-Za-z][A-Za-z0-9-]{1,40}(?:\.[A-Za-z0-9-]{1,30}){0,3}"
    r"\.(?i:com|id|co|net|org|news|tv|info|biz|online|asia|my\.id|web\.id|or\.id|co\.id)\.?"
)
_SITE_NAME_RE = re.compile(r"[A-Z][\w]*(?: [A-Z][\w]*){0,2}\.(?i:id|com|co\.id|net|news)")
_READ_TIME_RE = re.compile(
    r"\d+\s*(?:min(?:ute)?s?|menit)\s*(?:read|baca)\s*(?P<site>.{2,60})", re.I
)


@dataclass
class Cleaned:
    """The result of cleaning: headline (if any), body paragraphs and what was set aside."""

    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    junk: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    date_lines: list[str] = field(default_factory=list)
    """Publication-date lines of the page header (before the lead), in order."""
    credit_outlet: str | None = None
    """The outlet a republication credit names ("Artikel ini tayang di Kompas.com")."""
    site_outlet: str | None = None
    """The outlet a site label or a header timestamp line names ("Media Indonesia • 5 ...")."""


def normalize(text: str) -> list[str]:
    """Return the non-empty lines of ``text``, stripped, with runs of spaces collapsed."""
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
    text = _NEWLINE_RE.sub("\n", text)
    text = _SPACE_RE.sub(" ", _CONTROL_RE.sub("", text))
    return [s for raw in text.split("\n") if (s := raw.strip(" "))]


def _key(line: str) -> str:
    """Comparison key for duplicate detection: lower case, letters and digits only."""
    return _NON_ALNUM_RE.sub("", line.lower())


def _words(line: str) -> int:
    return len(_WORD_RE.findall(line))


def keywords_of(line: str) -> list[str] | None:
    """The keyword list of a keyword line, or None if ``line`` is not one."""
    if len(line) > 400:
        return None
    m = _KEYWORDS_RE.fullmatch(line)
    if not m:
        return None
    items = [s.strip(" #") for s in re.split(r"[,;|#]", m["list"])]
    items = [s for s in items if s]
    # A real keyword list has several short items; "id" + a sentence is not one.
    if len(items) < 2 or any(_words(s) > 6 for s in items):
        return None
    return items


def is_caption(line: str, *, in_top: bool) -> bool:
    """True for a photo caption with a credit; generic "X/Y" credits only in the top block."""
    if len(line) > 400 or any(ch in line for ch in _QUOTE_MARKS):
        return False
    if _CAPTION_PREFIX_RE.fullmatch(line):
        return True
    low = line.lower()
    if (
        in_top
        and ("foto" in low or "photo" in low or "dok" in low)
        and _CAPTION_SUFFIX_RE.fullmatch(line)
    ):
        return True
    if in_top and len(line) <= 40 and _CREDIT_ONLY_RE.fullmatch(line):
        return True
    if in_top and "/" in line and _SLASH_CREDIT_RE.fullmatch(line):
        return True  # "Ketua Bawaslu Rahmat Bagja/RMOL": a caption and its outlet's credit
    if "/" in line and len(line) <= 60 and PHOTO_CREDIT_RE.fullmatch(line):
        return True
    if in_top and " /" in line and _SPACED_SLASH_CREDIT_RE.fullmatch(line):
        return True
    if in_top and "--" in line and _DASH_CREDIT_RE.fullmatch(line):
        return True
    m = _CAPTION_RE.fullmatch(line)
    if not m or _words(m["text"]) > 35:
        return False
    return in_top or _CREDIT_KNOWN_RE.search(line) is not None


def date_line_name(line: str) -> str | None:
    """What a publication-date line names besides its date and time ("" for nothing), or None
    when ``line`` is not such a line.

    "Rabu, 7 Agustus 2024 | 10:30 WIB" -> "", "Kompas.com - 14/02/2024, 06:13 WIB" ->
    "Kompas.com", "Egi | Jumat 05 Jan 2024 23:16 WIB | 331" -> "Egi".
    """
    if len(line) > 160 or not _YEAR_HINT_RE.search(line) or _words(line) > 16:
        return None
    line = _TRAILING_BYLINE_RE.sub("", line)  # "... | 10:58 WIB | LAPORAN: AHMAD SATRYO"
    spans = date_spans(line)
    if not spans:
        return None
    rest = "".join(line[a:b] if i % 2 == 0 else " " for i, (a, b) in enumerate(_gaps(line, spans)))
    rest = _DATE_LINE_NOISE_RE.sub(" ", rest)
    words = [w for w in (t.strip(_SEPARATORS) for t in rest.split()) if w]
    if len(words) > 4:
        return None
    if line[:1].islower() and not line.startswith(("admin", "posted", "published", "updated")):
        return None  # "pada Kamis 12 September 2019." continues a sentence broken by a newline
    if any(w[0].islower() and not w.startswith("admin") for w in words):
        return None  # "Kamis pagi (19/9/2019)": a time of day is the text's, not a header's
    if not words:
        return ""
    # A name beside the date is the header's only before it and set off by a separator
    # ("Kompas.com - 14/02/2024", "Egi | Jumat ..."); "Pantauan, Kamis (19/9/2019)" and
    # "18/11/15 Inggris 2 - 0 Prancis" are the text's own lines.
    head = _DATE_LINE_NOISE_RE.sub(" ", line[: spans[0][0]])
    head_words = [w for w in (t.strip(_SEPARATORS) for t in head.split()) if w]
    if head_words != words:
        return None
    if not (_NAME_SEP_RE.search(line[: spans[0][0]]) or words[0].startswith("admin")):
        return None
    return " ".join(words)


def _gaps(line: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Alternating (kept, removed) ranges of ``line`` around ``spans``."""
    out: list[tuple[int, int]] = []
    pos = 0
    for a, b in spans:
        out.append((pos, a))
        out.append((a, b))
        pos = b
    out.append((pos, len(line)))
    return out


def is_date_line(line: str) -> bool:
    """A publication-date line: "Rabu, 7 Agustus 2024 | 10:30 WIB", "Posted on January 5, 2024"."""
    return date_line_name(line) is not None


def _outlet_shaped(name: str) -> bool:
    """A name that can be an outlet's: a web domain or a name with a press word in it."""
    return bool(name) and len(name) <= 40 and _OUTLET_WORDS_RE.search(name) is not None


def _site_label(line: str) -> str | None:
    """The site name a label line gives: "seputarperak.com", "2 min readBlinkiss.id"."""
    m = _READ_TIME_RE.fullmatch(line)
    if m:
        return m["site"].strip()
    if _DOMAIN_RE.fullmatch(line):
        return line.rstrip(".")
    site = line.split("|")[0].strip()
    if "|" in line and _SITE_NAME_RE.fullmatch(site):
        return site  # "Sinar Medan.id | Jakarta": the site, then the dateline place
    return None


_TOPIC_WORDS = _CATEGORY_WORDS | _PROVINCE_WORDS


def _is_tags(line: str) -> bool:
    """A tag line of the page: a comma list with at least one topic item (a unit, an office, a
    rank, a province, a section) among its names; a list of names alone is a team sheet."""
    if not is_tag_list(line) or ", " not in line:
        return False
    return any(
        w.lower() in _TOPIC_WORDS or is_topic_word(w)
        for item in line.split(",")
        for w in item.split()[:1]
    )


def _is_category(line: str) -> bool:
    """A section label: every word a category word or a place word ("Riau", "Pemilu 2024")."""
    for w in line.split():
        low = w.lower().strip(",.:")
        if low in _CATEGORY_WORDS or low in _PROVINCE_WORDS or low.isdigit():
            continue
        return False
    return True


# Photo-source words that stand above a headline ("Sumber : - Istimewa"), never a site's name.
_CREDIT_LABELS = {"istimewa", "ist", "dok", "dokumentasi", "foto", "humas", "sumber", "ilustrasi"}


def _is_site_name(line: str) -> bool:
    """A label line that may be the site's own name: not a credit word, not a bullet item."""
    words = line.lstrip("-–• ").split()
    return (
        bool(words)
        and not line.startswith(("-", "–", "•"))
        and not any(w.lower().strip(",.:") in _CREDIT_LABELS for w in words)
    )


def _is_dedupable(line: str) -> bool:
    """Whether a repeated line is a duplicated paragraph (not a repeated short fragment such as
    '" kata netter.' that several quotes share)."""
    n = _words(line)
    has_mark = any(ch in line for ch in '"“”')
    return n >= 12 or (n >= 6 and not has_mark)


def _looks_like_headline(line: str) -> bool:
    """A headline: short, not a dateline, not a full sentence ending in a period."""
    n = _words(line)
    if n > 30 or len(line) > 250 or DATELINE_START_RE.match(line):
        return False
    # "Rimanews - Polres Metro Bekasi ... besok malam": a long line after "Word -" is a lead
    # whose final period the scraper lost, not a headline ("Jokowi - Prabowo Bertemu" is short).
    if n >= 14 and PLACE_DASH_START_RE.match(line):
        return False
    # Headlines do not end with a full stop (a repeated line is caught separately).
    return not line.endswith(".")


def _is_label(line: str) -> bool:
    """A short label line: a menu item, a section, a site name, an author ("Riau", "Tim X")."""
    return (
        _words(line) <= 4
        and len(line) <= 40
        and line[-1] not in ".!?;:”\"’'"
        and not any(ch in line for ch in _QUOTE_MARKS)
        and not line.endswith("--")
    )


def _same(a: str, b: str) -> bool:
    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return False
    return ka == kb or fuzz.ratio(ka, kb) >= 92


def _is_lead(line: str) -> bool:
    """The first paragraph of the article proper: a dateline, or a sentence of some length."""
    return bool(DATELINE_START_RE.match(line)) or (_words(line) >= 8 and not _is_label(line))


def _classify(lines: list[str], out: Cleaned) -> list[str]:
    """Pass 1: the kind of every line on its own, then the furniture blocks."""
    kinds: list[str] = []
    names: dict[int, str] = {}
    for i, line in enumerate(lines):
        if i < 8 and (kw := keywords_of(line)) is not None:
            out.keywords.extend(k for k in kw if k not in out.keywords)
            kinds.append("keywords")
        elif is_junk_line(line) and not PHOTO_CREDIT_RE.fullmatch(line):
            kinds.append("junk")
        elif (name := date_line_name(line)) is not None:
            names[i] = name
            kinds.append("date")
        elif is_caption(line, in_top=i < 6):
            kinds.append("caption")
        else:
            kinds.append("text")
        if kinds[-1] == "junk" and (m := _REPUBLISHED_RE.search(line)):
            out.credit_outlet = m["outlet"].rstrip(".")
    mark_blocks(lines, kinds)
    for i, name in names.items():
        if kinds[i] == "date" and _outlet_shaped(name) and out.site_outlet is None:
            out.site_outlet = name  # "Media Indonesia • 5 January 2024 20:10"
    return kinds


def _title_over_date_line(lines: list[str], kinds: list[str], text_idx: list[int]) -> int:
    """Index into ``text_idx`` of a headline standing right over the page's publication-date
    line near the top (under widgets a page shows first), or -1."""
    for pos, i in enumerate(text_idx[:12]):
        if i + 1 < len(lines) and kinds[i + 1] == "date":
            line = lines[i]
            if _words(line) >= 4 and _looks_like_headline(line) and not is_prose(line):
                return pos
    return -1


def _pick_title(lines: list[str], kinds: list[str], text_idx: list[int]) -> tuple[int, int]:
    """(index into ``text_idx`` of the headline or -1, count of label lines before it)."""
    over = _title_over_date_line(lines, kinds, text_idx)
    if over > 0 and not any(is_prose(lines[i]) for i in text_idx[:over]):
        return over, over  # "Mohon tunggu...", profile widgets, then the headline and its date
    labels = 0
    while labels < len(text_idx) - 1 and labels < 40 and _is_label(lines[text_idx[labels]]):
        labels += 1
    if labels and _words(lines[text_idx[labels - 1]]) >= 3 and labels == 1:
        # One short line, then the article: "Polisi Tangkap Maling" is the headline unless the
        # next line is a headline too ("Riau" / "Pastikan Pemilu Berjalan Aman, ...").
        nxt = lines[text_idx[1]]
        if not (_looks_like_headline(nxt) and _words(nxt) > 4):
            labels = 0
    k = labels
    if k >= len(text_idx):
        return -1, labels
    head = lines[text_idx[k]]
    if head.endswith(("...", "…")):
        # A truncated SEO or breadcrumb line above the real headline: take the full one.
        stem = _key(head.rstrip(".… "))
        for j in range(k + 1, min(k + 4, len(text_idx))):
            full = lines[text_idx[j]]
            if stem and _key(full).startswith(stem) and _looks_like_headline(full):
                return j, j
    rest = text_idx[k + 1 :]
    repeated = bool(rest) and _same(lines[rest[0]], head)
    if rest and (repeated or (_looks_like_headline(head) and _words(head) >= 3)):
        return k, labels
    return -1, labels


def _mark_recurring(lines: list[str], kinds: list[str], recurring: Collection[str]) -> None:
    """Mark the outlet's learned furniture (see ``recurring.py``) as junk: never a line with a
    quotation mark, a sentence between the article's first and last own sentences, or a full
    sentence of eight words or more."""
    hits = {
        i
        for i, line in enumerate(lines)
        if kinds[i] == "text" and line_key(line) in recurring and not _has_quote(line)
    }
    if not hits:
        return
    # The article runs from its first to its last line the outlet's other pages do not share;
    # a shared sentence inside that run is a press-release template the article uses.
    own = [i for i, k in enumerate(kinds) if k == "text" and i not in hits]
    first, last = (own[0], own[-1]) if own else (len(lines), -1)
    for i in hits:
        if first < i < last and is_prose(lines[i]):
            continue
        # A full sentence of some length is the article's, wherever it stands: templated
        # reports (a daily price, a weather line) share theirs once digits are folded.
        if _words(lines[i]) >= 8 and is_prose(lines[i]):
            continue
        kinds[i] = "junk"


def _has_quote(line: str) -> bool:
    return any(ch in line for ch in _QUOTE_MARKS)


def clean(
    text: str, title_hint: str | None = None, recurring: Collection[str] | None = None
) -> Cleaned:
    """Split ``text`` into headline, body paragraphs, junk, keywords and captions.

    ``recurring`` holds the line keys the outlet's other articles share (learned furniture).
    """
    out = Cleaned()
    lines = normalize(text)
    if lines and (meta := _META_PREFIX_RE.match(lines[0])):
        out.date_lines.append(meta["date"])  # scraped page metadata, not the headline
        lines[0] = lines[0][meta.end() :]
    kinds = _classify(lines, out)
    if recurring:
        _mark_recurring(lines, kinds, recurring)
    text_idx = [i for i, k in enumerate(kinds) if k == "text"]

    # Pass 2: the top block -> labels and menus, headline, repeated headline.
    skip: set[int] = set()
    drop_as_junk: set[int] = set()
    title = title_hint
    title_at = -1
    if title_hint:
        for i in text_idx[:3]:
            if _same(lines[i], title_hint):
                skip.add(i)
                title_at = max(title_at, i)
    elif text_idx:
        k, labels = _pick_title(lines, kinds, text_idx)
        if k >= 0:
            head = lines[text_idx[k]]
            title, title_at = head, text_idx[k]
            skip.add(title_at)
            for i in text_idx[k + 1 : k + 4]:
                if _same(lines[i], head):
                    skip.add(i)
                    title_at = i
        for j in range(labels if k >= 0 or labels <= 2 else 0):
            line = lines[text_idx[j]]
            if k < 0 and _words(line) > 2:
                continue  # no headline: only a site label stands before the lead
            drop_as_junk.add(text_idx[j])
            if out.site_outlet is None and not _is_category(line):
                # Above a headline a label is a section ("Mata Lokal Memilih"); only a name
                # that stands alone before the lead, or a domain, names the site.
                named = line if k < 0 and _is_site_name(line) else None
                out.site_outlet = _site_label(line) or named
    out.title = title
    _mark_header_and_footer(lines, kinds, text_idx, title_at, drop_as_junk, out)
    for i, kind in enumerate(kinds):
        if kind == "date" and i not in drop_as_junk:
            out.date_lines.append(lines[i])

    # Pass 3: build the body, dropping repeated headlines and duplicated paragraphs.
    seen: set[str] = set()
    title_key = _key(title) if title else ""
    for i, line in enumerate(lines):
        kind = kinds[i]
        if i in skip or kind == "keywords":
            continue
        if kind == "caption":
            out.captions.append(line)
            continue
        if kind in ("junk", "date") or i in drop_as_junk:
            glued = _GLUED_READ_ALSO_RE.fullmatch(line)
            if glued and _words(glued["rest"]) >= 6:
                # "Baca juga: Title,,Next paragraph": link stripping glued a real paragraph on
                # (several times over: "Baca Juga :,,Baca Juga :,,Di mana ...").
                while glued and _words(glued["rest"]) >= 6:
                    out.junk.append(glued["junk"])
                    line = glued["rest"]
                    glued = _GLUED_READ_ALSO_RE.fullmatch(line)
                if is_junk_line(line):
                    out.junk.append(line)
                    continue
            else:
                out.junk.append(line)
                continue
        if line.startswith(("dikutip", "disadur", "dilansir")):
            glued_credit = _GLUED_CREDIT_RE.fullmatch(line)
            if glued_credit and _words(glued_credit["rest"]) >= 4:
                out.junk.append(glued_credit["junk"])
                line = glued_credit["rest"]
        key = _key(line)
        if (title_key and key == title_key) or (key in seen and _is_dedupable(line)):
            out.junk.append(line)
            continue
        seen.add(key)
        if "ADVERTISEMENT" in line or "SCROLL TO" in line:
            for m in _INLINE_JUNK_RE.finditer(line):
                out.junk.append(m[1])
            line = _INLINE_JUNK_RE.sub(" ", line).strip()
            if not line:
                continue
        out.paragraphs.append(line)
    return out


def _mark_header_and_footer(
    lines: list[str],
    kinds: list[str],
    text_idx: list[int],
    title_at: int,
    drop: set[int],
    out: Cleaned,
) -> None:
    """Short label lines between the headline and the lead (authors, tags, a site name) and
    after the article's last sentence (a reporter's name, a tag, a cut related headline)."""
    body_idx = [i for i in text_idx if i > title_at and i not in drop]
    lead = next((i for i in body_idx if _is_lead(lines[i])), None)
    if lead is None:
        return
    for i in body_idx:
        if i >= lead:
            break
        line = lines[i]
        if title_at >= 0 and (_is_label(line) or _is_tags(line)):
            drop.add(i)
            site = _site_label(line)
            if site and out.site_outlet is None:
                out.site_outlet = site
    for i in reversed(body_idx):
        line = lines[i]
        if _is_tags(line):
            drop.add(i)  # "Polda Jateng, Kapolda Jateng, Irjen Pol ..., Jawa Tengah, ..."
            continue
        if not _is_footer_label(line):
            break  # the footer is the run of labels after the article's last line
        drop.add(i)


def _is_footer_label(line: str) -> bool:
    """A short line after the article's last sentence that is no sentence's start: every word
    capitalised ("Dahrul", "Polri Tegas") or every word lower case ("pangkep sulsel"); never a
    "Label: value" line ("Pelatih: Emral Abus") or a numbered item."""
    if not _is_label(line) or line.endswith(",") or ":" in line or line[:1].isdigit():
        return False
    words = line.split()
    caps = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return caps == len(words) or caps == 0
