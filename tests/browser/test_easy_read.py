"""Easy Read on a phone, with JavaScript on and off: a whole complaint, switching from the
web form mid-way, a form saved in the web form finished in Easy Read, and "Listen".

Every page is checked by the ``Visitor`` (support.py): "Exit this page", a screenshot, no
axe-core WCAG 2.2 A/AA violation, and no request leaving the machine.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from intake.cases.models import Case
from intake.extensions import db
from tests.browser.test_journeys import REFERENCE, YOUNG_PERSON_IN_CARE
from tests.browser.test_resume import fresh_phone  # noqa: F401 - a fixture

pytestmark = pytest.mark.browser


def answer(visitor, question_id: str, values: dict) -> None:
    """Answer one Easy Read question: radios and checkboxes by value, text by typing."""
    assert visitor.path == f"/easy-read/questions/{question_id}", (
        f"expected the Easy Read {question_id!r} question, got {visitor.page.url}")
    page = visitor.page
    for name, value in values.items():
        fields = page.locator(f'[name="{name}"]')
        if fields.first.get_attribute("type") in ("radio", "checkbox"):
            for v in ["y"] if value is True else [value] if isinstance(value, str) else value:
                page.locator(f'[name="{name}"][value="{v}"]').check()
        else:
            fields.fill(value)
    visitor.press("Continue")


def walk(visitor, steps) -> None:
    for question_id, values in steps:
        answer(visitor, question_id, values)


def send(visitor) -> str:
    assert visitor.path == "/easy-read/check"
    visitor.press("Send my complaint")
    assert visitor.path == "/easy-read/confirmation"
    reference = visitor.page.get_by_test_id("reference").inner_text().strip()
    assert REFERENCE.match(reference), reference
    return reference


def channel_of(app, reference: str) -> str:
    with app.app_context():
        return db.session.execute(select(Case.channel).where(Case.reference == reference)).scalar_one()


def test_a_whole_complaint_in_easy_read(visitor, app):
    page = visitor.page
    visitor.open("/")
    visitor.follow(page.get_by_role("link", name="Use the Easy Read form"))
    assert visitor.path == "/easy-read/"

    # Large text, with the picture on the left of each sentence.
    sentence = page.locator(".app-easy-read__sentence").first
    text = sentence.locator(".app-easy-read__text")
    size = float(text.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
    assert size >= 19, f"Easy Read text must be at least 19px, not {size}px"
    picture_box = sentence.locator("img").bounding_box()
    assert picture_box["x"] + picture_box["width"] <= text.bounding_box()["x"]
    assert page.locator("main em, main i").count() == 0

    visitor.follow(page.get_by_role("button", name="Start", exact=True))
    # A mistake first: the error is in Easy Read words.
    visitor.press("Continue")
    assert page.locator(".govuk-error-summary").is_visible()
    assert "Tell us who is filling in this form." in page.locator(".govuk-error-summary").inner_text()
    walk(visitor, YOUNG_PERSON_IN_CARE)
    rows = page.locator(".govuk-summary-list__row")
    assert rows.count() == len(YOUNG_PERSON_IN_CARE)
    assert "I am in care" in rows.nth(2).inner_text()
    reference = send(visitor)
    assert page.get_by_test_id("route").inner_text().strip() == "The council will look into your complaint"
    assert page.get_by_role("heading", name="When you will hear from us").is_visible()
    visitor.follow(page.get_by_role("link", name="Where the pictures come from"))
    assert "OpenMoji" in page.locator("main").inner_text()
    visitor.finish()
    assert channel_of(app, reference) == "easy_read"


@pytest.mark.parametrize("javascript", [True], ids=["js-on"])
def test_switching_from_the_web_form_to_easy_read_mid_way_keeps_the_answers(visitor, app):
    page = visitor.page
    visitor.open("/")
    visitor.follow(page.get_by_role("button", name="Start now"))
    for question_id, values in YOUNG_PERSON_IN_CARE[:3]:
        visitor.answer(question_id, values)
    assert visitor.path == "/questions/young_person_age"
    visitor.follow(page.get_by_role("link", name="Easy Read version of this page"))
    assert visitor.path == "/easy-read/questions/young_person_age"
    visitor.follow(page.get_by_role("link", name="Back"))
    assert visitor.path == "/easy-read/questions/young_person_status"
    assert page.locator('[name="young_person_status"][value="in_care"]').is_checked()
    visitor.press("Continue")
    walk(visitor, YOUNG_PERSON_IN_CARE[3:])
    reference = send(visitor)
    visitor.finish()
    assert channel_of(app, reference) == "easy_read"


@pytest.mark.parametrize("javascript", [False], ids=["js-off"])
def test_a_form_saved_in_the_web_form_is_finished_in_easy_read(visitor, fresh_phone, app):  # noqa: F811
    page = visitor.page
    visitor.open("/questions/filer")
    for question_id, values in YOUNG_PERSON_IN_CARE[:3]:
        visitor.answer(question_id, values)
    page.locator("#young_person_age").fill("14")
    visitor.press("Save and come back later")
    words = [w.strip() for w in page.get_by_test_id("resume-code").locator("li").all_inner_texts()]
    assert len(words) == 5
    visitor.finish()

    phone = fresh_phone()
    phone.open("/easy-read/")
    phone.follow(phone.page.get_by_role("link", name="Carry on with a saved form"))
    assert phone.path == "/easy-read/continue"
    phone.page.locator("#code").fill(" ".join(words))
    phone.press("Continue")
    assert phone.path == "/easy-read/questions/topics"
    assert "Your saved form is open" in phone.page.locator(".govuk-notification-banner").inner_text()
    walk(phone, YOUNG_PERSON_IN_CARE[4:])
    reference = send(phone)
    phone.finish()
    assert channel_of(app, reference) == "easy_read"


#: Stands in for the browser's voice: records what would be said, in which language.
SPEECH_STUB = """
window.__spoken = [];
window.__cancelled = 0;
Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: {
  speak(u) { window.__spoken.push({text: u.text, lang: u.lang}); },
  cancel() { window.__cancelled += 1; },
}});
"""
NO_SPEECH = """
Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: undefined});
Object.defineProperty(window, 'SpeechSynthesisUtterance', {configurable: true, value: undefined});
"""


@pytest.mark.parametrize("javascript", [True], ids=["js-on"])
def test_listen_is_hidden_where_the_browser_cannot_speak(visitor):
    visitor.page.add_init_script(NO_SPEECH)
    visitor.open("/easy-read/questions/filer")
    assert visitor.page.locator('[data-module="app-listen"]').is_hidden()
    visitor.finish()


@pytest.mark.parametrize("javascript", [True], ids=["js-on"])
def test_listen_reads_the_page_in_its_language_and_stops_from_the_keyboard(visitor):
    page = visitor.page
    page.add_init_script(SPEECH_STUB)
    visitor.open("/easy-read/questions/filer")
    listen = page.get_by_role("button", name="Listen")
    assert listen.is_visible()
    listen.focus()
    page.keyboard.press("Enter")
    spoken = page.evaluate("() => window.__spoken")
    assert spoken[0] == {"text": "Who is filling in this form?", "lang": "en-GB"}
    said = " ".join(s["text"] for s in spoken)
    assert "Tell us who you are." in said and "I am a foster carer" in said
    assert "Listen" not in said  # the button itself is not read
    stop = page.get_by_role("button", name="Stop")
    assert stop.is_visible() and stop.evaluate("e => e === document.activeElement")
    page.keyboard.press("Space")
    assert page.evaluate("() => window.__cancelled") >= 2
    assert page.get_by_role("button", name="Listen").is_visible()
    visitor.finish()
