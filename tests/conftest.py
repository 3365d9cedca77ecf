"""Shared fixtures: temporary libraries, the bundled seeds, small JSON Lines inputs."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from warta.store.library.importer import import_paths
from warta.store.library.library import Library

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def _no_user_library(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never touch the developer's real library or settings: point both at temp folders."""
    monkeypatch.setenv("WARTA_DB", str(tmp_path_factory.mktemp("default-lib")))
    monkeypatch.setenv("WARTA_CONFIG", str(tmp_path_factory.mktemp("config") / "config.toml"))
    monkeypatch.delenv("WARTA_CODER", raising=False)


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library(tmp_path / "lib")


@pytest.fixture
def seeded(tmp_path: Path) -> Library:
    lib = Library(tmp_path / "lib")
    report = import_paths(lib, [SEEDS])
    assert report.added == 5
    return lib


def write_jsonl(path: Path, records: list[dict], *, compress: bool = False) -> Path:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    if compress:
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    return path


RECORDS = [
    {
        "title": "Polres Anambas tangkap pemasok sabu",
        "body": "Satresnarkoba Polres Anambas mengamankan dua orang.\n\n"
        '"Keduanya diduga sebagai pemasok sabu," kata Ipda Zulmi, Selasa (10/9/2019).',
        "source": "Kompas.com",
        "date": "2019-09-10T10:00",
        "url": "https://example.org/a",
    },
    {
        "title": "Banjir rendam desa di Kabupaten Bandung",
        "body": "Banjir merendam ratusan rumah di Desa Dayeuhkolot, Kabupaten Bandung.",
        "source": "Okezone",
        "date": "2019-10-01T08:00",
        "url": "https://example.org/b",
    },
]
