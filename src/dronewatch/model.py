"""The plain data that flows between dronewatch's stages.

Every stage takes and returns these dataclasses, never ORM objects, so a stage
can run in another process (or on a Ray worker) and be tested on literals.
The field names follow ``shared/eval/SCHEMA.md`` so that claims serialise to
the gold format without renaming.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class EventType(StrEnum):
    DRONE_ATTACK = "drone_attack"
    DRONE_SURVEILLANCE = "drone_surveillance"
    DRONE_SMUGGLING = "drone_smuggling"
    DRONE_SEIZURE = "drone_seizure"
    COUNTER_DRONE = "counter_drone"
    CAPABILITY_TRANSFER = "capability_transfer"
    INFILTRATION_PROBE = "infiltration_probe"
    POLICY = "policy"


class DroneType(StrEnum):
    FPV = "fpv"
    FPV_FIBER_OPTIC = "fpv_fiber_optic"
    MULTIROTOR = "multirotor"
    FIXED_WING = "fixed_wing"
    UNKNOWN = "unknown"


class Payload(StrEnum):
    EXPLOSIVE = "explosive"
    CONTRABAND = "contraband"
    CAMERA = "camera"
    NONE = "none"
    UNKNOWN = "unknown"


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


# Admiralty (NATO) source reliability: A completely reliable ... F cannot be judged.
RELIABILITY_GRADES = ("A", "B", "C", "D", "E", "F")


@dataclass(frozen=True)
class Document:
    """One text as a source published it.

    ``id`` is a hash of the normalised text, so the same text ingested twice,
    from anywhere, is the same document.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    language: str | None = None
    grade: str = "F"
    near_duplicate_of: str | None = None
    external_id: str | None = None
    origin: str | None = None  # the file (and line) it came from
    ingested_at: datetime | None = None


@dataclass(frozen=True)
class Span:
    """Character offsets into a document's text: the provenance of a fact."""

    start: int
    end: int


@dataclass
class Claim:
    """One event as one document tells it."""

    document_id: str
    type: EventType
    evidence: Span
    evidence_text: str
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    date_precision: DatePrecision | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    actor: str | None = None
    target: str | None = None
    drone_type: DroneType = DroneType.UNKNOWN
    payload: Payload = Payload.UNKNOWN
    killed: int | None = None
    injured: int | None = None
    confidence: float = 0.5
    background: bool = False
    extractor: str = ""
    id: str | None = None


@dataclass
class Statistic:
    """An aggregate figure ("more than 40 attacks per month"): not an event."""

    document_id: str
    metric: str
    value: float
    evidence: Span
    evidence_text: str
    qualifier: str | None = None
    country: str | None = None
    period: str | None = None
    extractor: str = ""


@dataclass
class Mention:
    """A name found in text: an actor, a place or a person, with where it was."""

    document_id: str
    kind: str  # actor | place | person | candidate_actor
    text: str
    span: Span
    resolved: str | None = None  # canonical name or gazetteer id


@dataclass
class FieldValue:
    """An event field's chosen value, and which claims say so and which disagree."""

    value: object
    supporting: list[str] = field(default_factory=list)
    contradicting: list[str] = field(default_factory=list)


@dataclass
class Event:
    """A real-world event: the claims of every document that reports it, merged."""

    id: str
    type: EventType
    claims: list[str]
    fields: dict[str, FieldValue]
    sources: int
    independent_sources: int
    first_reported: date | None = None
    last_reported: date | None = None
    reliability: str = "F"
    credibility: int = 6


@dataclass
class Actor:
    """A group, force, service or person that dronewatch tracks."""

    name: str
    kind: str
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    candidate: bool = False


@dataclass
class Link:
    """A relation between two actors, with the claims that support it."""

    subject: str
    predicate: str
    object: str
    evidence: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Source:
    """An outlet and how far its reports can be trusted."""

    outlet: str
    domains: tuple[str, ...] = ()
    grade: str = "F"
    republishes: tuple[str, ...] = ()


def claim_fields(c: Claim) -> dict[str, object]:
    """A claim's schema fields as plain values: the one mapping the store and the outputs share."""
    return {
        "type": str(c.type),
        "date": c.date,
        "date_precision": str(c.date_precision) if c.date_precision else None,
        "country": c.country,
        "admin1": c.admin1,
        "place": c.place,
        "lat": c.lat,
        "lon": c.lon,
        "actor": c.actor,
        "target": c.target,
        "drone_type": str(c.drone_type),
        "payload": str(c.payload),
        "killed": c.killed,
        "injured": c.injured,
        "confidence": c.confidence,
        "background": c.background,
    }


def document_fields(d: Document, with_text: bool = True) -> dict[str, object]:
    """A document's metadata as plain values: the one mapping the CLI and the API share."""
    out: dict[str, object] = {
        "id": d.id,
        "external_id": d.external_id,
        "title": d.title,
        "outlet": d.outlet,
        "grade": d.grade,
        "url": d.url,
        "published": d.published.isoformat() if d.published else None,
        "language": d.language,
        "near_duplicate_of": d.near_duplicate_of,
        "origin": d.origin,
    }
    if with_text:
        out["text"] = d.text
    return out
