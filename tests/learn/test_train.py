"""Training is deterministic, the model file is checked on load, and folds never split a story or an outlet."""

import json
from pathlib import Path

import numpy as np
import pytest

from dronewatch.errors import InputError
from dronewatch.extract.learned import ModelError, load_model_file
from dronewatch.extract.pipeline import RULES_ONLY, extract_document, extractor_version
from dronewatch.learn.corpus import corpus_hash, load_corpus
from dronewatch.learn.measure import folds, groups
from dronewatch.learn.train import train_model

from ..conftest import ROOT

CORPUS = ROOT / "corpus" / "train"


@pytest.fixture(scope="module")
def small():
    docs = load_corpus([CORPUS])
    # a slice of every language, so each head sees both classes
    by_lang: dict[str, list] = {}
    for g in docs:
        by_lang.setdefault(g.language, []).append(g)
    return [g for lang in sorted(by_lang) for g in by_lang[lang][:12]]


def test_the_same_corpus_gives_the_same_model(small, tmp_path):
    a, _ = train_model(small)
    b, _ = train_model(list(reversed(small)))
    assert a.data_hash == b.data_hash == corpus_hash(small)
    assert np.array_equal(a.weights, b.weights) and a.model_hash == b.model_hash
    a.save(tmp_path / "a")
    b.save(tmp_path / "b")
    assert (tmp_path / "a" / "sentences.npz").read_bytes() == (tmp_path / "b" / "sentences.npz").read_bytes()
    loaded = load_model_file(tmp_path / "a")
    assert loaded.model_hash == json.loads((tmp_path / "a" / "sentences.json").read_text())["model_hash"]


def test_changing_the_data_changes_the_model_and_the_claims_extractor(small):
    a, _ = train_model(small)
    b, _ = train_model(small[:-3])
    assert a.data_hash != b.data_hash and a.signature != b.signature
    doc = next(g.doc for g in small if g.events)
    va, vb = extract_document(doc, a).extractor, extract_document(doc, b).extractor
    assert va != vb and a.data_hash[:10] in va and a.model_hash[:10] in va
    assert extract_document(doc, RULES_ONLY).extractor.endswith("+rules-only")
    assert extractor_version(a) == va


def test_a_damaged_model_file_is_refused(small, tmp_path):
    m, _ = train_model(small)
    m.save(tmp_path)
    manifest = json.loads((tmp_path / "sentences.json").read_text())
    manifest["model_hash"] = "0" * 12
    (tmp_path / "sentences.json").write_text(json.dumps(manifest))
    with pytest.raises(ModelError, match="do not match"):
        load_model_file(tmp_path)
    (tmp_path / "sentences.npz").write_bytes(b"not a model")
    with pytest.raises(ModelError):
        load_model_file(tmp_path)


def test_folds_keep_clusters_and_outlets_whole():
    docs = load_corpus([CORPUS])
    parts = folds(docs, 5)
    assert sorted(g.id for p in parts for g in p) == sorted(g.id for g in docs)
    fold_of = {g.id: i for i, p in enumerate(parts) for g in p}
    by_cluster: dict[str, set[int]] = {}
    by_outlet: dict[str, set[int]] = {}
    for g in docs:
        if g.cluster:
            by_cluster.setdefault(g.cluster, set()).add(fold_of[g.id])
        by_outlet.setdefault(" ".join(g.source.lower().replace("(", " ").split()[:2]), set()).add(fold_of[g.id])
    assert all(len(f) == 1 for f in by_cluster.values())
    assert all(len(f) == 1 for f in by_outlet.values())
    sizes = [len(p) for p in parts]
    assert max(sizes) - min(sizes) <= max(10, len(docs) // 10)  # balanced
    assert len(set(groups(docs).values())) > 20


def test_a_bad_corpus_line_names_the_file_and_line(tmp_path: Path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a-1", "text": "x", "language": "en", "events": []}\n{"id": \n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl:2"):
        load_corpus([bad])
    wrong = tmp_path / "wrong.jsonl"
    wrong.write_text('{"id": "a-1", "text": "x", "language": "en", "events": [{"type": "picnic"}]}\n')
    with pytest.raises(InputError, match="known type"):
        load_corpus([wrong])
