"""Importing what scrapers and browsers produce, without conversion: saved HTML pages,
news-please / newspaper4k / trafilatura JSON and JSON Lines, and CSV or TSV tables."""

from __future__ import annotations

import json
from pathlib import Path

from warta.store.library.importer import import_paths
from warta.store.library.library import Library

BODY = (
    "Kapolres OKU Selatan AKBP Budi Santoso mengimbau warga tidak mudah terprovokasi berita "
    "hoaks menjelang Pilkada 2024.\n\n"
    '"Kami minta warga bijak bermedia sosial," kata Budi, Senin (3/6/2024).'
)


def _page() -> str:
    paras = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    filler = "".join(
        f"<p>Paragraf {i}: Bhabinkamtibmas rutin menyambangi warga binaan di desa-desa untuk "
        "menyampaikan pesan kamtibmas menjelang pemungutan suara.</p>"
        for i in range(4)
    )
    return (
        "<html><head><meta charset='utf-8'><title>Kapolres Imbau Warga | Tribratanews</title>"
        "<meta property='og:site_name' content='Tribratanews Polda Sumsel'>"
        "<meta property='article:published_time' content='2024-06-03T09:00:00+07:00'>"
        "</head><body><nav><ul><li>Home</li><li>Berita</li><li>Kontak</li></ul></nav>"
        "<article><h1>Kapolres Imbau Warga Tidak Terprovokasi Hoaks</h1>"
        f"{paras}{filler}</article>"
        "<footer>Copyright 2024 Tribratanews. All rights reserved.</footer></body></html>"
    )


def _one(lib: Library) -> dict:
    [rec] = lib.articles
    return rec


def test_a_saved_web_page_imports_with_its_title_date_and_site(tmp_path: Path) -> None:
    page = tmp_path / "berita.html"
    page.write_text(_page())
    lib = Library(tmp_path / "lib")
    report = import_paths(lib, [page])
    assert report.added == 1, [f.status_line for f in report.files]
    rec = _one(lib)
    assert rec["title"] == "Kapolres Imbau Warga Tidak Terprovokasi Hoaks"
    assert rec["date"] == "2024-06-03"
    assert rec["source"] == "Tribratanews Polda Sumsel"
    body = lib.extraction(rec["id"])["body"]
    assert "bijak bermedia sosial" in body
    assert "Home" not in body and "All rights reserved" not in body
    assert [q["speaker"] for q in lib.extraction(rec["id"])["quotes"]] == ["Budi Santoso"]


def test_news_please_records_in_json_lines(tmp_path: Path) -> None:
    src = tmp_path / "np.jsonl"
    src.write_text(
        json.dumps(
            {
                "title": "Kapolres Imbau Warga",
                "maintext": BODY,
                "date_publish": "2024-06-03 09:00:00",
                "source_domain": "sumsel.tribratanews.com",
                "url": "https://sumsel.tribratanews.com/a",
            }
        )
        + "\n"
    )
    lib = Library(tmp_path / "lib")
    assert import_paths(lib, [src]).added == 1
    rec = _one(lib)
    assert (rec["title"], rec["date"], rec["source"], rec["url"]) == (
        "Kapolres Imbau Warga",
        "2024-06-03",
        "sumsel.tribratanews.com",
        "https://sumsel.tribratanews.com/a",
    )


def test_newspaper4k_and_trafilatura_json_documents(tmp_path: Path) -> None:
    n4k = tmp_path / "n4k.json"
    n4k.write_text(
        json.dumps(
            [
                {"title": "Satu", "text": BODY, "publish_date": "2024-06-03T09:00:00", "url": "u1"},
                {"title": "Dua", "text": BODY + " Tambahan.", "publish_date": None},
            ]
        )
    )
    traf = tmp_path / "traf.json"
    traf.write_text(
        json.dumps(
            {
                "title": "Tiga",
                "text": BODY + " Lagi.",
                "date": "2024-06-04",
                "sitename": "Antara Sumsel",
                "hostname": "sumsel.antaranews.com",
                "source": "https://sumsel.antaranews.com/b",  # trafilatura: the page's URL
            }
        )
    )
    lib = Library(tmp_path / "lib")
    assert import_paths(lib, [n4k, traf]).added == 3
    by_title = {a["title"]: a for a in lib.articles}
    assert by_title["Satu"]["date"] == "2024-06-03" and by_title["Satu"]["url"] == "u1"
    assert by_title["Tiga"]["source"] == "Antara Sumsel"
    assert by_title["Tiga"]["url"] == "https://sumsel.antaranews.com/b"


def test_a_record_with_only_html_is_read_with_trafilatura(tmp_path: Path) -> None:
    src = tmp_path / "pages.jsonl"
    src.write_text(json.dumps({"url": "https://x.id/a", "html": _page()}) + "\n")
    lib = Library(tmp_path / "lib")
    assert import_paths(lib, [src]).added == 1
    rec = _one(lib)
    assert rec["title"] == "Kapolres Imbau Warga Tidak Terprovokasi Hoaks"
    assert rec["url"] == "https://x.id/a"


def test_csv_and_tsv_tables_with_a_header(tmp_path: Path) -> None:
    import csv

    table = tmp_path / "berita.csv"
    with table.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Title", " Text ", "Date", "Source", "URL"])
        w.writerow(["Kapolres Imbau", BODY, "2024-06-03", "Tempo.co", "https://t.co/1"])
        w.writerow(["Kosong", "", "2024-06-03", "Tempo.co", ""])
    tsv = tmp_path / "berita.tsv"
    tsv.write_text("title\tbody\nTab satu\t" + BODY.replace("\n", " ") + " tab\n")
    lib = Library(tmp_path / "lib")
    report = import_paths(lib, [table, tsv])
    assert report.added == 2
    assert report.rejected == 1  # the row without text, reported by its row number
    [line] = [f.status_line for f in report.files if f.rejected]
    assert "row 3: no body text" in line
    by_title = {a["title"]: a for a in lib.articles}
    assert by_title["Kapolres Imbau"]["source"] == "Tempo.co"
    assert "Tab satu" in by_title


def test_a_folder_of_mixed_formats(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_text(_page())
    (folder / "b.json").write_text(json.dumps({"articles": [{"title": "B", "body": BODY}]}))
    (folder / "c.txt").write_text("Judul C\n\n" + BODY + " C.")
    (folder / "d.pdf").write_bytes(b"%PDF-1.4")
    lib = Library(tmp_path / "lib")
    report = import_paths(lib, [folder])
    assert report.added == 3
    assert any(f.skipped and f.path.endswith("d.pdf") for f in report.files)
