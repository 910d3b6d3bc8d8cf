"""End-to-end extraction on short real-style reports, one or two per hard case."""

from datetime import date

import pytest

from dronewatch.extract import extract_document
from dronewatch.extract.lexicon import LANGUAGES, load_lexicon
from dronewatch.ingest.normalise import content_id
from dronewatch.model import Document, EventType


def doc(text, published, language):
    return Document(
        id=content_id(text), text=text, published=date.fromisoformat(published), language=language
    )


def claims(text, published, language):
    return extract_document(doc(text, published, language)).claims


def test_every_language_has_every_event_type():
    for lang in LANGUAGES:
        lex = load_lexicon(lang)
        assert set(lex.types) == {t.value for t in EventType}, lang


def test_spanish_attack_with_number_words_and_place_in_the_next_sentence():
    text = (
        "Dos policías estatales resultaron heridos la noche del lunes cuando un dron lanzó explosivos "
        "sobre su patrulla.\nLas autoridades atribuyeron el ataque al Cártel Jalisco Nueva Generación. "
        "La agresión ocurrió en el municipio de Aguililla, Michoacán."
    )
    (c,) = claims(text, "2021-04-21", "es")
    assert c.type == EventType.DRONE_ATTACK
    assert (c.country, c.admin1) == ("MX", "Michoacán")
    assert c.actor == "Jalisco New Generation Cartel"
    assert c.injured == 2 and c.killed is None
    assert str(c.payload) == "explosive"
    assert c.date == "2021-04-19"
    assert text[c.evidence.start : c.evidence.end] == c.evidence_text


def test_ukrainian_helicopter_attack_with_cyrillic_group_and_words_for_numbers():
    text = (
        "У Колумбії внаслідок атаки безпілотника розбився поліцейський гелікоптер. "
        "Загинули дванадцять правоохоронців, ще п'ятеро дістали травми.\n\n"
        "Губернатор департаменту Антіокія поклав відповідальність на угруповання Estado Mayor Central."
    )
    (c,) = claims(text, "2025-08-22", "uk")
    assert (c.type, c.country, c.admin1) == (EventType.DRONE_ATTACK, "CO", "Antioquia")
    assert c.actor == "FARC dissidents"
    assert c.injured == 5


def test_russian_transfer_of_skills_in_the_legion():
    text = (
        "Выходцы из мексиканских картелей учились управлять FPV-дронами, записавшись в Международный легион. "
        "Вместе с ними подготовку прошли трое бывших боевиков группировки ФАРК."
    )
    got = claims(text, "2025-08-10", "ru")
    transfers = [c for c in got if c.type == EventType.CAPABILITY_TRANSFER]
    assert transfers and all(c.country == "UA" for c in transfers)
    assert "FARC" in {c.actor for c in transfers}
    assert str(transfers[0].drone_type) == "fpv"


def test_two_services_investigating_are_two_probes():
    text = (
        "Cartel members joined Ukraine's International Legion to learn to fly FPV drones. "
        "European countries, including Poland and Bulgaria, have also launched their own investigations."
    )
    probes = {c.country for c in claims(text, "2025-08-01", "en") if c.type == EventType.INFILTRATION_PROBE}
    assert {"PL", "BG"} <= probes


def test_two_attacks_on_two_days_stay_apart():
    text = (
        "Les drones kamikazes de la task force visent les gangs de Port-au-Prince.\n\n"
        "Le 4 mai, des drones ont frappé Grand-Ravine. Le 22 mai, plusieurs drones kamikazes ont été "
        "envoyés sur Torcel."
    )
    attacks = [c for c in claims(text, "2025-06-14", "fr") if c.type == EventType.DRONE_ATTACK]
    assert sorted(c.date for c in attacks) == ["2025-05-04", "2025-05-22"]


def test_a_seizure_is_not_an_attack_and_dates_come_from_the_text():
    text = (
        "Soldiers seized six drones and dozens of explosive devices at a ranch near Culiacán, Sinaloa, "
        "on Sunday, the defence ministry said on Monday."
    )
    (c,) = claims(text, "2024-11-05", "en")
    assert c.type == EventType.DRONE_SEIZURE and c.admin1 == "Sinaloa"
    assert c.date == "2024-11-03"  # Sunday; Monday is when it was said


@pytest.mark.parametrize(
    "text,lang",
    [
        (
            "A retail chain said its delivery drones will reach 30,000 more homes near Dallas. Drones drop "
            "parcels in gardens; residents complained that the drones are noisy and that drone flights "
            "start too early.",
            "en",
        ),
        ("Un espectáculo de mil drones iluminó el cielo del Zócalo. Los drones formaron figuras.", "es"),
        (
            "Російські війська атакували Харків ударними дронами. Сили ППО збили більшість дронів.",
            "uk",
        ),
        ("What if drones are used against police? Cartels could one day attack with drones.", "en"),
    ],
)
def test_negative_articles_full_of_drone_words_yield_nothing(text, lang):
    assert claims(text, "2025-06-07", lang) == []


def test_quotations_and_opinion_yield_nothing():
    text = "“The cartels can use drones for attacks and smuggling,” a Kyiv official said."
    assert claims(text, "2025-10-14", "en") == []


def test_statistics_are_their_own_records():
    text = "Mexico has seen attack drones go from a handful of incidents in 2020 to more than 40 per month by 2023."
    ex = extract_document(doc(text, "2025-10-14", "en"))
    assert ex.claims == []
    assert [s.value for s in ex.statistics] == [40.0]


def test_unknown_group_is_a_candidate_mention():
    text = "Police said a faction called Los Pelones dropped explosives from a drone on a checkpoint in Tamaulipas."
    ex = extract_document(doc(text, "2025-03-01", "en"))
    assert ("candidate_actor", "Los Pelones") in {(m.kind, m.text) for m in ex.mentions}


def test_two_places_joined_in_one_sentence_are_two_events():
    from dronewatch.extract import RULES_ONLY

    text = (
        "ARAUCA, Colombia — Drones of the ELN dropped explosives on an army base in Saravena and on a "
        "police station in Fortul on Thursday, February 12, the army said.\n\n"
        "Nobody was killed."
    )
    got = extract_document(doc(text, "2026-02-13", "en"), RULES_ONLY).claims
    attacks = sorted((c.place, c.date) for c in got if c.type == EventType.DRONE_ATTACK)
    assert attacks == [("Fortul", "2026-02-12"), ("Saravena", "2026-02-12")]
    # a town and its own state are one place, and states only split on "another"
    one = extract_document(
        doc("A drone dropped a grenade on police in Aguililla, Michoacán, on Sunday.", "2021-04-20", "en"),
        RULES_ONLY,
    ).claims
    assert len([c for c in one if c.type == EventType.DRONE_ATTACK]) == 1


def test_a_surname_that_is_a_place_is_no_place():
    from dronewatch.extract.places import find_places

    text = "El gobernador de Sinaloa, Rubén Rocha Moya, reconoció ataques con drones."
    assert {p.country for p in find_places(text)} == {"MX"}
