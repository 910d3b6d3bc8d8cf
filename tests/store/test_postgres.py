"""The whole pipeline on a real PostgreSQL gives what it gives on SQLite."""

from dronewatch.extract.run import extract_store
from dronewatch.ingest import ingest_paths
from dronewatch.resolve.events import resolve_store
from dronewatch.store import Store
from dronewatch.store.events import EventFilter
from dronewatch.store.repository import DocumentFilter

from ..conftest import CORPUS


def _run(store):
    ingest_paths([CORPUS], store)
    extract_store(store)
    resolve_store(store)
    return sorted(
        (e["id"], e["type"], e["date"], e["admin1"], e["actor"], e["sources"], e["grade"])
        for e in store.list_events(limit=1000)
    )


def test_same_events_on_postgresql_and_sqlite(postgres, tmp_path):
    pg = Store(postgres.new_database())
    lite = Store(f"sqlite:///{tmp_path / 'x.db'}")
    assert pg.dialect == "postgresql"
    assert _run(pg) == _run(lite)
    # full-text search (tsvector, accents folded), aggregations and re-runs
    assert {d.id for d in pg.list_documents(DocumentFilter(query="Michoacan drones"))} == {
        d.id for d in lite.list_documents(DocumentFilter(query="Michoacan drones"))
    }
    assert sorted(pg.event_counts(EventFilter(), "country", "month")) == sorted(
        lite.event_counts(EventFilter(), "country", "month")
    )
    assert len(pg.event_map(EventFilter())) == len(lite.event_map(EventFilter()))
    again = ingest_paths([CORPUS], pg)
    assert again.stored == 0
    assert resolve_store(pg).changed_blocks == []


def test_api_on_postgresql(postgres):
    from fastapi.testclient import TestClient

    from dronewatch.config import Config
    from dronewatch.serve.api import create_app

    url = postgres.new_database()
    s = Store(url)
    _run(s)
    c = TestClient(create_app(Config(db=url)))
    assert c.get("/api/events", params={"country": "CO"}).json()["total"] >= 3
    assert c.get("/api/trends", params={"by": "type"}).json()["rows"]
    assert c.get("/api/map").json()["points"]
