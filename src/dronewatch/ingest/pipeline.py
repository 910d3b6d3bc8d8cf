"""The ingest stage: paths in, stored ``Document``s out, one transaction per document.

Errors in one input never stop the others: each bad file or record becomes
one ``InputError`` in the report, and the caller turns the report into an
exit code. A document is written with its search entry, its LSH bands and
its sighting in one transaction, so a kill leaves either all or nothing.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..config import IngestSettings
from ..errors import InputError, InputWarning
from ..model import Document
from ..store import Store
from .dedup import Signature, best_match, signature
from .language import detect_language
from .normalise import clean_text, content_id
from .readers import RawDocument, reader_for
from .sources import load_sources


@dataclass
class IngestReport:
    files: int = 0
    stored: int = 0
    already_stored: int = 0
    near_duplicates: int = 0
    stored_ids: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[InputWarning] = field(default_factory=list)
    skipped_files: int = 0  # files in a folder with a suffix no reader knows

    @property
    def ok(self) -> bool:
        return not self.errors


Progress = Callable[[str, int], None]  # (what happened, files done)


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[InputError], int]:
    """Files to read, in a stable order; a folder is walked recursively, hidden entries skipped."""
    files: list[Path] = []
    errors: list[InputError] = []
    skipped = 0
    for p in map(Path, paths):
        if p.is_dir():
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.startswith("."):
                        continue
                    f = Path(root) / name
                    if reader_for(str(f)) is None:
                        skipped += 1
                    else:
                        files.append(f)
        elif p.is_file():
            if reader_for(str(p)) is None:
                errors.append(InputError(str(p), f"unsupported file type {p.suffix or '(no suffix)'!r}"))
            else:
                files.append(p)
        else:
            errors.append(InputError(str(p), "no such file or folder"))
    return files, errors, skipped


def read_file(path: Path, settings: IngestSettings) -> Iterator[RawDocument | InputError]:
    """Every raw document and every error of one file; never raises for a bad input."""
    name = str(path)
    try:
        size = path.stat().st_size
        limit = int(settings.max_file_mb * 1024 * 1024)
        if size > limit:
            yield InputError(
                name,
                f"file is {size / 1048576:.1f} MB, above the {settings.max_file_mb:g} MB limit "
                "(setting ingest.max_file_mb)",
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(name, f"cannot read ({exc.strerror})")
        return
    reader = reader_for(name)
    assert reader is not None
    try:
        yield from reader(name, data)
    except InputError as exc:
        yield exc


def web_url(url: str | None) -> str | None:
    """Only an http(s) address is kept: a ``javascript:`` or ``data:`` link from a hostile source
    would otherwise become a clickable link in the analyst's dashboard."""
    if not url:
        return None
    url = url.strip()
    if any(ord(c) < 33 or 127 <= ord(c) < 160 for c in url):
        return None  # controls or spaces inside an address: not a link anyone should follow
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    return url if scheme in ("http", "https") and len(url) <= 2000 else None


def build_document(raw: RawDocument, settings: IngestSettings, detect: bool = True) -> Document:
    """``detect=False`` skips language id, for documents about to be found already stored."""
    text = clean_text(raw.text)
    raw = replace(raw, url=web_url(raw.url), outlet=clean_text(raw.outlet) if raw.outlet else None)
    sources = load_sources(settings.sources_file)
    language = (raw.language or "").strip().lower()[:2] or None
    if language is None and detect:
        language = detect_language(text, settings.languages)
    return Document(
        id=content_id(text),
        text=text,
        title=clean_text(raw.title) if raw.title else None,
        url=raw.url,
        outlet=sources.outlet_name(raw.outlet, raw.url),
        published=raw.published,
        language=language,
        grade=sources.grade(raw.outlet, raw.url),
        external_id=raw.external_id,
        origin=raw.origin,
    )


def analyse_document(doc: Document, settings: IngestSettings) -> tuple[Document, bytes | None]:
    """The costly, store-free half of ingest: language id and the MinHash signature (most of a
    new document's time), so it is what runs in worker processes."""
    if doc.language is None:
        doc = replace(doc, language=detect_language(doc.text, settings.languages))
    sig = signature(doc.text)
    return doc, sig.to_bytes() if sig is not None else None


