"""Analysts' decisions on claims: they change what every view shows, survive re-runs and become gold."""

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from dronewatch.cli import app
from dronewatch.corrections import CorrectionError, clean_fields
from dronewatch.learn.corpus import load_corpus

from .conftest import CORPUS, SHARED_EVAL

runner = CliRunner()


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "review.db")
    assert runner.invoke(app, ["ingest", str(CORPUS), "--db", path]).exit_code == 0
    assert runner.invoke(app, ["process", "--db", path, "--workers", "1"]).exit_code == 0
    return path


def _claims(db):
    out = runner.invoke(app, ["claims", "--db", db, "--json", "--limit", "1000"]).output
    return [json.loads(x) for x in out.splitlines()]


def _events(db):
    out = runner.invoke(app, ["events", "--db", db, "--format", "json", "--limit", "1000"]).output
    return [json.loads(x) for x in out.splitlines()]


def test_claims_json_gives_the_real_event_id(db):
    events = {e["id"] for e in _events(db)}
    claims = _claims(db)
    assert claims and all(c["event_id"] in events for c in claims)


def test_reject_removes_a_claim_from_every_view_and_correct_changes_its_type(db, tmp_path):
    claims = _claims(db)
    # an event that rests on one claim alone: rejecting it removes the event
    per_event: dict[str, list[dict]] = {}
    for c in claims:
        per_event.setdefault(c["event_id"], []).append(c)
    lone = next(cs[0] for cs in per_event.values() if len(cs) == 1)
    before = {e["id"] for e in _events(db)}
    out = runner.invoke(app, ["claim", "reject", lone["claim_id"], "--db", db])
    assert out.exit_code == 0, out.output
    after = {e["id"] for e in _events(db)}
    assert lone["event_id"] in before and lone["event_id"] not in after

    other = next(cs[0] for eid, cs in per_event.items() if len(cs) == 1 and cs[0] is not lone)
    new_type = "drone_seizure" if other["type"] != "drone_seizure" else "counter_drone"
    out = runner.invoke(app, ["claim", "correct", other["claim_id"], f"type={new_type}", "killed=0", "--db", db])
    assert out.exit_code == 0, out.output
    now = {c["claim_id"]: c for c in _claims(db)}[other["claim_id"]]
    assert now["type"] == other["type"]  # the claim as extracted is kept, apart from the decision
    event = {e["id"]: e for e in _events(db)}[now["event_id"]]
    assert event["type"] == new_type and event["killed"] == 0  # ... and the event shows the decision

    # a full re-run keeps the decisions
    assert runner.invoke(app, ["process", "--db", db, "--full", "--workers", "1"]).exit_code == 0
    assert lone["event_id"] not in {e["id"] for e in _events(db)}

    listed = [json.loads(x) for x in runner.invoke(app, ["claim", "list", "--db", db, "--json"]).output.splitlines()]
    assert [r["action"] for r in listed] == ["reject", "correct"] and listed[1]["fields"]["type"] == new_type

    # the reviewed documents export as gold that the shared validator accepts and training reads
    gold = tmp_path / "reviewed.jsonl"
    out = runner.invoke(app, ["claim", "export", str(gold), "--db", db])
    assert out.exit_code == 0 and "reviewed document" in out.output
    docs = [json.loads(x) for x in gold.read_text(encoding="utf-8").splitlines()]
    assert {d["text"].find(lone["evidence"]) >= 0 for d in docs} >= {True}
    for d in docs:
        assert all(e["evidence"] in d["text"] for e in d["events"])
    rejected = [d for d in docs if lone["evidence"] in d["text"]][0]
    assert not any(e["evidence"] == lone["evidence"] and e["type"] == lone["type"] for e in rejected["events"])
    assert any(e["type"] == new_type for d in docs for e in d["events"])
    validator = SHARED_EVAL / "validate.py"
    assert validator.is_file(), f"the shared validator is needed beside the checkout ({validator})"
    res = subprocess.run([sys.executable, str(validator), str(gold)], capture_output=True, text=True)
    assert "RESULT: OK" in res.stdout, res.stdout[-2000:]
    loaded = load_corpus([gold])
    assert len(loaded) == len(docs) and all(g.events is not None for g in loaded)


def test_bad_decisions_are_one_clear_line(db):
    claim = _claims(db)[0]["claim_id"]
    for args, needle in [
        (["claim", "reject", "ffffffff"], "no claim"),
        (["claim", "correct", claim, "type=picnic"], "type 'picnic' is not one of"),
        (["claim", "correct", claim, "colour=red"], "unknown field"),
        (["claim", "correct", claim, "country=Mexico"], "ISO 3166-1"),
        (["claim", "correct", claim, "date=2025-13-45"], "not YYYY"),
        (["claim", "correct", claim, "killed"], "FIELD=VALUE"),
    ]:
        out = runner.invoke(app, [*args, "--db", db])
        assert out.exit_code == 2, (args, out.output)
        assert needle in out.output and "Traceback" not in out.output, out.output
    assert runner.invoke(app, ["claim", "list", "--db", db, "--json"]).output.strip() == ""


def test_clean_fields_canonicalises():
    assert clean_fields({"country": "mx", "killed": "3", "actor": "  CJNG  "}) == {
        "country": "MX",
        "killed": 3,
        "actor": "CJNG",
    }
    with pytest.raises(CorrectionError):
        clean_fields({"injured": -1})
