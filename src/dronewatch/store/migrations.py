"""Versioned migrations: a numbered list, applied in order, recorded in ``schema_migrations``.

A migration is a function of a connection; it may branch on the dialect for
what differs (full-text search). Never edit a released migration: add one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from ..errors import StoreError
from . import schema


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sa.Connection], None]


# Accents folded in the PostgreSQL search index as SQLite's FTS5 (remove_diacritics) does.
ACCENTED = "áàâäãåéèêëíìîïóòôöõúùûüñçý"
PLAIN = "aaaaaaeeeeiiiiooooouuuuncy"


def _v1_documents(conn: sa.Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.documents, schema.sightings, schema.document_bands])
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
            "title, text, tokenize='unicode61 remove_diacritics 2')"
        )
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql(
            "ALTER TABLE documents ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS "
            f"(to_tsvector('simple', translate(lower(coalesce(title, '') || ' ' || text), '{ACCENTED}', '{PLAIN}'))) "
            "STORED"
        )
        conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_documents_tsv ON documents USING gin(tsv)")


def _v2_extraction(conn: sa.Connection) -> None:
    schema.metadata.create_all(
        conn, tables=[schema.extractions, schema.claims, schema.statistics, schema.mentions]
    )


def _v3_resolution(conn: sa.Connection) -> None:
    schema.metadata.create_all(
        conn,
        tables=[
            schema.events,
            schema.event_claims,
            schema.actor_decisions,
            schema.relations,
            schema.store_meta,
        ],
    )


def _v4_tokens(conn: sa.Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.tokens])


def _v5_event_indexes(conn: sa.Connection) -> None:
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_events_type_date ON events (type, date)")
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_events_country_date ON events (country, date)")
    # covers trend and timeline counts, so they read the index and not the rows
    conn.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_events_counts ON events "
        "(date, type, country, admin1, actor, independent_sources)"
    )


def _v6_screening(conn: sa.Connection) -> None:
    schema.metadata.create_all(
        conn,
        tables=[
            schema.watchlist_entities,
            schema.watchlist_keys,
            schema.rosters,
            schema.screen_results,
            schema.audit_log,
        ],
    )


def _v7_watch_alerts(conn: sa.Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.watch_state, schema.alerts])


def _v8_claim_corrections(conn: sa.Connection) -> None:
    schema.claim_corrections.create(conn)


MIGRATIONS: list[Migration] = [
    Migration(1, "documents, sightings, near-duplicate bands, full-text index", _v1_documents),
    Migration(2, "extractions, claims, statistics, mentions", _v2_extraction),
    Migration(3, "events, event claims, actor decisions, relations", _v3_resolution),
    Migration(4, "API tokens", _v4_tokens),
    Migration(5, "event indexes for the API's filters", _v5_event_indexes),
    Migration(6, "watchlists, rosters, screening results, audit log", _v6_screening),
    Migration(7, "watcher state and alerts", _v7_watch_alerts),
    Migration(8, "analysts' corrections of claims", _v8_claim_corrections),
]

LATEST = MIGRATIONS[-1].version


def current_version(conn: sa.Connection) -> int:
    if not sa.inspect(conn).has_table("schema_migrations"):
        return 0
    v = conn.execute(sa.select(sa.func.max(schema.schema_migrations.c.version))).scalar()
    return int(v or 0)


def migrate(engine: sa.Engine) -> list[int]:
    """Bring the store to the latest version; returns the versions applied."""
    applied: list[int] = []
    with engine.begin() as conn:
        schema.metadata.create_all(conn, tables=[schema.schema_migrations])
        version = current_version(conn)
    if version > LATEST:
        raise StoreError(
            f"the store is at schema version {version}, newer than this dronewatch knows ({LATEST}): "
            "upgrade dronewatch"
        )
    for m in MIGRATIONS:
        if m.version <= version:
            continue
        with engine.begin() as conn:
            m.apply(conn)
            conn.execute(
                schema.schema_migrations.insert().values(
                    version=m.version, name=m.name, applied_at=datetime.now(UTC).replace(tzinfo=None)
                )
            )
        applied.append(m.version)
    return applied
