from pathlib import Path

from dronewatch.ingest.dedup import Signature, best_match, shingles, signature

from ..conftest import CORPUS


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---", 2)[2]


def test_shingles_fold_case_and_accents():
    assert shingles("Cártel de Sinaloa") == shingles("cartel de SINALOA")


def test_signature_round_trips_through_bytes():
    sig = signature("drones dropped explosives on a police patrol in aguililla")
    assert sig is not None
    again = Signature.from_bytes(sig.to_bytes())
    assert again.jaccard(sig) == 1.0
    assert again.bands() == sig.bands()


def test_syndicated_copy_is_a_near_duplicate():
    a = signature(_text(CORPUS / "mexico/aguililla-police-drones-2021.md"))
    b = signature(_text(CORPUS / "mexico/aguililla-police-drones-2021-syndicated.md"))
    assert a and b and a.jaccard(b) >= 0.5
    assert set(a.bands()) & set(b.bands())


def test_lightly_edited_rewrite_is_a_near_duplicate():
    a = signature(_text(CORPUS / "smuggling/border-drone-meth-calexico.md"))
    b = signature(_text(CORPUS / "smuggling/border-drone-meth-calexico-copy.md"))
    assert a and b and a.jaccard(b) >= 0.5


def test_different_reports_of_the_same_event_are_not():
    # Two outlets' own reports of the Amalfi helicopter attack, and two of the CNI warning.
    pairs = [
        ("colombia/amalfi-helicopter-drone-2025.md", "colombia/amalfi-helicoptero-dron-2025.md"),
        ("legion/cni-warning-legion-2025.md", "legion/sbu-legion-investigation-2025.md"),
        ("mexico/aguililla-police-drones-2021.md", "mexico/tepalcatepec-drones-2022.md"),
    ]
    for x, y in pairs:
        a, b = signature(_text(CORPUS / x)), signature(_text(CORPUS / y))
        assert a and b and a.jaccard(b) < 0.2, (x, y)


def test_best_match_respects_threshold_and_prefers_the_closest():
    base = "the army seized six drones and dozens of explosive devices at a ranch near culiacan sinaloa"
    close = base + " on monday"
    far = "farmers in huila use agricultural drones to spray coffee plants on steep hillsides"
    s = signature(base)
    cands = [("far", signature(far).to_bytes(), None), ("close", signature(close).to_bytes(), None)]
    assert best_match(s, cands, 0.5)[0] == "close"
    assert best_match(s, cands[:1], 0.5) is None
