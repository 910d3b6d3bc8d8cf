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
