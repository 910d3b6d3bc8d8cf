"""Scale: documents per second for the local engine and for Ray on the same machine, extraction
speed-up with cores, and peak memory, on N generated documents.

    .venv/bin/python bench/scale.py [N]        (default N = 100000)

Phases: ingest (local, one process, into SQLite), extraction with 1 and with all local cores
(process pool), and ingest + extraction through Ray Data (a local cluster using all cores).
Prints `name value unit` lines, the parallel efficiency, and the projected throughput per node.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dronewatch.extract.pipeline import extract_document  # noqa: E402
from dronewatch.extract.run import extract_store  # noqa: E402
from dronewatch.ingest import ingest_paths  # noqa: E402
from dronewatch.store import Store  # noqa: E402
from gen import write_corpus  # noqa: E402


def _extract_all(docs: list) -> None:
    for d in docs:
        extract_document(d)


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]  # figures as they come
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_corpus(Path(tmp) / "corpus", n)
        store = Store(f"sqlite:///{tmp}/local.db")
        t0 = time.perf_counter()
        ingest_paths([folder], store)
        ingest_s = time.perf_counter() - t0
        print(f"scale_documents {n} docs")
        print(f"scale_local_ingest {n / ingest_s:.1f} docs/s (1 process)")
        docs = list(store.iter_documents())
        t0 = time.perf_counter()
        _extract_all(docs[: max(1, n // 5)])
        one = (n // 5) / (time.perf_counter() - t0)
        t0 = time.perf_counter()
        extract_store(store, workers=cores)
        many = n / (time.perf_counter() - t0)
        print(f"scale_local_extract_1_core {one:.1f} docs/s")
        print(f"scale_local_extract_{cores}_cores {many:.1f} docs/s (process pool, writes included)")
        print(f"scale_local_extract_efficiency {many / (one * cores):.2f} (speed-up / cores)")
        try:
            import ray

            from dronewatch.engines import ray_engine
        except ImportError:
            print("scale_ray unavailable (pip install 'ray[data]')")
            return
        ray.init(num_cpus=cores, include_dashboard=False, log_to_driver=False)
        rstore = Store(f"sqlite:///{tmp}/ray.db")
        t0 = time.perf_counter()
        ray_engine.ingest(rstore, [str(folder)], __import__("dronewatch.config").config.IngestSettings())
        r_ingest = n / (time.perf_counter() - t0)
        t0 = time.perf_counter()
        ray_engine.extract(rstore)
        r_extract = n / (time.perf_counter() - t0)
        ray.shutdown()
        print(f"scale_ray_ingest {r_ingest:.1f} docs/s ({cores} CPUs)")
        print(f"scale_ray_extract {r_extract:.1f} docs/s ({cores} CPUs, writes by the driver)")
        print(f"scale_projected_extract_per_node {one * 0.9:.0f} docs/s per core, x cores per node")
    print(f"scale_peak_rss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
