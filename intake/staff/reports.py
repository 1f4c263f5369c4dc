"""The annual-report pages and the audit log: views only.

The tables, the records they are computed from and the financial year all come from the
``intake.reports`` package; this module reads the request, renders or exports the result
and audits it. Managers only, and every view or export is itself audited.
"""

from __future__ import annotations

import datetime as dt
import json

from flask import Response, abort, g, render_template, request, url_for
from sqlalchemy import func, select

from intake import calendar
from intake.accounts.audit import audit
from intake.accounts.models import AuditEntry, StaffUser
from intake.cases.models import Case, as_utc
from intake.extensions import db
from intake.inputs import whole_number, without_controls
from intake.reports import FinancialYear, bar_chart, build_report, cases_phrase, format_percent, to_csv
from intake.reports.records import records_for_year, year_choices
from intake.staff.auth import requires
from intake.staff.blueprint import bp

AUDIT_PAGE_SIZE = 50


# Reports -----------------------------------------------------------------------------------

def _chosen_year() -> tuple[FinancialYear, str | None]:
    """The year asked for (this one by default), or this one and why the asked one is wrong."""
    text = request.args.get("year")
    current = FinancialYear.containing(calendar.today())
    if not text:
        return current, None
    try:
        return FinancialYear.parse(text), None
    except ValueError as exc:
        return current, str(exc)


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


# The audit log: what was asked for ---------------------------------------------------------

def _filters(fixed_case: str | None) -> tuple[dict, list[dict]]:
    """The filters asked for, and any errors (as GOV.UK error summary items)."""
    errors = []
    chosen = {"case": "", "staff": "", "action": "", "case_id": fixed_case}
    if fixed_case is None:
        text = without_controls(request.args.get("case")).strip()
        chosen["case"] = text
        if len(text) > 36:
            errors.append({"text": "Enter a case ID or reference of 36 characters or fewer",
                           "href": "#case"})
        elif text:
            by_reference = db.session.execute(
                select(Case.id).where(Case.reference == text.upper())).scalar()
            chosen["case_id"] = by_reference or text
    who = without_controls(request.args.get("staff")).strip()[:20]
    chosen["staff"] = who
    if who and who != "none" and whole_number(who) is None:
        errors.append({"text": "Choose a staff member from the list", "href": "#staff"})
    action = without_controls(request.args.get("action")).strip()
    chosen["action"] = action
    if len(action) > 50:
        errors.append({"text": "Choose an action from the list", "href": "#action"})
    return chosen, errors


def _conditions(chosen: dict) -> list:
    """The checked filters as SQL conditions ("none" is a command, with no staff member)."""
    conditions = []
    if chosen["case_id"]:
        conditions.append(AuditEntry.case_id == chosen["case_id"])
    if chosen["staff"] == "none":
        conditions.append(AuditEntry.staff_id.is_(None))
    elif whole_number(chosen["staff"]) is not None:
        conditions.append(AuditEntry.staff_id == whole_number(chosen["staff"]))
    if chosen["action"]:
        conditions.append(AuditEntry.action == chosen["action"])
    return conditions


def _page_asked() -> int:
    """The page number in the address; anything that is not one means the first page."""
    return whole_number(request.args.get("page"), largest=10**6) or 1


# The audit log: the entries ----------------------------------------------------------------

def _detail(text: str) -> list[tuple[str, str]] | str:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return text
    if not isinstance(value, dict):
        return text
    return [(key, val if isinstance(val, str) else json.dumps(val)) for key, val in sorted(value.items())]


def _iso(moment: dt.datetime) -> str:
    return as_utc(moment).isoformat(timespec="seconds")


def _entry(entry: AuditEntry, name: str | None, email: str | None, reference: str | None) -> dict:
    """One line of the log as the page shows it: when in England (and exactly, in UTC)."""
    return {"id": entry.id, "when": calendar.exact_time(entry.at), "iso": _iso(entry.at),
            "name": name, "email": email, "staff_id": entry.staff_id, "action": entry.action,
            "case_id": entry.case_id, "reference": reference, "detail": _detail(entry.detail)}


def _entries(conditions: list, page: int) -> tuple[int, list[dict], int, int]:
    """One page of the matching entries, newest first, as (page, entries, total, last page);
    a page past the end shows the last one."""
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
    return page, [_entry(*row) for row in rows], total, last


def _record_viewing(chosen: dict, page: int) -> None:
    """Reading the log is audited too, with its filters; an action is kept only if the log
    already knows it, so nothing a person typed is stored."""
    known_actions = _actions()
    who = chosen["staff"]
    audit("audit_viewed", case_id=chosen["case_id"] or None, detail={
        "page": page,
        **({"staff_id": int(who) if who.isdigit() else who} if who else {}),
        **({"action": chosen["action"]} if chosen["action"] in known_actions else {}),
    })
    db.session.commit()


def _actions() -> list[str]:
    return list(db.session.execute(
        select(AuditEntry.action).distinct().order_by(AuditEntry.action)).scalars())


def _reference(case_id: str) -> str | None:
    return db.session.execute(select(Case.reference).where(Case.id == case_id)).scalar()


def _staff_members() -> list:
    """Everyone who has an account, for the "staff member" filter."""
    return db.session.execute(select(StaffUser.id, StaffUser.name, StaffUser.email)
                              .order_by(StaffUser.name, StaffUser.email)).all()


# The audit log: paging ---------------------------------------------------------------------

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


def _page_link(chosen: dict, fixed_case: str | None, number: int) -> str:
    """This page's address with the same filters (a case page keeps its case in the path)."""
    args = {k: v for k, v in (("case", chosen["case"]), ("staff", chosen["staff"]),
                              ("action", chosen["action"])) if v and not (k == "case" and fixed_case)}
    if number > 1:
        args["page"] = number
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def _pagination(chosen: dict, fixed_case: str | None, page: int, last: int) -> dict | None:
    """The GOV.UK pagination component's items, or None when everything fits on one page."""
    if last <= 1:
        return None

    def link(number: int) -> str:
        return _page_link(chosen, fixed_case, number)

    return {
        "items": [{"ellipsis": True} if n is None else
                  {"number": n, "href": link(n), "current": n == page}
                  for n in page_numbers(page, last)],
        "previous": {"href": link(page - 1)} if page > 1 else None,
        "next": {"href": link(page + 1)} if page < last else None,
    }


# The audit log: the pages ------------------------------------------------------------------

def _audit_page(fixed_case: str | None = None):
    """The whole log, or one case's entries (``fixed_case``), filtered and a page at a time."""
    chosen, errors = _filters(fixed_case)
    page, entries, total, last = _page_asked(), [], 0, 1
    if not errors:
        page, entries, total, last = _entries(_conditions(chosen), page)
        _record_viewing(chosen, page)
    return render_template(
        "staff/audit.html", staff=g.staff, entries=entries, total=total, page=page,
        first=(page - 1) * AUDIT_PAGE_SIZE + 1, last_shown=(page - 1) * AUDIT_PAGE_SIZE + len(entries),
        pagination=_pagination(chosen, fixed_case, page, last), chosen=chosen, errors=errors,
        fixed_case=fixed_case, staff_members=_staff_members(), actions=_actions(),
        case_reference=_reference(fixed_case) if fixed_case else None,
    ), (400 if errors else 200)


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
