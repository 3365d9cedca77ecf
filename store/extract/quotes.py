"""Direct quotations: find every quoted utterance in the cleaned body, with exact offsets.

Marks are read by context, not by glyph, because scraped Indonesian text mixes “ ” and " and
often writes ” as an opener: a mark after a space (or at a paragraph start) and before a word
opens; a mark after a word or punctuation and before a space or punctuation closes.

Handled beyond the plain case:
- a quote continued over several paragraphs (each continued paragraph reopens, the closing mark
  comes only at the end), and a quote broken by a stray line break (closer in the next paragraph);
- one missing mark when an attribution ("..., ujarnya") proves speech: a missing opener starts
  the quote at the paragraph start; a missing closer ends it at the paragraph end;
- scare quotes (“cooling system”), titles of works (bertema “...”), a straight quote used as a
  reduplication mark (bersama" = bersama-sama) and apostrophes (Jum’at) are not quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warta.store.extract.lexicon import ATTRIB_VERBS, ENGLISH_ATTRIB, SPEECH_VERBS, alternation

_DOUBLE = '"“”„‟″«»'
_MARK_RE = re.compile(r"[\"“”„‟″«»’']")
_OPEN_PREV = set(" \n\t([{—–-/:;")
_CLOSE_NEXT = set(" \n\t,.;:!?)]}—–-…")

# Attribution right after a closing mark: '," ujarnya', '" kata Kapolsek', '," he said'.
ATTRIB_AFTER_RE = re.compile(
    rf"[\s,.]*(?:(?:{alternation(ATTRIB_VERBS)})(?:nya|kan)?\b"
    r"|(?:demikian\s+|hal\s+(?:itu|ini|tersebut)\s+)?(?:di)?(?:sampaikan|katakan|ungkapkan|jelaskan|"
    r"tegaskan|sebutkan|tuturkan|ucapkan|terangkan|paparkan)\b"
    rf"|(?:{alternation(ENGLISH_ATTRIB)})\b"
    rf"|(?:he|she|they|it|[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){{0,3}})\s+(?:{alternation(ENGLISH_ATTRIB)})\b"
    r"|according\s+to\b)",
    re.IGNORECASE,
)
# A speech verb (+ "bahwa") or a colon right before an opening mark: 'X mengatakan, “'.
INTRO_BEFORE_RE = re.compile(
    rf"(?:\b(?:{alternation(SPEECH_VERBS)})(?:\s+bahwa)?\s*[,:]?|:)\s*$", re.IGNORECASE
)
# Words that announce a title or a name, not speech: 'bertema “...”', 'program “...”'.
_TITLE_CONTEXT_RE = re.compile(
    r"\b(?:bertema|bertajuk|berjudul|bertemakan|tema|tajuk|judul|slogan|tagline|motto|moto|"
    r"program|kegiatan|istilah|disebut|dikenal|julukan|sebutan|bernama|nama|akun|hashtag|tagar|"
    r"lagu|film|buku|novel|operasi|aplikasi|gerakan|semboyan|jargon|kata|kalimat|spanduk|"
    r"baliho|bertuliskan|tulisan|titled|called|dubbed|named|so-called)\s*$",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_GLUED_ATTRIB_RE = re.compile(rf"(?:{alternation(ATTRIB_VERBS)})(?:nya)?\b", re.IGNORECASE)
MAX_BROKEN_PARAGRAPHS = 8
"""How many stray paragraph breaks a quote may run over when its closer is attributed."""
_ATTRIB_WORDS = {v.lower() for v in ATTRIB_VERBS} | {v + "nya" for v in ATTRIB_VERBS}


@dataclass
class Span:
    """A quotation: ``body[start:end]`` is its text; ``open``/``close`` are mark offsets or -1."""

    start: int
    end: int
    open: int
    close: int


def _para_bounds(body: str) -> list[tuple[int, int]]:
    bounds = []
    pos = 0
    for part in body.split("\n\n"):
        bounds.append((pos, pos + len(part)))
        pos += len(part) + 2
    return bounds


def _role(body: str, i: int) -> str:
    """'open', 'close' or 'amb' for the mark at ``i``, from the characters around it."""
    ch = body[i]
    prev = body[i - 1] if i > 0 else "\n"
    nxt = body[i + 1] if i + 1 < len(body) else "\n"
    if ch == "’":
        # Only a closer after punctuation ("...aman,’ ujarnya"); otherwise an apostrophe.
        return "close" if prev in ",.!?" and nxt in " \n" else "none"
    if ch == "'":
        # A straight apostrophe closes only a quote whose attribution follows: '...sendiri,' ucap'
        ok = prev in ",.!?" and nxt in " \n" and attribution_follows(body, i + 1)
        return "close" if ok else "none"
    if prev in ",.!?" and _GLUED_ATTRIB_RE.match(body, i + 1):
        return "close"  # '...penyidik,”ungkapnya': the closer lost its space to the verb
    if prev == " " and i > 1 and body[i - 2] in ",.!?" and _GLUED_ATTRIB_RE.match(body, i + 1):
        return "close"  # ', "kata Kapolsek': a closing mark that lost its space to the verb
    if prev == "\n" and nxt == " " and attribution_follows(body, i + 1):
        return "close"  # a closer pushed onto its own line: '...penyidikan)\n\n" kata X'
    opens = nxt not in " \n\t" and (prev in _OPEN_PREV or (prev in ".,!?" and nxt.isalpha()))
    closes = prev not in " \n\t" and nxt in _CLOSE_NEXT
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    if ch in "“„«":
        return "open"
    if ch in "”»":
        return "close"
    return "amb"


def _is_reduplication(body: str, i: int, open_at: int) -> bool:
    """``bersama" menjaga``: a straight mark glued to a word and followed by running text.

    Only after a lower-case word well inside an open quote: ``"Promoter" pada`` closes a
    scare quote.
    """
    if body[i] != '"' or i == 0 or not body[i - 1].islower():
        return False
    inner = _WORD_RE.findall(body[open_at + 1 : i])
    if len(inner) < 3 or all(w[0].isupper() for w in inner):
        return False  # '"Pemahayu Jagat Kertaning Bumi" untuk': a title-case name closes
    # A reduplication mark sits inside a quote that still closes in the same paragraph; with no
    # mark after it before the paragraph ends, the mark is the closer of a short scare quote
    # ('diberlakukan "car free night" selama 12 jam').
    para_end = body.find("\n\n", i)
    if _MARK_RE.search(body, i + 1, para_end if para_end >= 0 else len(body)) is None:
        return False
    m = _WORD_RE.match(body, i + 2) if body[i + 1 : i + 2] == " " else None
    return bool(m and m[0][0].islower() and m[0].lower() not in _ATTRIB_WORDS)


def attribution_follows(body: str, pos: int) -> bool:
    return ATTRIB_AFTER_RE.match(body, pos, min(len(body), pos + 80)) is not None


def _trim(body: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces and stray marks at both ends, and the comma before the closing mark."""
    while start < end and (body[start].isspace() or body[start] in _DOUBLE):
        start += 1
    while end > start and (body[end - 1].isspace() or body[end - 1] in ",;" + _DOUBLE):
        end -= 1
    return start, end


