"""Tables as SQLAlchemy Core objects: the current shape of the store.

Migrations (``migrations.py``) create and evolve these; queries use them.
Search indexes that differ by database (FTS5, tsvector) are created by the
migrations, not declared here.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

schema_migrations = sa.Table(
    "schema_migrations",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("applied_at", sa.DateTime, nullable=False),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(64), nullable=False, unique=True),
    sa.Column("external_id", sa.String(300)),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.String(300)),
    sa.Column("published", sa.Date),
    sa.Column("language", sa.String(8)),
    sa.Column("grade", sa.String(1), nullable=False, server_default="F"),
    sa.Column("near_duplicate_of", sa.String(64)),
    sa.Column("similarity", sa.Float),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("origin", sa.Text),
    sa.Column("minhash", sa.LargeBinary),
    sa.Column("ingested_at", sa.DateTime, nullable=False),
    sa.Index("ix_documents_language", "language"),
    sa.Index("ix_documents_outlet", "outlet"),
    sa.Index("ix_documents_published", "published"),
    sa.Index("ix_documents_near_duplicate_of", "near_duplicate_of"),
)

# Where else the same text was seen: an exact copy from another outlet or URL is
# one document with several sightings, so corroboration can count it once.
sightings = sa.Table(
    "sightings",
    metadata,
    sa.Column("document_id", sa.String(64), sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("outlet", sa.String(300), nullable=False, server_default=""),
    sa.Column("url", sa.Text, nullable=False, server_default=""),
    sa.Column("origin", sa.Text),
    sa.Column("seen_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("document_id", "outlet", "url", name="uq_sightings"),
)

# MinHash LSH bands kept in the database, so near-duplicate lookup needs no
# in-memory index and is written in the same transaction as the document.
document_bands = sa.Table(
    "document_bands",
    metadata,
    sa.Column("key", sa.BigInteger, nullable=False),  # hash of (band number, band rows)
    sa.Column("document_id", sa.String(64), sa.ForeignKey("documents.id"), nullable=False),
    sa.Index("ix_document_bands_key", "key"),
)


# Which extractor version has processed which document: extraction is resumable and
# re-runs only where the version changed.
extractions = sa.Table(
    "extractions",
    metadata,
    sa.Column("document_id", sa.String(64), sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("extractor", sa.String(100), nullable=False),
    sa.Column("claims", sa.Integer, nullable=False),
    sa.Column("extracted_at", sa.DateTime, nullable=False),
    sa.Index("ix_extractions_extractor", "extractor"),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("document_id", sa.String(64), sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("type", sa.String(40), nullable=False),
    sa.Column("date", sa.String(10)),
    sa.Column("date_precision", sa.String(5)),
    sa.Column("country", sa.String(2)),
    sa.Column("admin1", sa.String(200)),
    sa.Column("place", sa.String(200)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("actor", sa.String(200)),
    sa.Column("target", sa.String(200)),
    sa.Column("drone_type", sa.String(20), nullable=False),
    sa.Column("payload", sa.String(20), nullable=False),
    sa.Column("killed", sa.Integer),
    sa.Column("injured", sa.Integer),
    sa.Column("evidence_start", sa.Integer, nullable=False),
    sa.Column("evidence_end", sa.Integer, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("background", sa.Boolean, nullable=False),
    sa.Column("extractor", sa.String(100), nullable=False),
    sa.Index("ix_claims_document", "document_id"),
    sa.Index("ix_claims_type_country_date", "type", "country", "date"),
)

statistics = sa.Table(
    "statistics",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("document_id", sa.String(64), sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("metric", sa.String(100), nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("qualifier", sa.String(50)),
    sa.Column("country", sa.String(2)),
    sa.Column("period", sa.String(40)),
    sa.Column("evidence_start", sa.Integer, nullable=False),
    sa.Column("evidence_end", sa.Integer, nullable=False),
    sa.Column("extractor", sa.String(100), nullable=False),
    sa.Index("ix_statistics_document", "document_id"),
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("document_id", sa.String(64), sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("text", sa.String(300), nullable=False),
    sa.Column("resolved", sa.String(300)),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Index("ix_mentions_document", "document_id"),
    sa.Index("ix_mentions_kind_resolved", "kind", "resolved"),
)


# Real-world events: claims of many documents merged by resolution.
events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("block", sa.String(80), nullable=False),  # country|family: the unit re-resolved together
    sa.Column("type", sa.String(40), nullable=False),
    sa.Column("date", sa.String(10)),
    sa.Column("country", sa.String(2)),
    sa.Column("admin1", sa.String(200)),
    sa.Column("place", sa.String(200)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("actor", sa.String(200)),
    sa.Column("target", sa.String(200)),
    sa.Column("drone_type", sa.String(20)),
    sa.Column("payload", sa.String(20)),
    sa.Column("killed", sa.Integer),
    sa.Column("injured", sa.Integer),
    sa.Column("claims", sa.Integer, nullable=False),
    sa.Column("sources", sa.Integer, nullable=False),
    sa.Column("independent_sources", sa.Integer, nullable=False),
    sa.Column("reliability", sa.String(1), nullable=False),
    sa.Column("credibility", sa.Integer, nullable=False),
    sa.Column("disputed", sa.Boolean, nullable=False),
    sa.Column("first_reported", sa.Date),
    sa.Column("last_reported", sa.Date),
    sa.Column("fields", sa.Text, nullable=False),  # JSON: field -> value, supporting, contradicting
    sa.Column("resolved_at", sa.DateTime, nullable=False),
    sa.Index("ix_events_block", "block"),
    sa.Index("ix_events_type_country_date", "type", "country", "date"),
    sa.Index("ix_events_actor", "actor"),
    sa.Index("ix_events_date", "date"),
)

event_claims = sa.Table(
    "event_claims",
    metadata,
    sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), nullable=False),
    sa.Column("claim_id", sa.String(64), nullable=False, unique=True),
    sa.Index("ix_event_claims_event", "event_id"),
)

# An analyst's word on actors: kept apart from what extraction finds, so it survives re-runs.
actor_decisions = sa.Table(
    "actor_decisions",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("action", sa.String(20), nullable=False),  # merge | rename | confirm | reject | split
    sa.Column("subject", sa.String(300), nullable=False),
    sa.Column("object", sa.String(300)),
    sa.Column("kind", sa.String(40)),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

# An analyst's word on a claim (confirm, reject, correct): kept apart from what extraction finds, keyed by
# the evidence it rests on so that it outlives re-extraction, and exported as training data.
claim_corrections = sa.Table(
    "claim_corrections",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("claim_id", sa.String(64), nullable=False),
    sa.Column("document_id", sa.String(64), nullable=False),
    sa.Column("evidence_start", sa.Integer, nullable=False),
    sa.Column("evidence_end", sa.Integer, nullable=False),
    sa.Column("original_type", sa.String(40), nullable=False),
    sa.Column("action", sa.String(10), nullable=False),  # confirm | reject | correct
    sa.Column("fields", sa.Text, nullable=False),  # JSON: the claim's schema fields after the decision
    sa.Column("who", sa.String(200)),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Index("ix_claim_corrections_document", "document_id"),
)

# Relations between actors stated in text, one row per evidence sentence.
relations = sa.Table(
    "relations",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("document_id", sa.String(64), sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("subject", sa.String(300), nullable=False),
    sa.Column("predicate", sa.String(40), nullable=False),
    sa.Column("object", sa.String(300), nullable=False),
    sa.Column("evidence_start", sa.Integer, nullable=False),
    sa.Column("evidence_end", sa.Integer, nullable=False),
    sa.Column("extractor", sa.String(100), nullable=False),
    sa.Index("ix_relations_document", "document_id"),
    sa.Index("ix_relations_subject", "subject"),
    sa.Index("ix_relations_object", "object"),
)


store_meta = sa.Table(
    "store_meta",
    metadata,
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)


# API tokens: only a hash is kept; the token itself is shown once, when it is made.
tokens = sa.Table(
    "tokens",
    metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime, nullable=False),
)


# Screening: watchlist entities, their blocking keys, rosters screened, results, and the audit log.
watchlist_entities = sa.Table(
    "watchlist_entities",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(200), nullable=False),
    sa.Column("watchlist", sa.String(100), nullable=False),
    sa.Column("schema", sa.String(40), nullable=False),
    sa.Column("name", sa.String(500), nullable=False),
    sa.Column("aliases", sa.Text, nullable=False),  # JSON list
    sa.Column("birth_date", sa.String(10)),
    sa.Column("nationality", sa.String(2)),
    sa.Column("identifiers", sa.Text, nullable=False),  # JSON list
    sa.Column("tie", sa.String(300)),  # the group this entity is tied to, when known
    sa.Column("source", sa.Text),
    sa.UniqueConstraint("watchlist", "id", name="uq_watchlist_entity"),
)

watchlist_keys = sa.Table(
    "watchlist_keys",
    metadata,
    sa.Column("key", sa.String(100), nullable=False),
    sa.Column("entity_pk", sa.Integer, nullable=False),
    sa.Index("ix_watchlist_keys_key", "key"),
)

rosters = sa.Table(
    "rosters",
    metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("name", sa.String(300), nullable=False),
    sa.Column("rows", sa.Integer, nullable=False),
    sa.Column("screened_by", sa.String(200), nullable=False),
    sa.Column("screened_at", sa.DateTime, nullable=False),
)

screen_results = sa.Table(
    "screen_results",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("roster_id", sa.String(16), sa.ForeignKey("rosters.id"), nullable=False),
    sa.Column("row", sa.Integer, nullable=False),
    sa.Column("query", sa.Text, nullable=False),  # the roster row's name (kept only while the roster is)
    sa.Column("entity_pk", sa.Integer),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("explanation", sa.Text, nullable=False),  # JSON: features, reasons, paths
    sa.Column("decision", sa.String(20)),  # confirmed | cleared
    sa.Column("decided_at", sa.DateTime),
    sa.Index("ix_screen_results_roster", "roster_id"),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("who", sa.String(200), nullable=False),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("subject", sa.String(200)),  # a roster id, never its contents
    sa.Column("detail", sa.String(300)),
)


# The watcher's state per source: what to send for a conditional GET, when to poll next.
watch_state = sa.Table(
    "watch_state",
    metadata,
    sa.Column("source", sa.String(200), primary_key=True),
    sa.Column("etag", sa.String(300)),
    sa.Column("last_modified", sa.String(100)),
    sa.Column("last_success", sa.DateTime),
    sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
    sa.Column("next_poll", sa.DateTime),
)

# Alerts: one row per (rule, subject) ever raised; delivered once, retried while "pending".
alerts = sa.Table(
    "alerts",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("rule", sa.String(200), nullable=False),
    sa.Column("subject", sa.String(300), nullable=False),  # event id, link, or month
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),  # pending | sent | failed
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("sent_at", sa.DateTime),
    sa.UniqueConstraint("rule", "subject", name="uq_alert_once"),
)
