from dronewatch.extract.places import find_places


def _found(text):
    return [(p.level, p.country, p.admin1, p.place) for p in find_places(text)]


def test_states_before_towns_and_town_with_locative():
    got = _found("El ataque ocurrió en el municipio de Aguililla, Michoacán.")
    assert ("place", "MX", "Michoacán", "Aguililla") in got
    assert ("admin1", "MX", "Michoacán", None) in got


def test_department_names_in_cyrillic():
    assert ("admin1", "CO", "Antioquia", None) in _found("губернатор департаменту Антіокія заявив")
    assert ("admin1", "UA", "Kharkiv Oblast", None) in _found("удар по Харківській області")


def test_a_town_needs_support_from_the_text():
    # "Victoria" is a town name in several countries, but here it is a word in a sentence.
    assert all(p[3] != "Victoria" for p in _found("La Victoria de los aliados fue celebrada."))
    assert ("place", "US", "California", "Calexico") in _found("heroin flown across the border near Calexico")


def test_border_with_names_the_other_side_only():
    got = _found("военные на границе с Венесуэлой сбили дроны в Колумбии")
    assert ("country", "CO", None, None) in got and all(p[1] != "VE" for p in got)


def test_country_adjectives_are_weak():
    (p,) = find_places("Mexican intelligence warned")
    assert p.country == "MX" and p.weak
