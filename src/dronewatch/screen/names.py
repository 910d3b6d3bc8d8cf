"""Name forms for matching: transliterated, folded, phonetic, with nicknames and aliases apart.

Transliteration is normality's (ICU), so Cyrillic, accents and other scripts become ASCII the
way the rest of the ecosystem does it; the phonetic rules and nicknames are data files.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

from normality import ascii_text

_SPLIT = re.compile(r"[^a-z0-9]+")
# "Joaquín Guzmán, alias El Chapo", "Ismael Zambada a.k.a. El Mayo", 'Rafael "R-1" Caro', «Орел-7»
_ALIAS = re.compile(
    r"\s*(?:,?\s*\b(?:alias|aka|a\.k\.a\.|also known as|apodado|conocido como|по прозвищу|на прізвисько|"
    r"по кличке|позывной|позивний)\b\.?\s*|\s*\((?:a|alias)\)\s*)(.+)$",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“«'‘]([^\"”»'’]{2,40})[\"”»'’]")
# titles and particles that carry no identity
STOP = {
    "el",
    "la",
    "los",
    "las",
    "de",
    "del",
    "y",
    "da",
    "do",
    "dos",
    "das",
    "van",
    "von",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sr",
    "sra",
    "don",
    "dona",
    "gen",
    "general",
    "comandante",
    "alias",
    "the",
}


@lru_cache(maxsize=1)
def _rules() -> list[tuple[str, str]]:
    text = (
        resources.files("dronewatch.data")
        .joinpath("screening/phonetic_rules.csv")
        .read_text(encoding="utf-8")
    )
    return [(r["pattern"], r["replacement"]) for r in csv.DictReader(text.splitlines())]


@lru_cache(maxsize=1)
def nicknames() -> dict[str, set[str]]:
    text = resources.files("dronewatch.data").joinpath("screening/nicknames.csv").read_text(encoding="utf-8")
    out: dict[str, set[str]] = {}
    for r in csv.DictReader(text.splitlines()):
        for a, b in ((r["nickname"], r["name"]), (r["name"], r["nickname"])):
            out.setdefault(ascii_text(a).lower(), set()).add(ascii_text(b).lower())
    return out


def split_aliases(raw: str) -> tuple[str, list[str]]:
    """A roster or list cell often holds "Name, alias Nick" or 'Name "Nick"': separate them."""
    raw = raw.strip()
    aliases: list[str] = []
    for q in _QUOTED.finditer(raw):
        aliases.append(q.group(1).strip())
    raw = _QUOTED.sub(" ", raw)
    m = _ALIAS.search(raw)
    if m:
        aliases.extend(a.strip() for a in re.split(r"\s*(?:,|;| or | o )\s*", m.group(1)) if a.strip())
        raw = raw[: m.start()]
    return " ".join(raw.split()), aliases


@lru_cache(maxsize=200_000)
def tokens(name: str) -> tuple[str, ...]:
    """ASCII, lower case, without particles: 'José de Jesús Méndez' -> ('jose', 'jesus', 'mendez')."""
    text = (ascii_text(name) or "").lower()
    return tuple(t for t in _SPLIT.split(text) if t and t not in STOP)


@lru_cache(maxsize=400_000)
def phonetic(token: str) -> str:
    """A token's sound skeleton: spellings across romanisations meet ('guzman', 'gusman' -> 'gusman')."""
    t = token
    for pattern, repl in _rules():
        t = t.replace(pattern, repl)
    t = re.sub(r"(.)\1+", r"\1", t)  # doubled letters
    return t or token


def keys(name: str) -> set[str]:
    """Blocking keys: the phonetic skeleton of every token of three letters or more."""
    return {phonetic(t) for t in tokens(name) if len(t) >= 3}
