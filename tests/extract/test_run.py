from dronewatch.extract import extractor_version
from dronewatch.extract.run import extract_store
from dronewatch.ingest import ingest_paths

from ..conftest import CORPUS


def test_extraction_is_resumable_and_versioned(store):
    ingest_paths([CORPUS], store)
    total = store.count_documents()
    assert store.count_pending(extractor_version()) == total
    assert extract_store(store, limit=5) == 5
    assert store.count_pending(extractor_version()) == total - 5
    assert extract_store(store) == total - 5
    assert extract_store(store) == 0  # nothing new: nothing re-done
    claims = store.list_claims()
    assert claims and all(c.extractor == extractor_version() for c in claims)
    # every claim's evidence is the exact text of its document
    for c in claims:
        d = store.get_document(c.document_id)
        assert d.text[c.evidence.start : c.evidence.end] == c.evidence_text


def test_parallel_extraction_equals_serial(tmp_path):
    from dronewatch.store import Store

    a = Store(f"sqlite:///{tmp_path / 'a.db'}")
    b = Store(f"sqlite:///{tmp_path / 'b.db'}")
    for s in (a, b):
        ingest_paths([CORPUS], s)
    extract_store(a, workers=1)
    extract_store(b, workers=2)

    def key(s):
        return sorted((c.id, c.type, c.date, c.country, c.actor) for c in s.list_claims())

    assert key(a) == key(b)


def test_example_corpus_yields_the_expected_events(store):
    ingest_paths([CORPUS], store)
    extract_store(store)
    by_type = {}
    for c in store.list_claims():
        by_type.setdefault(str(c.type), []).append(c)
    assert {"drone_attack", "drone_seizure", "drone_smuggling", "infiltration_probe", "counter_drone"} <= set(
        by_type
    )
    amalfi = [c for c in by_type["drone_attack"] if c.admin1 == "Antioquia"]
    assert amalfi and all(c.killed == 13 for c in amalfi)
    negatives = {
        "Delivery drones expand to more suburbs around Dallas",
        "Russia strikes Kharkiv with attack drones overnight",
    }
    neg_ids = {d.id for d in store.list_documents(limit=500) if d.title in negatives}
    assert not [c for c in store.list_claims() if c.document_id in neg_ids]
