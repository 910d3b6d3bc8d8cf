from dronewatch.extract.matcher import build_matcher


def test_inflected_cyrillic_names_meet_their_registry_form():
    m = build_matcher([("картель Синалоа", "SIN"), ("Сіналоа", "SIN"), ("Інтернаціональний легіон", "IL")])
    assert [x.value for x in m.find("бойовики картелю Сіналоа демонструють")] == ["SIN"]
    assert [x.value for x in m.find("вступають до Інтернаціонального легіону")] == ["IL"]


def test_acronyms_match_only_in_capitals():
    m = build_matcher([("CDS", "SIN"), ("Los Zetas", "CDN")])
    assert [x.value for x in m.find("the CDS and los zetas")] == ["SIN", "CDN"]
    assert m.find("cds files") == []


def test_longest_match_wins_and_offsets_are_exact():
    m = build_matcher([("Cártel de Sinaloa", "SIN"), ("Sinaloa", "STATE")])
    text = "El Cartel de Sinaloa opera en Sinaloa."
    found = m.find(text)
    assert [(text[x.start : x.end], x.value) for x in found] == [
        ("Cartel de Sinaloa", "SIN"),
        ("Sinaloa", "STATE"),
    ]
