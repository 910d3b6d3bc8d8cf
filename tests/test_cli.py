import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from dronewatch.cli import app

from .conftest import CORPUS, ROOT, write

runner = CliRunner()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.db"
    result = runner.invoke(app, ["ingest", str(CORPUS), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return str(path)


def test_ingest_reports_counts_and_reruns_clean(db):
    again = runner.invoke(app, ["ingest", str(CORPUS), "--db", db])
    assert again.exit_code == 0
    assert "0 new document(s)" in again.output and "already stored" in again.output


def test_bad_input_exits_1_with_one_line_per_problem_and_no_traceback(tmp_path):
    folder = tmp_path / "in"
    write(folder / "good.md", "Soldiers seized drones and explosives at a camp in Tame, Arauca.\n")
    write(folder / "bad.jsonl", '{"text": "fine line about a drone."}\n{nope\n')
    write(folder / "empty.txt", b"")
    proc = subprocess.run(
        [sys.executable, "-m", "dronewatch.cli", "ingest", str(folder), "--db", str(tmp_path / "x.db")],
        capture_output=True,
        text=True,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("error:")]
    assert any(f"{folder}/bad.jsonl:2: invalid JSON" in ln for ln in lines)
    assert any(f"{folder}/empty.txt: empty file" in ln for ln in lines)
    assert "2 new document(s)" in proc.stdout


def test_docs_filters_and_json(db):
    out = runner.invoke(app, ["docs", "--db", db, "--language", "uk", "--json"])
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert rows and all(r["language"] == "uk" for r in rows)
    out = runner.invoke(app, ["docs", "--db", db, "-q", "Calexico", "--json"])
    assert {r["outlet"] for r in map(json.loads, out.output.splitlines())} == {
        "Border Security Review",
        "Valley Sun Times",
    }
    out = runner.invoke(app, ["docs", "--db", db, "--since", "July 2025"])
    assert out.exit_code == 2 and "is not a date" in out.output


def test_doc_shows_text_and_sightings(db):
    out = runner.invoke(app, ["doc", "prisiones-ec-001", "--db", db, "--json"])
    d = json.loads(out.output)
    assert d["outlet"] == "Costa Informa" and "Los Choneros" in d["text"]
    assert d["sightings"][0]["outlet"] == "Costa Informa"
    missing = runner.invoke(app, ["doc", "nope", "--db", db])
    assert missing.exit_code == 2


def test_status_json(db):
    s = json.loads(runner.invoke(app, ["status", "--db", db, "--json"]).output)
    assert s["documents"] >= 35 and s["near_duplicates"] == 2


def test_a_bad_db_is_one_line(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_text("not a database" * 50)
    out = runner.invoke(app, ["status", "--db", str(bad)])
    assert out.exit_code == 2 and "cannot open the store" in out.output


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for cmd in app.registered_commands:
        name = cmd.name or cmd.callback.__name__
        assert f"dronewatch {name}" in readme, name
    for group in app.registered_groups:
        assert f"dronewatch {group.name}" in readme, group.name


def test_extract_then_claims(db):
    out = runner.invoke(app, ["extract", "--db", db, "--workers", "1"])
    assert out.exit_code == 0, out.output
    assert "extracted" in out.output
    again = runner.invoke(app, ["extract", "--db", db])
    assert "extracted 0 document(s)" in again.output
    rows = [
        json.loads(x)
        for x in runner.invoke(app, ["claims", "--db", db, "--json", "--limit", "500"]).output.splitlines()
    ]
    assert rows and {"type", "date", "country", "evidence", "event_id"} <= set(rows[0])
    assert any(r["type"] == "drone_attack" and r["admin1"] == "Michoacán" for r in rows)


def test_predict_and_eval_on_a_small_gold_file(tmp_path):
    gold = tmp_path / "gold.jsonl"
    docs = [
        {
            "id": "g1",
            "language": "es",
            "published": "2021-04-21",
            "text": "Dos policías resultaron heridos el lunes cuando un dron lanzó explosivos sobre su patrulla "
            "en el municipio de Aguililla, Michoacán. Las autoridades atribuyeron el ataque al CJNG.",
            "events": [
                {
                    "type": "drone_attack",
                    "date": "2021-04-19",
                    "country": "MX",
                    "admin1": "Michoacán",
                    "place": "Aguililla",
                    "actor": "Jalisco New Generation Cartel",
                    "target": "police",
                    "drone_type": "unknown",
                    "payload": "explosive",
                    "killed": None,
                    "injured": 2,
                    "evidence": "x",
                }
            ],
        },
        {
            "id": "g2",
            "language": "en",
            "published": "2025-05-06",
            "text": "A retail chain expanded its drone delivery service to more homes near Dallas.",
            "events": [],
        },
    ]
    gold.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    out = runner.invoke(app, ["predict", str(gold)])
    assert out.exit_code == 0, out.output
    lines = [json.loads(x) for x in out.output.splitlines()]
    assert [x["id"] for x in lines] == ["g1", "g2"]
    (ev,) = lines[0]["events"]
    assert (ev["type"], ev["date"], ev["admin1"], ev["injured"]) == (
        "drone_attack",
        "2021-04-19",
        "Michoacán",
        2,
    )
    assert lines[1]["events"] == []
    pred = tmp_path / "pred.jsonl"
    pred.write_text(out.output, encoding="utf-8")
    scored = json.loads(runner.invoke(app, ["eval", str(gold), "--pred", str(pred), "--json"]).output)
    assert scored["f1"] == 1.0 and scored["fields"]["actor"] == 1.0
    missing = runner.invoke(app, ["eval", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 2 and "no such file" in missing.output


def test_process_events_event_trend_and_actors(db):
    out = runner.invoke(app, ["process", "--db", db, "--workers", "1"])
    assert out.exit_code == 0, out.output
    assert "event(s)" in out.output
    rows = [
        json.loads(x)
        for x in runner.invoke(app, ["events", "--db", db, "--format", "json"]).output.splitlines()
    ]
    assert rows and all({"id", "grade", "independent_sources"} <= set(r) for r in rows)
    amalfi = [r for r in rows if r["admin1"] == "Antioquia"]
    assert amalfi and amalfi[0]["sources"] == 2 and amalfi[0]["killed"] == 13
    csv_out = runner.invoke(app, ["events", "--db", db, "--format", "csv", "--country", "CO"]).output
    assert csv_out.splitlines()[0].startswith("id,") and len(csv_out.splitlines()) > 2
    detail = json.loads(runner.invoke(app, ["event", amalfi[0]["id"][:10], "--db", db, "--json"]).output)
    assert len(detail["claims"]) == 2 and detail["fields"]["killed"]["value"] == 13
    shown = runner.invoke(app, ["event", amalfi[0]["id"], "--db", db]).output
    assert "Crónica del Cauca" in shown and "Andes Dispatch" in shown
    bad = runner.invoke(app, ["events", "--db", db, "--since", "last year"])
    assert bad.exit_code == 2
    tr = [
        json.loads(x)
        for x in runner.invoke(app, ["trend", "--db", db, "--by", "country", "--json"]).output.splitlines()
    ]
    assert {"period", "country", "count", "previous", "change"} <= set(tr[0])
    assert runner.invoke(app, ["trend", "--db", db, "--by", "colour"]).exit_code == 2
    acts = [json.loads(x) for x in runner.invoke(app, ["actors", "--db", db, "--json"]).output.splitlines()]
    assert acts[0]["events"] >= acts[-1]["events"]
    one = json.loads(runner.invoke(app, ["actor", "CJNG", "--db", db, "--json"]).output)
    assert one["name"] == "Jalisco New Generation Cartel" and one["events"] >= 1
    assert runner.invoke(app, ["actor", "Nobody At All", "--db", db]).exit_code == 2


def test_actor_decisions_from_the_cli(db):
    runner.invoke(app, ["process", "--db", db, "--workers", "1"])
    out = runner.invoke(app, ["actors", "merge", "FARC dissidents", "FARC", "--db", db])
    assert out.exit_code == 0 and "kept" in out.output
    one = json.loads(runner.invoke(app, ["actor", "FARC", "--db", db, "--json"]).output)
    assert one["name"] == "FARC dissidents" and "FARC" in one["aliases"]
    runner.invoke(app, ["actors", "rename", "FARC dissidents", "FARC-EP dissidents", "--db", db])
    names = {
        r["actor"]
        for r in map(
            json.loads, runner.invoke(app, ["events", "--db", db, "--format", "json"]).output.splitlines()
        )
    }
    assert "FARC-EP dissidents" in names and "FARC dissidents" not in names


def test_backup_copies_a_store_in_use(db, tmp_path):
    out = tmp_path / "backup.db"
    r = runner.invoke(app, ["backup", str(out), "--db", db])
    assert r.exit_code == 0, r.output
    copy = json.loads(runner.invoke(app, ["status", "--db", str(out), "--json"]).output)
    assert (
        copy["documents"]
        == json.loads(runner.invoke(app, ["status", "--db", db, "--json"]).output)["documents"]
    )


def test_event_filters_are_checked_like_the_api(db):
    for args, needle in [
        (["--type", "attack"], "type 'attack' is not one of"),
        (["--sort", "bogus"], "sort 'bogus' is not one of"),
        (["--since", "2025-13-45"], "since '2025-13-45' is not a date"),
        (["--country", "Mexico"], "ISO 3166-1"),
    ]:
        out = runner.invoke(app, ["events", "--db", db, *args])
        assert out.exit_code == 2 and needle in out.output and "Traceback" not in out.output, (args, out.output)
    assert runner.invoke(app, ["events", "--db", db, "--country", "mx", "--since", "2021-04"]).exit_code == 0


def test_a_read_on_a_store_that_does_not_exist_says_so_and_creates_nothing(tmp_path):
    missing = tmp_path / "nowhere" / "none.db"
    for cmd in (["events"], ["status"], ["claims"], ["actors"], ["export", "--format", "csv"]):
        out = runner.invoke(app, [*cmd, "--db", str(missing)])
        assert out.exit_code == 2 and "no store at" in out.output, (cmd, out.output)
    assert not missing.exists() and not missing.parent.exists()


def test_a_javascript_url_never_reaches_the_store(tmp_path):
    src = write(
        tmp_path / "x.jsonl",
        json.dumps({"id": "a", "text": "Un dron cayó en Culiacán el lunes, según la policía local." * 3,
                    "url": "javascript:fetch('/api/tokens')"}) + "\n",
    )
    db = str(tmp_path / "x.db")
    assert runner.invoke(app, ["ingest", str(src), "--db", db]).exit_code == 0
    docs = [json.loads(x) for x in runner.invoke(app, ["docs", "--db", db, "--json"]).output.splitlines()]
    assert docs and all(d.get("url") is None for d in docs)


def test_tokens_are_listed_and_revoked(db):
    from dronewatch.serve.auth import role_of
    from dronewatch.store import Store

    token = runner.invoke(app, ["token", "create", "--role", "analyst", "--name", "desk 3", "--db", db]).output.strip()
    listed = runner.invoke(app, ["token", "list", "--db", db]).output
    assert "desk 3" in listed and "analyst" in listed and token not in listed
    store = Store(f"sqlite:///{db}")
    assert role_of(store, token) == "analyst"
    from dronewatch.serve.auth import list_tokens

    (tid,) = [t["id"] for t in list_tokens(store) if t["name"] == "desk 3"]
    assert runner.invoke(app, ["token", "revoke", tid, "--db", db]).exit_code == 0
    assert role_of(store, token) is None
    out = runner.invoke(app, ["token", "revoke", tid, "--db", db])
    assert out.exit_code == 2 and "no token with id" in out.output


def test_actor_decisions_refuse_unknown_actors_and_kinds_and_are_listed(db):
    runner.invoke(app, ["process", "--db", db, "--workers", "1"])
    out = runner.invoke(app, ["actors", "merge", "FARC dissidents", "FARK", "--db", db])
    assert out.exit_code == 2 and "no actor 'FARK'" in out.output
    out = runner.invoke(app, ["actors", "confirm", "CJNG", "--kind", "picnic club", "--db", db])
    assert out.exit_code == 2 and "kind 'picnic club' is not one of" in out.output
    assert runner.invoke(app, ["actors", "merge", "FARC dissidents", "FARC", "--db", db]).exit_code == 0
    listed = runner.invoke(app, ["actors", "decisions", "--db", db]).output
    assert "merge" in listed and "FARC dissidents" in listed and "FARK" not in listed


def test_filters_ignore_case_accents_and_aliases(db):
    runner.invoke(app, ["process", "--db", db, "--workers", "1"])

    def ids(*args):
        out = runner.invoke(app, ["events", "--db", db, "--format", "json", "--limit", "1000", *args])
        assert out.exit_code == 0, out.output
        return {json.loads(x)["id"] for x in out.output.splitlines()}

    michoacan = ids("--admin1", "Michoacán")
    assert michoacan and ids("--admin1", "michoacan") == michoacan == ids("--admin1", "MICHOACAN")
    cjng = ids("--actor", "Jalisco New Generation Cartel")
    assert cjng and ids("--actor", "CJNG") == cjng == ids("--actor", "cártel jalisco nueva generación")
    culiacan = ids("--search", "Culiacán")
    assert culiacan and ids("--search", "culiacan") == culiacan
    assert ids("--search", "%") == set()  # no wildcard turns into "everything"


def test_partial_dates_filter_symmetrically(db):
    runner.invoke(app, ["process", "--db", db, "--workers", "1"])
    rows = [
        json.loads(x)
        for x in runner.invoke(app, ["events", "--db", db, "--format", "json", "--limit", "1000"]).output.splitlines()
    ]
    year_only = [r for r in rows if r["date"] and len(r["date"]) == 4]
    assert year_only, "the example corpus has events dated only to a year"
    y = year_only[0]["date"]

    def ids(*args):
        out = runner.invoke(app, ["events", "--db", db, "--format", "json", "--limit", "1000", *args]).output
        return {json.loads(x)["id"] for x in out.splitlines()}

    mid = f"{y}-07"
    assert year_only[0]["id"] in ids("--since", mid) and year_only[0]["id"] in ids("--until", mid)
    assert year_only[0]["id"] not in ids("--since", f"{int(y) + 1}")


def test_exports_take_the_events_filters(db):
    import csv as csvmod
    import io

    runner.invoke(app, ["process", "--db", db, "--workers", "1"])
    everything = list(csvmod.DictReader(io.StringIO(runner.invoke(app, ["export", "--format", "csv", "--db", db]).output)))
    co = list(
        csvmod.DictReader(
            io.StringIO(runner.invoke(app, ["export", "--format", "csv", "--country", "co", "--db", db]).output)
        )
    )
    assert co and len(co) < len(everything) and {r["country"] for r in co} == {"Colombia"}
    bad = runner.invoke(app, ["export", "--format", "csv", "--since", "2025-13", "--db", db])
    assert bad.exit_code == 2 and "not a date" in bad.output
