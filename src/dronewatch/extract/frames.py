"""Frames: from sentences, lexicon hits, places, actors and dates to claims.

A sentence that names a drone and an event trigger opens a frame; its type is
the first that fits in a fixed order (a seizure of drones used in attacks is
a seizure). Fields come from the sentence first, then its paragraph, then the
document, following the gold conventions of ``shared/eval/SCHEMA.md``:
a concrete incident with no date takes the publication month, a transfer,
probe or policy the publication year. Mentions of one event in a document are
merged into one claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..model import DroneType, EventType, Payload
from .actors import ActorMention
from .dates import DateMention
from .lexicon import Lexicon
from .places import PlaceMention
from .registry import Registry
from .text import Sentence

# The order in which competing triggers in one sentence are decided.
PRIORITY = [
    EventType.DRONE_SEIZURE,
    EventType.COUNTER_DRONE,
    EventType.DRONE_SMUGGLING,
    EventType.INFILTRATION_PROBE,
    EventType.CAPABILITY_TRANSFER,
    EventType.DRONE_ATTACK,
    EventType.DRONE_SURVEILLANCE,
    EventType.POLICY,
]
INCIDENT = {
    EventType.DRONE_ATTACK,
    EventType.DRONE_SURVEILLANCE,
    EventType.DRONE_SMUGGLING,
    EventType.DRONE_SEIZURE,
    EventType.COUNTER_DRONE,
}
# Types that need the foreign-legion context (or an explicit infiltration word).
LEGION_TYPES = {EventType.INFILTRATION_PROBE, EventType.CAPABILITY_TRANSFER}


@dataclass
class Context:
    """What one document offers the frames: its sentences and everything found in them."""

    text: str
    folded: str
    sentences: list[Sentence]
    places: list[PlaceMention]
    actors: list[ActorMention]
    dates: list[DateMention]
    published: date | None
    lex: Lexicon
    registry: Registry
    main_country: str | None = None
    main_admin1: str | None = None
    dateline_end: int = 0
    legion_doc: bool = False
    # filled fields per (sentence start, type), kept only while one document is scored many times (training)
    fill_cache: dict[tuple[int, EventType], tuple[dict[str, object], bool]] | None = None
    # the rules' types of each sentence, by its start: asked by several components, computed once
    type_cache: dict[int, list[EventType]] = field(default_factory=dict)

    def within(self, items: list, s: int, e: int) -> list:  # type: ignore[type-arg]
        return [x for x in items if s <= x.start < e]

    def paragraph_span(self, sent: Sentence) -> tuple[int, int]:
        same = [x for x in self.sentences if x.paragraph == sent.paragraph]
        return same[0].start, same[-1].end


@dataclass
class Frame:
    type: EventType
    sentence: Sentence
    fields: dict[str, object] = field(default_factory=dict)
    confidence: float = 0.5
    background: bool = False


def sentence_types(ctx: Context, sent: Sentence) -> list[EventType]:
    """The event types a sentence states, best first; empty when it states none."""
    cached = ctx.type_cache.get(sent.start)
    if cached is None:
        cached = ctx.type_cache[sent.start] = _sentence_types(ctx, sent)
    return list(cached)


def _sentence_types(ctx: Context, sent: Sentence) -> list[EventType]:
    lex = ctx.lex
    fs = ctx.folded[sent.start : sent.end]
    for pat in (lex.out_of_scope, lex.hypothetical, lex.opinion, lex.habitual):
        if pat is not None and pat.search(fs):
            return []  # not about drone crime, not a fact, or a habit rather than an act
    if sent.text[:1] in "“\"«„‘'" or sent.text[:2] in ("— ", "– "):
        return []  # a quotation: someone's words, not the report's statement of fact
    has_drone = bool(lex.drone.search(fs))
    zone = fs
    if lex.attribution is not None:
        m = lex.attribution.search(fs)
        if m and m.start() > len(fs) // 3:
            zone = fs[
                : m.start()
            ]  # "..., LBC reported, citing an investigation by ...": the tail is sourcing
    legion_here = bool(lex.legion_units and lex.legion_units.search(fs))
    legion_doc = ctx.legion_doc
    agents_here = bool(lex.agents and lex.agents.search(zone)) or any(
        ctx.registry.kind(a.name) == "security service" for a in ctx.within(ctx.actors, sent.start, sent.end)
    )
    groups_here = any(
        ctx.registry.is_non_state(a.name)
        for a in ctx.within(ctx.actors, sent.start, sent.end)
        if not a.candidate
    )
    crime_here = groups_here or bool(lex.crime and lex.crime.search(fs))
    fibre = any(dt == "fpv_fiber_optic" and pat.search(fs) for dt, pat in lex.drone_types)
    hits = [t for t in PRIORITY if lex.types[t.value].search(zone)]
    if (
        EventType.POLICY in hits
        and not _own_day(ctx, sent)
        and not any(p.level == "place" for p in ctx.within(ctx.places, sent.start, sent.end))
    ):
        hits.remove(EventType.POLICY)  # a law or designation, not an incident: decide it first
        hits.insert(0, EventType.POLICY)
    if legion_here and agents_here and crime_here and EventType.INFILTRATION_PROBE not in hits:
        hits.insert(0, EventType.INFILTRATION_PROBE)  # "intelligence says cartel men joined the Legion"
    out: list[EventType] = []
    for t in hits:
        if t == EventType.COUNTER_DRONE and fibre:
            continue  # fibre-optic drones are described by what they evade, not as a counter-drone act
        if t == EventType.INFILTRATION_PROBE:
            infiltr = bool(lex.infiltration and lex.infiltration.search(fs))
            # "European countries, including Poland and Bulgaria, have launched investigations"
            states = (
                len(
                    {
                        p.country
                        for p in ctx.within(ctx.places, sent.start, sent.end)
                        if p.level == "country" and not p.weak
                    }
                )
                >= 2
            )
            if legion_here or infiltr or (legion_doc and (agents_here or has_drone or states)):
                out.append(t)
        elif t == EventType.CAPABILITY_TRANSFER:
            if fibre and (has_drone or groups_here):
                out.append(t)
            elif (legion_here or legion_doc) and (has_drone or crime_here or _drone_nearby(ctx, sent)):
                out.append(t)
        elif t == EventType.POLICY:
            if has_drone or crime_here:
                out.append(t)
        elif has_drone:
            out.append(t)
        elif t in INCIDENT and _drone_nearby(ctx, sent) and _own_day(ctx, sent):
            out.append(t)  # "Le 4 mai, Grand-Ravine a été prise pour cible." in a paragraph about drones
    return out


def _own_day(ctx: Context, sent: Sentence) -> bool:
    return any(
        d.precision == "day"
        and not d.relative
        and sent.start <= d.start < sent.end
        and d.start >= ctx.dateline_end
        for d in ctx.dates
    )


def _kit(ctx: Context, fs: str) -> bool:
    """Gaining kit, not skills: a new kind of drone shown or captured."""
    return any(dt in ("fpv_fiber_optic",) and pat.search(fs) for dt, pat in ctx.lex.drone_types)


def _drone_nearby(ctx: Context, sent: Sentence) -> bool:
    p0, p1 = ctx.paragraph_span(sent)
    return bool(ctx.lex.drone.search(ctx.folded[p0:p1]))


def is_aggregate(ctx: Context, sent: Sentence) -> bool:
    fs = ctx.folded[sent.start : sent.end]
    return bool(ctx.lex.aggregate and ctx.lex.aggregate.search(fs))


def _first_match(pairs: list[tuple[str, re.Pattern[str]]], text: str) -> str | None:
    for key, pat in pairs:
        if pat.search(text):
            return key
    return None


def _number(lex: Lexicon, pats: list[re.Pattern[str]], text: str) -> int | None:
    for pat in pats:
        m = pat.search(text)
        if m:
            n = lex.number(m.group("n"))
            if n is not None and n < 10000:
                return n
    return None


def fill(ctx: Context, frame: Frame) -> None:
    """Fill a frame's fields from its sentence, paragraph and document."""
    cache = ctx.fill_cache
    key = (frame.sentence.start, frame.type)
    if cache is not None and key in cache:
        fields, background = cache[key]
        frame.fields.update(fields)
        frame.background = frame.background or background
        return
    _fill(ctx, frame)
    if cache is not None:
        cache[key] = (dict(frame.fields), frame.background)


