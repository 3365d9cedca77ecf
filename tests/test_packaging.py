"""The package a user installs holds every module, under the unambiguous name ``warta``."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]


def test_every_package_folder_is_listed_for_the_wheel() -> None:
    """A folder left out of ``packages`` is missing from ``pip install .`` and the wheel."""
    cfg = _config()
    listed = set(cfg["packages"])
    dirs = cfg["package-dir"]
    found = set()
    for name, folder in dirs.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / folder)
            found.add(".".join([name, *rel.parts]))
    assert found - listed == set(), "add these to [tool.setuptools] packages"
    assert listed - found == set(), "these listed packages have no folder"


def test_installed_names_are_namespaced_under_warta() -> None:
    cfg = _config()
    assert all(p.startswith("warta.") for p in cfg["packages"])
    import warta.store
    import warta.tui

    assert Path(warta.store.__file__).parent == ROOT / "store"
    assert Path(warta.tui.__file__).parent == ROOT / "tui"


def test_the_reader_starts_without_the_heavy_libraries() -> None:
    """The first frame needs none of the extractor, fuzzy matching, the full-text engine, HTML
    parsing or TOML writing: they load when first used, after the list has painted."""
    import subprocess
    import sys

    heavy = ("tantivy", "trafilatura", "lxml", "rapidfuzz", "tomlkit", "warta.store.extract")
    code = f"import sys, warta.tui.app; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
