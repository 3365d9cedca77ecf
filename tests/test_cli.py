"""The `warta` command line: every subcommand, its output and its exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner
from conftest import RECORDS, write_jsonl

from warta.tui.cli import cli


def run(db: Path, *args: str, input: str | None = None):
    return CliRunner().invoke(cli, ["--db", str(db), *args], input=input, catch_exceptions=False)


def test_import_then_list_show_tag_note_export(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "lib"
    res = run(db, "import", str(seeds_dir))
    assert res.exit_code == 0, res.output
    assert "imported 5 articles" in res.output

    again = run(db, "import", str(seeds_dir))
    assert again.exit_code == 0
    assert again.output.count(": already in library") == 5
    assert "imported 0 articles, 5 already in library" in again.output

    rows = [json.loads(line) for line in run(db, "list", "--json").output.splitlines()]
    assert len(rows) == 5
    dates = [r["date"] for r in rows if r["date"]]
    assert dates == sorted(dates, reverse=True)  # empty filter: newest first

    aid = rows[0]["id"]
    assert run(db, "tag", aid[:6], "pemilu", "hoaks").exit_code == 0
    assert run(db, "tag", aid, "hoaks", "--remove").exit_code == 0
    assert run(db, "note", aid, "Periksa sumber.").exit_code == 0
    assert run(db, "mark", aid, "--star").exit_code == 0

    shown = json.loads(run(db, "show", aid, "--json").output)
    assert shown["tags"] == ["pemilu"]
    assert shown["note"] == "Periksa sumber."
    assert shown["starred"] is True
    assert shown["extraction"]["body"]

    human = run(db, "show", aid).output
    assert "Periksa sumber." in human and "#pemilu" in human

    tagged = run(db, "list", "--filter", "tag:pemilu", "--json").output.splitlines()
    assert [json.loads(r)["id"] for r in tagged] == [aid]

    md = run(db, "export").output
    assert "Periksa sumber." in md and "`pemilu`" in md
    data = json.loads(run(db, "export", "--format", "json").output)
    assert [d["id"] for d in data["articles"]] == [aid]
    out = tmp_path / "x.csv"
    assert run(db, "export", "--format", "csv", "-o", str(out)).exit_code == 0
    rows_csv = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [(r["kind"], r["tag"]) for r in rows_csv] == [
        ("article", "pemilu"),
        ("article-note", ""),
    ]
    assert rows_csv[1]["note"] == "Periksa sumber."


def test_import_exit_status_is_1_when_something_was_rejected(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    write_jsonl(src / "a.jsonl", RECORDS)
    (src / "b.jsonl").write_text('{"title": "no body"}\n')
    res = run(tmp_path / "lib", "import", str(src))
    assert res.exit_code == 1
    assert "rejected" in res.output and "b.jsonl: line 1: no body text" in res.output
    assert "imported 2 articles, 1 rejected" in res.output


def test_list_limit_and_filter_order_match(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "lib"
    run(db, "import", str(seeds_dir))
    full = run(db, "list", "--filter", "polsek", "--json").output.splitlines()
    assert full
    limited = run(db, "list", "--filter", "polsek", "--json", "--limit", "2").output.splitlines()
    assert limited == full[:2]


def test_unknown_id_is_an_error(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "lib"
    run(db, "import", str(seeds_dir))
    for args in (["show", "nope1234"], ["tag", "nope1234", "x"], ["note", "nope1234", "x"]):
        res = CliRunner().invoke(cli, ["--db", str(db), *args])
        assert res.exit_code == 1
        assert "no article with id" in res.output


def test_extract_json_lines_never_touch_the_library(tmp_path: Path, seeds_dir: Path) -> None:
    files = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    res = CliRunner().invoke(cli, ["--db", str(tmp_path / "lib"), "extract", *files, "--json"])
    assert res.exit_code == 0
    objs = [json.loads(line) for line in res.output.splitlines()]
    assert [o["source"] for o in objs] == files
    for o in objs:
        for key in (
            "title",
            "outlet",
            "dateline",
            "date",
            "people",
            "organizations",
            "places",
            "keywords",
            "quotes",
            "body",
        ):
            assert key in o
        for q in o["quotes"]:
            assert o["body"][q["start"] : q["end"]] == q["text"]
    assert not (tmp_path / "lib" / "articles.json").exists()


def test_every_command_has_help() -> None:
    commands = (
        "open",
        "import",
        "list",
        "show",
        "extract",
        "tag",
        "note",
        "mark",
        "export",
        "reindex",
    )
    for name in commands:
        res = CliRunner().invoke(cli, [name, "--help"])
        assert res.exit_code == 0 and "Usage:" in res.output


def test_the_command_table_names_every_command_and_its_module() -> None:
    import importlib
    import pkgutil

    import warta.tui.commands as commands
    from warta.tui.commands.base import COMMAND_MODULES

    defined: dict[str, str] = {}
    for mod in pkgutil.iter_modules(commands.__path__):
        before = set(cli.commands)
        importlib.import_module(f"warta.tui.commands.{mod.name}")
        defined.update(dict.fromkeys(set(cli.commands) - before, mod.name))
    defined.pop("open", None)  # defined in warta.tui.cli itself
    assert {k: v for k, v in COMMAND_MODULES.items() if k in defined} == defined
    assert set(COMMAND_MODULES) <= set(cli.commands)


def test_listing_does_not_import_the_other_commands(tmp_path: Path, seeds_dir: Path) -> None:
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from warta.tui.cli import main\n"
        "sys.argv = ['warta', '--db', sys.argv[1], 'list', '--limit', '1']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "from warta.tui.commands.base import COMMAND_MODULES as C\n"
        "print(sorted(v for v in set(C.values()) if 'warta.tui.commands.' + v in sys.modules))\n"
        "print('textual' in sys.modules, 'warta.store.extract' in sys.modules)\n"
    )
    CliRunner().invoke(cli, ["--db", str(tmp_path / "lib"), "import", str(seeds_dir)])
    out = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "lib")], capture_output=True, text=True
    ).stdout.splitlines()
    assert out[-2] == "['reading']"
    assert out[-1] == "False False"
