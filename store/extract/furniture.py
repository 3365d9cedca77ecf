"""Page furniture: lines of a scraped page that are not the article, told by their kind.

Nothing here depends on having seen a line before (the learned, per-outlet kind is in
``recurring.py``). Two layers:

* the kind of a single line (:func:`is_junk_line`): share bars and "link copied" notices,
  read-also and related-headline labels, counters and timestamps, breadcrumbs and kickers,
  bylines and editor codes, source credits, image file names and widget residue, ad slots,
  comment forms and footers, tag lists;
* blocks (:func:`mark_blocks`): lines that are furniture because of the line before them: the
  headlines under a "Berita Terkait" label, the text of an ad under "ADVERTISEMENT", the name
  under a bare "Reporter" label, a bulleted run of linked headlines.

A rule never removes a line holding a quotation mark or reading as the article's own sentence
(see :func:`is_prose`): furniture is short, title-cased or made of codes and counters.
"""

from __future__ import annotations

import re

_SOCIAL = (
    r"facebook|twitter|whatsapp|telegram|line|linkedin|pinterest|e-?mail|copy\s*link|copy|"
    r"salin\s*(?:tautan|link)|salin|print|cetak|instagram|tiktok|youtube|x|fb|wa|share|bagikan|"
    r"tweet|messenger|reddit|tumblr|threads|gmail|sms|icon"
)
_BYLINE_LABELS = (
    r"editor|penulis|reporter|pewarta|penyunting|redaktur|writer|author|editing|jurnalis|"
    r"wartawan|fotografer|kontributor|videografer|foto\s+dan\s+teks"
)
_RELATED_LABELS = (
    r"(?:berita|artikel|pos|post|posts|baca)\s+(?:terkait|lainnya|terbaru(?:\s+update)?|terkini|"
    r"pilihan|rekomendasi|sebelumnya|berikutnya|selanjutnya|menarik|populer|terpopuler)|"
    r"(?:terkini|terpopuler|terbaru|populer)\s+lainnya|"
    r"video\s+(?:rekomendasi|lainnya|terkait|pilihan|terpopuler|terkini)|"
    r"baca\s+(?:juga|pula)|baca\s+artikel\s+lainnya|recent\s+posts?|popular\s+posts?|"
    r"latest\s+posts?|must\s+read|more\s+stories|related(?:\s+(?:articles?|posts?|news|stories))?|"
    r"rekomendasi(?:\s+untuk\s+(?:anda|kamu))?|pilihan\s+redaksi|pilihan\s+editor|"
    r"(?:you|kamu|anda)\s+(?:may|mungkin)\s+(?:also\s+)?(?:like|suka|menyukai)|"
    r"indeks\s+berita|berita\s+utama|topik\s+(?:terkait|pilihan)|tag\s+terkait|"
    r"most\s+read|most\s+popular|trending(?:\s+now)?|terpopuler|terkini|terbaru"
)

