"""Alert rules evaluated as events arrive, each alert delivered once.

An alert is recorded (rule, subject) before it is sent, so it is never raised twice; a send
that fails or is cut off leaves it "pending", and the next evaluation sends it again. Webhook
bodies are signed (HMAC-SHA256 of the body with the configured secret, header
X-Dronewatch-Signature) and carry an idempotency key, so a receiver can drop a repeat.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import smtplib
import time
from collections import defaultdict
from datetime import UTC, date, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from ..store import Store, schema
from ..store.events import parse_filter
from .config import AlertRule, WatchConfig


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _raise(store: Store, rule: AlertRule, subject: str, payload: dict[str, Any]) -> bool:
    """Record an alert once; False when it was raised before."""
    a = schema.alerts.c
    with store.engine.begin() as conn:
        seen = conn.execute(sa.select(a.pk).where(a.rule == rule.name, a.subject == subject)).first()
        if seen:
            return False
        conn.execute(
            schema.alerts.insert().values(
                rule=rule.name,
                subject=subject,
                payload=json.dumps(payload, ensure_ascii=False, default=str),
                status="pending",
                created_at=_now(),
            )
        )
    return True


def evaluate(store: Store, config: WatchConfig) -> int:
    """Raise what the rules say, then deliver everything pending. Returns alerts sent."""
    for rule in config.rules:
        if rule.kind == "events":
            f = parse_filter(**rule.filters)
            for e in store.list_events(f, limit=100_000):
                _raise(store, rule, e["id"], {"rule": rule.name, "kind": "event", "event": e})
        elif rule.kind == "new_link" and rule.actor:
            for r in store.relations():
                if rule.actor in (r["subject"], r["object"]):
                    other = r["object"] if r["subject"] == rule.actor else r["subject"]
                    _raise(
                        store,
                        rule,
                        f"{r['subject']}|{r['predicate']}|{r['object']}",
                        {"rule": rule.name, "kind": "new_link", "actor": other, "link": r},
                    )
        elif rule.kind == "surge":
            _surge(store, rule)
    return deliver_pending(store, config)


def _surge(store: Store, rule: AlertRule) -> None:
    counts: dict[str, int] = defaultdict(int)
    for when, _, n in store.event_counts(parse_filter(**rule.filters), "type", "month"):
        counts[when] += n
    month = date.today().strftime("%Y-%m")
    months = sorted(m for m in counts if m < month)[-rule.months :]
    if not months:
        return
    mean = sum(counts[m] for m in months) / rule.months
    current = counts.get(month, 0)
    if mean and current > rule.factor * mean:
        _raise(
            store,
            rule,
            month,
            {
                "rule": rule.name,
                "kind": "surge",
                "month": month,
                "events": current,
                "mean": round(mean, 2),
                "factor": rule.factor,
            },
        )


def deliver_pending(store: Store, config: WatchConfig) -> int:
    a = schema.alerts.c
    rules = {r.name: r for r in config.rules}
    with store.engine.connect() as conn:
        pending = conn.execute(sa.select(schema.alerts).where(a.status == "pending").order_by(a.pk)).all()
    sent = 0
    for row in pending:
        rule = rules.get(row.rule)
        if rule is None:
            continue
        body = json.loads(row.payload)
        body["alert_id"] = f"{row.rule}:{row.subject}"  # idempotency key
        ok = all(_send(target, body, config) for target in rule.deliver)
        if ok:
            with store.engine.begin() as conn:
                conn.execute(
                    schema.alerts.update().where(a.pk == row.pk).values(status="sent", sent_at=_now())
                )
            sent += 1
    return sent


def _send(target: str, body: dict[str, Any], config: WatchConfig) -> bool:
    kind, _, where = target.partition(":")
    data = json.dumps(body, ensure_ascii=False, default=str).encode()
    try:
        if kind == "webhook":
            # the timestamp is signed with the body, so a captured request cannot be replayed later
            stamp = str(int(time.time()))
            sig = hmac.new(config.webhook_secret.encode(), stamp.encode() + b"." + data, hashlib.sha256).hexdigest()
            r = httpx.post(
                where,
                content=data,
                timeout=10,
                headers={
                    "Content-Type": "application/json",
                    "X-Dronewatch-Signature": f"sha256={sig}",
                    "X-Dronewatch-Timestamp": stamp,
                    "Idempotency-Key": body["alert_id"],
                },
            )
            return r.status_code < 300
        if kind == "email":
            host, _, port = config.smtp.partition(":")
            msg = EmailMessage()
            msg["From"] = config.mail_from
            msg["To"] = where
            msg["Subject"] = f"dronewatch alert: {body['rule']}"
            msg.set_content(json.dumps(body, ensure_ascii=False, indent=1, default=str))
            with smtplib.SMTP(host, int(port or 25), timeout=10) as s:
                s.send_message(msg)
            return True
        if kind == "file":
            with Path(where).open("a", encoding="utf-8") as fh:
                fh.write(data.decode() + "\n")
            return True
    except (httpx.HTTPError, OSError, smtplib.SMTPException):
        return False
    return False


def history(store: Store, rule: str | None = None) -> list[dict[str, Any]]:
    a = schema.alerts.c
    q = sa.select(schema.alerts).order_by(a.pk)
    if rule:
        q = q.where(a.rule == rule)
    with store.engine.connect() as conn:
        return [
            {
                "rule": r.rule,
                "subject": r.subject,
                "status": r.status,
                "created_at": r.created_at.isoformat(),
                "sent_at": r.sent_at.isoformat() if r.sent_at else None,
            }
            for r in conn.execute(q)
        ]
