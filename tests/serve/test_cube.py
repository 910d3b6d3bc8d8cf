"""The columnar aggregations agree with the database's GROUP BY on every filter."""

import pytest

from dronewatch.serve.cube import EventCube
from dronewatch.store import Store
from dronewatch.store.events import EventFilter

FILTERS = [
    EventFilter(),
    EventFilter(country="co"),
    EventFilter(type="drone_attack"),
    EventFilter(admin1="michoacán"),
    EventFilter(actor="jalisco new generation cartel"),
    EventFilter(since="2024-01", until="2025-03"),
    EventFilter(min_sources=2),
]


@pytest.fixture(scope="module")
def store(served_db):
    return Store(f"sqlite:///{served_db}")


@pytest.mark.parametrize("f", FILTERS)
@pytest.mark.parametrize("key", ["type", "country", "admin1", "actor"])
def test_month_counts_equal_sql(store, f, key):
    cube = EventCube.load(store)
    assert sorted(cube.counts(f, key, "month")) == sorted(store.event_counts(f, key, "month"))


def test_week_counts_roll_up_the_days(store):
    from dronewatch.analyze.trends import trend_from_counts

    cube = EventCube.load(store)
    a = trend_from_counts(cube.counts(EventFilter(), "type", "week"), "week")
    b = trend_from_counts(store.event_counts(EventFilter(), "type", "week"), "week")
    assert a == b and a


def test_map_cells_count_every_located_event(store):
    cube = EventCube.load(store)
    cells = cube.map_cells(EventFilter())
    located = [e for e in store.list_events(limit=10_000) if e["lat"] is not None]
    assert sum(c["n"] for c in cells) == len(located)
