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
