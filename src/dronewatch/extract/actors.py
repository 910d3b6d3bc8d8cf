"""Actor recognition: registry names in any script, and candidate names the registry lacks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import Lexicon
from .matcher import PhraseMatcher
from .registry import Registry, leaders, load_registry
from .text import fold


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    text: str
    name: str  # canonical name (the faction itself when it is one)
    candidate: bool = False


@lru_cache(maxsize=4)
def _matcher(user_file: str | None = None) -> tuple[PhraseMatcher[str], Registry]:
    reg = load_registry(user_file)
    m: PhraseMatcher[str] = PhraseMatcher()
    for a in reg.actors.values():
        for name in [a.name, *a.aliases]:
            # A capitalised Latin name must be capitalised in the text: "los lobos aullaban" is wolves.
            latin = bool(re.search(r"[A-Za-zÀ-ÿ]", name[:1]))
            caps = name.replace(" ", "").replace("-", "").isupper()
            m.add(name, a.name, case="capital" if latin and name[:1].isupper() and not caps else None)
    return m, reg


# "a faction called Los X", "el grupo criminal Y", "the gang known as Z": a group the registry lacks.
_CANDIDATE = re.compile(
    r"(?:(?:faction|gang|group|cartel|militia|organi[sz]ation)\s+(?:called|known as|named|dubbed)|"
    r"(?:grupo criminal|grupo delictivo|c[aá]rtel|banda|facci[oó]n|organizaci[oó]n criminal|"
    r"grupo armado)(?:\s+(?:denominad[oa]|conocid[oa] como|llamad[oa]))?|"
    r"(?:угруповання|группировк[аиу]|банд[аиу])\s+)\s*[«\"“]?"
    r"((?:(?:Los|Las|La|El|The|Лос|Ла)\s+)?[A-ZÁÉÍÓÚÑА-ЯІЇЄҐ][\wáéíóúñ'-]+(?:\s+(?:de|del|la|los)?\s*[A-ZÁÉÍÓÚÑА-ЯІЇЄҐ][\wáéíóúñ'-]+){0,3})"
)


_LEADER_PATTERNS: dict[str, re.Pattern[str] | None] = {}


def _leader_pattern(lex: Lexicon) -> re.Pattern[str] | None:
    """ "el cártel de El Mencho", "Iván Mordisco's men": a group named by its leader."""
    if lex.language not in _LEADER_PATTERNS:
        registry()
        names = sorted({fold(n) for n in leaders}, key=len, reverse=True)
        if not names or not lex.leader_phrases:
            _LEADER_PATTERNS[lex.language] = None
        else:
            who = "(?:" + "|".join(re.escape(n) for n in names) + r")\b"
            parts = [r"\b" + p.replace("{L}", who) for p in lex.leader_phrases]
            _LEADER_PATTERNS[lex.language] = re.compile("|".join(f"(?:{p})" for p in parts))
    return _LEADER_PATTERNS[lex.language]


def find_actors(
    text: str, folded: str, user_file: str | None = None, lex: Lexicon | None = None
) -> list[ActorMention]:
    m, _ = _matcher(user_file)
    found = [ActorMention(x.start, x.end, x.text, x.value) for x in m.find(text, folded)]
    taken = [(a.start, a.end) for a in found]
    pat = _leader_pattern(lex) if lex is not None else None
    if pat is not None:
        by_folded = {fold(n): g for n, g in leaders.items()}
        for lm in pat.finditer(folded):
            span = lm.group(0)
            leader = next((n for n in sorted(by_folded, key=len, reverse=True) if n in span), None)
            if leader is None or any(a <= lm.start() < b for a, b in taken):
                continue
            found.append(ActorMention(lm.start(), lm.end(), text[lm.start() : lm.end()], by_folded[leader]))
            taken.append((lm.start(), lm.end()))
    for c in _CANDIDATE.finditer(text):
        s, e = c.span(1)
        if any(a <= s < b or s <= a < e for a, b in taken):
            continue
        name = c.group(1).strip()
        if len(name) > 3:
            found.append(ActorMention(s, e, name, name, candidate=True))
    found.sort(key=lambda a: a.start)
    return found


def registry(user_file: str | None = None) -> Registry:
    return _matcher(user_file)[1]
