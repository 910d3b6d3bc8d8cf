"""``dronewatch predict``: documents in the eval JSONL format in, events per document out.

The whole pipeline runs for real: ingest into a temporary store, extract, read
back. Each output line carries the input's own ``id``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .config import IngestSettings
from .errors import InputError
from .extract.run import extract_store
from .ingest import ingest_paths
from .ingest.normalise import clean_text, content_id
from .ingest.readers import RawDocument
from .ingest.readers.jsonl import read_jsonl
from .jsonl import read_objects
from .model import Claim, claim_fields
from .resolve.events import resolve_store
from .store import Store


def claim_json(c: Claim) -> dict[str, Any]:
    return {
        **claim_fields(c),
        "evidence": c.evidence_text,
        "evidence_span": [c.evidence.start, c.evidence.end],
        "event_id": c.id,  # the merged event's id once resolution has run
    }


def predict(path: Path, workers: int = 1, errors: list[InputError] | None = None) -> Iterator[dict[str, Any]]:
    data = path.read_bytes()
    items = list(read_jsonl(str(path), data))
    with tempfile.TemporaryDirectory(prefix="dronewatch-predict-") as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'predict.db'}")
        report = ingest_paths([path], store, IngestSettings())
        if errors is not None:
            errors.extend(report.errors)
        extract_store(store, workers=workers)
        resolve_store(store)
        event_of = store.claim_events()
        for item in items:
            if not isinstance(item, RawDocument):
                continue
            doc_id = content_id(clean_text(item.text))
            claims = store.list_claims(doc_id)
            stats = _statistics(store, doc_id)
            events = []
            for c in claims:
                ev = claim_json(c)
                ev["event_id"] = event_of.get(c.id or "", c.id)
                events.append(ev)
            yield {"id": item.external_id, "events": events, "statistics": stats}
        store.close()


def _statistics(store: Store, doc_id: str) -> list[dict[str, Any]]:
    import sqlalchemy as sa

    from .store import schema

    s = schema.statistics.c
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(schema.statistics).where(s.document_id == doc_id)).all()
        text = conn.execute(
            sa.select(schema.documents.c.text).where(schema.documents.c.id == doc_id)
        ).scalar()
    return [
        {
            "metric": r.metric,
            "value": r.value,
            "qualifier": r.qualifier,
            "country": r.country,
            "period": r.period,
            "evidence": (text or "")[r.evidence_start : r.evidence_end],
        }
        for r in rows
    ]


def load_jsonl(path: Path) -> dict[str, dict[str, Any]]:
    out = {}
    for n, obj in read_objects(path):
        if "id" not in obj:
            raise InputError(str(path), "each line must be an object with an 'id'", n)
        out[str(obj["id"])] = obj
    return out
