"""Scale benchmarks of issue 4: typing, opening, scrolling, tagging, importing, memory.

Every figure goes through the real code paths:

* ``keys``: the real ``WartaApp`` under Textual's Pilot (headless, 120x36). A 10-character query
  is typed one key at a time; each key is timed from the moment the key event is posted until
  the end of the first frame painted after ``MainScreen`` has put that query's rows in the
  list. Headless Textual skips turning a frame into terminal bytes, so the probe does that
  step itself (``render_segments``) to keep the paint cost honest. Also reported: the part of
  the latency spent until the rows were in the list ("to rows"). Textual paints at most 60
  frames a second, so up to 16.7 ms of any figure "to paint" is waiting for the next frame.
* ``open``: ``python -c`` running WartaApp, and a bare Textual app (one OptionList of 50
  items), each spawned in a pseudo-terminal of 120x36 from process start until a known row
  text appears on the terminal; the app's RSS (and peak RSS) is read from /proc right then.
* ``scroll``: page-down keys in the unfiltered list at several cursor positions, through
  Pilot, from the key event to the end of the repainted frame.
* ``tag``: ``Library.add_tags`` (durable: temp file, fsync, rename, fsync dir) then return.
* ``import``: wall time and peak RSS of ``warta import`` (from ``make_scaled.py``).
* ``fzf``: ``fzf --filter QUERY`` over the library's titles (one a line) vs Warta's own
  search of the same full query on a freshly built index.
* ``cli``: ``warta list --filter QUERY --limit 20`` as a whole process vs ``fzf --filter``
  over the titles file, in the same run (issue 9).
* ``relevance``: 20 research queries; top-50 noise share and recall against a plain scan.

    .venv/bin/python benchmarks/bench_scale.py --sizes 1000 10000 100000 [--only keys,open]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_scaled import ROOT  # noqa: E402

from warta.store.library.library import Library  # noqa: E402
from warta.store.search.browse import Browser  # noqa: E402

QUERIES = ["kapolres j", "pemilu 201", "jokowi dan", "banjir di ", "korupsi ka"]
"""Fuzzy words: titles and metadata with typo tolerance (and bodies too, since issue 9)."""
BODY_QUERIES = ["terprovokasi", "narkoba sabu", "body:ditangkap"]
PHRASE_QUERIES = ['"berita hoaks"', '"pemilu 2019"', '"ujaran kebencian"']
BOOL_QUERIES = ["hoaks OR hoax", '"pemilu 2019" -jokowi', "(banjir | longsor) -jakarta"]
QUERY_SETS = {
    "fuzzy words": QUERIES,
    "body words": BODY_QUERIES,
    "phrases": PHRASE_QUERIES,
    "boolean": BOOL_QUERIES,
}
"""Typed one key at a time; keystroke->paint p95 is reported per set (issue 9 targets)."""
SIZE = (120, 36)
SECTIONS = ("keys", "open", "scroll", "tag", "import", "fzf", "cli", "relevance")
KEY_TIMEOUT = 60.0
KEY_GAP = 0.15
"""Seconds between keys once a key's rows are painted: ~80 words a minute, a fast typist.
Longer than the reader's 60 ms preview delay, so the preview of the top row runs between keys
as it does for a real typist (``--key-gap 0.03`` overlaps them instead)."""

Figures = dict[str, Any]


def pct(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``values``, nearest-rank; NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * len(ordered) + 0.5) - 1))
    return ordered[k]


def summary_ms(values: Sequence[float]) -> dict[str, float]:
    """p50/p95/max of durations given in seconds, in milliseconds."""
    return {
        "n": len(values),
        "p50": pct(values, 0.50) * 1000,
        "p95": pct(values, 0.95) * 1000,
        "max": (max(values) if values else float("nan")) * 1000,
    }


# ------------------------------------------------------------------------------ Pilot probes


class FrameProbe:
    """Timestamps every frame the app paints and every result ``MainScreen`` shows."""

    def __init__(self, app: Any, screen: Any) -> None:
        self.frames: list[tuple[float, float]] = []
        self.target: str | None = None
        self.shown_at: float | None = None
        self.changed = asyncio.Event()
        console = app.console
        original_display = app._display

        def display(scr: Any, renderable: Any) -> None:
            original_display(scr, renderable)
            # Headless Textual stops before encoding the frame for the terminal; do it here so
            # the measured paint includes what a real terminal would cost us.
            if (
                renderable is not None
                and app.is_headless
                and hasattr(renderable, "render_segments")
            ):
                renderable.render_segments(console)

        app._display = display
        original_refresh = screen._compositor_refresh

        def compositor_refresh() -> None:
            start = self._update_start or time.perf_counter()
            original_refresh()
            self.frames.append((start, time.perf_counter()))
            self.changed.set()

        screen._compositor_refresh = compositor_refresh
        # A frame starts when the screen's update timer fires (layout, then compositing).
        timer = screen._update_timer
        original_update = timer._callback
        self._update_start: float | None = None

        def update() -> Any:
            self._update_start = time.perf_counter()
            try:
                return original_update()
            finally:
                self._update_start = None

        timer._callback = update
        original_show = screen._show_result

        def show_result(result: Any, query_text: str, *rest: Any) -> None:
            original_show(result, query_text, *rest)
            if query_text == self.target and query_text == screen._query:
                self.shown_at = time.perf_counter()
                self.changed.set()

        screen._show_result = show_result

    def frame_after(self, t: float) -> tuple[float, float] | None:
        """The first frame that started at or after ``t``."""
        found = None
        for frame in reversed(self.frames):
            if frame[0] < t:
                break
            found = frame
        return found

    async def wait_for(self, ready: Callable[[], bool], timeout: float = KEY_TIMEOUT) -> None:
        """Wait until ``ready()`` holds, re-checking whenever a frame or result arrives."""
        deadline = time.perf_counter() + timeout
        while not ready():
            self.changed.clear()
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError("the app did not paint in time")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), min(left, 0.5))


def _key_name(ch: str) -> str:
    return "space" if ch == " " else ch


async def _send_key(app: Any, key: str, char: str | None) -> None:
    from textual import events

    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)
    await asyncio.sleep(0)


async def _pilot_run(
    lib_dir: Path, queries: Sequence[str], do_scroll: bool, key_gap: float
) -> Figures:
    from warta.tui.app import MainScreen, WartaApp
    from warta.tui.widgets.article_list import ArticleList

    reference = Browser(Library(lib_dir))
    expected = {q: list(reference.search(q, typing=True).order) for q in queries}

    app = WartaApp(Library(lib_dir))
    out: Figures = {}
    async with app.run_test(size=SIZE) as pilot:
        t0 = time.perf_counter()
        while not isinstance(app.screen, MainScreen):
            await asyncio.sleep(0.005)
        screen = app.screen
        probe = FrameProbe(app, screen)
        probe.target = ""
        await probe.wait_for(lambda: screen.browser is not None, timeout=600)
        out["index_ready_s"] = time.perf_counter() - t0
        articles = screen.query_one(ArticleList)
        filter_box = screen.query_one("#filter")
        await pilot.press("slash")
        await pilot.pause(0.1)

        to_rows: list[float] = []
        to_paint: list[float] = []
        work: list[float] = []
        per_query: dict[str, list[float]] = {}
        detail: list[tuple[str, float, float]] = []
        mismatches: list[str] = []
        for query in queries:
            if filter_box.value:  # an unchanged value posts no Changed event
                probe.target = ""
                probe.shown_at = None
                filter_box.value = ""
                await probe.wait_for(lambda: probe.shown_at is not None)
                await pilot.pause(0.05)
            per_query[query] = []
            for k in range(1, len(query) + 1):
                text = query[:k]
                probe.target = text
                probe.shown_at = None
                start = time.perf_counter()
                await _send_key(app, _key_name(text[-1]), text[-1])

                def painted() -> bool:
                    return (
                        probe.shown_at is not None and probe.frame_after(probe.shown_at) is not None
                    )

                await probe.wait_for(painted)
                assert probe.shown_at is not None
                frame = probe.frame_after(probe.shown_at)
                assert frame is not None
                to_rows.append(probe.shown_at - start)
                to_paint.append(frame[1] - start)
                work.append(frame[1] - frame[0])
                per_query[query].append(frame[1] - start)
                detail.append((text, probe.shown_at - start, frame[1] - start))
                await asyncio.sleep(key_gap)
            if list(articles.order) != expected[query]:
                mismatches.append(query)
        out["keys_to_rows"] = summary_ms(to_rows)
        out["keys_to_paint"] = summary_ms(to_paint)
        out["keys_frame_work"] = summary_ms(work)
        out["keys_per_query_p95"] = {q: summary_ms(v)["p95"] for q, v in per_query.items()}
        out["keys_per_query_raw"] = per_query
        out["keys_slowest"] = [
            {"text": t, "to_rows_ms": r * 1000, "to_paint_ms": p * 1000}
            for t, r, p in sorted(detail, key=lambda d: -d[2])[:8]
        ]
        out["keys_matches"] = {q: len(expected[q]) for q in queries}
        out["keys_mismatches"] = mismatches

        if do_scroll:
            probe.target = ""
            probe.shown_at = None
            await pilot.press("escape")
            await probe.wait_for(lambda: probe.shown_at is not None)
            await pilot.pause(0.1)
            n = len(articles.order)
            page = max(1, articles.scrollable_content_region.height - 1)
            latencies: list[float] = []
            frame_work: list[float] = []
            handler: list[float] = []
            for frac in (0.0, 0.25, 0.5, 0.75, 0.999):
                articles.cursor = int(frac * max(0, n - 6 * page))
                await pilot.pause(0.05)
                for _ in range(5):
                    want = min(n - 1, articles.cursor + page)
                    start = time.perf_counter()
                    await _send_key(app, "pagedown", None)

                    def scrolled() -> bool:
                        return articles.cursor == want and probe.frame_after(start) is not None  # noqa: B023

                    await probe.wait_for(scrolled)
                    frame = probe.frame_after(start)
                    assert frame is not None
                    latencies.append(frame[1] - start)
                    frame_work.append(frame[1] - frame[0])
                    await asyncio.sleep(key_gap)
                # The action alone (no paint), for the breakdown.
                t = time.perf_counter()
                articles.action_page_down()
                handler.append(time.perf_counter() - t)
                await pilot.pause(0.05)
            out["scroll_to_paint"] = summary_ms(latencies)
            out["scroll_frame_work"] = summary_ms(frame_work)
            out["scroll_action"] = summary_ms(handler)
    return out


def bench_pilot(
    lib_dir: Path, queries: Sequence[str], do_scroll: bool, key_gap: float = KEY_GAP
) -> Figures:
    """Keystroke-to-paint (and optionally page-down) latencies through the real app."""
    return asyncio.run(_pilot_run(lib_dir, queries, do_scroll, key_gap))


# ------------------------------------------------------------------------------ pseudo-terminal

_ANSI = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_=>]")

WARTA_SNIPPET = (
    "import sys\n"
    "from warta.store.library.library import Library\n"
    "from warta.tui.app import WartaApp\n"
    "WartaApp(Library(sys.argv[1])).run()\n"
)
BARE_SNIPPET = (
    "from textual.app import App\n"
    "from textual.widgets import OptionList\n"
    "class Bare(App):\n"
    "    def compose(self):\n"
    "        yield OptionList(*[f'bench row {i:02d}' for i in range(50)])\n"
    "Bare().run()\n"
)


def _rss_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of a process in MB."""
    fields: dict[str, float] = {}
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", float("nan")), fields.get("VmHWM", float("nan"))


