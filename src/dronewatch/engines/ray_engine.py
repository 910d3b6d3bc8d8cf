"""The Ray engine: ingest and extraction as Ray Data maps over documents, resolution as one Ray
task per block (country × type family), all writing through the same store.

The stages are pure functions of plain data, so the workers run exactly the code the local
engine runs; the driver writes results in the store (one transaction per document, as ever), so
a Ray run and a local run give the same store.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from ..config import IngestSettings
from ..errors import InputError, InputWarning
from ..extract.pipeline import extract_document, extractor_version
from ..ingest.pipeline import (
    IngestReport,
    analyse_document,
    build_document,
    expand_paths,
    read_file,
    store_document,
)
from ..model import Document
from ..store import Store


def _init(address: str | None, num_cpus: int | None) -> Any:
    import ray

    if not ray.is_initialized():
        kwargs: dict[str, Any] = {
            "ignore_reinit_error": True,
            "include_dashboard": False,
            "log_to_driver": False,
        }
        if address:
            kwargs["address"] = address
        elif num_cpus:
            kwargs["num_cpus"] = num_cpus
        ray.init(**kwargs)
    return ray


def _analyse(batch: dict[str, Any], settings: IngestSettings) -> dict[str, Any]:
    """Worker side of ingest: language id and the near-duplicate signature, the costly half."""
    out: dict[str, list[Any]] = defaultdict(list)
    for d in batch["doc"]:
        doc, sig = analyse_document(Document(**d), settings)
        out["doc"].append(doc.__dict__)
        out["sig"].append(sig or b"")
    return out


def _ordered(ray: Any) -> None:
    """Rows come back in input order, so near-duplicates resolve exactly as in the local engine."""
    ray.data.DataContext.get_current().execution_options.preserve_order = True


def ingest(
    store: Store,
    paths: list[str],
    settings: IngestSettings,
    address: str | None = None,
    num_cpus: int | None = None,
) -> IngestReport:
    """Read in the driver, analyse new documents as a Ray Data map, write in the driver."""
    ray = _init(address, num_cpus)
    _ordered(ray)
    files, errors, skipped = expand_paths(paths)
    report = IngestReport(files=len(files), errors=list(errors), skipped_files=skipped)
    new: list[dict[str, Any]] = []
    for f in files:
        for item in read_file(f, settings):
            if isinstance(item, InputWarning):
                report.warnings.append(item)
                continue
            if isinstance(item, InputError):
                report.errors.append(item)
                continue
            try:
                doc = build_document(item, settings, detect=False)
            except InputError as exc:
                report.errors.append(exc)
                continue
            if not doc.text:
                report.errors.append(InputError(item.origin, "no text"))
            elif store.has_document(doc.id):
                store.add_document(doc)  # seen again: a sighting, nothing else
                report.already_stored += 1
            else:
                new.append({"doc": doc.__dict__})
    if not new:
        return report
    ds = ray.data.from_items(new).map_batches(_analyse, batch_size=64, fn_kwargs={"settings": settings})
    for row in ds.iter_rows():
        doc = Document(**row["doc"])
        stored, dup = store_document(store, doc, settings, row["sig"] or None)
        if stored:
            report.stored += 1
            report.stored_ids.append(doc.id)
            report.near_duplicates += dup
        else:
            report.already_stored += 1
    return report


def _extract(batch: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, list[Any]] = defaultdict(list)
    for d in batch["doc"]:
        out["extraction"].append(extract_document(Document(**d)))
    return out


def extract(store: Store, address: str | None = None, num_cpus: int | None = None) -> int:
    ray = _init(address, num_cpus)
    _ordered(ray)
    docs = []
    for doc_id in store.pending_extraction(extractor_version()):
        d = store.get_document(doc_id)
        if d is not None:
            docs.append({"doc": d.__dict__})
    if not docs:
        return 0
    n = 0
    for row in ray.data.from_items(docs).map_batches(_extract, batch_size=16).iter_rows():
        store.save_extraction(row["extraction"])
        n += 1
    return n


def resolve(store: Store, address: str | None = None, num_cpus: int | None = None) -> int:
    """Every block clustered in its own Ray task; the driver builds and writes the events."""
    ray = _init(address, num_cpus)
    from ..resolve.actors import ActorNames
    from ..resolve.cluster import block_key, cluster_block
    from ..resolve.events import block_name, build_event, to_ref

    names = ActorNames(store.actor_decisions())
    rows = {r["id"]: r for r in store.claims_for_resolution()}
    blocks: dict[str, list[Any]] = defaultdict(list)
    for r in rows.values():
        ref = to_ref(r, names)
        blocks[block_name(block_key(ref))].append(ref)
    remote = ray.remote(cluster_block)
    futures = {name: remote.remote(refs) for name, refs in blocks.items()}
    existing = store.resolution_state()["blocks"]
    for name in sorted(set(futures) | set(existing)):
        clusters = ray.get(futures[name]) if name in futures else []
        store.replace_block(name, [build_event(k, rows, names) for k in clusters])
    store.set_resolution_state(store.decision_count())
    return store.count_events()


def process(
    store: Store,
    paths: list[str] | None = None,
    address: str | None = None,
    num_cpus: int | None = None,
    settings: IngestSettings | None = None,
) -> dict[str, int]:
    settings = settings or IngestSettings()
    ingested = ingest(store, paths, settings, address, num_cpus).stored if paths else 0
    extracted = extract(store, address, num_cpus)
    events = resolve(store, address, num_cpus)
    return {"ingested": ingested, "extracted": extracted, "events": events}


__all__ = ["Path", "extract", "ingest", "process", "resolve"]
