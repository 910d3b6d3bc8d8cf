"""Analysts' corrections of claims in the store (a part of the repository)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from ..corrections import Correction, decided_fields, dumps, gold_documents
from ..errors import NotFound
from . import schema


class CorrectionsMixin:
    engine: sa.Engine

    def correct_claim(
        self, claim_id: str, action: str, changes: dict[str, Any] | None = None, who: str | None = None
    ) -> Correction:
        """Record an analyst's decision on one claim; the claim must exist."""
        c = schema.claims.c
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(schema.claims).where(c.id == claim_id)).first()
            if row is None:
                raise NotFound(f"no claim {claim_id!r} in this store (see 'dronewatch claims --json')")
            claim = dict(row._mapping)
            fields = decided_fields(claim, action, changes)
            conn.execute(
                schema.claim_corrections.insert().values(
                    claim_id=claim_id,
                    document_id=claim["document_id"],
                    evidence_start=claim["evidence_start"],
                    evidence_end=claim["evidence_end"],
                    original_type=claim["type"],
                    action=action,
                    fields=dumps(fields),
                    who=who,
                    created_at=datetime.now(UTC).replace(tzinfo=None),
                )
            )
        return Correction(
            claim_id,
            claim["document_id"],
            claim["evidence_start"],
            claim["evidence_end"],
            claim["type"],
            action,
            fields,
            who,
        )

    def corrections(self) -> list[Correction]:
        t = schema.claim_corrections
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t).order_by(t.c.pk)).all()
        return [
            Correction(
                r.claim_id,
                r.document_id,
                r.evidence_start,
                r.evidence_end,
                r.original_type,
                r.action,
                json.loads(r.fields),
                r.who,
            )
            for r in rows
        ]

    def correction_rows(self) -> list[dict[str, Any]]:
        """Every decision with when it was taken, newest last (for listing)."""
        t = schema.claim_corrections
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t).order_by(t.c.pk)).all()
        return [
            {
                "claim_id": r.claim_id,
                "document_id": r.document_id,
                "original_type": r.original_type,
                "action": r.action,
                "fields": json.loads(r.fields),
                "who": r.who,
                "created_at": r.created_at.isoformat(timespec="seconds"),
            }
            for r in rows
        ]

    def correction_count(self) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(sa.select(sa.func.count()).select_from(schema.claim_corrections)).scalar() or 0
            )

    def export_gold(self) -> list[dict[str, Any]]:
        """The reviewed documents in the gold JSONL format, for ``dronewatch train``."""
        corrections = self.corrections()
        ids = sorted({c.document_id for c in corrections})
        if not ids:
            return []
        d, c = schema.documents.c, schema.claims.c
        documents: dict[str, dict[str, Any]] = {}
        claims: dict[str, list[dict[str, Any]]] = {}
        with self.engine.connect() as conn:
            for r in conn.execute(sa.select(schema.documents).where(d.id.in_(ids))):
                documents[r.id] = dict(r._mapping)
            for r in conn.execute(
                sa.select(schema.claims).where(c.document_id.in_(ids)).order_by(c.document_id, c.evidence_start)
            ):
                claims.setdefault(r.document_id, []).append(dict(r._mapping))
        return gold_documents(documents, claims, corrections)


__all__ = ["CorrectionsMixin"]
