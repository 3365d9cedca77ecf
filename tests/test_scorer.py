"""Tests for the extraction scorer's pure comparison logic (benchmarks/score_extraction.py)."""

from __future__ import annotations

import copy
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_scorer() -> ModuleType:
    """Import benchmarks/score_extraction.py (benchmarks/ is not a package)."""
    path = ROOT / "benchmarks" / "score_extraction.py"
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


se = _load_scorer()

TEXT = (
    "Polisi Tangkap Pencuri di Anambas\n"
    "\n"
    "ANAMBAS, KOMPAS.com - Polres Anambas menangkap seorang pencuri, Selasa (10/9/2019).\n"
    "\n"
    "Kapolres Anambas AKBP Imam Zamroni melalui Kapolsek Siantan Iptu Budi mengatakan hal itu.\n"
    "\n"
    '"Pelaku sudah kami amankan. Barang bukti juga disita," kata Imam.\n'
    "\n"
    "Baca juga: Polisi Gerebek Kampung Narkoba\n"
    "\n"
    "“Kami imbau warga tetap waspada,” ujar Budi.\n"
)

GOLD: dict[str, Any] = {
    "file": "x.txt",
    "title": "Polisi Tangkap Pencuri di Anambas",
    "outlet": "KOMPAS.com",
    "dateline": "ANAMBAS",
    "date": "2019-09-10",
    "people": [
        {"name": "Imam Zamroni", "rank": "AKBP", "role": "Kapolres Anambas"},
        {"name": "Budi", "rank": "Iptu", "role": "Kapolsek Siantan"},
    ],
    "organizations": ["Polres Anambas"],
    "places": ["Anambas"],
    "junk": ["Baca juga: Polisi Gerebek Kampung Narkoba"],
    "quotes": [
        {
            "text": "Pelaku sudah kami amankan. Barang bukti juga disita",
            "speaker": ["Imam Zamroni", "Budi"],
        },
        {"text": "Kami imbau warga tetap waspada", "speaker": ["Budi"]},
    ],
}

BODY = (
    "Polres Anambas menangkap seorang pencuri, Selasa (10/9/2019).\n\n"
    "Kapolres Anambas AKBP Imam Zamroni melalui Kapolsek Siantan Iptu Budi mengatakan hal itu.\n\n"
    '"Pelaku sudah kami amankan. Barang bukti juga disita," kata Imam.\n\n'
    "“Kami imbau warga tetap waspada,” ujar Budi."
)


def perfect() -> dict[str, Any]:
    """A prediction that agrees with GOLD on everything."""
    return {
        "source": "x.txt",
        "title": "Polisi Tangkap Pencuri di Anambas",
        "outlet": "Kompas.com",
        "dateline": "ANAMBAS",
        "date": "2019-09-10",
        "people": [
            {"name": "Imam Zamroni", "rank": "AKBP", "role": "Kapolres Anambas"},
            {"name": "Budi", "rank": "Iptu", "role": "Kapolsek Siantan"},
        ],
        "organizations": ["Polres Anambas"],
        "places": ["Anambas"],
        "keywords": [],
        "quotes": [
            {
                "text": "Pelaku sudah kami amankan. Barang bukti juga disita,",
                "speaker": "AKBP Imam Zamroni",
                "start": 0,
                "end": 0,
            },
            {"text": "Kami imbau warga tetap waspada,", "speaker": "Budi", "start": 0, "end": 0},
        ],
        "body": BODY,
    }


def metrics(pred: dict[str, Any], gold: dict[str, Any] = GOLD, text: str = TEXT) -> dict[str, Any]:
    """Metrics of a one-article set."""
    return se.score_set("t", [gold], [pred], [text]).metrics()


def test_perfect_prediction_scores_one_everywhere() -> None:
    result = metrics(perfect())
    assert all(value == 1.0 for value in result.values()), result
    assert se.score_set("t", [GOLD], [perfect()], [TEXT]).failures() == []


def test_missing_quote_lowers_recall_not_precision() -> None:
    pred = perfect()
    del pred["quotes"][1]
    result = metrics(pred)
    assert result["quote_recall"] == 0.5
    assert result["quote_precision"] == 1.0
    article = se.score_article(GOLD, pred, TEXT)
    assert article.missing_quotes == ["Kami imbau warga tetap waspada"]


def test_extra_quote_lowers_precision() -> None:
    pred = perfect()
    pred["quotes"].append({"text": "Polres Anambas", "speaker": None, "start": 0, "end": 0})
    result = metrics(pred)
    assert result["quote_precision"] == pytest.approx(2 / 3)
    assert result["quote_recall"] == 1.0


