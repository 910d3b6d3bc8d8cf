"""FollowTheMoney entities (JSON lines) for Aleph and nomenklatura: Organization for each actor,
Event for each event (with the actors involved), Membership for a faction and its group,
UnknownLink for other links; made through followthemoney's own model so they validate."""

from __future__ import annotations

import json

from followthemoney import model

from ..analyze.graph import links
from ..extract.actors import registry
from ..resolve.actors import ActorNames
from ..store import Store
from . import all_events, register

PREFIX = "dw"


@register("ftm", "application/x-ndjson", "ftm.json")
def to_ftm(store: Store) -> str:
    reg = registry()
    names = ActorNames(store.actor_decisions())
    out: dict[str, dict] = {}  # type: ignore[type-arg]

    def org(name: str) -> str:
        e = model.make_entity("Organization")
        e.make_id(PREFIX, "actor", name)
        if e.id not in out:
            e.add("name", name)
            a = reg.actors.get(name)
            if a:
                e.add("alias", a.aliases[:50])
                if a.country:
                    e.add("country", a.country)
                e.add("description", a.kind)
            out[str(e.id)] = e.to_dict()
        return str(e.id)

    for ev in all_events(store):
        e = model.make_entity("Event")
        e.make_id(PREFIX, "event", ev["id"])
        e.add(
            "name", f"{ev['type'].replace('_', ' ')} {ev['date'] or ''} {ev['admin1'] or ev['country'] or ''}"
        )
        if ev["date"]:
            e.add("date", ev["date"])
        if ev["country"]:
            e.add("country", ev["country"])
        e.add("location", ", ".join(filter(None, [ev["place"], ev["admin1"]])) or None)
        e.add("summary", f"grade {ev['grade']}; {ev['independent_sources']} independent source(s)")
        detail = store.get_event(ev["id"]) or {"claims": []}
        e.add("description", "\n".join(c["evidence"] for c in detail["claims"][:5]))
        e.add("sourceUrl", [c["url"] for c in detail["claims"] if c["url"]])
        if ev["actor"]:
            e.add("involved", org(ev["actor"]))
        out[str(e.id)] = e.to_dict()
    for edge in links(store.relations(), names):
        s_id, o_id = org(edge.subject), org(edge.object)
        if edge.predicate in ("faction of", "member of"):
            m = model.make_entity("Membership")
            m.make_id(PREFIX, "membership", edge.subject, edge.object)
            m.add("member", s_id)
            m.add("organization", o_id)
        else:
            m = model.make_entity("UnknownLink")
            m.make_id(PREFIX, "link", edge.subject, edge.predicate, edge.object)
            m.add("subject", s_id)
            m.add("object", o_id)
            m.add("role", edge.predicate)
        m.add("description", edge.evidence[0]["evidence"][:1000])
        out[str(m.id)] = m.to_dict()
    return "".join(json.dumps(v, ensure_ascii=False, sort_keys=True) + "\n" for v in out.values())
