"""A small annotated library for the codebook and review tests: the seeds with a few passages
and notes made through the store, by fixed coders at a fixed time with predictable ids, so
snapshots come out the same on every run."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

from warta.store.annotate import codebook, coding, notes, passages
from warta.store.library import userstore
from warta.store.library.importer import import_paths
from warta.store.library.library import Library
from warta.store.model import Selector

STAMP = "2024-09-01T08:00:00+00:00"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"

ORPHAN_TEXT = "Kalimat ini pernah ada di versi lama berita dan sudah dihapus redaksi"


def freeze(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fixed time and sequential ids for everything the store stamps."""
    for module in (userstore, passages, notes, codebook):
        monkeypatch.setattr(module, "now", lambda: STAMP)
    counter = itertools.count(1)
    monkeypatch.setattr(passages, "new_id", lambda prefix="p": f"{prefix}{next(counter):04d}")


def by_title(lib: Library, start: str) -> str:
    return next(a["id"] for a in lib.articles if a["title"].startswith(start))


def make(path: Path, monkeypatch: pytest.MonkeyPatch) -> Library:
    """The seeds, with:

    - "Warga OKU": quote 1 coded #hoaks with a note (the speaker is the Kapolres);
    - "Jelang Pemilu": every "hoaks" auto-coded #hoaks/klarifikasi (3 passages), and an
      article note;
    - "Guna menjaga": quote 1 coded #kamtibmas by another coder (budi);
    - "Polsek Sepaku": tagged #patroli, and a #hoaks passage whose words are not in the text
      (an orphan);
    - #hoaks described.
    """
    freeze(monkeypatch)
    lib = Library(path, coder="ana")
    import_paths(lib, [SEEDS])
    oku = by_title(lib, "Warga OKU")
    pemilu = by_title(lib, "Jelang Pemilu")
    guna = by_title(lib, "Guna menjaga")
    sepaku = by_title(lib, "Polsek Sepaku")
    coding.quote_passage(lib, oku, 1, ["hoaks"], "Kapolres bicara soal hoaks")
    coding.autocode(lib, [pemilu], "hoaks", ["hoaks/klarifikasi"])
    lib.set_note(pemilu, "Cek lagi tanggal kegiatan.")
    lib.add_tags(sepaku, ["patroli"])
    gone = Selector(exact=ORPHAN_TEXT, prefix="", suffix="", start=-1, end=-1)
    passages.add(lib, sepaku, gone, ["hoaks"])
    codebook.describe(lib, "hoaks", "Berita bohong dan klarifikasinya")
    coding.quote_passage(Library(path, coder="budi"), guna, 1, ["kamtibmas"])
    return Library(path, coder="ana")


@pytest.fixture(scope="session")
def annotated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The annotated library, made once per test session (copy it before changing it)."""
    path = tmp_path_factory.mktemp("annotated") / "lib"
    with pytest.MonkeyPatch.context() as mp:
        make(path, mp)
    return path


@pytest.fixture
def annotated(annotated_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Library:
    """A fresh copy of the annotated library; the store's clock and ids stay frozen."""
    path = tmp_path / "lib"
    shutil.copytree(annotated_template, path)
    (path / ".lock").unlink(missing_ok=True)
    freeze(monkeypatch)
    return Library(path, coder="ana")