# Whole-line furniture patterns (matched with fullmatch, case-insensitive).
_JUNK_PATTERNS = [
    r"baca\s*(?:juga|pula|selengkapnya)\b.*",
    # "Baca: Judul ...", "BACA ARTIKEL LAINNYA... Judul": a read-also without "juga".
    r"baca\s*:.{0,200}|baca\s+artikel\s+lainnya\b.{0,200}|baca\s+lainnya\W{0,3}",
    r"(?:artikel|berita|video|foto)\s+(?:terkait|lainnya|terkini|populer|terpopuler|pilihan|menarik)"
    r"(?:\s*[:|»>-].{0,150})?",
    rf"(?:{_RELATED_LABELS})\s*[:»>.]{{0,3}}",
    r"related\s+(?:articles?|posts?|news|stories|coverage|content|topics)(?:\s*[:|»>-].{0,150})?",
    r"related\s*:.{0,150}|(?:more|most\s+read)\s*:.{0,150}",
    r"(?:you\s+may\s+also\s+like|also\s+read|read\s+more|read\s+also|more\s+stories)"
    r"(?:\s*[:|»>-].{0,150})?",
    r"back\s+to\s+top(?:\s+button)?",
    # English page furniture: share bars, newsletter boxes, "click here", reporting credits.
    r"share\s+(?:this|the)\s+(?:article|story|post|page)\W{0,3}|share\s+via\b.{0,60}",
    r"(?:sebarkan|bagikan|share)\s+(?:artikel|berita|tulisan|postingan|konten)(?:\s+ini)?\W{0,3}",
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
    # Comment-box prompts: "Log in to post a reply", "Diskusi tentang artikel ini",
    # "Apa pendapat kamu tentang berita ini?".
    r"(?:sign\s*in|log\s*in|login|masuk)\s+(?:to|untuk)\s+(?:leave|post|write|add|join|"
    r"berkomentar|memberi|menulis|komentar)\b.{0,40}",
    r"(?:discussion|comments?)\s+(?:about|on)\s+this\s+(?:post|article|story)\W{0,3}|"
    r"diskusi\s+(?:tentang|mengenai|soal)\s+(?:artikel|berita|postingan|tulisan)\s+ini\W{0,3}",
    r"(?:bagaimana|apa)\s+(?:tanggapan|pendapat|reaksi|komentar)\s+(?:anda|kamu|sobat)\b"
    r"(?:\s+\w+){0,3}\s+(?:artikel|berita|tulisan|postingan|ini)\b.{0,20}\?",
    # Comment forms and their footers.
    r"(?:post\s+a\s+comment|posting\s+komentar|tulis\s+komentar|komentar\s+(?:anda|kamu)\b.{0,60}|"
    r"silakan\s+(?:masukkan|tulis|isi)\b.{0,80}|isi\s+komentar\b.{0,200}|\d*\s*komentar)\W{0,3}",
    r"your\s+email\s+address\s+will\s+not\s+be\s+published\b.*",
    r"alamat\s+email\s+(?:anda|kamu)\s+tidak\s+akan\s+(?:dipublikasikan|ditampilkan)\b.*",
    r"(?:required\s+fields\s+are\s+marked|ruas\s+yang\s+wajib\s+ditandai)\b.*",
    r"(?:comment|name|email|website|komentar|nama|situs\s*web|url)\s*\*?\s*:?",
    r"(?:save\s+my\s+name|simpan\s+nama\s+saya)\b.*",
    r"(?:post\s+comment|kirim\s+komentar|submit|cancel\s+reply|batalkan\s+balasan)",
    r"(?:advertisements?|advertisment|iklan|sponsored|ads|konten\s+bersponsor|promo)",
    # An ad slot's name: "Iklan Bos Aca Header Detail", "Ads Sidebar 1".
    r"(?:iklan|ads|banner|advertisement)(?-i:(?:\s+[A-Z0-9][\w-]*){1,5})",
    # Scroll banners of detik-style pages: "SCROLL TO RESUME CONTENT", "Scroll untuk lanjut".
    r"scroll\s+(?:to|untuk|ke)\s+(?:resume|continue|lanjut\w*|melanjutkan|bawah)\b.*|scroll\s+down\b.*|"
    r"gulir\s+(?:untuk|ke)\b.{0,60}",
    rf"(?:(?:{_SOCIAL})\s*[,|/·•:-]?\s*)+",
    # "URL berhasil dicopy", "Link copied!", "Tautan disalin".
    r"(?:url|link|tautan)?\s*(?:berhasil\s+|telah\s+)?(?:di)?(?:copy|copied|salin|disalin|tersalin)"
    r"(?:\s+(?:to\s+clipboard|ke\s+clipboard))?\W{0,3}",
    r"(?:share|bagikan|sebarkan)(?:\s+(?:this|artikel|berita|ini|on|ke|via|it))*\s*:.{0,80}",
    # Counters and timestamps: "0 Views", "Dilihat", "1 menit ago", "2 min read", "138".
    r"(?:dilihat|dibaca|views?|pembaca|hits?)\s*:?\s*[\d.,]+\s*(?:kali|x|views?)?",
    r"[\d.,]+\s*(?:views?|kali\s+(?:dibaca|dilihat)|pembaca|dibaca|dilihat|hits|komentar|comments?)",
    r"(?:dilihat|dibaca|views?)\W{0,3}|\d{1,7}",
    r"\d+\s*(?:detik|menit|jam|hari|minggu|bulan|seconds?|minutes?|hours?|days?)\s+"
    r"(?:ago|lalu|yang\s+lalu)",
    r"\d+\s*(?:min(?:ute)?s?|menit)\s*(?:read|baca)\b.{0,60}",
    r"(?:#[\w-]+[\s,]*)+",
    # Image file names (spaces allowed: "Cropped Favicon Bi 1.png"), widget residue
    # ("image_print", "spot_img", "blank") and ad slots ("banner 300x250", "Example 728x250").
    r"(?:\S+\.(?:jpe?g|png|gif|webp|bmp|svg)(?:\?\S*)?\s*)+",
    r"[a-z]+(?:_[a-z0-9]+)+|blank|untitled|thumbnail|placeholder",
    # An icon's name left by the page's icon font: "arrow-left", "badge-check" (lower case).
    r"(?-i:[a-z]{3,}(?:-[a-z]{3,}){1,2})",
    r"(?:[\w-]+\s+){0,2}\d{2,4}\s*[x×]\s*\d{2,4}(?:\s+[\w-]+)?",
    # Bylines: "Penulis: X | Editor: Y", "- Reporter : X", "Redaktur & Reporter : X", a bare
    # "Reporter" label; a lone "admin..." author handle.
    rf"(?:{_BYLINE_LABELS}|sumber|source|kontributor|laporan\s+wartawan)"
    rf"(?:\s*(?:&|dan|/|,)\s*(?:{_BYLINE_LABELS}))*\s*:.{{0,60}}?"
    r"(?:\W*(?:artikel|berita|tulisan)\s+ini\s+(?:telah\s+)?(?:tayang|terbit|dimuat|diterbitkan)"
    r"\s+di\b.{0,200})?",
    # A byline label and its name without a colon: "Editor BUDI SANTOSA", "Penulis Rina M".
    rf"(?:{_BYLINE_LABELS})(?-i:(?:\s+[A-Z][\w.'’-]*){{1,4}})",
    rf"(?:{_BYLINE_LABELS})(?:\s*(?:&|dan|/|,)\s*(?:{_BYLINE_LABELS}))*\s*:?|tim\s+redaksi|"
    r"admin\w{0,20}",
    # Republication credit: "Artikel ini tayang di Kompas.com dengan judul ...".
    r"(?:artikel|berita|tulisan)\s+ini\s+(?:telah\s+)?(?:tayang|terbit|dimuat|diterbitkan)"
    r"\s+(?:di|pada)\b.{0,200}",
    # A link-stripped read-also in brackets: "(Baca: Polisi Memprediksi ...)".
    r"[(\[]\s*baca\s*(?:juga|pula)?\s*:.{0,200}[)\]]",
    r"laporan\s+(?:wartawan|reporter|koresponden)\b.{0,100}",
    r"copyright\s*(?:©|\(c\)|\d{4}).{0,120}",
    # Breadcrumbs and kickers: "Home » Berita » ...", "BerandaCommunity...", "in Hukum",
    # "Categories: POLRI".
    r"(?:home|beranda)\s*[›»>/|].{0,200}|(?:home|beranda)(?-i:[A-Z]).{0,200}",
    r"(?-i:in\s+[A-Z][\w&-]*(?:\s+[A-Z&][\w&-]*){0,2})",
    r"(?:posted\s+in|filed\s+under|categories|category|kategori|rubrik|kanal|label|labels)\s*:.{0,80}",
    r"(?:ikuti|follow|simak|dapatkan|download|unduh|gabung(?:lah)?|join|klik|cek)\b.{0,160}"
    r"(?:google\s+news|whatsapp|telegram|channel|aplikasi|instagram|facebook|twitter|youtube|"
    r"tiktok|di\s+sini|disini|link\s+berikut|update\s+berita|notifikasi|notification|"
    r"newsletter|push\s+notif\w*)\b.{0,80}",
    # Subscription and promo banners: "Baca berita tanpa iklan. Gabung Kompas.com+", and a
    # footer opened by stars: "*** Untuk mengetahui berita lainnya, ikuti ...".
    r"baca\s+berita\s+tanpa\s+iklan\b.{0,80}|(?:gabung|langganan|berlangganan)\s+\S{2,30}\+",
    r"\*{2,}\s*(?:untuk|ikuti|simak|baca|kunjungi|dapatkan|download|follow|klik|jangan|cek)\b.{0,240}",
    r"(?:previous|next)\s+(?:post|article|story)(?:\s*[:|»>-].{0,150})?|post\s+navigation|"
    r"(?:berita|artikel)?\s*(?:sebelumnya|selanjutnya)(?:\s*[:|»>].{0,150})?|"
    r"(?:berita|artikel|post)\s+berikutnya(?:\s*[:|»>].{0,150})?|"
    r"(?:lebih\s+baru|posting\s+lebih\s+baru|newer\s+posts?)\W{0,3}(?:lebih\s+lama|"
    r"posting\s+lama|older\s+posts?)?\W{0,3}|(?:older|newer)\s+posts?",
    r"(?:dikutip|disadur|dilansir|sumber)\s+(?:dari|dr)\W*|"  # link-stripped credit remnant
    r"loading\W*|print\s+friendly.*|halaman\s*:?\s*\d[\d\s]*(?:selanjutnya|next)?|halaman\s*:|page\s+\d+.*",
    r"(?:terpopuler|populer|terbaru|trending(?:\s+now)?|terkini|rekomendasi|pilihan\s+editor|"
    r"most\s+popular|latest\s+news|breaking\s+news|headline|topik\s+pilihan|news\s+feed)",
    r"(?:kamu|anda)\s+mungkin\s+(?:juga\s+)?(?:suka|menyukai)\b.{0,40}",
    r"(?:menu|search|cari|login|masuk|daftar|subscribe|berlangganan|tutup|close|open|tags?|"
    r"comments?|komentar|reply|balas|like|suka|follow\s+us|notification|notifikasi|more|"
    r"cari\s+berita|kategori\s+berita|indeks|index)",
    r"(?:(?![\"“”])[\W_]){1,20}",  # rules, bullets, lone punctuation: "***", "—", "•", "-->"
    r"\(\s*[\w .*-]{1,25}(?:/[\w .*-]{1,25})+\s*\)",  # credit-only line: "(ams/ams)", "(rls/red)"
    # Credit codes and source credits on their own line: "(REL)", "(hms)", "(*)",
    # "(Humas Polres Pesisir Barat)", "Humas Polres Sumba Barat*", "Red/anekafakta.com".
    r"\(\s*[A-Za-z*]{1,6}\s*\)",
    r"\(\s*(?:humas|hms|rilis|release|rls|sumber|red|redaksi|adv|advertorial)\w*\b[^()]{0,60}\)",
    r"(?:humas|hms)\s+(?:polres|polresta|polrestabes|polsek|polda|polri|kodim|korem|kodam|"
    r"pemkab|pemkot|pemprov|kpu|bawaslu)\b[\w .,/-]{0,40}\*?",
    r"(?:red|redaksi|rls|rel|rilis|hms|sumber|src)\s*/\s*\S{2,40}",
]
_JUNK_LINE_RE = re.compile("|".join(f"(?:{p})" for p in _JUNK_PATTERNS), re.IGNORECASE)

