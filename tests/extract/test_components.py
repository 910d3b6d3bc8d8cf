"""The decision components, rules and learned side by side, on real-style sentences."""

from datetime import date

from dronewatch.extract.components import MODALITIES, LearnedDecisions, RuleModality, RuleTypes
from dronewatch.extract.learned import default_model
from dronewatch.extract.pipeline import build_context
from dronewatch.ingest.normalise import content_id
from dronewatch.model import Document, EventType


def ctx_of(text: str, lang: str, published: str = "2025-06-10"):
    d = Document(id=content_id(text), text=text, published=date.fromisoformat(published), language=lang)
    return build_context(d)


def test_rule_types_and_modality():
    ctx = ctx_of(
        "Un dron lanzó explosivos contra policías en Aguililla, Michoacán, el lunes.\n\n"
        "Expertos advierten que los cárteles podrían usar drones contra escuelas en el futuro.\n\n"
        "La explosión que se atribuyó a un dron resultó ser un tanque de gas.",
        "es",
    )
    s0, s1, s2 = ctx.sentences
    assert RuleTypes().types(s0, ctx) == [(EventType.DRONE_ATTACK, 1.0)]
    assert RuleTypes().types(s1, ctx) == []  # hypothetical
    m = RuleModality()
    assert m.modality(s0, ctx)[0] == "asserted"
    assert m.modality(s1, ctx)[0] == "hypothetical"
    assert m.modality(s2, ctx)[0] == "negated"
    assert all(m.modality(s, ctx)[0] in MODALITIES for s in ctx.sentences)
    assert RuleTypes().name.startswith("dronewatch.rules.") and m.name.endswith(".v1")


def test_a_statistic_is_no_incident():
    ctx = ctx_of("Criminal groups carried out more than 40 drone attacks per month in Michoacán in 2023.", "en")
    assert RuleTypes().types(ctx.sentences[0], ctx) == []


def test_learned_decisions_score_once_and_name_the_model():
    model = default_model()
    assert model is not None, "the package ships a trained model (dronewatch train)"
    ctx = ctx_of(
        "A drone dropped an explosive on a police patrol in Apatzingán, Michoacán, on Sunday, wounding two officers.",
        "en",
    )
    d = LearnedDecisions(model)
    types = d.types(ctx.sentences[0], ctx)
    assert types and types[0][0] == EventType.DRONE_ATTACK and 0.0 <= types[0][1] <= 1.0
    label, score = d.modality(ctx.sentences[0], ctx)
    assert label == "asserted" and score >= model.thresholds["keep_event"]
    assert d.name == model.signature and "data=" in d.name and "model=" in d.name
