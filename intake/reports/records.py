"""Loading the report's records: the plain columns of each case (nothing sealed is opened).

SQLAlchemy only, no Flask: the staff pages and ``intake report`` pass their session, so
both count exactly the same cases.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from intake import calendar
from intake.advocacy.store import REQUESTED as ADVOCACY_REQUESTED
from intake.cases.models import Case, OutboxEvent
from intake.reports.tables import CaseRecord, split_ids
from intake.reports.years import FinancialYear, years_between


def records_for_year(session, year: FinancialYear) -> list[CaseRecord]:
    """The plain columns of the cases submitted in ``year`` (nothing is decrypted).

    The query takes a day either side in UTC (SQLite compares stored UTC text); the exact
    boundary, midnight in England, is applied by ``build_report``.
    """
    start = dt.datetime.combine(year.first_day - dt.timedelta(days=1), dt.time(), dt.timezone.utc)
    end = dt.datetime.combine(year.last_day + dt.timedelta(days=2), dt.time(), dt.timezone.utc)
    requested = select(OutboxEvent.id).where(
        OutboxEvent.case_id == Case.id, OutboxEvent.type == ADVOCACY_REQUESTED).exists()
    rows = session.execute(select(
        Case.submitted_at, Case.route, Case.request, Case.channel, Case.language, Case.filer,
        Case.represents, Case.main_topic, Case.topics, Case.statuses, Case.offer_advocacy,
        requested.label("advocacy_requested"), Case.advocacy_referral_made_at,
        Case.acknowledge_by, Case.stage1_due, Case.stage1_extended_due, Case.acknowledged_at,
        Case.extended_at, Case.stage1_responded_at,
    ).where(Case.submitted_at >= start, Case.submitted_at < end)).all()
    return [CaseRecord(**(row._asdict() | {
        "topics": split_ids(row.topics), "statuses": split_ids(row.statuses),
        "offer_advocacy": bool(row.offer_advocacy),
        "advocacy_requested": bool(row.advocacy_requested),
    })) for row in rows]


def year_choices(session, chosen: FinancialYear) -> list[FinancialYear]:
    """From the year of the first case to this year (and the chosen one), newest first."""
    current = FinancialYear.containing(calendar.today())
    first_case = session.execute(select(func.min(Case.submitted_at))).scalar()
    first = FinancialYear.containing(calendar.local_date(first_case)) if first_case else current
    return years_between(min(first, current, chosen), max(current, chosen))
