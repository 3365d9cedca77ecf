"""The extractor's version number, in a module that imports nothing.

``warta.store.extract`` re-exports it; code that only compares versions (is the full-text
index current? are records stale?) reads it here, so that ``warta list`` and the reader's
startup do not import the extractor (its ~120 regular expressions take 0.1-0.3 s to compile).
"""

EXTRACTOR_VERSION = 10
"""Bumped whenever the output for some input changes; stored records older than this are stale."""
