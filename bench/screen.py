"""Screening: precision and recall on the labelled pairs, side by side with nomenklatura's
LogicV2 (yente's default matcher), and latency per roster row against 1,000,000 generated
watchlist entities.

    .venv/bin/python bench/screen.py [ENTITIES] [ROWS]

Prints `name value unit` lines.
"""

from __future__ import annotations

import csv
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "screen"))

from build_pairs import GIVEN, SURNAMES, to_cyrillic  # noqa: E402

from dronewatch.screen.match import THRESHOLD, Party, compare  # noqa: E402
from dronewatch.screen.names import split_aliases  # noqa: E402
from dronewatch.screen.screening import RosterRow, match_row  # noqa: E402
from dronewatch.screen.watchlists import Entity, import_entities  # noqa: E402
from dronewatch.store import Store  # noqa: E402

SYL = [
    "ka",
    "lo",
    "mi",
    "re",
    "sa",
    "to",
    "vu",
    "ne",
    "di",
    "po",
    "ra",
    "be",
    "go",
    "fi",
    "la",
    "zu",
    "an",
    "el",
    "or",
    "in",
    "ta",
    "ke",
    "mo",
    "ri",
    "su",
    "da",
    "ve",
    "ni",
]


def party(text: str) -> Party:
    name, aliases = split_aliases(text)
    return Party([name, *aliases])


def quality() -> None:
    rows = list(csv.DictReader((ROOT / "tests" / "screen" / "pairs.csv").open(encoding="utf-8")))
    from followthemoney import model
    from nomenklatura.matching import LogicV2

    cfg = LogicV2.default_config()

    def proxy(i: int, text: str) -> object:
        name, aliases = split_aliases(text)
        e = model.make_entity("Person")
        e.id = f"e{i}"
        e.add("name", name)
        e.add("alias", aliases)
        return e

    ours, theirs = [], []
    t0 = time.perf_counter()
    for r in rows:
        ours.append(compare(party(r["a"]), party(r["b"])).score)
    ours_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for i, r in enumerate(rows):
        theirs.append(LogicV2.compare(proxy(2 * i, r["a"]), proxy(2 * i + 1, r["b"]), cfg).score)
    theirs_s = time.perf_counter() - t0
    gold = [r["same"] == "1" for r in rows]
    print(f"screen_pairs {len(rows)} pairs ({sum(gold)} same)")
    for name, scores, threshold, secs in (
        ("dronewatch", ours, THRESHOLD, ours_s),
        ("nomenklatura_logic_v2", theirs, 0.7, theirs_s),
    ):
        tp = sum(1 for s, g in zip(scores, gold, strict=True) if s >= threshold and g)
        fp = sum(1 for s, g in zip(scores, gold, strict=True) if s >= threshold and not g)
        fn = sum(1 for s, g in zip(scores, gold, strict=True) if s < threshold and g)
        p = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        print(f"screen_{name}_precision {p:.3f} (threshold {threshold})")
        print(f"screen_{name}_recall {rc:.3f}")
        print(f"screen_{name}_pairs_per_second {len(rows) / secs:.0f} pairs/s")


def entities(n: int, rnd: random.Random) -> list[Entity]:
    out = []
    for i in range(n):
        if rnd.random() < 0.1:  # common Hispanic names make big blocks
            name = f"{rnd.choice(GIVEN)} {rnd.choice(SURNAMES)} {rnd.choice(SURNAMES)}"
        else:
            name = " ".join(
                "".join(rnd.choice(SYL) for _ in range(rnd.randint(2, 4))).title() for _ in range(3)
            )
        out.append(
            Entity(
                id=f"x{i}",
                name=name,
                birth_date=f"19{rnd.randint(50, 99)}-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)}",
                nationality=rnd.choice(["MX", "CO", "VE", "EC", "UA", "RU"]),
            )
        )
    return out


def latency(n: int, rows: int) -> None:
    rnd = random.Random(9)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/screen.db")
        ents = entities(n, rnd)
        t0 = time.perf_counter()
        import_entities(store, "generated", ents)
        print(f"screen_watchlist_entities {n} entities (imported in {time.perf_counter() - t0:.0f} s)")
        queries = []
        for k in range(rows):
            e = rnd.choice(ents)
            name = (
                e.name
                if k % 3 == 0
                else (to_cyrillic(e.name) if k % 3 == 1 else e.name.lower()[::-1].title())
            )
            queries.append(RosterRow(k, name, [], None, None, set(), None))
        lat = []
        for q in queries:
            t0 = time.perf_counter()
            match_row(store, q, THRESHOLD)
            lat.append((time.perf_counter() - t0) * 1000)
        lat.sort()
        print(f"screen_row_latency_p50 {statistics.median(lat):.1f} ms")
        print(f"screen_row_latency_p95 {lat[int(0.95 * (len(lat) - 1))]:.1f} ms")
        print(f"screen_peak_rss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    quality()
    latency(n, rows)


if __name__ == "__main__":
    main()
