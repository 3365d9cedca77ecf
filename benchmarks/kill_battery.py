"""kill -9 during edits: does every acknowledged edit survive? (issue 7's reliability battery)

A child process edits a library as fast as it can (article tags, notes, stars, passages,
undo), printing ``try K`` before each edit and ``ack K`` once the call has returned, which is
when Warta promises the change is on disk. The parent kills it with SIGKILL after a random
delay, then opens the library and checks that

* it opens at all (no damage, nothing to repair: ``doctor --check`` finds no problem), and
* every acknowledged edit is there: each acknowledged tag and passage exists, and each note
  holds the newest acknowledged text or a later one that was being written when the child died.

    .venv/bin/python benchmarks/kill_battery.py [--cycles 300] [--root /tmp/warta-kill]

It prints the number of kills, acknowledged edits and any edit lost.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CHILD = r"""
import sys
from warta.store.annotate import history, passages
from warta.store.annotate.anchor import describe
from warta.store.library.library import Library

lib = Library(sys.argv[1], coder="battery")
start = int(sys.argv[2])
ids = [a["id"] for a in lib.articles]
for k in range(start, start + 100000):
    aid = ids[(k // 5) % len(ids)]
    kind = k % 5
    print(f"try {k} {kind} {aid}", flush=True)
    if kind == 0:
        lib.add_tags(aid, [f"k{k}"])
    elif kind == 1:
        lib.set_note(aid, f"note {k}")
    elif kind == 2:
        lib.set_starred(aid, k % 2 == 0)
    elif kind == 3:
        raw = lib.body_input(aid)["text"]
        p = passages.add(lib, aid, describe(raw, 0, min(len(raw), 40)), [f"p{k}"])
    else:
        lib.add_tags(aid, [f"u{k}"])
        history.undo(lib)
    print(f"ack {k} {kind} {aid}", flush=True)
"""


@dataclass
class Report:
    kills: int = 0
    acknowledged: int = 0
    lost: list[str] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)


def make_library(root: Path, articles: int = 300) -> Path:
    """A library of the seeds and ``articles`` small made-up articles, so edits spread over
    many articles as a user's do (not thousands of tags on five)."""
    import json

    from warta.store.library.importer import import_paths
    from warta.store.library.library import Library

    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    made = root / "made.jsonl"
    with made.open("w") as fh:
        for n in range(articles):
            body = (
                f"Polsek {n} menggelar patroli menjelang pemilu. "
                f'"Warga diminta tidak terprovokasi hoaks nomor {n}," kata Kapolsek {n}.'
            )
            fh.write(json.dumps({"title": f"Patroli nomor {n}", "body": body}) + "\n")
    lib = Library(root / "lib")
    import_paths(lib, [REPO / "seeds", made])
    return root / "lib"


def check(db: Path, log: list[str], report: Report) -> None:
    from warta.store.annotate import passages
    from warta.store.library.doctor import examine
    from warta.store.library.library import Library

    try:
        lib = Library(db)
        anns = lib.annotations()
        found = {t for a in anns.values() for t in a["tags"]}
        ptags = {t for p in passages.all_passages(lib) for t in p["tags"]}
    except Exception as exc:  # the battery reports any failure to open, whatever it is
        report.damaged.append(f"cannot open after kill {report.kills}: {exc}")
        return
    problems = [f for f in examine(lib, repair=False) if f.status == "problem"]
    report.damaged.extend(f"kill {report.kills}: {f.text}" for f in problems)
    last_note: dict[str, int] = {}
    tried_notes: dict[str, set[int]] = {}
    for line in log:
        word, k, kind, aid = line.split()
        k_i = int(k)
        if kind == "1":
            tried_notes.setdefault(aid, set()).add(k_i)
        if word != "ack":
            continue
        report.acknowledged += 1
        if kind == "0" and f"k{k}" not in found:
            report.lost.append(f"tag k{k} on {aid}")
        elif kind == "3" and f"p{k}" not in ptags:
            report.lost.append(f"passage p{k} on {aid}")
        elif kind == "4" and f"u{k}" in found:
            report.lost.append(f"undo of u{k} on {aid}")
        elif kind == "1":
            last_note[aid] = max(last_note.get(aid, -1), k_i)
    for aid, k in last_note.items():
        note = anns.get(aid, {}).get("note", "")
        got = int(note.split()[1]) if note.startswith("note ") else -1
        if got < k or got not in tried_notes.get(aid, set()):
            report.lost.append(f"note on {aid}: has {note!r}, acknowledged 'note {k}'")


def run(cycles: int, root: Path, seed: int = 7, quiet: bool = False) -> Report:
    rng = random.Random(seed)
    db = make_library(root)
    report = Report()
    start = 0
    for _ in range(cycles):
        proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(db), str(start)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        # Kill while it edits, not while it starts: wait for its first edit, then a while.
        assert proc.stdout is not None
        first = proc.stdout.readline()
        time.sleep(rng.uniform(0.0, 1.0))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        out = first + out
        report.kills += 1
        log = [ln for ln in out.splitlines() if ln.startswith(("try ", "ack "))]
        check(db, log, report)
        tried = [int(ln.split()[1]) for ln in log]
        start = max(tried, default=start) + 1
        if not quiet and report.kills % 25 == 0:
            print(
                f"{report.kills} kills, {report.acknowledged} acknowledged edits, "
                f"{len(report.lost)} lost",
                flush=True,
            )
    return report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cycles", type=int, default=300)
    ap.add_argument("--root", type=Path, default=Path("/tmp/warta-kill"))
    args = ap.parse_args()
    sys.path.insert(0, str(REPO))
    report = run(args.cycles, args.root)
    print(
        f"\n{report.kills} kill -9 during edits; {report.acknowledged} edits acknowledged; "
        f"{len(report.lost)} lost; {len(report.damaged)} times the library needed repair"
    )
    for line in (report.lost + report.damaged)[:20]:
        print("  " + line)
    return 1 if report.lost or report.damaged else 0


if __name__ == "__main__":
    raise SystemExit(main())
