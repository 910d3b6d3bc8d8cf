"""Every endpoint of the API, its auth, its errors and its limits, on the example corpus."""

import json

from .conftest import make_client


def auth(token):
    return {"Authorization": f"Bearer {token}"}


def test_reads(db_copy):
    c, _ = make_client(db_copy)
    assert c.get("/api/health").json()["status"] == "ok"
    docs = c.get("/api/documents", params={"q": "Calexico", "limit": 5}).json()
    assert docs["total"] == 2 and all("text" not in d for d in docs["items"])
    both = [c.get(f"/api/documents/{d['id']}").json() for d in docs["items"]]
    assert all("Calexico" in d["text"] for d in both) and any(d["claims"] for d in both)
    page1 = c.get("/api/events", params={"limit": 5, "sort": "-date"}).json()
    assert len(page1["items"]) == 5 and page1["next_cursor"]
    page2 = c.get("/api/events", params={"limit": 5, "cursor": page1["next_cursor"]}).json()
    assert not {e["id"] for e in page1["items"]} & {e["id"] for e in page2["items"]}
    co = c.get("/api/events", params={"country": "CO", "min_sources": 2}).json()
    assert co["items"] and all(e["country"] == "CO" and e["independent_sources"] >= 2 for e in co["items"])
    ev = c.get(f"/api/events/{co['items'][0]['id']}").json()
    assert ev["claims"] and all(
        c_["text"][slice(*c_["evidence_span"])] == c_["evidence"] for c_ in ev["claims"]
    )
    points = c.get("/api/map").json()["points"]
    assert points and sum(p["count"] for p in points) <= c.get("/api/events").json()["total"]
    tl = c.get("/api/timeline", params={"type": "drone_attack"}).json()
    assert list(tl["series"]) == ["drone_attack"]
    tr = c.get("/api/trends", params={"by": "country", "period": "month"}).json()
    assert tr["rows"] and sum(tr["totals"].values()) == sum(r["count"] for r in tr["rows"])
    actors = c.get("/api/actors").json()
    assert actors["items"][0]["events"] >= actors["items"][-1]["events"]
    assert c.get("/api/candidates").json()["total"] >= 0
    cjng = c.get("/api/actors/CJNG").json()
    assert cjng["name"] == "Jalisco New Generation Cartel"
    g = c.get("/api/graph").json()
    assert g["nodes"] and all({"source", "target", "predicate", "evidence"} <= set(e) for e in g["edges"])
    for fmt in ("csv", "geojson", "stix", "ftm", "graphml"):
        r = c.get(f"/api/export/{fmt}")
        assert r.status_code == 200 and r.content
    assert c.get("/openapi.json").json()["info"]["title"] == "dronewatch"
    assert "dronewatch" in c.get("/").text and c.get("/static/app.js").status_code == 200


def test_not_found_and_bad_parameters_are_json_4xx(db_copy):
    c, _ = make_client(db_copy)
    for path, code in [
        ("/api/events/ffffffffffff", 404),
        ("/api/documents/nope", 404),
        ("/api/actors/Nobody%20Here", 404),
        ("/api/export/pdf", 404),
        ("/static/../../etc/passwd", 404),
        ("/api/events?limit=0", 422),
        ("/api/events?limit=100000", 422),
        ("/api/events?since=last%20year", 422),
        ("/api/events?type=picnic", 422),
        ("/api/events?cursor=!!!", 400),
        ("/api/trends?by=colour", 422),
    ]:
        r = c.get(path)
        assert r.status_code == code, (path, r.status_code, r.text)
        if path.startswith("/api"):
            assert "error" in r.json()


def test_auth_for_writes(db_copy):
    c, tokens = make_client(db_copy)
    body = {
        "documents": [
            {
                "text": "Soldiers seized three drones and explosive charges at a camp in Tame, Arauca, "
                "on Sunday, the Colombian army said.",
                "source": "Reuters",
                "published": "2025-03-03",
            }
        ]
    }
    assert c.post("/api/documents", json=body).status_code == 401  # no token
    assert c.post("/api/documents", json=body, headers=auth("dw_wrong")).status_code == 401
    assert c.post("/api/documents", json=body, headers=auth(tokens["reader"])).status_code == 403
    r = c.post("/api/documents", json=body, headers=auth(tokens["analyst"]))
    assert r.status_code == 201 and r.json()["stored"] == 1
    again = c.post("/api/documents", json=body, headers=auth(tokens["analyst"])).json()
    assert again["stored"] == 0 and again["already_stored"] == 1
    assert c.get("/api/events", params={"admin1": "Arauca", "since": "2025-03"}).json()["total"] >= 1
    bad = c.post("/api/documents", json={"documents": []}, headers=auth(tokens["analyst"]))
    assert bad.status_code == 422 and "error" in bad.json()
    up = c.post(
        "/api/upload",
        files={
            "file": (
                "note.md",
                b"---\ntitle: x\n---\nA drone was seized at the Litoral prison in Guayaquil on Monday.\n",
            )
        },
        headers=auth(tokens["analyst"]),
    )
    assert up.status_code == 201, up.text
    empty = c.post("/api/upload", files={"file": ("empty.txt", b"")}, headers=auth(tokens["analyst"]))
    assert empty.status_code == 400 and "empty file" in empty.json()["error"]
    d = c.post(
        "/api/actors/decisions",
        json={"action": "merge", "subject": "FARC dissidents", "object": "FARC"},
        headers=auth(tokens["analyst"]),
    )
    assert d.status_code == 201
    assert (
        c.post(
            "/api/actors/decisions", json={"action": "merge", "subject": "X"}, headers=auth(tokens["analyst"])
        ).status_code
        == 422
    )
    assert (
        c.post(
            "/api/actors/decisions",
            json={"action": "explode", "subject": "X"},
            headers=auth(tokens["analyst"]),
        ).status_code
        == 422
    )


