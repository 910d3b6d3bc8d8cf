import json
import subprocess
import sys

from dronewatch.evaluate import date_exact, dates_compatible, score

from .conftest import SHARED_EVAL


def test_date_rules():
    assert dates_compatible("2025-07", "2025-07-14") and dates_compatible("2025-07-01", "2025-07-08")
    assert not dates_compatible("2025-07-01", "2025-07-09") and not dates_compatible("2024", "2025-01")
    assert date_exact("2025-07", "2025-07-14") and not date_exact("2025-07-14", "2025-07")


def test_agrees_with_the_shared_scorer(tmp_path):
    """Our scorer and shared/eval/score.py give the same figures on the same files."""
    gold = SHARED_EVAL / "dev.jsonl"
    docs = {json.loads(x)["id"]: json.loads(x) for x in gold.read_text(encoding="utf-8").splitlines()}
    # a crude prediction: the gold itself with every second event dropped and one field changed
    pred = {}
    for k, d in docs.items():
        evs = [dict(e, event_id=f"{k}-{i}") for i, e in enumerate(d["events"]) if i % 2 == 0]
        for e in evs[:1]:
            e["actor"] = None
        pred[k] = {"id": k, "events": evs}
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text("\n".join(json.dumps(p) for p in pred.values()), encoding="utf-8")
    theirs = json.loads(
        subprocess.run(
            [sys.executable, str(SHARED_EVAL / "score.py"), str(gold), str(pred_path), "--json"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    ours = score(docs, pred)
    for key in ("precision", "recall", "f1"):
        assert ours[key] == theirs[key]
    assert ours["fields"] == theirs["fields"]
    assert ours["dedup"]["f1"] == theirs["dedup"]["f1"]
