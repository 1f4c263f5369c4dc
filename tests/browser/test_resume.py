"""Saving a form on a phone, continuing it on another, sending it and checking it, with
JavaScript on and off; and the idle warning. Every page is checked by the ``Visitor``
(support.py): "Exit this page", a screenshot, no axe-core WCAG 2.2 A/AA violation, and no
request leaving the machine."""

from __future__ import annotations

import re
import time

import pytest

from intake.cases import codes
from tests.browser.conftest import AXE_PATH
from tests.browser.support import Visitor
from tests.browser.test_journeys import REFERENCE, YOUNG_PERSON_IN_CARE, begin, send, walk

pytestmark = pytest.mark.browser


@pytest.fixture
def fresh_phone(request, live_server, phone_context, network_log, replay_auditor, javascript):
    """Another phone (a new browser context: no cookies, no history), same JS setting."""
    made = []

    def make() -> Visitor:
        shots = (request.config.rootpath / "test-artifacts" / "screenshots"
                 / (re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-") + f"-phone{len(made) + 2}"))
        shots.mkdir(parents=True, exist_ok=True)
        for old in shots.glob("*.png"):
            old.unlink()
        page = phone_context(java_script_enabled=javascript).new_page()
        person = Visitor(page, base_url=live_server, javascript=javascript, shots=shots,
                         axe_path=AXE_PATH, auditor=replay_auditor, log=network_log)
        made.append(person)
        return person

    return make


def test_save_on_a_phone_continue_on_another_send_and_check(visitor, fresh_phone):
    begin(visitor)
    walk(visitor, YOUNG_PERSON_IN_CARE[:3])
    page = visitor.page
    assert visitor.path == "/questions/young_person_age"
    notice = page.locator("#idle-notice")
    assert notice.is_visible() and "30 minutes" in notice.inner_text()

    # Save from a question page: the age typed there is kept.
    page.locator("#young_person_age").fill("14")
    visitor.press("Save and come back later")
    assert visitor.path == "/save"
    assert page.get_by_role("heading", level=1).inner_text().strip() == "Your form is saved"
    items = page.get_by_test_id("resume-code").locator("li")
    words = [w.strip() for w in items.all_inner_texts()]
    assert len(words) == codes.RESUME_WORDS and all(re.fullmatch(r"[a-z]+", w) for w in words), words
    size = float(items.first.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
    assert size >= 27, f"the words should be large on a phone, not {size}px"
    assert "30 days" in page.get_by_test_id("expires").inner_text()
    assert page.get_by_role("heading", name="If other people use this phone or computer").is_visible()
    visitor.finish()

    # Another phone: the start page, "Continue a saved form", a mistake, then the words.
    phone = fresh_phone()
    phone.open("/")
    phone.follow(phone.page.get_by_role("link", name="Continue a saved form"))
    assert phone.path == "/continue"
    code = phone.page.locator("#code")
    code.fill("these are not words")
    phone.press("Continue")
    assert phone.page.locator(".govuk-error-summary").is_visible()
    assert phone.page.title().startswith("Error: Online form")
    code.fill(f"{words[0].title()}, {words[1].upper()} - {words[2]}  {words[3]} {words[4]}.")
    phone.press("Continue")
    assert phone.path == "/questions/topics"
    banner = phone.page.locator(".govuk-notification-banner--success")
    assert "Your saved form is open" in banner.inner_text()

    walk(phone, YOUNG_PERSON_IN_CARE[4:])
    assert phone.path == "/check"
    rows = {row.locator("dt").inner_text().strip(): row.locator(".govuk-summary-list__value").inner_text().strip()
            for row in phone.page.locator(".govuk-summary-list__row").all()}
    assert rows["Your age"] == "14"
    reference = send(phone)
    check_code = phone.page.get_by_test_id("check-code").inner_text().strip()
    assert len(check_code.split()) == 3

    # Check my complaint, from the link on the confirmation page.
    phone.follow(phone.page.get_by_role("link", name="Check your complaint").first)
    assert phone.path == "/check-my-complaint"
    phone.page.get_by_label("Your reference").fill(reference.lower())
    phone.page.get_by_label("Your check code").fill(check_code.upper())
    phone.press("Continue")
    status = phone.page
    assert status.get_by_role("heading", level=1).inner_text().strip() == "What is happening with your complaint"
    assert status.title().startswith("Online form")
    steps = status.get_by_test_id("step")
    assert steps.count() == 4
    assert steps.first.get_by_role("heading").inner_text().strip() == "We got your complaint"
    assert "Done" in steps.first.inner_text()
    assert "Sam" not in status.locator("main").inner_text()
    assert REFERENCE.match(status.get_by_test_id("status-reference").inner_text().strip())
    phone.finish()


# The warning is JavaScript; without it the page says how long it can be left (above).
@pytest.mark.parametrize("javascript", [True], ids=["js-on"])
def test_the_idle_warning_lets_someone_keep_working_and_the_time_out_explains(visitor, app):
    page = visitor.page
    page.clock.install()
    begin(visitor)
    visitor.answer("filer", {"filer": "young_person"})
    assert visitor.path == "/questions/safe_now"
    assert page.locator("[data-idle-warning]").is_hidden()

    page.clock.fast_forward("28:01")
    warning = page.get_by_role("alertdialog", name="Are you still there?")
    warning.wait_for(state="visible")
    assert page.evaluate("() => document.activeElement.hasAttribute('data-keep-working')")
    page.screenshot(path=str(visitor.shots / "idle-warning.png"), full_page=True)
    visitor.check_accessibility(page.url + " (idle warning)")

    with page.expect_response(lambda r: r.url.endswith("/keep-alive")) as kept:
        warning.get_by_role("button", name="Keep working").click()
    assert kept.value.status == 200 and kept.value.json() == {"status": "ok"}
    warning.wait_for(state="hidden")

    # Typing counts as being there: no warning interrupts someone who is typing.
    page.clock.fast_forward("20:00")
    page.locator('input[name="safe_now"][value="yes"]').check()
    with page.expect_response(lambda r: r.url.endswith("/keep-alive")):
        page.clock.fast_forward("08:01")
    assert not page.get_by_role("alertdialog").is_visible()

    # Nobody there: the page closes itself and the next page explains.
    idle = app.config["INTAKE_PUBLIC_IDLE_MINUTES"]
    app.config["INTAKE_PUBLIC_IDLE_MINUTES"] = 0  # the server's clock is real: expire now
    try:
        time.sleep(1.1)
        page.clock.fast_forward("28:01")
        page.get_by_role("alertdialog").wait_for(state="visible")
        with page.expect_navigation(wait_until="load"):
            page.clock.fast_forward("02:10")
        visitor.arrived()
    finally:
        app.config["INTAKE_PUBLIC_IDLE_MINUTES"] = idle
    assert visitor.path == "/timed-out"
    assert page.get_by_role("heading", level=1).inner_text().strip() == \
        "We closed the form to keep your answers private"
    response = page.request.get(visitor.base_url + "/questions/safe_now", max_redirects=0)
    assert response.status == 302 and response.headers["location"].endswith("/questions/filer")
    visitor.finish()
