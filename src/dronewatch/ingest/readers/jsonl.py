"""JSON lines: one document per line, in the format of shared/eval/SCHEMA.md.

Keys: text (required), id, title, source or outlet, url, published, language.
Other keys (gold ``events``, ``cluster``, ``license``) are accepted and ignored.
"""

from __future__ import annotations

import json

from ...errors import InputError
from ..decode import decode_bytes
from . import ReadResult, from_record, register_reader


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
        yield from_record(obj, path, n)


register_reader((".jsonl", ".ndjson"), read_jsonl)
