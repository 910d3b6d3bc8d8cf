"""A local Ray cluster gives the store the local engine gives, on the example corpus."""

import pytest

from dronewatch.extract.run import extract_store
from dronewatch.ingest import ingest_paths
from dronewatch.resolve.events import resolve_store
from dronewatch.store import Store

from ..conftest import CORPUS


def snapshot(s: Store):
    docs = sorted((d.id, d.language, d.near_duplicate_of) for d in s.list_documents(limit=1000))
    claims = sorted((c.id, str(c.type), c.date, c.country, c.actor) for c in s.list_claims())
    events = sorted(
        (e["id"], e["type"], e["date"], e["sources"], e["grade"]) for e in s.list_events(limit=1000)
    )
    return docs, claims, events


@pytest.fixture(scope="module")
def ray_cluster():
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
    yield ray
    ray.shutdown()


def test_ray_engine_equals_local_engine(ray_cluster, tmp_path):
    from dronewatch.engines import ray_engine

    local = Store(f"sqlite:///{tmp_path / 'local.db'}")
    ingest_paths([CORPUS], local)
    extract_store(local)
    resolve_store(local)

    distributed = Store(f"sqlite:///{tmp_path / 'ray.db'}")
    out = ray_engine.process(distributed, [str(CORPUS)])
    assert out["ingested"] == local.count_documents()
    assert snapshot(distributed) == snapshot(local)
    # re-running on Ray stores and changes nothing
    again = ray_engine.process(distributed, [str(CORPUS)])
    assert again["ingested"] == 0 and again["extracted"] == 0
    assert snapshot(distributed) == snapshot(local)


def test_ray_ingest_reports_bad_inputs_as_the_local_engine_does(ray_cluster, tmp_path):
    from dronewatch.config import IngestSettings
    from dronewatch.engines import ray_engine

    from ..conftest import write

    folder = tmp_path / "in"
    write(folder / "good.md", "---\ntitle: Good\n---\nSoldiers shot down a drone over the prison.\n")
    write(folder / "blank.jsonl", '{"text": "   "}\n{"text": oops}\n')
    write(
        folder / "mixed.txt",
        "Un dron cayó en el penal.\n".encode() + "Señal de drones.\n".encode("cp1252") * 3,
    )
    reports = []
    for name, run in (
        ("local", lambda s: ingest_paths([folder], s)),
        ("ray", lambda s: ray_engine.ingest(s, [str(folder)], IngestSettings())),
    ):
        store = Store(f"sqlite:///{tmp_path / name}.db")
        report = run(store)
        reports.append(
            (
                report.stored,
                sorted(str(e) for e in report.errors),
                sorted(str(w) for w in report.warnings),
                sorted(d.text for d in store.list_documents()),
            )
        )
    assert reports[0] == reports[1]
    stored, errors, warnings, _ = reports[0]
    assert stored == 2 and len(errors) == 2 and len(warnings) == 1
