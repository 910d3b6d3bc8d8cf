"""Actor names as the analyst has decided them: merges, renames, confirmations, splits.

Decisions are stored apart from what extraction finds and are applied on every resolution,
so they survive re-extraction and full re-runs. A merge maps one actor's claims to another;
a split undoes a merge; a rename changes the name an actor is shown under; confirming a
candidate makes it an actor; rejecting one hides it from review.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    action: str
    subject: str
    object: str | None = None
    kind: str | None = None


ACTIONS = ("merge", "rename", "confirm", "reject", "split")


class ActorNames:
    """Canonical names after the analyst's decisions, applied in the order they were made."""

    def __init__(self, decisions: Iterable[Decision] = ()) -> None:
        self.merged: dict[str, str] = {}  # absorbed name -> surviving name
        self.renamed: dict[str, str] = {}
        self.confirmed: dict[str, str | None] = {}
        self.rejected: set[str] = set()
        for d in decisions:
            self.apply(d)

    def apply(self, d: Decision) -> None:
        if d.action == "merge" and d.object:
            # "merge A B": B becomes A
            self.merged[d.object] = d.subject
        elif d.action == "split" and d.object:
            self.merged.pop(d.object, None)
        elif d.action == "rename" and d.object:
            self.renamed[d.subject] = d.object
        elif d.action == "confirm":
            self.confirmed[d.subject] = d.kind
            self.rejected.discard(d.subject)
        elif d.action == "reject":
            self.rejected.add(d.subject)

    def canonical(self, name: str | None) -> str | None:
        if name is None:
            return None
        seen = set()
        while name in self.merged and name not in seen:
            seen.add(name)
            name = self.merged[name]
        return self.renamed.get(name, name)
