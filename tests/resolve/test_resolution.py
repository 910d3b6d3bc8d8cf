"""Resolution on small real-style reports ingested and extracted for real."""

import json

import pytest

from dronewatch.extract.run import extract_store
from dronewatch.ingest import ingest_paths
from dronewatch.resolve.events import resolve_store
from dronewatch.store.events import EventFilter

from ..conftest import write

AGUILILLA_EN = (
    "Two state police officers were wounded on Monday when drones dropped explosives on their patrol in the "
    "municipality of Aguililla, Michoacán. Officials blamed the Jalisco New Generation Cartel (CJNG) for the attack."
)
AGUILILLA_ES = (
    "Dos policías estatales resultaron heridos el lunes cuando drones arrojaron explosivos sobre su patrulla en "
    "el municipio de Aguililla, Michoacán. Las autoridades atribuyeron el ataque al Cártel Jalisco Nueva Generación."
)
# the same attack as another outlet tells it, blaming another group
AGUILILLA_OTHER = (
    "Drones dropped explosives on state police in the municipality of Aguililla, Michoacán, on Monday, wounding "
    "two officers. Local officials blamed Cárteles Unidos for the attack on the patrol."
)
SAME_DAY_JALISCO = (
    "A drone dropped explosives on a municipal police post in Tecalitlán, Jalisco, on Monday, wounding three "
    "officers. Prosecutors attributed the attack to Cárteles Unidos."
)


def _docs(tmp_path, items):
    path = tmp_path / "in.jsonl"
    write(path, "\n".join(json.dumps(d, ensure_ascii=False) for d in items) + "\n")
    return path


def _run(store, tmp_path, items):
    ingest_paths([_docs(tmp_path, items)], store)
    extract_store(store)
    return resolve_store(store)


def _doc(i, text, outlet, published="2021-04-21", lang=None):
    from dronewatch.ingest.sources import load_sources

    # a known outlet's report comes from its own site (a name alone earns no grade)
    known = load_sources().by_name.get(outlet.casefold())
    d = {"id": f"d{i}", "text": text, "source": outlet, "published": published}
    if known and known.domains:
        d["url"] = f"https://{known.domains[0]}/story-{i}"
    if lang:
        d["language"] = lang
    return d


def test_two_languages_one_event_and_a_syndicated_copy_adds_no_independent_source(store, tmp_path):
    copy = AGUILILLA_EN.replace("Officials blamed", "Officials said they blamed")
    _run(
        store,
        tmp_path,
        [
            _doc(1, AGUILILLA_EN, "Reuters"),
            _doc(2, AGUILILLA_ES, "El Universal", lang="es"),
            _doc(3, copy, "Some Syndicator", published="2021-04-22"),
        ],
    )
    (ev,) = store.list_events(EventFilter(type="drone_attack"))
    assert ev["sources"] == 3
    assert ev["independent_sources"] == 2  # the copy counts with its original
    assert (ev["admin1"], ev["actor"], ev["date"], ev["injured"]) == (
        "Michoacán",
        "Jalisco New Generation Cartel",
        "2021-04-19",
        2,
    )
    assert ev["reliability"] == "A"


def test_two_attacks_on_the_same_day_in_neighbouring_states_stay_apart(store, tmp_path):
    _run(store, tmp_path, [_doc(1, AGUILILLA_EN, "Reuters"), _doc(2, SAME_DAY_JALISCO, "Milenio")])
    events = store.list_events(EventFilter(type="drone_attack"))
    assert sorted(e["admin1"] for e in events) == ["Jalisco", "Michoacán"]
    assert all(e["sources"] == 1 for e in events)


def test_a_contradiction_is_recorded_and_shown(store, tmp_path):
    _run(store, tmp_path, [_doc(1, AGUILILLA_EN, "Reuters"), _doc(2, AGUILILLA_OTHER, "Milenio")])
    (ev,) = store.list_events(EventFilter(type="drone_attack"))
    assert ev["disputed"]
    detail = store.get_event(ev["id"])
    actor = detail["fields"]["actor"]
    assert actor["value"] == "Jalisco New Generation Cartel"  # Reuters (A) outweighs Milenio (C)
    assert list(actor["alternatives"]) == ["Cárteles Unidos"]
    assert len(actor["supporting"]) == 1 and len(actor["contradicting"]) == 1
    assert ev["credibility"] in (4, 5)


def test_an_analyst_merge_survives_a_full_rerun(store, tmp_path):
    _run(store, tmp_path, [_doc(1, AGUILILLA_EN, "Reuters"), _doc(2, AGUILILLA_OTHER, "Milenio")])
    store.add_decision("merge", "Jalisco New Generation Cartel", "Cárteles Unidos")
    resolve_store(store)
    resolve_store(store, full=True)
    (ev,) = store.list_events(EventFilter(type="drone_attack"))
    assert not ev["disputed"] and ev["actor"] == "Jalisco New Generation Cartel"
    store.add_decision("split", "Jalisco New Generation Cartel", "Cárteles Unidos")
    resolve_store(store)
    assert store.list_events(EventFilter(type="drone_attack"))[0]["disputed"]


def test_incremental_runs_give_the_events_of_a_full_run(tmp_path):
    from dronewatch.store import Store

    items = [
        _doc(1, AGUILILLA_EN, "Reuters"),
        _doc(2, SAME_DAY_JALISCO, "Milenio"),
        _doc(3, AGUILILLA_ES, "El Universal", lang="es"),
        _doc(4, AGUILILLA_OTHER, "Proceso"),
    ]
    inc = Store(f"sqlite:///{tmp_path / 'inc.db'}")
    for i, d in enumerate(items):
        (tmp_path / f"b{i}").mkdir()
        _run(inc, tmp_path / f"b{i}", [d])
    full = Store(f"sqlite:///{tmp_path / 'full.db'}")
    (tmp_path / "all").mkdir()
    _run(full, tmp_path / "all", items)
    resolve_store(full, full=True)

    def snapshot(s):
        return sorted(
            (e["id"], e["sources"], e["admin1"], e["actor"], e["credibility"]) for e in s.list_events()
        )

    assert snapshot(inc) == snapshot(full)


def test_event_ids_stay_while_membership_is_unchanged(store, tmp_path):
    _run(store, tmp_path, [_doc(1, AGUILILLA_EN, "Reuters"), _doc(2, SAME_DAY_JALISCO, "Milenio")])
    before = {e["admin1"]: e["id"] for e in store.list_events()}
    (tmp_path / "more").mkdir()
    later = _doc(9, AGUILILLA_ES, "El Universal", published="2021-04-23", lang="es")
    report = _run(store, tmp_path / "more", [later])
    after = {e["admin1"]: e["id"] for e in store.list_events()}
    assert after == before  # a later report joined Michoacán's event: ids did not move
    assert store.list_events(EventFilter(admin1="Michoacán"))[0]["sources"] == 2
    assert report.changed_blocks == ["MX|attack"]


@pytest.mark.parametrize("grade,expected", [("A", 3), ("F", 6)])
def test_a_single_source_is_graded_by_its_reliability(store, tmp_path, grade, expected):
    outlet = {"A": "Reuters", "F": "Unknown Blog"}[grade]
    _run(store, tmp_path, [_doc(1, AGUILILLA_EN, outlet)])
    (ev,) = store.list_events()
    assert ev["grade"] == f"{grade}{expected}"
