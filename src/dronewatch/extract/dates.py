"""Dates of events, resolved against the publication date, with a precision.

"el domingo pasado", "hace tres días", "anoche", "минулої неділі", "в июле":
each language's words live in its lexicon; the arithmetic lives here. A day
and month without a year take the publication year, or the year before when
that would put the event after publication ("30 de diciembre" in a January report).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from .lexicon import Lexicon

_YEAR = r"(?P<y>(?:19|20)\d\d)"


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: str  # YYYY, YYYY-MM or YYYY-MM-DD
    precision: str  # day | month | year
    relative: bool = False  # resolved from a relative expression

    @property
    def rank(self) -> int:
        return {"day": 3, "month": 2, "year": 1}[self.precision]


def _month_pattern(key: str) -> str:
    if re.search(r"[а-яіїєґ]", key):
        return key + r"\w*"
    return key + r"\b\.?"


_CACHE: dict[str, list[tuple[str, re.Pattern[str]]]] = {}


def _patterns(lex: Lexicon) -> list[tuple[str, re.Pattern[str]]]:
    if lex.language not in _CACHE:
        _CACHE[lex.language] = _build_patterns(lex)
    return _CACHE[lex.language]


def _build_patterns(lex: Lexicon) -> list[tuple[str, re.Pattern[str]]]:
    months = "|".join(
        sorted(
            (_month_pattern(p.pattern[2:].removesuffix(r"\w*")) for p, _ in lex.months), key=len, reverse=True
        )
    )
    m = f"(?P<m>{months})"
    return [
        ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<mn>\d\d)-(?P<d>\d\d)\b")),
        (
            "dmy",
            re.compile(
                rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º|-?го|-?е)?(?:\s+de|\s+of)?\s+{m}"
                rf"(?:,?\s+(?:de\s+|del\s+)?{_YEAR})?"
            ),
        ),
        ("mdy", re.compile(rf"\b{m}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR})?")),
        ("my", re.compile(rf"\b{m}\s+(?:de\s+|del\s+|of\s+)?{_YEAR}")),
        (
            "m",
            re.compile(
                rf"\b(?:in|since|during|early|late|mid-|en|desde|em|au|depuis|en el mes de|в|у|з|с|до|"
                rf"last|el pasado|pasado|this|este)\s+{m}"
            ),
        ),
        (
            "y",
            re.compile(
                rf"\b(?:in|since|during|as early as|by|en|desde|durante|em|en el|en el ano|depuis|"
                rf"в|у|с|з|до|since early|al)\s+{_YEAR}\b"
            ),
        ),
    ]


def _month_number(lex: Lexicon, token: str) -> int | None:
    for pat, n in lex.months:
        key = pat.pattern[2:].removesuffix(r"\w*")
        if re.fullmatch(_month_pattern(key).removesuffix(r"\.?"), token.rstrip(".")):
            return n
    return None


def _fix_year(d: date, published: date) -> date:
    if d > published + timedelta(days=2):
        try:
            return d.replace(year=d.year - 1)
        except ValueError:
            return d
    return d


def find_dates(folded: str, lex: Lexicon, published: date | None) -> list[DateMention]:
    """Every date expression in a folded sentence, resolved where possible."""
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken)

    for kind, pat in _patterns(lex):
        for mt in pat.finditer(folded):
            if not free(mt.start(), mt.end()):
                continue
            g = mt.groupdict()
            year = int(g["y"]) if g.get("y") else None
            month = None
            if kind == "iso":
                month = int(g["mn"])
            elif g.get("m"):
                month = _month_number(lex, g["m"])
                if month is None:
                    continue
            try:
                if kind in ("iso", "dmy", "mdy"):
                    day = int(g["d"])
                    if year is None:
                        if published is None:
                            continue
                        d = _fix_year(date(published.year, month or 1, day), published)
                    else:
                        d = date(year, month or 1, day)
                    out.append(DateMention(mt.start(), mt.end(), d.isoformat(), "day"))
                elif kind in ("my", "m"):
                    if year is None:
                        if published is None:
                            continue
                        year = published.year if (month or 1) <= published.month else published.year - 1
                    out.append(DateMention(mt.start(), mt.end(), f"{year:04d}-{month:02d}", "month"))
                else:
                    out.append(DateMention(mt.start(), mt.end(), f"{year:04d}", "year"))
            except ValueError:
                continue
            taken.append((mt.start(), mt.end()))
    if published is not None:
        out.extend(_relative(folded, lex, published, free, taken))
    out.sort(key=lambda x: x.start)
    return out


def _relative(
    folded: str,
    lex: Lexicon,
    published: date,
    free: Callable[[int, int], bool],
    taken: list[tuple[int, int]],
) -> list[DateMention]:
    found: list[DateMention] = []
    for pat in lex.weekday_past:
        for mt in pat.finditer(folded):
            wd = _weekday(lex, mt.group("w"))
            if wd is not None and free(mt.start(), mt.end()):
                back = (published.weekday() - wd) % 7 or 7
                found.append(
                    DateMention(
                        mt.start(), mt.end(), (published - timedelta(days=back)).isoformat(), "day", True
                    )
                )
                taken.append((mt.start(), mt.end()))
    for pat in lex.relative_ago:
        for mt in pat.finditer(folded):
            n = lex.number(mt.group("n"))
            if n is not None and n < 60 and free(mt.start(), mt.end()):
                found.append(
                    DateMention(
                        mt.start(), mt.end(), (published - timedelta(days=n)).isoformat(), "day", True
                    )
                )
                taken.append((mt.start(), mt.end()))
    for pat, offset in lex.relative_days:
        for mt in pat.finditer(folded):
            if free(mt.start(), mt.end()):
                found.append(
                    DateMention(
                        mt.start(), mt.end(), (published + timedelta(days=offset)).isoformat(), "day", True
                    )
                )
                taken.append((mt.start(), mt.end()))
    for pat, wd in lex.weekdays:
        for mt in pat.finditer(folded):
            if free(mt.start(), mt.end()):
                back = (published.weekday() - wd) % 7
                found.append(
                    DateMention(
                        mt.start(), mt.end(), (published - timedelta(days=back)).isoformat(), "day", True
                    )
                )
                taken.append((mt.start(), mt.end()))
    if lex.vague_recent is not None:
        for mt in lex.vague_recent.finditer(folded):
            if free(mt.start(), mt.end()):
                found.append(DateMention(mt.start(), mt.end(), published.strftime("%Y-%m"), "month", True))
                taken.append((mt.start(), mt.end()))
    return found


def _weekday(lex: Lexicon, token: str) -> int | None:
    for pat, n in lex.weekdays:
        if pat.match(token):
            return n
    return None
