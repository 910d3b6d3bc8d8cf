"""A STIX 2.1 bundle for OpenCTI and MISP: threat actors (non-state groups), identities (state
forces and services), locations, one report per event, and relationships for the links.

Ids are derived from dronewatch's own (UUIDv5), so re-exporting gives the same objects and an
import updates rather than duplicates them.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import stix2

from ..analyze.graph import links
from ..extract.actors import registry
from ..extract.registry import NON_STATE
from ..resolve.actors import ActorNames
from ..store import Store
from . import all_events, register

NAMESPACE = uuid.UUID("6f1c4bd2-4b4e-5c9a-9d8e-2a5c8f0d7e31")
CREATED = datetime(2025, 1, 1, tzinfo=UTC)


def sid(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, kind + '|' + key)}"


STIX_RELATIONSHIPS = {"attacked": "targets", "recruited via": "related-to", "trained with": "related-to"}


@register("stix", "application/stix+json", "json")
def to_stix(store: Store) -> str:
    reg = registry()
    names = ActorNames(store.actor_decisions())
    me = stix2.Identity(
        id=sid("identity", "dronewatch"),
        name="dronewatch",
        identity_class="system",
        created=CREATED,
        modified=CREATED,
    )
    objects: dict[str, Any] = {me.id: me}
    common = {"created_by_ref": me.id, "created": CREATED, "modified": CREATED}

    def actor_obj(name: str) -> str:
        a = reg.actors.get(name)
        kind = a.kind if a else "candidate"
        if kind in NON_STATE or kind == "candidate":
            oid = sid("threat-actor", name)
            if oid not in objects:
                objects[oid] = stix2.ThreatActor(
                    id=oid,
                    name=name,
                    threat_actor_types=["crime-syndicate"],
                    aliases=sorted(set(a.aliases))[:50] if a and a.aliases else None,
                    description=f"{kind}, {a.country}" if a and a.country else kind,
                    **common,
                )
        else:
            oid = sid("identity", name)
            if oid not in objects:
                objects[oid] = stix2.Identity(
                    id=oid,
                    name=name,
                    identity_class="organization",
                    sectors=["government-national"],
                    **common,
                )
        return oid

    def location(e: dict[str, Any]) -> str | None:
        if not e["country"]:
            return None
        key = "|".join(str(x) for x in (e["country"], e["admin1"], e["place"]))
        oid = sid("location", key)
        if oid not in objects:
            extra: dict[str, Any] = {}
            if e["lat"] is not None:
                extra = {"latitude": e["lat"], "longitude": e["lon"]}
            objects[oid] = stix2.Location(
                id=oid,
                country=e["country"],
                administrative_area=e["admin1"],
                city=e["place"],
                name=", ".join(filter(None, [e["place"], e["admin1"], e["country"]])),
                **extra,
                **common,
            )
        return oid

    for e in all_events(store):
        refs = []
        loc = location(e)
        if loc:
            refs.append(loc)
        if e["actor"]:
            a_id = actor_obj(e["actor"])
            refs.append(a_id)
            if loc:
                rid = sid("relationship", f"{a_id}|located-at|{loc}")
                objects[rid] = stix2.Relationship(
                    id=rid, relationship_type="located-at", source_ref=a_id, target_ref=loc, **common
                )
                refs.append(rid)
        detail = store.get_event(e["id"]) or {"claims": []}
        urls = [
            {"source_name": c["outlet"] or "source", "url": c["url"]} for c in detail["claims"] if c["url"]
        ]
        description = "\n".join(f"{c['outlet']}: {c['evidence']}" for c in detail["claims"])
        published = e["first_reported"] or (e["date"] or "2000")[:4] + "-01-01"
        last = e.get("last_reported") or published
        # created/modified are when the event was first and last reported, so that an importer
        # (OpenCTI, MISP) updates its copy when a later report adds to the event
        times = {
            "created_by_ref": me.id,
            "created": f"{published}T00:00:00Z",
            "modified": f"{max(str(last), str(published))}T00:00:00Z",
        }
        rid = sid("report", e["id"])
        objects[rid] = stix2.Report(
            id=rid,
            name=f"{e['type'].replace('_', ' ')} {e['date'] or ''} {e['admin1'] or e['country'] or ''}".strip(),
            published=f"{published}T00:00:00Z",
            report_types=["threat-report"],
            object_refs=refs or [me.id],
            description=description or None,
            labels=[e["type"], f"grade-{e['grade']}"],
            external_references=urls or None,
            confidence=_confidence(e["credibility"]),
            **times,
        )
    for edge in links(store.relations(), names):
        s_id, o_id = actor_obj(edge.subject), actor_obj(edge.object)
        # STIX's own relationship types where it has one; ours (faction-of, allied-with ...) otherwise
        rtype = STIX_RELATIONSHIPS.get(edge.predicate, edge.predicate.replace(" ", "-"))
        rid = sid("relationship", f"{s_id}|{rtype}|{o_id}")
        objects[rid] = stix2.Relationship(
            id=rid,
            relationship_type=rtype,
            source_ref=s_id,
            target_ref=o_id,
            description=edge.evidence[0]["evidence"][:1000],
            **common,
        )
    bundle = stix2.Bundle(objects=list(objects.values()), id=sid("bundle", "dronewatch"))
    return str(bundle.serialize(pretty=False))


def _confidence(credibility: int) -> int:
    """The STIX 0-100 confidence of an Admiralty credibility (the Admiralty scale mapping of STIX 2.1)."""
    return {1: 90, 2: 70, 3: 50, 4: 30, 5: 10, 6: 0}.get(credibility, 0)


__all__ = ["to_stix", "json"]
