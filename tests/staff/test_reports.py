"""The reports pages, their CSV, ``intake report`` and the audit log, on real databases."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from sqlalchemy import select

from intake.advocacy.store import request_referral
from intake.extensions import vault
from intake.cases.models import Case
from intake.extensions import db
from intake.reports import FinancialYear, today_in_england
from intake.accounts.models import AuditEntry, StaffUser
from tests.advocacy.support import ANSWERS
from tests.queue.conftest import submit_cases
from tests.staff.conftest import make_staff

UTC = dt.timezone.utc
YEAR = "2026-27"
SUBMITTED = dt.datetime(2026, 5, 1, 10, 0, tzinfo=UTC)
DEADLINES = {"acknowledge_by": dt.date(2026, 5, 5), "stage1_due": dt.date(2026, 5, 15),
             "stage1_extended_due": dt.date(2026, 5, 29)}
PARENT = {"filer": "parent", "parental_responsibility": "yes", "young_person_age": 10}


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def submit(app, **answers) -> str:
    with app.app_context():
        before = set(db.session.execute(select(Case.id)).scalars())
    submit_cases(app, 1, **answers)
    with app.app_context():
        (new,) = set(db.session.execute(select(Case.id)).scalars()) - before
        return new


def adjust(app, case_id: str, **columns) -> None:
    with app.app_context():
        row = db.session.get(Case, case_id)
        for name, value in columns.items():
            setattr(row, name, value)
        db.session.commit()


@pytest.fixture
def cases(app):
    """Seven cases in 2026-27 whose tables are worked out by hand, and one in 2025-26."""
    later = today_in_england() + dt.timedelta(days=30)
    ids = {
        "y1": submit(app), "y2": submit(app), "s1": submit(app, topics=["school"]),
        "e1": submit(app, request="stage2_escalation"), "p1": submit(app, **PARENT),
        "p2": submit(app, **PARENT, topics=["placement", "disability_services"]),
        "a1": submit(app, filer="advocate", represents="young_person", consent="yes"),
        "y3": submit(app),
    }
    for key, case_id in ids.items():
        adjust(app, case_id, submitted_at=SUBMITTED, **DEADLINES,
               offer_advocacy=key in ("y1", "y2", "s1"),
               route={"s1": "school_procedure", "e1": "human_review"}.get(key, "statutory_stage1"))
    # Acknowledged at 23:30 British Summer Time on the deadline day, responded on the due date.
    adjust(app, ids["y1"], acknowledged_at=at("2026-05-05T22:30"),
           stage1_responded_at=at("2026-05-15T12:00"))
    with app.app_context():
        request_referral(db.session, vault(), db.session.get(Case, ids["y1"]), ANSWERS,
                         app.config["INTAKE_COUNCIL"], channel="web")
    # Acknowledged a day late; extended and answered within the extension; staff referral.
    adjust(app, ids["y2"], acknowledged_at=at("2026-05-06T09:00"), extended_at=at("2026-05-10T09:00"),
           stage1_responded_at=at("2026-05-29T12:00"), advocacy_referral_made_at=at("2026-05-02T09:00"))
    adjust(app, ids["s1"], language="cy")
    # p1: nothing done, both overdue. p2: nothing due yet.
    adjust(app, ids["p2"], acknowledge_by=later, stage1_due=later, stage1_extended_due=later)
    # Acknowledged on time, answered late without an extension.
    adjust(app, ids["a1"], channel="chat", acknowledged_at=at("2026-05-04T09:00"),
           stage1_responded_at=at("2026-05-20T09:00"))
    # 23:00 BST on 31 March 2026: the year before.
    adjust(app, ids["y3"], submitted_at=at("2026-03-31T22:00"))
    return ids


EXPECTED = {
    ("route", "statutory_stage1"): ("5", "71.4%"), ("route", "school_procedure"): ("1", "14.3%"),
    ("route", "human_review"): ("1", "14.3%"), ("route", "corporate"): ("0", "0.0%"),
    ("route", "all"): ("7", "100.0%"),
    ("stage", "new_complaint"): ("6", "85.7%"), ("stage", "stage2_escalation"): ("1", "14.3%"),
    ("who", "young_person"): ("4", "57.1%"), ("who", "on_behalf"): ("1", "14.3%"),
    ("who", "adult"): ("2", "28.6%"),
    ("filer", "young_person"): ("4", "57.1%"), ("filer", "parent"): ("2", "28.6%"),
    ("filer", "advocate"): ("1", "14.3%"),
    ("topic", "placement"): ("6", "85.7%"), ("topic", "school"): ("1", "14.3%"),
    ("topic", "disability_services"): ("1", "14.3%"),
    ("main_topic", "placement"): ("6", "85.7%"), ("main_topic", "school"): ("1", "14.3%"),
    ("status", "in_care"): ("7", "100.0%"), ("status", "disabled_children"): ("1", "14.3%"),
    ("status", "care_leaver"): ("0", "0.0%"),
    ("advocacy", "offered"): ("3", "42.9%"), ("advocacy", "taken_up"): ("2", "66.7%"),
    ("advocacy", "requested_by_young_person"): ("1", "33.3%"),
    ("advocacy", "referral_made_by_staff"): ("1", "33.3%"),
    ("advocacy", "taken_up_not_offered"): ("0", "0.0%"),
    ("acknowledgement", "on_time"): ("2", "40.0%"), ("acknowledgement", "late"): ("1", "20.0%"),
    ("acknowledgement", "overdue"): ("1", "20.0%"), ("acknowledgement", "pending"): ("1", "20.0%"),
    ("acknowledgement", "all"): ("5", "100.0%"),
    ("stage1", "on_time"): ("1", "20.0%"), ("stage1", "within_extension"): ("1", "20.0%"),
    ("stage1", "late"): ("1", "20.0%"), ("stage1", "overdue"): ("1", "20.0%"),
    ("stage1", "pending"): ("1", "20.0%"),
    ("channel", "web"): ("6", "85.7%"), ("channel", "chat"): ("1", "14.3%"),
    ("language", "en-GB"): ("6", "85.7%"), ("language", "cy"): ("1", "14.3%"),
}


def cell(html: str, table: str, row: str) -> tuple[str, str]:
    section = re.search(rf'<section class="app-report-section" id="table-{table}">(.*?)</section>',
                        html, re.S).group(1)
    found = re.search(rf'data-row="{re.escape(row)}">.*?data-cases>(\d+)</td>.*?data-percent>([^<]+)</td>',
                      section, re.S)
    assert found, (table, row)
    return found.group(1), found.group(2)


def actions(app, action: str) -> list[AuditEntry]:
    with app.app_context():
        return list(db.session.execute(select(AuditEntry).where(AuditEntry.action == action)
                                       .order_by(AuditEntry.id)).scalars())


# Reports -----------------------------------------------------------------------------------

def test_a_manager_sees_every_table_with_the_right_numbers(app, staff_client, cases):
    response = staff_client("manager").get(f"/staff/reports?year={YEAR}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for (table, row), expected in EXPECTED.items():
        assert cell(html, table, row) == expected, (table, row)
    assert "7 cases submitted in 2026-27" in html
    assert "must not identify anyone" in html
    assert "Disabled children: cases that raised the topic" in html
    assert html.count('<table class="govuk-table') == 12
    assert html.count("<caption") == 12 and 'scope="row"' in html and 'scope="col"' in html
    viewed = actions(app, "report_viewed")
    assert [json.loads(e.detail) for e in viewed] == [{"year": YEAR}]


def test_the_page_has_charts_and_no_inline_styles_or_scripts(staff_client, cases):
    html = staff_client("manager").get(f"/staff/reports?year={YEAR}").get_data(as_text=True)
    charts = re.findall(r"<svg class=\"app-chart\".*?</svg>", html, re.S)
    assert len(charts) == 3  # route, who made it, topics
    for chart in charts:
        assert 'role="img"' in chart and "<title id=" in chart and "aria-labelledby" in chart
    assert "Statutory complaint, stage 1</text>" in charts[0]
    assert " style=" not in html and "<style" not in html
    assert all('src="' in tag for tag in re.findall(r"<script[^>]*>", html))


def test_the_year_defaults_to_this_one_and_can_be_chosen(app, staff_client, cases):
    client = staff_client("manager")
    current = FinancialYear.containing(today_in_england())
    html = client.get("/staff/reports").get_data(as_text=True)
    assert f"Financial year {current.label}: {current.describe()}" in html
    assert f'<option value="{current.label}" selected>' in html
    assert '<option value="2025-26"' in html  # the year of the earliest case
    earlier = client.get("/staff/reports?year=2025-26").get_data(as_text=True)
    assert "1 case submitted in 2025-26" in earlier
    assert cell(earlier, "route", "statutory_stage1") == ("1", "100.0%")


@pytest.mark.parametrize("year", ["2026", "2026-28", "<script>", "9999-00", "x" * 500])
def test_a_bad_year_is_a_clear_error_not_a_crash(staff_client, year):
    client = staff_client("manager")
    response = client.get("/staff/reports", query_string={"year": year})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "There is a problem" in html and "<script>" not in html
    assert client.get("/staff/reports.csv", query_string={"year": year}).status_code == 400


def test_the_csv_export_has_every_table(app, staff_client, cases):
    response = staff_client("manager").get(f"/staff/reports.csv?year={YEAR}")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == f'attachment; filename="complaints-report-{YEAR}.csv"'
    assert response.headers["Cache-Control"] == "no-store"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    got = {(r["table"], r["row"]): (r["cases"], r["percent"] + "%") for r in rows}
    for key, expected in EXPECTED.items():
        assert got[key] == expected, key
    assert {r["financial_year"] for r in rows} == {YEAR}
    assert len({r["table"] for r in rows}) == 12
    assert [json.loads(e.detail) for e in actions(app, "report_exported")] == [
        {"format": "csv", "year": YEAR}]


@pytest.mark.parametrize("path", ["/staff/reports", "/staff/reports.csv", "/staff/audit",
                                  "/staff/cases/00000000-0000-0000-0000-000000000000/audit"])
def test_only_managers_may_see_reports_and_the_audit_log(app, staff_client, path):
    assert staff_client("officer").get(path).status_code == 403
    anonymous = app.test_client().get(path)
    assert anonymous.status_code == 302
    assert anonymous.headers["Location"].startswith("/staff/sign-in")
    assert staff_client("admin").get(path).status_code == 200
    assert staff_client("manager").get(path).status_code == 200


# intake report -----------------------------------------------------------------------------

def test_the_report_command_prints_the_same_tables(app, runner, cases):
    result = runner.invoke(args=["report", "--year", YEAR, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["financial_year"] == YEAR and data["cases"] == 7
    got = {(t["key"], r["key"]): (str(r["cases"]), f'{r["percent"]:.1f}%')
           for t in data["tables"] for r in t["rows"] if r["percent"] is not None}
    for key, expected in EXPECTED.items():
        assert got[key] == expected, key

    text = runner.invoke(args=["report", "--year", YEAR])
    assert text.exit_code == 0
    assert text.output.startswith(f"Annual report tables, financial year {YEAR}")
    assert re.search(r"^Statutory complaint, stage 1\s+5\s+71\.4%$", text.output, re.M)

    table = runner.invoke(args=["report", "--year", YEAR, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(table.output)))
    assert {(r["table"], r["row"]): r["cases"] for r in rows}[("stage1", "within_extension")] == "1"

    assert [json.loads(e.detail)["via"] for e in actions(app, "report_exported")] == ["cli"] * 3


def test_the_report_command_refuses_a_bad_year(runner):
    result = runner.invoke(args=["report", "--year", "2026-28"])
    assert result.exit_code == 2
    assert "The second year must follow the first" in result.output


def test_the_report_command_defaults_to_this_year(runner):
    result = runner.invoke(args=["report"])
    assert result.exit_code == 0
    assert FinancialYear.containing(today_in_england()).label in result.output.splitlines()[0]


# The audit log -----------------------------------------------------------------------------

@pytest.fixture
def log(app):
    """120 entries over two hours: a live case, a purged one, and two staff members."""
    case_id = submit(app)
    make_staff(app, "officer", email="olu@council.example")
    with app.app_context():
        reference = db.session.get(Case, case_id).reference
        officer = db.session.execute(select(StaffUser).where(StaffUser.email == "olu@council.example")).scalar_one()
        start = at("2026-06-01T09:00")
        for i in range(120):
            db.session.add(AuditEntry(
                at=start + dt.timedelta(minutes=i), staff_id=officer.id if i % 2 else None,
                action="case_viewed" if i % 3 else "note_added",
                case_id=case_id if i % 4 == 0 else "11111111-2222-3333-4444-555555555555",
                detail=json.dumps({"n": i})))
        db.session.commit()
        return {"case_id": case_id, "reference": reference, "officer": officer.id}


def entry_numbers(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<dt>n</dt> <dd>(\d+)</dd>', html)]


def test_the_audit_log_is_newest_first_and_paginated(app, staff_client, log):
    client = staff_client("manager")
    html = client.get("/staff/audit").get_data(as_text=True)
    rows = re.findall(r'<tr class="govuk-table__row" data-entry="(\d+)">', html)
    assert len(rows) == 50
    # The newest entries are the manager's own sign-in; then the 120, newest first.
    numbers = entry_numbers(html)
    assert numbers == list(range(119, 119 - len(numbers), -1))
    assert "Showing entries 1 to 50 of " in html
    assert 'class="govuk-pagination' in html and 'href="/staff/audit?page=2"' in html
    assert "Test Manager" in html and "manager0@council.example" in html
    assert "Test Officer" in html and "olu@council.example" in html
    assert "No one signed in" in html
    assert f'href="/staff/cases/{log["case_id"]}">{log["reference"]}</a>' in html
    assert "(no longer held)" in html

    # Each view adds its own entry, so the next page counts one more.
    total = int(re.search(r"of (\d+), newest first", html).group(1)) + 1
    last_page = -(-total // 50)
    last = client.get(f"/staff/audit?page={last_page}").get_data(as_text=True)
    assert f"Showing entries {(last_page - 1) * 50 + 1} to {total} of {total}," in last
    assert 'aria-current="page"' in last and 'rel="prev"' in last and 'rel="next"' not in last
    assert entry_numbers(last)[-1] == 0  # the oldest of the 120 comes last
    beyond = client.get("/staff/audit?page=999").get_data(as_text=True)
    assert f"Showing entries {(last_page - 1) * 50 + 1} to {total + 1} of {total + 1}," in beyond
    assert client.get("/staff/audit?page=abc").status_code == 200


def test_the_audit_log_filters_by_case_staff_member_and_action(app, staff_client, log):
    client = staff_client("manager")
    by_case = client.get(f"/staff/audit?case={log['case_id']}").get_data(as_text=True)
    assert entry_numbers(by_case) == list(range(116, -1, -4))
    assert "Showing entries 1 to 30 of 30" in by_case
    by_reference = client.get(f"/staff/audit?case={log['reference'].lower()}").get_data(as_text=True)
    assert entry_numbers(by_reference) == entry_numbers(by_case)

    by_staff = client.get(f"/staff/audit?staff={log['officer']}").get_data(as_text=True)
    assert "of 60, newest first" in by_staff
    assert all(n % 2 for n in entry_numbers(by_staff))
    nobody = client.get("/staff/audit?staff=none&action=note_added").get_data(as_text=True)
    assert entry_numbers(nobody) == [n for n in range(119, -1, -1) if n % 2 == 0 and n % 3 == 0]

    by_action = client.get("/staff/audit?action=note_added&page=1").get_data(as_text=True)
    assert entry_numbers(by_action) == [n for n in range(119, -1, -1) if n % 3 == 0]
    assert '<option value="note_added" selected>' in by_action

    paged = client.get(f"/staff/audit?staff={log['officer']}").get_data(as_text=True)
    assert f'href="/staff/audit?staff={log["officer"]}&amp;page=2"' in paged

    bad = client.get("/staff/audit?staff=abc")
    assert bad.status_code == 400 and "Choose a staff member from the list" in bad.get_data(as_text=True)
    assert client.get("/staff/audit", query_string={"case": "x" * 37}).status_code == 400

    viewed = [json.loads(e.detail) | {"case": e.case_id} for e in actions(app, "audit_viewed")]
    assert viewed[0] == {"page": 1, "case": log["case_id"]}
    assert {"page": 1, "staff_id": log["officer"], "case": None} in viewed
    assert {"page": 1, "action": "note_added", "case": None} in viewed


def test_one_cases_audit_entries(app, staff_client, log):
    client = staff_client("manager")
    response = client.get(f"/staff/cases/{log['case_id']}/audit")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert entry_numbers(html) == list(range(116, -1, -4))
    assert f"Case {log['reference']}" in html and "Audit log for this case" in html
    only_notes = client.get(f"/staff/cases/{log['case_id']}/audit?action=note_added").get_data(as_text=True)
    assert entry_numbers(only_notes) == [n for n in range(116, -1, -4) if n % 3 == 0]
    assert client.get("/staff/cases/nothing-here/audit").get_data(as_text=True).count("No entries match") == 1
    assert client.get(f"/staff/cases/{'x' * 40}/audit").status_code == 404
    case_views = [e for e in actions(app, "audit_viewed") if e.case_id == log["case_id"]]
    assert len(case_views) == 2


def test_viewing_the_audit_log_is_itself_audited_and_shown_next_time(app, staff_client):
    client = staff_client("manager")
    client.get("/staff/audit")
    html = client.get("/staff/audit").get_data(as_text=True)
    assert "<code class=\"app-audit-table__action\">audit_viewed</code>" in html
    assert len(actions(app, "audit_viewed")) == 2


@pytest.mark.parametrize("query", ["staff=" + "9" * 25, "staff=\u00b2", "staff=1%00", "page=" + "9" * 30,
                                   "case=%00abc", "action=signed_in%00"])
def test_odd_audit_filters_get_a_message_or_the_first_page_never_a_server_error(app, staff_client, query):
    response = staff_client("manager").get(f"/staff/audit?{query}")
    assert response.status_code in (200, 400)
    if query.startswith("staff=") and "%00" not in query:  # a NUL is removed: "1" is a choice
        assert "Choose a staff member from the list" in response.get_data(as_text=True)
