"""Per-language lexicons (``data/lexicons/<lang>.yaml``) compiled once into regexes.

Patterns are written against folded text (see ``text.fold``); ``{N}`` is a
number (digits or the language's number words) and ``{W}`` a weekday.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..errors import ConfigError


def _languages() -> tuple[str, ...]:
    """The languages are the lexicon files present: a new language is a new file, not new code."""
    folder = resources.files("dronewatch.data").joinpath("lexicons")
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml")))


LANGUAGES = _languages()
# Every key a lexicon file may hold; any other is a typo that would silently switch a rule off.
KEYS = {
    "language", "drone", "types", "drone_types", "payload", "targets", "killed", "injured", "none_killed",
    "none_injured", "numbers", "months", "weekdays", "relative_days", "relative_ago", "vague_recent",
    "weekday_past", "out_of_scope", "hypothetical", "opinion", "legion", "legion_units", "agents", "crime",
    "reporting", "attribution", "blame", "target_cues", "habitual", "alliance", "rivalry", "recruitment",
    "leader_phrases", "person_intro", "aggregate", "infiltration", "locative", "border_with", "abbreviations",
    "dateline_year_words", "coordination", "another", "retraction",
}


def _wb(p: str) -> str:
    """Lexicon entries are word starts: 'ban' must not match inside 'Cuban'."""
    return r"\b" + p if p[:1].isalnum() else p


def _alt(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Lexicon:
    language: str
    drone: re.Pattern[str]
    types: dict[str, re.Pattern[str]]
    drone_types: list[tuple[str, re.Pattern[str]]]
    payload: list[tuple[str, re.Pattern[str]]]
    targets: list[tuple[str, re.Pattern[str]]]
    killed: list[re.Pattern[str]]
    injured: list[re.Pattern[str]]
    none_killed: re.Pattern[str] | None
    none_injured: re.Pattern[str] | None
    numbers: dict[str, int]
    months: list[tuple[re.Pattern[str], int]]
    month_alt: str
    weekdays: list[tuple[re.Pattern[str], int]]
    weekday_alt: str
    relative_days: list[tuple[re.Pattern[str], int]]
    relative_ago: list[re.Pattern[str]]
    vague_recent: re.Pattern[str] | None
    weekday_past: list[re.Pattern[str]]
    out_of_scope: re.Pattern[str] | None
    hypothetical: re.Pattern[str] | None
    opinion: re.Pattern[str] | None
    legion: re.Pattern[str] | None
    agents: re.Pattern[str] | None
    crime: re.Pattern[str] | None
    legion_units: re.Pattern[str] | None
    reporting: re.Pattern[str] | None
    attribution: re.Pattern[str] | None
    blame: re.Pattern[str] | None
    habitual: re.Pattern[str] | None
    alliance: re.Pattern[str] | None
    rivalry: re.Pattern[str] | None
    recruitment: re.Pattern[str] | None
    leader_phrases: tuple[str, ...]
    person_intro: re.Pattern[str] | None
    target_cues: re.Pattern[str] | None
    aggregate: re.Pattern[str] | None
    infiltration: re.Pattern[str] | None = None
    locative: tuple[str, ...] = ()
    border_with: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    dateline_year_words: tuple[str, ...] = ()
    coordination: re.Pattern[str] | None = None
    another: re.Pattern[str] | None = None
    retraction: re.Pattern[str] | None = None

    def number(self, token: str) -> int | None:
        token = token.strip()
        digits = token.replace(",", "").replace(".", "").replace(" ", "")
        if digits.isdigit():
            return int(digits)
        return self.numbers.get(token)


def _any(patterns: list[str] | None, expand: Any = None) -> re.Pattern[str] | None:
    if not patterns:
        return None
    parts = [expand(_wb(p)) if expand else _wb(p) for p in patterns]
    return re.compile("|".join(f"(?:{p})" for p in parts))


@lru_cache(maxsize=16)
def load_lexicon(language: str) -> Lexicon:
    lang = language if language in LANGUAGES else "en"
    path = resources.files("dronewatch.data").joinpath(f"lexicons/{lang}.yaml")
    try:
        d = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"lexicons/{lang}.yaml: {exc}") from exc
    if not isinstance(d, dict):
        raise ConfigError(f"lexicons/{lang}.yaml: not a mapping of keys to word lists")
    unknown = sorted(set(d) - KEYS)
    if unknown:
        raise ConfigError(f"lexicons/{lang}.yaml: unknown key(s) {', '.join(unknown)} (see lexicons/README.md)")
    numbers = {str(k): int(v) for k, v in (d.get("numbers") or {}).items()}
    num = r"\b(?P<n>\d[\d,.]*\d|\d|" + _alt([re.escape(k) for k in numbers]) + r")\b"
    weekday_keys = list((d.get("weekdays") or {}).keys())
    wd = "(?P<w>" + _alt([k + r"\w*" for k in weekday_keys]) + ")"

    def expand(p: str) -> str:
        return p.replace("{N}", num).replace("{W}", wd)

    def ordered(section: str) -> list[tuple[str, re.Pattern[str]]]:
        out = []
        for key, pats in (d.get(section) or {}).items():
            out.append((str(key), re.compile("|".join(f"(?:{_wb(p)})" for p in pats))))
        return out

    return Lexicon(
        language=lang,
        drone=re.compile("|".join(f"(?:{_wb(p)})" for p in d["drone"])),
        types={k: re.compile("|".join(f"(?:{_wb(p)})" for p in v)) for k, v in d["types"].items()},
        drone_types=ordered("drone_types"),
        payload=ordered("payload"),
        targets=ordered("targets"),
        killed=[re.compile(expand(_wb(p))) for p in d.get("killed") or []],
        injured=[re.compile(expand(_wb(p))) for p in d.get("injured") or []],
        none_killed=_any(d.get("none_killed")),
        none_injured=_any(d.get("none_injured")),
        numbers=numbers,
        months=[(re.compile(r"\b" + str(k) + r"\w*"), int(v)) for k, v in (d.get("months") or {}).items()],
        month_alt=_alt([str(k) + r"\w*" for k in (d.get("months") or {})]),
        weekdays=[
            (re.compile(r"\b" + str(k) + r"\w*"), int(v)) for k, v in (d.get("weekdays") or {}).items()
        ],
        weekday_alt=_alt([k + r"\w*" for k in weekday_keys]),
        relative_days=[
            (re.compile(r"\b" + str(k) + r"\b"), int(v)) for k, v in (d.get("relative_days") or {}).items()
        ],
        relative_ago=[re.compile(expand(p)) for p in d.get("relative_ago") or []],
        vague_recent=_any(d.get("vague_recent")),
        weekday_past=[re.compile(expand(p)) for p in d.get("weekday_past") or []],
        out_of_scope=_any(d.get("out_of_scope")),
        hypothetical=_any(d.get("hypothetical")),
        opinion=_any(d.get("opinion")),
        legion=_any(d.get("legion")),
        agents=_any(d.get("agents")),
        crime=_any(d.get("crime")),
        reporting=_any(d.get("reporting")),
        attribution=_any(d.get("attribution")),
        blame=_any(d.get("blame")),
        habitual=_any(d.get("habitual")),
        alliance=_any(d.get("alliance")),
        rivalry=_any(d.get("rivalry")),
        recruitment=_any(d.get("recruitment")),
        leader_phrases=tuple(d.get("leader_phrases") or ()),
        person_intro=_any(d.get("person_intro")),
        target_cues=_any(d.get("target_cues")),
        legion_units=_any(d.get("legion_units")),
        infiltration=_any(d.get("infiltration")),
        locative=tuple(d.get("locative") or ()),
        border_with=tuple(d.get("border_with") or ()),
        abbreviations=tuple(str(a) for a in d.get("abbreviations") or ()),
        dateline_year_words=tuple(d.get("dateline_year_words") or ()),
        coordination=_any(d.get("coordination")),
        another=_any(d.get("another")),
        retraction=_any(d.get("retraction")),
        aggregate=_any(
            d.get("aggregate"), lambda p: expand(p).replace("(?P<n>", "(?:").replace("(?P<w>", "(?:")
        ),
    )
