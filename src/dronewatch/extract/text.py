"""Text helpers shared by the extractors: folding that keeps offsets, and sentences.

Every extractor matches against a *folded* copy of the text (lower case, Latin
accents removed, one character for one character) so that a match's offsets
are offsets into the original, and evidence can be quoted exactly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    low = ch.lower()
    if len(low) != 1:
        return ch
    if "a" <= low <= "z" or low.isspace() or low.isdigit():
        return low
    if low in "йї":  # distinct letters, not accented и/і
        return low
    if low == "ё":
        return "е"
    base = unicodedata.normalize("NFD", low)[0]
    if low in "’‘´`ʼ":
        return "'"
    if low in "«»“”„":
        return '"'
    if low in "–—‑":
        return "-"
    return base if len(base) == 1 else low


def fold(text: str) -> str:
    """Lower case, accents stripped, same length as ``text``."""
    return "".join(_fold_char(c) for c in text)


def fold_phrase(text: str) -> str:
    """Fold a lexicon or registry phrase the way texts are folded, with spaces normalised."""
    return " ".join(fold(text).split())


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Words that end in a period without ending a sentence: every language's ``abbreviations``."""
    from .lexicon import LANGUAGES, load_lexicon

    return frozenset(a for lang in LANGUAGES for a in load_lexicon(lang).abbreviations)


_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'»”)]*\s+(?=[\"'«“(]?[A-ZÁÉÍÓÚÑÜÀ-ÖØ-ÞА-ЯЁІЇЄҐ0-9¿¡])")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with offsets; a blank line always ends one (headlines, datelines)."""
    out: list[Sentence] = []
    para = 0
    pos = 0
    for block in re.split(r"(\n\s*\n)", text):
        if not block.strip() or re.fullmatch(r"\n\s*\n", block):
            pos += len(block)
            if re.fullmatch(r"\n\s*\n", block):
                para += 1
            continue
        start = 0
        for m in _BOUNDARY.finditer(block):
            before = block[start : m.start()].rstrip()
            last = re.search(r"(\S+)$", before)
            word = last.group(1).rstrip(".").lower() if last else ""
            if word in _abbreviations() or re.fullmatch(r"[a-zа-я]", word) or re.fullmatch(r"\d{1,2}", word):
                continue
            _add(out, block, start, m.start(), pos, para)
            start = m.end()
        _add(out, block, start, len(block), pos, para)
        pos += len(block)
    return out


def _add(out: list[Sentence], block: str, s: int, e: int, base: int, para: int) -> None:
    seg = block[s:e]
    lead = len(seg) - len(seg.lstrip())
    seg = seg.strip()
    if seg:
        for line_off, line in _lines(seg):
            a = base + s + lead + line_off
            out.append(Sentence(len(out), a, a + len(line), line, para))


def _lines(seg: str) -> list[tuple[int, str]]:
    """A single newline inside a paragraph separates a headline or list item from the next line."""
    parts = []
    off = 0
    for line in seg.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            parts.append((off + lead, line.strip()))
        off += len(line) + 1
    return parts
