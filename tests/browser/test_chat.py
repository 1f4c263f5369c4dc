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


# --- help at once, at any step, scrolled into view (issue 15) ---------------------------------

def help_in_view(visitor) -> dict:
    """Where the latest help message is, and what it offers."""
    return visitor.page.evaluate("""() => {
      const all = [...document.querySelectorAll('li[data-help]')];
      const help = all[all.length - 1];
      if (!help) return {found: false};
      const box = help.getBoundingClientRect();
      return {found: true, top: box.top, height: window.innerHeight,
              tel: [...help.querySelectorAll('a[href^="tel:"]')].map(a => a.getAttribute('href'))};
    }""")


def write_message(visitor, text: str, send_label: str = "Send") -> None:
    visitor.page.locator("#chat-message").fill(text)
    say(visitor, button(visitor, send_label))


def test_a_disclosure_at_a_question_with_buttons_shows_help_in_view_with_tappable_numbers(chat_app, visitor):
    visitor.open("/chat")
    write_message(visitor, "my foster carer hits me")
    where = help_in_view(visitor)
    assert where["found"] and "tel:999" in where["tel"] and "tel:08001111" in where["tel"]
    if visitor.javascript:
        assert 0 <= where["top"] < where["height"]  # scrolled to, not above the screen
        assert "999" in visitor.page.locator("[data-chat-announce-help]").inner_text()
    else:
        assert visitor.page.url.endswith("#latest")
    visitor.finish()


def test_i_dont_want_to_be_here_anymore_shows_help_and_never_focuses_delete(chat_app, visitor):
    visitor.open("/chat")
    say(visitor, button(visitor, "I am the young person it is about"))
    write_message(visitor, "i dont want to be here anymore")
    assert help_in_view(visitor)["found"]
    if visitor.javascript:
        focused = visitor.page.evaluate("document.activeElement && document.activeElement.textContent.trim()")
        assert focused != "Yes, delete everything"
    visitor.finish()


def test_no_i_am_not_safe_shows_help_in_the_chat(chat_app, visitor):
    visitor.open("/chat")
    say(visitor, button(visitor, "I am the young person it is about"))
    say(visitor, button(visitor, "No, I am not safe"))
    where = help_in_view(visitor)
    assert where["found"] and "tel:999" in where["tel"]
    if visitor.javascript:
        assert 0 <= where["top"] < where["height"]
    visitor.finish()


def test_a_disclosure_in_arabic_shows_help_in_the_right_to_left_chat(chat_app, visitor):
    from tests.browser.test_languages import translations
    t = translations("ar")
    visitor.gettext = t.gettext
    visitor.open("/language/ar?next=/chat")
    assert visitor.page.evaluate("document.documentElement.dir") == "rtl"
    write_message(visitor, "زوج أمي يضربني", t.gettext("Send"))
    where = help_in_view(visitor)
    assert where["found"] and "tel:08001111" in where["tel"]
    if visitor.javascript:
        assert 0 <= where["top"] < where["height"]
    visitor.finish()