def _words(text: str) -> int:
    return len(_WORD_RE.findall(text))


def _is_speech(body: str, span: Span, para_start: int) -> bool:
    """Tell a direct quotation from a scare quote, a title or a term."""
    text = body[span.start : span.end]
    n = _words(text)
    if n == 0:
        return False
    after = span.close + 1 if span.close >= 0 else span.end
    attributed = attribution_follows(body, after)
    before = body[max(para_start, span.open - 60) : span.open] if span.open >= 0 else ""
    intro = bool(before and INTRO_BEFORE_RE.search(before))
    if span.open < 0:
        return attributed  # a missing opener is only believable with an attribution
    if attributed:
        if n == 1:
            # '“Hoaks,” tegas Anwar': a one-word answer opening its paragraph, its punctuation
            # inside the marks; a lone quoted word elsewhere is a term.
            return (
                span.open == para_start
                and span.close > 0
                and body[span.close - 1] in ",.!?"
                and len(text.strip(",.!? ")) >= 2  # '“T,,” tutup X': a stripped link, not a word
            )
        return n >= 2
    if span.close < 0 and span.end >= len(body.rstrip()) and body[span.end - 1].isalnum():
        return False  # cut off mid-word by the end of the page, not a quotation a reader has
    if intro:
        # 'menyebut "human error" atau ...': a short term named right after the verb, with no
        # comma or colon to introduce speech, is a scare quote.
        introduced = before.rstrip().endswith((",", ":"))
        return n >= 2 if introduced else n >= 4
    if _TITLE_CONTEXT_RE.search(before):
        return False
    if n <= 3:
        return False
    inner_end = body[span.close - 1] if span.close > 0 else body[span.end - 1]
    if inner_end in ",.!?…" and n >= 4:
        return True
    if span.close < 0:
        # Missing closer: believable when the quote opens its paragraph and reads as a sentence.
        return span.open == para_start and n >= 6
    caps = sum(1 for w in _WORD_RE.findall(text) if w[0].isupper())
    return n >= 8 and caps < n * 0.6


