"""The user's data on disk: the journal, compaction, backups, recovery, undo and redo."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from warta.store.annotate import codebook, history
from warta.store.library import backups, journal
from warta.store.library.library import Library
from warta.store.library.userstore import COMPACT_ENTRIES, UserDataDamaged


def _ids(lib: Library) -> list[str]:
    return [a["id"] for a in lib.articles]


def test_a_torn_last_line_is_ignored_and_cut_off_by_the_next_edit(seeded: Library) -> None:
    a, b = _ids(seeded)[:2]
    seeded.add_tags(a, ["kept"])
    path = seeded.path / "user.journal"
    good = path.read_bytes()
    # A crash while appending leaves half a line that was never acknowledged.
    path.write_bytes(good + journal.encode(99, {"ops": []})[:20])
    lib = Library(seeded.path)
    assert lib.annotation(a)["tags"] == ["kept"]
    lib.add_tags(b, ["next"])
    assert path.read_bytes().startswith(good)
    assert journal.read_from(path).torn is False
    fresh = Library(seeded.path)
    assert fresh.annotation(b)["tags"] == ["next"]
    assert fresh.annotation(a)["tags"] == ["kept"]


def test_damage_inside_the_journal_is_reported_and_not_written_over(seeded: Library) -> None:
    a, b = _ids(seeded)[:2]
    seeded.add_tags(a, ["one"])
    seeded.add_tags(b, ["two"])
    path = seeded.path / "user.journal"
    data = bytearray(path.read_bytes())
    data[10] ^= 0x01  # a flipped bit in the first line
    path.write_bytes(bytes(data))
    with pytest.raises(journal.JournalDamaged, match="line 1"):
        Library(seeded.path).annotation(a)
    assert path.read_bytes() == bytes(data)


def test_compaction_folds_the_journal_and_keeps_every_change(seeded: Library) -> None:
    a = _ids(seeded)[0]
    for n in range(5):
        seeded.add_tags(a, [f"t{n}"])
    assert seeded.user.compact()
    assert (seeded.path / "user.journal").read_bytes() == b""
    assert backups.journal_archives(seeded.path), "the folded journal is archived"
    assert backups.snapshots(seeded.path), "a snapshot backup exists"
    seeded.add_tags(a, ["after"])
    fresh = Library(seeded.path)
    assert fresh.annotation(a)["tags"] == ["t0", "t1", "t2", "t3", "t4", "after"]


def test_a_crash_between_snapshot_and_journal_reset_replays_nothing_twice(
    seeded: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = _ids(seeded)[0]
    seeded.add_tags(a, ["x"])
    seeded.set_note(a, "n")

    def crash(path: Path) -> None:
        raise KeyboardInterrupt  # killed right after the new snapshot was written

    monkeypatch.setattr(journal, "reset", crash)
    with pytest.raises(KeyboardInterrupt):
        seeded.user.compact()
    monkeypatch.undo()
    fresh = Library(seeded.path)
    assert fresh.annotation(a)["tags"] == ["x"]
    assert [e["label"] for e in fresh.user.history()] == ["tag #x", "note"]


def test_the_journal_is_compacted_once_it_grows(seeded: Library) -> None:
    a = _ids(seeded)[0]
    for n in range(COMPACT_ENTRIES + 5):
        seeded.set_read(a, n % 2 == 0)
    seeded.user.compact_in_background()
    import time

    for _ in range(100):
        if not seeded.user._compacting and seeded.user._entries < COMPACT_ENTRIES:
            break
        time.sleep(0.05)
    assert seeded.user._entries < COMPACT_ENTRIES
    assert Library(seeded.path).annotation(a)["read"] is ((COMPACT_ENTRIES + 4) % 2 == 0)


def test_an_emptied_user_file_is_detected_and_recovered_from_backups(seeded: Library) -> None:
    a, b = _ids(seeded)[:2]
    seeded.add_tags(a, ["before"])
    seeded.user.compact()
    seeded.add_tags(b, ["after-backup"])
    seeded.set_note(a, "newest")
    seeded.user.compact()  # now user.json alone holds the newest state
    (seeded.path / "user.json").write_bytes(b"")  # emptied by a sync tool
    with pytest.raises(UserDataDamaged, match="empty"):
        Library(seeded.path).annotation(a)
    rec = backups.recover(seeded.path)
    assert rec.tables["annotations"][a]["note"] == "newest"
    assert rec.tables["annotations"][b]["tags"] == ["after-backup"]
    lib = Library(seeded.path)
    lib.user.write_state(rec.tables, rec.seq)
    assert lib.annotation(a)["tags"] == ["before"]
    assert Library(seeded.path).annotation(b)["tags"] == ["after-backup"]


def test_restore_to_a_point_in_time(seeded: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    a = _ids(seeded)[0]
    seeded.add_tags(a, ["one"])
    first = seeded.user.history()[-1]["time"]
    seeded.user.compact()
    # The next change happens later (times are stored to the second).
    monkeypatch.setattr("warta.store.library.userstore.now", lambda: "2999-01-01T00:00:00+00:00")
    seeded.add_tags(a, ["two"])
    rec = backups.recover(seeded.path, until=first)
    assert rec.tables["annotations"][a]["tags"] == ["one"]


def test_user_data_through_a_symbolic_link_stays_a_link(seeded: Library, tmp_path: Path) -> None:
    a = _ids(seeded)[0]
    seeded.add_tags(a, ["x"])
    seeded.user.compact()
    synced = tmp_path / "synced"
    synced.mkdir()
    target = synced / "user.json"
    os.replace(seeded.path / "user.json", target)
    (seeded.path / "user.json").symlink_to(target)
    lib = Library(seeded.path)
    lib.add_tags(a, ["y"])
    lib.user.compact()
    assert (seeded.path / "user.json").is_symlink()
    assert Library(seeded.path).annotation(a)["tags"] == ["x", "y"]
    assert b'"y"' in target.read_bytes()


def test_undo_and_redo_each_kind_of_change_and_survive_a_restart(seeded: Library) -> None:
    a, b, c = _ids(seeded)[:3]
    seeded.add_tags(a, ["hoaks"])
    seeded.set_note(a, "cek")
    codebook.bulk_tag(seeded, [b, c], ["pemilu"])
    seeded.set_starred(b, True)

    lib = Library(seeded.path)  # a restart
    assert history.undo(lib).label == "star"
    assert lib.annotation(b)["starred"] is False
    out = history.undo(lib)
    assert out.label.startswith("tag 2 articles")
    assert lib.annotation(b)["tags"] == [] and lib.annotation(c)["tags"] == []
    assert history.redo(lib).label.startswith("tag 2 articles")
    assert lib.annotation(c)["tags"] == ["pemilu"]

    again = Library(seeded.path)
    assert history.redo(again).label == "star"
    assert again.annotation(b)["starred"] is True
    assert history.redo(again).done is False  # nothing left to redo
    assert history.undo(again).label == "star"
    assert history.undo(again).label.startswith("tag 2")
    assert history.undo(again).label == "note"
    assert again.annotation(a)["note"] == ""
    assert history.undo(again).label == "tag #hoaks"
    assert again.annotation(a)["tags"] == []


def test_a_new_change_ends_the_redo_chain(seeded: Library) -> None:
    a = _ids(seeded)[0]
    seeded.add_tags(a, ["x"])
    history.undo(seeded)
    seeded.add_tags(a, ["y"])
    assert history.redo(seeded).done is False
    assert seeded.annotation(a)["tags"] == ["y"]


def test_undo_leaves_fields_changed_since_by_another_terminal(seeded: Library) -> None:
    a = _ids(seeded)[0]
    seeded.add_tags(a, ["x"])
    other = Library(seeded.path)
    other.set_note(a, "from the other terminal")
    # The newest change is the other terminal's note; undo twice goes back through both.
    assert history.undo(seeded).label == "note"
    assert seeded.annotation(a)["note"] == ""
    assert history.undo(seeded).label == "tag #x"
    assert seeded.annotation(a)["tags"] == []


def test_revert_is_field_by_field() -> None:
    left = {"tags": ["x"], "note": "", "updated": "1"}
    wanted = {"tags": [], "note": "", "updated": "0"}
    current = {"tags": ["x"], "note": "later", "updated": "2"}
    new, clash = history.revert(current, left, wanted)
    assert new == {"tags": [], "note": "later", "updated": "0"}
    assert not clash
    new, clash = history.revert({"tags": ["z"], "note": ""}, left, wanted)
    assert new["tags"] == ["z"] and clash


def test_history_keeps_the_last_changes_across_compaction(seeded: Library) -> None:
    a = _ids(seeded)[0]
    for n in range(250):
        seeded.set_starred(a, n % 2 == 0)
    seeded.user.compact()
    lib = Library(seeded.path)
    assert len(lib.user.history()) >= 200
    for _ in range(200):
        assert history.undo(lib).done


def test_an_emptied_journal_is_detected_through_the_backups(seeded: Library) -> None:
    a = _ids(seeded)[0]
    seeded.add_tags(a, ["x"])  # the first change also makes a first backup
    seeded.add_tags(a, ["y"])
    (seeded.path / "user.journal").write_bytes(b"")
    with pytest.raises(UserDataDamaged, match="fewer changes than its newest backup"):
        Library(seeded.path).annotation(a)
    rec = backups.recover(seeded.path)
    assert rec.tables["annotations"][a]["tags"] == ["x"]  # what the backups hold


def test_restoring_an_older_backup_opens_and_keeps_working(seeded: Library) -> None:
    a = _ids(seeded)[0]
    seeded.add_tags(a, ["old"])
    first = backups.snapshots(seeded.path)[0]
    seeded.add_tags(a, ["new"])
    seeded.user.compact()
    rec = backups.recover(seeded.path, name=first.name)
    seeded.user.write_state(rec.tables, rec.seq)
    lib = Library(seeded.path)
    assert lib.annotation(a)["tags"] == ["old"]
    lib.add_tags(a, ["after"])
    assert Library(seeded.path).annotation(a)["tags"] == ["old", "after"]


def test_a_user_file_of_the_wrong_shape_is_named_not_crashed_on(seeded: Library) -> None:
    import json

    a = _ids(seeded)[0]
    seeded.add_tags(a, ["x"])
    seeded.user.compact()
    data = json.loads((seeded.path / "user.json").read_text())
    data["annotations"][a]["tags"] = "x"  # a string, where Warta keeps a list
    (seeded.path / "user.json").write_text(json.dumps(data))
    with pytest.raises(UserDataDamaged, match=f"annotations/{a}: tags"):
        Library(seeded.path).annotation(a)
