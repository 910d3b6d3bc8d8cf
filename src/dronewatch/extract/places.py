"""Place recognition and offline geocoding: country, admin1, place, coordinates.

First-level divisions are found before towns, because "Michoacán" and "Cauca"
are also the names of villages elsewhere. A town is accepted only where the
text supports it: a locative word before it ("in", "en", "municipio de", "в",
"біля"), its own state named in the document, or a large population.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .matcher import Match, PhraseMatcher
from .text import fold


@dataclass(frozen=True)
class Admin1:
    country: str
    code: str
    name: str


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    admin1: str  # admin1 code
    population: int
    lat: float | None
    lon: float | None
    kind: str  # city | municipality


@dataclass(frozen=True)
class Country:
    code: str
    adjective: bool  # found by an adjective ("Mexican"), weaker than the name


_SMALL_TOWN_MIN = 100_000  # above this a town needs no supporting context
# Articles that may stand between a locative word and the town ("en el", "the").
_ARTICLES = "(?:el |la |los |las |o |a |the )?"


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The locative words ("in", "municipio de", "біля") and "border with" phrases of every language.

    A text is searched with all languages' words: a Spanish report quotes an
    English one, and the place names are shared.
    """
    from .lexicon import LANGUAGES, load_lexicon

    loc: set[str] = set()
    border: set[str] = set()
    for lang in LANGUAGES:
        lex = load_lexicon(lang)
        loc.update(lex.locative)
        border.update(lex.border_with)
    alt = "|".join(re.escape(w) for w in sorted(loc, key=len, reverse=True))
    locative = re.compile(r"(?:\b(?:" + alt + r")\s+" + _ARTICLES + ")$", re.IGNORECASE)
    balt = "|".join(re.escape(w) for w in sorted(border, key=len, reverse=True))
    return locative, re.compile(r"(?:" + balt + r")\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def generic_names() -> frozenset[str]:
    """Names that are also ordinary words (``data/gazetteer/generic_names.txt``), folded."""
    text = resources.files("dronewatch.data").joinpath("gazetteer/generic_names.txt").read_text(encoding="utf-8")
    return frozenset(fold(x.strip()) for x in text.splitlines() if x.strip() and not x.startswith("#"))


@lru_cache(maxsize=1)
def gazetteer() -> tuple[
    PhraseMatcher[Admin1], PhraseMatcher[Place], PhraseMatcher[Country], dict[str, Admin1]
]:
    data = resources.files("dronewatch.data")
    admin1s: dict[str, Admin1] = {}
    a1m: PhraseMatcher[Admin1] = PhraseMatcher()
    text = data.joinpath("gazetteer/admin1.tsv").read_text(encoding="utf-8")
    for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
        a = Admin1(row["country"], row["code"], row["name"])
        admin1s[a.code] = a
        for name in [row["name"], *filter(None, row["aliases"].split("|"))]:
            if len(name) > 3:
                a1m.add(name, a, case="capital")
    pm: PhraseMatcher[Place] = PhraseMatcher()
    raw = data.joinpath("gazetteer/places.tsv.gz").read_bytes()
    for row in csv.DictReader(io.StringIO(gzip.decompress(raw).decode("utf-8")), delimiter="\t"):
        p = Place(
            name=re.sub(r"\s*\([^)]*\)", "", row["name"]).strip(),
            country=row["country"],
            admin1=row["admin1"],
            population=int(row["population"] or 0),
            lat=float(row["lat"]) if row["lat"] else None,
            lon=float(row["lon"]) if row["lon"] else None,
            kind=row["kind"],
        )
        for name in [row["name"], p.name, *filter(None, row["aliases"].split("|"))]:
            if len(name) > 3:
                pm.add(name, p, case="capital")
    cm: PhraseMatcher[Country] = PhraseMatcher()
    text = data.joinpath("countries.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(io.StringIO(text)):
        for name in row["names"].split("|"):
            cm.add(name, Country(row["code"], False), case="exact" if name.isupper() else "capital")
        for adj in row["adjectives"].split("|"):
            if adj:
                cm.add(adj, Country(row["code"], True), case="any")
    return a1m, pm, cm, admin1s


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    country: str
    admin1: str | None  # English exonym
    place: str | None
    lat: float | None = None
    lon: float | None = None
    level: str = "place"  # country | admin1 | place
    weak: bool = False  # a country only by adjective


_CAP_BEFORE = re.compile(r"(?:^|[\s(])[A-ZÁÉÍÓÚÑÜА-ЯІЇЄҐ][a-záéíóúñüа-яіїєґ'’-]+ $")
_CAP_AFTER = re.compile(r"^ [A-ZÁÉÍÓÚÑÜА-ЯІЇЄҐ][a-záéíóúñüа-яіїєґ]")


def _in_person_name(text: str, start: int, end: int) -> bool:
    """ "Rubén Rocha Moya", "Luisa María Alcalde": a place name between a given name and a surname."""
    return bool(_CAP_BEFORE.search(text[max(0, start - 25) : start])) and bool(
        _CAP_AFTER.match(text[end : end + 3])
    )


def find_places(text: str, folded: str | None = None) -> list[PlaceMention]:
    """Every country, first-level division and supported town named in ``text``."""
    a1m, pm, cm, admin1s = gazetteer()
    folded = fold(text) if folded is None else folded
    out: list[PlaceMention] = []
    taken: list[tuple[int, int]] = []
    codes: list[str] = []  # the admin1 code of each mention in ``out``
    for m in a1m.find(text, folded):
        if taken and taken[-1] == (m.start, m.end):
            continue  # the same span under two spellings of one division
        if _cues()[1].search(text[max(0, m.start - 25) : m.start]) or _in_person_name(text, m.start, m.end):
            continue
        out.append(PlaceMention(m.start, m.end, m.text, m.value.country, m.value.name, None, level="admin1"))
        taken.append((m.start, m.end))
        codes.append(m.value.code)
    generic = generic_names()
    countries: set[str] = {
        m.value.country for m in a1m.find(text, folded) if fold(m.text) not in generic
    }
    country_matches = [
        c
        for c in cm.find(text, folded)
        if not any(s <= c.start < e for s, e in taken)
        and not _cues()[1].search(text[max(0, c.start - 25) : c.start])
    ]
    for cmatch in country_matches:
        countries.add(cmatch.value.code)
    # "dans le Nord" in a text about France is no department of Haiti
    kept = [(p, c) for p, c in zip(out, codes, strict=True) if fold(p.text) not in generic or p.country in countries]
    out = [p for p, _ in kept]
    taken = [(p.start, p.end) for p in out]
    named_admin1 = {c for _, c in kept}
    for cmatch in country_matches:
        out.append(
            PlaceMention(
                cmatch.start,
                cmatch.end,
                cmatch.text,
                cmatch.value.code,
                None,
                None,
                level="country",
                weak=cmatch.value.adjective,
            )
        )
        taken.append((cmatch.start, cmatch.end))
    for pmatch in pm.find(text, folded):
        if any(s <= pmatch.start < e for s, e in taken) or _in_person_name(text, pmatch.start, pmatch.end):
            continue
        cands = list(_all_values(pm, pmatch))
        best = _choose(cands, named_admin1, countries, fold(pmatch.text))
        if best is None:
            continue
        before = text[max(0, pmatch.start - 30) : pmatch.start]
        if fold(pmatch.text) in generic and best.country not in countries:
            continue
        supported = (
            best.admin1 in named_admin1
            or best.population >= _SMALL_TOWN_MIN
            or bool(_cues()[0].search(before))
            or _dateline(text, pmatch)
        )
        if not supported or (
            countries and best.country not in countries and best.population < _SMALL_TOWN_MIN
        ):
            continue
        a1 = admin1s.get(best.admin1)
        out.append(
            PlaceMention(
                pmatch.start,
                pmatch.end,
                pmatch.text,
                best.country,
                a1.name if a1 else None,
                best.name,
                best.lat,
                best.lon,
            )
        )
        taken.append((pmatch.start, pmatch.end))
    out.sort(key=lambda p: p.start)
    return _drop_stray_divisions(out)


def _drop_stray_divisions(found: list[PlaceMention]) -> list[PlaceMention]:
    """A lone division of a country the text never names, in a text about another country,
    is a homonym ("vereda La Guaira" in Antioquia is not Venezuela's La Guaira state)."""
    named = {p.country for p in found if p.level == "country" and not p.weak}
    count: dict[str, int] = {}
    for p in found:
        count[p.country] = count.get(p.country, 0) + 1
    if not count:
        return found
    lead = max(count, key=lambda c: count[c])
    return [
        p
        for p in found
        if p.level == "country"
        or p.country in named
        or count[p.country] > 1
        or p.country == lead
        or count[lead] < 2
    ]


def _all_values(pm: PhraseMatcher[Place], m: Match[Place]) -> list[Place]:
    from .matcher import phrase_key

    return [e.value for e in pm._entries.get(phrase_key(m.text), [])]


def _choose(cands: list[Place], admin1s: set[str], countries: set[str], said: str = "") -> Place | None:
    """The place a name means: in a state or country the text names, then the one of that very name
    ("Valence" is the town in the Drôme before it is Valencia's French name), then the largest."""
    if not cands:
        return None
    return max(
        cands,
        key=lambda p: (
            p.admin1 in admin1s,
            p.country in countries,
            fold(p.name) == said,
            p.population,
            p.kind == "city",
        ),
    )


def _dateline(text: str, m: Match[Place]) -> bool:
    """ "AGUACHICA, Cesar —" or "MEDELLÍN, Colombia —": a place at the very start of a paragraph."""
    line_start = text.rfind("\n", 0, m.start) + 1
    return not text[line_start : m.start].strip() and text[m.end : m.end + 1] in (",", " ")
