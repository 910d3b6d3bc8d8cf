"""An in-memory, columnar copy of the events' filterable fields, for the API's aggregations.

Trends, the timeline and the map are counts over every event that passes the filters. Kept as
NumPy columns (one load per change of the events), each count is a few vectorised comparisons
and a bincount: milliseconds on 100,000 events, where a fresh SQL GROUP BY costs tens.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import sqlalchemy as sa

from ..store import Store, schema
from ..store.events import EventFilter

COLUMNS = ("id", "date", "type", "country", "admin1", "actor", "independent_sources", "lat", "lon", "place")


class EventCube:
    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        cols: list[Any] = list(zip(*rows, strict=True)) if rows else [() for _ in COLUMNS]
        data = dict(zip(COLUMNS, cols, strict=True))
        self.n = len(rows)
        self.ids = np.array(data["id"], dtype=object)
        self.date = np.array([d or "" for d in data["date"]], dtype="<U10")
        self.sources = np.array(data["independent_sources"], dtype=np.int32)
        self.lat = np.array([np.nan if v is None else v for v in data["lat"]], dtype=float)
        self.lon = np.array([np.nan if v is None else v for v in data["lon"]], dtype=float)
        self.place = np.array(data["place"], dtype=object)
        self.codes: dict[str, tuple[np.ndarray, list[str]]] = {}
        for key in ("type", "country", "admin1", "actor"):
            values = ["unknown" if v is None else str(v) for v in data[key]]
            vocab = sorted(set(values))
            index = {v: i for i, v in enumerate(vocab)}
            self.codes[key] = (np.array([index[v] for v in values], dtype=np.int32), vocab)
        months = [d[:7] if len(d) >= 7 else "" for d in self.date]
        weeks = []
        for d in self.date:
            if len(d) == 10:
                y, w, _ = date.fromisoformat(d).isocalendar()
                weeks.append(f"{y}-W{w:02d}")
            else:
                weeks.append("")
        # periods as integer codes into a sorted vocabulary; -1 where the date is too vague
        self.periods: dict[str, tuple[np.ndarray, list[str]]] = {}
        for name, values in (("month", months), ("week", weeks)):
            vocab = sorted({v for v in values if v})
            index = {v: i for i, v in enumerate(vocab)}
            self.periods[name] = (np.array([index.get(v, -1) for v in values], dtype=np.int64), vocab)

    @classmethod
    def load(cls, store: Store) -> EventCube:
        e = schema.events.c
        with store.engine.connect() as conn:
            rows = conn.execute(sa.select(*[getattr(e, c) for c in COLUMNS])).all()
        return cls([tuple(r) for r in rows])

    def _eq(self, key: str, value: str, casefold: bool = False) -> np.ndarray:
        codes, vocab = self.codes[key]
        want = value.casefold() if casefold else value
        hits = [i for i, v in enumerate(vocab) if (v.casefold() if casefold else v) == want]
        return np.isin(codes, hits)

    def mask(self, f: EventFilter) -> np.ndarray:
        m = np.ones(self.n, dtype=bool)
        if f.type:
            m &= self._eq("type", f.type)
        if f.country:
            m &= self._eq("country", f.country.upper())
        if f.admin1:
            m &= self._eq("admin1", f.admin1, casefold=True)
        if f.actor:
            m &= self._eq("actor", f.actor, casefold=True)
        if f.since:
            m &= np.char.add(self.date.astype(str), "~") >= f.since  # as the store: a period overlapping counts
        if f.until:
            m &= self.date <= f.until + "~"
        if f.min_sources:
            m &= self.sources >= f.min_sources
        return m

    def counts(self, f: EventFilter, key: str, period: str) -> list[tuple[str, str, int]]:
        """(month or ISO week, key value, count), like the store's GROUP BY."""
        pcodes, pvocab = self.periods[period]
        m = self.mask(f) & (pcodes >= 0)
        codes, vocab = self.codes[key]
        combined = pcodes[m] * len(vocab) + codes[m]
        n = np.bincount(combined, minlength=len(pvocab) * len(vocab))
        hits = np.nonzero(n)[0]
        return [(pvocab[u // len(vocab)], vocab[u % len(vocab)], int(n[u])) for u in hits]

    def map_cells(self, f: EventFilter) -> list[dict[str, Any]]:
        """Events grouped by cell and type, with the cell's mean position and best sourcing."""
        m = self.mask(f) & ~np.isnan(self.lat)
        idx = np.nonzero(m)[0]
        if idx.size == 0:
            return []
        per_degree = 2 if idx.size <= 20_000 else 0.5
        cy = np.round(self.lat[idx] * per_degree).astype(np.int64)
        cx = np.round(self.lon[idx] * per_degree).astype(np.int64)
        tcodes, tvocab = self.codes["type"]
        key = ((cy + 1000) * 4000 + (cx + 2000)) * len(tvocab) + tcodes[idx]
        uniq, first, inverse, counts = np.unique(
            key, return_index=True, return_inverse=True, return_counts=True
        )
        lat_sum = np.bincount(inverse, weights=self.lat[idx])
        lon_sum = np.bincount(inverse, weights=self.lon[idx])
        best = np.zeros(uniq.size, dtype=np.int32)
        np.maximum.at(best, inverse, self.sources[idx])
        out = []
        for g in range(uniq.size):
            i = idx[first[g]]
            out.append(
                {
                    "cell": int(uniq[g] // len(tvocab)),
                    "type": tvocab[tcodes[i]],
                    "n": int(counts[g]),
                    "alat": float(lat_sum[g] / counts[g]),
                    "alon": float(lon_sum[g] / counts[g]),
                    "maxsrc": int(best[g]),
                    "place": self.place[i],
                    "admin1": self.codes["admin1"][1][self.codes["admin1"][0][i]],
                    "country": self.codes["country"][1][self.codes["country"][0][i]],
                    "example": self.ids[i],
                    "latest": str(self.date[i]),
                }
            )
        return out