def _fill(ctx: Context, frame: Frame) -> None:
    sent = frame.sentence
    lex = ctx.lex
    fs = ctx.folded[sent.start : sent.end]
    p0, p1 = ctx.paragraph_span(sent)
    # the paragraph from this sentence on: what follows an event's first mention describes it
    after = ctx.folded[sent.start : p1]
    para = ctx.folded[p0:p1]
    t = frame.type
    f = frame.fields

    # --- where
    country, admin1, place, lat, lon = _where(ctx, frame, p0, p1)
    f.update(country=country, admin1=admin1, place=place, lat=lat, lon=lon)

    # --- who
    f["actor"] = _actor(ctx, frame, p0, p1)
    f["target"] = (
        None
        if t not in (EventType.DRONE_ATTACK, EventType.INFILTRATION_PROBE)
        else (
            "International Legion"
            if t == EventType.INFILTRATION_PROBE
            else _first_match(lex.targets, fs) or _first_match(lex.targets, after)
        )
    )

    # --- what
    dt = _first_match(lex.drone_types, fs) or _first_match(lex.drone_types, para)
    f["drone_type"] = DroneType(dt) if dt else DroneType.UNKNOWN
    pay = _first_match(lex.payload, fs) or (_first_match(lex.payload, after) if t in INCIDENT else None)
    if t == EventType.DRONE_SMUGGLING and pay is None:
        pay = "contraband"
    if t in LEGION_TYPES or t == EventType.POLICY:
        pay = None
    f["payload"] = Payload(pay) if pay else Payload.UNKNOWN

    # --- casualties: attacks only
    killed = injured = None
    if t == EventType.DRONE_ATTACK:
        killed = _number(lex, lex.killed, fs)
        injured = _number(lex, lex.injured, fs)
        if killed is None:
            killed = _number(lex, lex.killed, after)
        if injured is None:
            injured = _number(lex, lex.injured, after)
        lede = _lede(ctx)
        if lede and sent.paragraph <= ctx.sentences[0].paragraph + 1:
            # the lede's toll: "Thirteen officers were killed ..." before the drone is named
            facts = " ".join(
                ctx.folded[x.start : x.end]
                for x in ctx.sentences
                if lede[0] <= x.end and x.start < lede[1] and not is_aggregate(ctx, x)
            )
            if killed is None:
                killed = _number(lex, lex.killed, facts)
            if injured is None:
                injured = _number(lex, lex.injured, facts)
        if injured is None and lex.none_injured is not None and lex.none_injured.search(after):
            injured = 0
        if killed is None and lex.none_killed is not None and lex.none_killed.search(after):
            killed = 0
    f["killed"], f["injured"] = killed, injured

    # --- when
    value, precision, explicit = _when(ctx, frame, p0)
    f["date"], f["date_precision"], f["date_explicit"] = value, precision, explicit
    if ctx.published and value and int(value[:4]) < ctx.published.year:
        frame.background = True


