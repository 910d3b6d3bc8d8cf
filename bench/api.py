"""API latency under load: p50/p95 of the event list, event detail and trend endpoints (and the
dashboard's first-paint requests) on a store of 100,000 generated events, with concurrent
clients on loopback.

    .venv/bin/python bench/api.py [EVENTS] [CLIENTS] [REQUESTS_PER_ENDPOINT]

The server is `dronewatch serve` in its own process; clients are threads with their own
HTTP connections. Prints `name value unit` lines.
"""

from __future__ import annotations

import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

from dronewatch.store import Store, schema

TYPES = ["drone_attack", "drone_seizure", "drone_smuggling", "counter_drone", "infiltration_probe"]
COUNTRIES = ["MX", "CO", "EC", "BR", "HT", "UA", "US", "VE"]


def build(path: Path, n: int) -> list[str]:
    """A store of n events, each with one claim in one document, written in bulk."""
    store = Store(f"sqlite:///{path}")
    rnd = random.Random(3)
    now = datetime.now(UTC).replace(tzinfo=None)
    docs, claims, events, links = [], [], [], []
    for i in range(n):
        day = date(2021, 1, 1) + timedelta(days=rnd.randrange(1800))
        country = rnd.choice(COUNTRIES)
        typ = rnd.choice(TYPES)
        text = f"Report {i}: a drone event of type {typ} in {country} on {day.isoformat()}. " * 3
        doc_id, claim_id, ev_id = f"d{i:08d}", f"c{i:08d}", f"e{i:08d}"
        docs.append(
            {
                "id": doc_id,
                "text": text,
                "title": f"Report {i}",
                "outlet": "Bench",
                "grade": "C",
                "published": day,
                "language": "en",
                "ingested_at": now,
            }
        )
        claims.append(
            {
                "id": claim_id,
                "document_id": doc_id,
                "type": typ,
                "date": day.isoformat(),
                "date_precision": "day",
                "country": country,
                "admin1": f"{country}-{rnd.randrange(20)}",
                "drone_type": "unknown",
                "payload": "unknown",
                "evidence_start": 0,
                "evidence_end": 60,
                "confidence": 0.5,
                "background": False,
                "extractor": "bench",
            }
        )
        fields = {"type": {"value": typ, "supporting": [claim_id], "contradicting": [], "alternatives": {}}}
        events.append(
            {
                "id": ev_id,
                "block": f"{country}|x",
                "type": typ,
                "date": day.isoformat(),
                "country": country,
                "admin1": claims[-1]["admin1"],
                "place": None,
                "lat": rnd.uniform(-30, 30),
                "lon": rnd.uniform(-110, 30),
                "actor": f"Group {rnd.randrange(80)}",
                "target": None,
                "drone_type": "unknown",
                "payload": "unknown",
                "killed": None,
                "injured": None,
                "claims": 1,
                "sources": 1,
                "independent_sources": rnd.choice([1, 1, 2, 3]),
                "reliability": "C",
                "credibility": 3,
                "disputed": False,
                "first_reported": day,
                "last_reported": day,
                "fields": json.dumps(fields),
                "resolved_at": now,
            }
        )
        links.append({"event_id": ev_id, "claim_id": claim_id})
    with store.engine.begin() as conn:
        for table, rows in (
            (schema.documents, docs),
            (schema.claims, claims),
            (schema.events, events),
            (schema.event_claims, links),
        ):
            for k in range(0, len(rows), 5000):
                conn.execute(table.insert(), rows[k : k + 5000])
    store.close()
    return [e["id"] for e in events]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def load(base: str, paths: list[str], clients: int) -> list[float]:
    latencies: list[float] = []
    lock = threading.Lock()
    queue = list(paths)

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=30) as c:
            while True:
                with lock:
                    if not queue:
                        return
                    path = queue.pop()
                t0 = time.perf_counter()
                r = c.get(path)
                dt = (time.perf_counter() - t0) * 1000
                assert r.status_code == 200, (path, r.status_code)
                with lock:
                    latencies.append(dt)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    clients = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    per = int(sys.argv[3]) if len(sys.argv) > 3 else 300
    rnd = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "api.db"
        t0 = time.perf_counter()
        ids = build(db, n)
        print(f"api_store_events {n} events (built in {time.perf_counter() - t0:.1f} s)")
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "dronewatch.cli", "serve", "--db", str(db), "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                try:
                    if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            filters = [
                "",
                "&country=MX",
                "&type=drone_attack",
                "&country=CO&min_sources=2",
                "&since=2024-01",
                "&actor=Group%207",
            ]
            suites = {
                "event_list": [f"/api/events?limit=50{rnd.choice(filters)}" for _ in range(per)],
                "event_detail": [f"/api/events/{rnd.choice(ids)}" for _ in range(per)],
                "trend": [
                    f"/api/trends?by={rnd.choice(['type', 'country'])}&period=month{rnd.choice(filters)}"
                    for _ in range(per)
                ],
                "map": [f"/api/map?x=1{rnd.choice(filters)}" for _ in range(per // 3)],
                "timeline": [f"/api/timeline?x=1{rnd.choice(filters)}" for _ in range(per // 3)],
            }
            load(base, ["/api/events?limit=5"] * 20, 2)  # warm up
            for name, paths in suites.items():
                lat = load(base, paths, clients)
                print(f"api_{name}_p50 {statistics.median(lat):.1f} ms")
                print(f"api_{name}_p95 {pct(lat, 95):.1f} ms")
            # first paint: the page and the three requests it makes at once, one visitor at a time
            paints = []
            for _ in range(10):
                t0 = time.perf_counter()
                load(base, ["/", "/api/map", "/api/timeline", "/api/events?limit=50"], 4)
                paints.append((time.perf_counter() - t0) * 1000)
            print(f"api_first_paint_requests_p50 {statistics.median(paints):.1f} ms")
            print(f"api_clients {clients} concurrent")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
