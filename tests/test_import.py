"""Importing files and folders: formats, duplicates, rejections, control sequences."""

from __future__ import annotations

from pathlib import Path

from conftest import RECORDS, write_jsonl

from warta.store.library.importer import import_paths
from warta.store.library.library import Library


def test_txt_md_jsonl_and_gz_in_nested_folders(
    tmp_path: Path, library: Library, seeds_dir: Path
) -> None:
    src = tmp_path / "in"
    (src / "deep" / "er").mkdir(parents=True)
    (src / "a.txt").write_text((seeds_dir / "000_458db295d67e7604.txt").read_text())
    (src / "deep" / "b.md").write_text(
        "Judul catatan\n\nSebuah catatan pendek tentang Pemilu 2024."
    )
    write_jsonl(src / "deep" / "er" / "c.jsonl", RECORDS[:1])
    write_jsonl(src / "deep" / "er" / "d.jsonl.gz", RECORDS[1:], compress=True)
    report = import_paths(library, [src])
    assert report.added == 4
    assert report.rejected == 0
    titles = {a["title"] for a in library.articles}
    assert "Polres Anambas tangkap pemasok sabu" in titles
    assert "Banjir rendam desa di Kabupaten Bandung" in titles
    rec = next(a for a in library.articles if a["url"] == "https://example.org/a")
    assert rec["source"] == "Kompas.com"


def test_reimport_is_a_no_op_matched_on_content_not_name(
    tmp_path: Path, seeded: Library, seeds_dir: Path
) -> None:
    ids = [a["id"] for a in seeded.articles]
    copy = tmp_path / "renamed.txt"
    # Same article, other name, other line endings and trailing spaces.
    copy.write_text((seeds_dir / "001_9394c399ef0cb26f.txt").read_text().replace("\n", "  \r\n"))
    report = import_paths(seeded, [seeds_dir, copy])
    assert report.added == 0
    assert report.duplicates == 6
    assert [a["id"] for a in Library(seeded.path).articles] == ids
    lines = [f.status_line for f in report.files]
    assert all(line and "already in library" in line for line in lines)


def test_rejected_inputs_are_reported_and_the_rest_imported(
    tmp_path: Path, library: Library
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "empty.txt").write_text("   \n")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02PNG")
    (src / "picture.png").write_bytes(b"\x89PNG")
    (src / "ok.txt").write_text("Judul\n\nIsi berita yang baik.")
    bad = src / "mixed.jsonl"
    bad.write_text(
        '{"title": "Baik", "body": "Isi baik sekali."}\n{not json\n{"title": "Tanpa isi"}\n[1, 2]\n'
    )
    report = import_paths(library, [src, tmp_path / "missing"])
    assert report.added == 2
    lines = "\n".join(f.status_line or "" for f in report.files)
    assert "empty.txt: empty file" in lines
    assert "binary.txt: not a text file" in lines
    assert "picture.png: not a .txt, .md, .jsonl, .json, .html or .csv file" in lines
    assert "mixed.jsonl: line 2: not valid JSON" in lines
    assert "mixed.jsonl: line 3: no body text" in lines
    assert "mixed.jsonl: line 4: not a JSON object" in lines
    assert "missing: no such file or folder" in lines
    assert report.rejected == 5


def test_terminal_control_sequences_are_stripped_on_import(
    tmp_path: Path, library: Library
) -> None:
    f = tmp_path / "evil.txt"
    f.write_text("Judul \x1b[31mmerah\x1b[0m\x1b]0;pwned\x07\n\nIsi \x1b[2Jberita\x07 biasa.\x9b1m")
    import_paths(library, [f])
    aid = library.articles[0]["id"]
    text = library.body_input(aid)["text"]
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert "Judul merah" in text and "Isi berita biasa." in text


def test_ids_are_short_stable_and_unique(tmp_path: Path, seeds_dir: Path) -> None:
    a = Library(tmp_path / "one")
    b = Library(tmp_path / "two")
    import_paths(a, [seeds_dir])
    import_paths(b, sorted(seeds_dir.iterdir(), reverse=True))
    assert {x["id"] for x in a.articles} == {x["id"] for x in b.articles}
    assert all(len(x["id"]) == 8 for x in a.articles)
