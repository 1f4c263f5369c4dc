"""Dates in England: the time zone, today, working days and the statutory clocks of the
2006 Regulations. Every rule about dates lives here (pure: no Flask).

Reg 2: a working day is any day except a Saturday, a Sunday, Christmas Day, Good Friday
or a bank holiday in England (substitute and proclaimed days included), which is exactly
what the maintained ``holidays`` calendar for England provides.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

#: The council's clock: receipt dates, deadlines and "today" are days in England.
LONDON = ZoneInfo("Europe/London")

ACKNOWLEDGE_WORKING_DAYS = 2  # the strictest common council standard (domain.md 4.2)
STAGE1_WORKING_DAYS = 10  # reg 14
STAGE1_EXTENDED_WORKING_DAYS = 20  # reg 14: up to 10 more for complex cases
# Escalations (shared/contracts/case-lifecycle.yml `clocks`).
STAGE2_WORKING_DAYS = 25  # reg 17: from the agreed statement of complaint (provisional until then)
STAGE2_EXTENDED_WORKING_DAYS = 65  # reg 17(5)
STAGE3_PANEL_WORKING_DAYS = 30  # reg 19: the review panel meets within 30 working days
ESCALATION_WINDOW_WORKING_DAYS = 20  # a later request is late: a person decides, never refused


def now() -> dt.datetime:
    """The time now in England (for a form that suggests it)."""
    return dt.datetime.now(LONDON)


def today() -> dt.date:
    """Today's date in England (not the server's, which may run on UTC)."""
    return now().date()


def local(moment: dt.datetime | None) -> dt.datetime | None:
    """A stored moment in England's time (naive moments are UTC, as SQLite returns them)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(LONDON)


def local_date(moment: dt.datetime | None) -> dt.date | None:
    """The date in England of a stored moment."""
    return local(moment).date() if moment is not None else None


def utc_iso(moment: dt.datetime) -> str:
    """A moment as documents and events carry it: UTC, ISO 8601, ``Z`` (naive means UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")


def from_local(day: dt.date, hour: int, minute: int) -> dt.datetime:
    """The moment (in UTC, as stored) of a time of day in England, as staff type it."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON).astimezone(
        dt.timezone.utc)


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


def working_days_between(due: dt.date, on: dt.date) -> int:
    """Working days left on ``on`` until ``due``: those after ``on`` up to and including
    ``due``. Once ``due`` has passed, minus the working days after ``due`` up to and
    including ``on`` (so a deadline missed on Friday is 1 behind on Monday)."""
    first, last, sign = (on, due, 1) if due >= on else (due, on, -1)
    count, day = 0, first
    while day < last:
        day += dt.timedelta(days=1)
        count += is_working_day(day)
    return sign * count


def stage1_deadline(case) -> dt.date | None:
    """The stage 1 response date that applies to ``case`` (a case row or a report record):
    the extended one once an extension has been agreed (reg 14), otherwise the first."""
    return case.stage1_extended_due if case.extended_at is not None else case.stage1_due


def statutory_deadlines(received: dt.date) -> dict[str, str]:
    """The acknowledgement and stage 1 response dates for a complaint received on ``received``."""
    return {
        "acknowledge_by": working_days_after(received, ACKNOWLEDGE_WORKING_DAYS).isoformat(),
        "stage1_due": working_days_after(received, STAGE1_WORKING_DAYS).isoformat(),
        "stage1_extended_due": working_days_after(received, STAGE1_EXTENDED_WORKING_DAYS).isoformat(),
    }


def escalation_deadlines(to_stage: int, requested: dt.date) -> dict[str, str]:
    """The clocks for a request for stage 2 or 3 made on ``requested`` (never stage 1's).

    ``stage2_due`` is provisional: it runs from the agreed statement of complaint once
    there is one (the contract's ``statement_agreed``), from the request until then.
    """
    acknowledge = working_days_after(requested, ACKNOWLEDGE_WORKING_DAYS).isoformat()
    if to_stage == 2:
        return {"acknowledge_by": acknowledge,
                "stage2_due": working_days_after(requested, STAGE2_WORKING_DAYS).isoformat(),
                "stage2_extended_due": working_days_after(
                    requested, STAGE2_EXTENDED_WORKING_DAYS).isoformat()}
    if to_stage == 3:
        return {"acknowledge_by": acknowledge,
                "stage3_panel_due": working_days_after(
                    requested, STAGE3_PANEL_WORKING_DAYS).isoformat()}
    raise ValueError(f"no escalation to stage {to_stage}")


def escalation_is_late(answered: dt.date | None, requested: dt.date) -> bool:
    """Asked more than 20 working days after the previous stage's answer (flagged for a
    person; the right to escalate is never taken away by the machine)."""
    if answered is None:
        return False
    return working_days_between(requested, answered) > ESCALATION_WINDOW_WORKING_DAYS


# Dates in words, as the complaints team and the annual report read them (English) ------------

def long_date(day: dt.date | None) -> str:
    """27 March 2026."""
    return f"{day.day} {day:%B %Y}" if day else ""


def full_date(day: dt.date | None) -> str:
    """Friday 27 March 2026 (a deadline reads best with its weekday)."""
    return f"{day:%A} {long_date(day)}" if day else ""


def short_date(day: dt.date | None) -> str:
    """27 Mar 2026 (for tables)."""
    return f"{day.day} {day:%b %Y}" if day else ""


def date_time(moment: dt.datetime | None) -> str:
    """27 March 2026 at 2:30pm, in England, for a stored moment."""
    at = local(moment)
    if at is None:
        return ""
    hour = at.hour % 12 or 12
    return f"{long_date(at)} at {hour}:{at:%M}{'am' if at.hour < 12 else 'pm'}"


def exact_time(moment: dt.datetime) -> str:
    """27 March 2026, 14:30:05, in England (the audit log, where seconds matter)."""
    at = local(moment)
    return f"{long_date(at)}, {at:%H:%M:%S}"
