from dronewatch.analyze.trends import period_of, totals, trend


def test_periods():
    assert period_of("2025-01-01", "week") == "2025-W01"
    assert period_of("2024-12-30", "week") == "2025-W01"
    assert period_of("2025-03", "week") is None and period_of("2025-03", "month") == "2025-03"
    assert period_of("2025", "month") is None


def test_change_against_the_previous_period():
    events = (
        [{"date": "2025-01-15", "type": "drone_attack"}] * 2
        + [{"date": "2025-02-03", "type": "drone_attack"}] * 3
        + [{"date": "2025-02", "type": "drone_seizure"}]
    )
    rows = trend(events, by="type", period="month")
    feb = [r for r in rows if r.period == "2025-02" and r.key == "drone_attack"][0]
    assert (feb.count, feb.previous, round(feb.change, 2)) == (3, 2, 0.5)
    assert totals(rows) == {"2025-01": 2, "2025-02": 4}


def test_week_rollover_into_a_new_year():
    rows = trend(
        [{"date": "2024-12-23", "country": "MX"}, {"date": "2024-12-30", "country": "MX"}],
        by="country",
        period="week",
    )
    assert [(r.period, r.previous) for r in rows] == [("2024-W52", 0), ("2025-W01", 1)]