def test_quote_matching_is_one_to_one() -> None:
    pred = perfect()
    pred["quotes"].append(copy.deepcopy(pred["quotes"][0]))
    result = metrics(pred)
    assert result["quote_precision"] == pytest.approx(2 / 3)


def test_quote_text_trimmed_and_whitespace_collapsed() -> None:
    pred = perfect()
    pred["quotes"][0]["text"] = '  "Pelaku  sudah kami\namankan. Barang bukti juga disita." '
    assert metrics(pred)["quote_recall"] == 1.0


def test_wrong_speaker_lowers_speaker_accuracy() -> None:
    pred = perfect()
    pred["quotes"][1]["speaker"] = "Imam Zamroni"
    result = metrics(pred)
    assert result["speaker"] == 0.5
    article = se.score_article(GOLD, pred, TEXT)
    assert article.speaker_misses == [("Kami imbau warga tetap waspada", "Imam Zamroni", ["Budi"])]


def test_speaker_none_is_wrong_when_gold_names_someone() -> None:
    pred = perfect()
    pred["quotes"][0]["speaker"] = None
    assert metrics(pred)["speaker"] == 0.5


def test_speaker_matching_rules() -> None:
    assert se.speaker_matches("imam  ZAMRONI", ["Imam Zamroni"])
    assert se.speaker_matches("AKBP Imam Zamroni", ["Imam Zamroni"])
    assert se.speaker_matches("Zamroni", ["Imam Zamroni"])
    assert se.speaker_matches("M. Khalid Zulkarnaen", ["M Khalid Zulkarnaen"])
    assert not se.speaker_matches("Imam Zam", ["Imam Zamroni"])
    assert not se.speaker_matches(None, ["Imam Zamroni"])
    assert se.speaker_matches(None, [])
    assert not se.speaker_matches("Budi", [])


def test_junk_left_lowers_junk_removed() -> None:
    pred = perfect()
    pred["body"] += "\n\nBaca juga: Polisi Gerebek Kampung Narkoba"
    assert metrics(pred)["junk_removed"] == 0.0
    article = se.score_article(GOLD, pred, TEXT)
    assert article.junk_left == ["Baca juga: Polisi Gerebek Kampung Narkoba"]


def test_lost_sentence_lowers_body_kept() -> None:
    pred = perfect()
    pred["body"] = pred["body"].replace("Kapolres Anambas AKBP Imam Zamroni melalui", "Melalui")
    result = metrics(pred)
    assert result["body_kept"] == pytest.approx(4 / 5)
    article = se.score_article(GOLD, pred, TEXT)
    assert len(article.sentences_lost) == 1


def test_body_sentences_skip_header_junk_keywords_and_captions() -> None:
    text = (
        "Judul Berita\n\nid polisi, anambas\n\nJudul Berita\n\nFoto Kapolres. (ANTARA/Edo)\n\n"
        "Kalimat satu. Kalimat dua.\n\nBaca juga: lain\n\n ,\n"
    )
    gold = {
        "title": "Judul Berita",
        "keywords": ["polisi", "anambas"],
        "captions": ["Foto Kapolres. (ANTARA/Edo)"],
        "junk": ["Baca juga: lain"],
    }
    assert se.body_sentences(text, gold) == ["Kalimat satu.", "Kalimat dua."]


def test_sentence_moved_to_captions_counts_as_kept() -> None:
    text = "Judul\n\nFoto Kapolres. (ANTARA/Edo)\n\nIsi berita."
    gold = {"file": "c.txt", "title": "Judul", "quotes": [], "junk": [], "people": []}
    pred = {"title": "Judul", "body": "Isi berita.", "captions": ["Foto Kapolres. (ANTARA/Edo)"]}
    assert metrics(pred, gold, text)["body_kept"] == 1.0
    del pred["captions"]
    assert metrics(pred, gold, text)["body_kept"] == pytest.approx(1 / 3)


def test_stripped_dateline_is_not_a_lost_sentence() -> None:
    pred = perfect()
    assert "ANAMBAS, KOMPAS.com" not in pred["body"]
    assert metrics(pred)["body_kept"] == 1.0


def test_date_outlet_title_exact_match() -> None:
    pred = perfect()
    pred["date"] = "2019-09-11"
    pred["outlet"] = "Okezone"
    pred["title"] = "Polisi Tangkap Pencuri"
    result = metrics(pred)
    assert result["date"] == result["outlet"] == result["title"] == 0.0
    article = se.score_article(GOLD, pred, TEXT)
    assert {name for name, _, _ in article.field_misses} == {"date", "outlet", "title"}


