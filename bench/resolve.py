"""Resolution scaling: time and memory to cluster 10,000, 100,000 and 1,000,000 generated claims.

    .venv/bin/python bench/resolve.py [N ...]

Claims are generated as reports of real events: 25 countries with 8 states each, five
years, 1 to 5 reports per event with noise in the date (70% dated to the day, 20% to the
month, 10% to the year), the place and the actor. Each size runs in its own process so its
peak memory is its own. Prints `name value unit` lines and the growth exponent.
"""

from __future__ import annotations

import json
import math
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta

TYPES = [
    "drone_attack",
    "drone_attack",
    "drone_attack",
    "drone_seizure",
    "drone_smuggling",
    "counter_drone",
    "infiltration_probe",
    "capability_transfer",
]
ACTORS = [f"Group {i}" for i in range(60)] + [None] * 20


def generate(n: int, seed: int = 7) -> list:
    from dronewatch.resolve.cluster import ClaimRef

    rnd = random.Random(seed)
    start = date(2021, 1, 1).toordinal()
    out: list[ClaimRef] = []
    i = 0
    while len(out) < n:
        country = f"C{rnd.randrange(25):02d}"
        admin1 = f"{country}-S{rnd.randrange(8)}"
        day = date.fromordinal(start + rnd.randrange(5 * 365))
        typ = rnd.choice(TYPES)
        actor = rnd.choice(ACTORS)
        killed = rnd.choice([None, None, 0, 1, 2, 3, 5])
        place = f"{admin1}-P{rnd.randrange(40)}"
        for _ in range(rnd.choice([1, 1, 2, 2, 3, 5])):
            r = rnd.random()
            d = day + timedelta(days=rnd.choice([0, 0, 0, 1, -1]))
            value = d.isoformat() if r < 0.7 else (d.strftime("%Y-%m") if r < 0.9 else str(d.year))
            out.append(
                ClaimRef(
                    id=f"c{i}",
                    document=f"d{i}",
                    type=typ,
                    country=country,
                    date=value,
                    admin1=admin1 if rnd.random() < 0.8 else None,
                    place=place if rnd.random() < 0.6 else None,
                    actor=actor if rnd.random() < 0.85 else None,
                    killed=killed,
                    anchors=frozenset({f"place:{place}", f"k:{killed}"}),
                    reported=d.isoformat(),
                )
            )
            i += 1
    return out[:n]


def one(n: int) -> None:
    from dronewatch.resolve.cluster import cluster_claims

    claims = generate(n)
    t0 = time.perf_counter()
    clusters = cluster_claims(claims)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"n": n, "seconds": seconds, "events": len(clusters), "peak_mb": peak}))


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        one(int(sys.argv[2]))
        return
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000, 1_000_000]
    results = []
    for n in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        results.append(r)
        print(f"resolve_{n}_claims_seconds {r['seconds']:.2f} s")
        print(f"resolve_{n}_claims_events {r['events']} events")
        print(f"resolve_{n}_claims_peak_rss {r['peak_mb']:.0f} MB")
    if len(results) >= 2:
        a, b = results[0], results[-1]
        exponent = math.log(b["seconds"] / a["seconds"]) / math.log(b["n"] / a["n"])
        print(f"resolve_growth_exponent {exponent:.2f} (time ~ n^k)")


if __name__ == "__main__":
    main()
