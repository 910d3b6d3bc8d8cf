from datetime import date

import pytest
import sqlalchemy as sa

from dronewatch.errors import StoreError
from dronewatch.ingest import ingest_paths
from dronewatch.model import Document
from dronewatch.store import Store
from dronewatch.store.migrations import LATEST
from dronewatch.store.repository import DocumentFilter

from ..conftest import CORPUS


@pytest.fixture
def corpus_store(any_store):
    ingest_paths([CORPUS], any_store)
    return any_store


def test_sqlite_is_wal_and_migrated(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        versions = conn.exec_driver_sql("SELECT version FROM schema_migrations").scalars().all()
    assert versions == list(range(1, LATEST + 1))


def test_reopening_applies_no_migration_twice(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    Store(url).close()
    s = Store(url)
    with s.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM schema_migrations").scalar() == LATEST


def test_a_newer_store_is_refused(any_store):
    url = any_store.url
    s = any_store
    with s.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO schema_migrations(version, name, applied_at) VALUES (999, 'future', '2030-01-01')"
        )
    s.close()
    with pytest.raises(StoreError, match="newer than this dronewatch"):
        Store(url)


def test_not_a_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(f"sqlite:///{bad}")
    with pytest.raises(StoreError, match="not a database URL"):
        Store("nosuchdb://x")


def test_full_text_search_folds_accents_and_ands_words(corpus_store):
    hits = corpus_store.list_documents(DocumentFilter(query="Michoacan drones"))
    titles = {d.title for d in hits}
    assert "Drones drop explosives on police in Aguililla, Michoacán" in titles
    assert all("michoac" in (d.title + d.text).lower() for d in hits)
    assert corpus_store.list_documents(DocumentFilter(query='"); DROP TABLE documents; --')) == []


def test_filters_combine(corpus_store):
    es = corpus_store.list_documents(DocumentFilter(language="es"), limit=500)
    assert es and all(d.language == "es" for d in es)
    f = DocumentFilter(outlet="andes dispatch", since=date(2025, 1, 1), until=date(2025, 12, 31))
    docs = corpus_store.list_documents(f)
    assert docs and all(d.outlet == "Andes Dispatch" and d.published.year == 2025 for d in docs)
    assert corpus_store.count_documents(f) == len(docs)
    dups = corpus_store.list_documents(DocumentFilter(duplicates=True))
    assert len(dups) == 2 and all(d.near_duplicate_of for d in dups)


def test_get_document_by_id_prefix_and_external_id(corpus_store):
    d = corpus_store.list_documents(DocumentFilter(query="Cómbita"))[0]
    assert corpus_store.get_document(d.id) == d
    assert corpus_store.get_document(d.id[:10]) == d
    assert corpus_store.get_document("prisiones-co-002") == d
    assert corpus_store.get_document("ffffffffffff") is None


def test_add_document_is_atomic(any_store):
    store = any_store
    doc = Document(id="abc123", text="A drone fell in the prison yard.", title="t")
    assert store.add_document(doc, minhash=b"\x00" * 512, bands=[1, 2, 3])
    # A failure inside the transaction (bad band row) leaves no trace of the second document.
    bad = Document(id="def456", text="Another text.", title="u")
    with pytest.raises(sa.exc.IntegrityError):
        store.add_document(bad, bands=[None])  # type: ignore[list-item]
    assert not store.has_document("def456")
    with store.engine.connect() as conn:
        if store.dialect == "sqlite":
            assert conn.exec_driver_sql("SELECT count(*) FROM documents_fts").scalar() == 1
        assert conn.exec_driver_sql("SELECT count(*) FROM documents").scalar() == 1
        assert conn.exec_driver_sql("SELECT count(*) FROM sightings").scalar() == 1


def test_summary_counts(corpus_store):
    s = corpus_store.summary()
    assert s["documents"] == corpus_store.count_documents()
    assert set(s["by_language"]) == {"en", "es", "uk", "ru"}
    assert s["near_duplicates"] == 2
    assert sum(s["by_month"].values()) == s["documents"]


def test_iter_documents_visits_each_once(corpus_store):
    ids = [d.id for d in corpus_store.iter_documents(batch=7)]
    assert len(ids) == len(set(ids)) == corpus_store.count_documents()
