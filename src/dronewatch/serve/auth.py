"""API tokens: made by `dronewatch token create`, kept as SHA-256 hashes, checked per request."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

import sqlalchemy as sa

from ..store import Store, schema

ROLES = ("reader", "analyst")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(store: Store, role: str, name: str) -> str:
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    token = "dw_" + secrets.token_urlsafe(24)
    with store.engine.begin() as conn:
        conn.execute(
            schema.tokens.insert().values(
                id=secrets.token_hex(8),
                name=name,
                role=role,
                hash=_hash(token),
                created_at=datetime.now(UTC).replace(tzinfo=None),
            )
        )
    return token


def role_of(store: Store, token: str | None) -> str | None:
    if not token:
        return None
    with store.engine.connect() as conn:
        row = conn.execute(
            sa.select(schema.tokens.c.role).where(schema.tokens.c.hash == _hash(token))
        ).first()
    return row[0] if row else None


def token_name(store: Store, token: str | None) -> str | None:
    """Who a token belongs to, for the audit log."""
    if not token:
        return None
    with store.engine.connect() as conn:
        row = conn.execute(
            sa.select(schema.tokens.c.name).where(schema.tokens.c.hash == _hash(token))
        ).first()
    return row[0] if row else None


def list_tokens(store: Store) -> list[dict[str, str]]:
    """Every token's id, name, role and creation time (never the token or its hash)."""
    t = schema.tokens.c
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(t.id, t.name, t.role, t.created_at).order_by(t.created_at)).all()
    return [
        {"id": r.id, "name": r.name, "role": r.role, "created_at": r.created_at.isoformat(timespec="seconds")}
        for r in rows
    ]


def revoke_token(store: Store, token_id: str) -> None:
    """The token stops working at once; an unknown id is an error, not a silent no-op."""
    from ..errors import NotFound

    with store.engine.begin() as conn:
        gone = conn.execute(schema.tokens.delete().where(schema.tokens.c.id == token_id)).rowcount
    if not gone:
        raise NotFound(f"no token with id {token_id!r} (see `dronewatch token list`)")
