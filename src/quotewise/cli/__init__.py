"""The `quotewise` command line: thin shells over the Python API."""

from .app import cli, main

__all__ = ["cli", "main"]
