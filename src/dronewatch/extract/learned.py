"""The learned decisions: is a candidate sentence an event the report asserts, of which type(s), background or not.

Rules propose candidate sentences and fill slots; this model decides. It is a
set of logistic heads over hashed sentence features (``features.py``), one
file in ``data/models/``, rebuilt by ``dronewatch train`` from the training
corpus. Scoring is a gather and a sum in NumPy: no encoder to start, no
network, the same answer on every machine.

Heads:
- ``event``: the sentence states an in-scope event as fact (not hypothetical,
  negated, habitual, out of scope, or a caption repeating the headline);
- one per event type: the type(s) it states;
- ``background``: the event is background to the report (earlier, elsewhere).

When the model file is missing or unreadable the extractor falls back to the
rules alone and says so in every claim's ``extractor``.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Protocol

import numpy as np

from ..errors import ConfigError
from ..model import EventType
from .features import DIM, FEATURES_VERSION, sentence_features
from .frames import Context
from .text import Sentence

MODEL_NAME = "sentences"
MODEL_VERSION = "dronewatch.sentences.v1"
TYPE_HEADS = [t.value for t in EventType]
HEADS = ["event", *TYPE_HEADS, "background"]


class TypeClassifier(Protocol):
    """What the extractor asks of any sentence classifier, learned or not."""

    name: str

    def score(self, indices: list[int], values: list[float]) -> dict[str, float]: ...


@dataclass
class SentenceModel:
    """Weights ``[DIM, heads]`` and a bias per head, thresholds, and where they came from."""

    weights: np.ndarray
    bias: np.ndarray
    heads: list[str]
    thresholds: dict[str, float]
    data_hash: str
    meta: dict[str, object] = field(default_factory=dict)
    name: str = MODEL_VERSION

    @cached_property
    def _weights_hash(self) -> str:
        # the weights do not change once a model is made; hashing 11 MB per document would
        h = hashlib.sha256()
        h.update(np.ascontiguousarray(self.weights).tobytes())
        h.update(np.ascontiguousarray(self.bias).tobytes())
        return h.hexdigest()

    @property
    def model_hash(self) -> str:
        h = hashlib.sha256(self._weights_hash.encode())
        h.update(json.dumps(self.thresholds, sort_keys=True).encode())
        return h.hexdigest()[:12]

    @property
    def signature(self) -> str:
        """Names the model and the data it learned from, for the claim's ``extractor``."""
        short = self.name.removeprefix("dronewatch.")
        features = FEATURES_VERSION.removeprefix("dronewatch.")
        return f"{short}/{features}@data={self.data_hash[:10]},model={self.model_hash[:10]}"

    def score(self, indices: list[int], values: list[float]) -> dict[str, float]:
        z = np.asarray(values, dtype=np.float32) @ self.weights[indices] + self.bias
        p = 1.0 / (1.0 + np.exp(-z))
        return {h: float(x) for h, x in zip(self.heads, p, strict=True)}

    def probs(self, ctx: Context, sent: Sentence, cues: list[str]) -> dict[str, float]:
        """Every head's probability for one candidate sentence in its document."""
        idx, val = sentence_features(ctx, sent, cues)
        return self.score(idx, val)

    def decide(self, probs: dict[str, float], rule_types: list[str]) -> list[str]:
        """The event types a candidate sentence states, best first; empty when it states none.

        The rules' type stands unless the model is confident it is wrong (a
        hypothetical, a strike between states, a caption); a type the rules
        missed is added where the model is confident it is there.
        """
        th = self.thresholds
        out: list[str] = []
        for t in rule_types[:1]:
            if probs["event"] >= th["keep_event"] and probs[t] >= th["keep_type"]:
                out.append(t)
        if probs["event"] >= th["add_event"]:
            for t in sorted(TYPE_HEADS, key=lambda x: -probs[x]):
                if t not in out and probs[t] >= th["add_type"] and len(out) < 2:
                    out.append(t)
        return out

    def save(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{MODEL_NAME}.npz"
        # float16 halves the file; scores move by far less than any threshold margin
        np.savez_compressed(path, weights=self.weights.astype(np.float16), bias=self.bias.astype(np.float32))
        manifest = {
            "version": self.name,
            "features": FEATURES_VERSION,
            "dim": DIM,
            "heads": self.heads,
            "thresholds": self.thresholds,
            "data_hash": self.data_hash,
            **self.meta,
        }
        # the hash is of the weights as stored (float16), so a loaded model reports the same one
        stored = SentenceModel(
            self.weights.astype(np.float16).astype(np.float32),
            self.bias.astype(np.float32),
            self.heads,
            self.thresholds,
            self.data_hash,
            self.meta,
            self.name,
        )
        manifest["model_hash"] = stored.model_hash
        (folder / f"{MODEL_NAME}.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
        return path


class ModelError(ConfigError):
    """The model file is there but unusable (wrong version, shape or hash)."""


def load_model_file(folder: Path) -> SentenceModel:
    npz, man = folder / f"{MODEL_NAME}.npz", folder / f"{MODEL_NAME}.json"
    try:
        manifest = json.loads(man.read_text(encoding="utf-8"))
        with np.load(npz) as z:
            weights = z["weights"].astype(np.float32)
            bias = z["bias"].astype(np.float32)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"{folder}: cannot read {MODEL_NAME} model ({exc})") from exc
    if manifest.get("features") != FEATURES_VERSION or manifest.get("dim") != DIM:
        raise ModelError(f"{man}: made for {manifest.get('features')}, this is {FEATURES_VERSION}")
    if list(manifest.get("heads", [])) != HEADS or weights.shape != (DIM, len(HEADS)):
        raise ModelError(f"{man}: heads or shape do not match this version")
    meta = {
        k: v
        for k, v in manifest.items()
        if k not in {"version", "features", "dim", "heads", "thresholds", "data_hash", "model_hash"}
    }
    model = SentenceModel(
        weights,
        bias,
        list(manifest["heads"]),
        dict(manifest["thresholds"]),
        str(manifest["data_hash"]),
        meta,
        str(manifest.get("version", MODEL_VERSION)),
    )
    if manifest.get("model_hash") and manifest["model_hash"] != model.model_hash:
        raise ModelError(f"{npz}: weights do not match the hash in {man.name} (file changed or damaged)")
    return model


def default_model_dir() -> Path:
    override = os.environ.get("DRONEWATCH_MODEL_DIR")
    if override:
        return Path(override)
    return Path(str(resources.files("dronewatch.data").joinpath("models")))


@lru_cache(maxsize=4)
def _cached(folder: str) -> SentenceModel | None:
    path = Path(folder)
    if not (path / f"{MODEL_NAME}.npz").exists():
        return None
    return load_model_file(path)


def default_model() -> SentenceModel | None:
    """The shipped (or ``DRONEWATCH_MODEL_DIR``) model, or None: then the rules decide alone."""
    if os.environ.get("DRONEWATCH_RULES_ONLY"):
        return None
    return _cached(str(default_model_dir()))
