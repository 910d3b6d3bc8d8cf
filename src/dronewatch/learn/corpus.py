"""Annotated documents in the gold JSONL format (``SCHEMA.md``): reading them, checking them, hashing them.

The training corpus lives in the repository (``corpus/train/``), analysts'
corrections are exported in the same format, and the hash of everything a
model learned from is written into the model, so a claim can say which data
made the decision behind it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..jsonl import read_objects
from ..model import Document, EventType

REQUIRED = ("id", "text", "language", "events")


@dataclass(frozen=True)
class GoldDocument:
    """One annotated document: its text and metadata as a ``Document``, its gold events as plain dicts."""

    id: str
    doc: Document
    events: list[dict[str, Any]]
    source: str
    cluster: str | None
    origin: str

    @property
    def language(self) -> str:
        return self.doc.language or "en"


def _paths(sources: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for p in sources:
        if p.is_dir():
            out.extend(sorted(p.rglob("*.jsonl")))
        elif p.exists():
            out.append(p)
        else:
            raise InputError(str(p), "no such file or folder")
    return out


def load_corpus(sources: Iterable[Path]) -> list[GoldDocument]:
    """Every gold document under the given files and folders, in a stable order (by id).

    A line that is not a gold document is an error naming the file and line:
    training on a silently half-read corpus would give a model nobody asked for.
    """
    docs: dict[str, GoldDocument] = {}
    for path in _paths(sources):
        for n, obj in read_objects(path):
            if any(k not in obj for k in REQUIRED):
                raise InputError(str(path), f"each line needs {', '.join(REQUIRED)}", n)
            events = obj["events"]
            if not isinstance(events, list) or any(
                not isinstance(e, dict) or e.get("type") not in set(EventType) for e in events
            ):
                raise InputError(str(path), "events must be objects with a known type", n)
            published = None
            if obj.get("published"):
                try:
                    published = date.fromisoformat(str(obj["published"]))
                except ValueError as exc:
                    raise InputError(str(path), f"published {obj['published']!r} is not a date", n) from exc
            did = str(obj["id"])
            doc = Document(
                id=did,
                text=str(obj["text"]),
                title=obj.get("title"),
                url=obj.get("url"),
                outlet=obj.get("source"),
                published=published,
                language=str(obj["language"]),
                external_id=did,
                origin=f"{path}:{n}",
            )
            # a correction of a document overrides the document as first annotated
            docs[did] = GoldDocument(
                did, doc, events, str(obj.get("source") or ""), obj.get("cluster"), f"{path}:{n}"
            )
    return [docs[k] for k in sorted(docs)]


def corpus_hash(docs: Iterable[GoldDocument]) -> str:
    """A hash of what a model learns from: each document's text, language, date and gold events."""
    h = hashlib.sha256()
    for g in sorted(docs, key=lambda g: g.id):
        item = {
            "id": g.id,
            "text": g.doc.text,
            "language": g.doc.language,
            "published": g.doc.published.isoformat() if g.doc.published else None,
            "events": g.events,
        }
        h.update(json.dumps(item, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()
