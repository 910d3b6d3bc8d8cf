"""The extraction pipeline: one document in, claims, statistics and mentions out.

Pure and per-document, so it parallelises. ``extractor_version()`` names the
rules, data and model that made a claim; re-extraction touches only documents made by
another version.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ..model import Claim, DatePrecision, Document, EventType, Mention, Span, Statistic
from .actors import find_actors, registry
from .components import LearnedDecisions, ModalityClassifier, RuleTypes, TypeClassifier
from .dates import find_dates
from .frames import INCIDENT, Context, Frame, fill, is_aggregate, sentence_types
from .learned import SentenceModel, default_model
from .lexicon import LANGUAGES, load_lexicon
from .places import PlaceMention, find_places
from .relations import Relation, find_relations
from .text import Sentence, fold, split_sentences

RULES_VERSION = "dronewatch.rules.v4"
RULES_ONLY = object()  # pass as ``model`` to decide by the rules alone


def extractor_version(model: SentenceModel | None | object = None) -> str:
    """Which components made a claim: the rules' version and the learned model's version and hashes.

    Changing the rules, the training data or the model changes this string, and
    ``extract`` re-extracts every document made by another one.
    """
    m = _resolve_model(model)
    return f"{RULES_VERSION}+{m.signature}" if m is not None else f"{RULES_VERSION}+rules-only"


def _resolve_model(model: SentenceModel | None | object) -> SentenceModel | None:
    if model is RULES_ONLY:
        return None
    if isinstance(model, SentenceModel):
        return model
    return default_model()


@dataclass
class Extraction:
    document_id: str
    claims: list[Claim] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    extractor: str = ""


def _language(doc: Document) -> str:
    return doc.language if doc.language in LANGUAGES else "en"


def build_context(doc: Document) -> Context:
    text = doc.text
    folded = fold(text)
    lex = load_lexicon(_language(doc))
    sentences = split_sentences(text)
    actors = find_actors(text, folded, lex=lex)
    # "Sinaloa Cartel", "Cártel Jalisco Nueva Generación": a place inside a group's name is no place
    places = [p for p in find_places(text, folded) if not any(a.start <= p.start < a.end for a in actors)]
    dates = []
    for s in sentences:
        for d in find_dates(folded[s.start : s.end], lex, doc.published):
            dates.append(type(d)(d.start + s.start, d.end + s.start, d.value, d.precision, d.relative))
    ctx = Context(text, folded, sentences, places, actors, dates, doc.published, lex, registry())
    ctx.dateline_end = _dateline_end(ctx)
    ctx.legion_doc = bool(lex.legion_units and lex.legion_units.search(folded))
    ctx.main_country, ctx.main_admin1 = _main_place(ctx)
    return ctx


_CAPS_DATELINE = re.compile(
    r"^(?:[A-ZÁÉÍÓÚÑÜÃÕÇА-ЯІЇЄҐ][A-ZÁÉÍÓÚÑÜÃÕÇА-ЯІЇЄҐ .'-]{2,40})(?:,[^—–\n.]{0,40})?\s+[—–-]+\s"
)


def _dateline_end(ctx: Context) -> int:
    """ "LOS ANGELES, Aug. 13, 2015 —" or "Богота, 22 серпня 2025 року.": where the dateline ends.

    A date at the very start of the text that is the publication date tells when the
    report was filed, not when anything happened.
    """
    caps = _CAPS_DATELINE.match(ctx.text)
    if caps:
        return caps.end()  # "MEDELLÍN, Colombia — "
    if not ctx.dates or not ctx.sentences:
        return 0
    d = ctx.dates[0]
    if d.start > 60 or d.start >= ctx.sentences[0].end or d.relative:
        return 0
    if ctx.published and d.precision == "day":
        gap = abs((date.fromisoformat(d.value) - ctx.published).days)
        if gap > 2:
            return 0
    year_words = "|".join(ctx.lex.dateline_year_words) or "(?!)"
    m = re.compile(r"[\s,]*(?:\w+\s+)?(?:" + year_words + r")?\s*(?:\(\w+\))?\s*[.—–:-]*").match(ctx.text, d.end)
    return m.end() if m else d.end


def _main_place(ctx: Context) -> tuple[str | None, str | None]:
    """The country (and state) the document is mostly about, by where it names them."""
    votes: dict[str, float] = {}
    places = [p for p in ctx.places if p.start >= ctx.dateline_end] or ctx.places
    for p in places:
        w = 0.3 if p.weak else (1.0 if p.level != "country" else 0.8)
        votes[p.country] = votes.get(p.country, 0.0) + w
    if not votes:
        return None, None
    country = max(votes, key=lambda c: votes[c])
    a1 = Counter(p.admin1 for p in places if p.country == country and p.admin1)
    return country, (a1.most_common(1)[0][0] if a1 else None)


def _in_scope(ctx: Context) -> bool:
    """A document about delivery drones or a state's war on another state yields nothing."""
    lex = ctx.lex
    crime = bool(lex.crime and lex.crime.search(ctx.folded)) or any(
        ctx.registry.is_non_state(a.name) for a in ctx.actors if not a.candidate
    )
    if crime:
        return True
    lede = ctx.folded[: ctx.sentences[2].end] if len(ctx.sentences) > 2 else ctx.folded
    return not (lex.out_of_scope and lex.out_of_scope.search(lede))


