"""Finding many known phrases in text at once, across spelling, case and inflection.

Texts and phrases are both reduced to a sequence of word keys: folded (lower
case, no accents) and, for Cyrillic words, stripped of their case ending, so
"картелю Сіналоа", "картеля Синалоа" and "картель Синалоа" meet. One
Aho-Corasick automaton over the keys finds every phrase in one pass; matches
map back to character offsets in the original text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from .text import fold

T = TypeVar("T")
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)
_CYR = re.compile(r"[а-яёіїєґ]")
# Case and number endings of Russian and Ukrainian nouns and adjectives, longest first.
_ENDINGS = sorted(
    "ого ому ими іми ами ями его ему ей ой ої ий ій ый ая яя ое ее ую юю ых их іх ом ем ім ах ях ов ев ів ам ям "
    "ою ею ові еві а я у ю е є і и ы о ь й".split(),
    key=len,
    reverse=True,
)


def word_key(word: str) -> str:
    """A folded word, Cyrillic ones cut to their stem (words of 4 letters or fewer are kept)."""
    if len(word) > 4 and _CYR.search(word):
        for end in _ENDINGS:
            if word.endswith(end) and len(word) - len(end) >= 3:
                return word[: -len(end)]
    return word


def phrase_key(phrase: str) -> str:
    return " ".join(word_key(m.group(0)) for m in _TOKEN.finditer(fold(phrase)))


@dataclass(frozen=True)
class Match(Generic[T]):
    start: int
    end: int
    text: str
    value: T


@dataclass(frozen=True)
class _Entry(Generic[T]):
    value: T
    case: str  # "any" | "exact" (acronyms) | "capital" (single common words)


class PhraseMatcher(Generic[T]):
    def __init__(self) -> None:
        self._auto = ahocorasick.Automaton()
        self._entries: dict[str, list[_Entry[T]]] = {}
        self._built = False

    def add(self, phrase: str, value: T, case: str | None = None) -> None:
        key = phrase_key(phrase)
        if not key:
            return
        if case is None:
            bare = phrase.replace(".", "").replace("-", "")
            if bare.isupper() and len(bare) <= 5:
                case = "exact"
            else:
                case = "any"
        self._entries.setdefault(key, []).append(_Entry(value, case))
        self._built = False

    def __len__(self) -> int:
        return len(self._entries)

    def _build(self) -> None:
        self._auto = ahocorasick.Automaton()
        for key in self._entries:
            self._auto.add_word(" " + key + " ", key)
        if self._entries:
            self._auto.make_automaton()
        self._built = True

    def find(self, text: str, folded: str | None = None) -> list[Match[T]]:
        """All matches, longest first where they overlap, in text order."""
        if not self._built:
            self._build()
        if not self._entries:
            return []
        folded = fold(text) if folded is None else folded
        tokens = list(_TOKEN.finditer(folded))
        keys = [word_key(t.group(0)) for t in tokens]
        starts: list[int] = []
        pos = 1
        for k in keys:
            starts.append(pos)
            pos += len(k) + 1
        hay = " " + " ".join(keys) + " "
        found: list[tuple[int, int, str]] = []
        for end_pos, key in self._auto.iter(hay):
            first = end_pos - len(key)  # iter gives the index of the trailing space
            i = bisect.bisect_left(starts, first)
            j = i + key.count(" ")
            if i >= len(tokens) or starts[i] != first:
                continue
            found.append((tokens[i].start(), tokens[j].end(), key))
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        out: list[Match[T]] = []
        last_end = -1
        for s, e, key in found:
            if s < last_end:
                continue
            surface = text[s:e]
            for entry in self._entries[key]:
                if entry.case == "exact" and surface.replace(" ", "").replace(
                    "-", ""
                ) != surface.upper().replace(" ", "").replace("-", ""):
                    continue
                if entry.case == "capital" and not surface[:1].isupper():
                    continue
                out.append(Match(s, e, surface, entry.value))
                last_end = e
        return out


def build_matcher(items: Iterable[tuple[str, T]]) -> PhraseMatcher[T]:
    m: PhraseMatcher[T] = PhraseMatcher()
    for phrase, value in items:
        m.add(phrase, value)
    return m
