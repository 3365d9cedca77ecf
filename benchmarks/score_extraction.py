"""Score the article extractor against hand-labelled gold sets.

Usage::

    python benchmarks/score_extraction.py [--gold FILE --articles DIR]... [--verbose] [--check]

Without ``--gold`` the default sets (:data:`DEFAULT_SETS`) are scored: ``seeds.json`` (the five
seed articles in ``seeds/``), ``labelled.json`` (real articles in ``benchmarks/gold/articles/``),
the blind holdout rounds ``holdout*.json`` and the scraped web pages ``scraped.json``. The
extractor is run through the real CLI, ``warta extract FILE... --json``, which prints one JSON
object per file (JSON Lines, in the order given). The comparison itself is pure
(:func:`score_article`, :func:`score_set`) so it can be tested with hand-made predictions; see
``tests/test_scorer.py``.

Metrics, one table row per set:

* quote precision / recall -- a predicted quote matches a gold quote when the texts agree after
  trimming quote marks, commas, periods and spaces at the ends and collapsing internal whitespace
  (one-to-one matching);
* speaker accuracy on matched quotes -- the predicted speaker equals one of the acceptable gold
  names (case and spacing ignored), or one contains the other as whole words;
* date, outlet, title accuracy -- exact match after trimming, casefolding and collapsing
  whitespace (null == null is correct; articles whose gold title is null are skipped for title
  accuracy). The outlet is compared as the text writes it: the extractor keeps that form, and
  the reader shows one display form per outlet;
* people F1 over normalised names, micro-averaged over the set;
* junk removed -- fraction of gold junk lines absent from the predicted cleaned body;
* body kept -- fraction of the article's sentences (header, junk, keyword and caption lines
  excluded) still present in the predicted cleaned body.

``--check`` exits 1 when a set is under a floor (see :data:`FLOORS`). Standard library only.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
"""Repository root (the directory holding ``benchmarks/``)."""

DEFAULT_SETS: list[tuple[Path, Path]] = [
    (ROOT / "benchmarks" / "gold" / "seeds.json", ROOT / "seeds"),
    (ROOT / "benchmarks" / "gold" / "labelled.json", ROOT / "benchmarks" / "gold" / "articles"),
    (ROOT / "benchmarks" / "gold" / "holdout.json", ROOT / "benchmarks" / "gold" / "holdout"),
    (ROOT / "benchmarks" / "gold" / "holdout2.json", ROOT / "benchmarks" / "gold" / "holdout2"),
    (ROOT / "benchmarks" / "gold" / "holdout3.json", ROOT / "benchmarks" / "gold" / "holdout3"),
    (ROOT / "benchmarks" / "gold" / "holdout4.json", ROOT / "benchmarks" / "gold" / "holdout4"),
    (ROOT / "benchmarks" / "gold" / "holdout5.json", ROOT / "benchmarks" / "gold" / "holdout5"),
    (ROOT / "benchmarks" / "gold" / "scraped.json", ROOT / "benchmarks" / "gold" / "scraped"),
]
"""(gold labels, article directory) pairs scored when no ``--gold`` is given. ``scraped2`` (the
second blind round of scraped pages, issue 10) is deliberately not here: it is scored once, at
the end, by naming it with ``--gold``."""

FLOORS: dict[str, float] = {
    "quote_precision": 0.97,
    "quote_recall": 0.97,
    "speaker": 0.93,
    "date": 0.95,
    "outlet": 0.90,
    "title": 0.90,
    "people_f1": 0.90,
    "junk_removed": 0.95,
    "body_kept": 0.99,
}
"""Minimum value of each metric for ``--check`` to pass, on every set (issue 10's floors)."""

QUOTE_MARKS = "\"'“”‘’„‟«»‹›`´"
"""Characters treated as quotation marks when trimming quote texts."""

_QUOTE_TRIM = QUOTE_MARKS + ",.;:" + " \t\r\n"
_CURLY = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "`": "'"})
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_DATELINE_DASH = re.compile(r"^(.{0,80}?)\s*(?:[-–—]\s*)+")
_WORD = re.compile(r"\w+")


