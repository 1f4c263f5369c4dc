"""English working days (2006 Regulations reg 2), the statutory clocks built on them, and
dates in England's time zone."""

import datetime as dt
from types import SimpleNamespace

import pytest

from intake import calendar
from intake.calendar import (
    is_working_day, stage1_deadline, statutory_deadlines, working_days_after, working_days_between,
)

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


@pytest.mark.parametrize(
    "due, on, expected",
    [
        (D(2026, 3, 9), D(2026, 3, 9), 0),  # due today
        (D(2026, 3, 10), D(2026, 3, 9), 1),
        (D(2026, 3, 13), D(2026, 3, 9), 4),  # Monday to Friday
        (D(2026, 3, 9), D(2026, 3, 6), 1),  # Friday to Monday: the weekend does not count
        (D(2026, 3, 9), D(2026, 3, 7), 1),  # on a Saturday, due Monday
        (D(2027, 3, 30), D(2027, 3, 25), 1),  # over Easter 2027
        (D(2026, 3, 6), D(2026, 3, 9), -1),  # missed on Friday: one working day behind on Monday
        (D(2026, 3, 6), D(2026, 3, 8), 0),  # missed on Friday, but no working day has passed
        (D(2026, 12, 24), D(2026, 12, 29), -1),  # Christmas 2026 and its substitute day skipped
        (D(2026, 3, 9), D(2026, 3, 23), -10),
    ],
)
def test_working_days_between_counts_down_to_a_deadline_and_past_it(due, on, expected):
    assert working_days_between(due, on) == expected


def test_working_days_between_and_after_agree():
    start = D(2026, 3, 9)
    for days in range(0, 25):
        due = working_days_after(start, days)
        assert working_days_between(due, start) == days
        assert working_days_between(start, due) == -days


def test_the_stage1_deadline_is_the_extended_one_only_after_an_extension():
    case = SimpleNamespace(stage1_due=D(2026, 3, 23), stage1_extended_due=D(2026, 4, 8),
                           extended_at=None)
    assert stage1_deadline(case) == D(2026, 3, 23)
    case.extended_at = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.timezone.utc)
    assert stage1_deadline(case) == D(2026, 4, 8)


def test_stored_moments_are_read_in_england():
    late_in_summer = dt.datetime(2026, 6, 30, 23, 30)  # naive, as SQLite returns UTC
    assert calendar.local(late_in_summer).isoformat() == "2026-07-01T00:30:00+01:00"
    assert calendar.local_date(late_in_summer) == D(2026, 7, 1)
    in_winter = dt.datetime(2026, 1, 31, 23, 30, tzinfo=dt.timezone.utc)
    assert calendar.local_date(in_winter) == D(2026, 1, 31)
    assert calendar.local(None) is None and calendar.local_date(None) is None


def test_a_time_typed_in_england_is_stored_in_utc():
    assert calendar.from_local(D(2026, 7, 1), 0, 30) == dt.datetime(2026, 6, 30, 23, 30,
                                                                    tzinfo=dt.timezone.utc)
    assert calendar.from_local(D(2026, 1, 1), 14, 5) == dt.datetime(2026, 1, 1, 14, 5,
                                                                    tzinfo=dt.timezone.utc)


def test_today_is_the_date_in_england():
    assert calendar.today() == dt.datetime.now(calendar.LONDON).date()
    assert calendar.now().utcoffset() == dt.datetime.now(calendar.LONDON).utcoffset()


def test_dates_in_words():
    day = D(2026, 3, 27)
    assert calendar.long_date(day) == "27 March 2026"
    assert calendar.full_date(day) == "Friday 27 March 2026"
    assert calendar.short_date(day) == "27 Mar 2026"
    assert calendar.long_date(None) == calendar.full_date(None) == calendar.short_date(None) == ""
    afternoon = dt.datetime(2026, 7, 1, 13, 5, 9, tzinfo=dt.timezone.utc)  # 2:05pm in England
    assert calendar.date_time(afternoon) == "1 July 2026 at 2:05pm"
    assert calendar.date_time(dt.datetime(2026, 1, 1, 0, 15)) == "1 January 2026 at 12:15am"
    assert calendar.date_time(None) == ""
    assert calendar.exact_time(afternoon) == "1 July 2026, 14:05:09"


def test_escalation_clocks_count_english_working_days_across_christmas_and_new_year():
    # From Monday 21 December 2026: 25, 28 December and 1 January are bank holidays.
    stage2 = calendar.escalation_deadlines(2, dt.date(2026, 12, 21))
    assert stage2 == {"acknowledge_by": "2026-12-23", "stage2_due": "2027-01-28",
                      "stage2_extended_due": "2027-03-25"}
    stage3 = calendar.escalation_deadlines(3, dt.date(2026, 12, 21))
    assert stage3 == {"acknowledge_by": "2026-12-23", "stage3_panel_due": "2027-02-04"}
    with pytest.raises(ValueError):
        calendar.escalation_deadlines(1, dt.date(2026, 12, 21))


def test_a_request_more_than_20_working_days_after_the_answer_is_late():
    answered = dt.date(2026, 12, 1)
    assert not calendar.escalation_is_late(answered, dt.date(2026, 12, 31))  # the 20th day
    assert calendar.escalation_is_late(answered, dt.date(2027, 1, 4))  # the 21st
    assert not calendar.escalation_is_late(None, dt.date(2027, 1, 4))
