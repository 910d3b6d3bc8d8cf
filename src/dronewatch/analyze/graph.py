"""The actor graph: nodes are actors, edges the links stated in text, each with its evidence."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..resolve.actors import ActorNames

PREDICATES = (
    "member of",
    "faction of",
    "allied with",
    "rival of",
    "attacked",
    "trained with",
    "recruited via",
    "investigated by",
)


@dataclass
class Edge:
    subject: str
    predicate: str
    object: str
    evidence: list[dict[str, str]] = field(default_factory=list)


def links(relations: list[dict[str, Any]], names: ActorNames) -> list[Edge]:
    """Relations with the analyst's names applied, one edge per (subject, predicate, object)."""
    edges: dict[tuple[str, str, str], Edge] = {}
    for r in relations:
        s, o = names.canonical(r["subject"]), names.canonical(r["object"])
        if not s or not o or s == o:
            continue
        key = (s, r["predicate"], o)
        if key not in edges:
            edges[key] = Edge(s, r["predicate"], o)
        ev = {"document_id": r["document_id"], "evidence": r["evidence"]}
        if ev not in edges[key].evidence:
            edges[key].evidence.append(ev)
    return sorted(edges.values(), key=lambda e: (-len(e.evidence), e.subject, e.predicate, e.object))


def neighbourhood(edges: list[Edge], actor: str) -> list[Edge]:
    return [e for e in edges if actor in (e.subject, e.object)]


def degree(edges: list[Edge]) -> dict[str, int]:
    d: dict[str, int] = defaultdict(int)
    for e in edges:
        d[e.subject] += 1
        d[e.object] += 1
    return dict(d)
