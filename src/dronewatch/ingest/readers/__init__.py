"""Readers turn one file into raw documents; one module per format.

A reader is a callable ``(path, data) -> Iterator[RawDocument | InputError]``
registered for file suffixes. Built-in readers are registered exactly as a
third party's would be (``entry_points(group="dronewatch.readers")``), so a
new format is a new module, not a change here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from importlib.metadata import entry_points

from dateutil import parser as dateutil_parser

from ...errors import InputError


@dataclass
class RawDocument:
    """A document as a file states it, before language, grade and dedup."""

    text: str
    origin: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    language: str | None = None
    external_id: str | None = None


ReadResult = Iterator[RawDocument | InputError]
Reader = Callable[[str, bytes], ReadResult]

_READERS: dict[str, Reader] = {}


def register_reader(suffixes: tuple[str, ...], reader: Reader) -> None:
    for s in suffixes:
        _READERS[s.lower()] = reader


def reader_for(path: str) -> Reader | None:
    _load_builtin()
    lower = path.lower()
    for suffix in sorted(_READERS, key=len, reverse=True):
        if lower.endswith(suffix):
            return _READERS[suffix]
    return None


def supported_suffixes() -> list[str]:
    _load_builtin()
    return sorted(_READERS)


_loaded = False


def _load_builtin() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    from . import csvfile, feeds, html, jsonl, text  # noqa: F401  (they register themselves)

    for ep in entry_points(group="dronewatch.readers"):
        ep.load()


def from_record(record: dict[str, object], path: str, line: int) -> RawDocument | InputError:
    """A JSON object or CSV row with the documented keys as a raw document, or why not."""
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError(path, "missing or empty 'text'", line)
    try:
        published = require_date(record.get("published"), path, line)
    except InputError as exc:
        return exc

    def opt(key: str) -> str | None:
        v = record.get(key)
        return None if v is None or v == "" else str(v)

    return RawDocument(
        text=text,
        origin=f"{path}:{line}",
        title=opt("title"),
        url=opt("url"),
        outlet=opt("source") or opt("outlet"),
        published=published,
        language=opt("language"),
        external_id=opt("id"),
    )


def parse_date(value: object) -> date | None:
    """Dates as sources write them: ISO, RFC 822, '14 Oct 2025'; None when absent or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return dateutil_parser.parse(str(value), fuzzy=False).date()
    except (ValueError, OverflowError, TypeError):
        return None


def require_date(value: object, path: str, line: int | None = None) -> date | None:
    """Like ``parse_date`` but a present, unreadable date is the user's error to see."""
    d = parse_date(value)
    if d is None and value not in (None, ""):
        raise InputError(path, f"unreadable publication date {value!r}", line)
    return d
