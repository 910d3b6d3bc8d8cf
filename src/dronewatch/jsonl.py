"""JSON lines read strictly: every line an object, a bad one named by file and line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import InputError


def read_objects(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each non-blank line's number and object; the first bad line stops the read with a clear error."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"invalid JSON ({exc.msg})", n) from exc
        if not isinstance(obj, dict):
            raise InputError(str(path), "each line must be a JSON object", n)
        yield n, obj
