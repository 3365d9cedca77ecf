"""Folding, tokenising and the per-token scoring rule shared by the search index and its reference.

Everything search compares goes through :func:`fold` (NFKD, combining marks dropped, casefold), so
"Sépak" and "SEPAK" meet, and through :data:`TOKEN_RE`, which splits on anything not a letter or
digit. A query word scores against one token with :func:`token_score`; a document's score for a
word is the best over its tokens. ``warta.store.search.index`` reproduces exactly this rule with
an inverted index, and ``tests/test_search.py`` checks the two agree.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

TOKEN_RE = re.compile(r"[^\W_]+")
"""A token: a maximal run of letters and digits (underscore is a separator too)."""

# Scores for one query word against one token. The title outranks every other field for exact
# kinds of match, and any exact kind (whole word, word prefix, inside a word) outranks any typo
# match, so "exact beats fuzzy" and "title beats outlet" hold whatever the fuzzy similarity is.
TITLE_EXACT, TITLE_PREFIX, TITLE_SUBSTR = 100, 90, 70
OTHER_EXACT, OTHER_PREFIX, OTHER_SUBSTR = 65, 55, 50
TITLE_FUZZY, OTHER_FUZZY = 30, 10
"""Base scores of a typo match; :func:`fuzzy_bonus` adds 0-15 by similarity."""
PREFIX_BONUS_MAX = 8
"""A word-prefix match gains up to this much by how common its completion is (:func:`prefix_bonus`);
it stays below the exact-word score of the same field."""
PREFIX_BONUS_MIN_LEN = 3
"""Shorter words get no completion bonus: one or two letters say nothing about the word meant,
so their matches stay newest first (and the first keystroke has few score buckets to sort)."""

SUBSTR_MIN_LEN = 3
"""Shorter words only match at a word start: "di" inside every "-di-" word is noise, not signal."""
FUZZY_MIN_LEN = 5
"""Shorter words get no typo tolerance (one typo in four letters is another word, or junk)."""
FUZZY_CUTOFF = 80.0
"""rapidfuzz similarity a typo match needs: one edit in 5-9 letters, two from 10."""
FUZZY_SHORTER = 2
"""A token may be this many letters shorter than the word and still be a typo match (ratio)."""


def fold(s: str) -> str:
    """Case- and accent-fold ``s``: NFKD, drop combining marks, casefold."""
    if s.isascii():
        return s.lower()
    d = unicodedata.normalize("NFKD", s)
    if _ASTRAL_RE.search(d):  # rare: the mark table below covers the BMP only
        return "".join(c for c in d if not unicodedata.combining(c)).casefold()
    # One regex pass instead of a Python loop per character: ~10x faster on article bodies.
    return _combining_re().sub("", d).casefold()


_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")
_COMBINING: list[re.Pattern[str]] = []


def _combining_re() -> re.Pattern[str]:
    """A character class of every BMP code point with a non-zero combining class (built once)."""
    if not _COMBINING:
        marks = [c for c in map(chr, range(0x10000)) if unicodedata.combining(c)]
        _COMBINING.append(re.compile("[" + "".join(map(re.escape, marks)) + "]"))
    return _COMBINING[0]


def fold_with_map(s: str) -> tuple[str, list[int]]:
    """Fold ``s`` one character at a time; also return, per folded char, its index in ``s``.

    Used for highlighting, where matched spans must point back into the original title.
    """
    if s.isascii():
        return s.lower(), list(range(len(s)))
    # Article bodies are mostly ASCII with a few curly quotes and dashes: ASCII runs are
    # copied whole (lower-cased, offsets one to one); only the other characters go one by one.
    out: list[str] = []
    idx: list[int] = []
    at = 0
    for m in _NON_ASCII_RE.finditer(s):
        a = m.start()
        if a > at:
            out.append(s[at:a].lower())
            idx.extend(range(at, a))
        c = m.group()
        for d in unicodedata.normalize("NFKD", c):
            if unicodedata.combining(d):
                continue
            f = d.casefold()
            out.append(f)
            idx.extend([a] * len(f))
        at = a + 1
    if at < len(s):
        out.append(s[at:].lower())
        idx.extend(range(at, len(s)))
    return "".join(out), idx


_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def fold_with_offsets(s: str) -> tuple[str, list[int] | None]:
    """Like :func:`fold_with_map`, but the map is None when folding kept every character in
    place (each folds to exactly one character: the usual case, curly quotes and accented
    letters included), so the folded offsets are the original ones. That check costs a fold
    of the non-ASCII characters; building the map costs a list entry per character (50x)."""
    folded = fold(s)
    if len(folded) == len(s) and all(len(fold(m.group())) == 1 for m in _NON_ASCII_RE.finditer(s)):
        return folded, None
    return fold_with_map(s)


def tokens(s: str) -> list[str]:
    """Folded tokens of ``s`` in order (duplicates kept)."""
    return TOKEN_RE.findall(fold(s))


def words(text: str) -> list[str]:
    """The query words of free text: folded tokens, duplicates removed, order kept."""
    return list(dict.fromkeys(tokens(text)))


def query_words(text: str, text_open: bool = False) -> list[tuple[str, bool]]:
    """The words of free text with, for each, whether it is still being typed (see Query)."""
    toks = tokens(text)
    ws = list(dict.fromkeys(toks))
    last = toks[-1] if text_open and toks and toks[-1] not in toks[:-1] else None
    return [(w, w == last) for w in ws]


def normalise(s: str) -> str:
    """Folded ``s`` with every run of non-token characters turned into one space (for phrases)."""
    return " ".join(TOKEN_RE.findall(fold(s)))


def fuzzy_sim(word: str, token: str) -> float:
    """Typo similarity of ``word`` to ``token`` in 0-100 (0 below the cutoff).

    rapidfuzz ``ratio`` of the word against the whole token (a finished word with a typo:
    "kapolers", "kapollres") or against the token's first ``len(word)`` letters (a typo in a
    word still being typed: "kapoler" for "kapolres"). Anchoring at the token's start keeps
    it strict: ``partial_ratio``'s free windows let "pemilu" match "emilia" and "pemain".
    Tokens more than :data:`FUZZY_SHORTER` letters shorter than the word never match.
    """
    lw, lt = len(word), len(token)
    if lw < FUZZY_MIN_LEN or lt < lw - FUZZY_SHORTER:
        return 0.0
    sim = fuzz.ratio(word, token, score_cutoff=FUZZY_CUTOFF)
    if lt > lw:
        sim = max(sim, fuzz.ratio(word, token[:lw], score_cutoff=FUZZY_CUTOFF))
    return sim


def lcs_floor(word_len: int) -> int:
    """A lower bound on LCS(word, token) whenever ``fuzzy_sim(word, token) > 0``.

    ``ratio(a, b)`` is ``200*LCS(a, b) / (len(a) + len(b))``; with ``LCS <= len(b)`` a cutoff
    ``c`` forces ``LCS >= c * len(a) / (200 - c)`` (2/3 of the word at 80). ``b`` is the token
    or a prefix of it, so the LCS with the whole token is at least that. Lets the index drop
    most of the vocabulary with one cheap bit-parallel LCS pass.
    """
    c = int(FUZZY_CUTOFF)  # rounding the cutoff down only loosens the bound
    return -(-(c * word_len) // (200 - c))


def fuzzy_bonus(sim: float) -> int:
    """Quantise a typo similarity (>= cutoff) to 0, 5, 10 or 15 so scores stay a few buckets."""
    if sim >= 95:
        return 15
    if sim >= 90:
        return 10
    if sim >= 85:
        return 5
    return 0


def prefix_bonus(df: int, max_df: int) -> int:
    """Bonus of a word-prefix match on a token found in ``df`` docs, when the most common token
    starting with the same word is in ``max_df`` docs: 8 for the most common completion, one less
    per halving. So typing ``pol`` puts "polisi" articles before the lone "Pol Espargaro" ones.
    """
    ratio = max_df // max(df, 1)
    return PREFIX_BONUS_MAX - min(PREFIX_BONUS_MAX, ratio.bit_length() - 1)


def token_score(
    word: str,
    token: str,
    *,
    title: bool,
    partial: bool = False,
    bonus: int = 0,
    typo: bool = True,
) -> int:
    """Score of query ``word`` against one folded ``token``; 0 means no match.

    ``partial``: the word is still being typed, so a token equal to it is only a prefix match
    (it may yet become "polisi"). ``bonus``: the :func:`prefix_bonus` for this token, used if
    the match is a word-prefix one. ``typo``: allow typo matches (:func:`typo_sim`).
    """
    if token == word and not partial:
        return TITLE_EXACT if title else OTHER_EXACT
    if token.startswith(word):
        return (TITLE_PREFIX if title else OTHER_PREFIX) + bonus
    if len(word) >= SUBSTR_MIN_LEN and word in token:
        return TITLE_SUBSTR if title else OTHER_SUBSTR
    sim = typo_sim(word, token) if typo else 0.0
    if sim:
        return (TITLE_FUZZY if title else OTHER_FUZZY) + fuzzy_bonus(sim)
    return 0


def typo_sim(word: str, token: str) -> float:
    """:func:`fuzzy_sim`, but only for a token that every shorter prefix of ``word`` matches too.

    This is what keeps typing from growing a result (the "no-growth rule"): a token that
    ``kapoler`` matches by a typo is one that ``kapole`` and ``kapol`` also matched (by prefix,
    inside the token, or by a typo), so adding a letter can only drop matches. In effect the
    first four letters of a word must appear in the token as typed; a typo is tolerated after.
    """
    sim = fuzzy_sim(word, token)
    if not sim:
        return 0.0
    for k in range(len(word) - 1, SUBSTR_MIN_LEN - 1, -1):
        head = word[:k]
        if head in token:  # prefix or inside: so is every shorter head
            return sim
        if k < FUZZY_MIN_LEN or not fuzzy_sim(head, token):
            return 0.0
    return sim


def match_span(word: str, token: str) -> tuple[int, int] | None:
    """The span of ``token`` that ``word`` matched (per :func:`token_score`), or None."""
    if token.startswith(word):
        return 0, len(word)
    if len(word) >= SUBSTR_MIN_LEN:
        k = token.find(word)
        if k >= 0:
            return k, k + len(word)
    if not typo_sim(word, token):
        return None
    if fuzz.ratio(word, token, score_cutoff=FUZZY_CUTOFF):
        return 0, len(token)
    return 0, len(word)
