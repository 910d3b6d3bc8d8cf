from datetime import date

import pytest

from dronewatch.extract.dates import find_dates
from dronewatch.extract.lexicon import load_lexicon
from dronewatch.extract.text import fold

FRIDAY = date(2025, 8, 22)


def _dates(lang, text, published=FRIDAY):
    return [(d.value, d.precision) for d in find_dates(fold(text), load_lexicon(lang), published)]


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("en", "on Sunday", ("2025-08-17", "day")),
        ("en", "three days ago", ("2025-08-19", "day")),
        ("en", "in July", ("2025-07", "month")),
        ("en", "on April 28, 2015", ("2015-04-28", "day")),
        ("es", "el domingo pasado", ("2025-08-17", "day")),
        ("es", "hace tres días", ("2025-08-19", "day")),
        ("es", "anoche", ("2025-08-21", "day")),
        ("es", "el martes 11 de febrero", ("2025-02-11", "day")),
        ("uk", "минулої неділі", ("2025-08-17", "day")),
        ("uk", "у липні", ("2025-07", "month")),
        ("uk", "22 серпня 2025 року", ("2025-08-22", "day")),
        ("ru", "в июле", ("2025-07", "month")),
        ("ru", "в прошлое воскресенье", ("2025-08-17", "day")),
        ("ru", "вчера", ("2025-08-21", "day")),
        ("pt", "na segunda-feira", ("2025-08-18", "day")),
        ("fr", "le 4 mai", ("2025-05-04", "day")),
    ],
)
def test_expressions_in_each_language(lang, text, expected):
    assert expected in _dates(lang, text)


def test_across_a_year_boundary():
    jan2 = date(2026, 1, 2)  # a Friday
    assert ("2025-12-30", "day") in _dates("es", "el 30 de diciembre", jan2)
    assert ("2025-12-28", "day") in _dates("es", "el domingo pasado", jan2)
    assert ("2025-12", "month") in _dates("en", "in December", jan2)


def test_across_a_month_boundary():
    sep1 = date(2025, 9, 1)  # a Monday
    assert ("2025-08-29", "day") in _dates("en", "three days ago", sep1)
    assert ("2025-08-31", "day") in _dates("uk", "минулої неділі", sep1)


def test_this_week_is_the_publication_month():
    assert _dates("en", "this week") == [("2025-08", "month")]