# A source line of outlet names in capitals: "EXPRESS | CNN", "REUTERS / AP" (case-sensitive).
_SOURCE_LINE_RE = re.compile(
    r"[A-Z][A-Z0-9.&-]*(?: [A-Z][A-Z0-9.&-]*){0,2}"
    r"(?:\s*[|/]\s*[A-Z][A-Z0-9.&-]*(?: [A-Z][A-Z0-9.&-]*){0,2})+"
)
# A byline: "By Jane Doe", "By JANE DOE and Bob Lee, Associated Press", "By Jane Doe | Reuters".
_BYLINE_RE = re.compile(
    r"By:? (?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3})(?:(?:,| and|,? &) [A-Z][\w.'’-]*"
    r"(?: [A-Z][\w.'’-]*){1,3})*(?:\s*[,|/•·–—-]\s*[A-Z][\w.&' ]{1,40})?"
)
# An all-capitals breadcrumb: "HOME NEWS NUSANTARA", "BERANDA > DAERAH" (case-sensitive).
_CAPS_BREADCRUMB_RE = re.compile(r"(?:HOME|BERANDA)(?:\s*[›»>/|]?\s*[A-Z][A-Z&-]+){1,5}")
# Bullets a scraper leaves in front of a line: "- Reporter : X", "**Baca Juga: ...".
_BULLET_RE = re.compile(r"[-–•·*>»]+\s*")
# Camera and messenger image names: "IMG 20241025 WA0034 2", "Watermark Jk 20240212 155118".
_LONG_DIGITS_RE = re.compile(r"\d{8,}|(?:IMG|DSC|DSCF|PXL|VID|WA)[\s_-]?\d{3,}")
_LOWER_WORD_RE = re.compile(r"\b[a-z]{4,}\b")

