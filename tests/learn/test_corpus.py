"""The training corpus in the repository: what the extraction issue asks of it, checked on every run."""

import json
import subprocess
import sys
from collections import Counter

import pytest

from ..conftest import ROOT, SHARED_EVAL

PARTS = sorted((ROOT / "corpus" / "train").rglob("*.jsonl"))


def _docs():
    return [json.loads(line) for p in PARTS for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_size_languages_negatives_and_clusters():
    docs = _docs()
    langs = Counter(d["language"] for d in docs)
    assert len(docs) >= 600
    assert langs["es"] >= 120 and langs["en"] >= 120
    assert langs["pt"] >= 60 and langs["uk"] >= 60 and langs["ru"] >= 60 and langs["fr"] >= 30
    assert sum(1 for d in docs if not d["events"]) >= len(docs) / 3
    assert sum(1 for d in docs if d.get("cluster")) >= 100
    assert all(d["url"] and d["url"].startswith("http") for d in docs)  # each retells a real report
    countries = {e["country"] for d in docs for e in d["events"]}
    assert {"GB", "IE", "CA", "ES", "FR", "PT", "US"} <= countries  # events in Europe and North America too


def test_no_development_document_is_in_it():
    dev_path = SHARED_EVAL / "dev.jsonl"
    assert dev_path.is_file(), f"the development corpus is needed beside the checkout ({dev_path})"
    dev = [json.loads(x) for x in dev_path.read_text(encoding="utf-8").splitlines() if x.strip()]
    train_texts = {d["text"] for d in _docs()}
    dev_sentences = {s.strip() for d in dev for s in d["text"].split(".") if len(s.strip()) > 60}
    train_sentences = {s.strip() for t in train_texts for s in t.split(".") if len(s.strip()) > 60}
    assert not {d["text"] for d in dev} & train_texts
    assert len(dev_sentences & train_sentences) == 0


@pytest.mark.parametrize("part", PARTS, ids=lambda p: p.name)
def test_every_part_is_valid_gold(part):
    validator = SHARED_EVAL / "validate.py"
    assert validator.is_file(), f"the shared validator is needed beside the checkout ({validator})"
    res = subprocess.run([sys.executable, str(validator), str(part)], capture_output=True, text=True)
    assert "RESULT: OK" in res.stdout, res.stdout[-3000:]
