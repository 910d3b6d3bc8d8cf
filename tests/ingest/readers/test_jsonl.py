import json
from datetime import date

from dronewatch.errors import InputError
from dronewatch.ingest.readers import RawDocument
from dronewatch.ingest.readers.jsonl import read_jsonl

from ...conftest import SHARED_EVAL


def test_the_eval_schema_loads_as_is():
    path = SHARED_EVAL / "dev.jsonl"
    items = list(read_jsonl(str(path), path.read_bytes()))
    assert all(isinstance(i, RawDocument) for i in items)
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert items[0].external_id == first["id"]
    assert items[0].outlet == first["source"]
    assert items[0].published == date.fromisoformat(first["published"])
    assert items[0].origin == f"{path}:1"


def test_bad_lines_are_reported_by_number_and_good_lines_kept():
    lines = [
        json.dumps({"id": "a", "text": "Drones over the prison."}),
        '{"id": "b", "text": "broken',
        "[1, 2]",
        json.dumps({"id": "c"}),
        json.dumps({"id": "d", "text": "ok", "published": "not a date"}),
        "",
        json.dumps({"id": "e", "text": "Second good document."}),
    ]
    items = list(read_jsonl("in.jsonl", "\n".join(lines).encode()))
    good = [i.external_id for i in items if isinstance(i, RawDocument)]
    bad = {i.line: i.reason for i in items if isinstance(i, InputError)}
    assert good == ["a", "e"]
    assert set(bad) == {2, 3, 4, 5}
    assert "invalid JSON" in bad[2] and "JSON object" in bad[3] and "'text'" in bad[4]
    assert "date" in bad[5]
