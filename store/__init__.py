"""Warta's non-UI core: records, the TinyDB library, import, extraction, search and export.

Nothing in this package imports Textual or ``tui``; an import-linter contract checks it in CI.
"""
