"""Relations between actors stated in text: each with the sentence that states it.

faction of (a faction named, from the registry), allied with and rival of (two groups in a
sentence with an alliance or rivalry word), attacked (an attack's actor and a group it
targets), trained with (a group gaining skills in the Legion), recruited via (a group or
recruits with a private military company and a recruitment word), investigated by (a probe's
subject and the service named).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Claim, EventType
from .frames import Context, is_target


@dataclass(frozen=True)
class Relation:
    subject: str
    predicate: str
    object: str
    start: int
    end: int


def find_relations(ctx: Context, claims: list[Claim]) -> list[Relation]:
    reg = ctx.registry
    lex = ctx.lex
    out: set[Relation] = set()
    for s in ctx.sentences:
        fs = ctx.folded[s.start : s.end]
        here = [a for a in ctx.actors if s.start <= a.start < s.end and not a.candidate]
        groups = [a for a in here if reg.is_non_state(a.name)]
        for a in groups:
            top = reg.top(a.name)
            if top != a.name:
                out.add(Relation(a.name, "faction of", top, s.start, s.end))
        tops = []
        for a in groups:
            t = reg.top(a.name)
            if t not in tops:
                tops.append(t)
        if len(tops) >= 2:
            first, second = tops[0], tops[1]
            if lex.alliance is not None and lex.alliance.search(fs):
                out.add(Relation(first, "allied with", second, s.start, s.end))
            elif lex.rivalry is not None and lex.rivalry.search(fs):
                out.add(Relation(first, "rival of", second, s.start, s.end))
        pmcs = [a.name for a in here if reg.kind(a.name) == "private military company"]
        if pmcs and lex.recruitment is not None and lex.recruitment.search(fs):
            subjects = tops or (["International Legion"] if ctx.legion_doc else [])
            for subj in subjects:
                out.add(Relation(subj, "recruited via", pmcs[0], s.start, s.end))
    for c in claims:
        s0, s1 = c.evidence.start, c.evidence.end
        here = [a for a in ctx.actors if s0 <= a.start < s1 and not a.candidate]
        if c.type == EventType.DRONE_ATTACK and c.actor:
            for a in here:
                if reg.is_non_state(a.name) and is_target(ctx, a) and reg.top(a.name) != c.actor:
                    out.add(Relation(c.actor, "attacked", reg.top(a.name), s0, s1))
        if c.type == EventType.CAPABILITY_TRANSFER and c.actor and c.country == "UA":
            out.add(Relation(c.actor, "trained with", "International Legion", s0, s1))
        if c.type == EventType.INFILTRATION_PROBE:
            services = [a.name for a in here if reg.kind(a.name) == "security service"]
            for svc in services:
                out.add(Relation(c.actor or "International Legion", "investigated by", svc, s0, s1))
    return sorted(out, key=lambda r: (r.start, r.subject, r.predicate, r.object))
