"""Self-contained widgets of the Warta app."""
