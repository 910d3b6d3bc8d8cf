"""Events, actor decisions and relations in the store (a part of the repository)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from ..errors import DronewatchError
from . import schema


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class FilterError(DronewatchError):
    """A filter or sort a user gave that means nothing (422 in the API, exit 2 in the CLI)."""


@dataclass(frozen=True)
class EventFilter:
    """Which events a view shows. ``parse`` is the one place user input becomes a filter."""

    type: str | None = None
    country: str | None = None
    admin1: str | None = None
    actor: str | None = None
    since: str | None = None  # YYYY[-MM[-DD]]
    until: str | None = None
    min_sources: int | None = None
    text: str | None = None


def _partial_date(value: str, name: str) -> str:
    parts = value.split("-")
    try:
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            raise ValueError
        date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        raise FilterError(f"{name} {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return value


def parse_filter(
    type: str | None = None,
    country: str | None = None,
    admin1: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_sources: int | None = None,
    text: str | None = None,
) -> EventFilter:
    """Check every filter value the way the CLI and the API both need; a bad one is a clear error."""
    from ..model import EventType

    types = {t.value for t in EventType}
    if type is not None and type not in types:
        raise FilterError(f"type {type!r} is not one of {', '.join(sorted(types))}")
    if country is not None:
        if not re.fullmatch(r"[A-Za-z]{2}", country):
            raise FilterError(f"country {country!r} is not an ISO 3166-1 alpha-2 code such as MX")
        country = country.upper()
    if since is not None:
        since = _partial_date(since, "since")
    if until is not None:
        until = _partial_date(until, "until")
    if min_sources is not None and not 1 <= min_sources <= 1000:
        raise FilterError("min_sources must be between 1 and 1000")
    if text is not None and len(text) > 200:
        raise FilterError("the search text is longer than 200 characters")
    if since and until and since > until:
        raise FilterError(f"since {since} is after until {until}")
    from .. import canonical

    return EventFilter(
        type,
        country,
        canonical.admin1(admin1) if admin1 else None,
        canonical.actor(actor) if actor else None,
        since,
        until,
        min_sources,
        text or None,
    )


def check_sort(sort: str) -> str:
    if sort not in SORTS:
        raise FilterError(f"sort {sort!r} is not one of {', '.join(SORTS)}")
    return sort


SORTS = {
    "date": ("date", True),
    "-date": ("date", False),
    "sources": ("independent_sources", True),
    "-sources": ("independent_sources", False),
    "credibility": ("credibility", True),
}


class EventsMixin:
    engine: sa.Engine

    # -- analyst decisions ---------------------------------------------------

    def add_decision(
        self, action: str, subject: str, obj: str | None = None, kind: str | None = None
    ) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                schema.actor_decisions.insert().values(
                    action=action, subject=subject, object=obj, kind=kind, created_at=_now()
                )
            )

    def actor_decisions(self) -> list[Any]:
        from ..resolve.actors import Decision

        d = schema.actor_decisions.c
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(schema.actor_decisions).order_by(d.pk)).all()
        return [Decision(r.action, r.subject, r.object, r.kind) for r in rows]

    def decision_count(self) -> int:
        """Analysts' decisions on actors and on claims: when it changes, every block is resolved anew."""
        with self.engine.connect() as conn:
            actors = conn.execute(sa.select(sa.func.count()).select_from(schema.actor_decisions)).scalar()
            claims = conn.execute(sa.select(sa.func.count()).select_from(schema.claim_corrections)).scalar()
        return int(actors or 0) + int(claims or 0)

    # -- resolution input and state -------------------------------------------

    def claims_for_resolution(self) -> list[dict[str, Any]]:
        c, d = schema.claims.c, schema.documents.c
        q = sa.select(
            schema.claims,
            d.near_duplicate_of,
            d.outlet,
            d.grade,
            d.published,
            d.text,
        ).join(schema.documents, d.id == c.document_id)
        out = []
        with self.engine.connect() as conn:
            for r in conn.execute(q):
                row = dict(r._mapping)
                root = row.pop("near_duplicate_of") or row["document_id"]
                text = row.pop("text")
                row["evidence"] = text[row["evidence_start"] : row["evidence_end"]]
                row["source"] = root
                row["outlet_source"] = root
                out.append(row)
        from ..corrections import apply

        return apply(out, self.corrections())  # type: ignore[attr-defined]

    def resolution_state(self) -> dict[str, Any]:
        e, ec = schema.events.c, schema.event_claims.c
        blocks: dict[str, set[str]] = defaultdict(set)
        with self.engine.connect() as conn:
            for block, claim in conn.execute(
                sa.select(e.block, ec.claim_id).join(schema.events, e.id == ec.event_id)
            ):
                blocks[block].add(claim)
            names = {r[0] for r in conn.execute(sa.select(e.block).distinct())}
            meta = conn.execute(
                sa.select(schema.store_meta.c.value).where(schema.store_meta.c.key == "resolved_decisions")
            ).scalar()
        return {
            "blocks": names,
            "block_claims": dict(blocks),
            "decisions": int(meta) if meta is not None else -1,
        }

    def set_resolution_state(self, decisions: int) -> None:
        m = schema.store_meta
        with self.engine.begin() as conn:
            conn.execute(m.delete().where(m.c.key == "resolved_decisions"))
            conn.execute(m.insert().values(key="resolved_decisions", value=str(decisions)))

    def events_version(self) -> int:
        """A number that changes whenever events change: the key of cached aggregations."""
        m = schema.store_meta
        with self.engine.connect() as conn:
            v = conn.execute(sa.select(m.c.value).where(m.c.key == "events_version")).scalar()
        return int(v or 0)

    def replace_block(self, block: str, events: list[Any]) -> None:
        """Swap one block's events for new ones in one transaction."""
        e, ec = schema.events.c, schema.event_claims.c
        now = _now()
        with self.engine.begin() as conn:
            m = schema.store_meta
            v = conn.execute(sa.select(m.c.value).where(m.c.key == "events_version")).scalar()
            conn.execute(m.delete().where(m.c.key == "events_version"))
            conn.execute(m.insert().values(key="events_version", value=str(int(v or 0) + 1)))
            old = sa.select(e.id).where(e.block == block)
            conn.execute(schema.event_claims.delete().where(ec.event_id.in_(old)))
            conn.execute(schema.events.delete().where(e.block == block))
            if not events:
                return
            conn.execute(
                schema.events.insert(),
                [
                    {
                        "id": ev.id,
                        "block": block,
                        "type": ev.values.get("type"),
                        "date": ev.values.get("date"),
                        "country": ev.values.get("country"),
                        "admin1": ev.values.get("admin1"),
                        "place": ev.values.get("place"),
                        "lat": ev.values.get("lat"),
                        "lon": ev.values.get("lon"),
                        "actor": ev.values.get("actor"),
                        "target": ev.values.get("target"),
                        "drone_type": ev.values.get("drone_type") or "unknown",
                        "payload": ev.values.get("payload") or "unknown",
                        "killed": ev.values.get("killed"),
                        "injured": ev.values.get("injured"),
                        "claims": len(ev.claim_ids),
                        "sources": ev.sources,
                        "independent_sources": ev.independent_sources,
                        "reliability": ev.reliability,
                        "credibility": ev.credibility,
                        "disputed": ev.disputed,
                        "first_reported": ev.first_reported,
                        "last_reported": ev.last_reported,
                        "fields": json.dumps(ev.fields, ensure_ascii=False, default=str),
                        "resolved_at": now,
                    }
                    for ev in events
                ],
            )
            conn.execute(
                schema.event_claims.insert(),
                [{"event_id": ev.id, "claim_id": cid} for ev in events for cid in ev.claim_ids],
            )

    # -- reading ---------------------------------------------------------------

    def count_events(self, f: EventFilter | None = None) -> int:
        q = self._event_query(f or EventFilter()).subquery()
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(q)).scalar() or 0)

    def _event_query(self, f: EventFilter) -> sa.Select[Any]:
        e = schema.events.c
        q = sa.select(schema.events)
        if f.type:
            q = q.where(e.type == f.type)
        if f.country:
            q = q.where(e.country == f.country.upper())
        if f.admin1:
            q = q.where(sa.func.lower(e.admin1) == f.admin1.lower())
        if f.actor:
            q = q.where(sa.func.lower(e.actor) == f.actor.lower())
        if f.since:
            # symmetric with ``until``: an event dated only "2025" may lie on or after 2025-07, so it
            # counts for both "since 2025-07" and "until 2025-07" (its period overlaps the range)
            q = q.where((e.date + "~") >= f.since)
        if f.until:
            q = q.where(e.date <= f.until + "~")  # "2025-07" includes every day of July
        if f.min_sources:
            q = q.where(e.independent_sources >= f.min_sources)
        if f.text:
            # the reports' full-text index: accent-folded ("Culiacan" finds "Culiacán"), and no LIKE
            # wildcards a user's "%" or "_" could turn into "everything"
            from .repository import DocumentFilter

            ec, cl = schema.event_claims.c, schema.claims.c
            docs = self._filtered(DocumentFilter(query=f.text)).with_only_columns(  # type: ignore[attr-defined]
                schema.documents.c.id
            )
            matching = (
                sa.select(ec.event_id).join(schema.claims, cl.id == ec.claim_id).where(cl.document_id.in_(docs))
            )
            q = q.where(e.id.in_(matching))
        return q

    def list_events(
        self, f: EventFilter | None = None, sort: str = "-date", limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        e = schema.events.c
        col, asc = SORTS.get(sort, SORTS["-date"])
        order = getattr(e, col).asc() if asc else getattr(e, col).desc()
        q = (
            self._event_query(f or EventFilter())
            .order_by(order.nulls_last(), e.id)
            .limit(limit)
            .offset(offset)
        )
        with self.engine.connect() as conn:
            return [_event_row(r) for r in conn.execute(q)]

    # -- aggregations done in the database, so a page never loads every event ------

    def event_map(self, f: EventFilter | None = None) -> list[dict[str, Any]]:
        """Events grouped by place (a half-degree cell) and type."""
        e = self._event_query(f or EventFilter()).subquery()
        # cells of half a degree, or two degrees past 20,000 events: fine enough for the map's
        # clusters, coarse enough that the browser gets a few thousand points at most
        with self.engine.connect() as conn:
            n = (
                conn.execute(sa.select(sa.func.count()).select_from(e).where(e.c.lat.is_not(None))).scalar()
                or 0
            )
        per_degree = 2 if n <= 20_000 else 0.5
        lat, lon = (
            sa.func.round(e.c.lat * per_degree) / per_degree,
            sa.func.round(e.c.lon * per_degree) / per_degree,
        )
        q = (
            sa.select(
                lat.label("rlat"),
                lon.label("rlon"),
                sa.func.avg(e.c.lat).label("alat"),
                sa.func.avg(e.c.lon).label("alon"),
                e.c.type,
                sa.func.count().label("n"),
                sa.func.max(e.c.independent_sources).label("maxsrc"),
                sa.func.min(e.c.place).label("place"),
                sa.func.min(e.c.admin1).label("admin1"),
                sa.func.min(e.c.country).label("country"),
                sa.func.max(e.c.id).label("example"),
                sa.func.max(e.c.date).label("latest"),
            )
            .where(e.c.lat.is_not(None))
            .group_by(lat, lon, e.c.type)
        )
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def event_counts(self, f: EventFilter | None, key: str, period: str) -> list[tuple[str, str, int]]:
        """(date or month, key value, count) for trends and the timeline."""
        e = self._event_query(f or EventFilter()).subquery()
        col = getattr(e.c, key)
        when: sa.ColumnElement[Any]
        if period == "month":
            when = sa.func.substr(e.c.date, 1, 7)
            cond = sa.func.length(e.c.date) >= 7
        else:
            when = e.c.date
            cond = sa.func.length(e.c.date) == 10
        q = (
            sa.select(when.label("when"), col.label("key"), sa.func.count().label("n"))
            .where(cond)
            .group_by(when, col)
        )
        with self.engine.connect() as conn:
            return [(r.when, r.key if r.key is not None else "unknown", int(r.n)) for r in conn.execute(q)]

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        e = schema.events.c
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(schema.events).where(e.id == event_id)).first()
            if row is None and len(event_id) >= 6:
                rows = conn.execute(sa.select(schema.events).where(e.id.like(event_id + "%")).limit(2)).all()
                row = rows[0] if len(rows) == 1 else None
            if row is None:
                return None
            ev = _event_row(row)
            ev["fields"] = json.loads(row.fields)
            ec, cl, d = schema.event_claims.c, schema.claims.c, schema.documents.c
            claims = conn.execute(
                sa.select(
                    schema.claims, d.outlet, d.grade, d.title, d.url, d.published, d.text, d.near_duplicate_of
                )
                .join(schema.event_claims, ec.claim_id == cl.id)
                .join(schema.documents, d.id == cl.document_id)
                .where(ec.event_id == row.id)
                .order_by(d.published, cl.id)
            ).all()
        ev["claims"] = [
            {
                "id": c.id,
                "document_id": c.document_id,
                "outlet": c.outlet,
                "grade": c.grade,
                "title": c.title,
                "url": c.url,
                "published": c.published.isoformat() if c.published else None,
                "near_duplicate_of": c.near_duplicate_of,
                "type": c.type,
                "date": c.date,
                "country": c.country,
                "admin1": c.admin1,
                "place": c.place,
                "actor": c.actor,
                "killed": c.killed,
                "injured": c.injured,
                "drone_type": c.drone_type,
                "payload": c.payload,
                "evidence": c.text[c.evidence_start : c.evidence_end],
                "evidence_span": [c.evidence_start, c.evidence_end],
            }
            for c in claims
        ]
        return ev

    def claim_events(self) -> dict[str, str]:
        ec = schema.event_claims.c
        with self.engine.connect() as conn:
            return {r.claim_id: r.event_id for r in conn.execute(sa.select(ec.claim_id, ec.event_id))}

    def relations(self) -> list[dict[str, Any]]:
        r, d = schema.relations.c, schema.documents.c
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(
                    r.subject, r.predicate, r.object, r.document_id, r.evidence_start, r.evidence_end, d.text
                )
                .join(schema.documents, d.id == r.document_id)
                .order_by(r.pk)
            ).all()
        return [
            {
                "subject": x.subject,
                "predicate": x.predicate,
                "object": x.object,
                "document_id": x.document_id,
                "evidence": x.text[x.evidence_start : x.evidence_end],
            }
            for x in rows
        ]

    def actor_mentions(self) -> list[dict[str, Any]]:
        m = schema.mentions.c
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(m.kind, m.text, m.resolved, m.document_id).where(
                    m.kind.in_(["actor", "candidate_actor"])
                )
            ).all()
        return [dict(r._mapping) for r in rows]


def _event_row(r: Any) -> dict[str, Any]:
    out = {
        k: getattr(r, k)
        for k in (
            "id",
            "type",
            "date",
            "country",
            "admin1",
            "place",
            "lat",
            "lon",
            "actor",
            "target",
            "drone_type",
            "payload",
            "killed",
            "injured",
            "claims",
            "sources",
            "independent_sources",
            "reliability",
            "credibility",
            "disputed",
        )
    }
    out["disputed"] = bool(out["disputed"])
    out["first_reported"] = r.first_reported.isoformat() if isinstance(r.first_reported, date) else None
    out["last_reported"] = r.last_reported.isoformat() if isinstance(r.last_reported, date) else None
    out["grade"] = f"{r.reliability}{r.credibility}"
    return out
