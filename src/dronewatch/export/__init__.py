"""Exports to the formats analysts' tools read: ACLED-like CSV, GeoJSON, STIX 2.1,
FollowTheMoney entities, GraphML. Each exporter is one module registered by format name."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from ..store import Store
from ..store.events import EventFilter

# The events of the view being exported: every exporter reads its events through ``all_events``,
# so "export this view" takes the same filters as `dronewatch events` without each format knowing.
_SELECTION: ContextVar[EventFilter | None] = ContextVar("dronewatch_export_selection", default=None)

Exporter = Callable[[Store], str]
EXPORTERS: dict[str, tuple[str, str, Exporter]] = {}  # format -> (media type, file suffix, function)


def register(fmt: str, media_type: str, suffix: str) -> Callable[[Exporter], Exporter]:
    def deco(fn: Exporter) -> Exporter:
        EXPORTERS[fmt] = (media_type, suffix, fn)
        return fn

    return deco


def export(store: Store, fmt: str, selection: EventFilter | None = None) -> tuple[str, str, str]:
    """(content, media type, suffix) of the store's events (those ``selection`` lets through) in one format."""
    _load()
    if fmt not in EXPORTERS:
        raise KeyError(fmt)
    media, suffix, fn = EXPORTERS[fmt]
    token = _SELECTION.set(selection)
    try:
        return fn(store), media, suffix
    finally:
        _SELECTION.reset(token)


def formats() -> list[str]:
    _load()
    return sorted(EXPORTERS)


def _load() -> None:
    from . import acled, ftm, geojson, graphml, stix  # noqa: F401  (they register themselves)


def all_events(store: Store) -> list[dict[str, Any]]:
    return store.list_events(_SELECTION.get(), limit=10_000_000, sort="date")
