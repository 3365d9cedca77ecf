"""Learned furniture in a library: lines an outlet repeats are dropped from its articles, the
counts grow with each import, and the counts are a cache doctor rebuilds."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from warta.store.library.importer import import_paths
from warta.store.library.library import Library
from warta.tui.cli import cli

MENU = "PORTAL WARGA | BERANDA | DAERAH | POLITIK"
FOLLOW = "Ikuti kami di saluran Portal Warga Plus"


def _site(tmp_path: Path, n: int, start: int = 0, name: str = "a.jsonl") -> Path:
    lines = []
    for i in range(start, start + n):
        body = (
            f"{MENU}\nKOTA, Portalwarga - Polisi menggelar patroli ke-{i} di desa binaan "
            f"nomor {i} menjelang pemilu.\n"
            f'"Warga diminta tenang dan tidak terprovokasi," kata Kapolsek Budi {i}.\n{FOLLOW}\n'
        )
        lines.append(
            json.dumps({"title": f"Patroli ke-{i}", "body": body, "source": "Portal Warga"})
        )
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n")
    return path


def test_lines_an_outlet_repeats_are_learned_and_dropped(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib")
    import_paths(lib, [_site(tmp_path, 3)])
    few = lib.extraction(lib.articles[0]["id"])["body"]
    assert FOLLOW in few  # three articles: not enough to call a line the site's
    import_paths(lib, [_site(tmp_path, 9, start=3, name="b.jsonl")])
    body = Library(lib.path).extraction(lib.articles[0]["id"])["body"]
    assert FOLLOW not in body and "BERANDA" not in body
    assert "menggelar patroli ke-0" in body  # the lead shares its words, but is a sentence
    assert "tidak terprovokasi" in body  # a quote is never furniture


def test_reindex_uses_the_learned_lines_and_doctor_counts_them_again(tmp_path: Path) -> None:
    db = tmp_path / "lib"
    lib = Library(db)
    import_paths(lib, [_site(tmp_path, 12)])
    (db / "furniture.json").unlink()
    assert FOLLOW in Library(db).extraction(lib.articles[0]["id"])["body"]
    res = CliRunner().invoke(cli, ["--db", str(db), "doctor"])
    assert "counted the lines each outlet repeats again (12 articles)" in res.output
    assert FOLLOW not in Library(db).extraction(lib.articles[0]["id"])["body"]
