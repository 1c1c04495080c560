"""The `asiakastieto` command line: `commands` (the stages), `users` (accounts), `common`."""

from warehouse.cli.commands import app, main

__all__ = ["app", "main"]
