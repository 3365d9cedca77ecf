"""Getting the user's work back: doctor, backup, restore, undo and redo from the command line,
and an import interrupted at any point."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import RECORDS, write_jsonl

from warta.store.library.library import Library
from warta.tui.cli import cli


def run(db: Path, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


def _first_id(db: Path) -> str:
    return json.loads(run(db, "list", "--json").output.splitlines()[0])["id"]


def test_undo_redo_and_history_from_the_command_line(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "lib"
    run(db, "import", str(seeds_dir))
    aid = _first_id(db)
    run(db, "tag", aid, "hoaks")
    run(db, "note", aid, "cek")
    assert "undid: note" in run(db, "undo").output
    assert Library(db).annotation(aid)["note"] == ""
    assert "redid: note" in run(db, "redo").output
    assert Library(db).annotation(aid)["note"] == "cek"
    hist = run(db, "history").output.splitlines()
    assert hist[0].endswith("note") and hist[1].endswith("tag #hoaks")
    assert "nothing to redo" in run(db, "redo").output


def test_restore_brings_back_an_emptied_user_file(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "lib"
    run(db, "import", str(seeds_dir))
    aid = _first_id(db)
    run(db, "tag", aid, "hoaks")
    run(db, "note", aid, "cek")
    Library(db).user.compact()
    (db / "user.json").write_bytes(b"")
    doctor = run(db, "doctor")
    assert doctor.exit_code == 1
    assert "empty" in doctor.output and "warta restore --latest" in doctor.output
    res = run(db, "restore", "--latest", "--yes")
    assert res.exit_code == 0, res.output
    assert "1 tagged article" in res.output
    ann = Library(db).annotation(aid)
    assert ann["tags"] == ["hoaks"] and ann["note"] == "cek"
    assert any(p.name.startswith("replaced-") for p in (db / "backups").iterdir())
    assert run(db, "doctor").exit_code == 0


def test_backup_and_restore_by_name(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "lib"
    run(db, "import", str(seeds_dir))
    aid = _first_id(db)
    run(db, "tag", aid, "one")
    out = run(db, "backup").output
    name = Path(out.split(" to ")[-1].strip()).name
    assert name in run(db, "backup", "--list").output
    run(db, "tag", aid, "two")
    assert run(db, "restore", name, "--yes").exit_code == 0
    assert Library(db).annotation(aid)["tags"] == ["one"]
    assert run(db, "restore").exit_code == 2  # no choice given: lists backups, says what to give


def test_doctor_repairs_what_an_interrupted_import_left(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "lib"
    seeds = sorted(seeds_dir.iterdir())
    run(db, "import", str(seeds[0]))
    aid = _first_id(db)
    run(db, "tag", aid, "kept")
    saved = (db / "articles.json").read_bytes()
    run(db, "import", str(seeds_dir))
    (db / "articles.json").write_bytes(saved)  # texts written, records lost: a kill mid-import
    (db / "bodies" / ".00.json.123.tmp").write_bytes(b"{")
    old = time.time() - 3600
    os.utime(db / "bodies" / ".00.json.123.tmp", (old, old))
    res = run(db, "doctor")
    assert res.exit_code == 0, res.output
    assert "removed 4 article text(s)" in res.output
    assert "removed 1 temp file(s)" in res.output
    assert "rewrote the first-screen file" in res.output
    assert run(db, "doctor").output.count("fixed") == 0
    assert "imported 4 articles" in run(db, "import", str(seeds_dir)).output
    assert Library(db).annotation(aid)["tags"] == ["kept"]


def test_doctor_sets_aside_an_unreadable_text_file_and_keeps_the_marks(
    tmp_path: Path, seeds_dir: Path
) -> None:
    db = tmp_path / "lib"
    run(db, "import", str(seeds_dir))
    lib = Library(db)
    rec = lib.articles[0]
    lib.add_tags(rec["id"], ["kept"])
    from warta.store.library.library import _shard_of

    shard = db / "bodies" / f"{_shard_of(rec['hash'])}.json"
    shard.write_bytes(shard.read_bytes()[:20])  # truncated by a failing disk
    res = run(db, "doctor")
    assert "moved aside" in res.output and "dropped 1 article record" in res.output
    assert len(Library(db).articles) == 4
    run(db, "import", str(seeds_dir))  # importing again brings the article and its marks back
    again = Library(db)
    assert len(again.articles) == 5
    assert again.annotation(rec["id"])["tags"] == ["kept"]


_IMPORT = """
import sys
from warta.store.library.library import Library
from warta.store.library.importer import import_paths
import_paths(Library(sys.argv[1]), [sys.argv[2]])
"""


@pytest.mark.parametrize("delay", [0.05, 0.15, 0.3, 0.5, 0.8])
def test_an_import_killed_at_any_point_completes_on_the_next_run(
    tmp_path: Path, delay: float
) -> None:
    """kill -9 an import of 3,000 articles at several points, then import the same file."""
    records = [
        {**RECORDS[i % 2], "title": f"{RECORDS[i % 2]['title']} {i}", "url": f"u{i}"}
        for i in range(3000)
    ]
    src = write_jsonl(tmp_path / "many.jsonl", records)
    db = tmp_path / "lib"
    Library(db)  # create the library before timing the kill
    proc = subprocess.Popen([sys.executable, "-c", _IMPORT, str(db), str(src)])
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    res = run(db, "import", str(src))
    assert res.exit_code == 0, res.output
    lib = Library(db)
    assert len(lib.articles) == 3000
    assert len({a["hash"] for a in lib.articles}) == 3000
    assert run(db, "import", str(src)).output.endswith("3000 already in library\n")
    assert run(db, "doctor", "--check").exit_code == 0


def test_kill_9_during_edits_loses_no_acknowledged_edit(tmp_path: Path) -> None:
    """A short run of benchmarks/kill_battery.py (the full one does 300 kills)."""
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "kill_battery.py"
    spec = importlib.util.spec_from_file_location("kill_battery", path)
    battery = importlib.util.module_from_spec(spec)
    sys.modules["kill_battery"] = battery  # dataclasses look their module up there
    spec.loader.exec_module(battery)
    report = battery.run(6, tmp_path / "kill", quiet=True)
    assert report.kills == 6 and report.acknowledged > 20
    assert report.lost == [] and report.damaged == []


def test_running_an_import_again_extracts_only_what_it_had_not_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # After an interruption the user runs the same import again: the articles already stored
    # are recognised before extraction, so the re-run costs what is left, not the whole input.
    from warta.store.library import importer

    src = write_jsonl(tmp_path / "in.jsonl", RECORDS)
    db = tmp_path / "lib"
    first = Library(db)
    importer.import_paths(first, [write_jsonl(tmp_path / "part.jsonl", RECORDS[:2])])
    extracted: list[str] = []
    prepare = importer._prepare

    def counting(rec, imported):  # type: ignore[no-untyped-def]
        extracted.append(rec.text)
        return prepare(rec, imported)

    monkeypatch.setattr(importer, "_prepare", counting)
    report = importer.import_paths(Library(db), [src])
    assert report.added == len(RECORDS) - 2 and report.duplicates == 2
    assert sorted(extracted) == sorted(r["body"] for r in RECORDS[2:])
    assert len(Library(db)) == len(RECORDS)