def test_oversized_uploads_are_refused(db_copy):
    c, tokens = make_client(db_copy, max_upload_mb=0.01)
    big = {"documents": [{"text": "drone " * 5000}]}
    r = c.post(
        "/api/documents",
        content=json.dumps(big),
        headers={**auth(tokens["analyst"]), "Content-Type": "application/json"},
    )
    assert r.status_code == 413 and "upload above" in r.json()["error"]
    f = c.post("/api/upload", files={"file": ("big.txt", b"drone " * 5000)}, headers=auth(tokens["analyst"]))
    assert f.status_code == 413


def test_closed_reads_need_a_token(db_copy):
    c, tokens = make_client(db_copy, open_reads=False)
    assert c.get("/api/events").status_code == 401
    assert c.get("/api/events", headers=auth(tokens["reader"])).status_code == 200
    # health always answers, but tells the version and counts only to a reader
    assert c.get("/api/health").json() == {"status": "ok"}
    assert "version" in c.get("/api/health", headers=auth(tokens["reader"])).json()
    for path in ("/metrics", "/docs", "/openapi.json"):
        r = c.get(path)
        assert r.status_code == 401 and "token" in r.json()["error"], path
        assert c.get(path, headers=auth(tokens["reader"])).status_code == 200, path


def test_huge_offsets_are_refused_not_crashed(db_copy):
    c, _ = make_client(db_copy)
    assert c.get("/api/documents", params={"offset": 9223372036854775808}).status_code == 422
    import base64

    cursor = base64.urlsafe_b64encode(b'{"o": 9223372036854775808}').decode()
    assert c.get("/api/events", params={"cursor": cursor}).status_code == 400


ROSTER = (
    "name,aliases,birth_date,nationality,document_numbers,recruiter\n"
    "Хоакин Гусман,,,,,\n"
    "María López Díaz,,1999-05-05,CO,,\n"
)


def test_screening_endpoints(db_copy):
    from dronewatch.screen.watchlists import builtin_entities, import_entities
    from dronewatch.store import Store

    import_entities(Store(f"sqlite:///{db_copy}"), "dronewatch", builtin_entities())
    c, tokens = make_client(db_copy)
    files = {"file": ("roster.csv", ROSTER.encode())}
    assert c.post("/api/screen", files=files).status_code == 401
    assert c.post("/api/screen", files=files, headers=auth(tokens["reader"])).status_code == 403
    r = c.post("/api/screen", files=files, headers=auth(tokens["analyst"]))
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["rows"][0]["matches"][0]["name"] == "Joaquín Guzmán"
    rid = body["roster"]
    assert c.get(f"/api/screen/{rid}", headers=auth(tokens["reader"])).status_code == 403
    d = c.post(
        f"/api/screen/{rid}/decisions",
        json={"row": 2, "decision": "confirmed"},
        headers=auth(tokens["analyst"]),
    )
    assert d.status_code == 201
    kept = c.get(f"/api/screen/{rid}", headers=auth(tokens["analyst"])).json()
    assert kept["results"][0]["decision"] == "confirmed"
    report = c.get(f"/api/screen/{rid}/report", headers=auth(tokens["analyst"]))
    assert report.status_code == 200 and "Joaquín Guzmán" in report.text
    assert (
        c.post(
            f"/api/screen/{rid}/decisions",
            json={"row": 2, "decision": "maybe"},
            headers=auth(tokens["analyst"]),
        ).status_code
        == 422
    )
    assert c.get("/api/screen/nope", headers=auth(tokens["analyst"])).status_code == 404
    bad = c.post(
        "/api/screen", files={"file": ("r.csv", b"who,what\nx,y\n")}, headers=auth(tokens["analyst"])
    )
    assert bad.status_code == 400 and "missing required column: name" in bad.json()["error"]


