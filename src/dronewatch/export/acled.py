"""CSV with ACLED-like columns, one row per resolved event, for spreadsheets and ACLED users."""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources

from ..store import Store
from . import all_events, register
from .cells import safe_row

COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "iso",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_count",
    "independent_sources",
    "grade",
    "disputed",
    "notes",
    "fatalities",
    "injuries",
]


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    text = resources.files("dronewatch.data").joinpath("countries.csv").read_text(encoding="utf-8")
    return {row["code"]: row["names"].split("|")[0] for row in csv.DictReader(io.StringIO(text))}


def time_precision(value: str | None) -> int | None:
    """ACLED's codes: 1 the day is known, 2 the week or month, 3 only a longer period."""
    if not value:
        return None
    return {10: 1, 7: 2}.get(len(value), 3)


def full_date(value: str | None) -> str | None:
    """ACLED's event_date is always a full date; a vaguer one is its period's first day, with
    ``time_precision`` saying how vague ("2025-07" is 2025-07-01 at precision 2)."""
    if not value:
        return None
    return value + {4: "-01-01", 7: "-01"}.get(len(value), "")


def geo_precision(e: dict) -> int:  # type: ignore[type-arg]
    """ACLED's codes: 1 the place itself, 2 a nearby or larger area, 3 only the region."""
    if e.get("place") and e.get("lat") is not None:
        return 1
    return 2 if e.get("admin1") else 3


@register("csv", "text/csv", "csv")
def to_csv(store: Store) -> str:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    names = country_names()
    for e in all_events(store):
        detail = store.get_event(e["id"]) or {"claims": []}
        outlets = sorted({c["outlet"] or "?" for c in detail["claims"]})
        notes = " | ".join(c["evidence"] for c in detail["claims"][:3])
        w.writerow(
            safe_row(
                {
                    "event_id_cnty": f"{e['country'] or 'XX'}{e['id'][:10]}",
                    "event_date": full_date(e["date"]),
                    "year": (e["date"] or "")[:4] or None,
                    "time_precision": time_precision(e["date"]),
                    "event_type": e["type"],
                    "sub_event_type": "/".join(
                        x for x in (e["drone_type"], e["payload"]) if x and x != "unknown"
                    )
                    or None,
                    "actor1": e["actor"],
                    "actor2": e["target"],
                    "iso": e["country"],
                    "country": names.get(e["country"] or "", e["country"]),
                    "admin1": e["admin1"],
                    "location": e["place"],
                    "latitude": e["lat"],
                    "longitude": e["lon"],
                    "geo_precision": geo_precision(e),
                    "source": "; ".join(outlets),
                    "source_count": e["sources"],
                    "independent_sources": e["independent_sources"],
                    "grade": e["grade"],
                    "disputed": int(e["disputed"]),
                    "notes": notes,
                    "fatalities": e["killed"],
                    "injuries": e["injured"],
                }
            )
        )
    return out.getvalue()
