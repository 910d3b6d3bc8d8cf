"""GraphML of actors and their links, for Gephi: nodes carry kind and activity, edges their
predicate and evidence count."""

from __future__ import annotations

import io

import networkx as nx

from ..analyze.graph import links
from ..extract.actors import registry
from ..resolve.actors import ActorNames
from ..store import Store
from . import all_events, register


@register("graphml", "application/graphml+xml", "graphml")
def to_graphml(store: Store) -> str:
    names = ActorNames(store.actor_decisions())
    reg = registry()
    g = nx.MultiDiGraph()
    events: dict[str, int] = {}
    for e in all_events(store):
        if e["actor"]:
            events[e["actor"]] = events.get(e["actor"], 0) + 1

    def node(n: str) -> None:
        if n not in g:
            a = reg.actors.get(n)
            g.add_node(
                n,
                label=n,
                kind=a.kind if a else "candidate",
                country=(a.country if a else "") or "",
                events=events.get(n, 0),
            )

    for n in events:
        node(n)
    for edge in links(store.relations(), names):
        node(edge.subject)
        node(edge.object)
        g.add_edge(
            edge.subject,
            edge.object,
            predicate=edge.predicate,
            label=edge.predicate,
            weight=len(edge.evidence),
            evidence=edge.evidence[0]["evidence"][:500],
        )
    buf = io.BytesIO()
    nx.write_graphml(g, buf)
    return buf.getvalue().decode("utf-8")
