"""A small annotated library for the exchange tests: hierarchical tags, two coders, passages,
notes, an orphan, and hostile text (markup, formulas, control characters, emoji, other
scripts) in titles, notes and tags."""

from __future__ import annotations

import json
from pathlib import Path

from warta.store.annotate import codebook, passages
from warta.store.annotate.anchor import describe
from warta.store.library.importer import import_paths
from warta.store.library.library import Library

HOSTILE = (
    "Catatan: =1+1\n- butir\n# bukan judul\n<script>alert(1)</script> \x1b[31mmerah\x1b[0m \x07"
    ' `kode` [tautan](http://x) *miring* 😀 العربية "kutip" &amp; |a|b|'
)
QUOTE = '"Informasi itu hoaks, jangan disebarkan,"'
A1 = {
    "title": 'Kapolres: "hoaks" [/] =1+1 😀 Полиция 警察',
    "body": "Polres OKU Selatan 😀𝕏 membantah kabar yang beredar di media sosial.\n\n"
    f"{QUOTE} kata Kapolres OKU Selatan AKBP Budi Santoso, Senin (3/6/2024).\n\n"
    "Ia meminta warga memeriksa sumber berita. Полиция проверяет. 警察が確認した。",
    "source": "Antara",
    "date": "2024-06-03",
    "url": "https://example.org/a1",
}
A2 = {
    "title": '=HYPERLINK("http://evil") banjir',
    "body": "Banjir merendam ratusan rumah di Desa Dayeuhkolot, Kabupaten Bandung.\n\n"
    '"Kami sudah mengevakuasi warga sejak pagi," ujar Kapolsek Iptu Ahmad kepada wartawan.',
    "source": "Kompas",
    "date": "2024-06-02",
    "url": "https://example.org/a2",
}
A3 = {
    "title": "Klarifikasi kabar penculikan anak",
    "body": "Polisi memastikan kabar penculikan anak di Bandung tidak benar sama sekali.\n\n"
    '"Itu hoaks, masyarakat jangan panik," tegas Kabid Humas Kombes Ibrahim di Bandung.',
    "source": "Detik",
    "date": "2024-06-01",
    "url": "https://example.org/a3",
}
A4 = {
    "title": "Berita lain tanpa anotasi",
    "body": "Tidak ada yang ditandai di sini, hanya kabar biasa tentang cuaca di Bandung.",
    "source": "Tempo",
    "date": "2024-05-01",
    "url": "https://example.org/a4",
}
RECORDS = [A1, A2, A3, A4]


def import_records(folder: Path, records: list[dict], coder: str) -> Library:
    folder.mkdir(parents=True, exist_ok=True)
    src = folder / "in.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    lib = Library(folder / "lib", coder=coder)
    assert import_paths(lib, [src]).added == len(records)
    return lib


def ids(lib: Library) -> dict[str, str]:
    """Article ids by URL."""
    return {a["url"]: a["id"] for a in lib.articles}


def highlight(
    lib: Library, aid: str, words: str, tags: list[str], *, note: str = "", speaker=None, nth=0
):
    raw = lib.body_input(aid)["text"]
    start = -1
    for _ in range(nth + 1):
        start = raw.index(words, start + 1)
    return passages.add(
        lib, aid, describe(raw, start, start + len(words)), tags, note=note, speaker=speaker
    )


def as_coder(lib: Library, coder: str):
    """Act as another coder in the same library (what --coder does)."""
    lib.user.coder = coder
    return lib


def build(folder: Path) -> Library:
    """The annotated library, current coder ``ana``."""
    lib = import_records(folder, RECORDS, "ana")
    a = ids(lib)
    a1, a2, a3 = a[A1["url"]], a[A2["url"]], a[A3["url"]]
    highlight(
        lib, a1, QUOTE, ["hoaks", "hoaks/klarifikasi"], note=HOSTILE, speaker="AKBP Budi Santoso"
    )
    lib.add_tags(a1, ["hoaks", "[/]", "=cmd", "Полиция"])
    lib.set_note(a1, HOSTILE)
    highlight(lib, a2, "Banjir merendam ratusan rumah", ["banjir"])
    highlight(lib, a2, "merendam", [])  # a passage without codes
    lib.set_starred(a2, True)
    # An orphan: its words are in no text (a re-cleaned copy lost them).
    orphan = passages.make(
        lib,
        a3,
        {"exact": "kalimat yang hilang", "prefix": "", "suffix": "", "start": -1, "end": -1},
        ["hoaks"],
    )
    passages.add_many(lib, [orphan], "orphan")
    codebook.describe(lib, "hoaks", "Kabar bohong | *ditandai* <b>x</b> =SUM(A1)")
    codebook.set_colour(lib, "hoaks", "#ff0000")
    as_coder(lib, "budi")
    highlight(lib, a1, "Informasi itu hoaks,", ["hoaks"])
    lib.add_tags(a1, ["hoaks"])
    highlight(lib, a3, '"Itu hoaks,', ["hoaks/klarifikasi"], note="cek ulang")
    as_coder(lib, "ana")
    return lib
