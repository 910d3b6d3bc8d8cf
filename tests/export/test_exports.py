"""Each export checked by its own ecosystem's library."""

import csv
import io
import json

import geojson
import networkx as nx
import pytest
import stix2
from followthemoney import model

from dronewatch.export import export, formats
from dronewatch.export.acled import COLUMNS
from dronewatch.extract.run import extract_store
from dronewatch.ingest import ingest_paths
from dronewatch.resolve.events import resolve_store

from ..conftest import CORPUS


@pytest.fixture(scope="module")
def resolved(tmp_path_factory):
    from dronewatch.store import Store

    s = Store(f"sqlite:///{tmp_path_factory.mktemp('x') / 'e.db'}")
    ingest_paths([CORPUS], s)
    extract_store(s)
    resolve_store(s)
    return s


def test_all_formats_are_registered():
    assert formats() == ["csv", "ftm", "geojson", "graphml", "stix"]


def test_csv_has_acled_columns_and_one_row_per_event(resolved):
    content, media, _ = export(resolved, "csv")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert media == "text/csv" and list(rows[0]) == COLUMNS
    assert len(rows) == resolved.count_events()
    amalfi = [r for r in rows if r["admin1"] == "Antioquia"][0]
    assert amalfi["fatalities"] == "13" and amalfi["country"] == "Colombia" and amalfi["geo_precision"] == "1"
    assert {r["time_precision"] for r in rows} <= {"1", "2", "3"}
    # ACLED-style full dates: a month-precision event is its month's first day at precision 2
    import re

    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["event_date"]) for r in rows if r["event_date"])
    by_id = {e["id"][:10]: e for e in resolved.list_events(limit=10000)}
    for r in rows:
        e = by_id[r["event_id_cnty"][2:]]
        if e["date"] and len(e["date"]) == 7:
            assert r["event_date"] == e["date"] + "-01" and r["time_precision"] == "2"


def test_geojson_is_valid(resolved):
    content, _, _ = export(resolved, "geojson")
    fc = geojson.loads(content)
    assert fc.is_valid, fc.errors()
    points = [f for f in fc["features"] if f["geometry"]]
    assert points and all(-180 <= f["geometry"]["coordinates"][0] <= 180 for f in points)


def test_stix_bundle_parses_and_validates(resolved):
    content, _, _ = export(resolved, "stix")
    bundle = stix2.parse(content, allow_custom=False)
    kinds = {o.type for o in bundle.objects}
    assert {"identity", "threat-actor", "location", "report", "relationship"} <= kinds
    reports = [o for o in bundle.objects if o.type == "report"]
    assert len(reports) == resolved.count_events()
    ids = {o.id for o in bundle.objects}
    for o in bundle.objects:  # every reference resolves inside the bundle
        for ref in getattr(o, "object_refs", []):
            assert ref in ids
        if o.type == "relationship":
            assert o.source_ref in ids and o.target_ref in ids
    again, _, _ = export(resolved, "stix")
    assert {o["id"] for o in json.loads(again)["objects"]} == ids  # stable ids: re-import updates
    # created / modified are the event's first and last report, so a re-import updates, not duplicates
    events = {e["id"]: e for e in resolved.list_events(limit=10000)}
    from dronewatch.export.stix import sid

    by_id = {sid("report", eid): e for eid, e in events.items()}
    for r in reports:
        e = by_id[r.id]
        assert r.created.date().isoformat() == str(e["first_reported"])
        assert r.modified >= r.created and r.modified.date().isoformat() == str(e["last_reported"] or e["first_reported"])
    # STIX's own relationship type where it has one: "attacked" is "targets"
    assert not any(getattr(o, "relationship_type", "") == "attacked" for o in bundle.objects)


def test_ftm_entities_validate_with_the_model(resolved):
    content, _, _ = export(resolved, "ftm")
    schemata = set()
    for line in content.splitlines():
        data = json.loads(line)
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.schema.validate(data) is None, data
        schemata.add(proxy.schema.name)
    assert {"Organization", "Event", "Membership"} <= schemata


def test_graphml_reads_back_with_networkx(resolved):
    content, _, _ = export(resolved, "graphml")
    g = nx.read_graphml(io.StringIO(content))
    assert "Jalisco New Generation Cartel" in g.nodes
    preds = {d["predicate"] for _, _, d in g.edges(data=True)}
    assert "faction of" in preds