def spawn_until(
    argv: list[str],
    needles: Sequence[bytes],
    timeout: float = 300,
    then: Sequence[bytes] = (),
) -> Figures:
    """Run ``argv`` in a 120x36 pseudo-terminal until every needle shows; time and RSS.

    The screen output is stripped of escape sequences before matching, so a needle must be
    drawn as one run of text (true for a row of a list). With ``then``, it goes on until those
    show too (the count line once the list and search are ready), timed and measured again as
    ``ready_s``, ``ready_rss_mb``, ``ready_hwm_mb``. The process is then terminated.
    """
    master, slave = pty.openpty()
    fcntl_winsz = struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0)
    import fcntl

    fcntl.ioctl(slave, termios.TIOCSWINSZ, fcntl_winsz)
    env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(SIZE[0]), LINES=str(SIZE[1]))
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=REPO,
        env=env,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    seen = b""
    found_at: float | None = None
    ready_at: float | None = None
    rss = hwm = ready_rss = ready_hwm = float("nan")
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([master], [], [], 0.5)
            if master in ready:
                try:
                    chunk = os.read(master, 1 << 16)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
                plain = _ANSI.sub(b"", seen)
                if found_at is None and all(n in plain for n in needles):
                    found_at = time.perf_counter()
                    rss, hwm = _rss_mb(proc.pid)
                if found_at is not None and all(n in plain for n in then):
                    ready_at = time.perf_counter()
                    ready_rss, ready_hwm = _rss_mb(proc.pid) if then else (rss, hwm)
                    break
            if proc.poll() is not None:
                break
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        os.close(master)
    if found_at is None or ready_at is None:
        tail = _ANSI.sub(b"", seen)[-300:].decode(errors="replace")
        raise RuntimeError(f"{argv[:3]}... never drew {needles!r}; screen tail: {tail!r}")
    return {
        "seconds": found_at - start,
        "rss_mb": rss,
        "hwm_mb": hwm,
        "ready_s": ready_at - start,
        "ready_rss_mb": ready_rss,
        "ready_hwm_mb": ready_hwm,
    }


