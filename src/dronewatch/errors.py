"""Errors a user can cause, each turned into one clear line by the CLI.

They carry the file (and line) so that a user with a folder of a thousand
inputs can find the one that failed.
"""

from __future__ import annotations


class DronewatchError(Exception):
    """Base class: anything the user can fix."""


class InputError(DronewatchError):
    """An input file, or one record in it, that cannot be read."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        super().__init__(self.location() + ": " + reason)

    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else self.path


class ConfigError(DronewatchError):
    """A configuration file or variable that cannot be used."""


class StoreError(DronewatchError):
    """A database that cannot be opened or is of an unknown kind or version."""


class NotFound(DronewatchError):
    """Something named by id or name that the store does not hold (exit 2 in the CLI, 404 in the API)."""


class InputWarning(InputError):
    """Something odd about an input that was still read (e.g. mixed encodings)."""