def test_null_date_equals_null_and_null_title_is_skipped() -> None:
    gold = dict(GOLD, date=None, title=None)
    pred = dict(perfect(), date=None, title="Anything derived from the lead")
    scored = se.score_set("t", [gold], [pred], [TEXT.split("\n", 2)[2]])
    assert scored.metrics()["date"] == 1.0
    assert scored.metrics()["title"] is None
    assert scored.titles_skipped == 1
    pred["date"] = "2019-09-10"
    assert metrics(pred, gold)["date"] == 0.0


def test_people_f1_micro_averaged() -> None:
    pred = perfect()
    pred["people"] = [{"name": "imam zamroni", "rank": None, "role": None}, {"name": "Siantan"}]
    article = se.score_article(GOLD, pred, TEXT)
    assert (article.people_tp, article.people_fp, article.people_fn) == (1, 1, 1)
    assert metrics(pred)["people_f1"] == pytest.approx(0.5)


def test_failures_name_the_metric_and_floor() -> None:
    pred = perfect()
    pred["quotes"] = []
    failures = se.score_set("labelled", [GOLD], [pred], [TEXT]).failures()
    assert any(f.startswith("labelled: quote_recall 0.000 < 0.97") for f in failures)


def test_verbose_details_list_misses() -> None:
    pred = perfect()
    pred["quotes"][1]["speaker"] = "Imam"
    pred["date"] = None
    details = se.format_details(se.score_set("t", [GOLD], [pred], [TEXT]))
    assert "wrong speaker: predicted 'Imam'" in details
    assert "wrong date: predicted None, gold '2019-09-10'" in details
    assert "quote P" in se.format_table([se.score_set("t", [GOLD], [perfect()], [TEXT])])


def _perfect_from_gold(gold: dict[str, Any], text: str) -> dict[str, Any]:
    """An ideal extractor's output for a real gold record: header and junk lines dropped."""
    lines = text.splitlines()
    junk = {line.strip() for line in gold.get("junk") or []}
    body_lines = [line for line in lines[se._header_end(lines, gold.get("title")) :]]
    body = "\n".join(line for line in body_lines if line.strip() not in junk)
    return {
        "title": gold.get("title"),
        "outlet": gold.get("outlet"),
        "dateline": gold.get("dateline"),
        "date": gold.get("date"),
        "people": gold.get("people"),
        "quotes": [
            {"text": q["text"], "speaker": (q["speaker"] or [None])[0]} for q in gold["quotes"]
        ],
        "body": body,
    }


@pytest.mark.parametrize("gold_file, articles", se.DEFAULT_SETS)
def test_gold_sets_are_self_consistent(gold_file: Path, articles: Path) -> None:
    """Every gold quote is in its article, and an ideal prediction scores 1.0 on the real sets."""
    golds = json.loads(gold_file.read_text(encoding="utf-8"))
    texts = [se.article_text(articles / g["file"]) for g in golds]
    for gold, text in zip(golds, texts, strict=True):
        for quote in gold["quotes"]:
            assert quote["text"] in text, (gold["file"], quote["text"][:40])
        stripped = [line.strip() for line in text.splitlines()]
        for line in gold["junk"]:
            assert line.strip() in stripped, (gold["file"], line)  # scraped pages indent some
    preds = [_perfect_from_gold(g, t) for g, t in zip(golds, texts, strict=True)]
    result = se.score_set(gold_file.stem, golds, preds, texts).metrics()
    assert all(v is None or v == 1.0 for v in result.values()), result


def test_warta_command_is_runnable_form() -> None:
    cmd = se.warta_command()
    assert cmd and (cmd[0].endswith(("warta", "warta.exe")) or cmd[1:] == ["-m", "warta.tui.cli"])


def test_outlet_accuracy_compares_the_outlet_as_written() -> None:
    def outlet_ok(gold: str | None, pred: str | None) -> bool:
        return se.score_article(
            {**GOLD, "outlet": gold}, {**perfect(), "outlet": pred}, TEXT
        ).outlet_ok

    assert outlet_ok("KOMPAS.com", "kompas.com")  # case and spacing are not the outlet
    assert outlet_ok("ANTARA  News", "antara news")
    assert not outlet_ok("ANTARA News", "ANTARA")
    assert not outlet_ok(None, "ANTARA")
    assert outlet_ok(None, None)