_HEADLINE_SMALL = {
    "di", "ke", "dari", "dan", "yang", "untuk", "dengan", "atau", "pada", "dalam", "oleh", "soal",
    "vs", "ini", "itu", "jadi", "bagi", "usai", "saat", "hingga", "karena", "tak", "tidak",
}  # fmt: skip
_END_PUNCT = ".!?;:”\"’'"
_QUOTE_MARKS = '"“”„«»'


# Shapes checked outside the big pattern, where a cheap test finds the few candidate lines.
_IMAGE_NAME_RE = re.compile(r".{1,100}\.(?:jpe?g|png|gif|webp|bmp|svg|ico)", re.IGNORECASE)
_IMAGE_ENDS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".svg", ".ico")
_RIGHTS_RE = re.compile(r".{0,80}©.{0,120}|.{0,80}all\s+rights\s+reserved\W{0,3}", re.IGNORECASE)


# First words of the only furniture shapes that run longer than a short line: a long line
# starting with anything else is the article's own text, and the big pattern is skipped.
_LONG_STARTS = frozenset(
    """baca artikel berita tulisan video foto related more most you also read sign subscribe
    register click tap additional reporting writing editing lihat leave tinggalkan berikan post
    posting tulis komentar silakan isi your alamat required ruas save simpan scroll gulir share
    bagikan sebarkan editor penulis reporter pewarta penyunting redaktur writer author jurnalis
    wartawan fotografer kontributor videografer sumber source laporan copyright home beranda
    posted filed categories category kategori rubrik kanal label labels ikuti follow simak
    dapatkan download unduh gabung gabunglah join klik cek langganan berlangganan previous next
    sebelumnya selanjutnya print page halaman dikutip disadur dilansir kamu anda url link tautan
    facebook twitter whatsapp telegram""".split()  # noqa: SIM905
)
_LONG_LINE = 150


