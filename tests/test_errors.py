"""The error policy, through the real entry point: every expected failure is one line on
stderr with a non-zero status; a bug is one line naming its crash report (exit 70)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile import one_line, run_main, warta

from warta.store.library.library import Library, _shard_of


def test_a_mistyped_command_names_the_closest_one(tmp_path: Path) -> None:
    res = warta("--db", str(tmp_path / "lib"), "lsit")
    assert res.returncode == 2
    assert one_line(res.stderr) == "warta: no such command or file `lsit`; did you mean `list`?"
    assert res.stdout == b""
    assert not (tmp_path / "lib").exists()  # nothing was opened, let alone created


def test_a_missing_path_is_an_error_not_an_empty_reader(tmp_path: Path, seeds_dir: Path) -> None:
    db = str(tmp_path / "lib")
    code, out, err = run_main("--db", db, "missing/path")
    assert code == 2
    assert "no such command or file `missing/path`" in one_line(err)
    code, out, err = run_main("--db", db, "open", str(seeds_dir), "missing.txt")
    assert code == 2
    assert one_line(err) == "warta: no such file or folder `missing.txt`; check the path"
    # `warta import` reports it, imports the rest, and exits 1.
    code, out, err = run_main("--db", db, "import", str(seeds_dir), "missing.txt")
    assert code == 1
    assert "skipped  missing.txt: no such file or folder" in out
    assert "imported 5 articles" in out


def test_usage_errors_are_one_line(tmp_path: Path) -> None:
    code, _out, err = run_main("--db", str(tmp_path / "lib"), "note")
    assert code == 2
    assert one_line(err) == "warta note: missing argument 'ID'; see `warta note --help`"
    code, _out, err = run_main("--db", str(tmp_path / "lib"), "list", "--bogus")
    assert code == 2 and "no such option" in one_line(err)


def test_invalid_utf8_in_arguments_and_on_stdin(tmp_path: Path, seeded: Library) -> None:
    db = str(seeded.path)
    aid = seeded.articles[0]["id"]
    res = warta("--db", db, "tag", aid, b"ok", b"bad\xff")
    assert res.returncode == 2
    line = one_line(res.stderr)
    assert "`bad\\xff` is not valid UTF-8 text" in line and line.startswith("warta tag:")
    res = warta("--db", db, "note", aid, b"caf\xe9")
    assert res.returncode == 2 and "not valid UTF-8" in one_line(res.stderr)
    res = warta("--db", db, "note", aid, "-", stdin=b"Catatan caf\xe9 dari cp1252")
    assert res.returncode == 1
    assert "standard input is not valid UTF-8 (byte 0xe9" in one_line(res.stderr)
    res = warta("--db", db, "tags", "describe", "pemilu", b"caf\xe9")
    assert res.returncode == 2
    line = one_line(res.stderr)
    assert line.startswith("warta tags describe:") and "`caf\\xe9` is not valid UTF-8" in line
    assert Library(seeded.path).annotation(aid) == seeded.annotation(aid)  # nothing stored
    # A file name that is not UTF-8 is still a file name: it imports, shown escaped.
    name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(name, "wb") as fh:
        fh.write(b"Judul berkas latin\n\nIsi berita tentang kafe.")
    res = warta("--db", db, "import", name)
    assert res.returncode == 0, res.stderr
    assert b"imported 1 article" in res.stdout


def test_controls_in_tags_and_notes_from_the_command_line_are_not_stored(
    seeded: Library,
) -> None:
    aid = seeded.articles[0]["id"]
    code, _out, _err = run_main("--db", str(seeded.path), "tag", aid, "a\u200bb", "\x1b[31mc")
    assert code == 0
    code, _out, _err = run_main("--db", str(seeded.path), "note", aid, "n\x1b]0;pwned\x07\u202eb")
    assert code == 0
    ann = Library(seeded.path).annotation(aid)
    assert ann["tags"] == ["ab", "c"]
    assert ann["note"] == "nb"


def test_a_lock_held_by_another_warta(seeded: Library) -> None:
    lock = seeded.path / ".lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from filelock import FileLock; "
            "l = FileLock(sys.argv[1]); l.acquire(); print('held', flush=True); time.sleep(20)",
            str(lock),
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
        started = time.monotonic()
        res = warta(
            "--db",
            str(seeded.path),
            "tag",
            seeded.articles[0]["id"],
            "x",
            env={"WARTA_LOCK_TIMEOUT": "0.3"},
        )
        assert time.monotonic() - started < 2
    finally:
        holder.kill()
        holder.wait()
    assert res.returncode == 75
    line = one_line(res.stderr)
    assert "another Warta is writing to this library" in line and str(lock) in line
    assert "for over 0.3 s; try again" in line


def test_lock_file_that_is_a_folder(tmp_path: Path, seeds_dir: Path) -> None:
    (tmp_path / "lib" / ".lock").mkdir(parents=True)
    code, _out, err = run_main("--db", str(tmp_path / "lib"), "import", str(seeds_dir))
    assert code == 1
    assert one_line(err) == (
        f"warta: {tmp_path / 'lib' / '.lock'} is a folder where Warta needs a file; move it "
        "aside and try again"
    )


def _shard_path(lib: Library, aid: str) -> Path:
    return lib.path / "bodies" / f"{_shard_of(lib.article(aid)['hash'])}.json"


@pytest.mark.parametrize(
    ("target", "content", "expect"),
    [
        ("articles.json", b"", "is empty (0 bytes)"),
        ("articles.json", b"[]", "holds a JSON list, not Warta's tables"),
        ("articles.json", b'{"articles": []}', "table 'articles' that is not a JSON object"),
        ("articles.json", b'{"articles": {"x": {"id": 1}}}', "id, hash or title is missing"),
        (
            "articles.json",
            b'{"articles": {"x": {"id": "x", "hash": "h", "title": "t"}}}',
            "an article record without date, dateline, events...",
        ),
        ("articles.json", b'{"articles": {"x": {"id": ', "is not valid JSON"),
        ("meta.json", b'{"meta": {"library": {"schema": "dua"}}}', "without a valid 'schema'"),
        ("shard", b"", "is empty (0 bytes)"),
        ("shard", b'{"bodies": {"x": 5}}', "that is not a JSON object"),
        ("shard", b'{"bodies": {"x": {"title": "t"}}}', "without a valid 'text'"),
        ("user.json", b"[]", "holds a JSON list"),
        ("user.json", b'{"annotations": {"x": [1]}}', "that is not a JSON object"),
        ("user.json", b'{"annotations": {"tru', "is not valid JSON"),
    ],
)
def test_damaged_and_wrong_shape_files_are_one_line_and_left_alone(
    seeded: Library, target: str, content: bytes, expect: str
) -> None:
    aid = seeded.articles[0]["id"]
    path = _shard_path(seeded, aid) if target == "shard" else seeded.path / target
    path.write_bytes(content)
    command = ["show", aid] if target == "shard" else ["list"]
    code, _out, err = run_main("--db", str(seeded.path), *command)
    line = one_line(err)
    assert code == 1
    assert line.startswith(f"warta: {path} ") and expect in line, line
    assert "warta doctor" in line
    if target == "user.json":
        assert "warta restore --latest" in line
    if target != "shard":  # an edit needs the file too: refused, and the file left alone
        code, _out, err = run_main("--db", str(seeded.path), "tag", aid, "x")
        assert code == 1 and one_line(err)
    assert path.read_bytes() == content


def test_a_missing_body_shard(seeded: Library) -> None:
    aid = seeded.articles[0]["id"]
    _shard_path(seeded, aid).unlink()
    code, _out, err = run_main("--db", str(seeded.path), "show", aid)
    assert code == 1
    assert one_line(err) == f"warta: the text of article {aid} is missing from {seeded.path}"


def test_damaged_user_data_points_to_restore(seeded: Library) -> None:
    aid = seeded.articles[0]["id"]
    seeded.add_tags(aid, ["satu"])
    seeded.add_tags(aid, ["dua"])
    journal = seeded.path / "user.journal"
    lines = journal.read_bytes().splitlines(keepends=True)
    journal.write_bytes(b"W1 garbage\n" + b"".join(lines[1:]))
    code, _out, err = run_main("--db", str(seeded.path), "list")
    assert code == 1
    line = one_line(err)
    assert "user.journal is damaged at line 1" in line and "warta restore" in line
    (seeded.path / "user.json").write_bytes(b"")
    journal.unlink()
    code, _out, err = run_main("--db", str(seeded.path), "list")
    assert code == 1
    assert "user.json is empty (0 bytes)" in one_line(err)
    assert "run `warta restore --latest`" in one_line(err)


def test_a_bug_writes_a_crash_report_and_one_line(tmp_path: Path, seeded: Library) -> None:
    script = (
        "import sys\n"
        "import warta.tui.commands.reading as reading\n"
        "def broken(lib, i):\n"
        "    raise KeyError('a bug')\n"
        "reading._row = broken\n"
        "from warta.tui.cli import main\n"
        "sys.argv = ['warta', '--db', sys.argv[1], 'list']\n"
        "main()\n"
    )
    res = subprocess.run(
        [sys.executable, "-c", script, str(seeded.path)],
        capture_output=True,
        env={**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")},
    )
    assert res.returncode == 70
    line = one_line(res.stderr)
    assert line.startswith("warta: internal error (KeyError: 'a bug'); this is a bug in Warta.")
    reports = list((tmp_path / "state" / "warta" / "log").glob("crash-*.txt"))
    assert len(reports) == 1 and str(reports[0]) in line
    text = reports[0].read_text()
    assert "Traceback (most recent call last)" in text and "KeyError: 'a bug'" in text
    assert f"command: warta --db {seeded.path} list" in text


def test_a_bug_inside_the_reader_is_one_line_and_a_report(
    tmp_path: Path, seeded: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.app import App

    from warta.tui.app import WartaApp
    from warta.tui.widgets.reader import ArticleReader

    def boom(self: ArticleReader, *args: object, **kwargs: object) -> None:
        raise RuntimeError("reader bug")

    async def press_enter(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause(0.2)
        await pilot.press("enter")
        await pilot.pause(0.2)

    def run_headless(self: WartaApp) -> None:
        App.run(self, headless=True, size=(100, 30), auto_pilot=press_enter)

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(ArticleReader, "show", boom)
    monkeypatch.setattr(WartaApp, "run", run_headless)
    code, _out, err = run_main("--db", str(seeded.path), tty=True)
    assert code == 70
    line = one_line(err)
    assert "internal error (RuntimeError: reader bug)" in line
    report = next((tmp_path / "state" / "warta" / "log").glob("crash-*.txt"))
    assert "RuntimeError: reader bug" in report.read_text()


def test_list_and_show_never_print_control_characters(seeded: Library) -> None:
    # A library written by an older Warta (or by hand) may hold them.
    data = json.loads((seeded.path / "articles.json").read_bytes())
    rec = next(iter(data["articles"].values()))
    rec["title"] = "Judul \x1b]0;pwned\x07berbahaya\x9b2J"
    (seeded.path / "articles.json").write_text(json.dumps(data))
    (seeded.path / "head.json").unlink()
    code, out, _err = run_main("--db", str(seeded.path), "list")
    assert code == 0 and "Judul berbahaya" in out
    code, out, _err = run_main("--db", str(seeded.path), "show", rec["id"])
    assert code == 0 and out.startswith("Judul berbahaya")
    assert not any(c in out for c in "\x1b\x07\x9b")


def test_import_report_escapes_file_names(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    os.mkfifo(src / "\x1b]0;pwned\x07.txt")
    (src / "\x1b]2;judul\x07.txt").write_bytes(b"\x00\x01 binary")
    code, out, _err = run_main("--db", str(tmp_path / "lib"), "import", str(src))
    assert code == 1
    assert "\x1b" not in out and "\x07" not in out
    assert f"skipped  {src}/\\x1b]0;pwned\\x07.txt: a named pipe (FIFO)" in out
    assert f"rejected {src}/\\x1b]2;judul\\x07.txt: not a text file" in out