def _lede(ctx: Context) -> tuple[int, int] | None:
    """The first paragraph of the report (its dateline excluded)."""
    first = [s for s in ctx.sentences if s.paragraph == ctx.sentences[0].paragraph] if ctx.sentences else []
    if not first:
        return None
    return max(first[0].start, ctx.dateline_end), first[-1].end


def _where(
    ctx: Context, frame: Frame, p0: int, p1: int
) -> tuple[str | None, str | None, str | None, float | None, float | None]:
    sent = frame.sentence
    t = frame.type
    lex = ctx.lex
    in_sent = [p for p in ctx.within(ctx.places, sent.start, sent.end) if p.start >= ctx.dateline_end]
    in_para = [p for p in ctx.within(ctx.places, p0, p1) if p.start >= ctx.dateline_end]
    if t == EventType.INFILTRATION_PROBE:
        country = frame.fields.get("agent_country") or _agent_country(ctx, sent) or ctx.main_country
        return country, None, None, None, None  # type: ignore[return-value]
    if t == EventType.POLICY:
        country = _agent_country(ctx, sent) or ctx.main_country
        return country, None, None, None, None
    para_text = ctx.folded[p0:p1]
    fibre = any(dt == "fpv_fiber_optic" and pat.search(para_text) for dt, pat in lex.drone_types)
    if t == EventType.CAPABILITY_TRANSFER and not fibre and ctx.legion_doc:
        return "UA", None, None, None, None
    if t == EventType.CAPABILITY_TRANSFER and fibre:
        # new kit shown by a group: where the group is, not where the kit was invented
        actor = _actor(ctx, frame, p0, p1) or next(
            (
                ctx.registry.top(a.name)
                for a in ctx.actors
                if not a.candidate and ctx.registry.is_non_state(a.name) and not is_target(ctx, a)
            ),
            None,
        )
        home = ctx.registry.country(actor) if actor else None
        if home:
            return home, None, None, None, None
        in_sent = [p for p in in_sent if p.country != "UA"]
        in_para = [p for p in in_para if p.country != "UA"]
    pool = (
        [p for p in in_sent if not p.weak]
        or [p for p in in_sent if p.weak]
        or [p for p in in_para if not p.weak]
    )
    if not pool:
        pool = [
            p
            for p in ctx.places
            if not p.weak
            and p.level != "country"
            and p.country == ctx.main_country
            and p.start >= ctx.dateline_end
        ]
    if not pool and ctx.main_country:
        return ctx.main_country, ctx.main_admin1, None, None, None
    if not pool:
        weak = [p for p in in_sent + in_para if p.weak]
        return (weak[0].country if weak else None), None, None, None, None
    # "in three states: Guanajuato, Jalisco and Michoacán" says no single place
    frame.fields["where_ambiguous"] = len({p.admin1 for p in pool if p.admin1}) > 1
    # the country first, then the most precise mention inside it
    countries = [p.country for p in pool]
    country = max(
        set(countries), key=lambda c: (countries.count(c) + (c == ctx.main_country), -countries.index(c))
    )
    towns = [p for p in pool if p.country == country and p.level == "place"]
    states = [p for p in pool if p.country == country and p.level == "admin1"]
    admin1 = towns[0].admin1 if towns else (states[0].admin1 if states else None)
    if admin1 is None and ctx.main_admin1 and country == ctx.main_country:
        admin1 = ctx.main_admin1
    if towns:
        return country, admin1, towns[0].place, towns[0].lat, towns[0].lon
    return country, admin1, None, None, None


