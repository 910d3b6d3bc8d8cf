"""The actor registry: known groups, forces and services with their names in many scripts.

Loaded from ``data/actors.csv`` (and a user's own file over it). A faction
names its parent; claims report the top-level group in ``actor`` (the gold
convention) and keep the faction in their mentions.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..model import Actor

# Leaders' names, so that "el cártel de El Mencho" is the CJNG; filled as the registry loads.
leaders: dict[str, str] = {}

NON_STATE = {"cartel", "armed group", "gang", "faction"}
STATE = {"military", "police", "security service", "state force", "military unit"}


@dataclass(frozen=True)
class Registry:
    actors: dict[str, Actor]

    def top(self, name: str) -> str:
        """The top-level group a faction belongs to (itself if none)."""
        seen = set()
        while name in self.actors and self.actors[name].parents and name not in seen:
            seen.add(name)
            parent = self.actors[name].parents[0]
            if self.actors[name].kind != "faction":
                break
            name = parent
        return name

    def kind(self, name: str) -> str:
        a = self.actors.get(name)
        return a.kind if a else "unknown"

    def is_non_state(self, name: str) -> bool:
        return self.kind(name) in NON_STATE

    def country(self, name: str) -> str | None:
        a = self.actors.get(name)
        return a.country if a else None


def _read(text: str) -> list[Actor]:
    out = []
    leaders.clear()
    for row in csv.DictReader(text.splitlines()):
        aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
        parent = (row.get("parent") or "").strip()
        for leader in (row.get("leaders") or "").split("|"):
            if leader.strip():
                leaders[leader.strip()] = row["canonical"].strip()
        out.append(
            Actor(
                name=row["canonical"].strip(),
                kind=row["kind"].strip(),
                country=(row.get("country") or "").strip() or None,
                aliases=aliases,
                parents=[parent] if parent else [],
            )
        )
    return out


@lru_cache(maxsize=4)
def load_registry(user_file: str | None = None) -> Registry:
    text = resources.files("dronewatch.data").joinpath("actors.csv").read_text(encoding="utf-8")
    actors = {a.name: a for a in _read(text)}
    if user_file:
        for a in _read(Path(user_file).read_text(encoding="utf-8")):
            actors[a.name] = a
    return Registry(actors)
