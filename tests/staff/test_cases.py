"""The intake queue, the case page and triage, on real cases in both databases."""

from __future__ import annotations

import datetime as dt
import json
import re
from zoneinfo import ZoneInfo

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from sqlalchemy import select, update

from intake.advocacy.store import request_referral
from intake import calendar
from intake.calendar import full_date, is_working_day
from intake.cases.models import Case, OutboxEvent, utcnow
from intake.cases.schema import case_schema
from intake.extensions import db
from intake.accounts.models import AuditEntry, CaseNote
from tests.advocacy.support import ANSWERS
from tests.queue.conftest import submit_cases
from tests.staff.conftest import csrf

VALIDATOR = Draft202012Validator(case_schema(), format_checker=FormatChecker())
LONDON = ZoneInfo("Europe/London")
NOT_SAFE = {"safe_now": "no"}  # an urgent safeguarding case


def today() -> dt.date:
    return dt.datetime.now(LONDON).date()


def new_case(app, **answers) -> str:
    """A real case through assess(), the builder and the store; returns its id."""
    event_id = submit_cases(app, 1, **answers)[0]
    with app.app_context():
        return db.session.get(OutboxEvent, event_id).case_id


def change(app, case_id: str, **columns) -> None:
    """Shift a stored case (dates, channel...) as if time had passed or it came another way."""
    with app.app_context():
        db.session.execute(update(Case).where(Case.id == case_id).values(**columns))
        db.session.commit()


def stored(app, case_id: str) -> Case:
    with app.app_context():
        row = db.session.get(Case, case_id)
        db.session.expunge(row)
        return row


def audit_actions(app, case_id: str) -> list[str]:
    with app.app_context():
        return list(db.session.execute(select(AuditEntry.action).where(AuditEntry.case_id == case_id)
                                       .order_by(AuditEntry.id)).scalars())


def triaged_events(app, case_id: str) -> list[dict]:
    vault = app.extensions["intake_vault"]
    with app.app_context():
        rows = db.session.execute(select(OutboxEvent).where(
            OutboxEvent.case_id == case_id, OutboxEvent.type == "case.triaged")
            .order_by(OutboxEvent.created_at, OutboxEvent.id)).scalars().all()
        return [vault.open(r.sealed) for r in rows]


def queue_order(page: str) -> list[str]:
    return re.findall(r'data-testid="case-row" data-case-id="([^"]+)"', page)


def row_html(page: str, case_id: str) -> str:
    start = page.index(f'data-case-id="{case_id}"')
    return page[start:page.index("</tr>", start)]


def post(client, url: str, data: dict | None = None):
    return client.post(url, data={"csrf_token": csrf(client, "/staff/")} | (data or {}))


@pytest.fixture
def officer(staff_client):
    return staff_client("officer")


# Who may see it ------------------------------------------------------------------------------

