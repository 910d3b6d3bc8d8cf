"""Running extraction over a store: only what the current extractor has not seen, resumable.

Each document's result is written in its own transaction, so a killed run
loses at most the document in hand. Extraction itself is pure, so with more
than one worker documents are extracted in a process pool and written here.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Iterator

from ..store import Store
from .pipeline import Extraction, extract_document, extractor_version

Progress = Callable[[int], None]


def _extract_id(args: tuple[str, str]) -> Extraction:
    url, doc_id = args
    store = _worker_store(url)
    doc = store.get_document(doc_id)
    assert doc is not None
    return extract_document(doc)


_STORES: dict[str, Store] = {}


def _worker_store(url: str) -> Store:
    if url not in _STORES:
        _STORES[url] = Store(url)
    return _STORES[url]


def extract_store(
    store: Store, workers: int = 1, progress: Progress | None = None, limit: int | None = None
) -> int:
    """Extract every pending document; returns how many were extracted."""
    pending = list(store.pending_extraction(extractor_version()))
    if limit is not None:
        pending = pending[:limit]
    done = 0
    results: Iterator[Extraction]
    if workers > 1 and len(pending) > 50:
        ctx = mp.get_context("fork")
        with ctx.Pool(workers) as pool:
            results = pool.imap(_extract_id, [(store.url, i) for i in pending], chunksize=16)
            for ex in results:
                store.save_extraction(ex)
                done += 1
                if progress:
                    progress(done)
        return done
    for doc_id in pending:
        doc = store.get_document(doc_id)
        if doc is None:
            continue
        store.save_extraction(extract_document(doc))
        done += 1
        if progress:
            progress(done)
    return done


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))
