"""Scale: documents per second for the local engine and for Ray on the same machine, how ingest
and extraction speed up with cores, and peak memory, on N generated documents.

    .venv/bin/python bench/scale.py [N]        (default N = 100000)

Phases, each on its own SQLite store so that none warms another's cache:
  1. local ingest of all N documents with a process per core (language id and MinHash in the
     pool, one writer), and of the first N/5 in one process and with a process per core, for the
     ingest speed-up on equal stores;
  2. local extraction of N/5 documents in one process, and of all N with a process per core
     (writes included), for the extraction speed-up and parallel efficiency;
  3. Ray: ingest then extraction of all N as Ray Data maps on a local cluster of all cores.
Memory is the peak proportional set size (PSS: shared pages split between the processes that
share them) of this process and every process it started (pool workers, Ray's raylet, GCS and
workers), sampled every half second, per phase.
Prints `name value unit` lines and the projected throughput per node.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dronewatch.config import IngestSettings  # noqa: E402
from dronewatch.extract.pipeline import extract_document  # noqa: E402
from dronewatch.extract.run import extract_store  # noqa: E402
from dronewatch.ingest import ingest_paths  # noqa: E402
from dronewatch.store import Store  # noqa: E402
from gen import write_corpus  # noqa: E402


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def tree_pss_mb(root: int) -> float:
    """PSS of ``root`` and all its descendants, in MB (Linux /proc)."""
    tree, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(tree.get(pid, []))
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total / 1024


class PeakMemory:
    """Samples the process tree's PSS in a thread; ``phase()`` returns and resets the peak."""

    def __init__(self, every: float = 0.5) -> None:
        self.peak = 0.0
        self.overall = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every,), daemon=True)
        self._thread.start()

    def _run(self, every: float) -> None:
        while not self._stop.wait(every):
            now = tree_pss_mb(os.getpid())
            self.peak = max(self.peak, now)
            self.overall = max(self.overall, now)

    def phase(self) -> float:
        peak, self.peak = self.peak, 0.0
        return peak

    def stop(self) -> None:
        self._stop.set()


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]  # figures as they come
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    cores = os.cpu_count() or 1
    part = max(1, n // 5)
    mem = PeakMemory()
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_corpus(Path(tmp) / "corpus", n)
        few = write_corpus(Path(tmp) / "few", part)  # the first N/5 documents of the same corpus
        print(f"scale_documents {n} docs ({cores} cores)")
        mem.phase()

        store = Store(f"sqlite:///{tmp}/local.db")
        t0 = time.perf_counter()
        report = ingest_paths([folder], store, IngestSettings(workers=cores))
        ingest_many = n / (time.perf_counter() - t0)
        print(f"scale_local_ingest_{cores}_cores {ingest_many:.1f} docs/s ({report.stored} stored)")
        print(f"scale_local_ingest_peak_pss {mem.phase():.0f} MB")
        speed = {}
        for workers in (1, cores):
            t0 = time.perf_counter()
            ingest_paths([few], Store(f"sqlite:///{tmp}/few-{workers}.db"), IngestSettings(workers=workers))
            speed[workers] = part / (time.perf_counter() - t0)
            print(f"scale_local_ingest_{workers}_cores_on_{part} {speed[workers]:.1f} docs/s")
        print(
            f"scale_local_ingest_speedup {speed[cores] / speed[1]:.2f}x on {cores} cores ({part} documents)"
        )

        docs = [d for _, d in zip(range(part), store.iter_documents(), strict=False)]
        extract_document(docs[0])  # loads lexicons and gazetteer once, before the clock (and the fork)
        t0 = time.perf_counter()
        for d in docs:
            extract_document(d)
        one = part / (time.perf_counter() - t0)
        del docs
        mem.phase()
        t0 = time.perf_counter()
        extract_store(store, workers=cores)
        many = n / (time.perf_counter() - t0)
        print(f"scale_local_extract_1_core {one:.1f} docs/s (on {part} documents, no writes)")
        print(f"scale_local_extract_{cores}_cores {many:.1f} docs/s (process pool, writes included)")
        print(f"scale_local_extract_efficiency {many / (one * cores):.2f} (speed-up / cores)")
        print(f"scale_local_extract_peak_pss {mem.phase():.0f} MB")
        store.close()

        try:
            import ray

            from dronewatch.engines import ray_engine
        except ImportError:
            print("scale_ray unavailable (pip install 'ray[data]')")
        else:
            ray.init(num_cpus=cores, include_dashboard=False, log_to_driver=False)
            rstore = Store(f"sqlite:///{tmp}/ray.db")
            mem.phase()
            t0 = time.perf_counter()
            ray_engine.ingest(rstore, [str(folder)], IngestSettings())
            r_ingest = n / (time.perf_counter() - t0)
            print(f"scale_ray_ingest {r_ingest:.1f} docs/s ({cores} CPUs, writes by the driver)")
            print(f"scale_ray_ingest_peak_pss {mem.phase():.0f} MB")
            t0 = time.perf_counter()
            ray_engine.extract(rstore)
            r_extract = n / (time.perf_counter() - t0)
            print(f"scale_ray_extract {r_extract:.1f} docs/s ({cores} CPUs, writes by the driver)")
            print(f"scale_ray_extract_peak_pss {mem.phase():.0f} MB")
            ray.shutdown()
        eff = many / (one * cores)
        print(
            f"scale_projected_extract_per_node {one * eff:.0f} docs/s per core at this efficiency "
            f"(x cores per node; {one * eff * 16:.0f} docs/s on a 16-core node)"
        )
    mem.stop()
    print(f"scale_peak_pss {mem.overall:.0f} MB (whole run, all processes)")


if __name__ == "__main__":
    main()
