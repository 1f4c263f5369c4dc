"""Rights a young person uses themselves from "Check my complaint": a copy of what they told
us, correcting their contact details, withdrawing, and deleting a saved form from any
device. Each is recorded for the complaints team and sent to the case system as an event.
On real databases (SQLite and PostgreSQL)."""

from __future__ import annotations

import re

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from sqlalchemy import select

from intake.cases import codes, schema
from intake.cases.models import Case, Draft, OutboxEvent
from intake.extensions import db, limiter
from intake.public import rights
from intake.service import proof
from intake.staff.cases import COMPLAINANT_ACTION_NAMES
from intake.accounts.models import AuditEntry
from tests.public.conftest import YOUNG_PERSON_IN_CARE as CHILD
from tests.public.test_status import check, sent, steps
from tests.staff.conftest import make_staff, sign_in

VALIDATOR = Draft202012Validator(schema.case_schema(), format_checker=FormatChecker())
RIGHTS_PAGES = ["/check-my-complaint/your-complaint", "/check-my-complaint/what-you-told-us",
                "/check-my-complaint/contact-details", "/check-my-complaint/withdraw"]


@pytest.fixture(autouse=True)
def _fresh_rate_limits(app):
    limiter.reset()
    yield
    limiter.reset()


@pytest.fixture
def checked(client, filer):
    """A complaint sent, then checked with its reference and code on the same browser."""
    reference, code, _ = sent(filer)
    response = check(client, reference, code)
    assert response.status_code == 200
    return reference, code, response.get_data(as_text=True)


def the_case(app) -> Case:
    with app.app_context():
        row = db.session.execute(select(Case)).scalar_one()
        db.session.expunge(row)
        return row


def events(app, kind: str) -> list[tuple[str, dict]]:
    vault = app.extensions["intake_vault"]
    with app.app_context():
        return [(e.destination, vault.open(e.sealed)) for e in db.session.execute(
            select(OutboxEvent).where(OutboxEvent.type == kind).order_by(OutboxEvent.created_at)).scalars()]


def audited(app, action: str) -> list[AuditEntry]:
    with app.app_context():
        found = db.session.execute(select(AuditEntry).where(AuditEntry.action == action)).scalars().all()
        for entry in found:
            db.session.expunge(entry)
        return found


def document(app) -> dict:
    return app.extensions["intake_vault"].open(the_case(app).sealed)


def test_without_a_code_check_every_rights_page_asks_for_one(client, filer, app):
    sent(filer)  # this browser sent it, but has not checked it: that is not enough
    for url in RIGHTS_PAGES:
        response = client.get(url)
        assert response.status_code == 303 and response.headers["Location"] == "/check-my-complaint", url
    assert client.post("/check-my-complaint/withdraw").status_code == 303
    assert the_case(app).withdrawn_at is None


def test_the_status_page_offers_the_rights_after_the_code_check(checked):
    _, _, page = checked
    assert 'data-testid="rights"' in page
    for url in RIGHTS_PAGES[1:]:
        assert f'href="{url}"' in page


def test_a_wrong_code_gives_no_rights(client, filer):
    reference, _, _ = sent(filer)
    assert check(client, reference, "wrong words here").status_code == 400
    assert client.get("/check-my-complaint/what-you-told-us").status_code == 303


def test_the_copy_shows_their_own_answers_and_is_recorded_once(client, checked, app):
    page = client.get("/check-my-complaint/what-you-told-us").get_data(as_text=True)
    assert "What you told us" in page
    assert CHILD["description"] in page and CHILD["desired_outcome"] in page
    assert "Sam" in page and "07700 900982" in page
    assert "A social worker or personal adviser" in page  # the journey's own words
    assert "change=1" not in page and "<form" not in page  # a copy, not a form
    client.get("/check-my-complaint/what-you-told-us")
    assert len(audited(app, "complainant_viewed_copy")) == 1
    (destination, event), = events(app, "case.copy_requested")
    assert destination == "case_system"
    assert event["data"]["complainant_action"]["action"] == "copy_requested"
    VALIDATOR.validate(event["data"])


