"""The ``warta`` subcommands, one module per concern."""
