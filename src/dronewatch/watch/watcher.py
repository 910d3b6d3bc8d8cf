"""The watcher: polls feeds (conditional GET, per-source intervals, backoff) and folders, and
processes only what is new.

Crash safety comes from the pipeline itself: a document is written in one transaction under its
content hash, so re-reading a feed stores nothing twice; a source's ETag is saved only after its
documents are stored, so a kill before that means the next poll reads it again. Kill it at any
moment, start it again: nothing lost, nothing duplicated.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import sqlalchemy as sa

from ..config import IngestSettings
from ..errors import InputError
from ..extract.run import extract_store
from ..ingest import ingest_paths
from ..ingest.pipeline import build_document, store_document
from ..ingest.readers import RawDocument
from ..ingest.readers.feeds import read_feed
from ..resolve.events import resolve_store
from ..store import Store, schema
from .alerts import evaluate
from .config import SourceConf, WatchConfig

log = logging.getLogger("dronewatch.watch")
MAX_BACKOFF = 3600


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def jlog(event: str, **fields: object) -> None:
    """Structured log lines: one JSON object each."""
    log.info(json.dumps({"event": event, "at": _now().isoformat(), **fields}, default=str))


@dataclass
class PollResult:
    source: str
    status: str  # new | unchanged | failed
    stored: int = 0
    error: str | None = None


def _state(store: Store, name: str) -> dict[str, object]:
    w = schema.watch_state.c
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(schema.watch_state).where(w.source == name)).first()
    return (
        dict(row._mapping)
        if row
        else {
            "source": name,
            "etag": None,
            "last_modified": None,
            "failures": 0,
            "next_poll": None,
            "last_success": None,
        }
    )


def _save_state(store: Store, name: str, **values: object) -> None:
    w = schema.watch_state
    with store.engine.begin() as conn:
        current = conn.execute(sa.select(w).where(w.c.source == name)).first()
        if current is None:
            conn.execute(w.insert().values(**{"source": name, "failures": 0, **values}))
        else:
            conn.execute(w.update().where(w.c.source == name).values(**values))


def poll_feed(store: Store, src: SourceConf, settings: IngestSettings) -> PollResult:
    st = _state(store, src.name)
    headers = {}
    if st.get("etag"):
        headers["If-None-Match"] = str(st["etag"])
    if st.get("last_modified"):
        headers["If-Modified-Since"] = str(st["last_modified"])
    assert src.feed
    r = httpx.get(src.feed, headers=headers, timeout=30, follow_redirects=True)
    if r.status_code == 304:
        return PollResult(src.name, "unchanged")
    r.raise_for_status()
    stored = 0
    for item in read_feed(src.feed, r.content):
        if isinstance(item, InputError) or not isinstance(item, RawDocument):
            continue
        ok, _ = store_document(store, build_document(item, settings, detect=False), settings)
        stored += ok
    # only now: a kill before this line means the next poll reads the feed again
    _save_state(store, src.name, etag=r.headers.get("ETag"), last_modified=r.headers.get("Last-Modified"))
    return PollResult(src.name, "new" if stored else "unchanged", stored)


def poll_folder(store: Store, src: SourceConf, settings: IngestSettings) -> PollResult:
    assert src.folder
    report = ingest_paths([Path(src.folder)], store, settings)
    return PollResult(src.name, "new" if report.stored else "unchanged", report.stored)


def poll(store: Store, src: SourceConf, settings: IngestSettings) -> PollResult:
    try:
        res = poll_feed(store, src, settings) if src.feed else poll_folder(store, src, settings)
    except (httpx.HTTPError, OSError, InputError) as exc:
        st = _state(store, src.name)
        failures = int(st.get("failures") or 0) + 1  # type: ignore[call-overload]
        wait = min(MAX_BACKOFF, src.interval * 2 ** (failures - 1))
        _save_state(store, src.name, failures=failures, next_poll=_now() + timedelta(seconds=wait))
        jlog("poll_failed", source=src.name, error=str(exc)[:200], retry_in=wait)
        return PollResult(src.name, "failed", error=str(exc))
    _save_state(
        store, src.name, failures=0, last_success=_now(), next_poll=_now() + timedelta(seconds=src.interval)
    )
    jlog("polled", source=src.name, status=res.status, stored=res.stored)
    return res


def run_once(
    store: Store, config: WatchConfig, settings: IngestSettings, due_only: bool = False
) -> list[PollResult]:
    """Poll every (due) source, then extract, resolve and evaluate alerts for what is new."""
    results = []
    for src in config.sources:
        st = _state(store, src.name)
        nxt = st.get("next_poll")
        if due_only and isinstance(nxt, datetime) and nxt > _now():
            continue
        results.append(poll(store, src, settings))
    if any(r.stored for r in results) or not due_only:
        extract_store(store)
        resolve_store(store)
    sent = evaluate(store, config)
    if sent:
        jlog("alerts_sent", count=sent)
    return results


def watch(
    store: Store,
    config: WatchConfig,
    settings: IngestSettings,
    stop: Callable[[], bool] = lambda: False,
    tick: float = 1.0,
) -> None:
    """Poll on schedule until stopped."""
    while not stop():
        run_once(store, config, settings, due_only=True)
        time.sleep(tick)


def lag_seconds(store: Store) -> dict[str, float]:
    """Seconds since each source's last successful poll (for the metrics)."""
    w = schema.watch_state.c
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(w.source, w.last_success)).all()
    now = _now()
    return {s: (now - t).total_seconds() for s, t in rows if t is not None}
