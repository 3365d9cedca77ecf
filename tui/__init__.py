"""Warta's Textual app and the `warta` command. Depends on `store`, never the reverse."""