def candidate(ctx: Context, sent: Sentence, rule_types: list[EventType]) -> bool:
    """Rules propose: a sentence the rules type, or one near a drone or a foreign legion."""
    if rule_types:
        return True
    lex = ctx.lex
    i = sent.index
    near = ctx.sentences[max(0, i - 1) : i + 2]
    if any(lex.drone.search(ctx.folded[x.start : x.end]) for x in near):
        return True
    fs = ctx.folded[sent.start : sent.end]
    return bool(lex.legion_units and lex.legion_units.search(fs))


def extract_document(
    doc: Document, model: SentenceModel | None | object = None, ctx: Context | None = None
) -> Extraction:
    """Claims, statistics, mentions and relations of one document.

    ``model`` is the learned sentence model (default: the shipped one); pass
    ``RULES_ONLY`` to decide by the rules alone, as when no model is installed.
    ``ctx`` is the document's context when the caller already built it (training
    scores one document many times).
    """
    learned = _resolve_model(model)
    out = Extraction(doc.id, extractor=extractor_version(learned if learned is not None else RULES_ONLY))
    if not doc.text.strip():
        return out
    ctx = ctx or build_context(doc)
    for a in ctx.actors:
        out.mentions.append(
            Mention(
                doc.id, "candidate_actor" if a.candidate else "actor", a.text, Span(a.start, a.end), a.name
            )
        )
    for p in ctx.places:
        out.mentions.append(
            Mention(
                doc.id,
                "place",
                p.text,
                Span(p.start, p.end),
                "/".join(filter(None, [p.country, p.admin1, p.place])),
            )
        )
    out.mentions.extend(_persons(ctx, doc))
    in_scope = _in_scope(ctx)
    if learned is None and not in_scope:
        return out
    types_of: TypeClassifier
    modality_of: ModalityClassifier | None
    if learned is not None:
        decisions = LearnedDecisions(learned, in_scope)
        types_of, modality_of = decisions, decisions
    else:
        types_of, modality_of = RuleTypes(), None  # the rules' types already leave out what is not asserted
    frames: list[Frame] = []
    for sent in ctx.sentences:
        headline = (
            sent.end <= ctx.dateline_end
            and len(ctx.sentences) > 1
            and sent.index == 0
            and sent.end - sent.start < 60
        )
        if headline:
            continue
        rule_types = sentence_types(ctx, sent)
        if rule_types and is_aggregate(ctx, sent):
            out.statistics.extend(_statistic(ctx, doc, sent, out.extractor))
        if not candidate(ctx, sent, rule_types) if learned is not None else not rule_types:
            continue
        scored = types_of.types(sent, ctx)
        if not scored:
            continue
        background = False
        if modality_of is not None:
            background = modality_of.modality(sent, ctx)[0] == "background"
        for t, score in scored:
            frame = Frame(t, sent)
            fill(ctx, frame)
            if t not in rule_types:
                # a mention only the model saw: it adds an event of its own only where the document
                # has no other of its type, and never overrides what the rules found (see ``merge``)
                frame.fields["model_only"] = True
            frame.background = frame.background or background
            frame.confidence = _confidence(ctx, frame) if learned is None else round(score, 3)
            frames.append(frame)
    frames = _retracted(ctx, frames)
    frames = _split_probes(ctx, frames)
    frames = _split_places(ctx, frames)
    frames = _fold_model_only(frames)
    _main_event_day(ctx, frames)
    _inherit_dates(frames)
    _document_actor(ctx, frames)
    _state_operator(ctx, frames)
    out.claims = [_claim(doc, ctx, f, n, out.extractor) for n, f in enumerate(merge(frames))]
    out.relations = find_relations(ctx, out.claims)
    return out


