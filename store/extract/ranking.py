"""Key quotes: a score per quote so the reader pane can show the few that matter first.

The score (0..1) adds up what makes a quote worth reading first:

- a named speaker (0.25): an unattributed quote is weaker evidence than "ujar AKP Kasiyono";
- length (up to 0.30, saturating at 35 words): short fragments rarely carry the news;
- substance (up to 0.25): share of content words, plus a bonus for numbers, negations and
  commitments ("akan", "tidak", "harus"), which is where statements of fact and intent live;
- position (up to 0.10): earlier quotes tend to carry the lead's point;
- first quote of its speaker (0.10): the fifth "-nya" of one speaker adds less than a new voice;
- minus 0.30 for pleasantries (thanks, congratulations, greetings, prayers).

Ties keep body order, so the ranking is stable.
"""

from __future__ import annotations

import re

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
_FUNCTION_WORDS = frozenset(
    """
    yang dan di ke dari untuk dengan ini itu pada dalam agar kami kita saya akan juga ada
    tidak bisa dapat oleh serta atau karena sehingga bahwa para kepada sudah telah lebih
    sangat the a an of to and in is are be that this it we i for on with as was
    """.split()  # noqa: SIM905
)
_SUBSTANCE_RE = re.compile(
    r"\d|\b(?:akan|tidak|tak|harus|wajib|jangan|dilarang|segera|ditangkap|tersangka|korban|"
    r"will|not|must|never)\b",
    re.IGNORECASE,
)
_PLEASANTRY_RE = re.compile(
    r"\b(?:terima\s*kasih|terimakasih|mengapresiasi|apresiasi|selamat|semoga|alhamdulillah|"
    r"assalamualaikum|salam|bangga|thank(?:s| you)|congratulat\w*)\b",
    re.IGNORECASE,
)


def score_quotes(texts: list[str], speakers: list[str | None]) -> list[float]:
    """One score per quote; see the module docstring for the weights."""
    n = len(texts)
    seen: set[str] = set()
    scores = []
    for i, (text, who) in enumerate(zip(texts, speakers, strict=True)):
        words = _WORD_RE.findall(text)
        nw = len(words)
        score = 0.25 if who else 0.0
        score += 0.30 * min(nw, 35) / 35
        if nw:
            content = sum(1 for w in words if w.lower() not in _FUNCTION_WORDS) / nw
            score += 0.20 * content + (0.05 if _SUBSTANCE_RE.search(text) else 0.0)
        score += 0.10 * (1 - i / n) if n > 1 else 0.10
        if who and who not in seen:
            score += 0.10
            seen.add(who)
        if _PLEASANTRY_RE.search(text):
            score -= 0.30
        scores.append(round(max(0.0, min(1.0, score)), 3))
    return scores
