"""Watchlist import, screening a roster, paths, audit log and retention, on a real store."""

import json

import sqlalchemy as sa

from dronewatch.extract.run import extract_store
from dronewatch.ingest import ingest_paths
from dronewatch.resolve.events import resolve_store
from dronewatch.screen import screening
from dronewatch.screen.watchlists import Entity, builtin_entities, import_entities, load_file
from dronewatch.store import schema

from ..conftest import CORPUS, write

FTM = [
    {
        "id": "os-1",
        "schema": "Person",
        "properties": {
            "name": ["Rafael Caro Quintero"],
            "alias": ["RCQ"],
            "birthDate": ["1952-10-24"],
            "nationality": ["mx"],
        },
    },
    {"id": "os-2", "schema": "Organization", "properties": {"name": ["Tren de Aragua"], "country": ["ve"]}},
    {"id": "os-3", "schema": "Address", "properties": {"full": ["Somewhere 1"]}},
]


def test_ftm_and_csv_watchlists(store, tmp_path):
    f = write(tmp_path / "os.json", "\n".join(json.dumps(x) for x in FTM) + "\n{broken\n")
    items = list(load_file(f))
    ents = [i for i in items if isinstance(i, Entity)]
    assert [e.name for e in ents] == ["Rafael Caro Quintero", "Tren de Aragua"]  # the address is not a name
    assert ents[0].birth_date == "1952-10-24" and ents[0].nationality == "MX"
    assert any(getattr(i, "line", None) == 4 for i in items if not isinstance(i, Entity))
    c = write(
        tmp_path / "list.csv",
        "name,aliases,birth_date,nationality,identifiers\n"
        '"Ismael Zambada García, alias El Mayo",Mayo Zambada,1948-01-01,MX,X123\n',
    )
    (e,) = [i for i in load_file(c) if isinstance(i, Entity)]
    assert (
        e.name == "Ismael Zambada García"
        and e.aliases == ["El Mayo", "Mayo Zambada"]
        and e.identifiers == ["X123"]
    )
    assert import_entities(store, "os", ents) == 2
    assert import_entities(store, "os", ents) == 2  # re-import replaces


def test_screen_a_roster_with_reasons_paths_audit_and_retention(store, tmp_path):
    ingest_paths([CORPUS], store)
    extract_store(store)
    resolve_store(store)
    import_entities(store, "dronewatch", builtin_entities())
    roster = write(
        tmp_path / "roster.csv",
        "name,aliases,birth_date,nationality,document_numbers,recruiter\n"
        "Хоакин Гусман,,,,,\n"
        "María López Díaz,,1999-05-05,CO,,\n"
        "Iván Mordisco,,,CO,,Los Chapitos\n",
    )
    rid, results = screening.screen(store, roster, "test", threshold=0.8, retention_days=30)
    by_row = {r.row.row: r for r in results}
    assert by_row[2].matches[0]["name"] == "Joaquín Guzmán" and by_row[2].matches[0]["likely"]
    assert by_row[2].matches[0]["tie"] == "Sinaloa Cartel"
    assert not by_row[3].matches or not by_row[3].matches[0]["likely"]
    assert by_row[4].paths[0] == []  # the recruiter is itself a flagged group
    assert [p for p in by_row[4].paths if p][0][0]["to"] == "Sinaloa Cartel"
    log = screening.audit(store)
    assert log[0]["action"] == "screen" and log[0]["subject"] == rid and "3 rows" in log[0]["detail"]
    assert "Гусман" not in json.dumps(log) and "López" not in json.dumps(log)  # names never logged
    assert screening.decide(store, rid, 2, "confirmed", "test")
    assert screening.decisions(store, rid)[2] == "confirmed"
    # retention: age the roster past the limit, then any screening purges it
    with store.engine.begin() as conn:
        conn.execute(schema.rosters.update().values(screened_at=sa.func.datetime("now", "-40 days")))
    assert screening.purge(store, 30, "test") == 1
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.screen_results)).scalar() == 0
    assert screening.audit(store)[0]["action"] == "purge"


def test_paths_go_through_links_with_evidence(store, tmp_path):
    ingest_paths([CORPUS], store)
    extract_store(store)
    resolve_store(store)
    (p,) = [x for x in screening.paths(store, "Los Chapitos") if x][:1]
    assert p[0]["link"] == "faction of" and p[0]["to"] == "Sinaloa Cartel" and "Culiacán" in p[0]["evidence"]
    assert screening.paths(store, "Someone Unknown Entirely") == []


def test_persons_named_in_reports_are_a_watchlist(store, tmp_path):
    from dronewatch.screen.watchlists import extracted_persons

    f = write(
        tmp_path / "a.md",
        "---\npublished: 2025-02-01\n---\nSoldiers arrested a Sinaloa Cartel operator named "
        "Juan Carlos Pérez Ruiz who flew drones loaded with explosives near Culiacán.\n",
    )
    ingest_paths([f], store)
    extract_store(store)
    (p,) = list(extracted_persons(store))
    assert (p.name, p.tie) == ("Juan Carlos Pérez Ruiz", "Sinaloa Cartel")
    import_entities(store, "extracted", [p])
    roster = write(tmp_path / "r.csv", "name\nJuan Carlos Perez\n")
    _, results = screening.screen(store, roster, "test", threshold=0.8, retention_days=30)
    assert (
        results[0].matches[0]["watchlist"] == "extracted" and results[0].matches[0]["tie"] == "Sinaloa Cartel"
    )


def test_screening_with_no_watchlist_refuses_instead_of_clearing_everyone(store, tmp_path):
    import pytest

    roster = write(tmp_path / "roster.csv", "name,nationality\nJoaquín Guzmán Loera,MX\n")
    with pytest.raises(screening.ScreeningError, match="no watchlist is loaded"):
        screening.screen(store, roster, "test", 0.8, 30)
    with store.engine.connect() as conn:  # nothing was recorded as screened
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.rosters)).scalar() == 0
    import_entities(store, "dronewatch", list(builtin_entities()))
    _, rows = screening.screen(store, roster, "test", 0.8, 30)
    assert rows[0].matches and rows[0].matches[0]["likely"]
