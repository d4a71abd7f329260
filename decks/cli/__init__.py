"""The `recap` command line."""
