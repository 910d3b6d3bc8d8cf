"""The one place that reads and writes the store.

Callers pass and receive ``model`` dataclasses; the database behind the URL
(SQLite file by default) is this module's business alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, OperationalError

from ..errors import StoreError
from ..model import Claim, DatePrecision, Document, DroneType, EventType, Payload, Span, claim_fields
from . import schema
from .corrections import CorrectionsMixin
from .events import EventsMixin
from .migrations import migrate

_SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=30000",
)


# The documents sharing LSH bands with a new one, ranked by how many bands they share: a
# near-duplicate shares many, while texts that merely share a sentence or a boilerplate line share
# one or two. Each band contributes at most BAND_FANOUT stored documents, so a band that thousands
# of texts share (an outlet's footer, a stock sentence) costs the same as a rare one: the lookup
# stays a few index probes however large the store grows. A true near-duplicate still surfaces
# through its rarer bands. Built once per dialect: building the 32-way query per document
# dominated ingest time. The limits are literals, not parameters: with a bound LIMIT SQLite's
# planner no longer trusts the candidate list to be small and scans every original instead.
CANDIDATE_CAP = 25
BAND_FANOUT = 64


def _candidates_query(bands: int) -> sa.TextualSelect:
    probes = " UNION ALL ".join(
        f"SELECT document_id FROM (SELECT document_id FROM document_bands WHERE key = :k{i} "
        f"LIMIT {BAND_FANOUT}) AS p{i}"
        for i in range(bands)
    )
    return sa.text(
        "SELECT d.id, d.minhash, d.published FROM documents d JOIN ("
        f"SELECT document_id, count(*) AS shared FROM ({probes}) AS probes "
        f"GROUP BY document_id ORDER BY shared DESC, document_id LIMIT {CANDIDATE_CAP}"
        ") c ON c.document_id = d.id WHERE d.near_duplicate_of IS NULL ORDER BY d.pk"
    ).columns(
        sa.column("id", sa.String), sa.column("minhash", sa.LargeBinary), sa.column("published", sa.Date)
    )


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class DocumentFilter:
    language: str | None = None
    outlet: str | None = None
    since: date | None = None
    until: date | None = None
    query: str | None = None
    duplicates: bool | None = None  # True: only near-duplicates; False: only originals


def _fts5_query(text: str) -> str:
    """Quote each word so user text cannot break FTS5 syntax; words are ANDed."""
    words = re.findall(r"\w+", text, flags=re.UNICODE)
    return " ".join('"' + w.replace('"', "") + '"' for w in words)


class _ExtractionMixin:
    """Claims, statistics and mentions: written per document, atomically, by extractor version."""

    engine: sa.Engine

    def pending_extraction(self, extractor: str, batch: int = 500) -> Iterable[str]:
        """Ids of documents not yet extracted by ``extractor``, in store order."""
        d, e = schema.documents.c, schema.extractions.c
        last = 0
        while True:
            q = (
                sa.select(d.pk, d.id)
                .select_from(schema.documents.outerjoin(schema.extractions, e.document_id == d.id))
                .where(d.pk > last, sa.or_(e.extractor.is_(None), e.extractor != extractor))
                .order_by(d.pk)
                .limit(batch)
            )
            with self.engine.connect() as conn:
                rows = conn.execute(q).all()
            if not rows:
                return
            for r in rows:
                yield r.id
            last = rows[-1].pk

    def count_pending(self, extractor: str) -> int:
        d, e = schema.documents.c, schema.extractions.c
        q = (
            sa.select(sa.func.count())
            .select_from(schema.documents.outerjoin(schema.extractions, e.document_id == d.id))
            .where(sa.or_(e.extractor.is_(None), e.extractor != extractor))
        )
        with self.engine.connect() as conn:
            return int(conn.execute(q).scalar() or 0)

    def save_extraction(self, extraction: Any) -> None:
        """Replace a document's claims, statistics and mentions in one transaction."""
        doc_id = extraction.document_id
        now = _now()
        with self.engine.begin() as conn:
            for table in (schema.claims, schema.statistics, schema.mentions, schema.relations):
                conn.execute(table.delete().where(table.c.document_id == doc_id))
            if extraction.claims:
                conn.execute(schema.claims.insert(), [_claim_row(c) for c in extraction.claims])
            if extraction.statistics:
                conn.execute(
                    schema.statistics.insert(),
                    [
                        {
                            "document_id": doc_id,
                            "metric": st.metric,
                            "value": st.value,
                            "qualifier": st.qualifier,
                            "country": st.country,
                            "period": st.period,
                            "evidence_start": st.evidence.start,
                            "evidence_end": st.evidence.end,
                            "extractor": st.extractor,
                        }
                        for st in extraction.statistics
                    ],
                )
            if extraction.mentions:
                conn.execute(
                    schema.mentions.insert(),
                    [
                        {
                            "document_id": doc_id,
                            "kind": m.kind,
                            "text": m.text[:300],
                            "resolved": m.resolved,
                            "start": m.span.start,
                            "end": m.span.end,
                        }
                        for m in extraction.mentions
                    ],
                )
            if extraction.relations:
                conn.execute(
                    schema.relations.insert(),
                    [
                        {
                            "document_id": doc_id,
                            "subject": r.subject,
                            "predicate": r.predicate,
                            "object": r.object,
                            "evidence_start": r.start,
                            "evidence_end": r.end,
                            "extractor": extraction.extractor,
                        }
                        for r in extraction.relations
                    ],
                )
            conn.execute(schema.extractions.delete().where(schema.extractions.c.document_id == doc_id))
            conn.execute(
                schema.extractions.insert().values(
                    document_id=doc_id,
                    extractor=extraction.extractor,
                    claims=len(extraction.claims),
                    extracted_at=now,
                )
            )

    def list_claims(self, document_id: str | None = None, limit: int | None = None) -> list[Claim]:
        c = schema.claims.c
        q = sa.select(schema.claims, schema.documents.c.text).join(
            schema.documents, schema.documents.c.id == c.document_id
        )
        if document_id:
            q = q.where(c.document_id == document_id)
        q = q.order_by(c.document_id, c.evidence_start)
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            return [_row_claim(r) for r in conn.execute(q)]

    def extraction_counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                "extracted_documents": int(
                    conn.execute(sa.select(sa.func.count()).select_from(schema.extractions)).scalar() or 0
                ),
                "claims": int(
                    conn.execute(sa.select(sa.func.count()).select_from(schema.claims)).scalar() or 0
                ),
                "statistics": int(
                    conn.execute(sa.select(sa.func.count()).select_from(schema.statistics)).scalar() or 0
                ),
                "candidate_actors": int(
                    conn.execute(
                        sa.select(sa.func.count(sa.distinct(schema.mentions.c.resolved))).where(
                            schema.mentions.c.kind == "candidate_actor"
                        )
                    ).scalar()
                    or 0
                ),
            }


