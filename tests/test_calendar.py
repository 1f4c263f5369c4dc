"""English working days (2006 Regulations reg 2) and the statutory clocks built on them."""

import datetime as dt

import pytest

from intake import calendar
from intake.calendar import is_working_day, statutory_deadlines, working_days_after

D = dt.date


@pytest.mark.parametrize(
    "day, why",
    [
        (D(2027, 3, 26), "Good Friday 2027"),
        (D(2027, 3, 29), "Easter Monday 2027"),
        (D(2026, 12, 25), "Christmas Day 2026 (a Friday)"),
        (D(2026, 12, 28), "substitute Boxing Day 2026 (Boxing Day is a Saturday)"),
        (D(2027, 12, 27), "substitute Christmas Day 2027 (Christmas Day is a Saturday)"),
        (D(2027, 12, 28), "substitute Boxing Day 2027 (Boxing Day is a Sunday)"),
        (D(2027, 1, 1), "New Year's Day 2027"),
        (D(2026, 5, 4), "early May bank holiday 2026"),
        (D(2027, 5, 3), "early May bank holiday 2027"),
        (D(2026, 5, 25), "spring bank holiday 2026"),
        (D(2026, 8, 31), "summer bank holiday 2026"),
        (D(2026, 3, 7), "a Saturday"),
        (D(2026, 3, 8), "a Sunday"),
    ],
)
def test_holidays_and_weekends_are_not_working_days(day, why):
    assert not is_working_day(day), why


@pytest.mark.parametrize(
    "day",
    [
        D(2027, 3, 25),  # Maundy Thursday
        D(2027, 3, 30),  # the Tuesday after Easter
        D(2026, 12, 24),  # Christmas Eve
        D(2026, 12, 29),
        D(2027, 12, 24),  # Christmas Eve 2027, a Friday
        D(2027, 12, 29),
        D(2026, 5, 5),
    ],
)
def test_ordinary_weekdays_are_working_days(day):
    assert is_working_day(day)


@pytest.mark.parametrize(
    "start, days, expected",
    [
        (D(2026, 3, 9), 0, D(2026, 3, 9)),  # day of receipt is day 0
        (D(2026, 3, 9), 1, D(2026, 3, 10)),
        (D(2026, 3, 6), 1, D(2026, 3, 9)),  # Friday -> Monday
        (D(2026, 3, 7), 1, D(2026, 3, 9)),  # received on a Saturday: Monday is day 1
        (D(2026, 3, 8), 2, D(2026, 3, 10)),  # received on a Sunday
        (D(2027, 3, 25), 1, D(2027, 3, 30)),  # over Easter 2027
        (D(2026, 12, 24), 1, D(2026, 12, 29)),  # over Christmas 2026
        (D(2027, 12, 24), 1, D(2027, 12, 29)),  # over Christmas 2027
        (D(2026, 5, 1), 1, D(2026, 5, 5)),  # over the early May bank holiday
    ],
)
def test_working_days_after_skips_weekends_and_holidays(start, days, expected):
    assert working_days_after(start, days) == expected


def test_negative_days_are_rejected():
    with pytest.raises(ValueError):
        working_days_after(D(2026, 3, 9), -1)


def test_statutory_deadlines_has_the_three_clocks_as_iso_dates():
    deadlines = statutory_deadlines(D(2026, 3, 9))
    assert set(deadlines) == {"acknowledge_by", "stage1_due", "stage1_extended_due"}
    for value in deadlines.values():
        assert isinstance(value, str)
        assert dt.date.fromisoformat(value).isoformat() == value


@pytest.mark.parametrize(
    "received, acknowledge_by, stage1_due, stage1_extended_due",
    [
        # 2, 10 and 20 working days; the 20 run over Good Friday and Easter Monday 2026.
        (D(2026, 3, 9), "2026-03-11", "2026-03-23", "2026-04-08"),
        # Received on a Saturday: counted as from the Friday before, Monday is day 1;
        # the extension runs over Good Friday and Easter Monday 2026.
        (D(2026, 3, 7), "2026-03-10", "2026-03-20", "2026-04-07"),
        # Easter 2027: Good Friday 26 March and Easter Monday 29 March are skipped.
        (D(2027, 3, 25), "2027-03-31", "2027-04-12", "2027-04-26"),
        # Early May bank holiday 2026 (Monday 4 May).
        (D(2026, 5, 1), "2026-05-06", "2026-05-18", "2026-06-02"),
        # Christmas 2026: 25 Dec, the substitute Boxing Day on Monday 28 Dec, 1 Jan.
        (D(2026, 12, 23), "2026-12-29", "2027-01-11", "2027-01-25"),
        # Christmas 2027: substitutes on Monday 27 and Tuesday 28 December.
        (D(2027, 12, 23), "2027-12-29", "2028-01-11", "2028-01-25"),
    ],
)
def test_statutory_deadlines(received, acknowledge_by, stage1_due, stage1_extended_due):
    assert statutory_deadlines(received) == {
        "acknowledge_by": acknowledge_by,
        "stage1_due": stage1_due,
        "stage1_extended_due": stage1_extended_due,
    }


def test_clock_lengths_follow_the_regulations():
    assert calendar.ACKNOWLEDGE_WORKING_DAYS == 2
    assert calendar.STAGE1_WORKING_DAYS == 10  # reg 14
    assert calendar.STAGE1_EXTENDED_WORKING_DAYS == 20  # reg 14, up to 10 more