def store_document(
    store: Store, doc: Document, settings: IngestSettings, sig_bytes: bytes | None = None
) -> tuple[bool, bool]:
    """Returns (stored, is_near_duplicate). ``sig_bytes`` is a signature computed beforehand."""
    if store.has_document(doc.id):
        store.add_document(doc)  # records a new sighting, if any
        return False, False
    if doc.language is None:
        doc = replace(doc, language=detect_language(doc.text, settings.languages))
    sig = Signature.from_bytes(sig_bytes) if sig_bytes else signature(doc.text)
    match = None
    if sig is not None:
        bands = sig.bands()
        match = best_match(sig, store.band_candidates(bands), settings.near_duplicate_threshold)
    else:
        bands = []
    supersedes = None
    if match is not None:
        match_id, _, match_published = match
        if doc.published and match_published and doc.published < match_published:
            supersedes = match_id  # we are the earlier report: the stored one is the copy
        else:
            doc = replace(doc, near_duplicate_of=match_id)
    stored = store.add_document(
        doc,
        minhash=sig.to_bytes() if sig is not None else None,
        bands=bands,
        similarity=match[1] if match else None,
        supersedes=supersedes,
    )
    return stored, stored and match is not None


_WINDOW = 2000  # documents in flight at once: keeps memory flat however large the input


Analysed = tuple[Document, bytes | None]  # a document with its language, and its MinHash signature


def _analyse_batch(args: tuple[list[Document], IngestSettings]) -> list[Analysed]:
    docs, settings = args
    return [analyse_document(d, settings) for d in docs]


def ingest_paths(
    paths: Iterable[str | Path],
    store: Store,
    settings: IngestSettings | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Read, prepare and store every document under ``paths``.

    With ``settings.workers`` > 1, new documents are analysed in a process pool while this
    process writes them in input order, so near-duplicates resolve exactly as in one process
    and the store keeps a single writer. Documents already stored skip the analysis.
    """
    settings = settings or IngestSettings()
    files, errors, skipped = expand_paths(paths)
    report = IngestReport(files=len(files), errors=list(errors), skipped_files=skipped)

    def documents() -> Iterator[Document]:
        for number, path in enumerate(files, start=1):
            for item in read_file(path, settings):
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
                    continue
                yield doc
            if progress and number > 1:
                progress(str(files[number - 2]), number - 1)  # that file is read; its documents follow

    def store_one(doc: Document, sig_bytes: bytes | None) -> None:
        stored, dup = store_document(store, doc, settings, sig_bytes)
        if stored:
            report.stored += 1
            report.stored_ids.append(doc.id)
            report.near_duplicates += dup
        else:
            report.already_stored += 1

    def write(window: list[Document], known: set[str], analysed: Iterator[Analysed]) -> None:
        for doc in window:
            if doc.id in known:
                store_one(doc, None)  # records where it was seen again, nothing else
            else:
                store_one(*next(analysed))

    pool = mp.get_context("fork").Pool(settings.workers) if settings.workers > 1 else None
    try:
        stream = documents()
        previous: tuple[list[Document], set[str], Iterator[Analysed]] | None = None
        while window := list(itertools.islice(stream, _WINDOW)):
            known = store.known_ids([d.id for d in window])
            new = [d for d in window if d.id not in known]
            analysed: Iterator[Analysed]
            if pool is not None:
                # The pool starts on this window while this process writes the previous one.
                size = max(1, min(64, len(new) // (settings.workers * 4)))
                batches = [(new[i : i + size], settings) for i in range(0, len(new), size)]
                analysed = itertools.chain.from_iterable(pool.imap(_analyse_batch, batches))
            else:
                analysed = (analyse_document(d, settings) for d in new)
            if previous is not None:
                write(*previous)
            previous = (window, known, analysed)
        if previous is not None:
            write(*previous)
    finally:
        if pool is not None:
            pool.terminate()
    if progress and files:
        progress(str(files[-1]), len(files))
    return report
