from datetime import date

from dronewatch.extract import extract_document
from dronewatch.ingest.normalise import content_id
from dronewatch.model import Document


def rels(text, lang="en"):
    d = Document(id=content_id(text), text=text, published=date(2025, 10, 4), language=lang)
    return {(r.subject, r.predicate, r.object) for r in extract_document(d).relations}


def test_faction_and_rivalry():
    got = rels(
        "La Mayiza showed a fibre-optic drone seized from its rivals Los Chapitos, fighting the war with them."
    )
    assert ("La Mayiza", "faction of", "Sinaloa Cartel") in got
    assert ("Los Chapitos", "faction of", "Sinaloa Cartel") in got


def test_rivals_in_spanish():
    got = rels(
        "El Cártel Jalisco Nueva Generación mantiene una guerra con Cárteles Unidos en Michoacán.", "es"
    )
    assert ("Jalisco New Generation Cartel", "rival of", "Cárteles Unidos") in got


def test_training_and_investigation_links_from_claims():
    text = (
        "Members of Los Zetas trained as FPV drone pilots while serving in Ukraine's International Legion. "
        "The SBU opened an investigation into the International Legion's foreign volunteers."
    )
    got = rels(text)
    assert ("Cártel del Noreste", "trained with", "International Legion") in got
    assert ("International Legion", "investigated by", "Security Service of Ukraine") in got
