"""Actor names as the analyst has decided them: merges, renames, confirmations, splits.

Decisions are stored apart from what extraction finds and are applied on every resolution,
so they survive re-extraction and full re-runs. A merge maps one actor's claims to another;
a split undoes a merge; a rename changes the name an actor is shown under; confirming a
candidate makes it an actor; rejecting one hides it from review.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import DronewatchError


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


class DecisionError(DronewatchError):
    """An actor decision that cannot be taken (an unknown action or kind, a missing second name)."""


def known_names(store: Any) -> set[str]:
    """Every actor name a decision may name: the registry's names and aliases, names found in the
    reports (candidates included), and the names earlier decisions gave."""
    from ..extract.actors import registry

    reg = registry()
    names = {a.name for a in reg.actors.values()} | {x for a in reg.actors.values() for x in a.aliases}
    for m in store.actor_mentions():
        names.add(m["resolved"] or m["text"])
    for d in store.actor_decisions():
        names.add(d.subject)
        if d.object:
            names.add(d.object)
    return {n for n in names if n}


def actor_kinds() -> set[str]:
    from ..extract.actors import registry

    return {a.kind for a in registry().actors.values() if a.kind} | {"person", "armed group", "gang", "cartel"}


def check_decision(store: Any, action: str, subject: str, obj: str | None, kind: str | None) -> None:
    """Refuse what would be silently kept and never apply: a typo in a name, a kind nobody uses."""
    from ..errors import NotFound

    if action not in ACTIONS:
        raise DecisionError(f"action {action!r} is not one of {', '.join(ACTIONS)}")
    if action in ("merge", "split", "rename") and not obj:
        raise DecisionError(f"{action} needs a second name")
    known = known_names(store)
    folded = {n.casefold(): n for n in known}
    for name in (subject, obj if action in ("merge", "split") else None):
        if name and name not in known and name.casefold() not in folded:
            raise NotFound(f"no actor {name!r} in the registry or the reports (see `dronewatch actors`)")
    if action == "confirm" and kind is not None and kind not in actor_kinds():
        raise DecisionError(f"kind {kind!r} is not one of {', '.join(sorted(actor_kinds()))}")
