"""Scoring a roster row against a watchlist entity, with the score broken down and explained.

Names are compared order-free, token by token (exact, phonetic, or close by Jaro-Winkler for
typos), over every name form of both sides (primary names, aliases, nicknames). The score is
the share of the *shorter* name that matches, so a dropped maternal surname ("Joaquín Guzmán"
for "Joaquín Archivaldo Guzmán Loera") still matches, with a small penalty for the extra
parts. Birth date, nationality and identifiers then raise or lower it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import JaroWinkler

from .names import nicknames, phonetic, tokens

THRESHOLD = 0.80


@dataclass
class Party:
    """Either side of a comparison: a roster row or a watchlist entity."""

    names: list[str]
    birth_date: str | None = None
    nationality: str | None = None
    identifiers: set[str] = field(default_factory=set)
    kind: str = "Person"


@dataclass
class Result:
    score: float
    features: dict[str, float]
    reasons: list[str]
    name_pair: tuple[str, str] = ("", "")


def _token_score(a: str, b: str) -> tuple[float, str]:
    if a == b:
        return 1.0, "same"
    if b in nicknames().get(a, ()) or a in nicknames().get(b, ()):
        return 0.95, "nickname"
    if phonetic(a) == phonetic(b):
        return 0.95, "spelling"
    jw = JaroWinkler.similarity(phonetic(a), phonetic(b))
    if jw >= 0.90 and min(len(a), len(b)) >= 4:
        return jw * 0.95, "typo"
    if len(a) == 1 or len(b) == 1:  # an initial
        return (0.7, "initial") if a[0] == b[0] else (0.0, "")
    return 0.0, ""


def name_score(a: str, b: str) -> tuple[float, str]:
    """Order-free alignment of two names' tokens; the share of the shorter name that matches."""
    ta, tb = list(tokens(a)), list(tokens(b))
    if not ta or not tb:
        return 0.0, "no name"
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    used: set[int] = set()
    total = 0.0
    kinds: set[str] = set()
    for t in short:
        best, best_j, kind = 0.0, -1, ""
        for j, u in enumerate(long_):
            if j in used:
                continue
            s, k = _token_score(t, u)
            if s > best:
                best, best_j, kind = s, j, k
        if best_j >= 0:
            used.add(best_j)
            kinds.add(kind)
        total += best
    coverage = total / len(short)
    if len(short) == 1 and len(long_) > 1:
        coverage *= 0.75  # one shared word ("Guzmán") is weak evidence
    extra = len(long_) - len(short)
    score = coverage * (1 - 0.04 * min(extra, 3))
    detail = ", ".join(sorted(k for k in kinds if k and k != "same")) or "exact"
    return score, detail


def compare(query: Party, entity: Party) -> Result:
    best = (0.0, "", ("", ""))
    for qn in query.names:
        for en in entity.names:
            s, detail = name_score(qn, en)
            if s > best[0]:
                best = (s, detail, (qn, en))
    name, detail, pair = best
    features: dict[str, float] = {"name": round(name, 3)}
    reasons = [f"name {name:.2f} ({detail}): {pair[0]!r} ~ {pair[1]!r}"] if name else ["no name in common"]
    score = name
    if query.identifiers and entity.identifiers:
        if query.identifiers & entity.identifiers:
            features["identifier"] = 0.3
            reasons.append("same document number")
        else:
            features["identifier"] = -0.1
            reasons.append("different document numbers")
    if query.birth_date and entity.birth_date:
        qd, ed = query.birth_date, entity.birth_date
        if qd == ed:
            features["birth_date"] = 0.1
            reasons.append("same birth date")
        elif qd[:4] == ed[:4]:
            features["birth_date"] = 0.03 if (len(qd) == 4 or len(ed) == 4) else -0.15
            reasons.append("same birth year" + ("" if len(qd) == 4 or len(ed) == 4 else ", different day"))
        else:
            features["birth_date"] = -0.35
            reasons.append(f"different birth year ({qd[:4]} vs {ed[:4]})")
    if query.nationality and entity.nationality:
        if query.nationality.upper() == entity.nationality.upper():
            features["nationality"] = 0.03
            reasons.append("same nationality")
        else:
            features["nationality"] = -0.1
            reasons.append(f"different nationality ({query.nationality} vs {entity.nationality})")
    score += sum(v for k, v in features.items() if k != "name")
    score = max(0.0, min(1.0, score))
    return Result(round(score, 3), features, reasons, pair)


def explain(r: Result) -> str:
    verdict = "likely the same" if r.score >= THRESHOLD else "probably not the same"
    return f"{verdict} ({r.score:.2f}): " + "; ".join(r.reasons)


def party_from_entity(e: dict[str, Any]) -> Party:
    return Party(
        names=[e["name"], *e.get("aliases", [])],
        birth_date=e.get("birth_date"),
        nationality=e.get("nationality"),
        identifiers=set(e.get("identifiers", [])),
        kind=e.get("schema", "Person"),
    )
