from dronewatch.analyze.graph import degree, links, neighbourhood
from dronewatch.resolve.actors import ActorNames, Decision


def rel(s, p, o, doc="d1", ev="evidence"):
    return {"subject": s, "predicate": p, "object": o, "document_id": doc, "evidence": ev}


def test_edges_collect_their_evidence_and_follow_decisions():
    rels = [
        rel("Los Chapitos", "faction of", "Sinaloa Cartel", "d1", "a"),
        rel("Los Chapitos", "faction of", "Sinaloa Cartel", "d2", "b"),
        rel("CJNG Elite", "rival of", "Sinaloa Cartel", "d3", "c"),
    ]
    names = ActorNames([Decision("merge", "Jalisco New Generation Cartel", "CJNG Elite")])
    edges = links(rels, names)
    assert [(e.subject, e.predicate, e.object, len(e.evidence)) for e in edges] == [
        ("Los Chapitos", "faction of", "Sinaloa Cartel", 2),
        ("Jalisco New Generation Cartel", "rival of", "Sinaloa Cartel", 1),
    ]
    assert len(neighbourhood(edges, "Sinaloa Cartel")) == 2
    assert degree(edges)["Sinaloa Cartel"] == 2


def test_decisions_apply_in_order_and_split_undoes_merge():
    names = ActorNames(
        [Decision("merge", "A", "B"), Decision("rename", "A", "Alpha"), Decision("split", "A", "B")]
    )
    assert names.canonical("B") == "B" and names.canonical("A") == "Alpha"
