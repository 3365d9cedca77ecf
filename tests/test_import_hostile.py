"""Import on hostile folders and files: only regular files are opened, reads are bounded,
encodings are detected and said, invisible characters removed, temp files cleaned."""

from __future__ import annotations

import gzip
import os
import socket
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from conftest import RECORDS, write_jsonl
from hostile import run_main

from warta.store.library import readers
from warta.store.library.importer import import_paths
from warta.store.library.library import Library
from warta.store.text import clean_field, strip_controls, visible

ARTICLE = "Judul berita desa\n\nWarga desa memperbaiki jalan bersama-sama pada hari Minggu."


def _lines(report) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(f.status_line or "" for f in report.files)


def test_pipes_devices_sockets_and_bad_links_are_skipped_unopened(
    tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "ok.txt").write_text(ARTICLE)
    os.mkfifo(src / "pipe.txt")  # reading it would block forever
    os.symlink("/dev/zero", src / "zero.txt")  # reading it would never end
    os.symlink(src / "loop.jsonl", src / "loop.jsonl")
    os.symlink(src / "nowhere.jsonl", src / "broken.jsonl")
    os.symlink(src, src / "sub" / "up")  # a link back up: followed, the walk would loop
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(src / "sock.txt"))
    opened: list[str] = []
    real_open = os.open

    def spy(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(os.fspath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    try:
        report = import_paths(library, [src])
    finally:
        sock.close()
    lines = _lines(report)
    assert report.added == 1 and report.skipped == 6
    assert f"skipped  {src}/pipe.txt: a named pipe (FIFO), not an article; not opened" in lines
    assert f"{src}/zero.txt: a symbolic link to a device (/dev/zero)" in lines
    assert f"{src}/loop.jsonl: a symbolic link that loops; not followed" in lines
    assert f"{src}/broken.jsonl: a broken symbolic link (to {src}/nowhere.jsonl)" in lines
    assert f"{src}/sock.txt: a socket, not an article" in lines
    assert f"{src}/sub/up: a link to a folder inside a folder; not followed" in lines
    inputs = [p for p in opened if p.startswith(str(src))]
    assert inputs == [str(src / "ok.txt")]  # nothing else under the folder was opened


def test_named_paths_that_cannot_be_imported_fail_the_command_but_not_the_rest(
    tmp_path: Path,
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    bad_gz = tmp_path / "bad.jsonl.gz"
    bad_gz.write_bytes(gzip.compress(b'{"title": "a", "body": "b"}\n' * 50)[:40] + b"\xff" * 40)
    code, out, err = run_main(
        "--db", str(tmp_path / "lib"), "import", str(pipe), str(bad_gz), str(good)
    )
    assert code == 1 and err == ""
    assert f"skipped  {pipe}: a named pipe (FIFO)" in out
    assert f"rejected {bad_gz}: line 1: unreadable" in out
    assert "imported 1 article" in out


def test_an_article_over_the_size_cap_is_rejected_without_being_read(
    tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "MAX_ARTICLE_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text("Judul\n\n" + "kata " * 400)
    records = [
        {"title": "kecil", "body": "Isi berita kecil."},
        {"title": "besar", "body": "kata " * 400},
        {"title": "kecil lagi", "body": "Isi berita kecil lagi."},
    ]
    jsonl = write_jsonl(tmp_path / "mixed.jsonl", records)
    reads: list[int] = []
    real_read = readers.open_regular

    def spy(path: Path):  # type: ignore[no-untyped-def]
        fh, size = real_read(path)
        read = fh.read

        def bounded(n: int = -1) -> bytes:
            reads.append(n)
            return read(n)

        fh.read = bounded  # type: ignore[method-assign]
        return fh, size

    monkeypatch.setattr(readers, "open_regular", spy)
    report = import_paths(library, [big, jsonl])
    lines = _lines(report)
    assert f"rejected {big}: larger than 1000 bytes, the most Warta reads per article" in lines
    assert f"rejected {jsonl}: line 2: larger than" in lines
    assert report.added == 2
    assert -1 not in reads  # never "read everything"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Judul café “kutip”\n\nIsi berita.".encode("cp1252"), "cp1252"),
        ("Judul café ÿ\n\nIsi berita Ü.".encode("latin-1"), "latin-1"),
        ("Judul café “kutip”\n\nIsi berita.".encode("utf-16"), "UTF-16"),
        ("Judul café “kutip”\n\nIsi berita.".encode("utf-16-be"), None),  # no BOM: binary
        (b"\xef\xbb\xbf" + "Judul café “kutip”\n\nIsi berita.".encode(), "utf-8"),
    ],
    ids=["cp1252", "latin-1", "utf-16-le-bom", "utf-16-no-bom", "utf-8-bom"],
)
def test_text_files_in_other_encodings_are_read_and_said(
    tmp_path: Path, library: Library, data: bytes, encoding: str | None
) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(data)
    report = import_paths(library, [f])
    lines = _lines(report)
    if encoding is None:
        assert "not a text file" in lines
        return
    assert report.added == 1
    title = library.articles[0]["title"]
    assert title.startswith("Judul café") and "\ufeff" not in title
    if encoding == "utf-8":
        assert lines == ""  # nothing to say about UTF-8, with or without its BOM
    else:
        assert lines == f"note     {f}: decoded as {encoding}"


def test_json_lines_in_utf16_and_cp1252_are_read_and_said(tmp_path: Path, library: Library) -> None:
    wide = tmp_path / "wide.jsonl"
    record = '{"title": "Judul ü", "body": "Isi berita enam belas."}\n'
    wide.write_bytes(b"\xfe\xff" + record.encode("utf-16-be"))
    legacy = tmp_path / "legacy.jsonl.gz"
    lines = [
        b'{"title": "Kafe ASCII", "body": "Isi berita biasa."}\n',
        '{"title": "Café “baru”", "body": "Isi berita cp1252."}\n'.encode("cp1252"),
    ]
    legacy.write_bytes(gzip.compress(b"".join(lines)))
    bom = tmp_path / "bom.jsonl"
    bom.write_bytes(b"\xef\xbb\xbf" + b'{"title": "Dengan BOM", "body": "Isi berita BOM."}\n')
    report = import_paths(library, [wide, legacy, bom])
    assert report.rejected == 0 and report.added == 4
    assert {a["title"] for a in library.articles} == {
        "Judul ü",
        "Kafe ASCII",
        "Café “baru”",
        "Dengan BOM",
    }
    text = _lines(report)
    assert f"note     {wide}: decoded as UTF-16" in text
    assert f"note     {legacy}: decoded as cp1252 (1 of 2 lines were not UTF-8)" in text


def test_invisible_format_characters_are_removed_on_import(
    tmp_path: Path, library: Library
) -> None:
    records = [
        {
            "title": "Bu\u200bdi\u00ad San\u202etoso\ufeff",
            "body": "Isi\u2060 berita\u200d dengan\u2066 karakter tak\u180e terlihat.",
            "source": "Ant\u200cara",
        }
    ]
    import_paths(library, [write_jsonl(tmp_path / "a.jsonl", records)])
    rec = library.articles[0]
    assert rec["title"] == "Budi Santoso"
    assert rec["source"] == "Antara"
    assert library.body_input(rec["id"])["text"] == "Isi berita dengan karakter tak terlihat."


def test_every_invisible_format_character_of_this_python_is_removed() -> None:
    cf = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    assert strip_controls("a" + "".join(cf) + "b") == "ab"
    assert clean_field("\u2028x\u2029y") == "x y"
    assert all(c not in visible("".join(cf)) for c in cf)


def test_visible_escapes_what_a_terminal_would_act_on() -> None:
    assert visible("\x1b]0;pwned\x07.txt") == "\\x1b]0;pwned\\x07.txt"
    assert visible("a\nb\tc\u200bd\x9be") == "a\\nb\\tc\\u200bd\\x9be"
    assert visible(os.fsdecode(b"caf\xe9.txt")) == "caf\\xe9.txt"
    assert visible("Café “kutip” — ü") == "Café “kutip” — ü"


def test_temp_files_left_by_a_killed_writer_are_cleaned_on_the_first_write(
    seeded: Library,
) -> None:
    old = seeded.path / ".articles.json.x1y2z3.tmp"
    old_shard = seeded.path / "bodies" / ".07.json.abcdef.tmp"
    fresh = seeded.path / ".user.json.fresh1.tmp"  # could belong to a write under way
    for p in (old, old_shard, fresh):
        p.write_bytes(b"partial")
    past = time.time() - 120
    os.utime(old, (past, past))
    os.utime(old_shard, (past, past))
    lib = Library(seeded.path)
    lib.annotations()  # reading alone never deletes anything
    assert old.exists()
    lib.add_tags(lib.articles[0]["id"], ["x"])
    assert not old.exists() and not old_shard.exists()
    assert fresh.exists()


def test_records_keep_their_origin_escaped(tmp_path: Path, library: Library) -> None:
    name = tmp_path / "\x1b]0;pwned\x07.jsonl"
    write_jsonl(name, RECORDS[:1])
    import_paths(library, [name])
    assert library.articles[0]["origin"] == f"{tmp_path}/\\x1b]0;pwned\\x07.jsonl:1"
