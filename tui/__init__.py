"""Warta's Textual app and the `warta` command. Depends on `store`, never the reverse."""

import os

# Textual paces repaints at TEXTUAL_FPS (default 60), so a keystroke's new rows can wait up to
# 16.7 ms for the next frame. At 120 the wait halves (measured: keystroke-to-paint p50 32 ->
# 25 ms at 10k and 100k articles); repaints still happen only when something changed. It must
# be set before Textual is imported, hence here; a user's own TEXTUAL_FPS wins.
os.environ.setdefault("TEXTUAL_FPS", "120")
