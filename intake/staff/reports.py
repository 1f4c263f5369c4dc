"""The annual-report tables and the audit log.

The tables themselves come from the pure ``intake.reports``; this module only loads the
plain case columns for a year, and renders or exports the result. Managers only, and every
view or export is itself audited.
"""

from __future__ import annotations

import datetime as dt
import json

from flask import Response, abort, g, render_template, request, url_for
from sqlalchemy import func, select

from intake.cases.models import Case, OutboxEvent
from intake.extensions import db
from intake.reports import (
    LONDON, CaseRecord, FinancialYear, bar_chart, build_report, cases_phrase, format_percent,
    local_date, split_ids, to_csv, today_in_england, years_between,
)
from intake.staff import bp
from intake.staff.auth import audit, requires
from intake.staff.models import AuditEntry, StaffUser

ADVOCACY_REQUESTED = "advocacy.referral_requested"
AUDIT_PAGE_SIZE = 50


# Loading the records -----------------------------------------------------------------------

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
    current = FinancialYear.containing(today_in_england())
    first_case = session.execute(select(func.min(Case.submitted_at))).scalar()
    first = FinancialYear.containing(local_date(first_case)) if first_case else current
    return years_between(min(first, current, chosen), max(current, chosen))


def _chosen_year() -> tuple[FinancialYear, str | None]:
    text = request.args.get("year")
    current = FinancialYear.containing(today_in_england())
    if not text:
        return current, None
    try:
        return FinancialYear.parse(text), None
    except ValueError as exc:
        return current, str(exc)


# Reports -----------------------------------------------------------------------------------

@bp.get("/reports")
@requires("manager")
def reports():
    year, error = _chosen_year()
    report = None
    if error is None:
        report = build_report(records_for_year(db.session, year), year)
        audit("report_viewed", detail={"year": year.label})
        db.session.commit()
    return render_template(
        "staff/reports.html", staff=g.staff, report=report, year=year, error=error,
        years=year_choices(db.session, year), format_percent=format_percent,
        bar_chart=bar_chart, cases_phrase=cases_phrase,
    ), (400 if error else 200)


