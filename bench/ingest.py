"""Ingest throughput: documents per second and peak memory on a generated corpus.

    .venv/bin/python bench/ingest.py [N]      (default N = 10000)

The corpus goes into a fresh SQLite store once with a process per core (language id and MinHash
in the pool, one writer) and once in a single process; then is re-ingested (all already stored).
Prints `name value unit` lines.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dronewatch.config import IngestSettings  # noqa: E402
from dronewatch.ingest import ingest_paths  # noqa: E402
from dronewatch.store import Store  # noqa: E402
from gen import write_corpus  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_corpus(Path(tmp) / "corpus", n)
        cores = os.cpu_count() or 1
        t0 = time.perf_counter()
        ingest_paths([folder], Store(f"sqlite:///{tmp}/one.db"), IngestSettings(workers=1))
        one_s = time.perf_counter() - t0
        store = Store(f"sqlite:///{tmp}/bench.db")
        t0 = time.perf_counter()
        report = ingest_paths([folder], store, IngestSettings(workers=cores))
        elapsed = time.perf_counter() - t0
        again0 = time.perf_counter()
        again = ingest_paths([folder], store, IngestSettings(workers=cores))
        again_s = time.perf_counter() - again0
        size = sum(p.stat().st_size for p in Path(tmp).glob("bench.db*"))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ingest_documents {n} docs")
    print(f"ingest_stored {report.stored} docs")
    print(f"ingest_near_duplicates {report.near_duplicates} docs")
    print(f"ingest_failed {len(report.errors)} docs")
    print(f"ingest_seconds {elapsed:.2f} s")
    print(f"ingest_throughput_1_process {n / one_s:.1f} docs/s")
    print(f"ingest_throughput_{cores}_processes {n / elapsed:.1f} docs/s")
    print(f"reingest_throughput {n / again_s:.1f} docs/s (all already stored: {again.already_stored == n})")
    print(f"store_size {size / 1048576:.1f} MB")
    print(f"peak_rss {peak_mb:.0f} MB (the writing process)")


if __name__ == "__main__":
    main()