def find_quotes(body: str, *, raw: bool = False) -> list[Span]:
    """All direct quotations in ``body`` in order.

    With ``raw`` every quoted span is returned before telling speech from scare quotes and
    titles (the English rules make that call themselves).
    """
    marks = [(m.start(), _role(body, m.start())) for m in _MARK_RE.finditer(body)]
    marks = [(i, r) for i, r in marks if r != "none"]
    if not marks:
        return []
    paras = _para_bounds(body)
    para_of = _para_index(paras)
    spans: list[Span] = []
    open_at = -1
    cur_para = -1  # paragraph the open quote has reached (continuations move it on)

    def close_missing() -> None:
        nonlocal open_at
        end = paras[cur_para][1]
        s, e = _trim(body, open_at + 1, end)
        if e > s:
            spans.append(Span(s, e, open_at, -1))
        open_at = -1

    k = 0
    while k < len(marks):
        i, role = marks[k]
        p = para_of(i)
        if open_at < 0:
            if role == "open" or (
                role == "amb" and i + 1 < len(body) and not body[i + 1].isspace()
            ):
                open_at, cur_para = i, p
            elif role in ("close", "amb") and attribution_follows(body, i + 1):
                # Missing opener: the quote runs from the paragraph start.
                s, e = _trim(body, paras[p][0], i)
                if e > s and not any(sp.open >= paras[p][0] and sp.close < i for sp in spans):
                    spans.append(Span(s, e, -1, i))
            k += 1
            continue
        if p != cur_para:
            first_in_para = i == paras[p][0]
            if p == cur_para + 1 and first_in_para and role in ("open", "amb"):
                cur_para = p  # multi-paragraph quote: the continued paragraph reopens
                k += 1
                continue
            if (
                role in ("close", "amb")
                and _first_mark(marks, k, paras[cur_para][1])
                and (
                    p == cur_para + 1
                    or (p - cur_para <= MAX_BROKEN_PARAGRAPHS and attribution_follows(body, i + 1))
                )
            ):
                pass  # stray line breaks inside the quote: close it here
            else:
                close_missing()
                continue  # reprocess this mark with nothing open
        if role == "open":
            # An opener while a quote is open: the earlier one lost its closer.
            a = ATTRIB_COMMA_RE.search(body, open_at + 1, i)
            if a:
                s, e = _trim(body, open_at + 1, a.start())
                if e > s:
                    spans.append(Span(s, e, open_at, -1))
            open_at, cur_para = i, p
            k += 1
            continue
        if _is_reduplication(body, i, open_at):
            k += 1
            continue
        s, e = _trim(body, open_at + 1, i)
        if e > s:
            spans.append(Span(s, e, open_at, i))
        open_at = -1
        k += 1
    if open_at >= 0:
        close_missing()

    if raw:
        return spans
    out = []
    for sp in spans:
        para_start = paras[para_of(sp.open if sp.open >= 0 else sp.start)][0]
        if _is_speech(body, sp, para_start):
            out.append(sp)
    return out


# '..., ujarnya.' inside an unclosed quote: where the quote must have ended.
ATTRIB_COMMA_RE = re.compile(rf",\s+(?:{alternation(ATTRIB_VERBS)})(?:nya)?\b", re.IGNORECASE)


def _first_mark(marks: list[tuple[int, str]], k: int, para_start: int) -> bool:
    """True when mark ``k`` is the first mark of its paragraph."""
    return k == 0 or marks[k - 1][0] < para_start


def _para_index(paras: list[tuple[int, int]]):
    starts = [s for s, _ in paras]

    def index(pos: int) -> int:
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo

    return index
