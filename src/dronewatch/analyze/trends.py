"""Counts of events per month or ISO week, by type, country, admin1 or actor, with the change
against the previous period."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

DIMENSIONS = ("type", "country", "admin1", "actor")
PERIODS = ("month", "week")


def period_of(value: str | None, period: str) -> str | None:
    """The month or ISO week of an event date; a date vaguer than the period has none."""
    if not value:
        return None
    if period == "month":
        return value[:7] if len(value) >= 7 else None
    if len(value) != 10:
        return None
    y, w, _ = date.fromisoformat(value).isocalendar()
    return f"{y}-W{w:02d}"


def _previous(p: str, period: str) -> str:
    if period == "month":
        y, m = int(p[:4]), int(p[5:7])
        return f"{y - 1}-12" if m == 1 else f"{y}-{m - 1:02d}"
    y, w = int(p[:4]), int(p[6:])
    if w > 1:
        return f"{y}-W{w - 1:02d}"
    last = date(y - 1, 12, 28).isocalendar()[1]
    return f"{y - 1}-W{last:02d}"


@dataclass(frozen=True)
class TrendRow:
    period: str
    key: str
    count: int
    previous: int

    @property
    def change(self) -> float | None:
        return None if self.previous == 0 else (self.count - self.previous) / self.previous


def trend(events: list[dict[str, Any]], by: str = "type", period: str = "month") -> list[TrendRow]:
    if by not in DIMENSIONS:
        raise ValueError(f"--by must be one of {', '.join(DIMENSIONS)}")
    if period not in PERIODS:
        raise ValueError(f"--period must be one of {', '.join(PERIODS)}")
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for e in events:
        p = period_of(e.get("date"), period)
        if p is None:
            continue
        counts[(p, str(e.get(by) or "unknown"))] += 1
    rows = [TrendRow(p, k, n, counts.get((_previous(p, period), k), 0)) for (p, k), n in counts.items()]
    rows.sort(key=lambda r: (r.period, -r.count, r.key))
    return rows


def trend_from_counts(counts: list[tuple[str, str, int]], period: str = "month") -> list[TrendRow]:
    """The same rows from (date or month, key, count) triples counted by the database."""
    if period not in PERIODS:
        raise ValueError(f"--period must be one of {', '.join(PERIODS)}")
    agg: dict[tuple[str, str], int] = defaultdict(int)
    for when, key, n in counts:
        p = when if period == "month" or "-W" in when else period_of(when, "week")
        if p is not None:
            agg[(p, str(key))] += n
    rows = [TrendRow(p, k, n, agg.get((_previous(p, period), k), 0)) for (p, k), n in agg.items()]
    rows.sort(key=lambda r: (r.period, -r.count, r.key))
    return rows


def totals(rows: list[TrendRow]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for r in rows:
        out[r.period] += r.count
    return dict(sorted(out.items()))
