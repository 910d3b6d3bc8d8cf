"""RSS and Atom feed files: each entry is a document, the feed's title its outlet."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import feedparser
import lxml.html

from ...errors import InputError
from . import RawDocument, ReadResult, register_reader

_BLOCK = re.compile(r"(</(p|div|li|h[1-6]|blockquote)>|<br\s*/?>)", re.I)


def html_fragment_to_text(fragment: str) -> str:
    """Entry bodies are HTML fragments; keep paragraph breaks, drop tags."""
    if "<" not in fragment:
        return fragment
    marked = _BLOCK.sub(lambda m: m.group(0) + "\n\n", fragment)
    try:
        return str(lxml.html.fragment_fromstring(marked, create_parent="div").text_content())
    except (ValueError, lxml.etree.ParserError):
        return re.sub(r"<[^>]+>", " ", fragment)


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            return date(t.tm_year, t.tm_mon, t.tm_mday)
    return None


def read_feed(path: str, data: bytes) -> ReadResult:
    if not data.strip():
        raise InputError(path, "empty file")
    parsed = feedparser.parse(data)
    exc = parsed.get("bozo_exception")
    if parsed.get("bozo") and exc is not None and not isinstance(exc, feedparser.CharacterEncodingOverride):
        line = exc.getLineNumber() if hasattr(exc, "getLineNumber") else None
        msg = exc.getMessage() if hasattr(exc, "getMessage") else str(exc)
        raise InputError(path, f"malformed or truncated XML ({msg})", line)
    if not parsed.get("version"):
        raise InputError(path, "not an RSS or Atom feed")
    outlet = parsed.feed.get("title")
    language = (parsed.feed.get("language") or "")[:2].lower() or None
    for n, entry in enumerate(parsed.entries, start=1):
        body = ""
        if entry.get("content"):
            body = entry["content"][0].get("value", "")
        body = body or entry.get("summary", "")
        text = html_fragment_to_text(body).strip()
        title = entry.get("title")
        if not text:
            yield InputError(path, f"feed entry {n} ({title or 'untitled'}) has no text")
            continue
        yield RawDocument(
            text=text,
            origin=f"{path}#entry{n}",
            title=title,
            url=entry.get("link"),
            outlet=outlet,
            published=_entry_date(entry),
            language=language,
            external_id=entry.get("id"),
        )


register_reader((".rss", ".atom", ".xml"), read_feed)
