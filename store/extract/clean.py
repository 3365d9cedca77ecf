"""Cleaning: split raw article text into headline, body paragraphs and page furniture.

Works line by line. A line is furniture only when the WHOLE line matches a furniture pattern
(so a real sentence that merely mentions "iklan" is never dropped); the two detik-style banners
that scrapers glue into paragraphs ("ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT") are the
only text removed from inside a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from warta.store.extract.dateline import DATELINE_START_RE, PLACE_DASH_START_RE
from warta.store.extract.dates import find_dates

MAX_CHARS = 400_000
"""Longer input is cut: no real article is this long, and it bounds the time spent on junk."""

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2060\ufeff\ufffe]")
_SPACE_RE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_NEWLINE_RE = re.compile(r"\r\n?|[\u2028\u2029\u0085]")

_SOCIAL = (
    r"facebook|twitter|whatsapp|telegram|line|linkedin|pinterest|e-?mail|copy\s*link|"
    r"salin\s*(?:tautan|link)|print|cetak|instagram|tiktok|youtube|x|fb|wa|share|bagikan|tweet"
)

# Whole-line furniture patterns (matched with fullmatch, case-insensitive).
_JUNK_PATTERNS = [
    r"baca\s*(?:juga|pula|selengkapnya)\b.*",
    r"(?:artikel|berita|video|foto)\s+(?:terkait|lainnya|terkini|populer|terpopuler|pilihan|menarik)"
    r"(?:\s*[:|»>-].{0,150})?",
    r"related\s+(?:articles?|posts?|news|stories|coverage|content|topics)(?:\s*[:|»>-].{0,150})?",
    r"related\s*:.{0,150}|(?:more|most\s+read)\s*:.{0,150}",
    r"(?:you\s+may\s+also\s+like|also\s+read|read\s+more|read\s+also|more\s+stories)"
    r"(?:\s*[:|»>-].{0,150})?",
    r"back\s+to\s+top(?:\s+button)?",
    # English page furniture: share bars, newsletter boxes, "click here", reporting credits.
    r"share\s+(?:this|the)\s+(?:article|story|post|page)\W{0,3}|share\s+via\b.{0,60}",
    r"(?:sign\s+up|subscribe|register)\b.{0,60}\b(?:newsletters?|updates|alerts|emails?|"
    r"daily\s+brief(?:ing)?)\b.{0,80}",
    r"click\s+(?:here|the\s+link|below)\b.{0,120}|tap\s+here\b.{0,120}",
    r"(?:story|article)\s+continues\s+below(?:\s+advertisement)?\W{0,3}|"
    r"continue\s+reading(?:\s+the\s+main\s+story)?\W{0,3}|skip\s+to\s+(?:main\s+)?content",
    r"\(?(?:additional\s+)?(?:reporting|writing|editing)\s+by\b.{0,200}",
    r"(?:we\s+want\s+to\s+hear\s+from\s+you|join\s+the\s+conversation|"
    r"view\s+(?:\d+\s+)?comments?|show\s+comments?|(?:\d+\s+)?comments?\s*\(\d+\))\W{0,3}",
    r"lihat\s+(?:selengkapnya|semua|berita\s+lainnya|juga\s*:.{0,150})",
    r"(?:leave\s+a\s+(?:reply|comment)|tinggalkan\s+(?:balasan|komentar)|berikan\s+komentar)\b.{0,40}",
    r"your\s+email\s+address\s+will\s+not\s+be\s+published\b.*",
    r"alamat\s+email\s+(?:anda|kamu)\s+tidak\s+akan\s+(?:dipublikasikan|ditampilkan)\b.*",
    r"(?:required\s+fields\s+are\s+marked|ruas\s+yang\s+wajib\s+ditandai)\b.*",
    r"(?:comment|name|email|website|komentar|nama|situs\s*web|url)\s*\*?\s*:?",
    r"(?:save\s+my\s+name|simpan\s+nama\s+saya)\b.*",
    r"(?:post\s+comment|kirim\s+komentar|submit|cancel\s+reply|batalkan\s+balasan)",
    r"(?:advertisement|advertisment|iklan|sponsored|ads|konten\s+bersponsor)",
    r"scroll\s+(?:to\s+continue\s+with\s+content|untuk\s+melanjutkan\b.*|down\b.*)",
    rf"(?:(?:{_SOCIAL})\s*[,|/·•:-]?\s*)+",
    r"(?:share|bagikan|sebarkan)(?:\s+(?:this|artikel|berita|ini|on|ke|via|it))*\s*:.{0,80}",
    r"(?:dilihat|dibaca|views?|pembaca|hits?)\s*:?\s*[\d.,]+\s*(?:kali|x|views?)?",
    r"[\d.,]+\s*(?:views?|kali\s+(?:dibaca|dilihat)|pembaca|dibaca|dilihat|hits|komentar|comments?)",
    r"(?:#[\w-]+[\s,]*)+",
    r"(?:\S+\.(?:jpe?g|png|gif|webp|bmp|svg)(?:\?\S*)?\s*)+",
    r"(?:editor|penulis|reporter|pewarta|penyunting|redaktur|writer|author|editing|"
    r"sumber|source|kontributor|laporan\s+wartawan)\s*:.{0,60}?"
    r"(?:\W*(?:artikel|berita|tulisan)\s+ini\s+(?:telah\s+)?(?:tayang|terbit|dimuat|diterbitkan)"
    r"\s+di\b.{0,200})?",
    # Republication credit: "Artikel ini tayang di Kompas.com dengan judul ...".
    r"(?:artikel|berita|tulisan)\s+ini\s+(?:telah\s+)?(?:tayang|terbit|dimuat|diterbitkan)"
    r"\s+(?:di|pada)\b.{0,200}",
    # A link-stripped read-also in brackets: "(Baca: Polisi Memprediksi ...)".
    r"[(\[]\s*baca\s*(?:juga|pula)?\s*:.{0,200}[)\]]",
    r"laporan\s+(?:wartawan|reporter|koresponden)\b.{0,100}",
    r"copyright\s*(?:©|\(c\)|\d{4}).{0,120}|.{0,80}©.{0,120}|.{0,80}all\s+rights\s+reserved\W{0,3}",
    r"(?:home|beranda)\s*[›»>/|].{0,200}",
    r"(?:ikuti|follow|simak|dapatkan|download|unduh|gabung(?:lah)?|join|klik|cek)\b.{0,160}"
    r"(?:google\s+news|whatsapp|telegram|channel|aplikasi|instagram|facebook|twitter|youtube|"
    r"tiktok|di\s+sini|disini|link\s+berikut|update\s+berita)\b.{0,80}",
    r"(?:previous|next)\s+(?:post|article|story)(?:\s*[:|»>-].{0,150})?|post\s+navigation|"
    r"(?:berita|artikel)?\s*(?:sebelumnya|selanjutnya)(?:\s*[:|»>].{0,150})?",
    r"(?:dikutip|disadur|dilansir|sumber)\s+(?:dari|dr)\W*|"  # link-stripped credit remnant
    r"loading\W*|print\s+friendly.*|halaman\s*:?\s*\d[\d\s]*(?:selanjutnya|next)?|page\s+\d+.*",
    r"(?:terpopuler|populer|terbaru|trending(?:\s+now)?|terkini|rekomendasi|pilihan\s+editor|"
    r"most\s+popular|latest\s+news|breaking\s+news|headline|topik\s+pilihan|news\s+feed)",
    r"(?:kamu|anda)\s+mungkin\s+(?:juga\s+)?(?:suka|menyukai)\b.{0,40}",
    r"(?:menu|search|cari|login|masuk|daftar|subscribe|berlangganan|tutup|close|open|tags?|"
    r"comments?|komentar|reply|balas|like|suka|follow\s+us)",
    r"(?:(?![\"“”])[\W_]){1,20}",  # rules, bullets, lone punctuation: "***", "—", "•"
    r"\(\s*[\w .*-]{1,25}(?:/[\w .*-]{1,25})+\s*\)",  # credit-only line: "(ams/ams)", "(rls/red)"
]
_JUNK_LINE_RE = re.compile("|".join(f"(?:{p})" for p in _JUNK_PATTERNS), re.IGNORECASE)

# A source line of outlet names in capitals: "EXPRESS | CNN", "REUTERS / AP" (case-sensitive).
_SOURCE_LINE_RE = re.compile(
    r"[A-Z][A-Z0-9.&-]*(?: [A-Z][A-Z0-9.&-]*){0,2}"
    r"(?:\s*[|/]\s*[A-Z][A-Z0-9.&-]*(?: [A-Z][A-Z0-9.&-]*){0,2})+"
)
# The outlet a republished article credits: "Artikel ini tayang di Kompas.com dengan judul".
_REPUBLISHED_RE = re.compile(
    r"(?:artikel|berita|tulisan)\s+ini\s+(?:telah\s+)?(?:tayang|terbit|dimuat|diterbitkan)\s+"
    r"(?:di|pada)\s+(?P<outlet>[A-Za-z][\w-]*(?:\.[A-Za-z]{2,6}){0,2})",
    re.IGNORECASE,
)
# A "Baca juga" label standing alone: the lines after it are the linked headlines.
_READ_ALSO_LABEL_RE = re.compile(r"baca\s*(?:juga|pula)\s*:?", re.IGNORECASE)
_HEADLINE_SMALL = {
    "di", "ke", "dari", "dan", "yang", "untuk", "dengan", "atau", "pada", "dalam", "oleh", "soal",
    "vs", "ini", "itu", "jadi", "bagi", "usai", "saat", "hingga", "karena", "tak", "tidak",
}  # fmt: skip

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
_CREDIT_WORDS = r"ANTARA(?:\s*FOTO)?|ANTARANEWS|Foto|Photo|Dok\.?|Dokumentasi|Istimewa|Ist\.?|Humas"
_CAPTION_RE = re.compile(
    rf"(?P<text>[^\"“”]{{3,300}}?)\s*\(\s*(?:(?:{_CREDIT_WORDS})\b[^()]{{0,80}}|"
    rf"[A-Z][\w.]{{1,20}}\s*/\s*[\w .]{{2,40}})\)\s*\.?",
)
_CAPTION_PREFIX_RE = re.compile(
    r"(?:foto|photo|keterangan\s+foto|caption|ilustrasi)\s*:\s*\S.{0,300}", re.IGNORECASE
)
_CREDIT_KNOWN_RE = re.compile(rf"\(\s*(?:{_CREDIT_WORDS})\b", re.IGNORECASE)

_WORD_RE = re.compile(r"\S+")
_NON_ALNUM_RE = re.compile(r"[\W_]+")
# What may surround a date on a publication-date line: "Posted on", "Rabu,", "| 10:30 WIB".
_DATE_LINE_FILLER_RE = re.compile(
    r"(?:posted|published|updated|diposting|diterbitkan|dipublikasikan|diperbarui|pada|on|by|"
    r"oleh|admin|redaksi|senin|selasa|rabu|kamis|jum.?at|sabtu|minggu|ahad|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|pukul|jam|wib|wita|wit|\d{1,2}[.:]\d{2}|[\W_])+",
    re.IGNORECASE,
)
_END_PUNCT = ".!?;:”\"’'"


@dataclass
class Cleaned:
    """The result of cleaning: headline (if any), body paragraphs and what was set aside."""

    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    junk: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    date_lines: list[str] = field(default_factory=list)
    credit_outlet: str | None = None
    """The outlet a republication credit names ("Artikel ini tayang di Kompas.com")."""


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


# A byline: "By Jane Doe", "By JANE DOE and Bob Lee, Associated Press", "By Jane Doe | Reuters".
_BYLINE_RE = re.compile(
    r"By:? (?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3})(?:(?:,| and|,? &) [A-Z][\w.'’-]*"
    r"(?: [A-Z][\w.'’-]*){1,3})*(?:\s*[,|/•·–—-]\s*[A-Z][\w.&' ]{1,40})?"
)


def is_junk_line(line: str) -> bool:
    """True when the whole line is page furniture."""
    if len(line) > 400:
        return False
    if line.startswith("By") and len(line) <= 100 and _BYLINE_RE.fullmatch(line):
        return True
    if len(line) <= 40 and _SOURCE_LINE_RE.fullmatch(line):
        return True
    return _JUNK_LINE_RE.fullmatch(line) is not None


def is_linked_headline(line: str) -> bool:
    """A headline of another article: short, title case, no sentence punctuation at the end."""
    words = line.split()
    if not 3 <= len(words) <= 16 or line[-1] in _END_PUNCT + ",":
        return False
    if any(ch in line for ch in '"“”'):
        return False
    big = [w for w in words if w.lower() not in _HEADLINE_SMALL]
    return bool(big) and sum(1 for w in big if w[0].isupper() or w[0].isdigit()) >= 0.8 * len(big)


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
    if len(line) > 400 or '"' in line or "“" in line or "”" in line:
        return False
    if _CAPTION_PREFIX_RE.fullmatch(line):
        return True
    m = _CAPTION_RE.fullmatch(line)
    if not m or _words(m["text"]) > 35:
        return False
    return in_top or _CREDIT_KNOWN_RE.search(line) is not None


def is_date_line(line: str) -> bool:
    """A publication-date line: "Rabu, 7 Agustus 2024 | 10:30 WIB", "Posted on January 5, 2024"."""
    if _words(line) > 12 or line[:1].islower():
        return False  # "pada Kamis 12 September 2019." continues a sentence broken by a newline
    dates = find_dates(line)
    if not dates:
        return False
    rest = line[: dates[0][0]] + " " + line[dates[0][0] :].split(dates[0][1][:4], 1)[-1]
    return _DATE_LINE_FILLER_RE.fullmatch(rest.strip() or " ") is not None


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


def _looks_like_region(line: str) -> bool:
    """A section/region label above the headline: "Kalimantan Barat", "Hukum & Kriminal"."""
    return _words(line) <= 4 and len(line) <= 40 and line[-1] not in _END_PUNCT


def _same(a: str, b: str) -> bool:
    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return False
    return ka == kb or fuzz.ratio(ka, kb) >= 92


def clean(text: str, title_hint: str | None = None) -> Cleaned:
    """Split ``text`` into headline, body paragraphs, junk, keywords and captions."""
    out = Cleaned()
    lines = normalize(text)
    # Pass 1: classify every line (keywords only near the top, where ANTARA puts them).
    kinds: list[str] = []
    for i, line in enumerate(lines):
        if i < 8 and (kw := keywords_of(line)) is not None:
            out.keywords.extend(k for k in kw if k not in out.keywords)
            kinds.append("keywords")
        elif is_junk_line(line):
            kinds.append("junk")
        elif is_date_line(line):
            out.date_lines.append(line)
            kinds.append("junk")
        elif is_caption(line, in_top=i < 6):
            kinds.append("caption")
        else:
            kinds.append("text")
        if kinds[-1] == "junk" and (m := _REPUBLISHED_RE.search(line)):
            out.credit_outlet = m["outlet"].rstrip(".")
    # Lines after a bare "Baca juga:" label are the linked articles' headlines.
    for i, line in enumerate(lines):
        if _READ_ALSO_LABEL_RE.fullmatch(line):
            j = i + 1
            while j < len(lines) and kinds[j] == "text" and is_linked_headline(lines[j]):
                kinds[j] = "junk"
                j += 1
    text_idx = [i for i, k in enumerate(kinds) if k == "text"]

    # Pass 2: the top block -> region label, headline, repeated headline.
    skip: set[int] = set()
    drop_as_junk: set[int] = set()
    title = title_hint
    if title_hint:
        for i in text_idx[:3]:
            if _same(lines[i], title_hint):
                skip.add(i)
    elif text_idx:
        first = 0
        if (
            len(text_idx) > 2
            and _looks_like_region(lines[text_idx[0]])
            and _looks_like_headline(lines[text_idx[1]])
            and not DATELINE_START_RE.match(lines[text_idx[1]])
            and _words(lines[text_idx[1]]) > _words(lines[text_idx[0]])
        ):
            drop_as_junk.add(text_idx[0])
            first = 1
        head = lines[text_idx[first]]
        rest = text_idx[first + 1 :]
        repeated = bool(rest) and _same(lines[rest[0]], head)
        if rest and (repeated or _looks_like_headline(head)):
            title = head
            skip.add(text_idx[first])
            for i in rest[:3]:
                if _same(lines[i], head):
                    skip.add(i)
        else:
            drop_as_junk.discard(text_idx[0])
    out.title = title

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
        if kind == "junk" or i in drop_as_junk:
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
