import pytest

from dronewatch.extract.actors import find_actors, registry
from dronewatch.extract.text import fold


def _names(text):
    return [a.name for a in find_actors(text, fold(text)) if not a.candidate]


@pytest.mark.parametrize(
    "text,name",
    [
        ("The Jalisco New Generation Cartel (CJNG) was blamed", "Jalisco New Generation Cartel"),
        ("atribuyó el ataque al Cártel Jalisco Nueva Generación", "Jalisco New Generation Cartel"),
        ("бойовики картелю Сіналоа демонструють дрон", "Sinaloa Cartel"),
        ("связан с картелем «Лос-Сетас»", "Cártel del Noreste"),
        ("трое бывших боевиков ФАРК", "FARC"),
        ("disidencias de las FARC lanzaron drones", "FARC dissidents"),
        ("la guerrilla del ELN lanzó", "ELN"),
        ("Інтернаціонального легіону", "International Legion"),
    ],
)
def test_registry_names_across_languages_and_scripts(text, name):
    assert name in _names(text)


def test_factions_report_their_parent_group():
    reg = registry()
    assert reg.top("Los Chapitos") == "Sinaloa Cartel"
    assert reg.top("Estado Mayor Central") == "FARC dissidents"
    assert reg.top("Sinaloa Cartel") == "Sinaloa Cartel"
    assert reg.is_non_state("Tren de Aragua") and not reg.is_non_state("Security Service of Ukraine")


def test_a_group_the_registry_lacks_becomes_a_candidate():
    text = "Police blamed a faction called Los Pelones for the drone attack."
    cands = [a for a in find_actors(text, fold(text)) if a.candidate]
    assert [c.name for c in cands] == ["Los Pelones"]
    assert text[cands[0].start : cands[0].end] == "Los Pelones"


def test_single_common_words_need_a_capital():
    assert "Los Lobos" not in _names("los lobos aullaban en la sierra")


@pytest.mark.parametrize(
    "lang,text,name",
    [
        ("es", "Sicarios del cártel de El Mencho atacaron con drones.", "Jalisco New Generation Cartel"),
        ("en", "Iván Mordisco's men flew drones over the base.", "FARC dissidents"),
        ("es", "la gente de Chiquito Malo controla la zona", "Clan del Golfo"),
    ],
)
def test_a_group_named_by_its_leader(lang, text, name):
    from dronewatch.extract.lexicon import load_lexicon

    assert name in [a.name for a in find_actors(text, fold(text), lex=load_lexicon(lang))]
