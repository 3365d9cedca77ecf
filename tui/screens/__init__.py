"""Modal screens: help, tag input, tag removal, note editor."""
