"""Merging a colleague's export and measuring agreement between two coders."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from annotated import A1, A2, A3, QUOTE, as_coder, highlight, ids, import_records
from click.testing import CliRunner

from warta.store.annotate import export, history, merge, passages
from warta.store.annotate.agreement import agreement, kappa
from warta.store.annotate.anchor import describe
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


# -- agreement ---------------------------------------------------------------------------------

TEXTS = [
    {
        "title": f"Artikel {i}",
        "body": f"Artikel nomor {i}. " + " ".join(f"kata{i}x{k}" for k in range(20)),
        "source": "Uji",
        "date": f"2024-01-0{i}",
        "url": f"https://example.org/k{i}",
    }
    for i in range(1, 7)
]


def _span(lib: Library, aid: str, start: int, end: int, tags: list[str]) -> None:
    raw = lib.body_input(aid)["text"]
    passages.add(lib, aid, describe(raw, start, end), tags)


def test_agreement_on_a_hand_computed_example(tmp_path: Path) -> None:
    lib = import_records(tmp_path / "k", TEXTS, "x")
    k = [ids(lib)[t["url"]] for t in TEXTS]
    # Tag t, per article: k1 both (passages), k2 only x (a passage coded with a sub-tag),
    # k3 and k4 neither (each coder tagged them u), k5 both (whole-article tags, y a sub-tag).
    # k6 nobody coded: outside the default scope.
    as_coder(lib, "x")
    _span(lib, k[0], 10, 30, ["t"])
    _span(lib, k[0], 25, 35, ["t"])  # overlaps x's own first passage: covered once
    _span(lib, k[1], 0, 10, ["t/sub"])
    lib.add_tags(k[2], ["u"])
    lib.add_tags(k[4], ["t"])
    as_coder(lib, "y")
    _span(lib, k[0], 20, 40, ["t"])
    _span(lib, k[0], 50, 60, ["u"])
    lib.add_tags(k[3], ["u"])
    lib.add_tags(k[4], ["t/sub"])
    rows = {r.tag: r for r in agreement(lib, "x", "y")}
    t = rows["t"]
    # a=2 (k1, k5), b=1 (k2), c=0, d=2 (k3, k4), n=5: p_o = 4/5, p_x = 3/5, p_y = 2/5,
    # p_e = 3/5*2/5 + 2/5*3/5 = 12/25; kappa = (4/5 - 12/25) / (1 - 12/25) = 8/13.
    assert (t.articles, t.x, t.y, t.both) == (5, 3, 2, 2)
    assert t.kappa == pytest.approx(8 / 13)
    # Characters: x covers [10,35) in k1 (25) and [0,10) in k2 (10); y covers [20,40) in k1.
    # Shared [20,35) = 15; union 25 + 20 - 15 = 30 in k1, 10 in k2: 15 / 40.
    assert (t.x_chars, t.y_chars, t.shared_chars, t.union_chars) == (35, 20, 15, 40)
    assert t.overlap == pytest.approx(0.375)
    u = rows["u"]
    # u: x on k3 only, y on k1 (passage) and k4: a=0, b=1, c=2, d=2, n=5.
    # p_o = 2/5, p_x = 1/5, p_y = 2/5, p_e = 2/25 + 12/25 = 14/25: kappa = (10/25 - 14/25)/(11/25).
    assert (u.x, u.y, u.both) == (1, 2, 0)
    assert u.kappa == pytest.approx(-4 / 11)
    assert u.overlap == 0.0 and u.y_chars == 10
    # t/sub: x on k2, y on k5: a=0, b=1, c=1, d=3; p_e = 1/25 + 16/25; kappa = -2/8.
    assert rows["t/sub"].kappa == pytest.approx(-0.25)
    # The filter sets the articles compared.
    only_k1 = {r.tag: r for r in agreement(lib, "x", "y", 'title:"Artikel 1"')}
    assert only_k1["t"].articles == 1 and only_k1["t"].kappa is None, "both said yes: undefined"
    res = CliRunner().invoke(cli, ["--db", str(lib.path), "agreement", "x", "y"])
    assert res.exit_code == 0
    line = next(ln for ln in res.output.splitlines() if ln.startswith("t "))
    assert line.split() == ["t", "5", "3", "2", "2", "0.615", "35", "20", "0.375"]
    data = json.loads(
        CliRunner().invoke(cli, ["--db", str(lib.path), "agreement", "x", "y", "--json"]).output
    )
    assert data["coders"] == ["x", "y"] and data["tags"][0]["tag"] == "t"


def test_kappa_matches_the_textbook_example() -> None:
    # 50 items; both yes 20, only A yes 5, only B yes 10, both no 15: kappa 0.4.
    assert kappa(20, 5, 10, 15) == pytest.approx(0.4)
    assert kappa(0, 1, 0, 2) == 0.0
    assert kappa(0, 0, 0, 0) is None
