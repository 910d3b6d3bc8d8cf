"""The extractor's decisions as named, versioned components behind small protocols.

Rules propose candidate sentences and fill slots; the decisions about a
candidate (does it state an event, of which type, asserted or not) are made by
a ``TypeClassifier`` and a ``ModalityClassifier``. Each has a rules
implementation and a learned one, side by side, and a name with a version:
the claim's ``extractor`` is made of those names (and the model's hashes), so
a change to any of them re-extracts.

A third party's classifier is any object with these methods and a ``name``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ..model import EventType
from .frames import Context, is_aggregate, sentence_types
from .learned import SentenceModel
from .text import Sentence

# the learned heads tell asserted, background and not asserted; the rules tell which kind of not
MODALITIES = ("asserted", "background", "not_asserted", "hypothetical", "negated", "habitual", "out_of_scope")


class TypeClassifier(Protocol):
    """The event types a candidate sentence states, best first, each with a score in [0, 1]."""

    @property
    def name(self) -> str: ...

    def types(self, sentence: Sentence, ctx: Context) -> list[tuple[EventType, float]]: ...


class ModalityClassifier(Protocol):
    """Whether a candidate sentence asserts an event, and how: one of ``MODALITIES`` with a score."""

    @property
    def name(self) -> str: ...

    def modality(self, sentence: Sentence, ctx: Context) -> tuple[str, float]: ...


@dataclass
class RuleTypes:
    """The lexicons' triggers in a fixed priority order (``frames.PRIORITY``): one type per sentence."""

    name: str = "dronewatch.rules.types.v4"

    def types(self, sentence: Sentence, ctx: Context) -> list[tuple[EventType, float]]:
        found = sentence_types(ctx, sentence)
        if found and is_aggregate(ctx, sentence) and found[0] not in (
            EventType.POLICY,
            EventType.INFILTRATION_PROBE,
            EventType.CAPABILITY_TRANSFER,
        ):
            return []  # "more than 40 attacks a month": a statistic, not an incident
        return [(t, 1.0) for t in found[:1]]


@dataclass
class RuleModality:
    """Hypotheticals, opinion, habits, out-of-scope wars and retractions by the lexicons' word lists."""

    name: str = "dronewatch.rules.modality.v1"

    def modality(self, sentence: Sentence, ctx: Context) -> tuple[str, float]:
        lex = ctx.lex
        fs = ctx.folded[sentence.start : sentence.end]
        for label, pat in (
            ("out_of_scope", lex.out_of_scope),
            ("hypothetical", lex.hypothetical),
            ("hypothetical", lex.opinion),
            ("habitual", lex.habitual),
            ("negated", lex.retraction),
        ):
            if pat is not None and pat.search(fs):
                return label, 1.0
        years = [int(d.value[:4]) for d in ctx.within(ctx.dates, sentence.start, sentence.end)]
        if ctx.published and years and max(years) < ctx.published.year:
            return "background", 1.0
        return "asserted", 1.0


@dataclass
class LearnedDecisions:
    """The sentence model's heads over a candidate, with the rules' proposal among its features.

    One object serves both protocols, so the sentence is scored once; the
    scores of the last sentence are kept for the modality asked right after.
    """

    model: SentenceModel
    in_scope: bool = True
    _last: tuple[int, int, dict[str, float]] | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return self.model.signature

    def _probs(self, sentence: Sentence, ctx: Context) -> tuple[dict[str, float], list[EventType]]:
        rule = sentence_types(ctx, sentence)
        key = (id(ctx), sentence.start)
        if self._last is not None and self._last[:2] == key:
            return self._last[2], rule
        cues = [t.value for t in rule] + ([] if self.in_scope else ["doc_out_of_scope"])
        probs = self.model.probs(ctx, sentence, cues)
        self._last = (key[0], key[1], probs)
        return probs, rule

    def types(self, sentence: Sentence, ctx: Context) -> list[tuple[EventType, float]]:
        probs, rule = self._probs(sentence, ctx)
        chosen = self.model.decide(probs, [t.value for t in rule])
        return [(EventType(t), probs[t]) for t in chosen]

    def modality(self, sentence: Sentence, ctx: Context) -> tuple[str, float]:
        probs, _ = self._probs(sentence, ctx)
        if probs["event"] < self.model.thresholds.get("keep_event", 0.5):
            return "not_asserted", 1.0 - probs["event"]
        if probs["background"] >= self.model.thresholds.get("background", 0.5):
            return "background", probs["background"]
        return "asserted", probs["event"]
