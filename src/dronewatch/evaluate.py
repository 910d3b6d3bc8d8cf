"""Scoring predicted events against gold, with the matching rules of the shared scorer.

A predicted event matches a gold event of the same document with the same type
and country and compatible dates (equal at the coarser precision, or within 7
days when both are days); matching is one-to-one and greedy, preferring pairs
that agree on more fields. Written here so the product needs nothing outside itself.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections import defaultdict
from datetime import date
from typing import Any

FIELDS = ["actor", "admin1", "place", "date", "drone_type", "payload", "killed", "injured"]


def _norm(v: object) -> str | None:
    if v is None:
        return None
    s = unicodedata.normalize("NFKD", str(v)).encode("ascii", "ignore").decode().lower().strip()
    return " ".join(s.split())


def _parts(d: object) -> list[int] | None:
    if not d:
        return None
    try:
        return [int(p) for p in str(d).split("-")]
    except ValueError:
        return None


def dates_compatible(a: object, b: object) -> bool:
    pa, pb = _parts(a), _parts(b)
    if pa is None or pb is None:
        return pa is None and pb is None
    if len(pa) == 3 and len(pb) == 3:
        return abs((date(*pa) - date(*pb)).days) <= 7
    n = min(len(pa), len(pb))
    return pa[:n] == pb[:n]


def date_exact(gold: object, pred: object) -> bool:
    pg, pp = _parts(gold), _parts(pred)
    if pg is None or pp is None:
        return pg is None and pp is None
    return len(pp) >= len(pg) and pp[: len(pg)] == pg


def agree(field: str, g: dict[str, Any], p: dict[str, Any]) -> bool:
    if field == "date":
        return date_exact(g.get("date"), p.get("date"))
    return _norm(g.get(field)) == _norm(p.get(field))


def match(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int]]:
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if (
                g.get("type") == p.get("type")
                and _norm(g.get("country")) == _norm(p.get("country"))
                and dates_compatible(g.get("date"), p.get("date"))
            ):
                cands.append((sum(agree(f, g, p) for f in FIELDS), i, j))
    cands.sort(key=lambda c: -c[0])
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def score(gold_docs: dict[str, dict[str, Any]], pred_docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    matched: list[tuple[tuple[str, ...], object]] = []
    for doc_id, gd in gold_docs.items():
        gold = gd.get("events", [])
        pred = pred_docs.get(doc_id, {}).get("events", [])
        lang = gd.get("language") or "?"
        pairs = match(gold, pred)
        for i, j in pairs:
            counts[gold[i]["type"]][0] += 1
            by_lang[lang][0] += 1
            for f in FIELDS:
                hits[f][0] += agree(f, gold[i], pred[j])
                hits[f][1] += 1
            g = gold[i]
            ident = ("real_event", g["real_event"]) if g.get("real_event") else ("event", doc_id, str(i))
            matched.append((ident, pred[j].get("event_id")))
        mg = {i for i, _ in pairs}
        mp = {j for _, j in pairs}
        for i, g in enumerate(gold):
            if i not in mg:
                counts[g["type"]][2] += 1
                by_lang[lang][2] += 1
        for j, p in enumerate(pred):
            if j not in mp:
                counts[p.get("type", "?")][1] += 1
                by_lang[lang][1] += 1
    tp, fp, fn = (sum(c[k] for c in counts.values()) for k in range(3))
    out: dict[str, Any] = prf(tp, fp, fn)
    out["per_type"] = {t: prf(*c) for t, c in sorted(counts.items())}
    out["per_language"] = {lang: prf(*c) for lang, c in sorted(by_lang.items())}
    out["fields"] = {f: round(h / n, 4) if n else None for f, (h, n) in hits.items()}
    stp = sfp = sfn = 0
    for (ia, ea), (ib, eb) in itertools.combinations(matched, 2):
        same_gold = ia == ib
        same_pred = ea is not None and ea == eb
        stp += same_gold and same_pred
        sfp += (not same_gold) and same_pred
        sfn += same_gold and not same_pred
    out["dedup"] = prf(stp, sfp, sfn)
    return out
