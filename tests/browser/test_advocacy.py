"""Asking for an advocate on a phone, with JavaScript on and off: yes after sending the
complaint, check what will be shared, and see who will contact you, how and by when; or no
for now, then yes later from "Check my complaint" on another phone. Every page is checked
by the ``Visitor`` (support.py): "Exit this page", a screenshot, axe-core WCAG 2.2 A/AA, and
no request leaving the machine."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date
from sqlalchemy import select

from intake.calendar import working_days_after
from intake.cases.models import OutboxEvent
from intake.extensions import db
from tests.browser.test_journeys import YOUNG_PERSON_IN_CARE, begin, send, walk
from tests.browser.test_resume import fresh_phone  # noqa: F401 - a fixture used below

pytestmark = pytest.mark.browser
LONDON = ZoneInfo("Europe/London")
PROVIDER = "Example Advocacy Service"


def promised_dates() -> set[str]:
    today = dt.datetime.now(LONDON).date()
    return {format_date(working_days_after(day, 3), format="full", locale="en_GB")
            for day in (today, today + dt.timedelta(days=1))}


def referrals(app) -> list[dict]:
    with app.app_context():
        rows = db.session.execute(select(OutboxEvent).where(OutboxEvent.destination == "advocacy")).scalars()
        return [app.extensions["intake_vault"].open(r.sealed)["data"] for r in rows]


def confirm_details(person, needs: str) -> None:
    """The "what will be shared" page: filled in from the complaint; agree and send."""
    page = person.page
    assert person.path == "/advocate"
    assert page.get_by_label("What name should the advocate use?").input_value() == "Sam"
    assert page.locator('[name="contact_method"][value="text"]').is_checked()
    assert page.get_by_label("Phone number").input_value() == "07700 900 982"
    assert page.get_by_label("Do not contact me through my carer or the place I live").is_checked()
    assert page.get_by_label("Which language would you like to speak with your advocate?").input_value() == "English"

    page.locator('[name="interpreter"][value="no"]').check()
    page.get_by_label("Is there anything that would help you talk with your advocate? (optional)").fill(needs)
    person.press(f"Ask {PROVIDER} to contact me")  # without agreeing to share: explained
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.title().startswith("Error:")
    assert page.get_by_label("Is there anything that would help you talk with your advocate? (optional)").input_value() == needs
    page.get_by_label("I agree that these details, and what my complaint is about, can be shared "
                      "with the advocacy service").check()
    person.press(f"Ask {PROVIDER} to contact me")


def assert_who_how_when(page) -> None:
    assert page.get_by_test_id("advocate-who").inner_text().strip() == PROVIDER
    assert page.get_by_test_id("advocate-how").inner_text().strip() == "Text message, the way you asked"
    assert page.get_by_test_id("advocate-by").inner_text().strip() in promised_dates()
    assert page.get_by_test_id("advocate-by").is_visible()


def test_yes_to_an_advocate_then_confirm_shows_who_how_and_by_when(visitor, app):
    begin(visitor)
    walk(visitor, YOUNG_PERSON_IN_CARE)
    send(visitor)
    page = visitor.page
    assert page.get_by_role("heading", name=f"Would you like {PROVIDER} to contact you?").is_visible()
    visitor.press("Yes, ask them to contact me")
    confirm_details(visitor, "Please text me, I find calls hard")

    assert visitor.path == "/confirmation"
    assert_who_how_when(page)
    assert page.get_by_role("button", name="Yes, ask them to contact me").count() == 0
    [referral] = referrals(app)
    assert referral["young_person"]["communication_needs"] == "Please text me, I find calls hard"
    assert referral["contact"]["not_via_carer"] is True
    visitor.finish()


def test_no_then_change_of_mind_from_check_my_complaint(visitor, fresh_phone, app):  # noqa: F811
    begin(visitor)
    walk(visitor, YOUNG_PERSON_IN_CARE)
    reference = send(visitor)
    check_code = visitor.page.get_by_test_id("check-code").inner_text().strip()
    visitor.press("No, not now")
    assert visitor.path == "/confirmation"
    assert "You said no for now" in visitor.page.get_by_test_id("advocacy-declined").inner_text()
    assert referrals(app) == []
    visitor.finish()

    phone = fresh_phone()  # days later, another phone
    phone.open("/check-my-complaint")
    phone.page.get_by_label("Your reference").fill(reference)
    phone.page.get_by_label("Your check code").fill(check_code)
    phone.press("Continue")
    assert phone.page.get_by_role("heading", name="Your advocate").is_visible()
    phone.follow(phone.page.get_by_role("button", name="I would like an advocate now"))
    confirm_details(phone, "I would like to meet in person")

    assert phone.path == "/advocate/requested"
    assert phone.page.get_by_role("heading", level=1).inner_text().strip() == "We have asked for an advocate for you"
    assert_who_how_when(phone.page)
    assert len(referrals(app)) == 1

    phone.follow(phone.page.get_by_role("link", name="Check your complaint"))
    phone.page.get_by_label("Your reference").fill(reference)
    phone.page.get_by_label("Your check code").fill(check_code)
    phone.press("Continue")
    assert "You asked for an advocate on" in phone.page.locator("main").inner_text()
    assert_who_how_when(phone.page)
    assert phone.page.get_by_role("button", name="I would like an advocate now").count() == 0
    phone.finish()
