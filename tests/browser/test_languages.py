"""The service in other languages, in a real browser on a phone.

* Every public page, in each right-to-left language and in Polish, has the right lang and
  dir and passes axe-core WCAG 2.2 A/AA (one browser context, about a minute).
* A young person completes the whole web form in Arabic and in Polish, with JavaScript on
  and off, pressing buttons by their names in that language (from its catalogue); every
  page is checked as in test_journeys.py, and the dates they are given are the English
  working-day dates, written in their language.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from babel.dates import format_date
from babel.support import Translations

from intake import languages
from intake.calendar import statutory_deadlines
from tests.browser.support import AXE_RUN, AXE_TAGS, format_violations
from tests.browser.test_journeys import LONDON, REFERENCE, YOUNG_PERSON_IN_CARE, walk
from tests.public.test_info import public_get_pages
from tests.test_catalogues import TRANSLATIONS, catalogue_path

pytestmark = pytest.mark.browser

#: Axe in every right-to-left language, and in one left-to-right language other than English.
#: Every language but English (which every other browser test checks), right-to-left first.
AXE_LANGUAGES = ["ar", "fa", "ps", "ckb", "ur", "pl", "ti", "sq", "vi", "ro", "uk", "so"]
OTHER_PAGES = ["/chat", "/easy-read/questions/filer", "/easy-read/help-now",
               "/easy-read/privacy", "/easy-read/pictures"]


def translations(code: str) -> Translations:
    assert catalogue_path(code).is_file(), f"no catalogue for {code}"
    loaded = Translations.load(str(TRANSLATIONS), locales=[code])
    assert isinstance(loaded, Translations), f"{code}: compile the catalogues (make translations)"
    return loaded


def check_language(page, code: str, where: str) -> None:
    language = languages.BY_CODE[code]
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == (language.tag, language.direction), where


def axe(page, where: str) -> None:
    violations = page.evaluate(AXE_RUN, AXE_TAGS)
    assert not violations, format_violations(where, violations)


def test_every_public_page_passes_axe_in_every_language(
        app, live_server, phone_context, network_log, request):
    from tests.browser.conftest import AXE_PATH

    shots = request.config.rootpath / "test-artifacts" / "screenshots" / "languages-axe"
    shots.mkdir(parents=True, exist_ok=True)
    context = phone_context(java_script_enabled=True)
    page = context.new_page()
    for code in AXE_LANGUAGES:
        page.goto(f"{live_server}/language/{code}?next=/")
        check_language(page, code, f"{code} /")
        paths = public_get_pages(app) + OTHER_PAGES
        for path in paths:
            page.goto(live_server + path, wait_until="load")
            where = f"{path} in {code}"
            check_language(page, code, where)
            assert page.locator("a.govuk-exit-this-page__button").count() == 1, where
            page.add_script_tag(path=str(AXE_PATH))
            axe(page, where)
        # A checkboxes question with an error, in the language.
        page.goto(f"{live_server}/questions/filer")
        page.locator('[name="filer"][value="young_person"]').check()
        page.locator("main form button.govuk-button").first.click()
        page.locator('[name="safe_now"][value="yes"]').check()
        page.locator("main form button.govuk-button").first.click()
        page.locator("main form button.govuk-button").first.click()  # nothing chosen
        assert page.locator(".govuk-error-summary").count() == 1
        check_language(page, code, f"error in {code}")
        page.add_script_tag(path=str(AXE_PATH))
        axe(page, f"{page.url} (error) in {code}")
        page.screenshot(path=str(shots / f"{code}-checkboxes-error.png"), full_page=True)
        context.clear_cookies()  # a clean start for the next language
    assert network_log.foreign == []


@pytest.mark.parametrize("code", ["ar", "pl"])
def test_a_young_person_completes_the_form_in_their_language(visitor, code):
    t = translations(code)
    visitor.gettext = t.gettext
    page = visitor.page
    visitor.open(f"/language/{code}?next=/")
    assert visitor.path == "/"
    check_language(page, code, "start")
    # The start page is in the language: its heading and button are the catalogue's words.
    visitor.follow(page.get_by_role("button", name=t.gettext("Start now")))
    assert visitor.path == "/questions/filer"

    for question_id, values in YOUNG_PERSON_IN_CARE:
        check_language(page, code, question_id)
        visitor.answer(question_id, values)

    assert visitor.path == "/check"
    check_language(page, code, "check")
    summary = page.locator(".govuk-summary-list").first.inner_text()
    assert t.gettext("A social worker or personal adviser") in summary

    visitor.press("Send my complaint")
    assert visitor.path == "/confirmation"
    check_language(page, code, "confirmation")
    heading = page.get_by_role("heading", level=1).inner_text().strip()
    assert heading == t.gettext("Your complaint has been sent")
    reference = page.get_by_test_id("reference")
    assert REFERENCE.match(reference.inner_text().strip())
    assert reference.get_attribute("dir") == "ltr"

    # The English working-day calendar, written the reader's way.
    shown = page.get_by_test_id("stage1-due").inner_text().strip()
    locale = languages.BY_CODE[code].babel_locale
    today = dt.datetime.now(LONDON).date()
    expected = {format_date(dt.date.fromisoformat(statutory_deadlines(day)["stage1_due"]),
                            format="full", locale=locale)
                for day in (today, today + dt.timedelta(days=1))}
    assert shown in expected, (shown, expected)
    assert not re.search(r"January|February|March|April|May|June|July|August|September|"
                         r"October|November|December", shown)
    visitor.finish()