def test_anonymous_people_are_sent_to_sign_in(app):
    case_id = new_case(app)
    client = app.test_client()
    for url in ("/staff/", f"/staff/cases/{case_id}"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/staff/sign-in")
    app.config["WTF_CSRF_ENABLED"] = False
    try:
        response = client.post(f"/staff/cases/{case_id}/acknowledged")
    finally:
        app.config["WTF_CSRF_ENABLED"] = True
    assert response.headers["Location"].startswith("/staff/sign-in")
    assert stored(app, case_id).acknowledged_at is None


def test_every_queue_and_triage_view_needs_an_officer(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "staff.queue" or rule.endpoint.startswith(("staff.case_page", "staff.triage_")):
            assert getattr(app.view_functions[rule.endpoint], "required_role", None) == "officer", rule


def test_an_unknown_case_is_not_found(officer):
    assert officer.get("/staff/cases/no-such-case").status_code == 404
    assert post(officer, "/staff/cases/no-such-case/notes", {"note": "x"}).status_code == 404


# The queue -----------------------------------------------------------------------------------

def test_the_queue_shows_urgent_cases_first_then_the_earliest_open_deadline(app, officer):
    later, sooner, acknowledged = new_case(app), new_case(app), new_case(app)
    urgent = new_case(app, **NOT_SAFE)
    on = today()
    change(app, later, acknowledge_by=on + dt.timedelta(days=9))
    change(app, sooner, acknowledge_by=on + dt.timedelta(days=3))
    # Acknowledged: its open deadline is now the stage 1 date, which falls between the two.
    change(app, acknowledged, acknowledged_at=utcnow(), status="acknowledged",
           acknowledge_by=on - dt.timedelta(days=30), stage1_due=on + dt.timedelta(days=5))
    change(app, urgent, acknowledge_by=on + dt.timedelta(days=20))
    assert stored(app, urgent).urgent
    page = officer.get("/staff/").get_data(as_text=True)
    assert queue_order(page) == [urgent, sooner, acknowledged, later]


def test_an_extended_case_is_ordered_by_its_extended_date(app, officer):
    extended, other = new_case(app), new_case(app)
    on = today()
    change(app, extended, acknowledged_at=utcnow(), extended_at=utcnow(), status="acknowledged",
           stage1_due=on - dt.timedelta(days=1), stage1_extended_due=on + dt.timedelta(days=10))
    change(app, other, acknowledge_by=on + dt.timedelta(days=2))
    page = officer.get("/staff/").get_data(as_text=True)
    assert queue_order(page) == [other, extended]
    assert "Overdue" not in row_html(page, extended)


def test_overdue_and_due_today_cases_are_marked_in_words(app, officer):
    overdue, due_today, fine = new_case(app), new_case(app), new_case(app)
    on = today()
    change(app, overdue, acknowledge_by=on - dt.timedelta(days=1))
    change(app, due_today, acknowledge_by=on)
    change(app, fine, acknowledge_by=on + dt.timedelta(days=7))
    page = officer.get("/staff/").get_data(as_text=True)
    assert ">Overdue<" in row_html(page, overdue) and "Due today" not in row_html(page, overdue)
    assert ">Due today<" in row_html(page, due_today) and "Overdue" not in row_html(page, due_today)
    assert "Overdue" not in row_html(page, fine) and "Due today" not in row_html(page, fine)
    case_page = officer.get(f"/staff/cases/{overdue}").get_data(as_text=True)
    assert 'data-testid="overdue"' in case_page


def test_the_counts_cover_open_cases(app, officer):
    on = today()
    urgent = new_case(app, **NOT_SAFE)
    overdue = new_case(app)
    due_today = new_case(app)
    review = new_case(app, topics=["other"])  # the engine wants a person to decide
    closed = new_case(app)
    change(app, urgent, acknowledge_by=on + dt.timedelta(days=5))
    change(app, overdue, acknowledge_by=on - dt.timedelta(days=2))
    change(app, due_today, acknowledge_by=on)
    change(app, review, acknowledge_by=on + dt.timedelta(days=5))
    change(app, closed, status="responded", stage1_responded_at=utcnow(), acknowledge_by=on - dt.timedelta(days=9))
    with app.app_context():
        needing_review = db.session.execute(select(Case.id).where(
            Case.needs_review, Case.status.in_(("new", "acknowledged")))).scalars().all()
    page = officer.get("/staff/").get_data(as_text=True)

    def count(name):
        return int(re.search(rf'data-testid="count-{name}">(\d+)<', page).group(1))

    assert count("open") == 4
    assert count("urgent") == 1
    assert count("overdue") == 1
    assert count("due-today") == 1
    assert review in needing_review
    assert count("needs-review") == len(needing_review)
    assert closed not in queue_order(page)


@pytest.fixture
def mixed_cases(app):
    """Cases that differ in every way the queue filters on."""
    vault = app.extensions["intake_vault"]
    plain = new_case(app)
    school = new_case(app, topics=["school", "money"])
    chat = new_case(app)
    change(app, chat, channel="chat", language="cy", filer="parent")
    responded = new_case(app)
    change(app, responded, status="responded", stage1_responded_at=utcnow())
    with app.app_context():
        request_referral(db.session, vault, db.session.get(Case, plain), ANSWERS,
                         app.config["INTAKE_COUNCIL"], channel="web")
    return {"plain": plain, "school": school, "chat": chat, "responded": responded,
            "school_route": stored(app, school).route}


@pytest.mark.parametrize("query, expected", [
    ("", {"plain", "school", "chat"}),
    ("status=responded", {"responded"}),
    ("status=all", {"plain", "school", "chat", "responded"}),
    ("topic=school", {"school"}),
    ("topic=money", {"school"}),
    ("topic=placement", {"plain", "chat"}),
    ("channel=chat", {"chat"}),
    ("channel=web", {"plain", "school"}),
    ("language=cy", {"chat"}),
    ("filer=parent", {"chat"}),
    ("filer=young_person", {"plain", "school"}),
    ("advocacy=yes", {"plain"}),
    ("advocacy=no", {"school", "chat"}),
    ("route=statutory_stage1&channel=web", {"plain"}),
    ("topic=not-a-topic&channel=%3Cscript%3E", {"plain", "school", "chat"}),
])
def test_each_filter_narrows_the_queue(mixed_cases, officer, query, expected):
    page = officer.get(f"/staff/?{query}").get_data(as_text=True)
    assert set(queue_order(page)) == {mixed_cases[name] for name in expected}


def test_the_route_filter_picks_one_route(mixed_cases, officer):
    assert mixed_cases["school_route"] != "statutory_stage1"
    page = officer.get(f"/staff/?route={mixed_cases['school_route']}").get_data(as_text=True)
    assert queue_order(page) == [mixed_cases["school"]]


def test_the_filters_are_a_plain_get_form_that_keeps_the_choice(mixed_cases, officer):
    page = officer.get("/staff/?channel=chat").get_data(as_text=True)
    assert re.search(r'<form method="get" action="/staff/"', page)
    assert re.search(r'<option value="chat"\s+selected>', page)
    assert 'href="/staff/">Clear filters' in page


def test_managers_see_how_many_events_are_parked(app, staff_client):
    case_id = new_case(app)
    with app.app_context():
        db.session.execute(update(OutboxEvent).where(OutboxEvent.case_id == case_id)
                           .values(dead_at=utcnow(), last_error="HTTP 500"))
        db.session.commit()
    manager_page = staff_client("manager").get("/staff/").get_data(as_text=True)
    assert "1 event could not be delivered to the case system" in manager_page
    officer_page = staff_client("officer").get("/staff/").get_data(as_text=True)
    assert "could not be delivered" not in officer_page


# The case page -------------------------------------------------------------------------------

def test_the_case_page_explains_the_answers_and_decision_in_plain_words(app, officer):
    case_id = new_case(app, topics=["placement", "money"])
    row = stored(app, case_id)
    page = officer.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    for words in ("I am the young person it is about", "Yes, I am safe", "I am in care",
                  "Where I live, or moving home", "Money", "Yes, or it is still happening",
                  "None of these", "Most important"):
        assert words in page, words
    answers = page[page.index('data-testid="answers"'):page.index('id="contact"')]
    assert "young_person" not in answers and "in_care" not in answers
    # the decision, its reasons in plain words and the rule each cites
    assert "Statutory complaint, stage 1" in page
    assert "Children who get help from the council" in page
    assert "Children Act 1989 s26(3)(a)" in page
    # deadlines with dates and working days left
    deadlines = page[page.index('data-testid="deadlines"'):]
    assert f"{row.acknowledge_by.day} {row.acknowledge_by:%B %Y}" in deadlines
    left = sum(is_working_day(today() + dt.timedelta(days=n))
               for n in range(1, (row.acknowledge_by - today()).days + 1))
    assert f"{left} working day{'s' if left != 1 else ''} left" in deadlines
    assert "<caption" in deadlines and '<th scope="col"' in deadlines
    assert "My pocket money has been late for weeks" in page


def test_typed_text_is_shown_as_text_never_as_markup(app, officer):
    case_id = new_case(app, description='<script>alert("hi")</script> and <b>bold</b>',
                       desired_outcome="<img src=x onerror=alert(1)>")
    page = officer.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page
    assert "<b>bold</b>" not in page and "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_do_not_contact_through_the_carer_is_at_the_top_of_the_page(app, officer):
    careful = new_case(app, contact_not_via_carer=True)
    page = officer.get(f"/staff/cases/{careful}").get_data(as_text=True)
    assert 'class="app-do-not-contact"' in page
    assert "Do not contact through carer or placement" in page
    assert page.index("app-do-not-contact") < page.index("<h1")
    ordinary = new_case(app)
    assert 'class="app-do-not-contact"' not in officer.get(f"/staff/cases/{ordinary}").get_data(as_text=True)


def test_the_contact_preferences_are_shown(app, officer):
    case_id = new_case(app, contact_safe_times="after 4pm")
    page = officer.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    contact = page[page.index('data-testid="contact"'):]
    for words in ("Robin", "Email", "robin@example.com", "after 4pm"):
        assert words in contact


def test_every_view_of_a_case_is_audited(app, officer):
    case_id = new_case(app)
    officer.get(f"/staff/cases/{case_id}")
    officer.get(f"/staff/cases/{case_id}")
    assert audit_actions(app, case_id) == ["case_viewed", "case_viewed"]
    with app.app_context():
        entry = db.session.execute(select(AuditEntry).where(AuditEntry.case_id == case_id)).scalars().first()
        assert entry.staff_id is not None


# Triage --------------------------------------------------------------------------------------

ACTIONS = {
    # action: (url suffix, form data, column that gets a time, audit action)
    "confirm_route": ("route", {"route": "statutory_stage1"}, "route_confirmed_at", "route_confirmed"),
    "change_route": ("route", {"route": "corporate", "route_reason": "It is about a s47 enquiry"},
                     "route_confirmed_at", "route_changed"),
    "acknowledge": ("acknowledged", {}, "acknowledged_at", "acknowledged"),
    "extend": ("extension", {"extension_reason": "Three teams are involved"}, "extended_at", "extension_set"),
    "respond": ("response-sent", {}, "stage1_responded_at", "response_sent"),
    "advocacy": ("advocacy-referral", {}, "advocacy_referral_made_at", "advocacy_referral_made"),
    "note": ("notes", {"note": "Phoned the personal adviser"}, None, "note_added"),
    "safeguarding": ("safeguarding", {"received_by": "Sam at the MASH", "received_time": "09:15"},
                     "safeguarding_passed_at", "safeguarding_passed"),
}


def safeguarding_date(data: dict) -> dict:
    if "received_by" in data:
        on = today()
        return data | {"received_day": str(on.day), "received_month": str(on.month),
                       "received_year": str(on.year), "received_time": "00:05"}
    return data


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_each_triage_step_changes_the_case_and_is_audited_and_sent_on(app, officer, action):
    suffix, data, column, audited = ACTIONS[action]
    case_id = new_case(app)
    before = stored(app, case_id)
    response = post(officer, f"/staff/cases/{case_id}/{suffix}", safeguarding_date(data))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    after = stored(app, case_id)
    if column:
        assert getattr(before, column) is None and getattr(after, column) is not None
    assert audit_actions(app, case_id) == [audited]
    events = triaged_events(app, case_id)
    assert len(events) == 1
    VALIDATOR.validate(events[0]["data"])
    triage = events[0]["data"]["triage"]
    assert triage["action"] == audited
    assert triage["route"] == after.route and triage["status"] == after.status
    page = officer.get(response.headers["Location"]).get_data(as_text=True)
    assert 'data-testid="done"' in page


def test_changing_the_route_keeps_the_reason_sealed_and_audits_only_ids(app, officer):
    case_id = new_case(app)
    post(officer, f"/staff/cases/{case_id}/route",
         {"route": "corporate", "route_reason": "Really about a s47 enquiry"})
    row = stored(app, case_id)
    assert row.route == "corporate" and row.route_confirmed_at is not None
    vault = app.extensions["intake_vault"]
    with app.app_context():
        note = db.session.execute(select(CaseNote).where(CaseNote.case_id == case_id)).scalar_one()
        entry = db.session.execute(select(AuditEntry).where(AuditEntry.action == "route_changed")).scalar_one()
    assert note.kind == "route_change" and "s47" not in note.sealed
    assert vault.open(note.sealed)["text"] == "Really about a s47 enquiry"
    assert json.loads(entry.detail) == {"from": "statutory_stage1", "to": "corporate"}
    triage = triaged_events(app, case_id)[0]["data"]["triage"]
    assert triage["notes"][0] | {"at": None} == {
        "kind": "route_change", "text": "Really about a s47 enquiry", "author": "Test Officer",
        "at": None, "from_route": "statutory_stage1", "to_route": "corporate"}
    page = officer.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    assert "Really about a s47 enquiry" in page


def test_changing_the_route_without_a_reason_shows_an_error_and_changes_nothing(app, officer):
    case_id = new_case(app)
    response = post(officer, f"/staff/cases/{case_id}/route", {"route": "corporate", "route_reason": "  "})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "govuk-error-summary" in page and "Give the reason for changing the route" in page
    assert 'href="#route_reason"' in page
    assert re.search(r'<option value="corporate"\s+selected>', page)  # the choice is kept
    row = stored(app, case_id)
    assert row.route == "statutory_stage1" and row.route_confirmed_at is None
    assert triaged_events(app, case_id) == []
    assert "route_changed" not in audit_actions(app, case_id)
    with app.app_context():
        assert db.session.execute(select(CaseNote)).first() is None


def test_a_missing_note_or_extension_reason_keeps_what_was_typed_elsewhere(app, officer):
    case_id = new_case(app)
    page = post(officer, f"/staff/cases/{case_id}/extension", {"extension_reason": ""}).get_data(as_text=True)
    assert "Give the reason for the extension" in page
    page = post(officer, f"/staff/cases/{case_id}/notes", {"note": "x" * 5001}).get_data(as_text=True)
    assert "Use 5000 characters or fewer" in page and "x" * 5001 in page
    assert stored(app, case_id).extended_at is None and triaged_events(app, case_id) == []


def test_a_safeguarding_referral_needs_who_and_a_real_time_and_keeps_the_typing(app, officer):
    case_id = new_case(app, **NOT_SAFE)
    response = post(officer, f"/staff/cases/{case_id}/safeguarding", {
        "received_by": "Sam <b>Duty</b>", "received_day": "31", "received_month": "2",
        "received_year": "2026", "received_time": "25:99"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter a real date" in page and 'value="Sam &lt;b&gt;Duty&lt;/b&gt;"' in page
    on = today()
    page = post(officer, f"/staff/cases/{case_id}/safeguarding", {
        "received_by": "Sam", "received_day": str(on.day), "received_month": str(on.month),
        "received_year": str(on.year), "received_time": "25:99"}).get_data(as_text=True)
    assert "Enter a real time" in page
    future = on + dt.timedelta(days=3)
    page = post(officer, f"/staff/cases/{case_id}/safeguarding", {
        "received_by": "Sam", "received_day": str(future.day), "received_month": str(future.month),
        "received_year": str(future.year), "received_time": "10:00"}).get_data(as_text=True)
    assert "must be now or in the past" in page
    assert stored(app, case_id).safeguarding_passed_at is None


def test_the_safeguarding_form_defaults_to_now(app, officer):
    case_id = new_case(app, **NOT_SAFE)
    page = officer.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    now = dt.datetime.now(LONDON)
    assert re.search(rf'name="received_year"[^>]*value="{now.year}"', page)
    assert re.search(rf'name="received_day"[^>]*value="{now.day}"', page)


def test_passing_on_a_safeguarding_case_records_who_and_when_and_closes_it(app, officer):
    case_id = new_case(app, **NOT_SAFE)
    assert stored(app, case_id).route == "safeguarding_referral"
    on = today()
    post(officer, f"/staff/cases/{case_id}/safeguarding", {
        "received_by": "Sam at the front door", "received_day": str(on.day),
        "received_month": str(on.month), "received_year": str(on.year), "received_time": "12:00am"})
    row = stored(app, case_id)
    assert row.status == "passed_on"
    expected = dt.datetime(on.year, on.month, on.day, 0, 0, tzinfo=LONDON)
    passed = row.safeguarding_passed_at
    passed = passed if passed.tzinfo else passed.replace(tzinfo=dt.timezone.utc)
    assert passed == expected
    triage = triaged_events(app, case_id)[0]["data"]["triage"]
    assert triage["safeguarding_received_by"] == "Sam at the front door"
    assert triage["status"] == "passed_on"
    assert case_id not in queue_order(officer.get("/staff/").get_data(as_text=True))
    with app.app_context():
        entry = db.session.execute(select(AuditEntry).where(AuditEntry.action == "safeguarding_passed")).scalar_one()
    assert "Sam" not in entry.detail


def test_status_moves_from_new_to_acknowledged_to_responded(app, officer):
    case_id = new_case(app)
    assert stored(app, case_id).status == "new"
    post(officer, f"/staff/cases/{case_id}/acknowledged")
    assert stored(app, case_id).status == "acknowledged"
    post(officer, f"/staff/cases/{case_id}/extension", {"extension_reason": "Complex"})
    assert stored(app, case_id).status == "acknowledged"
    post(officer, f"/staff/cases/{case_id}/response-sent")
    row = stored(app, case_id)
    assert row.status == "responded" and row.stage1_responded_at is not None
    statuses = [e["data"]["triage"]["status"] for e in triaged_events(app, case_id)]
    assert statuses == ["acknowledged", "acknowledged", "responded"]
    last = triaged_events(app, case_id)[-1]["data"]["triage"]
    assert last["stage1_due"] == row.stage1_extended_due.isoformat()
    assert [n["kind"] for n in last["notes"]] == ["extension"]


def test_a_step_already_recorded_is_not_recorded_twice(app, officer):
    case_id = new_case(app)
    post(officer, f"/staff/cases/{case_id}/acknowledged")
    first = stored(app, case_id).acknowledged_at
    response = post(officer, f"/staff/cases/{case_id}/acknowledged")
    assert response.status_code == 400
    assert "already marked acknowledged" in response.get_data(as_text=True)
    assert stored(app, case_id).acknowledged_at == first
    assert len(triaged_events(app, case_id)) == 1
    assert audit_actions(app, case_id).count("acknowledged") == 1


def test_every_triaged_event_of_a_busy_case_matches_the_case_schema(app, officer):
    case_id = new_case(app, **NOT_SAFE)
    for action in ("confirm_route", "note", "acknowledge", "advocacy", "safeguarding",
                   "change_route", "extend", "note", "respond"):
        suffix, data, _column, _audited = ACTIONS[action]
        if action == "confirm_route":
            data = {"route": "safeguarding_referral"}
        response = post(officer, f"/staff/cases/{case_id}/{suffix}", safeguarding_date(data))
        assert response.status_code == 302, (action, response.get_data(as_text=True)[:1500])
    events = triaged_events(app, case_id)
    assert len(events) == 9
    for event in events:
        assert event["type"] == "case.triaged"
        VALIDATOR.validate(event["data"])
    final = events[-1]["data"]["triage"]
    assert final["status"] == "responded" and final["route"] == "corporate"
    assert [n["kind"] for n in final["notes"]] == ["note", "safeguarding", "route_change", "extension", "note"]
    assert {"route_confirmed_at", "acknowledged_at", "extended_at", "stage1_responded_at",
            "advocacy_referral_made_at", "safeguarding_passed_at"} <= final.keys()


GARBAGE = [
    {},
    {"route": "<script>"},
    {"route": "x" * 10000, "route_reason": "\x00\ud7ff" * 10},
    {"note": "\x00"},
    {"received_day": "-1", "received_month": "99", "received_year": "9" * 5000, "received_time": "noon"},
    {"requested_day": "\x00", "requested_month": "1e3", "requested_year": "9" * 5000},
    {"received_by": "a" * 500, "received_day": "1e3", "received_month": "", "received_year": "2026"},
    {"extension_reason": ["one", "two"], "received_time": "13:00pm"},
]


@pytest.mark.parametrize("suffix", sorted({v[0] for v in ACTIONS.values()} | {"escalation"}))
def test_garbage_form_posts_never_cause_a_server_error(app, officer, suffix):
    case_id = new_case(app)
    for data in GARBAGE:
        response = post(officer, f"/staff/cases/{case_id}/{suffix}", data)
        assert response.status_code in (302, 400), (data, response.status_code)
    for path in (f"/staff/cases/{case_id}/{suffix}", f"/staff/cases/{'x' * 300}/{suffix}"):
        assert officer.post(path, data={"csrf_token": "forged"}).status_code in (400, 404)
    for event in triaged_events(app, case_id):
        VALIDATOR.validate(event["data"])


def test_odd_queue_queries_never_cause_a_server_error(mixed_cases, officer):
    for query in ("page=-5", "page=abc", "page=99999", "status=%00", "route[]=x&topic=",
                  "language=" + "x" * 3000, "advocacy=maybe"):
        assert officer.get(f"/staff/?{query}").status_code == 200, query


def test_the_case_page_labels_speak_about_the_young_person(app, staff_client):
    submit_cases(app, 1)
    client = staff_client("officer")
    with app.app_context():
        case_id = db.session.execute(select(Case.id)).scalar_one()
    page = client.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    assert "Young person&#39;s age" in page
    assert "Your age" not in page


# Escalations recorded by the complaints team (issue 18) ---------------------------------------

def escalation_events(app, case_id: str) -> list[dict]:
    with app.app_context():
        vault = app.extensions["intake_vault"]
        return [vault.open(e.sealed) for e in db.session.execute(
            select(OutboxEvent).where(OutboxEvent.case_id == case_id,
                                      OutboxEvent.type == "case.escalation_requested")).scalars()]


def typed(day: dt.date) -> dict:
    return {"requested_day": str(day.day), "requested_month": str(day.month),
            "requested_year": str(day.year)}


def test_a_request_for_stage_2_by_phone_moves_the_same_case_on_from_the_day_received(app, officer):
    case_id = new_case(app)
    answered = dt.datetime(2026, 9, 1, 10, 0, tzinfo=dt.timezone.utc)
    change(app, case_id, submitted_at=answered - dt.timedelta(days=20), acknowledged_at=answered,
           stage1_responded_at=answered, status="responded")
    received = dt.date(2026, 10, 19)  # 34 working days after the answer: late
    expected = calendar.escalation_deadlines(2, received)
    response = post(officer, f"/staff/cases/{case_id}/escalation", typed(received))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    row = stored(app, case_id)
    assert (row.stage, row.status, row.escalation_late) == (2, "escalated", True)
    assert row.escalation_due == dt.date.fromisoformat(expected["stage2_due"])
    assert row.escalation_extended_due == dt.date.fromisoformat(expected["stage2_extended_due"])
    assert row.stage1_responded_at is not None  # stage 1's history is kept
    [event] = escalation_events(app, case_id)
    VALIDATOR.validate(event["data"])
    assert event["data"]["escalation"] | {"requested_at": None} == {
        "to_stage": 2, "by": "staff", "late": True, "requested_at": None, "deadlines": expected}
    assert event["data"]["stage"] == 2 and event["data"]["id"] == case_id
    assert "escalation_recorded" in audit_actions(app, case_id)
    page = officer.get(response.headers["Location"]).get_data(as_text=True)
    assert "Stage 2 asked for" in page and "late" in page
    assert full_date(row.escalation_due) in page  # the case's next deadline is stage 2's


def test_the_queue_shows_an_escalated_case_with_its_stage_and_next_deadline(app, officer):
    case_id = new_case(app)
    change(app, case_id, acknowledged_at=utcnow())
    assert post(officer, f"/staff/cases/{case_id}/escalation", typed(today())).status_code == 302
    page = officer.get("/staff/?status=escalated").get_data(as_text=True)
    row = re.search(rf'data-case-id="{case_id}".*?</tr>', page, re.S).group(0)
    assert 'data-testid="stage">Stage 2<' in row and "Escalated" in row
    assert "Stage 2 response (provisional)" in row
    assert "Stage 2 response (provisional)" in officer.get(
        f"/staff/cases/{case_id}").get_data(as_text=True)


def test_stage_3_follows_stage_2_and_nothing_follows_stage_3(app, officer):
    case_id = new_case(app)
    assert post(officer, f"/staff/cases/{case_id}/escalation", typed(today())).status_code == 302
    assert post(officer, f"/staff/cases/{case_id}/escalation", typed(today())).status_code == 302
    row = stored(app, case_id)
    assert row.stage == 3 and row.escalation_extended_due is None
    refused = post(officer, f"/staff/cases/{case_id}/escalation", typed(today()))
    assert refused.status_code == 400 and "already at stage 3" in refused.get_data(as_text=True)
    assert len(escalation_events(app, case_id)) == 2


@pytest.mark.parametrize("data, message", [
    ({}, "Enter the date, including day, month and year"),
    ({"requested_day": "31", "requested_month": "2", "requested_year": "2026"}, "Enter a real date"),
    (typed(dt.date(2099, 1, 1)), "must be today or in the past"),
])
def test_a_request_without_a_real_past_date_changes_nothing(app, officer, data, message):
    case_id = new_case(app)
    response = post(officer, f"/staff/cases/{case_id}/escalation", data)
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert stored(app, case_id).stage == 1 and escalation_events(app, case_id) == []
