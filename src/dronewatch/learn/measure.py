"""Honest figures: grouped cross-validation, thresholds chosen on held-out folds, a learning curve.

Folds are split by *group*: documents that share a cluster (one real event
told several times) or an outlet (one house style) always fall in the same
fold, so a model is never scored on a retelling of something it trained on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from ..evaluate import score
from ..extract.frames import Context
from ..extract.learned import SentenceModel
from ..extract.pipeline import RULES_ONLY, build_context, extract_document
from ..extract.text import Sentence
from ..model import claim_fields
from .corpus import GoldDocument
from .train import DEFAULT_C, DEFAULT_THRESHOLDS, train_model

Say = Callable[[str], None]

# the grid each threshold is searched over, one at a time, twice round
GRID = {
    "keep_event": [0.0, 0.1, 0.2, 0.3, 0.4, 0.5],
    "keep_type": [0.0, 0.05, 0.1, 0.2, 0.3, 0.4],
    "add_event": [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01],
    "add_type": [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01],
}


def groups(docs: list[GoldDocument]) -> dict[str, str]:
    """Document id to group id: connected components of "same cluster" and "same outlet"."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for g in docs:
        find("d:" + g.id)
        if g.cluster:
            union("d:" + g.id, "c:" + g.cluster)
        outlet = " ".join(g.source.lower().replace("(", " ").split()[:2])  # "Infobae (AFP)", "Infobae México"
        if outlet:
            union("d:" + g.id, "o:" + outlet)
    return {g.id: find("d:" + g.id) for g in docs}


def folds(docs: list[GoldDocument], k: int = 5) -> list[list[GoldDocument]]:
    """``k`` folds of whole groups, balanced by size, assigned in a fixed order."""
    gid = groups(docs)
    by_group: dict[str, list[GoldDocument]] = {}
    for g in docs:
        by_group.setdefault(gid[g.id], []).append(g)
    order = sorted(by_group, key=lambda x: (-len(by_group[x]), hashlib.sha256(x.encode()).hexdigest()))
    out: list[list[GoldDocument]] = [[] for _ in range(k)]
    for key in order:
        smallest = min(range(k), key=lambda i: (len(out[i]), i))
        out[smallest].extend(by_group[key])
    return out


class _Recorded(SentenceModel):
    """A model whose sentence probabilities were computed once (by a model that never saw the fold)."""

    cache: dict[tuple[int, int], dict[str, float]]

    def probs(self, ctx: Context, sent: Sentence, cues: list[str]) -> dict[str, float]:
        return self.cache[(id(ctx), sent.start)]


class _Recorder(SentenceModel):
    cache: dict[tuple[int, int], dict[str, float]]

    def probs(self, ctx: Context, sent: Sentence, cues: list[str]) -> dict[str, float]:
        p = super().probs(ctx, sent, cues)
        self.cache[(id(ctx), sent.start)] = p
        return p


def _wrap(cls: type[SentenceModel], m: SentenceModel, cache: dict[tuple[int, int], dict[str, float]]) -> Any:
    w = cls(m.weights, m.bias, m.heads, dict(m.thresholds), m.data_hash, m.meta, m.name)
    w.cache = cache  # type: ignore[attr-defined]
    return w


def predict_direct(
    docs: list[GoldDocument], model: SentenceModel | object, contexts: dict[str, Context] | None = None
) -> dict[str, dict[str, Any]]:
    """Extraction alone (no store, no resolution): what event F1 measures."""
    out = {}
    for g in docs:
        ctx = contexts.get(g.id) if contexts is not None else None
        ex = extract_document(g.doc, model, ctx)
        out[g.id] = {"events": [claim_fields(c) for c in ex.claims]}
    return out


def gold_map(docs: list[GoldDocument]) -> dict[str, dict[str, Any]]:
    return {g.id: {"events": g.events, "language": g.language} for g in docs}


# which end of each threshold's grid leaves the rules' decisions alone
_CONSERVATIVE = {"keep_event": 0, "keep_type": 0, "add_event": -1, "add_type": -1}


def tune(
    docs: list[GoldDocument],
    recorded: Any,
    contexts: dict[str, Context],
    start: dict[str, float] | None = None,
) -> tuple[dict[str, float], float]:
    """Thresholds for the decisions, chosen on out-of-fold probabilities.

    First the thresholds that maximise event F1, one coordinate at a time;
    then, by the one-standard-error rule, each is moved back towards leaving
    the rules' decisions alone (fewer vetoes, fewer additions) for as long as
    F1 stays within one standard error of the best: a difference smaller than
    that is noise, and the rules' decisions are the simpler model.
    """
    gold = gold_map(docs)
    best = dict(start or DEFAULT_THRESHOLDS)
    n_gold = sum(len(g.events) for g in docs) or 1

    def f1(th: dict[str, float]) -> float:
        recorded.thresholds = th
        return float(score(gold, predict_direct(docs, recorded, contexts))["f1"])

    best_f1 = f1(best)
    for _round in range(2):
        for key, grid in GRID.items():
            for v in grid:
                trial = {**best, key: v}
                s = f1(trial)
                if s > best_f1 + 1e-9:
                    best, best_f1 = trial, s
    floor = best_f1 - (best_f1 * (1 - best_f1) / n_gold) ** 0.5
    chosen = dict(best)
    moved = True
    while moved:
        moved = False
        for key, end in _CONSERVATIVE.items():
            grid = GRID[key]
            i = grid.index(chosen[key]) if chosen[key] in grid else None
            target = 0 if end == 0 else len(grid) - 1
            if i is None or i == target:
                continue
            trial = {**chosen, key: grid[i - 1 if end == 0 else i + 1]}
            if f1(trial) >= floor:
                chosen, moved = trial, True
    recorded.thresholds = chosen
    return chosen, f1(chosen)


def cross_validate(
    docs: list[GoldDocument], k: int = 5, c: float = DEFAULT_C, progress: Say | None = None
) -> dict[str, Any]:
    """Out-of-fold scores of the learned extractor (thresholds tuned on them) and of the rules alone."""
    say = progress or (lambda _m: None)
    parts = folds(docs, k)
    contexts = {g.id: build_context(g.doc) for g in docs}
    for ctx in contexts.values():
        ctx.fill_cache = {}
    cache: dict[tuple[int, int], dict[str, float]] = {}
    for i, test in enumerate(parts):
        train = [g for j, p in enumerate(parts) if j != i for g in p]
        say(f"fold {i + 1}/{k}: training on {len(train)}, scoring {len(test)}")
        model, _ = train_model(train, c=c, contexts=contexts)
        predict_direct(test, _wrap(_Recorder, model, cache), contexts)
    recorded = _wrap(_Recorded, model, cache)
    say("choosing thresholds on the out-of-fold probabilities")
    thresholds, _ = tune(docs, recorded, contexts)
    gold = gold_map(docs)
    learned = predict_direct(docs, recorded, contexts)
    rules = predict_direct(docs, RULES_ONLY, contexts)
    return {
        "learned": score(gold, learned),
        "rules": score(gold, rules),
        "thresholds": thresholds,
        "folds": [len(p) for p in parts],
        "groups": len(set(groups(docs).values())),
        "documents": len(docs),
    }
