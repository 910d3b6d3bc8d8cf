"""Actor overviews for the CLI and the API: activity, candidates, aliases, links."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from ..analyze.graph import links, neighbourhood
from ..extract.actors import registry
from ..extract.matcher import phrase_key
from ..store import Store
from .actors import ActorNames


def actor_overview(store: Store, names: ActorNames, candidates_only: bool = False) -> list[dict[str, Any]]:
    reg = registry()
    events = store.list_events(limit=10_000_000)
    count: Counter[str] = Counter()
    last: dict[str, str] = {}
    for e in events:
        if e["actor"]:
            count[e["actor"]] += 1
            if e["date"] and e["date"] > last.get(e["actor"], ""):
                last[e["actor"]] = e["date"]
    mentions: Counter[str] = Counter()
    kinds: dict[str, str] = {}
    for m in store.actor_mentions():
        n = names.canonical(m["resolved"])
        if n:
            mentions[n] += 1
            if m["kind"] == "candidate_actor":
                kinds.setdefault(n, "candidate")
    rows: list[dict[str, Any]] = []
    for n in set(count) | set(mentions):
        a = reg.actors.get(n)
        if a is not None:
            kind, country, status = a.kind, a.country, "known"
        elif n in names.confirmed:
            kind, country, status = names.confirmed[n] or "armed group", None, "confirmed"
        elif n in names.rejected:
            continue
        else:
            kind, country, status = kinds.get(n, "unknown"), None, "candidate"
        if candidates_only and status != "candidate":
            continue
        rows.append(
            {
                "name": n,
                "kind": kind,
                "country": country,
                "events": count.get(n, 0),
                "last_event": last.get(n),
                "mentions": mentions.get(n, 0),
                "status": status,
            }
        )
    rows.sort(key=lambda r: (-r["events"], -r["mentions"], r["name"]))
    return rows


def find_actor(name: str, names: ActorNames) -> str | None:
    """A name or alias in any script to the canonical actor name."""
    reg = registry()
    key = phrase_key(name)
    for a in reg.actors.values():
        if key in {phrase_key(x) for x in [a.name, *a.aliases]}:
            return names.canonical(a.name)
    for src, dst in list(names.merged.items()) + list(names.renamed.items()):
        if key in (phrase_key(src), phrase_key(dst)):
            return names.canonical(dst)
    if name in names.confirmed:
        return names.canonical(name)
    return None


def actor_detail(store: Store, names: ActorNames, name: str) -> dict[str, Any] | None:
    reg = registry()
    canonical = find_actor(name, names)
    events = store.list_events(limit=10_000_000)
    if canonical is None:
        exact = [e for e in events if (e["actor"] or "").lower() == name.lower()]
        if not exact:
            return None
        canonical = exact[0]["actor"]
    mine = [e for e in events if e["actor"] == canonical]
    by_month: dict[str, int] = defaultdict(int)
    for e in mine:
        if e["date"] and len(e["date"]) >= 7:
            by_month[e["date"][:7]] += 1
    source = next((a for a in reg.actors.values() if names.canonical(a.name) == canonical), None)
    aliases = list(source.aliases) if source else []
    aliases += [src for src, dst in names.merged.items() if names.canonical(dst) == canonical]
    edges = neighbourhood(links(store.relations(), names), canonical)
    return {
        "name": canonical,
        "kind": source.kind if source else (names.confirmed.get(canonical) or "candidate"),
        "country": source.country if source else None,
        "parents": source.parents if source else [],
        "aliases": aliases,
        "events": len(mine),
        "events_by_month": dict(sorted(by_month.items())),
        "recent_events": mine[:20],
        "links": [e.__dict__ for e in edges],
    }