def _split_probes(ctx: Context, frames: list[Frame]) -> list[Frame]:
    """ "Poland and Bulgaria have also launched investigations": one probe per country."""
    out: list[Frame] = []
    for f in frames:
        if f.type != EventType.INFILTRATION_PROBE:
            out.append(f)
            continue
        s = f.sentence
        named = []
        for p in ctx.places:
            if s.start <= p.start < s.end and p.level == "country" and not p.weak and p.country not in named:
                named.append(p.country)
        if len(named) >= 2 and "UA" not in named:
            for c in named:
                g = Frame(f.type, s, dict(f.fields), f.confidence, f.background)
                g.fields["country"] = c
                out.append(g)
        else:
            out.append(f)
    return out


def _retracted(ctx: Context, frames: list[Frame]) -> list[Frame]:
    """ "The blast first blamed on a drone turned out to be a gas cylinder": the report takes it back.

    An incident is dropped when a later sentence of its paragraph, or the
    paragraph after it, retracts and names a drone or the act again.
    """
    pat = ctx.lex.retraction
    if pat is None:
        return frames
    retractions = [
        s
        for s in ctx.sentences
        if pat.search(ctx.folded[s.start : s.end]) and ctx.lex.drone.search(ctx.folded[s.start : s.end])
    ]
    if not retractions:
        return frames
    out = []
    for f in frames:
        s = f.sentence
        taken_back = f.type in INCIDENT and any(
            r.start >= s.start and r.paragraph - s.paragraph in (0, 1) for r in retractions
        )
        if not taken_back:
            out.append(f)
    return out


def _split_places(ctx: Context, frames: list[Frame]) -> list[Frame]:
    """ "drones struck a base in Saravena and another in Fortul": one incident per place named.

    Two places in one sentence are two events when the sentence joins them
    ("and", "another", a comma): a town and its own state ("Aguililla,
    Michoacán") are one place.
    """
    coord = ctx.lex.coordination
    out: list[Frame] = []
    for f in frames:
        s = f.sentence
        places = [
            p
            for p in ctx.within(ctx.places, s.start, s.end)
            if p.level in ("place", "admin1") and not p.weak and p.start >= ctx.dateline_end
        ]
        distinct: list[PlaceMention] = []
        for p in places:
            same = any(
                (p.place and p.place == q.place)
                or (p.level == "admin1" and q.admin1 == p.admin1)
                or (q.level == "admin1" and p.admin1 == q.admin1 and q.place is None)
                for q in distinct
            )
            if not same:
                distinct.append(p)
        joined = len(distinct) >= 2 and coord is not None and f.type in INCIDENT
        for a, b in zip(distinct, distinct[1:], strict=False):
            gap = ctx.folded[a.end : b.start]
            towns = a.level == "place" and b.level == "place"
            # towns joined by "and" or a comma; states only by "another" ("one in Cauca, another in Valle")
            cue = (coord.search(gap) or gap.strip() in (",", ";")) if towns else None  # type: ignore[union-attr]
            if not cue and ctx.lex.another is not None:
                cue = ctx.lex.another.search(gap)
            if not joined or len(gap) > 80 or not cue:
                joined = False
                break
        if not joined:
            out.append(f)
            continue
        for p in distinct:
            g = Frame(f.type, s, dict(f.fields), f.confidence, f.background)
            g.fields.update(country=p.country, admin1=p.admin1, place=p.place, lat=p.lat, lon=p.lon)
            g.fields["split_place"] = True
            out.append(g)
    return out


