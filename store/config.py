"""The user's settings: a TOML file in the platform's config folder.

Read with :mod:`tomllib`; written with tomlkit, which keeps the user's comments and layout, so
a setting changed in the app (the theme, the layout) never clobbers what the user wrote by hand.
Unknown keys are kept as they are. ``$WARTA_CONFIG`` names another file (tests use it).

Settings::

    theme = "textual-dark"          # any built-in Textual theme
    coder = "ana"                   # who your annotations are recorded as made by
    sort = "relevance"              # default order of the list (see the filter language)

    [layout]
    reader = "split"                # or "full": the reader takes the whole width
    split = 50                      # the list pane's share of the width, in percent

    [keymap]                        # keys by binding id, as posting does
    "main.tag" = "ctrl+t"
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULTS: dict[str, Any] = {
    "theme": "textual-dark",
    "coder": "",
    "sort": "relevance",
    "layout.reader": "split",
    "layout.split": 50,
}
"""Every setting Warta knows, with its default (``section.key`` for tables)."""

CHOICES: dict[str, tuple[str, ...]] = {
    "layout.reader": ("split", "full"),
    "sort": ("relevance", "date", "-date", "outlet"),
}


class ConfigError(ValueError):
    """The config file cannot be read, or a value is not one Warta accepts."""


def config_path() -> Path:
    """``$WARTA_CONFIG``, else ``<user config dir>/warta/config.toml``."""
    env = os.environ.get("WARTA_CONFIG")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("warta", appauthor=False)) / "config.toml"


@dataclass
class Config:
    """The settings as read: values by dotted key, and the key map."""

    path: Path
    values: dict[str, Any] = field(default_factory=dict)
    keymap: dict[str, str] = field(default_factory=dict)

    def get(self, key: str) -> Any:
        return self.values.get(key, DEFAULTS.get(key))

    def is_set(self, key: str) -> bool:
        return key in self.values


def load(path: Path | None = None) -> Config:
    """Read the settings (a missing file means every default)."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config(path)
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path} is not valid TOML ({exc}); fix or remove it") from exc
    values: dict[str, Any] = {}
    for key in DEFAULTS:
        section, _, name = key.rpartition(".")
        table = data.get(section, {}) if section else data
        if isinstance(table, dict) and name in table:
            values[key] = table[name]
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict) or not all(isinstance(v, str) for v in keymap.values()):
        raise ConfigError(f"{path}: [keymap] maps binding ids to keys, as strings")
    return Config(path, values, dict(keymap))


def check(key: str, value: str) -> Any:
    """``value`` (as typed) converted for ``key``; ConfigError if Warta does not accept it."""
    if key.startswith("keymap."):
        return value
    if key not in DEFAULTS:
        known = ", ".join(sorted(DEFAULTS))
        raise ConfigError(f"unknown setting {key!r} (known: {known}, keymap.<binding id>)")
    if isinstance(DEFAULTS[key], int):
        try:
            number = int(value)
        except ValueError as exc:
            raise ConfigError(f"{key} takes a whole number") from exc
        if key == "layout.split" and not 20 <= number <= 80:
            raise ConfigError("layout.split is a percentage between 20 and 80")
        return number
    if key in CHOICES and value not in CHOICES[key]:
        raise ConfigError(f"{key} is one of {', '.join(CHOICES[key])}")
    return value


def save(key: str, value: Any, path: Path | None = None) -> Path:
    """Set one setting in the file (created if missing), keeping everything else as written.

    ``value`` None removes the setting. Written atomically, like every Warta file.
    """
    import tomlkit

    from warta.store.library.storage import atomic_write_bytes

    path = path or config_path()
    try:
        doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        doc = tomlkit.document()
        doc.add(tomlkit.comment("Warta settings: `warta config` lists them."))
    except (OSError, UnicodeDecodeError, tomlkit.exceptions.ParseError) as exc:
        raise ConfigError(f"cannot update {path}: {exc}") from exc
    if key.startswith("keymap."):
        section, name = "keymap", key.removeprefix("keymap.")  # binding ids hold dots
    else:
        section, _, name = key.rpartition(".")
    table: Any = doc
    if section:
        if section not in doc:
            if value is None:
                return path
            doc.add(section, tomlkit.table())
        table = doc[section]
    if value is None:
        table.pop(name, None)
    else:
        table[name] = value
    atomic_write_bytes(path, tomlkit.dumps(doc).encode("utf-8"))
    return path
