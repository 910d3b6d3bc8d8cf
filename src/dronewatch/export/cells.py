"""CSV cells that a spreadsheet will not run: text starting with = + - @ tab or CR gets a leading quote.

A report's sentence or a roster name such as ``=HYPERLINK("http://…")`` would
otherwise become a live formula in the analyst's spreadsheet (CSV injection).
Numbers are left alone: only text can carry a formula.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value


def safe_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: safe_cell(v) for k, v in row.items()}


def safe_list(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in row]