def _main_event_day(ctx: Context, frames: list[Frame]) -> None:
    """ "La agresión tuvo lugar el martes 11 de febrero": a later sentence dating the main incident."""
    from .frames import _own_day, _report_date

    seen: set[EventType] = set()
    for f in frames:
        if f.type not in INCIDENT or f.type in seen:
            continue
        seen.add(f.type)
        if f.fields.get("date_precision") == "day":
            continue
        trig = ctx.lex.types[f.type.value]
        for s in ctx.sentences:
            if s.start < f.sentence.start or not _own_day(ctx, s):
                continue
            if not trig.search(ctx.folded[s.start : s.end]):
                continue
            days = [
                d
                for d in ctx.dates
                if s.start <= d.start < s.end
                and d.precision == "day"
                and not _report_date(ctx, d)
                and d.start >= ctx.dateline_end
            ]
            cur = str(f.fields.get("date") or "")
            days = [d for d in days if d.value.startswith(cur) or not f.fields.get("date_explicit")]
            if days:
                d = min(days, key=lambda x: x.value)
                f.fields["date"], f.fields["date_precision"], f.fields["date_explicit"] = d.value, "day", True
                break


def _document_actor(ctx: Context, frames: list[Frame]) -> None:
    """An incident whose sentence and paragraph name no group takes the group the report blames.

    Only a group named where the text attributes responsibility ("blamed", "atribuyó",
    "поклав відповідальність") counts: a group merely mentioned is not the perpetrator.
    """
    from .frames import is_target

    blame = ctx.lex.blame
    if blame is None:
        return
    tops = set()
    for s in ctx.sentences:
        fs = ctx.folded[s.start : s.end]
        if not blame.search(fs):
            continue
        for a in ctx.actors:
            if s.start <= a.start < s.end and not a.candidate and ctx.registry.is_non_state(a.name):
                if not is_target(ctx, a):
                    tops.add(ctx.registry.top(a.name))
    if len(tops) != 1:
        return
    (only,) = tops
    for f in frames:
        if f.type in INCIDENT and not f.fields.get("actor"):
            f.fields["actor"] = only


def _state_operator(ctx: Context, frames: list[Frame]) -> None:
    """ "Authorities have turned to kamikaze drones against the gangs": the state flies them.

    Per the schema, a state's drone strike on a group has the state force as its actor.
    The force is the registry's state force of the country whose authorities are named.
    """
    lex = ctx.lex
    if lex.agents is None or lex.target_cues is None or lex.crime is None:
        return
    country = None
    for s in ctx.sentences:
        fs = ctx.folded[s.start : s.end]
        if not (lex.drone.search(fs) and lex.agents.search(fs)):
            continue
        cue = lex.target_cues.search(fs)
        if cue and lex.crime.search(fs[cue.end() : cue.end() + 40]):
            named = [p.country for p in ctx.places if s.start <= p.start < s.end and p.level == "country"]
            country = named[0] if named else ctx.main_country
            break
    if country is None:
        return
    forces = [
        a.name for a in ctx.registry.actors.values() if a.kind == "state force" and a.country == country
    ]
    if len(forces) != 1:
        return
    for f in frames:
        if f.type == EventType.DRONE_ATTACK and f.fields.get("country") == country:
            f.fields["actor"] = forces[0]


def _inherit_dates(frames: list[Frame]) -> None:
    """An incident with no date of its own in a report of one dated incident shares its date."""
    dated = [
        f
        for f in frames
        if f.type in INCIDENT and f.fields.get("date_explicit") and f.fields.get("date_precision") != "year"
    ]
    if not dated:
        return
    ref = dated[0]
    for f in frames:
        same_country = f.fields.get("country") == ref.fields.get("country")
        if f.type in INCIDENT and not f.fields.get("date_explicit") and same_country:
            f.fields["date"], f.fields["date_precision"] = ref.fields["date"], ref.fields["date_precision"]