def bench_open(lib_dir: Path, runs: int = 3) -> Figures:
    """Process start to first painted list: Warta on ``lib_dir`` vs a bare Textual app."""
    lib = Library(lib_dir)
    first = Browser(lib).search("").order[0]
    title = lib.articles[first]["title"]
    n_all = len(lib)
    del lib
    # The first row's title marks the first painted list. Warta paints the newest rows from its
    # head file before the whole library is opened; when the full list and search are ready is
    # reported separately ("ready").
    needles = [title[:10].encode()]
    # The count line reads "N / N" once the whole list and search are ready (until then it
    # says "N articles · loading…").
    ready = [f"{n_all:,} / {n_all:,}".encode()]
    warta: list[Figures] = []
    bare: list[Figures] = []
    for _ in range(runs):
        warta.append(
            spawn_until([sys.executable, "-c", WARTA_SNIPPET, str(lib_dir)], needles, then=ready)
        )
        bare.append(spawn_until([sys.executable, "-c", BARE_SNIPPET], [b"bench row 07"]))
    w = statistics.median(f["seconds"] for f in warta)
    b = statistics.median(f["seconds"] for f in bare)
    return {
        "open_warta_s": w,
        "open_bare_s": b,
        "open_ratio": w / b,
        "open_runs_warta_s": [f["seconds"] for f in warta],
        "open_runs_bare_s": [f["seconds"] for f in bare],
        "app_rss_mb": max(f["rss_mb"] for f in warta),
        "app_hwm_mb": max(f["hwm_mb"] for f in warta),
        "ready_s": statistics.median(f["ready_s"] for f in warta),
        "ready_runs_s": [f["ready_s"] for f in warta],
        "ready_rss_mb": max(f["ready_rss_mb"] for f in warta),
        "ready_hwm_mb": max(f["ready_hwm_mb"] for f in warta),
        "bare_rss_mb": max(f["rss_mb"] for f in bare),
    }