def test_contact_details_are_corrected_with_the_journeys_own_question(client, checked, app):
    page = client.get("/check-my-complaint/contact-details").get_data(as_text=True)
    assert 'value="07700 900982"' in page and 'value="Sam"' in page
    assert "we will never contact you through your carer" in page

    # The journey's own validation: email chosen, no address given.
    response = client.post("/check-my-complaint/contact-details", data={
        "contact_name": "Sam", "contact_method": "email", "contact_not_via_carer": "y"})
    assert response.status_code == 400
    assert "Enter an email address so we can email you" in response.get_data(as_text=True)
    assert document(app)["contact"]["method"] == "text"

    response = client.post("/check-my-complaint/contact-details", data={
        "contact_name": "Sam", "contact_method": "email", "contact_email": "sam.new@example.org",
        "contact_not_via_carer": "y"})
    assert response.status_code == 200
    assert "Your contact details have been changed" in response.get_data(as_text=True)
    contact = document(app)["contact"]
    assert contact == {"name": "Sam", "method": "email", "email": "sam.new@example.org",
                       "not_via_carer": True}
    (_, event), = events(app, "case.contact_corrected")
    assert event["data"]["contact"]["email"] == "sam.new@example.org"
    assert event["data"]["complainant_action"]["action"] == "contact_corrected"
    VALIDATOR.validate(event["data"])
    assert len(audited(app, "complainant_corrected_contact")) == 1


def test_withdrawing_asks_kindly_then_withdraws_and_tells_everyone(client, checked, app):
    reference, code, _ = checked
    page = client.get("/check-my-complaint/withdraw").get_data(as_text=True)
    assert "Do you want to withdraw your complaint?" in page
    assert "Nobody should make you withdraw" in page and "0800 1111" in page
    assert the_case(app).withdrawn_at is None  # looking is not withdrawing

    done = client.post("/check-my-complaint/withdraw").get_data(as_text=True)
    assert "Your complaint has been withdrawn" in done and "will write to you" in done
    row = the_case(app)
    assert row.withdrawn_at is not None and row.status == "withdrawn"
    (destination, event), = events(app, "case.withdrawn")
    assert destination == "case_system"  # not urgent: the duty team is not told
    assert event["data"]["complainant_action"]["action"] == "withdrawn"
    VALIDATOR.validate(event["data"])
    assert [e.staff_id for e in audited(app, "complainant_withdrew")] == [None]

    again = client.post("/check-my-complaint/withdraw").get_data(as_text=True)
    assert "already withdrawn" in again
    assert len(events(app, "case.withdrawn")) == 1

    status = check(app.test_client(), reference, code).get_data(as_text=True)
    shown = steps(status)
    assert shown[-1]["title"] == "You withdrew your complaint" and shown[-1]["done"]
    assert not any(s["title"] == "We will send you our answer" for s in shown)
    assert "Withdraw your complaint" not in status


def test_an_urgent_complaint_withdrawn_is_also_told_to_the_duty_team(client, filer, app):
    reference, code, _ = sent(filer, CHILD | {"safe_now": "no"})
    check(client, reference, code)
    client.post("/check-my-complaint/withdraw")
    assert sorted(d for d, _ in events(app, "case.withdrawn")) == ["case_system", "duty_team"]


