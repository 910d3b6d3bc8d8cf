"""What a user types, as the store spells it: "Michoacan" is Michoacán, "CJNG" the Jalisco New Generation Cartel.

Filters in the CLI, the API and alert rules go through here, so that case, accents and aliases never
make a filter silently match nothing.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources

from .extract.text import fold_phrase


@lru_cache(maxsize=1)
def _admin1_names() -> dict[str, str]:
    text = resources.files("dronewatch.data").joinpath("gazetteer/admin1.tsv").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
        for name in [row["name"], *filter(None, row["aliases"].split("|"))]:
            out.setdefault(fold_phrase(name), row["name"])
    for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
        out[fold_phrase(row["name"])] = row["name"]  # a division's own name wins over another's alias
    return out


@lru_cache(maxsize=1)
def _actor_names() -> dict[str, str]:
    from .extract.actors import registry

    reg = registry()
    out: dict[str, str] = {}
    for a in reg.actors.values():
        for name in (a.name, *a.aliases):
            out.setdefault(fold_phrase(name), reg.top(a.name))
    for a in reg.actors.values():
        out[fold_phrase(a.name)] = reg.top(a.name)
    return out


def admin1(name: str) -> str:
    """The English name of a first-level division, whatever case, accents or alias it is given in."""
    return _admin1_names().get(fold_phrase(name), name)


def actor(name: str) -> str:
    """The canonical (top-level) name of a registry actor given by any alias or script."""
    return _actor_names().get(fold_phrase(name), name)
