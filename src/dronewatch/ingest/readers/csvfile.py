"""CSV with a header row. Columns: text (required); id, title, outlet (or source), url,
published, language (optional). Extra columns are ignored."""

from __future__ import annotations

import csv
import io

from ...errors import InputError
from ..decode import decode_bytes
from . import ReadResult, from_record, register_reader

REQUIRED = ("text",)
OPTIONAL = ("id", "title", "outlet", "source", "url", "published", "language")

csv.field_size_limit(64 * 1024 * 1024)


def read_csv(path: str, data: bytes) -> ReadResult:
    decoded = decode_bytes(data, path)
    reader = csv.DictReader(io.StringIO(decoded.text, newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(
            path,
            f"missing required column(s): {', '.join(missing)} (found: {', '.join(header) or 'no header'})",
            1,
        )
    reader.fieldnames = header
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(path, f"malformed CSV ({exc})", reader.line_num)
            return
        n = reader.line_num
        if None in row:
            yield InputError(
                path, f"row has {len(header) + len(row[None])} fields, header has {len(header)}", n
            )
            continue
        yield from_record(dict(row), path, n)


register_reader((".csv",), read_csv)