# --------------------------------------------------------------------------- normalisation


def clean_text(text: str | None) -> str:
    """NFKC-normalise, drop invisible format characters and collapse all whitespace."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(text.split())


def field_key(value: str | None) -> str | None:
    """Key for exact-match fields (date, outlet, title): trimmed, casefolded, spaces collapsed."""
    if value is None:
        return None
    key = clean_text(value).casefold()
    return key or None


def quote_key(text: str | None) -> str:
    """Key for matching quotes: marks, commas, periods and spaces trimmed at both ends."""
    return clean_text(text).strip(_QUOTE_TRIM)


def name_tokens(name: str | None) -> tuple[str, ...]:
    """Casefolded word tokens of a person's name (punctuation such as ``M.`` is dropped)."""
    return tuple(_WORD.findall(clean_text(name).casefold()))


def body_key(text: str | None) -> str:
    """Key for finding text in a body: curly quotes straightened, casefolded, spaces collapsed."""
    return clean_text(text).translate(_CURLY).casefold()


def _contains_words(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    """True when ``shorter`` occurs as a contiguous run of whole words inside ``longer``."""
    if not shorter or len(shorter) > len(longer):
        return False
    n = len(shorter)
    return any(tuple(longer[i : i + n]) == tuple(shorter) for i in range(len(longer) - n + 1))


def speaker_matches(predicted: str | Sequence[str] | None, acceptable: Sequence[str]) -> bool:
    """Whether a predicted speaker agrees with any acceptable gold name.

    Names agree when equal after normalising case and spacing, or when one contains the other as
    whole words ("Imam Zamroni" vs "AKBP Imam Zamroni"). An empty gold list means no reader could
    name the speaker; then only an empty prediction is correct.
    """
    if isinstance(predicted, list | tuple):
        return any(speaker_matches(p, acceptable) for p in predicted) or (
            not predicted and not acceptable
        )
    pred = name_tokens(predicted)
    if not acceptable:
        return not pred
    if not pred:
        return False
    for name in acceptable:
        gold = name_tokens(name)
        if gold and (pred == gold or _contains_words(pred, gold) or _contains_words(gold, pred)):
            return True
    return False


# --------------------------------------------------------------------------- results


@dataclass
class ArticleScore:
    """Everything compared for one article, with the misses kept for ``--verbose``."""

    file: str
    gold_quotes: int = 0
    pred_quotes: int = 0
    matched_quotes: int = 0
    missing_quotes: list[str] = field(default_factory=list)
    extra_quotes: list[str] = field(default_factory=list)
    speaker_ok: int = 0
    speaker_total: int = 0
    speaker_misses: list[tuple[str, str | None, list[str]]] = field(default_factory=list)
    date_ok: bool = True
    outlet_ok: bool = True
    title_ok: bool | None = True
    field_misses: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    people_tp: int = 0
    people_fp: int = 0
    people_fn: int = 0
    people_missing: list[str] = field(default_factory=list)
    people_extra: list[str] = field(default_factory=list)
    junk_total: int = 0
    junk_removed: int = 0
    junk_left: list[str] = field(default_factory=list)
    sentences_total: int = 0
    sentences_kept: int = 0
    sentences_lost: list[str] = field(default_factory=list)

    def misses(self) -> list[str]:
        """Human-readable lines describing every miss in this article."""
        out: list[str] = []
        out += [f"missing quote: {q!r}" for q in self.missing_quotes]
        out += [f"extra quote: {q!r}" for q in self.extra_quotes]
        for text, pred, gold in self.speaker_misses:
            out.append(f"wrong speaker: predicted {pred!r}, gold {gold} for {_short(text)!r}")
        for name, pred, gold in self.field_misses:
            out.append(f"wrong {name}: predicted {pred!r}, gold {gold!r}")
        if self.people_missing:
            out.append(f"people missing: {self.people_missing}")
        if self.people_extra:
            out.append(f"people extra: {self.people_extra}")
        out += [f"junk left: {j!r}" for j in self.junk_left]
        out += [f"sentence lost: {s!r}" for s in self.sentences_lost]
        return out


def _short(text: str, width: int = 60) -> str:
    """Shorten ``text`` to ``width`` characters for display."""
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass
class SetScore:
    """Micro-averaged metrics for one gold set."""

    name: str
    articles: list[ArticleScore]
    titles_skipped: int = 0

    def _sum(self, attr: str) -> int:
        return sum(getattr(a, attr) for a in self.articles)

    @staticmethod
    def _ratio(num: int, den: int) -> float | None:
        return num / den if den else None

    def metrics(self) -> dict[str, float | None]:
        """Metric name -> value (None when the set has nothing to measure for it)."""
        tp, fp, fn = self._sum("people_tp"), self._sum("people_fp"), self._sum("people_fn")
        people_f1 = 2 * tp / (2 * tp + fp + fn) if (tp + fp + fn) else None
        titled = [a for a in self.articles if a.title_ok is not None]
        return {
            "quote_precision": self._ratio(self._sum("matched_quotes"), self._sum("pred_quotes")),
            "quote_recall": self._ratio(self._sum("matched_quotes"), self._sum("gold_quotes")),
            "speaker": self._ratio(self._sum("speaker_ok"), self._sum("speaker_total")),
            "date": self._ratio(sum(a.date_ok for a in self.articles), len(self.articles)),
            "outlet": self._ratio(sum(a.outlet_ok for a in self.articles), len(self.articles)),
            "title": self._ratio(sum(bool(a.title_ok) for a in titled), len(titled)),
            "people_f1": people_f1,
            "junk_removed": self._ratio(self._sum("junk_removed"), self._sum("junk_total")),
            "body_kept": self._ratio(self._sum("sentences_kept"), self._sum("sentences_total")),
        }

    def failures(self, floors: dict[str, float] = FLOORS) -> list[str]:
        """Descriptions of every metric below its floor (unmeasurable metrics pass)."""
        out = []
        for name, value in self.metrics().items():
            floor = floors.get(name)
            if floor is not None and value is not None and value < floor - 1e-9:
                out.append(f"{self.name}: {name} {value:.3f} < {floor:.2f}")
        return out


# --------------------------------------------------------------------------- scoring


def _score_quotes(gold: dict[str, Any], pred: dict[str, Any], score: ArticleScore) -> None:
    """Match quotes one-to-one by :func:`quote_key`, then check speakers of matched pairs."""
    gold_quotes = gold.get("quotes") or []
    pred_quotes = [q for q in (pred.get("quotes") or []) if quote_key(q.get("text"))]
    score.gold_quotes, score.pred_quotes = len(gold_quotes), len(pred_quotes)
    unused = list(range(len(pred_quotes)))
    for gq in gold_quotes:
        key = quote_key(gq["text"])
        hit = next((i for i in unused if quote_key(pred_quotes[i].get("text")) == key), None)
        if hit is None:
            score.missing_quotes.append(_short(clean_text(gq["text"]), 90))
            continue
        unused.remove(hit)
        score.matched_quotes += 1
        score.speaker_total += 1
        predicted = pred_quotes[hit].get("speaker")
        acceptable = list(gq.get("speaker") or [])
        if speaker_matches(predicted, acceptable):
            score.speaker_ok += 1
        else:
            score.speaker_misses.append((clean_text(gq["text"]), predicted, acceptable))
    score.extra_quotes = [_short(clean_text(pred_quotes[i].get("text")), 90) for i in unused]


def _score_fields(gold: dict[str, Any], pred: dict[str, Any], score: ArticleScore) -> bool:
    """Exact-match date, outlet and title; returns True when the title was skipped."""
    score.date_ok = field_key(gold.get("date")) == field_key(pred.get("date"))
    if not score.date_ok:
        score.field_misses.append(("date", pred.get("date"), gold.get("date")))
    score.outlet_ok = field_key(gold.get("outlet")) == field_key(pred.get("outlet"))
    if not score.outlet_ok:
        score.field_misses.append(("outlet", pred.get("outlet"), gold.get("outlet")))
    if gold.get("title") is None:
        score.title_ok = None
        return True
    score.title_ok = field_key(gold["title"]) == field_key(pred.get("title"))
    if not score.title_ok:
        score.field_misses.append(("title", pred.get("title"), gold["title"]))
    return False


def _names(people: Iterable[Any]) -> dict[tuple[str, ...], str]:
    """Normalised name tokens -> display name, for gold or predicted people lists."""
    out: dict[tuple[str, ...], str] = {}
    for person in people or []:
        name = person.get("name") if isinstance(person, dict) else person
        tokens = name_tokens(name)
        if tokens:
            out.setdefault(tokens, str(name))
    return out


def _score_people(gold: dict[str, Any], pred: dict[str, Any], score: ArticleScore) -> None:
    """Count true/false positives and negatives over normalised person names."""
    gold_names, pred_names = _names(gold.get("people")), _names(pred.get("people"))
    score.people_tp = len(gold_names.keys() & pred_names.keys())
    score.people_missing = [gold_names[k] for k in gold_names if k not in pred_names]
    score.people_extra = [pred_names[k] for k in pred_names if k not in gold_names]
    score.people_fn, score.people_fp = len(score.people_missing), len(score.people_extra)


def _score_junk(gold: dict[str, Any], body: str | None, score: ArticleScore) -> None:
    """A gold junk line is left when it is still a line of the cleaned body.

    A long junk line (25+ characters) also counts as left when it survives glued inside a
    paragraph; a short one ("dikutip dari") is only looked for as a whole line, since the same
    words may legitimately open a sentence the body keeps.
    """
    pred_body = body_key(body)
    pred_lines = {body_key(line) for line in (body or "").splitlines()}
    for line in gold.get("junk") or []:
        key = body_key(line)
        if not key:
            continue
        score.junk_total += 1
        if key in pred_lines or (len(key) >= 25 and key in pred_body):
            score.junk_left.append(clean_text(line))
        else:
            score.junk_removed += 1


def _header_end(lines: list[str], title: str | None) -> int:
    """Index of the first line after the header (every line up to the last headline repeat)."""
    key = field_key(title)
    if key is None:
        return 0
    last = -1
    for i, line in enumerate(lines):
        if field_key(line) == key:
            last = i
    return last + 1


def body_sentences(text: str, gold: dict[str, Any]) -> list[str]:
    """Sentences of an article a cleaned body must keep.

    Skips the header (the headline line(s) and anything before its last repeat), gold junk lines,
    keyword lines (a line holding every gold keyword) and gold caption lines, then splits the
    remaining lines at sentence-ending punctuation. Fragments of fewer than two word characters
    (scraping leftovers such as a lone ``,``) are dropped.
    """
    lines = text.splitlines()
    junk = {body_key(j) for j in gold.get("junk") or []}
    keywords = [body_key(k) for k in gold.get("keywords") or [] if body_key(k)]
    captions = [body_key(c) for c in gold.get("captions") or [] if body_key(c)]
    out: list[str] = []
    for line in lines[_header_end(lines, gold.get("title")) :]:
        key = body_key(line)
        if not key or key in junk:
            continue
        if keywords and all(k in key for k in keywords):
            continue
        if any(c == key or c in key for c in captions):
            continue
        for sentence in _SENTENCE_END.split(clean_text(line)):
            if len(_WORD.findall(sentence)) >= 1 and len("".join(_WORD.findall(sentence))) >= 2:
                out.append(sentence)
    return out


def _sentence_kept(sentence: str, haystack: str, gold: dict[str, Any]) -> bool:
    """Whether ``sentence`` survives in ``haystack``; a stripped dateline prefix is forgiven."""
    key = body_key(sentence)
    if key in haystack:
        return True
    match = _DATELINE_DASH.match(sentence)
    if match:
        prefix = body_key(match.group(1))
        marks = [body_key(gold.get("outlet")), body_key(gold.get("dateline"))]
        if not _WORD.search(prefix) or any(m and m in prefix for m in marks):
            rest = body_key(sentence[match.end() :])
            return bool(rest) and rest in haystack
    return False


def _score_body(text: str, gold: dict[str, Any], pred: dict[str, Any], score: ArticleScore) -> None:
    """Fraction of the article's sentences kept in the body (or moved to the captions list)."""
    moved = " \n ".join(body_key(c) for c in pred.get("captions") or [])
    haystack = body_key(pred.get("body")) + " \n " + moved
    for sentence in body_sentences(text, gold):
        score.sentences_total += 1
        if _sentence_kept(sentence, haystack, gold):
            score.sentences_kept += 1
        else:
            score.sentences_lost.append(_short(sentence, 90))


def score_article(gold: dict[str, Any], pred: dict[str, Any], text: str) -> ArticleScore:
    """Compare one predicted extraction with its gold labels.

    ``gold`` is one record of a gold file (seeds.json format), ``pred`` one object printed by
    ``warta extract --json`` and ``text`` the article file's original text (needed for body kept).
    Pure: no I/O.
    """
    score = ArticleScore(file=str(gold.get("file", "")))
    _score_quotes(gold, pred, score)
    _score_fields(gold, pred, score)
    _score_people(gold, pred, score)
    _score_junk(gold, pred.get("body"), score)
    _score_body(text, gold, pred, score)
    return score


def score_set(
    name: str,
    golds: Sequence[dict[str, Any]],
    preds: Sequence[dict[str, Any]],
    texts: Sequence[str],
) -> SetScore:
    """Score a whole set; the three sequences are parallel (same article at the same index)."""
    if not len(golds) == len(preds) == len(texts):
        raise ValueError(f"{name}: {len(golds)} gold, {len(preds)} predicted, {len(texts)} texts")
    articles = [score_article(g, p, t) for g, p, t in zip(golds, preds, texts, strict=True)]
    skipped = sum(1 for a in articles if a.title_ok is None)
    return SetScore(name=name, articles=articles, titles_skipped=skipped)


# --------------------------------------------------------------------------- running the CLI


def warta_command() -> list[str]:
    """How to invoke the CLI: ``warta`` beside this interpreter, then on PATH, then ``-m``."""
    bindir = Path(sys.executable).parent
    for candidate in (bindir / "warta", bindir / "warta.exe"):
        if candidate.is_file():
            return [str(candidate)]
    found = shutil.which("warta")
    if found:
        return [found]
    return [sys.executable, "-m", "warta.tui.cli"]


def article_text(path: Path) -> str:
    """The article as a reader sees it: a text file whole, a JSON Lines record's title + body."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix != ".jsonl":
        return raw
    rec = json.loads(raw.splitlines()[0])
    return f"{rec['title']}\n\n{rec['body']}" if rec.get("title") else rec["body"]


def run_extractor(files: Sequence[Path], timeout: float = 900.0) -> list[dict[str, Any]]:
    """Run ``warta extract FILE... --json`` and return one parsed object per file, in order."""
    cmd = [*warta_command(), "extract", *map(str, files), "--json"]
    proc = subprocess.run(
        cmd, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=timeout
    )
    if proc.returncode != 0:
        raise RuntimeError(
            f"{' '.join(cmd[:3])} ... exited {proc.returncode}:\n{proc.stderr.strip()[-2000:]}"
        )
    preds = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    if len(preds) != len(files):
        raise RuntimeError(f"extractor printed {len(preds)} objects for {len(files)} files")
    for path, pred in zip(files, preds, strict=True):
        # A JSON Lines input reports its source as "path:line".
        source = re.sub(r":\d+$", "", pred.get("source") or "")
        if source and Path(source).name != path.name:
            raise RuntimeError(f"output out of order: expected {path.name}, got {source}")
    return preds


def load_set(gold_file: Path, articles: Path) -> tuple[list[dict[str, Any]], list[Path]]:
    """Read a gold file and resolve each record's article path."""
    golds = json.loads(gold_file.read_text(encoding="utf-8"))
    paths = [articles / g["file"] for g in golds]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"articles missing for {gold_file.name}: {missing[:5]}")
    return golds, paths


