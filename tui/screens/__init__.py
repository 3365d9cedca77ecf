"""Screens: the main two-pane screen, and the help, tag and note modals."""