def _claim_row(c: Claim) -> dict[str, Any]:
    return {
        **claim_fields(c),
        "id": c.id,
        "document_id": c.document_id,
        "evidence_start": c.evidence.start,
        "evidence_end": c.evidence.end,
        "extractor": c.extractor,
    }


def _row_claim(r: Any) -> Claim:
    return Claim(
        id=r.id,
        document_id=r.document_id,
        type=EventType(r.type),
        evidence=Span(r.evidence_start, r.evidence_end),
        evidence_text=r.text[r.evidence_start : r.evidence_end],
        date=r.date,
        date_precision=DatePrecision(r.date_precision) if r.date_precision else None,
        country=r.country,
        admin1=r.admin1,
        place=r.place,
        lat=r.lat,
        lon=r.lon,
        actor=r.actor,
        target=r.target,
        drone_type=DroneType(r.drone_type),
        payload=Payload(r.payload),
        killed=r.killed,
        injured=r.injured,
        confidence=r.confidence,
        background=bool(r.background),
        extractor=r.extractor,
    )


class Store(_ExtractionMixin, EventsMixin, CorrectionsMixin):
    """A dronewatch store at one SQLAlchemy URL."""

    def __init__(self, url: str) -> None:
        # "postgresql://..." means psycopg 3, the driver dronewatch installs
        if url.startswith(("postgresql://", "postgres://")):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        self.url = url
        try:
            if url.startswith("sqlite:///"):
                path = Path(url[len("sqlite:///") :])
                if str(path) not in ("", ":memory:"):
                    path.parent.mkdir(parents=True, exist_ok=True)
            self.engine = sa.create_engine(url, future=True)
        except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as exc:
            raise StoreError(f"{url}: not a database URL dronewatch can use ({exc})") from exc
        self._candidate_queries: dict[int, sa.TextualSelect] = {}
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", self._sqlite_connect)
        try:
            migrate(self.engine)
        except sa.exc.DatabaseError as exc:
            raise StoreError(f"{url}: cannot open the store ({exc.orig})") from exc

    @staticmethod
    def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        for pragma in _SQLITE_PRAGMAS:
            cur.execute(pragma)
        cur.close()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    # -- writing -------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(schema.documents.c.pk).where(schema.documents.c.id == doc_id)
            ).first()
        return row is not None

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` are stored already: one query for a batch of documents."""
        d = schema.documents.c
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                rows = conn.execute(sa.select(d.id).where(d.id.in_(list(ids[i : i + 500]))))
                found.update(r[0] for r in rows)
        return found

    def add_document(
        self,
        doc: Document,
        minhash: bytes | None = None,
        bands: Sequence[int] = (),
        similarity: float | None = None,
        supersedes: str | None = None,
    ) -> bool:
        """Store a document, its search entry, its LSH bands and its first sighting, atomically.

        Returns False (and writes nothing but a sighting) when the same text is
        already stored: re-ingesting is safe. ``supersedes`` names a stored document
        that is a near-duplicate of this one but was published later: it, and its own
        copies, are re-pointed here, so the earliest report is always the original.
        """
        now = _now()
        d = schema.documents.c
        try:
            with self.engine.begin() as conn:
                inserted = conn.execute(
                    schema.documents.insert().values(
                        id=doc.id,
                        external_id=doc.external_id,
                        title=doc.title,
                        url=doc.url,
                        outlet=doc.outlet,
                        published=doc.published,
                        language=doc.language,
                        grade=doc.grade,
                        near_duplicate_of=doc.near_duplicate_of,
                        similarity=similarity,
                        text=doc.text,
                        origin=doc.origin,
                        minhash=minhash,
                        ingested_at=now,
                    )
                ).inserted_primary_key
                pk = inserted[0] if inserted is not None else None
                if self.dialect == "sqlite":
                    conn.exec_driver_sql(
                        "INSERT INTO documents_fts(rowid, title, text) VALUES (?, ?, ?)",
                        (pk, doc.title or "", doc.text),
                    )
                if bands:
                    conn.execute(
                        schema.document_bands.insert(),
                        [{"key": k, "document_id": doc.id} for k in bands],
                    )
                if supersedes:
                    conn.execute(
                        schema.documents.update()
                        .where(sa.or_(d.id == supersedes, d.near_duplicate_of == supersedes))
                        .values(near_duplicate_of=doc.id, similarity=similarity)
                    )
                self._add_sighting(conn, doc, now)
        except IntegrityError:
            # The same text is already stored (perhaps by another writer just now): record
            # where it was seen again. Any other constraint failure is a bug and is raised.
            if not self.has_document(doc.id):
                raise
            with self.engine.begin() as conn:
                self._add_sighting(conn, doc, now)
            return False
        except OperationalError as exc:
            raise StoreError(f"{self.url}: write failed ({exc.orig})") from exc
        return True

    def _add_sighting(self, conn: sa.Connection, doc: Document, now: datetime) -> None:
        values = {
            "document_id": doc.id,
            "outlet": doc.outlet or "",
            "url": doc.url or "",
            "origin": doc.origin,
            "seen_at": now,
        }
        if self.dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert as dialect_insert
        else:
            from sqlalchemy.dialects.postgresql import insert as dialect_insert  # type: ignore[assignment]
        conn.execute(dialect_insert(schema.sightings).values(**values).on_conflict_do_nothing())

    # -- near duplicates -----------------------------------------------------

    def band_candidates(self, bands: Sequence[int]) -> list[tuple[str, bytes, date | None]]:
        """Original documents (not themselves copies) sharing an LSH band with ``bands``:
        id, signature, publication date."""
        if not bands:
            return []
        query = self._candidate_queries.get(len(bands))
        if query is None:
            query = self._candidate_queries[len(bands)] = _candidates_query(len(bands))
        params: dict[str, Any] = {f"k{i}": k for i, k in enumerate(bands)}
        with self.engine.connect() as conn:
            rows = conn.execute(query, params).all()
        return [(r[0], r[1], r[2]) for r in rows if r[1] is not None]

    # -- reading -------------------------------------------------------------

    @staticmethod
    def _to_document(row: Any) -> Document:
        return Document(
            id=row.id,
            text=row.text,
            title=row.title,
            url=row.url,
            outlet=row.outlet,
            published=row.published,
            language=row.language,
            grade=row.grade,
            near_duplicate_of=row.near_duplicate_of,
            external_id=row.external_id,
            origin=row.origin,
            ingested_at=row.ingested_at,
        )

    def get_document(self, doc_id: str) -> Document | None:
        """By full id, unique id prefix (at least 6 characters) or external id."""
        d = schema.documents.c
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(schema.documents).where(d.id == doc_id)).first()
            if row is None and len(doc_id) >= 6 and re.fullmatch(r"[0-9a-f]+", doc_id):
                rows = conn.execute(sa.select(schema.documents).where(d.id.like(doc_id + "%")).limit(2)).all()
                row = rows[0] if len(rows) == 1 else None
            if row is None:
                row = conn.execute(
                    sa.select(schema.documents).where(d.external_id == doc_id).limit(1)
                ).first()
        return self._to_document(row) if row is not None else None

    def sightings_of(self, doc_id: str) -> list[dict[str, Any]]:
        s = schema.sightings.c
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(s.outlet, s.url, s.origin, s.seen_at)
                .where(s.document_id == doc_id)
                .order_by(s.seen_at)
            ).all()
        return [dict(r._mapping) for r in rows]

    def _filtered(self, f: DocumentFilter) -> sa.Select[Any]:
        d = schema.documents.c
        q = sa.select(schema.documents)
        if f.language:
            q = q.where(d.language == f.language)
        if f.outlet:
            q = q.where(sa.func.lower(d.outlet) == f.outlet.lower())
        if f.since:
            q = q.where(d.published >= f.since)
        if f.until:
            q = q.where(d.published <= f.until)
        if f.duplicates is True:
            q = q.where(d.near_duplicate_of.is_not(None))
        elif f.duplicates is False:
            q = q.where(d.near_duplicate_of.is_(None))
        if f.query:
            if self.dialect == "sqlite":
                match = _fts5_query(f.query)
                if not match:
                    return q.where(sa.false())
                fts = sa.text("SELECT rowid FROM documents_fts WHERE documents_fts MATCH :m").bindparams(
                    m=match
                )
                q = q.where(d.pk.in_(fts))
            else:
                from .migrations import ACCENTED, PLAIN

                folded = f.query.lower().translate(str.maketrans(ACCENTED, PLAIN))
                q = q.where(sa.text("tsv @@ plainto_tsquery('simple', :q)").bindparams(q=folded))
        return q

    def list_documents(
        self, f: DocumentFilter | None = None, limit: int = 50, offset: int = 0
    ) -> list[Document]:
        d = schema.documents.c
        q = self._filtered(f or DocumentFilter())
        q = q.order_by(d.published.desc().nulls_last(), d.pk).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [self._to_document(r) for r in conn.execute(q)]

    def count_documents(self, f: DocumentFilter | None = None) -> int:
        q = self._filtered(f or DocumentFilter()).subquery()
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(q)).scalar() or 0)

    def iter_documents(self, batch: int = 500) -> Iterable[Document]:
        d = schema.documents.c
        last = 0
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(
                    sa.select(schema.documents).where(d.pk > last).order_by(d.pk).limit(batch)
                ).all()
            if not rows:
                return
            for r in rows:
                yield self._to_document(r)
            last = rows[-1].pk

    def summary(self) -> dict[str, Any]:
        """Counts for ``dronewatch status`` and the demo: by language, outlet, month."""
        d = schema.documents.c
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(d.language, d.outlet, d.published, d.near_duplicate_of)).all()
            sightings = conn.execute(sa.select(sa.func.count()).select_from(schema.sightings)).scalar()
            version = conn.execute(sa.select(sa.func.max(schema.schema_migrations.c.version))).scalar()
        by_lang: Counter[str] = Counter()
        by_outlet: Counter[str] = Counter()
        by_month: Counter[str] = Counter()
        dups = 0
        for lang, outlet, published, dup in rows:
            by_lang[lang or "?"] += 1
            by_outlet[outlet or "?"] += 1
            by_month[published.strftime("%Y-%m") if published else "undated"] += 1
            dups += dup is not None
        return {
            "documents": len(rows),
            "near_duplicates": dups,
            "exact_copies": int(sightings or 0) - len(rows),
            "by_language": dict(by_lang.most_common()),
            "by_outlet": dict(by_outlet.most_common()),
            "by_month": dict(sorted(by_month.items())),
            "schema_version": int(version or 0),
        }


def open_store(url: str) -> Store:
    return Store(url)
