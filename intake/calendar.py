"""English working days and the statutory clocks of the 2006 Regulations.

Reg 2: a working day is any day except a Saturday, a Sunday, Christmas Day, Good Friday
or a bank holiday in England (substitute and proclaimed days included), which is exactly
what the maintained ``holidays`` calendar for England provides.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

ACKNOWLEDGE_WORKING_DAYS = 2  # the strictest common council standard (domain.md 4.2)
STAGE1_WORKING_DAYS = 10  # reg 14
STAGE1_EXTENDED_WORKING_DAYS = 20  # reg 14: up to 10 more for complex cases


@lru_cache(maxsize=64)
def _england(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def is_working_day(day: dt.date) -> bool:
    """True unless ``day`` is a weekend, Christmas Day, Good Friday or an English bank holiday."""
    return day.weekday() < 5 and day not in _england(day.year)


def working_days_after(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (the day of receipt is day 0)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def statutory_deadlines(received: dt.date) -> dict[str, str]:
    """The acknowledgement and stage 1 response dates for a complaint received on ``received``."""
    return {
        "acknowledge_by": working_days_after(received, ACKNOWLEDGE_WORKING_DAYS).isoformat(),
        "stage1_due": working_days_after(received, STAGE1_WORKING_DAYS).isoformat(),
        "stage1_extended_due": working_days_after(received, STAGE1_EXTENDED_WORKING_DAYS).isoformat(),
    }