_NAME = re.compile(r"[A-ZÁÉÍÓÚÑÜА-ЯІЇЄҐ][\w'’.-]+(?:\s+(?:de |del |la )?[A-ZÁÉÍÓÚÑÜА-ЯІЇЄҐ][\w'’-]+){1,3}")


def _persons(ctx: Context, doc: Document) -> list[Mention]:
    """ "a Sinaloa cartel operator named Juan Pérez": a person tied to the group of the sentence."""
    pat = ctx.lex.person_intro
    if pat is None:
        return []
    out = []
    for s in ctx.sentences:
        fs = ctx.folded[s.start : s.end]
        groups = [
            a
            for a in ctx.actors
            if s.start <= a.start < s.end and not a.candidate and ctx.registry.is_non_state(a.name)
        ]
        if not groups:
            continue
        for m in pat.finditer(fs):
            rest = ctx.text[s.start + m.end() : s.end].lstrip(' «"“')
            nm = _NAME.match(rest)
            if not nm:
                continue
            start = s.end - len(ctx.text[s.start + m.end() : s.end].lstrip(' «"“'))
            group = ctx.registry.top(min(groups, key=lambda a: abs(a.start - (s.start + m.start()))).name)
            out.append(Mention(doc.id, "person", nm.group(0), Span(start, start + len(nm.group(0))), group))
    return out


def _confidence(ctx: Context, frame: Frame) -> float:
    f = frame.fields
    c = 0.4
    c += 0.2 if ctx.lex.drone.search(ctx.folded[frame.sentence.start : frame.sentence.end]) else 0
    c += 0.15 if f.get("actor") else 0
    c += 0.1 if f.get("date_precision") == "day" else 0
    c += 0.1 if f.get("admin1") else 0
    return round(min(c, 0.95), 2)


def _compatible_dates(a: object, b: object) -> bool:
    if not a or not b:
        return True
    sa, sb = str(a), str(b)
    if len(sa) == 10 and len(sb) == 10:
        return abs((date.fromisoformat(sa) - date.fromisoformat(sb)).days) <= 3
    n = min(len(sa), len(sb))
    return sa[:n] == sb[:n]


def _near_days(a: object, b: object) -> bool:
    return abs((date.fromisoformat(str(a)) - date.fromisoformat(str(b))).days) <= 1


def _fold_model_only(frames: list[Frame]) -> list[Frame]:
    """A type only the model saw in a sentence joins the document's frame of that type, if there is one.

    Reports repeat their event in sentences the rules do not type ("the device
    fell on a house"); such a sentence is more often another mention of the
    event already found than a second event, and its date (a report date, a
    dateline) is weaker evidence than the sentence the rules typed.
    """
    firm = [f for f in frames if not f.fields.get("model_only")]
    out = list(firm)
    for f in frames:
        if not f.fields.get("model_only"):
            continue
        country = f.fields.get("country")
        same = [g for g in out if g.type == f.type and g.fields.get("country") in (None, country)]
        if same:
            g = same[0]
            for key in ("actor", "target", "killed", "injured"):
                if g.fields.get(key) is None and f.fields.get(key) is not None:
                    g.fields[key] = f.fields[key]
            g.confidence = max(g.confidence, f.confidence)
            continue
        out.append(f)  # the first model-only mention of a type in a country stands; later ones join it
    return sorted(out, key=lambda f: f.sentence.start)


def merge(frames: list[Frame]) -> list[Frame]:
    """Mentions of one event in one document become one frame: same type, country and time."""
    merged: list[Frame] = []
    for f in frames:
        for g in merged:
            if g.type != f.type:
                continue
            if (
                g.fields.get("country")
                and f.fields.get("country")
                and g.fields["country"] != f.fields["country"]
            ):
                continue
            defaulted = not g.fields.get("date_explicit") or not f.fields.get("date_explicit")
            if not defaulted and not _compatible_dates(g.fields.get("date"), f.fields.get("date")):
                continue
            if g.fields.get("actor") and f.fields.get("actor") and g.fields["actor"] != f.fields["actor"]:
                continue
            pa, pb = g.fields.get("place"), f.fields.get("place")
            if pa and pb and pa != pb and g.fields.get("date_precision") == "day":
                continue
            if (g.fields.get("split_place") or f.fields.get("split_place")) and (
                (pa or g.fields.get("admin1")) != (pb or f.fields.get("admin1"))
            ):
                continue  # two places a sentence named apart stay two events
            if (
                g.fields.get("date_precision") == "day"
                and f.fields.get("date_precision") == "day"
                and not _near_days(g.fields.get("date"), f.fields.get("date"))
                and (pa and pb)
            ):
                continue
            _absorb(g, f)
            break
        else:
            merged.append(f)
    return merged


