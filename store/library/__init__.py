"""The library: a folder of TinyDB files (articles, bodies, the user's data) and import into it."""

from warta.store.library.library import Library, LibraryError

__all__ = ["Library", "LibraryError"]
