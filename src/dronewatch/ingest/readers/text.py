"""Plain text and Markdown, with optional YAML front matter.

Front matter keys: title, published (or date), outlet (or source), url, language, id.
"""

from __future__ import annotations

import yaml

from ...errors import InputError, InputWarning
from ..decode import decode_bytes
from . import RawDocument, ReadResult, register_reader, require_date

FRONT_MATTER_KEYS = {"title", "published", "date", "outlet", "source", "url", "language", "id"}


def split_front_matter(text: str, path: str) -> tuple[dict[str, object], str, int]:
    """Returns (metadata, body, number of lines the front matter took)."""
    if not text.startswith("---"):
        return {}, text, 0
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text, 0
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            try:
                meta = yaml.safe_load("\n".join(lines[1:i])) or {}
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                line = mark.line + 2 if mark is not None else None
                raise InputError(path, "front matter is not valid YAML", line) from exc
            if not isinstance(meta, dict):
                raise InputError(path, "front matter must be key: value pairs", 2)
            unknown = set(map(str, meta)) - FRONT_MATTER_KEYS
            if unknown:
                raise InputError(path, f"unknown front matter key(s): {', '.join(sorted(unknown))}", 2)
            return meta, "\n".join(lines[i + 1 :]), i + 1
    raise InputError(path, "front matter opened with '---' is never closed", 1)


def read_text(path: str, data: bytes) -> ReadResult:
    decoded = decode_bytes(data, path)
    meta, body, _ = split_front_matter(decoded.text, path)
    if not body.strip():
        raise InputError(path, "no text after the front matter")
    if decoded.warning:
        yield InputWarning(path, decoded.warning)
    yield RawDocument(
        text=body,
        origin=path,
        title=_str(meta.get("title")),
        url=_str(meta.get("url")),
        outlet=_str(meta.get("outlet") or meta.get("source")),
        published=require_date(meta.get("published") or meta.get("date"), path, 2),
        language=_str(meta.get("language")),
        external_id=_str(meta.get("id")),
    )


def _str(v: object) -> str | None:
    return None if v is None else str(v).strip() or None


register_reader((".txt", ".md", ".markdown"), read_text)
