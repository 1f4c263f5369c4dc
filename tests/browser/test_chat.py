"""The chat on a phone, with JavaScript on and off, against a real Rasa: a whole complaint,
the live region, focus, the keyboard, 320 px, and axe-core after every turn."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def say(visitor, locator) -> None:
    """Press a button in the chat: with JavaScript the page updates itself, without it the
    form posts and the page reloads. Either way the result is checked like any page."""
    if visitor.javascript:
        with visitor.page.expect_response(lambda r: r.url.endswith("/chat") and r.request.method == "POST"):
            locator.click()
        visitor.page.wait_for_function("() => !document.querySelector('[data-chat] button[disabled]')")
        visitor.check_accessibility(visitor.page.url)
    else:
        visitor.follow(locator)


def button(visitor, name: str):
    return visitor.page.get_by_role("button", name=name, exact=True)


def type_and_send(visitor, text: str) -> None:
    visitor.page.get_by_label("Type your answer or a message").fill(text)
    say(visitor, button(visitor, "Send"))


def announced(visitor) -> str:
    return visitor.page.locator("[data-chat-announce]").inner_text()


def last_bot_message(visitor) -> str:
    return visitor.page.locator('li[data-who="bot"]').last.inner_text()


def said_since_you(visitor) -> str:
    """Everything we said since the person last said something."""
    return visitor.page.evaluate("""() => {
      const items = [...document.querySelectorAll('li[data-who]')];
      const last = items.map(i => i.dataset.who).lastIndexOf('you');
      return items.slice(last + 1).map(i => i.innerText).join(' ');
    }""")


def test_a_young_person_makes_a_complaint_in_the_chat(chat_app, visitor):
    visitor.open("/chat")
    page = visitor.page
    assert "Hello" in page.locator("[data-chat-log]").inner_text()
    say(visitor, button(visitor, "I am the young person it is about"))
    assert "Are you safe right now?" in last_bot_message(visitor)
    if visitor.javascript:
        assert "Are you safe right now?" in announced(visitor)
        assert "Hello" not in announced(visitor)  # the history is not read out again
        assert page.evaluate("document.activeElement.id") == "chat-message"
    say(visitor, button(visitor, "Yes, I am safe"))
    page.get_by_label("I am in care").check()
    say(visitor, button(visitor, "Send my choices"))
    type_and_send(visitor, "I'm 14")
    page.get_by_label("A social worker or personal adviser").check()
    say(visitor, button(visitor, "Send my choices"))
    say(visitor, button(visitor, "Yes, or it is still happening"))
    page.get_by_label("None of these").check()
    say(visitor, button(visitor, "Send my choices"))
    type_and_send(visitor, "My social worker has not visited since March.")
    type_and_send(visitor, "I want a social worker who visits.")
    type_and_send(visitor, "Sam")
    say(visitor, button(visitor, "Text message"))
    type_and_send(visitor, "07700 900982")
    say(visitor, button(visitor, "Skip this question"))
    say(visitor, button(visitor, "Yes"))
    assert "Here is what you told me" in page.locator("[data-chat-log]").inner_text()
    say(visitor, button(visitor, "Yes, send it"))
    assert "Your complaint has been sent" in last_bot_message(visitor)
    visitor.follow(page.get_by_role("link", name="See what happens next and get your check code"))
    assert visitor.path == "/confirmation"
    visitor.finish()


def test_help_is_one_press_away_and_stop_deletes(chat_app, visitor):
    visitor.open("/chat")
    say(visitor, button(visitor, "I'm not safe"))
    text = said_since_you(visitor)
    assert "999" in text and "0800 1111" in text
    say(visitor, button(visitor, "Stop and delete what I said"))
    say(visitor, button(visitor, "Yes, delete everything"))
    assert "has been deleted" in visitor.page.locator("[data-chat-log]").inner_text()
    visitor.finish()


@pytest.mark.parametrize("javascript", [True], ids=["js-on"], indirect=True)
def test_the_chat_works_by_keyboard_alone_and_fits_320_pixels(chat_app, visitor):
    """Enter to send is an enhancement; without JavaScript the Send button does it."""
    visitor.page.set_viewport_size({"width": 320, "height": 640})
    visitor.open("/chat")
    page = visitor.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_label("Or type a message").focus()
    page.keyboard.type("I am an advocate")
    with page.expect_response(lambda r: r.url.endswith("/chat") and r.request.method == "POST"):
        page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'chat-message'")
    assert "Who are you acting for?" in last_bot_message(visitor)
    visitor.check_accessibility(page.url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    visitor.finish()


def test_a_young_person_makes_a_complaint_in_the_chat_in_arabic(chat_app, visitor):
    """Every button is pressed by its Arabic words; what they type is Arabic, digits included."""
    from tests.browser.test_languages import check_language, translations
    t = translations("ar")
    visitor.gettext = t.gettext
    page = visitor.page

    def press(name: str) -> None:
        say(visitor, button(visitor, t.gettext(name)))

    def tick(label: str) -> None:
        page.get_by_label(t.gettext(label), exact=True).check()
        press("Send my choices")

    def write(text: str) -> None:
        page.locator("#chat-message").fill(text)
        press("Send")

    visitor.open("/language/ar?next=/chat")
    assert visitor.path == "/chat"
    check_language(page, "ar", "chat")
    assert t.gettext("Who is filling in this form?") in page.locator("[data-chat-log]").inner_text()
    press("I am the young person it is about")
    press("Yes, I am safe")
    tick("I am in care")
    write("عمري ١٤")
    tick("A social worker or personal adviser")
    press("Yes, or it is still happening")
    tick("None of these")
    write("الأخصائية الاجتماعية لا تزورني منذ شهر مارس.")
    write("أريد أخصائية تزورني كل شهر.")
    write("سامي")
    press("Email")
    write("sami@example.com")
    press("Skip this question")
    press("Yes")
    log = page.locator("[data-chat-log]").inner_text()
    assert t.gettext("Here is what you told me. Please check it.") in log
    assert "الأخصائية الاجتماعية لا تزورني منذ شهر مارس." in log  # kept as typed
    press("Yes, send it")
    check_language(page, "ar", "sent")
    said = last_bot_message(visitor)
    assert t.gettext("Your complaint has been sent. Your reference is %(reference)s.").split("%")[0].strip() in said
    visitor.finish()
