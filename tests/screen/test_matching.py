"""Every matching feature, on real-style names."""

import csv
from pathlib import Path

import pytest

from dronewatch.screen.match import THRESHOLD, Party, compare
from dronewatch.screen.names import keys, phonetic, split_aliases

PAIRS = Path(__file__).with_name("pairs.csv")


def score(a, b, **kw):
    qa = {k: v for k, v in kw.items() if not k.startswith("e_")}
    qe = {k[2:]: v for k, v in kw.items() if k.startswith("e_")}
    return compare(Party([a], **qa), Party([b], **qe)).score


@pytest.mark.parametrize(
    "a,b",
    [
        ("Joaquín Guzmán", "Хоакин Гусман"),  # Cyrillic transliteration
        ("Ivan Petrov", "Іван Петров"),  # Ukrainian
        ("Guzmán Loera Joaquín", "Joaquín Guzmán Loera"),  # order
        ("Joaquin Guzman Loera", "Joaquín Guzmán Loera"),  # accents
        ("Joaquín Guzmán", "Joaquín Archivaldo Guzmán Loera"),  # dropped middle and maternal names
        ("Nemesio Oseguera Cervantes", "Nemesio Osegera Cervantes"),  # typo
        ("José García López", "Pepe García López"),  # nickname
        ("Ismael Zambada-García", "Ismael Zambada García"),  # hyphenated double surname
    ],
)
def test_variants_of_one_name_match(a, b):
    assert score(a, b) >= THRESHOLD


@pytest.mark.parametrize(
    "a,b",
    [
        ("Joaquín Guzmán Loera", "Ovidio Guzmán López"),  # a son
        ("Iván Archivaldo Guzmán Salazar", "Jesús Alfredo Guzmán Salazar"),  # brothers
        ("Juan Pérez", "María Pérez"),
        ("José García", "José Martínez"),
    ],
)
def test_relatives_and_namesakes_do_not(a, b):
    assert score(a, b) < THRESHOLD


def test_birth_date_nationality_and_identifiers_move_the_score():
    base = score("Juan Carlos Ramírez", "Juan Carlos Ramírez")
    assert (
        score(
            "Juan Carlos Ramírez", "Juan Carlos Ramírez", birth_date="1980-02-01", e_birth_date="1975-06-01"
        )
        < THRESHOLD
    )
    assert score("Juan Carlos Ramírez", "Juan Carlos Ramírez", nationality="MX", e_nationality="CO") < base
    strong = compare(
        Party(["J. Ramírez"], identifiers={"G12345678"}),
        Party(["Juan Carlos Ramírez"], identifiers={"G12345678"}),
    )
    assert strong.score >= THRESHOLD and "same document number" in strong.reasons


def test_every_score_is_explained_feature_by_feature():
    r = compare(
        Party(["Хоакин Гусман"], birth_date="1957-04-04"), Party(["Joaquín Guzmán"], birth_date="1957-04-04")
    )
    assert set(r.features) == {"name", "birth_date"}
    assert any("spelling" in x for x in r.reasons) and "same birth date" in r.reasons


def test_aliases_in_a_cell():
    assert split_aliases("Joaquín Archivaldo Guzmán Loera, alias El Chapo") == (
        "Joaquín Archivaldo Guzmán Loera",
        ["El Chapo"],
    )
    assert split_aliases('Rafael "R-1" Caro Quintero') == ("Rafael Caro Quintero", ["R-1"])
    assert split_aliases("Ismael Zambada (a) El Mayo") == ("Ismael Zambada", ["El Mayo"])


def test_phonetic_keys_meet_across_scripts():
    assert phonetic("guzman") == phonetic("gusman")
    assert keys("Хоакин Гусман") == keys("Joaquín Guzmán")


def test_the_labelled_set_reaches_its_figures():
    rows = list(csv.DictReader(PAIRS.open(encoding="utf-8")))
    assert len(rows) >= 1000
    tp = fp = fn = 0
    for r in rows:
        na, aa = split_aliases(r["a"])
        s = compare(Party([na, *aa]), Party([r["b"]])).score >= THRESHOLD
        g = r["same"] == "1"
        tp += s and g
        fp += s and not g
        fn += (not s) and g
    assert tp / (tp + fp) >= 0.95 and tp / (tp + fn) >= 0.95
