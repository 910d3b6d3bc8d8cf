"""Analysts' corrections of claims: checked like any input, applied on every resolution, exported as gold.

An analyst confirms, rejects or corrects one claim. The decision is stored
apart from extraction and keyed by the evidence it rests on (document,
sentence, the type the extractor gave), so re-extracting with a new model does
not lose it. Resolution applies every decision; ``export_gold`` writes the
reviewed documents in the gold format of ``SCHEMA.md``, and ``dronewatch train``
learns from them beside the corpus.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from .errors import DronewatchError
from .model import DroneType, EventType, Payload

ACTIONS = ("confirm", "reject", "correct")
# The gold fields an analyst may set, with the check each value must pass.
FIELDS = (
    "type",
    "date",
    "country",
    "admin1",
    "place",
    "actor",
    "target",
    "drone_type",
    "payload",
    "killed",
    "injured",
)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class CorrectionError(DronewatchError):
    """A decision on a claim that cannot be taken (unknown claim, action or field, bad value)."""


@dataclass(frozen=True)
class Correction:
    claim_id: str
    document_id: str
    evidence_start: int
    evidence_end: int
    original_type: str
    action: str
    fields: dict[str, Any]
    who: str | None = None

    @property
    def key(self) -> tuple[str, int, int, str]:
        return (self.document_id, self.evidence_start, self.evidence_end, self.original_type)


def _valid_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def clean_fields(changes: dict[str, Any]) -> dict[str, Any]:
    """The changes an analyst asked for, each checked and in its canonical form, or a clear error."""
    unknown = sorted(set(changes) - set(FIELDS))
    if unknown:
        raise CorrectionError(f"unknown field(s) {', '.join(unknown)}; a claim has {', '.join(FIELDS)}")
    out: dict[str, Any] = {}
    for key, value in changes.items():
        if value in ("", "null", "none"):
            value = None
        if key == "type":
            if value not in {t.value for t in EventType}:
                raise CorrectionError(f"type {value!r} is not one of {', '.join(t.value for t in EventType)}")
        elif key == "date":
            if value is not None and not _valid_date(str(value)):
                raise CorrectionError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        elif key == "country":
            if value is not None:
                value = str(value).upper()
                if not re.fullmatch(r"[A-Z]{2}", value):
                    raise CorrectionError(f"country {value!r} is not an ISO 3166-1 alpha-2 code")
        elif key == "drone_type":
            if value not in {d.value for d in DroneType}:
                raise CorrectionError(f"drone_type {value!r} is not one of {', '.join(d.value for d in DroneType)}")
        elif key == "payload":
            if value not in {p.value for p in Payload}:
                raise CorrectionError(f"payload {value!r} is not one of {', '.join(p.value for p in Payload)}")
        elif key in ("killed", "injured"):
            if value is not None:
                try:
                    value = int(value)
                except (TypeError, ValueError) as exc:
                    raise CorrectionError(f"{key} {value!r} is not a whole number") from exc
                if value < 0:
                    raise CorrectionError(f"{key} cannot be negative")
        elif value is not None:
            value = " ".join(str(value).split())[:200] or None
        out[key] = value
    return out


def decided_fields(claim: dict[str, Any], action: str, changes: dict[str, Any] | None) -> dict[str, Any]:
    """The claim's gold fields after the analyst's decision."""
    if action not in ACTIONS:
        raise CorrectionError(f"action {action!r} is not one of {', '.join(ACTIONS)}")
    if action == "correct" and not changes:
        raise CorrectionError("a correction needs at least one field to change (e.g. type=drone_seizure)")
    if action != "correct" and changes:
        raise CorrectionError(f"'{action}' takes no fields; use 'correct' to change them")
    base = {k: claim.get(k) for k in FIELDS}
    if changes:
        base.update(clean_fields(changes))
    if base.get("date") and len(str(base["date"])) >= 4:
        base["date_precision"] = {4: "year", 7: "month", 10: "day"}.get(len(str(base["date"])))
    return base


def apply(rows: list[dict[str, Any]], corrections: list[Correction]) -> list[dict[str, Any]]:
    """Claims as resolution should see them: rejected ones gone, corrected ones changed (the last word wins)."""
    latest: dict[tuple[str, int, int, str], Correction] = {}
    for c in corrections:
        latest[c.key] = c
    out = []
    for r in rows:
        dec = latest.get((r["document_id"], r["evidence_start"], r["evidence_end"], r["type"]))
        if dec is None:
            out.append(r)
        elif dec.action == "reject":
            continue
        elif dec.action == "correct":
            out.append({**r, **dec.fields})
        else:
            out.append(r)
    return out


def gold_documents(
    documents: dict[str, dict[str, Any]],
    claims: dict[str, list[dict[str, Any]]],
    corrections: list[Correction],
) -> list[dict[str, Any]]:
    """Every reviewed document in the gold format: its claims with the analysts' decisions applied.

    A document counts as reviewed once any of its claims is decided; its
    undecided claims are kept as the extractor made them, since an analyst who
    saw the document and left a claim alone did not find it wrong.
    """
    by_doc: dict[str, list[Correction]] = {}
    for corr in corrections:
        by_doc.setdefault(corr.document_id, []).append(corr)
    out = []
    for doc_id in sorted(by_doc):
        doc = documents.get(doc_id)
        if doc is None:
            continue
        text = str(doc["text"])
        decided = {c.key: c for c in by_doc[doc_id]}
        events = []
        seen: set[tuple[str, int, int, str]] = set()
        for r in claims.get(doc_id, []):
            key = (doc_id, r["evidence_start"], r["evidence_end"], r["type"])
            seen.add(key)
            dec = decided.get(key)
            if dec is not None and dec.action == "reject":
                continue
            fields = dec.fields if dec is not None else {k: r.get(k) for k in FIELDS}
            events.append(_gold_event(fields, text, r["evidence_start"], r["evidence_end"]))
        for key, kept in sorted(decided.items()):
            if key not in seen and kept.action != "reject":  # the claim is gone (re-extracted): it stays
                events.append(_gold_event(kept.fields, text, kept.evidence_start, kept.evidence_end))
        published = doc.get("published")
        out.append(
            {
                "id": "review-" + doc_id[:16],
                "title": doc.get("title") or "",
                "source": doc.get("outlet") or "",
                "url": doc.get("url"),
                "published": published.isoformat() if isinstance(published, date) else (published or ""),
                "language": doc.get("language") or "en",
                "license": "paraphrase-of-report",
                "text": text,
                "events": events,
            }
        )
    return out


def _gold_event(fields: dict[str, Any], text: str, start: int, end: int) -> dict[str, Any]:
    ev = {k: fields.get(k) for k in FIELDS}
    ev["drone_type"] = ev.get("drone_type") or "unknown"
    ev["payload"] = ev.get("payload") or "unknown"
    ev["evidence"] = text[start:end]
    return ev


def dumps(fields: dict[str, Any]) -> str:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True)
