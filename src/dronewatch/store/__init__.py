"""The data layer: one interface over SQLite (default) and, later, PostgreSQL."""

from . import schema
from .repository import Store, open_store

__all__ = ["Store", "open_store", "schema"]
