"""A generated corpus for benchmarks: realistic mixes of the example corpus' sentences.

Documents are shuffles of real sentences from ``examples/corpus`` (all four
languages), of varied length, with a share of lightly edited syndicated
copies, so language id, shingling and the near-duplicate lookup do real work.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"


def corpus_sentences() -> dict[str, list[str]]:
    """Sentences of the example corpus, grouped by the language its files declare or imply."""
    from dronewatch.config import IngestSettings
    from dronewatch.ingest.pipeline import expand_paths, read_file
    from dronewatch.ingest.readers import RawDocument

    by_lang: dict[str, list[str]] = {}
    files, _, _ = expand_paths([CORPUS])
    for f in files:
        for item in read_file(f, IngestSettings()):
            if not isinstance(item, RawDocument):
                continue
            lang = item.language or ("es" if re.search(r"[ñáéíóú]", item.text) else "en")
            if re.search(r"[а-яіїєґ]", item.text, re.I):
                lang = "uk" if re.search(r"[іїєґ]", item.text) else "ru"
            sents = [s.strip() for s in re.split(r"(?<=[.!?])\s+", item.text) if len(s.split()) > 4]
            by_lang.setdefault(lang, []).extend(sents)
    return by_lang


def generate(n: int, seed: int = 1) -> list[dict[str, str]]:
    rnd = random.Random(seed)
    pools = corpus_sentences()
    langs = sorted(pools)
    weights = [{"en": 4, "es": 4, "uk": 1, "ru": 1}.get(lang, 1) for lang in langs]
    docs: list[dict[str, str]] = []
    for i in range(n):
        if docs and rnd.random() < 0.05:  # a syndicated copy of an earlier document, lightly edited
            src = rnd.choice(docs)
            words = src["text"].split()
            for _ in range(max(1, len(words) // 40)):
                words[rnd.randrange(len(words))] = rnd.choice(["reportedly", "officials", "según", "также"])
            docs.append({**src, "id": f"gen-{i}", "text": " ".join(words), "source": "Syndicator"})
            continue
        lang = rnd.choices(langs, weights)[0]
        k = rnd.choice([3, 5, 8, 12, 20, 30])
        sents = [rnd.choice(pools[lang]) for _ in range(k)]
        sents.insert(0, f"Report {i} of {rnd.randint(1, 10**9)}.")
        docs.append(
            {
                "id": f"gen-{i}",
                "title": sents[1][:80],
                "source": rnd.choice(["Reuters", "Infobae", "El Tiempo", "Kyiv Independent", "Local Blog"]),
                "published": f"20{rnd.randint(20, 25)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
                "text": " ".join(sents),
            }
        )
    return docs


def write_corpus(folder: Path, n: int, seed: int = 1) -> Path:
    """Write ``n`` documents as JSONL files of 1,000 lines each and return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    docs = generate(n, seed)
    for start in range(0, n, 1000):
        with (folder / f"part-{start // 1000:04d}.jsonl").open("w", encoding="utf-8") as fh:
            for d in docs[start : start + 1000]:
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    return folder
