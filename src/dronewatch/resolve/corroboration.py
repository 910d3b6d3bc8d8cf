"""Corroboration: each field's chosen value with its support and its contradictions, and grades.

Source reliability (A-F) is the best grade among the event's sources. Information credibility
(1-6) follows the Admiralty (NATO) scale, from independent corroboration and contradiction:

1 confirmed        three or more independent sources, no contradiction on a key field
2 probably true    two independent sources, no contradiction on a key field
3 possibly true    one source graded A-C, or several sources that disagree on a detail only
4 doubtful         independent sources contradict each other on a key field, the chosen
                   value has more independent support than the alternative
5 improbable       the chosen value of a key field has no more support than its alternatives
6 cannot be judged one source graded D-F (or ungraded)

Key fields are the type, the date (at the coarser of two precisions), the place (admin1) and
the actor. Copies of one text (near-duplicates, syndication) are one independent source.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

GRADE_WEIGHT = {"A": 6, "B": 5, "C": 4, "D": 3, "E": 2, "F": 1}
FIELDS = ("type", "date", "admin1", "place", "actor", "target", "drone_type", "payload", "killed", "injured")
KEY_FIELDS = ("type", "date", "admin1", "actor")
UNKNOWN = {None, "", "unknown"}


@dataclass
class Support:
    """A claim as evidence: which claim, which source group, how reliable its outlet."""

    claim_id: str
    source: str  # independent source key
    grade: str
    values: dict[str, Any]


@dataclass
class FieldDecision:
    value: Any
    supporting: list[str] = field(default_factory=list)
    contradicting: list[str] = field(default_factory=list)
    alternatives: dict[str, list[str]] = field(default_factory=dict)

    @property
    def disputed(self) -> bool:
        return bool(self.contradicting)


def _same(fieldname: str, a: Any, b: Any) -> bool:
    if fieldname == "date":
        sa, sb = str(a), str(b)
        n = min(len(sa), len(sb))
        return sa[:n] == sb[:n]
    return a == b


def decide(fieldname: str, supports: list[Support]) -> FieldDecision:
    """The value most independent, reliable sources give; dates prefer the most precise agreeing."""
    votes: dict[str, float] = defaultdict(float)
    seen_sources: dict[str, set[str]] = defaultdict(set)
    examples: dict[str, Any] = {}
    for s in supports:
        v = s.values.get(fieldname)
        if v in UNKNOWN:
            continue
        key = str(v)
        if s.source in seen_sources[key]:
            continue  # a copy of a text already counted
        seen_sources[key].add(s.source)
        votes[key] += GRADE_WEIGHT.get(s.grade, 1)
        examples[key] = v
    if not votes:
        return FieldDecision(None)
    if fieldname == "date":
        # group dates that agree at their common precision; the best group's most precise date wins
        groups: dict[str, float] = defaultdict(float)
        for k, w in votes.items():
            for other in votes:
                if _same("date", k, other):
                    groups[k] += votes[other] if other != k else w
        chosen_key = max(groups, key=lambda k: (groups[k], len(k), k))
    else:
        chosen_key = max(votes, key=lambda k: (votes[k], k))
    chosen = examples[chosen_key]
    d = FieldDecision(chosen)
    for s in supports:
        v = s.values.get(fieldname)
        if v in UNKNOWN:
            continue
        if _same(fieldname, v, chosen):
            d.supporting.append(s.claim_id)
        else:
            d.contradicting.append(s.claim_id)
            d.alternatives.setdefault(str(v), []).append(s.claim_id)
    return d


def credibility(decisions: dict[str, FieldDecision], supports: list[Support]) -> int:
    independent = {s.source for s in supports}
    best = min((s.grade for s in supports), default="F")
    key_disputes = [f for f in KEY_FIELDS if decisions.get(f) and decisions[f].disputed]
    if key_disputes:
        by_claim = {s.claim_id: s.source for s in supports}
        for f in key_disputes:
            d = decisions[f]
            pro = {by_claim[c] for c in d.supporting}
            for ids in d.alternatives.values():
                if len({by_claim[c] for c in ids}) >= len(pro):
                    return 5
        return 4
    detail_disputes = any(d.disputed for d in decisions.values())
    if len(independent) >= 3:
        return 1 if not detail_disputes else 2
    if len(independent) == 2:
        return 2 if not detail_disputes else 3
    return 3 if best in ("A", "B", "C") else 6


def best_grade(supports: list[Support]) -> str:
    return min((s.grade for s in supports), default="F")
