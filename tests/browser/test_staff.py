"""The complaints team's pages in a real browser: signing in with both factors, the queue,
a case with a triage error, the reports and the audit log. Every page passes axe (WCAG 2.2
A/AA) with JavaScript on and off, and nothing is asked of any other site."""

from __future__ import annotations

import re

import pyotp
import pytest

from tests.browser.conftest import AXE_PATH, CHROMIUM_ARGS, TIMEOUT_MS  # noqa: F401
from tests.browser.support import AXE_RUN, AXE_TAGS, format_violations
from tests.queue.conftest import submit_cases
from tests.staff.conftest import PASSWORD, make_staff

pytestmark = pytest.mark.browser

LAPTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "en-GB", "bypass_csp": True}


class StaffBrowser:
    """A staff member at a laptop. Checks every page it lands on."""

    def __init__(self, page, base: str, javascript: bool, auditor, shots):
        self.page, self.base, self.javascript, self.auditor, self.shots = page, base, javascript, auditor, shots
        self.checked: list[str] = []

    def check(self, name: str) -> None:
        page = self.page
        page.wait_for_load_state("load")
        page.screenshot(path=str(self.shots / f"{len(self.checked) + 1:02d}-{name}.png"), full_page=True)
        if self.javascript:
            page.add_script_tag(path=str(AXE_PATH))
            violations = page.evaluate(AXE_RUN, AXE_TAGS)
        else:
            violations = self.auditor.audit(page.url, page.content())
        assert not violations, format_violations(f"{page.url} ({name})", violations)
        assert page.locator(".govuk-exit-this-page").count() == 0, "staff pages have no exit button"
        self.checked.append(name)

    def go(self, path: str, name: str) -> None:
        self.page.goto(self.base + path, wait_until="load")
        self.check(name)

    def submit(self, button: str, name: str) -> None:
        with self.page.expect_navigation(wait_until="load"):
            self.page.get_by_role("button", name=button, exact=True).first.click()
        self.check(name)


@pytest.fixture
def staff_browser(request, chromium_browser, live_server, replay_auditor, network_log, javascript):
    shots = (request.config.rootpath / "test-artifacts" / "screenshots"
             / re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-"))
    shots.mkdir(parents=True, exist_ok=True)
    context = chromium_browser.new_context(java_script_enabled=javascript, **LAPTOP)
    context.set_default_timeout(TIMEOUT_MS)
    context.on("request", network_log.saw)
    context.route("**/*", network_log.guard)
    replay_auditor.log = network_log
    yield StaffBrowser(context.new_page(), live_server, javascript, replay_auditor, shots)
    replay_auditor.log = None
    context.close()
    assert network_log.foreign == [], f"third-party requests: {network_log.foreign}"


def test_a_manager_signs_in_works_a_case_and_reads_the_report(app, staff_browser):
    submit_cases(app, 2)
    submit_cases(app, 1, safe_now="no", contact_not_via_carer=True)
    account = make_staff(app, "manager", two_factor=False)
    browser, page = staff_browser, staff_browser.page

    browser.go("/staff/sign-in", "sign-in")
    page.fill("#email", account["email"])
    page.fill("#password", "not the password!")
    browser.submit("Continue", "sign-in-error")
    page.fill("#email", account["email"])
    page.fill("#password", PASSWORD)
    browser.submit("Continue", "set-up-two-factor")
    secret = page.inner_text('[data-testid="totp-secret"]').replace(" ", "")
    page.fill("#code", pyotp.TOTP(secret).now())
    browser.submit("Sign in", "queue")

    assert "Urgent" in page.inner_text("table")
    page.select_option("select[name=route]", "safeguarding_referral")
    browser.submit("Apply filters", "queue-filtered")
    with page.expect_navigation(wait_until="load"):
        page.locator("table a").first.click()
    browser.check("case")
    assert page.locator(".app-do-not-contact").is_visible()

    page.select_option("select[name=route]", "statutory_stage1")
    browser.submit("Confirm or change route", "case-route-error")
    assert "Give the reason for changing the route" in page.inner_text(".govuk-error-summary")
    page.fill("textarea[name=route_reason]", "The child is safe now; the complaint is about placement.")
    browser.submit("Confirm or change route", "case-route-changed")
    browser.submit("Mark as acknowledged", "case-acknowledged")

    browser.go("/staff/reports", "reports")
    assert page.locator("table caption").count() >= 5
    browser.go("/staff/audit", "audit-log")
    assert "route_changed" in page.inner_text("main") or "Route changed" in page.inner_text("main")
    assert len(browser.checked) >= 11
