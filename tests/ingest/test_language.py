import pytest

from dronewatch.ingest.language import detect_language

SAMPLES = {
    "en": "Two state police officers were wounded when drones dropped explosives on their patrol.",
    "es": "Dos policías estatales resultaron heridos cuando drones lanzaron explosivos sobre su patrulla.",
    "uk": "Двоє поліцейських отримали поранення, коли дрони скинули вибухівку на їхній патруль.",
    "ru": "Двое полицейских были ранены, когда беспилотники сбросили взрывчатку на их патруль.",
    "pt": "Dois policiais ficaram feridos quando drones lançaram explosivos sobre a viatura.",
    "fr": "Deux policiers ont été blessés lorsque des drones ont largué des explosifs sur leur patrouille.",
}


@pytest.mark.parametrize("lang,text", sorted(SAMPLES.items()))
def test_each_language_is_recognised(lang, text):
    assert detect_language(text) == lang


def test_too_little_text_gives_none():
    assert detect_language("42 — !") is None


def test_ukrainian_and_russian_are_told_apart_on_short_headlines():
    assert detect_language("СБУ перевіряє іноземних добровольців легіону") == "uk"
    assert detect_language("СБУ проверяет иностранных добровольцев легиона") == "ru"
