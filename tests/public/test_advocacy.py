"""Asking for an advocate from the web form, on real databases: yes on the confirmation page,
check what will be shared, and the referral is queued for the provider; or no for now, and
yes later from "Check my complaint"."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from babel.dates import format_date
from sqlalchemy import select

from intake.calendar import working_days_after
from intake.cases.models import AdvocacyReferral, OutboxEvent
from intake.extensions import db, limiter
from tests.public.conftest import YOUNG_PERSON_IN_CARE as CHILD
from tests.public.test_routes import CASES

LONDON = ZoneInfo("Europe/London")
SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "intake" / "schemas"
                     / "advocacy-referral-v1.schema.json").read_text())
DETAILS = {
    "contact_name": "Sam", "contact_method": "text", "contact_phone": "07700 900982",
    "contact_safe_times": "after school", "contact_not_via_carer": "y",
    "advocacy_language": "English", "interpreter": "no",
    "communication_needs": "I have dyslexia, please do not send long messages",
    "share_consent": "y",
}


@pytest.fixture(autouse=True)
def _fresh_rate_limits(app):
    limiter.reset()
    yield
    limiter.reset()


def events(app) -> list[tuple[str, str]]:
    with app.app_context():
        rows = db.session.execute(select(OutboxEvent).order_by(OutboxEvent.created_at)).scalars()
        return sorted((e.type, e.destination) for e in rows)


def referral_event(app) -> dict:
    with app.app_context():
        row = db.session.execute(select(OutboxEvent).where(
            OutboxEvent.destination == "advocacy")).scalar_one()
        return app.extensions["intake_vault"].open(row.sealed)


def expected_dates() -> set[str]:
    """The promised date for a request made today or, across midnight, tomorrow."""
    today = dt.datetime.now(LONDON).date()
    return {format_date(working_days_after(day, 3), format="full", locale="en_GB")
            for day in (today, today + dt.timedelta(days=1))}


def shown(page: str, testid: str) -> str:
    return re.search(rf'data-testid="{testid}"[^>]*>([^<]+)<', page).group(1).strip()


def codes_from(page: str) -> tuple[str, str]:
    return (shown(page, "reference"), shown(page, "check-code"))


def test_yes_then_confirm_queues_one_referral_and_says_who_how_and_by_when(filer, app):
    page = filer.fill(CHILD).send()
    assert "Would you like Example Advocacy Service to contact you?" in page
    assert "within 3 working days" in page
    response = filer.client.post("/confirmation/advocate", data={"advocate": "yes"})
    assert response.headers["Location"] == "/advocate"
    assert events(app) == [("case.submitted", "case_system")]  # nothing sent before they confirm

    form = filer.client.get("/advocate").get_data(as_text=True)
    # Filled in from the complaint, with "not through my carer" kept.
    assert 'value="Sam"' in form and 'value="07700 900982"' in form
    assert re.search(r'name="contact_method"[^>]*value="text"[^>]*checked', form)
    assert re.search(r'name="contact_not_via_carer"[^>]*checked', form)
    assert 'value="English"' in form
    assert 'value="advocate"' not in form  # "through my advocate" makes no sense here

    response = filer.client.post("/advocate", data={**DETAILS, "share_consent": ""})
    assert response.status_code == 400
    assert "Tick the box to say the advocacy service can have these details" in response.get_data(as_text=True)
    assert events(app) == [("case.submitted", "case_system")]

    response = filer.client.post("/advocate", data=DETAILS)
    assert response.status_code == 302 and response.headers["Location"] == "/confirmation#advocacy"
    assert events(app) == [("advocacy.referral", "advocacy"),
                           ("advocacy.referral_requested", "case_system"),
                           ("case.submitted", "case_system")]
    page = filer.client.get("/confirmation").get_data(as_text=True)
    assert shown(page, "advocate-who") == "Example Advocacy Service"
    assert shown(page, "advocate-how") == "Text message, the way you asked"
    assert shown(page, "advocate-by") in expected_dates()
    assert "Yes, ask them to contact me" not in page

    event = referral_event(app)
    jsonschema.validate(event["data"], SCHEMA, format_checker=jsonschema.FormatChecker())
    referral = event["data"]
    assert event["type"] == "advocacy.referral"
    assert referral["contact"] == {"method": "text", "phone": "07700 900982",
                                   "safe_times": "after school", "not_via_carer": True}
    assert referral["young_person"]["communication_needs"].startswith("I have dyslexia")
    assert referral["complaint"]["description"] == CHILD["description"]
    assert format_date(dt.date.fromisoformat(referral["contact_by"]), format="full",
                       locale="en_GB") == shown(page, "advocate-by")

    # Asking again (a second press, the back button) sends nothing more.
    assert filer.client.get("/advocate").headers["Location"] == "/advocate/requested"
    filer.client.post("/advocate", data=DETAILS)
    filer.client.post("/confirmation/advocate", data={"advocate": "yes"})
    assert len(events(app)) == 3
    with app.app_context():
        assert db.session.execute(select(AdvocacyReferral)).scalar_one().contact_method == "text"


def test_only_the_detail_for_the_chosen_way_is_shared(filer, app):
    filer.fill(CHILD).send()
    filer.client.post("/confirmation/advocate", data={"advocate": "yes"})
    filer.client.post("/advocate", data=DETAILS | {
        "contact_method": "email", "contact_email": "sam@example.com",
        "contact_not_via_carer": "", "interpreter": "yes", "advocacy_language": "Polski"})
    referral = referral_event(app)["data"]
    assert referral["contact"] == {"method": "email", "email": "sam@example.com",
                                   "safe_times": "after school", "not_via_carer": False}
    assert referral["young_person"]["language"] == "Polski"
    assert referral["young_person"]["interpreter"] is True


@pytest.mark.parametrize("change, field, message", [
    ({"contact_method": "letter", "contact_address": "1 Example Road"}, "contact_method",
     "A letter goes to the place you live"),
    ({"contact_method": "phone", "contact_phone": ""}, "contact_phone",
     "Enter a phone number so we can call or text you"),
    ({"advocacy_language": " "}, "advocacy_language", "Enter the language you would like to speak"),
    ({"interpreter": ""}, "interpreter", "Choose yes or no"),
])
def test_details_that_cannot_work_are_explained_and_kept(filer, app, change, field, message):
    filer.fill(CHILD).send()
    filer.client.post("/confirmation/advocate", data={"advocate": "yes"})
    response = filer.client.post("/advocate", data=DETAILS | change)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page and f'href="#{field}' in page
    assert "I have dyslexia, please do not send long messages" in page  # nothing typed is lost
    assert len(events(app)) == 1


def test_no_for_now_then_yes_from_check_my_complaint(filer, app):
    page = filer.fill(CHILD).send()
    reference, code = codes_from(page)
    response = filer.client.post("/confirmation/advocate", data={"advocate": "no"})
    assert response.headers["Location"] == "/confirmation#advocacy"
    page = filer.client.get("/confirmation").get_data(as_text=True)
    assert 'data-testid="advocacy-declined"' in page and "No, not now" not in page
    assert "Yes, ask them to contact me" in page  # they can still change their mind here
    assert events(app) == [("case.submitted", "case_system")]

    phone = app.test_client()  # later, on another device
    status = phone.post("/check-my-complaint", data={"reference": reference, "code": code})
    page = status.get_data(as_text=True)
    assert 'data-testid="advocate-offer-again"' in page and "I would like an advocate now" in page
    form = phone.get("/advocate")
    assert form.status_code == 200 and 'href="/check-my-complaint"' in form.get_data(as_text=True)
    response = phone.post("/advocate", data=DETAILS)
    assert response.headers["Location"] == "/advocate/requested"
    page = phone.get("/advocate/requested").get_data(as_text=True)
    assert shown(page, "advocate-who") == "Example Advocacy Service"
    assert shown(page, "advocate-by") in expected_dates()
    assert ("advocacy.referral", "advocacy") in events(app)

    page = phone.post("/check-my-complaint", data={"reference": reference, "code": code}).get_data(as_text=True)
    assert "You asked for an advocate on" in page and shown(page, "advocate-by") in expected_dates()
    assert "I would like an advocate now" not in page


def test_nobody_can_ask_without_proving_the_complaint_is_theirs(client, filer, app):
    assert client.get("/advocate").headers["Location"] == "/"
    assert client.post("/advocate", data=DETAILS).headers["Location"] == "/"
    assert client.get("/advocate/requested").headers["Location"] == "/"
    with client.session_transaction() as session:
        session["advocacy"] = {"case": "not-a-case", "back": "status"}
    assert client.get("/advocate").headers["Location"] == "/"
    assert client.post("/confirmation/advocate", data={"advocate": "yes"}).headers["Location"] == "/"
    page = filer.fill(CHILD).send()
    stranger = app.test_client()
    stranger.post("/check-my-complaint", data={"reference": shown(page, "reference"),
                                               "code": "wrong wrong wrong"})
    assert stranger.get("/advocate").headers["Location"] == "/"
    assert len(events(app)) == 1


def test_an_advocate_who_filed_is_not_asked_and_cannot_ask(filer, app):
    given = {k: v for k, v in CHILD.items() if k not in ("safe_now", "contact_not_via_carer")} | {
        "filer": "advocate", "represents": "young_person", "consent": "yes",
        "young_person_name": "Jo"}
    page = filer.fill(given).send()
    assert 'data-testid="advocacy-offer"' in page and "Yes, ask them to contact me" not in page
    filer.client.post("/confirmation/advocate", data={"advocate": "yes"})
    assert filer.client.get("/advocate").headers["Location"] == "/"
    status = filer.client.post("/check-my-complaint", data=dict(zip(("reference", "code"), codes_from(page))))
    assert 'id="advocate"' not in status.get_data(as_text=True)
    assert len(events(app)) == 1


def test_an_adult_complaining_for_themselves_sees_no_advocate_on_check_my_complaint(filer, app):
    given, _, _ = CASES["human_review"]
    page = filer.fill(given).send()
    status = filer.client.post("/check-my-complaint", data=dict(zip(("reference", "code"), codes_from(page))))
    assert status.status_code == 200 and 'id="advocate"' not in status.get_data(as_text=True)
