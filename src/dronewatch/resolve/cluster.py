"""Clustering claims into real-world events.

Blocking: claims meet only within the same country and type family, and within
a date window. Scoring: date agreement at their precisions, place (admin1 and
distance), actor, casualties, and shared anchors of the evidence (names and
figures, which survive translation). Chaining is guarded by construction:
precise claims (a day) found clusters first, vaguer ones (a month, a year) only
join them, each claim joins at most one cluster and clusters never merge, so a
vague claim can never bridge two different events.

Pure and deterministic per block, so an incremental run that re-clusters only
the blocks with new claims gives the same events as a full run.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# Claims of these types may describe one act ("the drone that crossed was seized").
FAMILY = {
    "drone_attack": "attack",
    "drone_surveillance": "attack",
    "counter_drone": "counter",
    "drone_smuggling": "smuggling",
    "drone_seizure": "smuggling",
    "capability_transfer": "transfer",
    "infiltration_probe": "probe",
    "policy": "policy",
}
STORY_FAMILIES = {"probe", "transfer", "policy"}
WINDOW_DAYS = 3
THRESHOLD = 2.0


@dataclass(frozen=True)
class ClaimRef:
    """What clustering needs of a claim: plain, small, picklable."""

    id: str
    document: str  # the document that makes the claim
    type: str
    country: str | None
    date: str | None
    admin1: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    actor: str | None = None
    killed: int | None = None
    injured: int | None = None
    anchors: frozenset[str] = frozenset()
    reported: str = ""  # publication date of the claim's document, ISO
    _interval: tuple[int, int] | None = field(default=None, compare=False, repr=False)
    story: bool = field(default=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # an inquiry, a training, a policy is a story of a year, however precisely one report dates it
        story = FAMILY.get(self.type) in STORY_FAMILIES
        value = self.date[:4] if story and self.date else self.date
        object.__setattr__(self, "_interval", date_interval(value))
        object.__setattr__(self, "story", story)

    @property
    def precision(self) -> int:
        if FAMILY.get(self.type) in STORY_FAMILIES:
            return 1
        return {10: 3, 7: 2, 4: 1}.get(len(self.date or ""), 0)

    def interval(self) -> tuple[int, int] | None:
        return self._interval


def date_interval(value: str | None) -> tuple[int, int] | None:
    if not value:
        return None
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            d = date(*parts).toordinal()
            return d, d
        if len(parts) == 2:
            y, m = parts
            start = date(y, m, 1).toordinal()
            end = (date(y + 1, 1, 1) if m == 12 else date(y, m + 1, 1)).toordinal() - 1
            return start, end
        y = parts[0]
        return date(y, 1, 1).toordinal(), date(y, 12, 31).toordinal()
    except ValueError:
        return None


def _km(a: ClaimRef | Cluster, b: ClaimRef | Cluster) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dl = math.radians(b.lon - a.lon)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0 * math.acos(max(-1.0, min(1.0, c)))


@dataclass
class Cluster:
    """An event in the making; its core values come from its founding (most precise) claims."""

    key: tuple[str | None, str]
    members: list[ClaimRef] = field(default_factory=list)
    start: int = 0
    end: int = 0
    admin1: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    actors: set[str] = field(default_factory=set)
    killed: int | None = None
    injured: int | None = None
    anchors: set[str] = field(default_factory=set)
    types: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    indexed: set[object] = field(default_factory=set)  # index keys it is listed under

    @classmethod
    def found(cls, c: ClaimRef) -> Cluster:
        iv = c.interval() or (0, 10**7)
        k = cls(key=(c.country, FAMILY.get(c.type, c.type)), start=iv[0], end=iv[1])
        k.add(c, core=True)
        return k

    def add(self, c: ClaimRef, core: bool = False) -> None:
        self.members.append(c)
        self.documents.add(c.document)
        self.types.add(c.type)
        if c.actor:
            self.actors.add(c.actor)
        self.anchors |= c.anchors
        if core or self.admin1 is None:
            self.admin1 = self.admin1 or c.admin1
        if self.place is None and c.place:
            self.place, self.lat, self.lon = c.place, c.lat, c.lon
        if self.killed is None:
            self.killed = c.killed
        if self.injured is None:
            self.injured = c.injured

    @property
    def id(self) -> str:
        """The id of the first report: later reports joining the event do not change it."""
        founder = min((m.reported or "9999", m.id) for m in self.members)[1]
        return hashlib.sha256(f"event|{founder}".encode()).hexdigest()[:24]


def score(c: ClaimRef, k: Cluster) -> float:
    """How likely a claim reports the cluster's event; -inf where it cannot.

    Hard blocks come first (same document, dates apart, different states, different groups in
    a story), so most candidates cost a few comparisons.
    """
    iv = c._interval
    if iv is None or iv[1] < k.start - WINDOW_DAYS or iv[0] > k.end + WINDOW_DAYS:
        return -math.inf
    if c.admin1 is not None and k.admin1 is not None and c.admin1 != k.admin1:
        return -math.inf  # two attacks the same day in neighbouring states are two attacks
    if c.document in k.documents:
        return -math.inf  # one document, one report: its own claims were merged already
    story = c.story
    s = 0.0
    if c.actor and k.actors:
        if c.actor in k.actors:
            s += 1.0
        elif story:
            return -math.inf  # the Zetas' training and the FARC's are two stories
        else:
            s -= 0.5  # outlets disagree on who did it: one event, a disputed actor
    if iv[0] == iv[1] and k.start == k.end:
        gap = abs(iv[0] - k.start)
        s += 2.0 if gap <= 1 else 1.0
    elif iv[0] <= k.end and k.start <= iv[1]:
        s += 1.0 if (iv[1] - iv[0]) <= 31 else 0.5
    if c.admin1 is not None and k.admin1 is not None:
        s += 1.5
    if c.place and k.place:
        if c.place == k.place:
            s += 1.0
        else:
            km = _km(c, k)
            if km is not None and km > 60:
                s -= 1.5
    if c.type in k.types:
        s += 1.0
    if story:
        s += 1.0  # one service's inquiry, one group's training: one story per country and period
    if c.killed is not None and k.killed is not None:
        s += _toll(c.killed, k.killed)
    if c.injured is not None and k.injured is not None:
        s += _toll(c.injured, k.injured)
    if c.anchors and k.anchors:
        shared = len(c.anchors & k.anchors) / min(len(c.anchors), len(k.anchors))
        s += 2.0 * shared
    return s


def _toll(a: int, b: int) -> float:
    if a == b:
        return 0.5
    return -1.0 if max(a, b) > 2 * max(1, min(a, b)) else 0.0


def _order(c: ClaimRef) -> tuple[int, str, str]:
    return (-c.precision, c.date or "", c.id)


class _Index:
    """Where a claim looks for its event, so that a block of a million claims stays near-linear.

    Every key carries the state (admin1) or its absence, since two states never meet: a claim
    looks under its own state and under "no state". A day-precise claim looks at clusters of
    the days around it; a month claim at those of its month and type; a year claim at those of
    its year, type and actor.
    """

    def __init__(self) -> None:
        self.by_day: dict[tuple[int, str | None], list[Cluster]] = defaultdict(list)  # (day, state)
        self.by_month: dict[tuple[int, int, str, str | None], list[Cluster]] = defaultdict(list)
        self.by_year: dict[tuple[int, str, str | None, str | None], list[Cluster]] = defaultdict(list)

    def register(self, k: Cluster, c: ClaimRef) -> None:
        """List a cluster under the keys its new member opens; each key once."""

        def put(index: dict[Any, list[Cluster]], key: Any) -> None:
            tag = (id(index), key)
            if tag not in k.indexed:
                k.indexed.add(tag)
                index[key].append(k)

        # under its state (or "no state") for claims that name one, and under "*" for those that do not
        for a1 in (k.admin1, "*"):
            if k.start == k.end:
                put(self.by_day, (k.start, a1))
            a, b = date.fromordinal(k.start), date.fromordinal(k.end)
            for y in range(a.year, b.year + 1):
                for actor in {c.actor, None}:
                    put(self.by_year, (y, c.type, actor, a1))
            for ym in _months(k.start, k.end) if k.end - k.start <= 62 else []:
                put(self.by_month, (ym[0], ym[1], c.type, a1))

    def candidates(self, c: ClaimRef, iv: tuple[int, int]) -> list[Cluster]:
        found: dict[int, Cluster] = {}
        states = {c.admin1, None} if c.admin1 else {"*"}
        if iv[0] == iv[1]:
            for d in range(iv[0] - WINDOW_DAYS, iv[0] + WINDOW_DAYS + 1):
                for s in states:
                    for k in self.by_day.get((d, s), ()):
                        found[id(k)] = k
        elif iv[1] - iv[0] <= 31:
            # day claims come first, so a month claim is the first that can meet month-wide clusters
            dt = date.fromordinal(iv[0])
            for t in _family_types(c.type):
                for s in states:
                    for k in self.by_month.get((dt.year, dt.month, t, s), ()):
                        found[id(k)] = k
        else:
            y = date.fromordinal(iv[0]).year
            # its own actor's clusters; a claim that names an actor may also join one that names none
            actors = {c.actor, None}
            for t in _family_types(c.type):
                for s in states:
                    for a in actors:
                        for k in self.by_year.get((y, t, a, s), ()):
                            found[id(k)] = k
        return list(found.values())


def _family_types(t: str) -> list[str]:
    fam = FAMILY.get(t, t)
    return [x for x, f in FAMILY.items() if f == fam] or [t]


def cluster_block(claims: Iterable[ClaimRef], threshold: float = THRESHOLD) -> list[Cluster]:
    """Cluster one block (same country and type family). Deterministic for the same claims."""
    ordered = sorted(claims, key=_order)
    clusters: list[Cluster] = []
    index = _Index()
    for c in ordered:
        iv = c.interval()
        best: Cluster | None = None
        best_score = threshold
        if iv is not None:
            for k in index.candidates(c, iv):
                sc = score(c, k)
                if sc > best_score or (sc == best_score and best is not None and k.id < best.id):
                    best, best_score = k, sc
                elif best is None and sc >= best_score:
                    best, best_score = k, sc
        if best is None:
            best = Cluster.found(c)
            clusters.append(best)
        else:
            best.add(c)
        if iv is not None:
            index.register(best, c)
    return clusters


def _months(start: int, end: int) -> list[tuple[int, int]]:
    a, b = date.fromordinal(max(1, start)), date.fromordinal(min(end, 3_000_000))
    out = []
    y, m = a.year, a.month
    while (y, m) <= (b.year, b.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def block_key(c: ClaimRef) -> tuple[str | None, str]:
    return c.country, FAMILY.get(c.type, c.type)


def cluster_claims(claims: Iterable[ClaimRef], threshold: float = THRESHOLD) -> list[Cluster]:
    blocks: dict[tuple[str | None, str], list[ClaimRef]] = defaultdict(list)
    for c in claims:
        blocks[block_key(c)].append(c)
    out: list[Cluster] = []
    for key in sorted(blocks, key=lambda k: (k[0] or "", k[1])):
        out.extend(cluster_block(blocks[key], threshold))
    return out
