"""A complaint whose words are script and markup, read by the complaints team in Chromium:
nothing runs, nothing is injected, and the words are shown exactly as the child typed them.

The browser context bypasses the pages' Content Security Policy on purpose, so an escaping
mistake would show here as a script that runs, not be hidden by the policy.
"""

from __future__ import annotations

import pyotp
import pytest

from intake.cases.models import Case
from intake.extensions import db
from tests.browser.test_staff import staff_browser  # noqa: F401 - the fixture
from tests.naughty import MARKUP
from tests.public.conftest import YOUNG_PERSON_IN_CARE, Filer
from tests.staff.conftest import PASSWORD, make_staff

pytestmark = pytest.mark.browser

#: Entities typed as text must be shown as typed, not decoded into "&" or "<script>".
ENTITIES = "Tom &amp; Jerry &#60;script&#62;window.__pwned=1&#60;/script&#62; &lt;b&gt;"
DESCRIPTION = "\n".join(MARKUP + (ENTITIES,))
NAME = '<img src=x onerror="window.__pwned=1">"><svg onload=window.__pwned=1>'

#: Elements and attributes none of our pages has, and every payload above would add.
INJECTED = "[onerror], [onload], iframe, img[src='x'], script"
#: Scripts with no file are only axe-core, which the checks add to every page.
FIND = (f"[...document.querySelectorAll({INJECTED!r})]"
        ".filter(e => !(e.tagName === 'SCRIPT' && (e.src || !e.textContent.includes('__pwned'))))"
        ".map(e => e.outerHTML)")


def submit_through_the_form(app) -> str:
    app.config["WTF_CSRF_ENABLED"] = False
    try:
        client = app.test_client()
        Filer(client).fill(dict(YOUNG_PERSON_IN_CARE, description=DESCRIPTION, contact_name=NAME))
        Filer(client).send()
    finally:
        app.config["WTF_CSRF_ENABLED"] = True
    with app.app_context():
        return db.session.query(Case).one().id


@pytest.mark.parametrize("javascript", [True], ids=["js-on"])
def test_script_and_markup_in_a_complaint_stay_words_on_the_staff_pages(app, staff_browser):  # noqa: F811
    case_id = submit_through_the_form(app)
    account = make_staff(app, "officer")
    browser, page = staff_browser, staff_browser.page

    browser.go("/staff/sign-in", "sign-in")
    page.fill("#email", account["email"])
    page.fill("#password", PASSWORD)
    browser.submit("Continue", "two-factor")
    page.fill("#code", pyotp.TOTP(account["secret"]).now())
    browser.submit("Sign in", "queue")
    assert_nothing_ran(page)

    browser.go(f"/staff/cases/{case_id}", "case")
    assert_nothing_ran(page)
    shown = page.inner_text("main")
    for payload in MARKUP + (ENTITIES,):
        assert payload in shown, payload
    assert NAME in shown


def assert_nothing_ran(page) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("typeof parent.__pwned") == "undefined"
    found = page.evaluate(FIND)
    assert found == [], found
