"""Saved web pages: main text, title and date by trafilatura, page furniture left out."""

from __future__ import annotations

import re

import trafilatura

from ...errors import InputError, InputWarning
from ..decode import decode_bytes
from . import RawDocument, ReadResult, parse_date, register_reader

_OPEN_HTML = re.compile(r"<html[\s>]", re.I)
_OPEN_BODY = re.compile(r"<body[\s>]", re.I)
MIN_WORDS = 8  # fewer is a menu or a cookie banner, not an article


def check_complete(markup: str, path: str) -> None:
    """A page cut off mid-transfer has an opening <html>/<body> and no closing one."""
    lower = markup.lower()
    if _OPEN_HTML.search(markup) and "</html>" not in lower and "</body>" not in lower:
        raise InputError(path, "truncated HTML: <html> is opened but the page never closes")
    if _OPEN_BODY.search(markup) and "</body>" not in lower and "</html>" not in lower:
        raise InputError(path, "truncated HTML: <body> is opened but never closed")


def read_html(path: str, data: bytes) -> ReadResult:
    decoded = decode_bytes(data, path)
    check_complete(decoded.text, path)
    try:
        doc = trafilatura.bare_extraction(
            decoded.text, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise InputError(path, f"unreadable HTML ({type(exc).__name__}: {exc})") from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.split()) < MIN_WORDS:
        raise InputError(path, "no main text found in the HTML page")
    if decoded.warning:
        yield InputWarning(path, decoded.warning)
    yield RawDocument(
        text=text,
        origin=path,
        title=getattr(doc, "title", None),
        url=getattr(doc, "url", None),
        outlet=getattr(doc, "sitename", None),
        published=parse_date(getattr(doc, "date", None)),
    )


register_reader((".html", ".htm"), read_html)
