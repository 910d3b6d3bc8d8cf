"""Near-duplicate detection: MinHash over word shingles, LSH bands kept in the store.

Syndicated copies and light rewrites share most 3-word shingles; two outlets'
own reports of the same event share few. The band hashes are written beside
the document, so a lookup is an indexed query and survives restarts.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 32  # 32 bands x 4 rows: a pair at Jaccard 0.5 becomes a candidate with p = 0.87
ROWS = NUM_PERM // BANDS
SHINGLE = 3
_WORD = re.compile(r"\w+", re.UNICODE)
_MARKS = re.compile(r"[\u0300-\u036f]")  # combining accents, dropped so Cártel = Cartel


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    folded = _MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))
    words = _WORD.findall(folded)
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


@dataclass(frozen=True)
class Signature:
    values: np.ndarray  # uint32, NUM_PERM long

    def to_bytes(self) -> bytes:
        return self.values.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        return cls(np.frombuffer(data, dtype="<u4"))

    def bands(self) -> list[int]:
        """One 64-bit key per band; the band number is hashed in, so keys of different bands never meet."""
        raw = self.values.astype("<u4").tobytes()
        width = ROWS * 4
        out = []
        for b in range(BANDS):
            digest = hashlib.blake2b(
                raw[b * width : (b + 1) * width], digest_size=8, person=b"band%04d" % b
            ).digest()
            out.append(int.from_bytes(digest, "little", signed=True))
        return out

    def jaccard(self, other: Signature) -> float:
        return float(np.mean(self.values == other.values))


def signature(text: str) -> Signature | None:
    sh = shingles(text)
    if not sh:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=1)
    m.update_batch(list(sh))
    return Signature(m.hashvalues.astype(np.uint32))


def best_match(
    sig: Signature, candidates: list[tuple[str, bytes, date | None]], threshold: float
) -> tuple[str, float, date | None] | None:
    """The candidate with the highest estimated Jaccard at or above threshold (earliest stored on ties)."""
    best: tuple[str, float, date | None] | None = None
    for doc_id, data, published in candidates:
        j = sig.jaccard(Signature.from_bytes(data))
        if j >= threshold and (best is None or j > best[1]):
            best = (doc_id, j, published)
    return best
