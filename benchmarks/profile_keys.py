"""Profile typing a filter through the real app (Pilot) on a scaled library; prints cProfile.

Usage: python benchmarks/profile_keys.py [LIBRARY_DIR]   (default /tmp/warta-bench/lib-10000,
built by benchmarks/run_all.sh). Types three 10-character queries and deletes them again, one
key every 50 ms, and prints the functions with the most cumulative time.
"""

from __future__ import annotations

import asyncio
import cProfile
import io
import pstats
import sys

from warta.store.library.library import Library
from warta.tui.app import WartaApp


async def main(path: str) -> None:
    app = WartaApp(Library(path))
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        await pilot.press("slash")
        await pilot.pause(0.1)
        prof = cProfile.Profile()
        prof.enable()
        keys = 0
        for query in ("kapolres j", "pemilu 201", "banjir di "):
            for ch in query:
                await pilot.press(ch if ch != " " else "space")
                await pilot.pause(0.05)
                keys += 1
            for _ in query:
                await pilot.press("backspace")
                await pilot.pause(0.05)
                keys += 1
        prof.disable()
        out = io.StringIO()
        st = pstats.Stats(prof, stream=out).sort_stats("cumtime")
        st.print_stats(30)
        if "--tottime" in sys.argv:
            st.sort_stats("tottime").print_stats(25)
        if "--callers" in sys.argv:
            st.print_callers("_refresh_layout|_render_row")
        print(f"{keys} keystrokes")
        print(out.getvalue())


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    asyncio.run(main(args[0] if args else "/tmp/warta-bench/lib-10000"))
