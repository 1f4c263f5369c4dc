"""Whole journeys through the web form on a phone, with JavaScript on and off.

Every page visited is checked by the ``visitor`` (see support.py): "Exit this page" is
there, axe finds no WCAG 2.2 A/AA violation, a screenshot is saved, and the browser never
reaches anything but the local server.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date

from intake.calendar import statutory_deadlines
from intake.cases.builder import REFERENCE_ALPHABET
from tests.browser.support import same_url

pytestmark = pytest.mark.browser

_CHAR = f"[{re.escape(REFERENCE_ALPHABET)}]"
REFERENCE = re.compile(rf"^{_CHAR}{{4}}-{_CHAR}{{4}}-{_CHAR}{{4}}$")
LONDON = ZoneInfo("Europe/London")

YOUNG_PERSON_IN_CARE = [
    ("filer", {"filer": "young_person"}),
    ("safe_now", {"safe_now": "yes"}),
    ("young_person_status", {"young_person_status": ["in_care"]}),
    ("young_person_age", {"young_person_age": "14"}),
    ("topics", {"topics": ["social_worker"]}),
    ("event_within_12_months", {"event_within_12_months": "yes"}),
    ("ongoing_proceedings", {"ongoing_proceedings": ["none"]}),
    ("description", {"description": "I have had four social workers this year. The new one "
                                    "never comes to see me and nobody tells me why."}),
    ("desired_outcome", {"desired_outcome": "I want one social worker who stays and visits me."}),
    ("contact", {"contact_name": "Sam", "contact_method": "text",
                 "contact_phone": "07700 900 982", "contact_safe_times": "after 4pm on weekdays",
                 "contact_not_via_carer": True}),
]

ADVOCATE = [
    ("filer", {"filer": "advocate"}),
    ("represents", {"represents": "young_person"}),
    ("young_person_status", {"young_person_status": ["in_care"]}),
    ("young_person_age", {"young_person_age": "15"}),
    ("consent", {"consent": "yes"}),
    ("topics", {"topics": ["social_worker", "placement"]}),
    ("main_topic", {"main_topic": "placement"}),
    ("event_within_12_months", {"event_within_12_months": "yes"}),
    ("ongoing_proceedings", {"ongoing_proceedings": ["none"]}),
    ("description", {"description": "Jordan was told to move foster home with two days' "
                                    "notice and was not asked what they wanted."}),
    ("desired_outcome", {"desired_outcome": "A review meeting where Jordan is listened to."}),
    ("contact", {"contact_name": "Alex Morgan", "young_person_name": "Jordan",
                 "organisation": "Voices Advocacy", "contact_method": "email",
                 "contact_email": "alex@example.org"}),
]

PARENT = [
    ("filer", {"filer": "parent"}),
    ("parental_responsibility", {"parental_responsibility": "yes"}),
    ("young_person_status", {"young_person_status": ["in_care"]}),
    ("young_person_age", {"young_person_age": "12"}),
    ("consent", {"consent": "yes"}),
    ("topics", {"topics": ["family_time"]}),
    ("event_within_12_months", {"event_within_12_months": "yes"}),
    ("ongoing_proceedings", {"ongoing_proceedings": ["none"]}),
    ("description", {"description": "Family time with my son has been cancelled three times "
                                    "this month with no reason given."}),
    ("desired_outcome", {"desired_outcome": "Family time to happen every week as agreed."}),
    ("contact", {"contact_name": "Chris Taylor", "young_person_name": "Robin",
                 "contact_method": "letter", "contact_address": "1 Example Road\nExampletown"}),
]


def begin(visitor) -> None:
    visitor.open("/")
    assert visitor.page.get_by_role("heading", level=1).count() == 1
    visitor.follow(visitor.page.get_by_role("button", name="Start now"))
    assert visitor.path == "/questions/filer"


def walk(visitor, answers) -> None:
    for question_id, values in answers:
        visitor.answer(question_id, values)


def expected_dates() -> set[tuple[str, str, str]]:
    """The dates for a complaint received today or, across midnight, tomorrow."""
    today = dt.datetime.now(LONDON).date()
    dates = set()
    for received in (today, today + dt.timedelta(days=1)):
        d = statutory_deadlines(received)
        dates.add(tuple(format_date(dt.date.fromisoformat(d[k]), format="full", locale="en_GB")
                        for k in ("acknowledge_by", "stage1_due", "stage1_extended_due")))
    return dates


def send(visitor, button: str = "Send my complaint") -> str:
    assert visitor.path == "/check"
    visitor.press(button)
    assert visitor.path == "/confirmation"
    page = visitor.page
    assert page.get_by_role("heading", level=1).inner_text().strip() == "Your complaint has been sent"
    reference = page.get_by_test_id("reference").inner_text().strip()
    assert REFERENCE.match(reference), reference
    return reference


def assert_stage1_dates(page) -> None:
    shown = tuple(page.get_by_test_id(t).inner_text().strip()
                  for t in ("acknowledge-by", "stage1-due", "stage1-extended-due"))
    assert shown in expected_dates(), shown


def test_young_person_in_care_complains_about_their_social_worker(visitor, app):
    begin(visitor)
    walk(visitor, YOUNG_PERSON_IN_CARE)

    page = visitor.page
    assert visitor.path == "/check"
    rows = {row.locator("dt").inner_text().strip(): row.locator(".govuk-summary-list__value").inner_text().strip()
            for row in page.locator(".govuk-summary-list__row").all()}
    assert rows["Your age"] == "14"
    assert rows["What it is about"] == "A social worker or personal adviser"
    assert "four social workers" in rows["What happened"]

    send(visitor)
    assert page.get_by_role("heading", name="The council will look into your complaint").is_visible()
    assert_stage1_dates(page)
    offer = page.get_by_test_id("advocacy-offer")
    assert "You can have an advocate" in offer.inner_text()
    assert app.config["INTAKE_COUNCIL"].advocacy.name == "Example Advocacy Service"
    assert "Example Advocacy Service" in offer.inner_text()
    assert page.locator(".app-help-panel").count() == 0

    questions = visitor.question_pages()
    assert len(questions) <= 10, questions
    visitor.finish()


@pytest.mark.parametrize("who", ["advocate", "parent"])
def test_someone_complaining_for_a_young_person(visitor, who):
    begin(visitor)
    walk(visitor, ADVOCATE if who == "advocate" else PARENT)
    send(visitor)
    page = visitor.page
    assert_stage1_dates(page)
    if who == "advocate":
        offer = page.get_by_test_id("advocacy-offer")
        assert "Example Advocacy Service" in offer.inner_text()
        assert page.get_by_test_id("advocacy-signpost").count() == 0
    else:  # told how their child can have an advocate, and where to get advice themselves
        offer = page.get_by_test_id("advocacy-offer").inner_text()
        assert "The young person this complaint is about can have an advocate" in offer
        assert "Example Advocacy Service" in offer
        assert "You can have an advocate" not in page.locator("main").inner_text()
        assert page.get_by_role("button", name="Yes, ask them to contact me").count() == 0
        assert "Family Rights Group" in page.get_by_test_id("advocacy-signpost").inner_text()
    visitor.finish()


def _age_error(visitor, message: str, typed: str) -> None:
    page = visitor.page
    assert visitor.path == "/questions/young_person_age"
    assert page.title().startswith("Error:"), page.title()
    summary = page.locator(".govuk-error-summary")
    assert summary.get_by_role("heading").inner_text().strip() == "There is a problem"
    link = summary.get_by_role("link", name=message)
    assert link.get_attribute("href") == "#young_person_age"

    field = page.locator("#young_person_age")
    beside = page.locator("#young_person_age-error")
    assert message in beside.inner_text()
    assert "young_person_age-error" in (field.get_attribute("aria-describedby") or "").split()
    assert page.locator(".govuk-form-group--error #young_person_age").count() == 1
    assert field.input_value() == typed

    if visitor.javascript:
        # GOV.UK Frontend focuses the summary on load.
        assert page.evaluate("() => document.activeElement.classList.contains('govuk-error-summary')")
    # The summary link moves focus to the field: GOV.UK Frontend's handler with JavaScript
    # on; with it off the link is a plain fragment link and Chromium focuses its target.
    link.click()
    assert page.evaluate("() => document.activeElement.id") == "young_person_age"
    assert field.is_visible()


def test_age_validation_errors(visitor):
    begin(visitor)
    walk(visitor, YOUNG_PERSON_IN_CARE[:3])

    visitor.press("Continue")  # nothing typed
    _age_error(visitor, "Enter your age", "")

    visitor.page.locator("#young_person_age").fill("fifteen")
    visitor.press("Continue")
    _age_error(visitor, "Enter the age as a number, like 15", "fifteen")

    visitor.answer("young_person_age", {"young_person_age": "14"})
    assert visitor.path == "/questions/topics"
    assert [v.name for v in visitor.visits].count("young_person_age-error") == 2
    visitor.finish()


def _help_panel(page):
    panel = page.get_by_role("region", name="Get help now")
    assert panel.is_visible()
    assert panel.get_by_role("link", name="999", exact=True).get_attribute("href") == "tel:999"
    childline = panel.get_by_role("link", name="0800 1111", exact=True)
    assert childline.get_attribute("href") == "tel:08001111"
    assert "Childline" in panel.inner_text()
    return panel


def test_young_person_who_is_not_safe_gets_help_first(visitor):
    begin(visitor)
    visitor.answer("filer", {"filer": "young_person"})
    visitor.answer("safe_now", {"safe_now": "no"})

    page = visitor.page
    assert visitor.path == "/help-now"  # the very next page
    _help_panel(page)
    assert page.locator("main .govuk-grid-column-two-thirds > *").first.get_attribute("class") == "app-help-panel"
    page.locator('input[name="choice"][value="fast_track"]').check()
    visitor.press("Continue")

    walk(visitor, [
        ("description", {"description": "I need to talk to someone today about where I live."}),
        ("contact", {"contact_name": "Sam", "contact_method": "phone",
                     "contact_phone": "07700 900 982"}),
    ])
    assert visitor.question_pages() == [
        "/questions/filer", "/questions/safe_now", "/questions/description", "/questions/contact"]
    send(visitor, "Send now")
    first = page.locator("main .govuk-grid-column-two-thirds > *").first
    assert first.get_attribute("class") == "app-help-panel", "the help panel must come first"
    _help_panel(page)
    assert page.get_by_role("heading", name="We are passing this on to keep you safe").is_visible()
    visitor.finish()


def _leave(visitor, exit_url: str, action) -> None:
    """Do ``action`` and check the browser was sent, through /exit, to the neutral site,
    without loading it (see NetworkLog: the redirect hop fails to resolve, by design)."""
    page = visitor.page
    with page.expect_event("requestfailed", lambda r: same_url(r.url, exit_url)) as failed:
        action()
    hop = failed.value
    assert hop.is_navigation_request() and hop.frame == page.main_frame
    assert hop.failure == "net::ERR_NAME_NOT_RESOLVED", hop.failure  # it never left the machine
    exited = hop.redirected_from
    assert exited is not None and exited.url == visitor.base_url + "/exit"
    response = exited.response()
    assert response.status in (302, 303)
    assert response.headers["location"] == exit_url
    assert response.headers.get("cache-control") == "no-store"


def test_exit_this_page(visitor, app):
    exit_url = app.config["INTAKE_EXIT_URL"]
    begin(visitor)
    walk(visitor, YOUNG_PERSON_IN_CARE[:2])
    page = visitor.page
    assert visitor.path == "/questions/young_person_status"

    _leave(visitor, exit_url, page.locator("a.govuk-exit-this-page__button").click)
    assert visitor.log.exits == [exit_url]

    # The answers are forgotten: the service starts again from the first question.
    again = page.request.get(visitor.base_url + "/questions/young_person_status", max_redirects=0)
    assert again.status == 302 and again.headers["location"].endswith("/questions/filer")

    if visitor.javascript:
        # Pressing Shift three times leaves too (GOV.UK Frontend's keyboard shortcut).
        visitor.open("/questions/filer")
        _leave(visitor, exit_url, lambda: [page.keyboard.press("Shift") for _ in range(3)])
        assert visitor.log.exits == [exit_url, exit_url]
    visitor.finish(exited=True)


def test_the_accessibility_check_reports_violations(visitor):
    """The checker itself: a page with a known fault must fail, with a useful message."""
    visitor.open("/")
    visitor.page.evaluate("""() => document.querySelector('main').insertAdjacentHTML(
        'beforeend', '<img src="/static/favicon.svg"><input type="text">')""")
    with pytest.raises(AssertionError) as failure:
        visitor.check_accessibility(visitor.page.url)
    message = str(failure.value)
    assert "image-alt [critical]: Images must have alternative text" in message
    assert re.search(r"^      at \S*img\S*$", message, re.M), message
    assert "label [critical]" in message
    assert ("JS on" if visitor.javascript else "JS off, replayed") in message
    visitor.finish()