def _junk_shape(line: str) -> bool:
    if len(line) > _LONG_LINE and line[0] not in "([*#":
        first = line.split(None, 1)[0].lower().rstrip(":,.")
        if first not in _LONG_STARTS and not first.startswith(("baca", "home", "beranda")):
            return False
    if _JUNK_LINE_RE.fullmatch(line) is not None:
        return True
    low = line[-8:].lower()
    if low.endswith(_IMAGE_ENDS) and _IMAGE_NAME_RE.fullmatch(line):
        return True  # "Cropped Favicon Bi 1.png"
    if ("©" in line or "reserved" in line[-30:].lower()) and _RIGHTS_RE.fullmatch(line):
        return True
    if len(line) <= 40 and _SOURCE_LINE_RE.fullmatch(line):
        return True
    return line[:1] in "HB" and _CAPS_BREADCRUMB_RE.fullmatch(line) is not None


def is_junk_line(line: str) -> bool:
    """True when the whole line is page furniture."""
    if len(line) > 400:
        return False
    if (
        len(line) > 100
        and any(ch in line for ch in _QUOTE_MARKS)
        and not line.lstrip("([*").lower().startswith("baca")
    ):
        # A long line with quotation marks is the article's, unless a read-also glued onto it
        # (clean.py splits "Baca juga:,,“Kami ..." at the glue).
        return False
    if line.startswith("By") and len(line) <= 100 and _BYLINE_RE.fullmatch(line):
        return True
    if _junk_shape(line):
        return True
    bullet = _BULLET_RE.match(line)
    if bullet and bullet.end() < len(line) and _junk_shape(line[bullet.end() :]):
        return True  # "- Redaktur : Nofriyandi", "**Baca Juga: ..."
    return _is_image_name(line) or _is_cut_headline(line) or _is_glued_headlines(line)


_GLUED_HEADLINES_MIN = 24


def _is_glued_headlines(line: str) -> bool:
    """Several linked headlines a scraper ran into one line: longer than any headline, yet
    title-cased throughout with no sentence's end ("Polisi Tangkap X Bupati Resmikan Y ...")."""
    words = line.split()
    if (
        len(words) < _GLUED_HEADLINES_MIN
        or line[-1] in ".!;:"
        or any(ch in line for ch in _QUOTE_MARKS)
    ):
        return False
    big = [w for w in words if w.lower() not in _HEADLINE_SMALL]
    lower = sum(1 for w in big if not (w[0].isupper() or w[0].isdigit()))
    return lower <= 1  # a sentence, even one listing names in capitals, has its verbs


