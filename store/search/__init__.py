"""Search: the filter language, the in-memory ranking index and the glue the list pane uses."""