# --------------------------------------------------------------------------- report


COLUMNS = [
    ("quote_precision", "quote P"),
    ("quote_recall", "quote R"),
    ("speaker", "speaker"),
    ("date", "date"),
    ("outlet", "outlet"),
    ("title", "title"),
    ("people_f1", "people F1"),
    ("junk_removed", "junk rm"),
    ("body_kept", "body kept"),
]
"""(metric, column header) in table order."""


def format_table(sets: Sequence[SetScore]) -> str:
    """The summary table: one row per set."""
    header = ["set", "articles", "quotes", *(label for _, label in COLUMNS)]
    rows = [header]
    for s in sets:
        metrics = s.metrics()
        gold_quotes = sum(a.gold_quotes for a in s.articles)
        cells = ["-" if metrics[m] is None else f"{metrics[m]:.3f}" for m, _ in COLUMNS]
        rows.append([s.name, str(len(s.articles)), str(gold_quotes), *cells])
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def format_details(s: SetScore) -> str:
    """Per-article misses for ``--verbose``."""
    out = [f"== {s.name}"]
    for a in s.articles:
        misses = a.misses()
        status = "ok" if not misses else f"{len(misses)} miss(es)"
        out.append(
            f"-- {a.file}: quotes {a.matched_quotes}/{a.gold_quotes} (predicted {a.pred_quotes}), "
            f"speakers {a.speaker_ok}/{a.speaker_total}, body {a.sentences_kept}/"
            f"{a.sentences_total}: {status}"
        )
        out += [f"     {m}" for m in misses]
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the process exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", action="append", type=Path, default=[], help="gold labels")
    parser.add_argument("--articles", action="append", type=Path, default=[], help="their dir")
    parser.add_argument("--verbose", action="store_true", help="show every miss per article")
    parser.add_argument("--check", action="store_true", help="exit 1 when under a floor")
    args = parser.parse_args(argv)
    if len(args.gold) != len(args.articles):
        parser.error("give one --articles DIR for each --gold FILE")
    pairs = list(zip(args.gold, args.articles, strict=True)) or DEFAULT_SETS

    results: list[SetScore] = []
    for gold_file, articles in pairs:
        golds, paths = load_set(gold_file, articles)
        try:
            preds = run_extractor(paths)
        except (RuntimeError, OSError, subprocess.TimeoutExpired, json.JSONDecodeError) as exc:
            print(f"error: could not run the extractor on {gold_file.name}: {exc}", file=sys.stderr)
            return 2
        texts = [article_text(p) for p in paths]
        results.append(score_set(gold_file.stem, golds, preds, texts))

    if args.verbose:
        for s in results:
            print(format_details(s))
            print()
    print(format_table(results))
    for s in results:
        if s.titles_skipped:
            print(f"{s.name}: title accuracy skips {s.titles_skipped} article(s) with no headline")

    if args.check:
        failures = [f for s in results for f in s.failures()]
        if failures:
            print("\nBelow the floor:")
            print("\n".join(f"  {f}" for f in failures))
            return 1
        print("\nAll sets meet the floors.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