def _is_image_name(line: str) -> bool:
    """A camera or messenger file name without its extension: "IMG 20241025 WA0034 2"."""
    if len(line) > 60 or any(ch in line for ch in ".!?,;:" + _QUOTE_MARKS):
        return False
    if not _LONG_DIGITS_RE.search(line):
        return False
    return len(line.split()) <= 8 and len(_LOWER_WORD_RE.findall(line)) <= 1


def is_tag_list(line: str) -> bool:
    """A tag line: a comma list of several short title-case items and nothing else.

    "Polda Jateng, Kapolda Jateng, Irjen Pol Ahmad Luthfi, Jawa Tengah, ..." or "Batam, News,
    Politik, Kepri". A sentence listing names has lower-case words or ends with a full stop.
    """
    if line.count(",") < 3 or line[-1] in ".!?" or any(ch in line for ch in _QUOTE_MARKS + ";:"):
        return False  # a team sheet ("Meret; Di Lorenzo, ...") or a labelled list is content
    items = [s.strip() for s in line.split(",")]
    if items[-1] == "":
        items.pop()
    if len(items) < 4:
        return False
    for item in items:
        words = item.split()
        if not words or len(words) > 6:
            return False
        if not all(w[0].isupper() or w[0].isdigit() or w in ("dan", "&") for w in words):
            return False
    return True


def _is_cut_headline(line: str) -> bool:
    """A linked headline cut off by the page ("Solidkan Dukungan, Squad Dragon Black Siap..."),
    or one left in a scraped table cell ("MK Registrasi 11 Perkara Sengketa Pilkada |")."""
    if any(ch in line for ch in _QUOTE_MARKS):
        return False
    if line.endswith(" |"):
        return is_headline_like(line[:-2].rstrip(), max_words=20)
    if not line.endswith(("...", "…")):
        return False
    core = line.rstrip(".… ")
    return bool(core) and is_headline_like(core + " x", max_words=16)


def is_headline_like(line: str, max_words: int = 16, *, quotes: bool = False) -> bool:
    """Short and title-cased with no sentence punctuation at the end: a headline's shape.

    With ``quotes`` a quoted name inside is allowed (`Polres Gelar “Jum’at Sehat”: Gowes ...`).
    """
    words = line.split()
    if not 2 <= len(words) <= max_words or line[-1] in ".,;:" + _QUOTE_MARKS:
        return False
    if not quotes and any(ch in line for ch in _QUOTE_MARKS):
        return False
    words = [w.lstrip(_QUOTE_MARKS + "‘'(") or w for w in words]
    big = [w for w in words if w.lower() not in _HEADLINE_SMALL]
    caps = sum(1 for w in big if w[0].isupper() or w[0].isdigit())
    return bool(big) and caps >= 0.7 * len(big)


def is_linked_headline(line: str) -> bool:
    """A headline of another article: short, title case, no sentence punctuation at the end."""
    words = line.split()
    if not 3 <= len(words) <= 16 or line[-1] in _END_PUNCT + ",":
        return False
    if any(ch in line for ch in '"“”'):
        return False
    big = [w for w in words if w.lower() not in _HEADLINE_SMALL]
    return bool(big) and sum(1 for w in big if w[0].isupper() or w[0].isdigit()) >= 0.8 * len(big)


def is_prose(line: str) -> bool:
    """A line that reads as the article's own text: quoted speech, a full sentence, or a long
    run of mostly lower-case words. Block rules stop at such a line."""
    if any(ch in line for ch in _QUOTE_MARKS) and not is_headline_like(line, quotes=True):
        return True
    words = line.split()
    if len(words) >= 6 and line.rstrip()[-1:] == "." and not line.endswith(("...", "…")):
        return True
    if len(words) >= 8:
        lower = sum(1 for w in words if w[0].islower())
        return lower >= 0.5 * len(words)
    return False


# Labels that head a block of other articles' headlines ("Berita Terkait", "Rekomendasi",
# "Recent Posts", a bare "Baca Juga"): the headlines under them are furniture too.
_BLOCK_LABEL_RE = re.compile(
    rf"(?:{_RELATED_LABELS}|artikel\s+(?:terkait|lainnya)|berita\s+lainnya)\s*[:»>.…]{{0,3}}",
    re.IGNORECASE,
)
_AD_LABEL_RE = re.compile(
    r"(?:advertisements?|advertisment|iklan|sponsored|ads|konten\s+bersponsor)\W{0,3}",
    re.IGNORECASE,
)
_BYLINE_LABEL_RE = re.compile(rf"[-–•]?\s*(?:{_BYLINE_LABELS})\s*:?", re.IGNORECASE)
_WEEKDAY_START_RE = re.compile(
    r"(?:senin|selasa|rabu|kamis|jum.?at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)\s*,?\s*\d",
    re.IGNORECASE,
)
_NAME_LINE_RE = re.compile(r"[A-Za-z][\w.'’-]*(?: [A-Za-z][\w.'’-]*){0,3},?")


