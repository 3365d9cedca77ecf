"""Where a library lives when the user does not say."""

from __future__ import annotations

import os
from pathlib import Path


def default_library_dir() -> Path:
    """``$WARTA_DB`` if set, else ``<user data dir>/warta/library`` (platformdirs)."""
    env = os.environ.get("WARTA_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("warta", appauthor=False)) / "library"