# ------------------------------------------------------------------------------ store-level


def bench_tag(lib_dir: Path, edits: int = 30) -> Figures:
    """``Library.add_tags`` on distinct articles; ``user.json`` is restored afterwards."""
    user = lib_dir / "user.json"
    saved = user.read_bytes() if user.exists() else None
    try:
        lib = Library(lib_dir)
        step = max(1, len(lib) // edits)
        ids = [lib.articles[i]["id"] for i in range(0, len(lib), step)][:edits]
        times: list[float] = []
        for aid in ids:
            t = time.perf_counter()
            lib.add_tags(aid, ["bench-scale"])
            times.append(time.perf_counter() - t)
    finally:
        if saved is None:
            user.unlink(missing_ok=True)
        else:
            user.write_bytes(saved)
    return {"tag": summary_ms(times)}


def bench_fzf(lib_dir: Path, queries: Sequence[str], runs: int = 3) -> Figures:
    """``fzf --filter`` over the titles vs Warta's index search (fresh index) of each query."""
    lib = Library(lib_dir)
    browser = Browser(lib)
    warta: dict[str, float] = {}
    for q in queries:  # the first search of each query: nothing of it is cached yet
        t = time.perf_counter()
        browser.search(q)
        warta[q] = time.perf_counter() - t
    out: Figures = {"warta_search_ms": {q: v * 1000 for q, v in warta.items()}}
    fzf = shutil.which("fzf")
    if fzf is None:
        out["fzf"] = "fzf not installed (apt-get install -y fzf); skipped"
        return out
    titles = ROOT / f"titles-{len(lib)}.txt"
    if not titles.exists():
        titles.write_text("".join(a["title"].replace("\n", " ") + "\n" for a in lib.articles))
    fzf_ms: dict[str, float] = {}
    for q in queries:
        best = []
        for _ in range(runs):
            with open(titles, "rb") as fh:
                t = time.perf_counter()
                subprocess.run([fzf, "--filter", q], stdin=fh, stdout=subprocess.DEVNULL)
                best.append(time.perf_counter() - t)
        fzf_ms[q] = statistics.median(best) * 1000
    out["fzf_ms"] = fzf_ms
    out["fzf_ratio"] = statistics.median(out["warta_search_ms"][q] / fzf_ms[q] for q in queries)
    return out


def bench_cli(lib_dir: Path, queries: Sequence[str], runs: int = 3) -> Figures:
    """``warta list --filter Q --limit 20`` as a whole process vs ``fzf --filter`` (same run)."""
    warta = str(REPO / ".venv" / "bin" / "warta")
    lib = Library(lib_dir)
    titles = ROOT / f"titles-{len(lib)}.txt"
    if not titles.exists():
        titles.write_text("".join(a["title"].replace("\n", " ") + "\n" for a in lib.articles))
    del lib
    fzf = shutil.which("fzf")
    out: Figures = {"cli_ms": {}, "cli_fzf_ms": {}}
    for q in queries:
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run(
                [warta, "--db", str(lib_dir), "list", "--filter", q, "--limit", "20"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=True,
            )
            times.append(time.perf_counter() - t)
        out["cli_ms"][q] = statistics.median(times) * 1000
        if fzf:
            ftimes = []
            for _ in range(runs):
                with open(titles, "rb") as fh:
                    t = time.perf_counter()
                    subprocess.run([fzf, "--filter", q], stdin=fh, stdout=subprocess.DEVNULL)
                    ftimes.append(time.perf_counter() - t)
            out["cli_fzf_ms"][q] = statistics.median(ftimes) * 1000
    if fzf:
        out["cli_ratio"] = statistics.median(
            out["cli_ms"][q] / out["cli_fzf_ms"][q] for q in queries
        )
    return out


RESEARCH_QUERIES = [
    "kapolres",
    "polisi tangkap pengedar narkoba",
    "penyalahgunaan narkoba",
    "operasi zebra",
    "kecelakaan lalu lintas",
    "pencurian motor",
    "kpu pemilu",
    "bawaslu pelanggaran kampanye",
    "politik uang pilkada",
    "hoaks pemilu",
    "surat suara",
    "tps pemungutan suara",
    "pemilu 2019",
    "calon legislatif",
    "polres amankan tersangka",
    "penganiayaan",
    "korupsi dana desa",
    "kampanye hitam",
    "netralitas asn",
    "terorisme densus",
]
"""Realistic research questions on Indonesian police and election news (issue 9, item 6)."""


def bench_relevance(lib_dir: Path, queries: Sequence[str] = RESEARCH_QUERIES) -> Figures:
    """Per query: the share of the top 50 with no query word in any field (noise), and the
    recall against a plain scan (articles holding every query word, as a word or a spelling
    variant, in the title, metadata, tags or cleaned body)."""
    from warta.store.search.keys import TOKEN_RE, fold
    from warta.store.search.variants import expand

    lib = Library(lib_dir)
    browser = Browser(lib)
    ft = browser.fulltext
    if ft is None:
        return {"relevance": "no current full-text index (run warta reindex)"}
    index = browser.index
    n = len(lib)
    t = time.perf_counter()
    tokens: list[set[str]] = []
    for i in range(n):
        d = index.doc(i)
        text = " ".join(
            [
                d["title"],
                d["outlet"] or "",
                *d["places"],
                *d["people"],
                *d["organizations"],
                *index.tags_of(i),
                ft.text(i) or "",
            ]
        )
        tokens.append(set(TOKEN_RE.findall(fold(text))))
    scan_s = time.perf_counter() - t
    rows = []
    for q in queries:
        words = [expand([w]) for w in TOKEN_RE.findall(fold(q))]
        order = browser.search(q).order
        top = order[:50]

        def has_any(i: int, words: list[set[str]] = words) -> bool:
            return any(
                tok in alts or any(tok.startswith(a) for a in alts)
                for alts in words
                for tok in tokens[i]
            )

        noise = sum(1 for i in top if not has_any(i))
        scan = {i for i in range(n) if all(tokens[i] & alts for alts in words)}
        got = set(order)
        recall = len(scan & got) / len(scan) if scan else float("nan")
        rows.append(
            {
                "query": q,
                "results": len(order),
                "scan": len(scan),
                "noise_top50": noise / len(top) if top else 0.0,
                "recall": recall,
            }
        )
    return {"relevance": rows, "relevance_scan_s": scan_s}


def import_figures(size: int) -> Figures:
    """The figures ``make_scaled.py`` stored when it built the library."""
    path = ROOT / f"import-{size}.json"
    if not path.exists():
        return {}
    stats = json.loads(path.read_text())
    return {"import_s": stats["seconds"], "import_rss_mb": stats["peak_rss_mb"]}


# ------------------------------------------------------------------------------ report


TARGETS = {
    "keys": {10_000: 16.0, 100_000: 50.0, 1_000_000: 300.0},
    "scroll": 16.0,
    "tag": 10.0,
    "open_ratio": 1.5,
    "import_s": 120.0,
    "app_rss_mb": 1024.0,
}


def _mark(value: float, target: float | None) -> str:
    if target is None or value != value:
        return ""
    return " ok" if value <= target else " MISSED"


def print_table(results: dict[int, Figures]) -> None:
    """One row per figure, one column per size; missed targets say MISSED."""
    sizes = sorted(results)

    def row(label: str, get: Callable[[int, Figures], tuple[float, float | None] | None]) -> None:
        cells = []
        for s in sizes:
            got = get(s, results[s])
            if got is None:
                cells.append("-")
            else:
                value, target = got
                cells.append(f"{value:,.1f}{_mark(value, target)}")
        print(f"{label:<38}" + "".join(f"{c:>20}" for c in cells))

    def ms(key: str, stat: str, target: Callable[[int], float | None] = lambda s: None) -> Any:
        return lambda s, r: (r[key][stat], target(s)) if key in r else None

    print()
    print(f"{'figure':<38}" + "".join(f"{f'{s:,} articles':>20}" for s in sizes))
    print("-" * (38 + 20 * len(sizes)))
    keys_target = TARGETS["keys"].get  # type: ignore[union-attr]
    row("keystroke->rows p50 ms", ms("keys_to_rows", "p50"))
    row("keystroke->rows p95 ms", ms("keys_to_rows", "p95"))
    row("keystroke->paint p50 ms", ms("keys_to_paint", "p50"))
    row("keystroke->paint p95 ms (target)", ms("keys_to_paint", "p95", keys_target))
    row("keystroke->paint max ms", ms("keys_to_paint", "max"))
    row("  frame work p95 ms", ms("keys_frame_work", "p95"))
    row(
        "index ready in app (s)",
        lambda s, r: (r["index_ready_s"], None) if "index_ready_s" in r else None,
    )
    row(
        "open: Warta first list (s)",
        lambda s, r: (r["open_warta_s"], None) if "open_warta_s" in r else None,
    )
    row(
        "open: bare Textual app (s)",
        lambda s, r: (r["open_bare_s"], None) if "open_bare_s" in r else None,
    )
    row(
        "open ratio Warta/bare (<=1.5 @100k)",
        lambda s, r: (
            (r["open_ratio"], TARGETS["open_ratio"] if s >= 100_000 else None)
            if "open_ratio" in r
            else None
        ),
    )
    row(
        "app RSS after paint MB (<=1024)",
        lambda s, r: (r["app_rss_mb"], TARGETS["app_rss_mb"]) if "app_rss_mb" in r else None,
    )
    row(
        "app peak RSS (VmHWM) MB",
        lambda s, r: (r["app_hwm_mb"], None) if "app_hwm_mb" in r else None,
    )
    row(
        "open: list and search ready (s)",
        lambda s, r: (r["ready_s"], 5.0 if s >= 1_000_000 else None) if "ready_s" in r else None,
    )
    row(
        "RSS when ready MB (<=1536 @1M)",
        lambda s, r: (
            (r["ready_rss_mb"], 1536.0 if s >= 1_000_000 else None) if "ready_rss_mb" in r else None
        ),
    )
    row(
        "peak RSS when ready (VmHWM) MB",
        lambda s, r: (r["ready_hwm_mb"], None) if "ready_hwm_mb" in r else None,
    )
    row("page down->paint p50 ms", ms("scroll_to_paint", "p50"))
    row("page down->paint p95 ms (<=16)", ms("scroll_to_paint", "p95", lambda s: TARGETS["scroll"]))
    row("  frame work p95 ms", ms("scroll_frame_work", "p95"))
    row("tag edit p50 ms", lambda s, r: (r["tag"]["p50"], None) if "tag" in r else None)
    row(
        "tag edit p95 ms (<=10 @100k)",
        lambda s, r: (
            (r["tag"]["p95"], TARGETS["tag"] if s >= 100_000 else None) if "tag" in r else None
        ),
    )
    row(
        "import wall s (<=120 @100k)",
        lambda s, r: (
            (r["import_s"], TARGETS["import_s"] if s == 100_000 else None)
            if "import_s" in r
            else None
        ),
    )
    row(
        "import peak RSS MB",
        lambda s, r: (r["import_rss_mb"], None) if "import_rss_mb" in r else None,
    )
    row(
        "Warta search, full query, median ms",
        lambda s, r: (
            (statistics.median(r["warta_search_ms"].values()), None)
            if "warta_search_ms" in r
            else None
        ),
    )
    row(
        "fzf --filter median ms",
        lambda s, r: (statistics.median(r["fzf_ms"].values()), None) if "fzf_ms" in r else None,
    )
    row(
        "Warta/fzf time ratio (median)",
        lambda s, r: (r["fzf_ratio"], None) if "fzf_ratio" in r else None,
    )
    small = [s for s in sizes if "tag" in results[s]]
    if len(small) >= 2:
        lo, hi = results[small[0]]["tag"]["p95"], results[small[-1]]["tag"]["p95"]
        verdict = "ok" if hi <= 2 * lo else "MISSED"
        print(f"tag edit p95 at {small[-1]:,} / at {small[0]:,}: {hi / lo:.2f}x (<=2x: {verdict})")
    for s in sizes:
        r = results[s]
        if r.get("keys_mismatches"):
            print(f"WARNING {s:,}: list differs from Browser.search for {r['keys_mismatches']}")
        if "keys_per_query_raw" in r:
            raw = r["keys_per_query_raw"]
            for name, qs in QUERY_SETS.items():
                vals = [v for q in qs for v in raw.get(q, [])]
                if vals:
                    sm = summary_ms(vals)
                    target = 33.0 if name == "fuzzy words" else 50.0
                    mark = _mark(sm["p95"], target) if s == 100_000 else ""
                    print(
                        f"{s:>9,} keystroke->paint {name:<12} p50 {sm['p50']:6.1f}  "
                        f"p95 {sm['p95']:6.1f}{mark} (target {target:.0f} @100k)  "
                        f"max {sm['max']:6.1f}  n={sm['n']}"
                    )
        if "cli_ms" in r:
            for q, v in r["cli_ms"].items():
                f = r["cli_fzf_ms"].get(q)
                extra = f"  fzf {f:7.1f} ms  ratio {v / f:4.1f}x" if f else "  (no fzf)"
                print(f"{s:>9,} warta list --filter {q!r:<26} --limit 20: {v:7.1f} ms{extra}")
            if "cli_ratio" in r:
                mark = _mark(r["cli_ratio"], 2.0) if s == 100_000 else ""
                print(
                    f"{s:>9,} warta list / fzf median ratio {r['cli_ratio']:.2f}x{mark}"
                    " (<=2x @100k)"
                )
        if isinstance(r.get("relevance"), list):
            print(f"{s:>9,} relevance (top-50 noise share, recall vs plain scan):")
            for row in r["relevance"]:
                print(
                    f"           {row['query']!r:<34} results {row['results']:>7,}  "
                    f"scan {row['scan']:>7,}  noise {row['noise_top50']:5.1%}  "
                    f"recall {row['recall']:6.1%}"
                )
        if "keys_per_query_p95" in r:
            per = ", ".join(f"{q!r} {v:.1f}" for q, v in r["keys_per_query_p95"].items())
            print(f"{s:>9,} keystroke->paint p95 per query ms: {per}")
        if "keys_matches" in r:
            per = ", ".join(f"{q!r} {v:,}" for q, v in r["keys_matches"].items())
            print(f"{s:>9,} rows matching each full query: {per}")


def main(argv: list[str] | None = None) -> int:
    """Run the chosen sections for each size and print the table (and a JSON dump)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", nargs="+", type=int, default=[1000, 10_000, 100_000])
    ap.add_argument(
        "--only", default=",".join(SECTIONS), help="comma list of " + ",".join(SECTIONS)
    )
    ap.add_argument("--open-sizes", nargs="*", type=int, default=None, help="sizes for `open`")
    ap.add_argument("--open-runs", type=int, default=3, help="spawns of each app (median)")
    ap.add_argument("--scroll-sizes", nargs="*", type=int, default=None)
    ap.add_argument("--key-gap", type=float, default=KEY_GAP, help="seconds between keys")
    ap.add_argument("--json", type=Path, default=None, help="also write every figure here")
    ap.add_argument(
        "--lib",
        type=Path,
        default=None,
        help="benchmark this library folder (one size only) instead of lib-SIZE",
    )
    args = ap.parse_args(argv)
    only = set(args.only.split(","))
    results: dict[int, Figures] = {}
    for size in args.sizes:
        lib_dir = args.lib if args.lib is not None else ROOT / f"lib-{size}"
        if not lib_dir.exists():
            print(f"skipping {size:,}: no library at {lib_dir} (run make_scaled.py)", flush=True)
            continue
        r: Figures = results.setdefault(size, {})
        r["articles"] = len(Library(lib_dir))
        if "keys" in only or "scroll" in only:
            scroll = "scroll" in only and (args.scroll_sizes is None or size in args.scroll_sizes)
            t = time.perf_counter()
            keys = [q for qs in QUERY_SETS.values() for q in qs] if "keys" in only else []
            r.update(bench_pilot(lib_dir, keys, scroll, args.key_gap))
            print(f"[{size:,}] pilot done in {time.perf_counter() - t:.0f} s", flush=True)
        if "open" in only and (args.open_sizes is None or size in args.open_sizes):
            r.update(bench_open(lib_dir, args.open_runs))
            print(f"[{size:,}] open done", flush=True)
        if "tag" in only:
            r.update(bench_tag(lib_dir))
        if "import" in only:
            r.update(import_figures(size))
        if "fzf" in only:
            r.update(bench_fzf(lib_dir, QUERIES))
            print(f"[{size:,}] fzf done", flush=True)
        if "cli" in only and size >= 10_000:
            r.update(
                bench_cli(
                    lib_dir, [*QUERIES[:2], BODY_QUERIES[0], PHRASE_QUERIES[0], BOOL_QUERIES[0]]
                )
            )
            print(f"[{size:,}] cli done", flush=True)
        if "relevance" in only and size >= 10_000:
            r.update(bench_relevance(lib_dir))
            print(f"[{size:,}] relevance done", flush=True)
    print_table(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