@bp.get("/reports.csv")
@requires("manager")
def reports_csv():
    year, error = _chosen_year()
    if error:
        return Response(f"{error}\n", status=400, mimetype="text/plain")
    report = build_report(records_for_year(db.session, year), year)
    audit("report_exported", detail={"year": year.label, "format": "csv"})
    db.session.commit()
    return Response(to_csv(report), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="complaints-report-{year.label}.csv"'})


# The audit log -----------------------------------------------------------------------------

def page_numbers(current: int, last: int) -> list[int | None]:
    """Page numbers for GOV.UK pagination: the first, the last, and those next to the
    current one; ``None`` marks a gap (shown as an ellipsis)."""
    wanted = {1, last, current - 1, current, current + 1}
    numbers: list[int | None] = []
    for number in range(1, last + 1):
        if number in wanted:
            if numbers and numbers[-1] is not None and numbers[-1] != number - 1:
                numbers.append(None)
            numbers.append(number)
    return numbers


def _detail(text: str) -> list[tuple[str, str]] | str:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return text
    if not isinstance(value, dict):
        return text
    return [(key, val if isinstance(val, str) else json.dumps(val)) for key, val in sorted(value.items())]


def _when(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    local = moment.astimezone(LONDON)
    return f"{local.day} {local:%B %Y}, {local:%H:%M:%S}"


def _filters(fixed_case: str | None) -> tuple[dict, list[dict]]:
    """The filters asked for, and any errors (as GOV.UK error summary items)."""
    errors = []
    chosen = {"case": "", "staff": "", "action": "", "case_id": fixed_case}
    if fixed_case is None:
        text = (request.args.get("case") or "").strip()
        chosen["case"] = text
        if len(text) > 36:
            errors.append({"text": "Enter a case ID or reference of 36 characters or fewer",
                           "href": "#case"})
        elif text:
            by_reference = db.session.execute(
                select(Case.id).where(Case.reference == text.upper())).scalar()
            chosen["case_id"] = by_reference or text
    who = (request.args.get("staff") or "").strip()
    chosen["staff"] = who
    if who and who != "none" and not who.isdigit():
        errors.append({"text": "Choose a staff member from the list", "href": "#staff"})
    action = (request.args.get("action") or "").strip()
    chosen["action"] = action
    if len(action) > 50:
        errors.append({"text": "Choose an action from the list", "href": "#action"})
    return chosen, errors


def _audit_page(fixed_case: str | None = None):
    chosen, errors = _filters(fixed_case)
    conditions = []
    if chosen["case_id"]:
        conditions.append(AuditEntry.case_id == chosen["case_id"])
    if chosen["staff"] == "none":
        conditions.append(AuditEntry.staff_id.is_(None))
    elif chosen["staff"].isdigit():
        conditions.append(AuditEntry.staff_id == int(chosen["staff"]))
    if chosen["action"]:
        conditions.append(AuditEntry.action == chosen["action"])

    try:
        page = max(1, int(request.args.get("page") or 1))
    except ValueError:
        page = 1
    entries, total, last = [], 0, 1
    if not errors:
        total = db.session.execute(
            select(func.count()).select_from(AuditEntry).where(*conditions)).scalar_one()
        last = max(1, -(-total // AUDIT_PAGE_SIZE))
        page = min(page, last)
        rows = db.session.execute(
            select(AuditEntry, StaffUser.name, StaffUser.email, Case.reference)
            .outerjoin(StaffUser, StaffUser.id == AuditEntry.staff_id)
            .outerjoin(Case, Case.id == AuditEntry.case_id)
            .where(*conditions)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .limit(AUDIT_PAGE_SIZE).offset((page - 1) * AUDIT_PAGE_SIZE)).all()
        entries = [{
            "id": entry.id, "when": _when(entry.at), "iso": _iso(entry.at),
            "name": name, "email": email, "staff_id": entry.staff_id, "action": entry.action,
            "case_id": entry.case_id, "reference": reference, "detail": _detail(entry.detail),
        } for entry, name, email, reference in rows]
        known_actions = _actions()
        audit("audit_viewed", case_id=chosen["case_id"] or None, detail={
            "page": page,
            **({"staff_id": int(chosen["staff"]) if chosen["staff"].isdigit() else chosen["staff"]}
               if chosen["staff"] else {}),
            **({"action": chosen["action"]} if chosen["action"] in known_actions else {}),
        })
        db.session.commit()

    def link(number: int) -> str:
        args = {k: v for k, v in (("case", chosen["case"]), ("staff", chosen["staff"]),
                                  ("action", chosen["action"])) if v and not (k == "case" and fixed_case)}
        if number > 1:
            args["page"] = number
        return url_for(request.endpoint, **(request.view_args or {}), **args)

    pagination = None
    if last > 1:
        pagination = {
            "items": [{"ellipsis": True} if n is None else
                      {"number": n, "href": link(n), "current": n == page}
                      for n in page_numbers(page, last)],
            "previous": {"href": link(page - 1)} if page > 1 else None,
            "next": {"href": link(page + 1)} if page < last else None,
        }
    staff_members = db.session.execute(
        select(StaffUser.id, StaffUser.name, StaffUser.email).order_by(StaffUser.name, StaffUser.email)).all()
    return render_template(
        "staff/audit.html", staff=g.staff, entries=entries, total=total, page=page,
        first=(page - 1) * AUDIT_PAGE_SIZE + 1, last_shown=(page - 1) * AUDIT_PAGE_SIZE + len(entries),
        pagination=pagination, chosen=chosen, errors=errors, fixed_case=fixed_case,
        staff_members=staff_members, actions=_actions(),
        case_reference=_reference(fixed_case) if fixed_case else None,
    ), (400 if errors else 200)


def _iso(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="seconds")


def _actions() -> list[str]:
    return list(db.session.execute(
        select(AuditEntry.action).distinct().order_by(AuditEntry.action)).scalars())


def _reference(case_id: str) -> str | None:
    return db.session.execute(select(Case.reference).where(Case.id == case_id)).scalar()


@bp.get("/audit")
@requires("manager")
def audit_log():
    return _audit_page()


@bp.get("/cases/<case_id>/audit")
@requires("manager")
def case_audit_log(case_id: str):
    if len(case_id) > 36:
        abort(404)
    return _audit_page(fixed_case=case_id)
