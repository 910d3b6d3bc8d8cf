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
        # real sentences, with their figures varied so that only true copies are near-duplicates
        sents = [
            re.sub(r"\d+", lambda m: str(rnd.randint(1, 999)), rnd.choice(pools[lang])) for _ in range(k)
        ]
        sents += [rnd.choice(FILLER.get(lang, FILLER["en"])) for _ in range(rnd.randint(1, 4))]
        rnd.shuffle(sents)
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


# Everyday news for the irrelevant majority of a real feed, written for this benchmark.
FILLER = {
    "en": [
        "The city council approved a new budget for road repairs on Tuesday.",
        "Heavy rain is expected across the region over the weekend, forecasters said.",
        "The central bank kept interest rates unchanged at its monthly meeting.",
        "The home team won the final two goals to one in front of a full stadium.",
        "A new museum of local history opened its doors to visitors this week.",
        "Farmers say the price of fertiliser has doubled since last year.",
        "The school board will vote on the new calendar next month.",
        "Tourism rose by eight percent in the first half of the year.",
        "A photographer used a drone to film the festival from above.",
        "Traffic on the main highway was slowed by roadworks near the airport.",
    ],
    "es": [
        "El ayuntamiento aprobó el presupuesto para reparar calles y banquetas.",
        "Se esperan lluvias intensas en la región durante el fin de semana.",
        "El banco central mantuvo sin cambios la tasa de interés.",
        "El equipo local ganó la final dos goles a uno ante un estadio lleno.",
        "Un nuevo museo de historia regional abrió sus puertas al público.",
        "Los productores de aguacate reportaron una buena cosecha este año.",
        "La feria del libro recibió a miles de visitantes el domingo.",
        "El turismo creció ocho por ciento en el primer semestre.",
        "Una empresa presentó drones agrícolas para fumigar cultivos de maíz.",
        "El tránsito en la autopista se complicó por obras cerca del aeropuerto.",
    ],
    "uk": [
        "Міська рада ухвалила бюджет на ремонт доріг.",
        "Синоптики прогнозують сильні дощі у вихідні.",
        "Національний банк залишив облікову ставку без змін.",
        "Місцева команда виграла фінал з рахунком два один.",
        "У місті відкрився новий музей історії краю.",
        "Фермери кажуть, що ціна добрив зросла вдвічі.",
    ],
    "ru": [
        "Городской совет утвердил бюджет на ремонт дорог.",
        "Синоптики обещают сильные дожди в выходные.",
        "Центральный банк сохранил ключевую ставку.",
        "Местная команда выиграла финал со счетом два один.",
        "В городе открылся новый музей истории края.",
        "Фермеры говорят, что цена удобрений выросла вдвое.",
    ],
}


def generate_feed(n: int, seed: int = 2, relevant_share: float = 0.2) -> list[dict[str, str]]:
    """A feed-like mix: mostly everyday news, a fifth about drone use by armed groups."""
    rnd = random.Random(seed)
    relevant = generate(max(1, int(n * relevant_share)), seed)
    out: list[dict[str, str]] = []
    for i in range(n):
        if rnd.random() < relevant_share:
            d = dict(rnd.choice(relevant))
        else:
            lang = rnd.choices(["en", "es", "uk", "ru"], [4, 4, 1, 1])[0]
            k = rnd.choice([3, 5, 8, 12, 20])
            d = {
                "title": "News",
                "published": f"20{rnd.randint(20, 25)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
                "text": " ".join(rnd.choice(FILLER[lang]) for _ in range(k)),
                "language": lang,
            }
        d["id"] = f"feed-{i}"
        out.append(d)
    return out
