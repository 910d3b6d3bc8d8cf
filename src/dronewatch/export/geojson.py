"""GeoJSON FeatureCollection of events (RFC 7946), for QGIS and web maps."""

from __future__ import annotations

import json

from ..store import Store
from . import all_events, register


@register("geojson", "application/geo+json", "geojson")
def to_geojson(store: Store) -> str:
    features = []
    for e in all_events(store):
        geometry = (
            {"type": "Point", "coordinates": [round(e["lon"], 5), round(e["lat"], 5)]}
            if e["lat"] is not None and e["lon"] is not None
            else None
        )
        props = {k: v for k, v in e.items() if k not in ("lat", "lon")}
        features.append({"type": "Feature", "id": e["id"], "geometry": geometry, "properties": props})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