def _agent_country(ctx: Context, sent: Sentence) -> str | None:
    """Who investigates or warns: a named service, or "Mexican intelligence", "Ukrainian investigators"."""
    lex = ctx.lex
    order = {
        "head of state": 0,
        "head of government": 0,
        "government": 1,
        "security service": 2,
        "state force": 3,
        "military": 4,
        "police": 5,
    }
    agents = [
        a
        for a in ctx.within(ctx.actors, sent.start, sent.end)
        if ctx.registry.kind(a.name) in order and ctx.registry.country(a.name)
    ]
    if agents:
        best = min(agents, key=lambda a: (order[ctx.registry.kind(a.name)], a.start))
        return ctx.registry.country(best.name)
    fs = ctx.folded[sent.start : sent.end]
    if lex.agents is not None:
        for p in ctx.within(ctx.places, sent.start, sent.end):
            if p.level != "country":
                continue
            window = ctx.folded[max(p.start - 40, sent.start) : min(p.end + 40, sent.end)]
            if lex.agents.search(window):
                return p.country
    countries = [
        p for p in ctx.within(ctx.places, sent.start, sent.end) if p.level == "country" and not p.weak
    ]
    if countries and not (lex.legion and lex.legion.search(fs) and countries[0].country == "UA"):
        return countries[0].country
    return None


def _actor(ctx: Context, frame: Frame, p0: int, p1: int) -> str | None:
    sent = frame.sentence
    reg = ctx.registry
    t = frame.type

    def groups(items: list[ActorMention]) -> list[ActorMention]:
        return [a for a in items if not a.candidate and reg.is_non_state(a.name) and not is_target(ctx, a)]

    here = groups(ctx.within(ctx.actors, sent.start, sent.end))
    if t == EventType.POLICY:
        tops = {reg.top(a.name) for a in here}
        return tops.pop() if len(tops) == 1 else None
    if not here and t != EventType.INFILTRATION_PROBE:
        here = groups(ctx.within(ctx.actors, p0, p1))
    if not here:
        return None
    return reg.top(here[0].name)


def _report_date(ctx: Context, d: DateMention) -> bool:
    """ "officials said on Wednesday", "informó este lunes": when it was said, not when it happened."""
    if not d.relative or ctx.lex.reporting is None:
        return False
    before = ctx.folded[max(0, d.start - 22) : d.start]
    after = ctx.folded[d.end : d.end + 22]
    return bool(ctx.lex.reporting.search(before)) or bool(
        re.match(r"\W{0,3}\s*(" + ctx.lex.reporting.pattern + ")", after)
    )


def is_target(ctx: Context, a: ActorMention) -> bool:
    """ "contra el CJNG", "quartier contrôlé par le gang 5 Segonn": the group is acted upon."""
    if ctx.lex.target_cues is None:
        return False
    before = ctx.folded[max(0, a.start - 28) : a.start]
    return bool(ctx.lex.target_cues.search(before))


def _when(ctx: Context, frame: Frame, p0: int) -> tuple[str | None, str | None, bool]:
    sent = frame.sentence
    usable = [d for d in ctx.dates if d.start >= ctx.dateline_end and not _report_date(ctx, d)]
    here = [d for d in usable if sent.start <= d.start < sent.end]
    if not here:
        # an earlier sentence of the same paragraph often sets the time ("El lunes ... . El dron hirió ...")
        here = [d for d in usable if p0 <= d.start < sent.start]
    if here:
        top = max((not d.relative, d.rank) for d in here)
        # of equally good dates, the earliest: a report is filed after what it reports
        best = min((d for d in here if (not d.relative, d.rank) == top), key=lambda d: d.value)
        return best.value, best.precision, True
    if ctx.published is None:
        return None, None, False
    if frame.type in INCIDENT:
        return ctx.published.strftime("%Y-%m"), "month", False
    return ctx.published.strftime("%Y"), "year", False
