"""The learned extractor, measured honestly: grouped cross-validation, the held-out development corpus,
and a learning curve.

    .venv/bin/python bench/learn.py [--shared ../shared/eval]

1. Grouped 5-fold cross-validation on the training corpus (``corpus/train``): folds are whole groups
   of documents that share a cluster or an outlet, thresholds chosen on the out-of-fold
   probabilities; the rules alone on the same documents for comparison.
2. The development corpus (``shared/eval/dev.jsonl``), never trained on, through the whole
   pipeline (ingest, extract with the shipped model, resolve): event F1, dedup F1, each field.
3. Learning curve: models trained on 25 %, 50 % and 100 % of the corpus (whole groups, a fixed
   draw), scored on the development corpus.

Prints ``name value unit`` lines.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

from dronewatch.evaluate import score
from dronewatch.extract.learned import default_model
from dronewatch.learn.corpus import load_corpus
from dronewatch.learn.measure import cross_validate, gold_map, groups, predict_direct
from dronewatch.learn.train import train_model
from dronewatch.predict import load_jsonl, predict

ROOT = Path(__file__).resolve().parents[1]


def say(name: str, value: float, unit: str = "") -> None:
    print(f"{name} {value:.4f} {unit}".rstrip(), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--skip-cv", action="store_true")
    args = ap.parse_args()
    docs = load_corpus([ROOT / "corpus" / "train"])
    print(f"corpus_documents {len(docs)} docs")
    thresholds = None
    if not args.skip_cv:
        t0 = time.perf_counter()
        cv = cross_validate(docs, k=5, progress=lambda m: print("#", m, file=sys.stderr, flush=True))
        print(f"cv_groups {cv['groups']} groups")
        print(f"cv_seconds {time.perf_counter() - t0:.0f} s")
        thresholds = cv["thresholds"]
        for name in ("learned", "rules"):
            r = cv[name]
            say(f"cv_{name}_f1", r["f1"])
            say(f"cv_{name}_precision", r["precision"])
            say(f"cv_{name}_recall", r["recall"])
            for lang, x in r["per_language"].items():
                say(f"cv_{name}_f1_{lang}", x["f1"])
            for t, x in r["per_type"].items():
                say(f"cv_{name}_f1_{t}", x["f1"])
    dev_path = args.shared / "dev.jsonl"
    if not dev_path.exists():
        print("dev unavailable (no shared/eval/dev.jsonl)")
        return
    shipped = default_model()
    print(f"dev_model {shipped.signature if shipped else 'rules-only'}")
    gold = load_jsonl(dev_path)
    result = score(gold, {str(d["id"]): d for d in predict(dev_path)})
    say("dev_event_f1", result["f1"])
    say("dev_event_precision", result["precision"])
    say("dev_event_recall", result["recall"])
    say("dev_dedup_f1", result["dedup"]["f1"])
    for f, v in result["fields"].items():
        say(f"dev_field_{f}", v or 0.0)
    for lang, x in result["per_language"].items():
        say(f"dev_f1_{lang}", x["f1"])
    for t, x in result["per_type"].items():
        say(f"dev_f1_{t}", x["f1"])
    dev = load_corpus([dev_path])
    gid = groups(docs)
    keys = sorted(set(gid.values()), key=lambda g: hashlib.sha256(g.encode()).hexdigest())
    for share in (0.25, 0.5, 1.0):
        keep = set(keys[: max(1, round(len(keys) * share))])
        part = [g for g in docs if gid[g.id] in keep]
        model, _ = train_model(part, thresholds=thresholds)
        s = score(gold_map(dev), predict_direct(dev, model))
        print(f"curve_{int(share * 100)}pct_documents {len(part)} docs")
        say(f"curve_{int(share * 100)}pct_dev_f1", s["f1"])


if __name__ == "__main__":
    main()
