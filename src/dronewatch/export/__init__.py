"""Exports to the formats analysts' tools read: ACLED-like CSV, GeoJSON, STIX 2.1,
FollowTheMoney entities, GraphML. Each exporter is one module registered by format name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..store import Store

Exporter = Callable[[Store], str]
EXPORTERS: dict[str, tuple[str, str, Exporter]] = {}  # format -> (media type, file suffix, function)


def register(fmt: str, media_type: str, suffix: str) -> Callable[[Exporter], Exporter]:
    def deco(fn: Exporter) -> Exporter:
        EXPORTERS[fmt] = (media_type, suffix, fn)
        return fn

    return deco


def export(store: Store, fmt: str) -> tuple[str, str, str]:
    """(content, media type, suffix) of the whole store in one format."""
    _load()
    if fmt not in EXPORTERS:
        raise KeyError(fmt)
    media, suffix, fn = EXPORTERS[fmt]
    return fn(store), media, suffix


def formats() -> list[str]:
    _load()
    return sorted(EXPORTERS)


def _load() -> None:
    from . import acled, ftm, geojson, graphml, stix  # noqa: F401  (they register themselves)


def all_events(store: Store) -> list[dict[str, Any]]:
    return store.list_events(limit=10_000_000, sort="date")
