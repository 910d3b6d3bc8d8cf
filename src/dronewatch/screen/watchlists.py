"""Watchlists: FollowTheMoney entity JSON lines (as OpenSanctions publishes them), CSV, and the
persons and groups dronewatch itself knows (the registry's actors and their leaders).

Entities are stored with blocking keys (the phonetic skeletons of their name tokens), so a
roster row is compared with the few entities that share a key, not with the whole list.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from ..errors import InputError
from ..ingest.decode import decode_bytes
from ..store import Store, schema
from .names import keys, split_aliases

FTM_SCHEMATA = {"Person", "Organization", "Company", "LegalEntity", "PublicBody"}


@dataclass
class Entity:
    id: str
    name: str
    schema: str = "Person"
    aliases: list[str] = field(default_factory=list)
    birth_date: str | None = None
    nationality: str | None = None
    identifiers: list[str] = field(default_factory=list)
    tie: str | None = None
    source: str | None = None


def read_ftm(path: Path) -> Iterator[Entity | InputError]:
    text = decode_bytes(path.read_bytes(), str(path)).text
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(str(path), f"invalid JSON ({exc.msg})", n)
            continue
        if not isinstance(obj, dict) or "id" not in obj or "schema" not in obj:
            yield InputError(str(path), "not a FollowTheMoney entity (needs id, schema, properties)", n)
            continue
        if obj["schema"] not in FTM_SCHEMATA:
            continue  # sanctions programmes, addresses, vessels: not names to screen
        props = obj.get("properties") or {}
        names = props.get("name") or []
        if not names:
            yield InputError(str(path), f"entity {obj['id']} has no name", n)
            continue
        yield Entity(
            id=str(obj["id"]),
            name=names[0],
            schema="Person" if obj["schema"] == "Person" else "Organization",
            aliases=[*names[1:], *props.get("alias", []), *props.get("weakAlias", [])],
            birth_date=(props.get("birthDate") or [None])[0],
            nationality=((props.get("nationality") or props.get("country") or [None])[0] or "").upper()[:2]
            or None,
            identifiers=[
                *props.get("idNumber", []),
                *props.get("passportNumber", []),
                *props.get("taxNumber", []),
            ],
            source=(props.get("sourceUrl") or [None])[0],
        )


CSV_COLUMNS = ("name", "aliases", "birth_date", "nationality", "identifiers")


def read_csv(path: Path) -> Iterator[Entity | InputError]:
    text = decode_bytes(path.read_bytes(), str(path)).text
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if "name" not in header:
        raise InputError(
            str(path), f"missing required column: name (found: {', '.join(header) or 'no header'})", 1
        )
    reader.fieldnames = header
    for n, row in enumerate(reader, start=2):
        raw = (row.get("name") or "").strip()
        if not raw:
            yield InputError(str(path), "empty name", n)
            continue
        name, inline = split_aliases(raw)
        aliases = inline + [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
        yield Entity(
            id=row.get("id") or f"row-{n}",
            name=name,
            schema=row.get("schema") or "Person",
            aliases=aliases,
            birth_date=(row.get("birth_date") or "").strip() or None,
            nationality=(row.get("nationality") or "").strip().upper()[:2] or None,
            identifiers=[i.strip() for i in (row.get("identifiers") or "").split("|") if i.strip()],
            tie=(row.get("tie") or "").strip() or None,
        )


def builtin_entities() -> Iterator[Entity]:
    """dronewatch's own list: every registry actor, and every leader tied to their group."""
    from ..extract.actors import registry
    from ..extract.registry import NON_STATE, leaders

    reg = registry()
    for a in reg.actors.values():
        if a.kind in NON_STATE:
            yield Entity(
                id=f"actor:{a.name}",
                name=a.name,
                schema="Organization",
                aliases=list(a.aliases),
                nationality=a.country,
                tie=reg.top(a.name),
            )
    for person, group in leaders.items():
        if any(ord(ch) > 0x400 for ch in person):
            continue  # Cyrillic spellings are aliases of the Latin entry
        yield Entity(
            id=f"leader:{person}", name=person, schema="Person", tie=group, nationality=reg.country(group)
        )


def extracted_persons(store: Store) -> Iterator[Entity]:
    """Persons the reports name and tie to a group ("a Sinaloa cartel operator named ...")."""
    m = schema.mentions.c
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(m.text, m.resolved, sa.func.min(m.document_id))
            .where(m.kind == "person")
            .group_by(m.text, m.resolved)
        ).all()
    for text, group, doc in rows:
        yield Entity(
            id=f"person:{text}|{group}", name=text, schema="Person", tie=group, source=f"document {doc}"
        )


def import_entities(store: Store, watchlist: str, entities: Iterable[Entity]) -> int:
    """Replace a watchlist's entities (re-importing a list is safe)."""
    w, k = schema.watchlist_entities, schema.watchlist_keys
    count = 0
    with store.engine.begin() as conn:
        old = sa.select(w.c.pk).where(w.c.watchlist == watchlist)
        conn.execute(k.delete().where(k.c.entity_pk.in_(old)))
        conn.execute(w.delete().where(w.c.watchlist == watchlist))
        batch: list[Entity] = []
        for e in entities:
            batch.append(e)
            if len(batch) >= 5000:
                count += _insert(conn, watchlist, batch)
                batch = []
        count += _insert(conn, watchlist, batch)
    return count


def _insert(conn: sa.Connection, watchlist: str, batch: list[Entity]) -> int:
    if not batch:
        return 0
    w, k = schema.watchlist_entities, schema.watchlist_keys
    seen: dict[str, Entity] = {e.id: e for e in batch}
    rows = [
        {
            "id": e.id,
            "watchlist": watchlist,
            "schema": e.schema,
            "name": e.name[:500],
            "aliases": json.dumps(e.aliases[:100], ensure_ascii=False),
            "birth_date": e.birth_date,
            "nationality": e.nationality,
            "identifiers": json.dumps(e.identifiers),
            "tie": e.tie,
            "source": e.source,
        }
        for e in seen.values()
    ]
    conn.execute(w.insert(), rows)
    pks = dict(
        conn.execute(
            sa.select(w.c.id, w.c.pk).where(w.c.watchlist == watchlist, w.c.id.in_(list(seen)))
        ).all()
    )
    key_rows: list[dict[str, Any]] = []
    for e in seen.values():
        ks: set[str] = set()
        for n in [e.name, *e.aliases]:
            ks |= keys(n)
        key_rows.extend({"key": key[:100], "entity_pk": pks[e.id]} for key in ks)
    if key_rows:
        conn.execute(k.insert(), key_rows)
    return len(rows)


def load_file(path: Path) -> Iterator[Entity | InputError]:
    if not path.is_file():
        raise InputError(str(path), "no such file")
    if path.suffix.lower() in (".json", ".jsonl", ".ndjson", ".ftm"):
        return read_ftm(path)
    if path.suffix.lower() == ".csv":
        return read_csv(path)
    raise InputError(str(path), "a watchlist is FollowTheMoney JSON lines (.json/.jsonl) or CSV")


def watchlist_summary(store: Store) -> list[dict[str, Any]]:
    w = schema.watchlist_entities.c
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(w.watchlist, sa.func.count()).group_by(w.watchlist)).all()
    return [{"watchlist": r[0], "entities": int(r[1])} for r in rows]
