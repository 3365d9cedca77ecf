"""Merging a colleague's export."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from annotated import A1, A2, A3, QUOTE, highlight, ids, import_records
from click.testing import CliRunner

from warta.store.annotate import export, history, merge
from warta.store.annotate.bundle import BundleError
from warta.store.library.library import Library
from warta.tui.cli import cli

EVACUATED = '"Kami sudah mengevakuasi warga sejak pagi,"'
A2_EDITED = {
    **A2,
    # A newer copy of the same page: a line added on top (every position moves) and the quote
    # reworded, so one of the colleague's passages can no longer be found.
    "body": "Pembaruan: berita ini diperbarui pukul 10.00 WIB.\n\n"
    "Banjir merendam ratusan rumah di Desa Dayeuhkolot, Kabupaten Bandung.\n\n"
    '"Warga telah dipindahkan ke tempat yang aman," ujar Kapolsek Iptu Ahmad kepada wartawan.',
}
A5 = {
    "title": "Hanya ada di perpustakaan Budi",
    "body": "Artikel ini hanya diimpor oleh Budi, tidak oleh Ana, sehingga tidak bisa dicocokkan.",
    "source": "Tribun",
    "date": "2024-06-04",
    "url": "https://example.org/a5",
}


def _tables(lib: Library) -> dict:
    return copy.deepcopy(
        {n: dict(lib.user.table(n)) for n in ("annotations", "passages", "notes", "codebook")}
    )


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Library, Library]:
    """Ana's and Budi's libraries, each with their own coding of overlapping articles."""
    ana = import_records(tmp_path / "ana", [A1, A2_EDITED, A3], "ana")
    a = ids(ana)
    highlight(ana, a[A1["url"]], QUOTE, ["hoaks"])
    ana.add_tags(a[A1["url"]], ["hoaks"])
    ana.set_note(a[A1["url"]], "Catatan Ana.")
    budi = import_records(tmp_path / "budi", [A1, A2, A3, A5], "budi")
    b = ids(budi)
    highlight(budi, b[A1["url"]], QUOTE, ["hoaks/klarifikasi"], note="sama dengan Ana?")
    budi.add_tags(b[A1["url"]], ["hoaks", "sumber"])
    budi.set_note(b[A1["url"]], "Catatan Budi.")
    highlight(budi, b[A2["url"]], "Banjir merendam ratusan rumah", ["banjir"])
    highlight(budi, b[A2["url"]], EVACUATED, ["kutipan"], speaker="Iptu Ahmad")
    highlight(budi, b[A3["url"]], '"Itu hoaks,', ["hoaks"])
    highlight(budi, b[A5["url"]], "hanya diimpor", ["lain"])
    return ana, budi


def _export(lib: Library, fmt: str, folder: Path) -> Path:
    path = folder / f"budi.{fmt}"
    path.write_bytes(export.render(lib, fmt))
    return path


def test_merging_a_colleagues_w3c_file(pair: tuple[Library, Library], tmp_path: Path) -> None:
    ana, budi = pair
    path = _export(budi, "w3c", tmp_path)
    a = ids(ana)
    a1, a2 = a[A1["url"]], a[A2["url"]]
    mine = ana.user.of_article("passages", a1)[0]
    report = merge.merge_file(ana, path)

    assert report.matched == 3
    assert [ref.url for ref in report.unmatched] == [A5["url"]]
    assert report.passages == 4 and report.notes == 1 and report.tags == 2
    assert report.orphaned == [EVACUATED]
    # The same passage highlighted by both: two passages, each with its coder and tags.
    on_a1 = {p["coder"]: p for p in ana.user.of_article("passages", a1)}
    assert on_a1["ana"] == mine, "Ana's own passage is untouched"
    assert on_a1["budi"]["tags"] == ["hoaks/klarifikasi"]
    assert on_a1["budi"]["selector"] == mine["selector"]
    assert on_a1["budi"]["note"] == "sama dengan Ana?"
    # Article tags: Budi joins the coders of a tag both applied; his other tag is added.
    ann = ana.annotation(a1)
    assert ann["tags"] == ["hoaks", "sumber"]
    assert ann["coders"] == {"hoaks": ["ana", "budi"], "sumber": ["budi"]}
    # Ana's note stays hers; Budi's becomes an extra note.
    assert ann["note"] == "Catatan Ana." and ann["note_coder"] == "ana"
    (extra,) = ana.user.of_article("notes", a1)
    assert (extra["text"], extra["coder"], extra["origin"]) == ("Catatan Budi.", "budi", "merge")
    # The changed copy of A2: one passage re-anchored where its words now are, one orphaned.
    raw = ana.body_input(a2)["text"]
    by_tag = {p["tags"][0]: p for p in ana.user.of_article("passages", a2)}
    moved = by_tag["banjir"]["selector"]
    assert raw[moved["start"] : moved["end"]] == "Banjir merendam ratusan rumah"
    theirs = next(p for p in budi.user.table("passages").values() if p["tags"] == ["banjir"])
    assert moved["start"] != theirs["selector"]["start"]
    orphan = by_tag["kutipan"]
    assert orphan["selector"]["exact"] == EVACUATED and orphan["selector"]["start"] == -1
    assert orphan["speaker"] == "Iptu Ahmad" and orphan["coder"] == "budi"
    # An article only Budi coded.
    (only,) = ana.user.of_article("passages", a[A3["url"]])
    assert only["coder"] == "budi" and only["tags"] == ["hoaks"]
    assert "1 passage not found in this library's text, kept as an orphan:" in report.lines()


def test_importing_twice_adds_nothing_and_undo_takes_the_merge_back_whole(
    pair: tuple[Library, Library], tmp_path: Path
) -> None:
    ana, budi = pair
    before = _tables(ana)
    steps = len(ana.user.history())
    path = _export(budi, "w3c", tmp_path)
    first = merge.merge_file(ana, path)
    after = _tables(ana)
    assert first.changed and after != before
    assert len(ana.user.history()) == steps + 1, "the merge is one change"
    assert ana.user.history()[-1]["label"] == "merge budi.w3c"
    again = merge.merge_file(ana, path)
    assert not again.changed and again.duplicates == first.passages + first.tags + first.notes
    assert _tables(ana) == after
    lossless = merge.merge_file(ana, _export(budi, "json", tmp_path))
    assert not lossless.changed, "the same work in the lossless format is recognised too"
    outcome = history.undo(ana)
    assert outcome.done and outcome.label == "merge budi.w3c" and not outcome.conflicts
    assert _tables(ana) == before
    assert history.redo(ana).done and _tables(ana) == after


def test_the_lossless_and_w3c_files_merge_the_same(
    pair: tuple[Library, Library], tmp_path: Path
) -> None:
    _ana, budi = pair
    results = []
    for fmt in ("w3c", "json", "jsonl"):
        lib = import_records(tmp_path / f"copy-{fmt}", [A1, A2_EDITED, A3], "ana")
        merge.merge_file(lib, _export(budi, fmt, tmp_path))
        state = _tables(lib)
        for ann in state["annotations"].values():
            ann.pop("updated")
            ann.pop("read")
            ann.pop("starred")
        for n in state["notes"].values():
            n.pop("id")
        state["notes"] = sorted(state["notes"].values(), key=lambda n: n["text"])
        results.append(state)
    assert results[0] == results[1] == results[2]


def test_the_merge_command_reports_and_rejects_other_files(
    pair: tuple[Library, Library], tmp_path: Path
) -> None:
    ana, budi = pair
    path = _export(budi, "w3c", tmp_path)
    res = CliRunner().invoke(cli, ["--db", str(ana.path), "annotations", "import", str(path)])
    assert res.exit_code == 0, res.output
    assert "merged 4 passages, 2 tags, 1 note" in res.output
    assert "unmatched: Hanya ada di perpustakaan Budi (https://example.org/a5)" in res.output
    assert "orphan: " + EVACUATED in res.output
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"hello": "world"}))
    res = CliRunner().invoke(cli, ["--db", str(ana.path), "annotations", "import", str(bad)])
    assert res.exit_code == 1 and "not a Warta export" in res.output
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"format": "warta-annotations", "version": 99}))
    with pytest.raises(BundleError, match="newer"):
        merge.read_bundle(newer)
