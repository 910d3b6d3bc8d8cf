"""JSON lines: one document per line, in the format of shared/eval/SCHEMA.md.

Keys: text (required), id, title, source or outlet, url, published, language.
Other keys (gold ``events``, ``cluster``, ``license``) are accepted and ignored.
"""

from __future__ import annotations

import json

from ...errors import InputError
from ..decode import decode_bytes
from . import RawDocument, ReadResult, register_reader, require_date


def read_jsonl(path: str, data: bytes) -> ReadResult:
    decoded = decode_bytes(data, path)
    for n, line in enumerate(decoded.text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(path, f"invalid JSON ({exc.msg} at column {exc.colno})", n)
            continue
        if not isinstance(obj, dict):
            yield InputError(path, "a line must be a JSON object", n)
            continue
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            yield InputError(path, "missing or empty 'text'", n)
            continue
        try:
            published = require_date(obj.get("published"), path, n)
        except InputError as exc:
            yield exc
            continue
        yield RawDocument(
            text=text,
            origin=f"{path}:{n}",
            title=_opt(obj.get("title")),
            url=_opt(obj.get("url")),
            outlet=_opt(obj.get("source") or obj.get("outlet")),
            published=published,
            language=_opt(obj.get("language")),
            external_id=_opt(obj.get("id")),
        )


def _opt(v: object) -> str | None:
    return None if v is None else str(v)


register_reader((".jsonl", ".ndjson"), read_jsonl)