def test_the_complaints_team_sees_what_the_complainant_did(client, checked, app):
    client.get("/check-my-complaint/what-you-told-us")
    client.post("/check-my-complaint/contact-details", data={
        "contact_name": "Sam", "contact_method": "phone", "contact_phone": "07700 900123"})
    client.post("/check-my-complaint/withdraw")
    staff = app.test_client()
    assert sign_in(staff, make_staff(app, "officer")).status_code == 302
    row = the_case(app)
    page = staff.get(f"/staff/cases/{row.id}").get_data(as_text=True)
    assert 'data-testid="withdrawn-banner"' in page
    assert "07700 900123" in page and "07700 900982" not in page
    table = page.split('data-testid="by-complainant"')[1].split("</table>")[0]
    assert re.findall(r'data-action="([a-z_]+)"', table) == [
        "complainant_viewed_copy", "complainant_corrected_contact", "complainant_withdrew"]
    for name in COMPLAINANT_ACTION_NAMES.values():
        assert name in table
    manager = app.test_client()
    assert sign_in(manager, make_staff(app, "manager")).status_code == 302
    log = manager.get(f"/staff/cases/{row.id}/audit").get_data(as_text=True)
    assert "complainant_withdrew" in log and "The complainant, from “Check my complaint”" in log
    queue = staff.get("/staff/").get_data(as_text=True)
    assert "1 complaint withdrawn by the complainant" in queue
    assert row.reference not in queue  # closed: it leaves the open queue...
    listed = staff.get("/staff/?status=withdrawn").get_data(as_text=True)
    assert row.reference in listed and 'data-testid="withdrawn"' in listed  # ...and is findable


def test_the_grant_ends_after_the_idle_time_and_with_exit_this_page(client, checked, app, monkeypatch):
    assert client.get("/check-my-complaint/what-you-told-us").status_code == 200
    later = proof.time.time() + app.config["INTAKE_PUBLIC_IDLE_MINUTES"] * 60 + 5
    monkeypatch.setattr(proof.time, "time", lambda: later)
    assert client.get("/check-my-complaint/what-you-told-us").status_code == 303
    monkeypatch.undo()

    other = app.test_client()
    reference, code, _ = checked
    check(other, reference, code)
    assert other.get("/check-my-complaint/withdraw").status_code == 200
    other.get("/exit")
    assert other.get("/check-my-complaint/withdraw").status_code == 303


def test_the_cookie_does_not_show_the_case_id(client, checked, app):
    assert the_case(app).id not in client.get_cookie("session").value


def saved_words(client) -> list[str]:
    client.post("/questions/filer", data={"filer": "young_person"})
    page = client.post("/save").get_data(as_text=True)
    return re.findall(r'<li class="govuk-!-margin-bottom-3">([a-z]+)</li>', page)


def test_a_saved_form_can_be_deleted_from_another_device(client, app):
    words = saved_words(client)
    assert len(words) == codes.RESUME_WORDS
    other = app.test_client()
    assert 'href="/delete-saved-form"' in other.get("/continue").get_data(as_text=True)

    wrong = other.post("/delete-saved-form", data={"code": "apple apple apple apple apple"})
    assert wrong.status_code == 400 and "We could not find a saved form" in wrong.get_data(as_text=True)

    confirm = other.post("/delete-saved-form", data={"code": " ".join(words).upper()})
    assert confirm.status_code == 200 and "Delete this saved form?" in confirm.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(select(Draft)).scalars().all() != []  # asking is not deleting

    done = other.post("/delete-saved-form/confirm")
    assert "Your answers have been deleted" in done.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(select(Draft)).scalars().all() == []
    resumed = app.test_client().post("/continue", data={"code": " ".join(words)})
    assert "We could not find a saved form" in resumed.get_data(as_text=True)
    assert other.post("/delete-saved-form/confirm").status_code == 303  # nothing left to confirm


def test_rights_pages_refuse_posts_without_a_csrf_token(csrf_client, app):
    response = csrf_client.post("/check-my-complaint/withdraw")
    assert response.status_code == 400


def test_purge_deletes_old_equality_answers(app, runner):
    import datetime as dt

    from intake.cases.models import EqualityResponse, utcnow
    days = app.config["INTAKE_CASE_RETENTION_DAYS"]
    with app.app_context():
        today = utcnow().date()
        for age in (days + 1, days - 1, 0):
            db.session.add(EqualityResponse(received_on=today - dt.timedelta(days=age), channel="web",
                                            sealed=app.extensions["intake_vault"].seal({"gender": "prefer_not"})))
        db.session.commit()
    result = runner.invoke(args=["purge"])
    assert "1 equality answers" in result.output
    with app.app_context():
        kept = sorted((today - r.received_on).days for r in db.session.execute(select(EqualityResponse)).scalars())
    assert kept == [0, days - 1]
