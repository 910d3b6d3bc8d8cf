from dronewatch.resolve.cluster import ClaimRef, cluster_claims, date_interval


def ref(i, **kw):
    base = dict(id=f"c{i}", document=f"d{i}", type="drone_attack", country="MX", date="2024-05-01")
    base.update(kw)
    return ClaimRef(**base)


def test_intervals():
    assert date_interval("2024-02") == (date_interval("2024-02-01")[0], date_interval("2024-02-29")[0])
    assert date_interval("bad") is None


def test_a_vague_claim_cannot_chain_two_events():
    a = ref(1, date="2024-05-01", admin1="Michoacán", place="Aguililla")
    b = ref(2, date="2024-05-20", admin1="Michoacán", place="Apatzingán")
    vague = ref(3, date="2024-05", admin1="Michoacán")
    clusters = cluster_claims([vague, a, b])
    assert len(clusters) == 2
    assert sorted(len(k.members) for k in clusters) == [1, 2]


def test_claims_of_one_document_never_merge_here():
    a = ref(1, document="same")
    b = ref(2, document="same")
    assert len(cluster_claims([a, b])) == 2


def test_blocks_keep_countries_and_families_apart():
    claims = [ref(1), ref(2, country="CO"), ref(3, type="drone_seizure")]
    assert len(cluster_claims(claims)) == 3


def test_same_day_same_place_different_outlets_merge_and_the_id_is_stable():
    a, b = ref(1, admin1="Sinaloa", place="Culiacán"), ref(2, admin1="Sinaloa", place="Culiacán")
    (k,) = cluster_claims([a, b])
    (k2,) = cluster_claims([b, a, ref(3, admin1="Sinaloa", place="Culiacán")])
    assert k.id == k2.id


def test_stories_of_different_groups_stay_apart():
    a = ref(1, type="capability_transfer", country="UA", date="2025", actor="Cártel del Noreste")
    b = ref(2, type="capability_transfer", country="UA", date="2025-07", actor="FARC")
    c = ref(3, type="capability_transfer", country="UA", date="2025-10", actor="FARC")
    assert sorted(len(k.members) for k in cluster_claims([a, b, c])) == [1, 2]