def _absorb(into: Frame, other: Frame) -> None:
    a, b = into.fields, other.fields
    rank = {"day": 3, "month": 2, "year": 1, None: 0}
    better = rank[b.get("date_precision")] > rank[a.get("date_precision")]  # type: ignore[index]
    if (b.get("date_explicit") and not a.get("date_explicit")) or (
        better and b.get("date_explicit") == a.get("date_explicit")
    ):
        a["date"], a["date_precision"], a["date_explicit"] = b.get("date"), b.get("date_precision"), True
    if a.get("where_ambiguous") and not b.get("where_ambiguous") and b.get("admin1"):
        for key in ("country", "admin1", "place", "lat", "lon"):
            a[key] = b.get(key)
        a["where_ambiguous"] = False
    for key in ("admin1", "place", "lat", "lon", "actor", "target", "killed", "injured", "country"):
        if a.get(key) is None and b.get(key) is not None:
            a[key] = b[key]
    for key, unknown in (("drone_type", "unknown"), ("payload", "unknown")):
        if str(a.get(key)) == unknown and str(b.get(key)) != unknown:
            a[key] = b[key]
    into.confidence = max(into.confidence, other.confidence)


def _claim(doc: Document, ctx: Context, f: Frame, n: int, extractor: str) -> Claim:
    s = f.sentence
    fields = f.fields
    key = f"{doc.id}|{f.type}|{s.start}|{fields.get('country')}|{n}|{extractor}"
    prec = fields.get("date_precision")
    return Claim(
        id=hashlib.sha256(key.encode()).hexdigest()[:24],
        document_id=doc.id,
        type=f.type,
        evidence=Span(s.start, s.end),
        evidence_text=s.text,
        date=fields.get("date"),  # type: ignore[arg-type]
        date_precision=DatePrecision(str(prec)) if prec else None,
        country=fields.get("country"),  # type: ignore[arg-type]
        admin1=fields.get("admin1"),  # type: ignore[arg-type]
        place=fields.get("place"),  # type: ignore[arg-type]
        lat=fields.get("lat"),  # type: ignore[arg-type]
        lon=fields.get("lon"),  # type: ignore[arg-type]
        actor=fields.get("actor"),  # type: ignore[arg-type]
        target=fields.get("target"),  # type: ignore[arg-type]
        drone_type=fields["drone_type"],  # type: ignore[arg-type]
        payload=fields["payload"],  # type: ignore[arg-type]
        killed=fields.get("killed"),  # type: ignore[arg-type]
        injured=fields.get("injured"),  # type: ignore[arg-type]
        confidence=f.confidence,
        background=f.background,
        extractor=extractor,
    )


def _statistic(ctx: Context, doc: Document, sent: Sentence, extractor: str) -> list[Statistic]:
    fs = ctx.folded[sent.start : sent.end]
    nums = re.findall(r"\b\d[\d,.]*\b", fs)
    values = [int(n.replace(",", "").replace(".", "")) for n in nums if not re.fullmatch(r"(19|20)\d\d", n)]
    if not values:
        return []
    years = re.findall(r"\b(?:19|20)\d\d\b", fs)
    return [
        Statistic(
            document_id=doc.id,
            metric="drone_incidents",
            value=float(values[0]),
            evidence=Span(sent.start, sent.end),
            evidence_text=sent.text,
            country=ctx.main_country,
            period=years[0] if years else (doc.published.strftime("%Y") if doc.published else None),
            extractor=extractor,
        )
    ]
