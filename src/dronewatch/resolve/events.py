"""Resolution over the store: claims into events, block by block, with their grades.

A block is one country and one type family. ``resolve_store`` re-resolves the blocks that
have new or vanished claims (or every block with ``full=True``, and always after a new
analyst decision); a block's events depend only on its claims, so an incremental run gives
the events a full run would, and an event keeps its id while its founding claim stays.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..store import Store
from .actors import ActorNames
from .cluster import FAMILY, ClaimRef, Cluster, block_key, cluster_block
from .corroboration import FIELDS, Support, best_grade, credibility, decide

RESOLVER_VERSION = "dronewatch.resolve.v1"
_NUMBER = re.compile(r"\b\d{2,}\b")


@dataclass
class ResolvedEvent:
    id: str
    block: str
    claim_ids: list[str]
    values: dict[str, Any]
    fields: dict[str, dict[str, Any]]
    sources: int
    independent_sources: int
    reliability: str
    credibility: int
    disputed: bool
    first_reported: date | None
    last_reported: date | None


@dataclass
class ResolveReport:
    blocks: int = 0
    claims: int = 0
    events: int = 0
    changed_blocks: list[str] = field(default_factory=list)


def block_name(key: tuple[str | None, str]) -> str:
    return f"{key[0] or '??'}|{key[1]}"


def anchors(row: dict[str, Any]) -> frozenset[str]:
    """What two reports of one event share in any language: names and figures."""
    out = set()
    for k in ("actor", "place", "admin1"):
        if row.get(k):
            out.add(f"{k}:{row[k]}")
    for k in ("killed", "injured"):
        if row.get(k) is not None:
            out.add(f"{k}:{row[k]}")
    for n in _NUMBER.findall(row.get("evidence") or ""):
        if not (len(n) == 4 and n.startswith(("19", "20"))):
            out.add(f"n:{n}")
    return frozenset(out)


def to_ref(row: dict[str, Any], names: ActorNames) -> ClaimRef:
    return ClaimRef(
        id=row["id"],
        document=row["document_id"],
        type=row["type"],
        country=row["country"],
        date=row["date"],
        admin1=row["admin1"],
        place=row["place"],
        lat=row["lat"],
        lon=row["lon"],
        actor=names.canonical(row["actor"]),
        killed=row["killed"],
        injured=row["injured"],
        anchors=anchors(row),
        reported=row["published"].isoformat() if row.get("published") else "",
    )


def build_event(k: Cluster, rows: dict[str, dict[str, Any]], names: ActorNames) -> ResolvedEvent:
    supports = []
    for m in k.members:
        r = rows[m.id]
        values = {f: r.get(f) for f in FIELDS}
        values["actor"] = names.canonical(r.get("actor"))
        supports.append(Support(m.id, r["outlet_source"], r["grade"], values))
    decisions = {f: decide(f, supports) for f in FIELDS}
    docs = {rows[m.id]["document_id"] for m in k.members}
    published = [rows[m.id]["published"] for m in k.members if rows[m.id]["published"]]
    first = min(k.members, key=lambda m: (m.precision * -1, m.id))
    values = {f: d.value for f, d in decisions.items()}
    values["country"] = k.key[0]
    values["lat"], values["lon"] = _coords(k, rows, values.get("place"))
    if values.get("type") is None:
        values["type"] = rows[first.id]["type"]
    return ResolvedEvent(
        id=k.id,
        block=block_name(k.key),
        claim_ids=sorted(m.id for m in k.members),
        values=values,
        fields={
            f: {
                "value": d.value,
                "supporting": d.supporting,
                "contradicting": d.contradicting,
                "alternatives": d.alternatives,
            }
            for f, d in decisions.items()
        },
        sources=len(docs),
        independent_sources=len({s.source for s in supports}),
        reliability=best_grade(supports),
        credibility=credibility(decisions, supports),
        disputed=any(d.disputed for d in decisions.values()),
        first_reported=min(published) if published else None,
        last_reported=max(published) if published else None,
    )


def _coords(k: Cluster, rows: dict[str, dict[str, Any]], place: Any) -> tuple[float | None, float | None]:
    for m in k.members:
        r = rows[m.id]
        if r.get("lat") is not None and (place is None or r.get("place") == place):
            return r["lat"], r["lon"]
    return None, None


def resolve_store(store: Store, full: bool = False) -> ResolveReport:
    names = ActorNames(store.actor_decisions())
    rows = {r["id"]: r for r in store.claims_for_resolution()}
    by_block: dict[str, list[ClaimRef]] = defaultdict(list)
    keys: dict[str, tuple[str | None, str]] = {}
    for r in rows.values():
        ref = to_ref(r, names)
        key = block_key(ref)
        name = block_name(key)
        keys[name] = key
        by_block[name].append(ref)
    state = store.resolution_state()
    if full or state.get("decisions") != store.decision_count():
        dirty = set(by_block) | set(state["blocks"])
    else:
        dirty = set()
        assigned: dict[str, set[str]] = state["block_claims"]
        for name, refs in by_block.items():
            if {r.id for r in refs} != assigned.get(name, set()):
                dirty.add(name)
        dirty |= {b for b in assigned if b not in by_block}
    report = ResolveReport(blocks=len(by_block), claims=len(rows))
    for name in sorted(dirty):
        clusters = cluster_block(by_block.get(name, []))
        events = [build_event(k, rows, names) for k in clusters]
        store.replace_block(name, events)
        report.changed_blocks.append(name)
    store.set_resolution_state(store.decision_count())
    report.events = store.count_events()
    return report


def event_values_json(fields: dict[str, dict[str, Any]]) -> str:
    return json.dumps(fields, ensure_ascii=False, default=str)


__all__ = ["FAMILY", "RESOLVER_VERSION", "ResolveReport", "ResolvedEvent", "resolve_store"]