def test_prometheus_metrics(db_copy):
    c, _ = make_client(db_copy)
    text = c.get("/metrics").text
    for name in ("dronewatch_documents", "dronewatch_claims", "dronewatch_events", "dronewatch_alerts_sent"):
        assert f"# TYPE {name}" in text
    docs = [ln for ln in text.splitlines() if ln.startswith("dronewatch_documents ")][0]
    assert int(docs.split()[1]) >= 35


def test_claim_review_from_the_api(db_copy):
    c, tokens = make_client(db_copy)
    ev = c.get("/api/events", params={"limit": 50}).json()["items"]
    detail = c.get(f"/api/events/{ev[0]['id']}").json()
    claim_id = detail["claims"][0]["id"]
    body = {"action": "correct", "fields": {"type": "counter_drone", "country": "co"}}
    assert c.post(f"/api/claims/{claim_id}/review", json=body).status_code == 401
    assert c.post(f"/api/claims/{claim_id}/review", json=body, headers=auth(tokens["reader"])).status_code == 403
    r = c.post(f"/api/claims/{claim_id}/review", json=body, headers=auth(tokens["analyst"]))
    assert r.status_code == 201, r.text
    assert r.json()["fields"]["type"] == "counter_drone" and r.json()["fields"]["country"] == "CO"
    for bad, code in [
        ({"action": "approve"}, 422),
        ({"action": "correct", "fields": {"type": "picnic"}}, 400),
        ({"action": "reject", "outlet": "x"}, 422),
    ]:
        res = c.post(f"/api/claims/{claim_id}/review", json=bad, headers=auth(tokens["analyst"]))
        assert res.status_code == code and "error" in res.json(), (bad, res.text)
    missing = c.post("/api/claims/nope/review", json={"action": "reject"}, headers=auth(tokens["analyst"]))
    assert missing.status_code == 404 and "no claim" in missing.json()["error"]
    reviews = c.get("/api/claims/reviews", headers=auth(tokens["analyst"])).json()["reviews"]
    assert [x["action"] for x in reviews] == ["correct"] and reviews[0]["who"].startswith("api:")
    gold = c.get("/api/claims/reviews/export", headers=auth(tokens["analyst"])).text.splitlines()
    assert len(gold) == 1 and any(e["type"] == "counter_drone" for e in json.loads(gold[0])["events"])


def test_filters_are_checked_in_plain_words(db_copy):
    c, _ = make_client(db_copy)
    r = c.get("/api/events", params={"since": "2025-13-45"})
    assert r.status_code == 422 and r.json()["error"] == "since '2025-13-45' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
    assert c.get("/api/events", params={"country": "mx"}).status_code == 200


def test_unknown_parameters_and_fields_are_refused_by_name(db_copy):
    c, tokens = make_client(db_copy)
    r = c.get("/api/events", params={"search": "Culiacán"})
    assert r.status_code == 422 and "unknown query parameter(s) search" in r.json()["error"]
    assert "q" in r.json()["error"]  # ... and says which it takes
    assert c.get("/api/events", params={"q": "Culiacán"}).status_code == 200
    body = {"documents": [{"text": "A drone fell.", "outlet": "x"}]}
    r = c.post("/api/documents", json=body, headers=auth(tokens["analyst"]))
    assert r.status_code == 422 and r.json()["error"] == "unknown field 'documents.0.outlet'"
    r = c.get("/api/events", params={"limit": "many"})
    assert r.status_code == 422 and r.json()["error"] == "'limit' must be a number"


def test_security_headers(db_copy):
    c, _ = make_client(db_copy)
    for path in ("/", "/api/events", "/static/app.js"):
        h = c.get(path).headers
        assert "script-src 'self'" in h["content-security-policy"] and "frame-ancestors 'none'" in h[
            "content-security-policy"
        ]
        assert h["x-content-type-options"] == "nosniff" and h["referrer-policy"] == "no-referrer"


def test_api_filters_ignore_case_accents_and_aliases(db_copy):
    c, _ = make_client(db_copy)
    a = c.get("/api/events", params={"admin1": "Michoacán", "limit": 500}).json()["total"]
    assert a and c.get("/api/events", params={"admin1": "michoacan", "limit": 500}).json()["total"] == a
    t1 = c.get("/api/trends", params={"by": "type", "admin1": "Michoacán"}).json()["totals"]
    assert t1 and c.get("/api/trends", params={"by": "type", "admin1": "MICHOACAN"}).json()["totals"] == t1
    b = c.get("/api/events", params={"actor": "Jalisco New Generation Cartel"}).json()["total"]
    assert b and c.get("/api/events", params={"actor": "CJNG"}).json()["total"] == b


def test_export_this_view(db_copy):
    c, _ = make_client(db_copy)
    view = c.get("/api/events", params={"country": "CO", "limit": 500}).json()["total"]
    gj = c.get("/api/export/geojson", params={"country": "CO"}).json()
    assert view and len(gj["features"]) <= view and all(
        f["properties"]["country"] == "CO" for f in gj["features"]
    )