# Words that mark running prose; a headline, even one in sentence case ("Polri kerahkan 195.819
# personel amankan TPS"), leaves them out.
_PROSE_WORDS = {
    "ini", "itu", "yang", "juga", "telah", "sudah", "akan", "tersebut", "bahwa", "kepada", "oleh",
    "adalah", "merupakan", "dapat", "bisa", "agar", "untuk", "dalam", "para", "serta", "sedang",
    "masih", "saat", "ketika", "karena", "sehingga", "namun", "the", "of", "and", "was", "is",
}  # fmt: skip


def _in_related_block(line: str, kind: str) -> bool:
    """Whether a line under a related-headlines label still belongs to the block."""
    if kind in ("junk", "date"):
        return True
    if kind != "text":
        return False
    if line.endswith(("...", "…")) or _WEEKDAY_START_RE.match(line):
        return True  # a teaser cut by the page, a related article's date ("Rabu, 11 Desem")
    if is_headline_like(line.rstrip("."), max_words=24, quotes=True):
        return True  # some sites end a linked headline with a full stop
    if is_prose(line):
        return False
    words = line.lower().split()
    return len(words) <= 16 and sum(w.strip(",.") in _PROSE_WORDS for w in words) <= 1


def mark_blocks(lines: list[str], kinds: list[str]) -> None:
    """Mark as ``"junk"`` the lines that are furniture because of the line before them."""
    n = len(lines)
    # Related-headline labels count only once the article has begun: above it, "Terkini" or
    # "Indeks Berita" is a menu item and the line under it may be the headline.
    start = next((i for i, line in enumerate(lines) if kinds[i] == "text" and is_prose(line)), n)
    i = 0
    while i < n:
        line = lines[i]
        if len(line) > 60:
            i += 1
            continue  # labels are short; a long line starts no block
        if i > start and kinds[i] in ("junk", "text") and _BLOCK_LABEL_RE.fullmatch(line):
            kinds[i] = "junk"
            j = i + 1
            while j < n and _in_related_block(lines[j], kinds[j]):
                kinds[j] = "junk"
                j += 1
            i = j
            continue
        if _AD_LABEL_RE.fullmatch(line) and i + 1 < n and kinds[i + 1] == "text":
            nxt = lines[i + 1]
            if len(nxt.split()) <= 10 and not is_prose(nxt):
                kinds[i + 1] = "junk"  # the ad's own text under its label
        elif _BYLINE_LABEL_RE.fullmatch(line) and i + 1 < n and kinds[i + 1] == "text":
            nxt = _BULLET_RE.sub("", lines[i + 1], count=1)
            if _NAME_LINE_RE.fullmatch(nxt) and not nxt.endswith("."):
                kinds[i + 1] = "junk"  # the name under a bare "Reporter" / "Penulis :" label
        i += 1
    _mark_bulleted_headlines(lines, kinds)


# Items of a list glued into one line ("- Annan Nur,- Sakha Fachri,3. AWG Course", "Vino,SD:
# SDN 12"): a comma with no space after it does not occur in a linked headline.
_GLUED_LIST_RE = re.compile(r",\S|\(")  # and a result list: "- Thailand 2-0 Indonesia (17 ...)"


def _mark_bulleted_headlines(lines: list[str], kinds: list[str]) -> None:
    """Three or more "- Headline" lines in a row are a list of links to other articles."""
    run: list[int] = []
    for i, line in enumerate([*lines, ""]):
        bullet = _BULLET_RE.match(line) if line[:1] in "-–•·" and len(line) < 200 else None
        rest = line[bullet.end() :] if bullet else ""
        if (
            bullet
            and kinds[i] in ("text", "junk")
            and len(rest.split()) >= 3
            and not _GLUED_LIST_RE.search(rest)
            and is_headline_like(rest.rstrip("0123456789 "), max_words=20, quotes=True)
        ):
            run.append(i)
            continue
        if len(run) >= 3:
            for k in run:
                kinds[k] = "junk"
        run = []
