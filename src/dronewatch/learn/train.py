"""Training the sentence model from gold documents, deterministically.

Each candidate sentence the rules propose becomes one example; its labels come
from the gold events whose evidence it covers: ``event`` when it states any,
the type(s) it states, and ``background`` for an event well before the report.
The same corpus and the same code give the same weights, byte for byte
(``zlib.crc32`` feature hashes, sorted inputs, liblinear with a fixed seed),
so ``dronewatch train`` can be rerun by anyone to check the shipped model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from ..evaluate import dates_compatible
from ..extract.features import DIM, sentence_features
from ..extract.frames import Context, Frame, fill, sentence_types
from ..extract.learned import HEADS, MODEL_VERSION, TYPE_HEADS, SentenceModel
from ..extract.pipeline import _in_scope, build_context, candidate
from ..model import EventType
from .corpus import GoldDocument, corpus_hash

DEFAULT_C = 8.0
DEFAULT_THRESHOLDS = {
    "keep_event": 0.3,
    "keep_type": 0.2,
    "add_event": 0.7,
    "add_type": 0.7,
    "background": 0.5,
}


@dataclass
class Examples:
    rows: list[list[int]] = field(default_factory=list)
    values: list[list[float]] = field(default_factory=list)
    labels: list[list[int]] = field(default_factory=list)
    background: list[int] = field(default_factory=list)  # -1 where not an event
    languages: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # where each example sentence starts in its document
    gold_events: int = 0
    covered: int = 0  # gold events whose evidence a candidate sentence covers

    @property
    def coverage(self) -> float:
        return self.covered / self.gold_events if self.gold_events else 1.0


def _date_start(value: str) -> date | None:
    try:
        parts = [int(p) for p in str(value).split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def is_background(event: dict[str, Any], published: date | None) -> bool:
    """Background: an event the report recalls rather than reports (over three months before it)."""
    start = _date_start(str(event.get("date") or ""))
    if start is None or published is None:
        return False
    if len(str(event.get("date"))) == 4:
        return start.year < published.year
    return start < published - timedelta(days=90)


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def examples(docs: Iterable[GoldDocument], contexts: dict[str, Context] | None = None) -> Examples:
    out = Examples()
    for g in docs:
        ctx = contexts[g.id] if contexts is not None and g.id in contexts else build_context(g.doc)
        text = g.doc.text
        spans = []
        for e in g.events:
            ev = str(e.get("evidence") or "")
            at = text.find(ev) if ev else -1
            if at >= 0:
                spans.append((at, at + len(ev), e))
        out.gold_events += len(g.events)
        covered: set[int] = set()
        in_scope = _in_scope(ctx)
        for sent in ctx.sentences:
            rule_types = sentence_types(ctx, sent)
            if not candidate(ctx, sent, rule_types):
                continue
            cues = [t.value for t in rule_types] + ([] if in_scope else ["doc_out_of_scope"])
            idx, val = sentence_features(ctx, sent, cues)
            types = [0] * len(TYPE_HEADS)
            bg = -1
            for k, (a, b, e) in enumerate(spans):
                ov = _overlap(a, b, sent.start, sent.end)
                if ov and (ov * 2 >= (b - a) or ov * 2 >= (sent.end - sent.start)):
                    types[TYPE_HEADS.index(e["type"])] = 1
                    covered.add(k)
                    bg = max(bg, int(is_background(e, g.doc.published)))
            # a sentence that is not the gold evidence but whose frame, filled by the rules, is one of
            # the document's gold events (a later mention, a caption) is right to emit, not a false alarm
            wanted = {e["type"] for e in g.events} - {t for t, v in zip(TYPE_HEADS, types, strict=True) if v}
            for t in sorted(wanted):
                frame = Frame(EventType(t), sent)
                fill(ctx, frame)
                for e in g.events:
                    if (
                        e["type"] == t
                        and e.get("country") == frame.fields.get("country")
                        and dates_compatible(e.get("date"), frame.fields.get("date"))
                    ):
                        types[TYPE_HEADS.index(t)] = 1
                        bg = max(bg, int(is_background(e, g.doc.published)))
                        break
            out.rows.append(idx)
            out.values.append(val)
            out.labels.append([int(any(types)), *types])
            out.background.append(bg)
            out.languages.append(g.language)
            out.documents.append(g.id)
            out.starts.append(sent.start)
        out.covered += len(covered)
    return out


def _matrix(ex: Examples, keep: list[int] | None = None) -> Any:
    from scipy.sparse import csr_matrix

    rows = range(len(ex.rows)) if keep is None else keep
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    for i in rows:
        indices.extend(ex.rows[i])
        data.extend(ex.values[i])
        indptr.append(len(indices))
    return csr_matrix(
        (np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
        shape=(len(indptr) - 1, DIM),
    )


def _fit_head(x: Any, y: np.ndarray, c: float) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    if y.min() == y.max():  # a head with one class in this data: a constant, not a model
        return np.zeros(DIM, dtype=np.float32), (6.0 if y[0] else -6.0)
    clf = LogisticRegression(C=c, solver="liblinear", random_state=0, max_iter=200)
    clf.fit(x, y)
    return clf.coef_[0].astype(np.float32), float(clf.intercept_[0])


def train_model(
    docs: list[GoldDocument],
    c: float = DEFAULT_C,
    thresholds: dict[str, float] | None = None,
    progress: Callable[[str], None] | None = None,
    contexts: dict[str, Context] | None = None,
) -> tuple[SentenceModel, Examples]:
    """A sentence model learned from ``docs``; the examples it saw (for coverage figures)."""
    say = progress or (lambda _msg: None)
    docs = sorted(docs, key=lambda g: g.id)  # liblinear's answer depends on the order of its rows
    say(f"features of {len(docs)} documents")
    ex = examples(docs, contexts)
    x = _matrix(ex)
    y = np.asarray(ex.labels, dtype=np.int8)
    weights = np.zeros((DIM, len(HEADS)), dtype=np.float32)
    bias = np.zeros(len(HEADS), dtype=np.float32)
    for h, head in enumerate(HEADS[:-1]):
        say(f"head {head}")
        w, b = _fit_head(x, y[:, h], c)
        weights[:, h], bias[h] = w, b
    say("head background")
    pos = [i for i, b in enumerate(ex.background) if b >= 0]
    if pos:
        yb = np.asarray([ex.background[i] for i in pos], dtype=np.int8)
        w, b = _fit_head(_matrix(ex, pos), yb, c)
        weights[:, -1], bias[-1] = w, b
    meta: dict[str, object] = {
        "documents": len(docs),
        "examples": len(ex.rows),
        "positives": int(y[:, 0].sum()),
        "coverage": round(ex.coverage, 4),
        "c": c,
        "languages": sorted({g.language for g in docs}),
    }
    model = SentenceModel(
        weights,
        bias,
        list(HEADS),
        dict(thresholds or DEFAULT_THRESHOLDS),
        corpus_hash(docs),
        meta,
        MODEL_VERSION,
    )
    return model, ex
