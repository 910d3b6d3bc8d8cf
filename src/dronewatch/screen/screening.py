"""Screening a roster: every row against the watchlists, with reasons and paths to flagged groups.

The roster is read, matched and stored as results under a roster id (for review decisions);
the audit log records who screened which roster when, and how many rows, never its contents.
Rosters and their results are deleted after the retention period.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import secrets
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from ..errors import DronewatchError, InputError
from ..export.cells import safe_list
from ..ingest.decode import decode_bytes
from ..store import Store, schema
from .match import Party, compare, explain, party_from_entity
from .names import keys, split_aliases

ROSTER_COLUMNS = ("name", "aliases", "birth_date", "nationality", "document_numbers", "recruiter")
MAX_CANDIDATES = 400


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass
class RosterRow:
    row: int
    name: str
    aliases: list[str]
    birth_date: str | None
    nationality: str | None
    documents: set[str]
    recruiter: str | None

    def party(self) -> Party:
        return Party([self.name, *self.aliases], self.birth_date, self.nationality, self.documents)


@dataclass
class RowResult:
    row: RosterRow
    matches: list[dict[str, Any]] = field(default_factory=list)
    paths: list[list[dict[str, str]]] = field(default_factory=list)


def read_roster(path: Path) -> list[RosterRow]:
    text = decode_bytes(path.read_bytes(), str(path)).text
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if "name" not in header:
        raise InputError(
            str(path), f"missing required column: name (found: {', '.join(header) or 'no header'})", 1
        )
    reader.fieldnames = header
    rows = []
    for n, r in enumerate(reader, start=2):
        raw = (r.get("name") or "").strip()
        if not raw:
            raise InputError(str(path), "empty name", n)
        name, inline = split_aliases(raw)
        rows.append(
            RosterRow(
                row=n,
                name=name,
                aliases=inline + [a.strip() for a in (r.get("aliases") or "").split("|") if a.strip()],
                birth_date=(r.get("birth_date") or "").strip() or None,
                nationality=(r.get("nationality") or "").strip().upper()[:2] or None,
                documents={d.strip() for d in (r.get("document_numbers") or "").split("|") if d.strip()},
                recruiter=(r.get("recruiter") or "").strip() or None,
            )
        )
    return rows


def candidates(store: Store, party: Party) -> list[dict[str, Any]]:
    """Entities sharing a blocking key, rarest keys first, capped."""
    wanted: set[str] = set()
    for n in party.names:
        wanted |= keys(n)
    if not wanted:
        return []
    k, w = schema.watchlist_keys.c, schema.watchlist_entities.c
    with store.engine.connect() as conn:
        freq: dict[str, int] = dict(
            conn.execute(
                sa.select(k.key, sa.func.count()).where(k.key.in_(list(wanted))).group_by(k.key)
            ).all()
        )
        pks: set[int] = set()
        for key in sorted(freq, key=lambda x: freq[x]):
            rows = (
                conn.execute(sa.select(k.entity_pk).where(k.key == key).limit(MAX_CANDIDATES)).scalars().all()
            )
            pks.update(rows)
            if len(pks) >= MAX_CANDIDATES:
                break
        if not pks:
            return []
        ents = conn.execute(sa.select(schema.watchlist_entities).where(w.pk.in_(list(pks)))).all()
    return [
        {
            "pk": e.pk,
            "id": e.id,
            "watchlist": e.watchlist,
            "schema": e.schema,
            "name": e.name,
            "aliases": json.loads(e.aliases),
            "birth_date": e.birth_date,
            "nationality": e.nationality,
            "identifiers": json.loads(e.identifiers),
            "tie": e.tie,
        }
        for e in ents
    ]


def match_row(store: Store, row: RosterRow, threshold: float, top: int = 3) -> list[dict[str, Any]]:
    party = row.party()
    scored = []
    for e in candidates(store, party):
        r = compare(party, party_from_entity(e))
        if r.score >= min(threshold, 0.6):
            scored.append(
                {
                    **{k: e[k] for k in ("pk", "id", "watchlist", "schema", "name", "tie")},
                    "score": r.score,
                    "features": r.features,
                    "reasons": r.reasons,
                    "explanation": explain(r),
                    "likely": r.score >= threshold,
                }
            )
    scored.sort(key=lambda m: -m["score"])
    return scored[:top]


def graph_edges(store: Store) -> dict[str, list[tuple[str, str, str]]]:
    """Actor links and watchlist ties as an undirected graph with evidence on each edge."""
    from ..analyze.graph import links
    from ..resolve.actors import ActorNames

    adj: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for e in links(store.relations(), ActorNames(store.actor_decisions())):
        ev = e.evidence[0]["evidence"]
        adj[e.subject].append((e.object, e.predicate, ev))
        adj[e.object].append((e.subject, f"({e.predicate})", ev))
    w = schema.watchlist_entities.c
    with store.engine.connect() as conn:
        for name, tie, wl in conn.execute(sa.select(w.name, w.tie, w.watchlist).where(w.tie.is_not(None))):
            if tie and tie != name:
                adj[name].append((tie, "tied to", f"watchlist {wl}"))
                adj[tie].append((name, "(tied to)", f"watchlist {wl}"))
    return adj


def flagged(store: Store) -> set[str]:
    from ..extract.actors import registry
    from ..extract.registry import NON_STATE

    return {a.name for a in registry().actors.values() if a.kind in NON_STATE}


def paths(store: Store, start: str, max_hops: int = 3, limit: int = 5) -> list[list[dict[str, str]]]:
    """Shortest paths (breadth first, up to max_hops) from a name to any flagged group."""
    from ..resolve.actors import ActorNames
    from ..resolve.overview import find_actor

    adj = graph_edges(store)
    targets = flagged(store)
    origin = find_actor(start, ActorNames(store.actor_decisions())) or start
    if origin not in adj:
        # a name known only by its spelling: take the graph node it matches best
        best = max(adj, key=lambda n: compare(Party([start]), Party([n])).score, default=None)
        if best is None or compare(Party([start]), Party([best])).score < 0.85:
            return []
        origin = best
    found: list[list[dict[str, str]]] = []
    queue: deque[tuple[str, list[dict[str, str]]]] = deque([(origin, [])])
    seen = {origin}
    while queue and len(found) < limit:
        node, path = queue.popleft()
        if node in targets and path:
            found.append(path)
            continue
        if len(path) >= max_hops:
            continue
        for nxt, pred, ev in adj.get(node, []):
            if nxt in seen:
                continue
            seen.add(nxt)
            queue.append((nxt, [*path, {"from": node, "link": pred, "to": nxt, "evidence": ev}]))
    if origin in targets:
        found.insert(0, [])
    return found


class ScreeningError(DronewatchError):
    """A screening that cannot give a true answer (no watchlist to screen against)."""


def screen(
    store: Store,
    path: Path,
    who: str,
    threshold: float,
    retention_days: int,
    max_hops: int = 3,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[str, list[RowResult]]:
    """Screen every row of a roster; ``progress(done, total)`` is told after each row."""
    purge(store, retention_days, who)
    with store.engine.connect() as conn:
        loaded = conn.execute(sa.select(sa.func.count()).select_from(schema.watchlist_entities)).scalar()
    if not loaded:
        # screening against nothing would clear every row: a silent wrong answer
        raise ScreeningError(
            "no watchlist is loaded in this store, so nobody could match: run "
            "`dronewatch watchlist builtin` (the groups, leaders and persons dronewatch knows) "
            "or `dronewatch watchlist import FILE --name NAME` first"
        )
    rows = read_roster(path)
    roster_id = secrets.token_hex(8)
    results = []
    for r in rows:
        rr = RowResult(r, match_row(store, r, threshold))
        if r.recruiter:
            rr.paths = paths(store, r.recruiter, max_hops)
        results.append(rr)
        if progress:
            progress(len(results), len(rows))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    with store.engine.begin() as conn:
        conn.execute(
            schema.rosters.insert().values(
                id=roster_id, name=path.name, rows=len(rows), screened_by=who, screened_at=_now()
            )
        )
        for rr in results:
            best = rr.matches[0] if rr.matches else None
            conn.execute(
                schema.screen_results.insert().values(
                    roster_id=roster_id,
                    row=rr.row.row,
                    query=rr.row.name,
                    entity_pk=best["pk"] if best else None,
                    score=best["score"] if best else 0.0,
                    explanation=json.dumps({"matches": rr.matches, "paths": rr.paths}, ensure_ascii=False),
                )
            )
        conn.execute(
            schema.audit_log.insert().values(
                at=_now(),
                who=who,
                action="screen",
                subject=roster_id,
                detail=f"{len(rows)} rows, file sha256 {digest}",
            )
        )
    return roster_id, results


def decide(store: Store, roster_id: str, row: int, decision: str, who: str) -> bool:
    if decision not in ("confirmed", "cleared"):
        raise ValueError("decision is confirmed or cleared")
    r = schema.screen_results.c
    with store.engine.begin() as conn:
        n = conn.execute(
            schema.screen_results.update()
            .where(r.roster_id == roster_id, r.row == row)
            .values(decision=decision, decided_at=_now())
        ).rowcount
        if n:
            conn.execute(
                schema.audit_log.insert().values(
                    at=_now(), who=who, action=f"decide {decision}", subject=roster_id, detail=f"row {row}"
                )
            )
    return bool(n)


def decisions(store: Store, roster_id: str) -> dict[int, str | None]:
    r = schema.screen_results.c
    with store.engine.connect() as conn:
        return dict(conn.execute(sa.select(r.row, r.decision).where(r.roster_id == roster_id)).all())


def purge(store: Store, retention_days: int, who: str) -> int:
    """Delete rosters (and their results) older than the retention period; log how many, not which."""
    cutoff = _now() - timedelta(days=retention_days)
    ro, r = schema.rosters.c, schema.screen_results.c
    with store.engine.begin() as conn:
        old = [x for (x,) in conn.execute(sa.select(ro.id).where(ro.screened_at < cutoff))]
        if old:
            conn.execute(schema.screen_results.delete().where(r.roster_id.in_(old)))
            conn.execute(schema.rosters.delete().where(ro.id.in_(old)))
            conn.execute(
                schema.audit_log.insert().values(
                    at=_now(),
                    who=who,
                    action="purge",
                    subject=None,
                    detail=f"{len(old)} roster(s) past {retention_days} days",
                )
            )
    return len(old)


def audit(store: Store, limit: int = 100) -> list[dict[str, Any]]:
    a = schema.audit_log.c
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(schema.audit_log).order_by(a.pk.desc()).limit(limit)).all()
    return [
        {"at": x.at.isoformat(), "who": x.who, "action": x.action, "subject": x.subject, "detail": x.detail}
        for x in rows
    ]


def results_json(results: list[RowResult]) -> list[dict[str, Any]]:
    return [
        {
            "row": rr.row.row,
            "name": rr.row.name,
            "matches": [
                {
                    k: m[k]
                    for k in (
                        "watchlist",
                        "id",
                        "name",
                        "schema",
                        "tie",
                        "score",
                        "features",
                        "reasons",
                        "likely",
                    )
                }
                for m in rr.matches
            ],
            "paths": rr.paths,
        }
        for rr in results
    ]


def results_csv(results: list[RowResult]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(
        ["row", "name", "best_match", "watchlist", "score", "likely", "reasons", "path_to_flagged_group"]
    )
    for rr in results:
        m = rr.matches[0] if rr.matches else None
        path = (
            " → ".join([rr.paths[0][0]["from"], *[f"{h['link']} {h['to']}" for h in rr.paths[0]]])
            if rr.paths and rr.paths[0]
            else ""
        )
        w.writerow(
            safe_list(
                [
                    rr.row.row,
                    rr.row.name,
                    m["name"] if m else "",
                    m["watchlist"] if m else "",
                    m["score"] if m else "",
                    int(m["likely"]) if m else 0,
                    "; ".join(m["reasons"]) if m else "",
                    path,
                ]
            )
        )
    return out.getvalue()


def stored_results(store: Store, roster_id: str) -> dict[str, Any] | None:
    """A screened roster's results and decisions, as kept (until the retention period ends)."""
    ro, r = schema.rosters.c, schema.screen_results.c
    with store.engine.connect() as conn:
        roster = conn.execute(sa.select(schema.rosters).where(ro.id == roster_id)).first()
        if roster is None:
            return None
        rows = conn.execute(
            sa.select(schema.screen_results).where(r.roster_id == roster_id).order_by(r.row)
        ).all()
    return {
        "roster": roster.id,
        "name": roster.name,
        "rows": roster.rows,
        "screened_at": roster.screened_at.isoformat(),
        "results": [
            {
                "row": x.row,
                "name": x.query,
                "score": x.score,
                "decision": x.decision,
                **json.loads(x.explanation),
            }
            for x in rows
        ],
    }
