"""Outlets and their Admiralty reliability grades, from a data file.

The packaged ``data/sources.csv`` is a starting point; a user's own file
(config ``ingest.sources_file``) overrides it row by row.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlparse

from ..errors import ConfigError
from ..model import RELIABILITY_GRADES, Source

DEFAULT_GRADE = "F"


def _read(text: str, where: str) -> list[Source]:
    out = []
    for n, row in enumerate(csv.DictReader(text.splitlines()), start=2):
        grade = (row.get("grade") or DEFAULT_GRADE).strip().upper()
        if grade not in RELIABILITY_GRADES:
            raise ConfigError(f"{where}:{n}: grade {grade!r} is not one of A-F")
        domains = tuple(d.strip().lower() for d in (row.get("domains") or "").split("|") if d.strip())
        out.append(Source(outlet=row["outlet"].strip(), domains=domains, grade=grade))
    return out


class SourceGrades:
    def __init__(self, sources: list[Source]) -> None:
        self.by_name = {s.outlet.casefold(): s for s in sources}
        self.by_domain = {d: s for s in sources for d in s.domains}

    def _by_host(self, url: str | None) -> Source | None:
        host = (urlparse(url).hostname or "").lower() if url else ""
        while host:
            if host in self.by_domain:
                return self.by_domain[host]
            host = host.partition(".")[2]
        return None

    def lookup(self, outlet: str | None, url: str | None) -> Source | None:
        if outlet and outlet.casefold().strip() in self.by_name:
            return self.by_name[outlet.casefold().strip()]
        return self._by_host(url)

    def vouched(self, outlet: str | None, url: str | None) -> Source | None:
        """The source whose grade a document earns: a declared outlet counts only from its own domains.

        Anyone can write "Reuters" in a feed or a JSON line; only reuters.com is Reuters. An outlet
        listed without domains (a user's own file of local outlets) is taken at its name.
        """
        named = self.by_name.get(outlet.casefold().strip()) if outlet else None
        by_host = self._by_host(url)
        if named is None:
            return by_host
        if not named.domains or by_host is named:
            return named
        return None  # a known outlet's name on a host that is not its own: claimed, not shown

    def grade(self, outlet: str | None, url: str | None) -> str:
        s = self.vouched(outlet, url)
        return s.grade if s else DEFAULT_GRADE

    def outlet_name(self, outlet: str | None, url: str | None) -> str | None:
        """The registry's spelling of the outlet, or the domain when only a URL is known."""
        s = self.lookup(outlet, url)
        if s:
            return s.outlet
        if outlet:
            return outlet.strip()
        if url:
            host = (urlparse(url).hostname or "").lower()
            return host.removeprefix("www.") or None
        return None


@lru_cache(maxsize=8)
def load_sources(user_file: str | None = None) -> SourceGrades:
    packaged = resources.files("dronewatch.data").joinpath("sources.csv").read_text(encoding="utf-8")
    sources = {s.outlet.casefold(): s for s in _read(packaged, "dronewatch/data/sources.csv")}
    if user_file:
        path = Path(user_file)
        if not path.exists():
            raise ConfigError(f"{path}: sources file not found")
        for s in _read(path.read_text(encoding="utf-8"), str(path)):
            sources[s.outlet.casefold()] = s
    return SourceGrades(list(sources.values()))
