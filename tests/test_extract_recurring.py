"""Learned furniture: lines recurring across an outlet's articles, counted batch by batch."""

from __future__ import annotations

import json

from warta.store.extract import extract
from warta.store.extract.clean import normalize
from warta.store.extract.recurring import LineCounts, line_key

FOOTER = "Warta Sukamaju – Tajam, Terpercaya, Terdepan"
WIDGET = "Pilihan Pembaca Hari Ini 14/09/2024 11:06"
TEMPLATE = "Kegiatan berlangsung aman, tertib dan lancar sampai selesai."


PLACES = [
    "Mekarsari", "Cibodas", "Sindangsari", "Karangsari", "Cijati", "Sukajadi", "Margamulya",
    "Sukaresmi", "Cikalong", "Babakan", "Ciherang", "Pasirjati",
]  # fmt: skip


def article(n: int) -> str:
    place = PLACES[n % len(PLACES)]
    return "\n\n".join(
        [
            f"Polsek Sukamaju Gelar Patroli Dialogis di Desa {place}",
            f"{WIDGET[:-5]}{10 + n % 10}:0{n % 10}",
            f"SUKAMAJU – Personel Polsek Sukamaju berpatroli di Desa {place}, Senin (4/11/2024).",
            TEMPLATE,
            f'"Warga {place} kami imbau menjaga keamanan," ujar Iptu Dadang Rusdiana.',
            "Kapolsek juga meminta warga melapor bila ada gangguan.",
            f"Patroli di {place} akan dilanjutkan pekan depan.",
            FOOTER,
        ]
    )


def counted(n: int, outlet: str = "Sukamajunews.com") -> LineCounts:
    counts = LineCounts()
    for i in range(n):
        counts.add_article(outlet, normalize(article(i)))
    return counts


def test_line_key_folds_case_spacing_edges_and_digits() -> None:
    assert line_key("  19/10/2024 07:20:00 WIB 138 ") == line_key("02/11/2024 09:05:11 wib 7")
    assert line_key("- Share this post -") == line_key("share this   post")
    assert line_key("x" * 300) == ""
    assert line_key(" – ") == ""


def test_recurring_lines_become_the_outlets_furniture() -> None:
    counts = counted(10)
    keys = counts.furniture_keys("SUKAMAJUNEWS.COM")  # any spelling of the outlet
    assert line_key(FOOTER) in keys and line_key(WIDGET) in keys
    assert line_key("Kapolsek juga meminta warga melapor bila ada gangguan.") in keys
    assert counts.furniture_keys("Other Outlet") == frozenset()


def test_too_few_articles_teach_nothing() -> None:
    assert counted(3).furniture_keys("Sukamajunews.com") == frozenset()
    counts = counted(40)
    assert counts.furniture_keys("Sukamajunews.com", min_share=0.9)  # all 40 share the footer
    for i in range(40, 500):
        counts.add_article("Sukamajunews.com", [f"Berita lain nomor {'x' * (i % 7)}"])
    # Seen in 40 of 500 articles: under the 10% share, no longer the outlet's furniture.
    assert line_key(FOOTER) not in counts.furniture_keys("Sukamajunews.com")


def test_batches_merge_to_the_same_counts_and_survive_json() -> None:
    whole = counted(12)
    first, second = counted(5), LineCounts()
    for i in range(5, 12):
        second.add_article("Sukamajunews.com", normalize(article(i)))
    first.merge(second)
    assert first == whole
    again = LineCounts.from_dict(json.loads(json.dumps(whole.to_dict())))
    assert again == whole
    assert LineCounts.from_dict({"articles": {"x": "bad"}, "lines": []}) == LineCounts()


def test_prune_keeps_the_most_frequent_keys() -> None:
    counts = counted(10)
    for i in range(50):
        counts.add_article("Sukamajunews.com", [f"sekali saja {chr(65 + i % 26)}{i}"])
    counts.prune(keep=4)
    kept = counts.lines["sukamajunews"]
    assert len(kept) == 4
    assert set(kept.values()) == {10}  # the lines every article has, never a one-off


def test_extract_drops_learned_furniture_but_never_a_quote_or_an_own_sentence() -> None:
    counts = counted(10)
    keys = counts.furniture_keys("Sukamajunews.com")
    text = article(99).replace(PLACES[99 % len(PLACES)], "Tegalwaru")
    plain = extract(text)["body"]
    learned = extract(text, recurring=keys)["body"]
    assert FOOTER in plain and FOOTER not in learned
    assert "Pilihan Pembaca" not in learned
    # Template sentences inside the article are the article's own, though every article has them.
    assert TEMPLATE in learned
    assert "Kapolsek juga meminta warga melapor" in learned
    assert "kami imbau menjaga keamanan" in learned
    assert "akan dilanjutkan pekan depan" in learned
    assert extract(text, recurring=frozenset())["body"] == plain
