"""The web form as a person meets it: errors, help, privacy and no 500 for any input."""

import re

import pytest
from sqlalchemy import select

from intake.cases.models import Case, Draft
from intake.extensions import db
from tests.public.conftest import YOUNG_PERSON_IN_CARE as CHILD


def test_the_start_page_explains_the_service_and_offers_an_advocate(client):
    page = client.get("/").get_data(as_text=True)
    assert "Start now" in page and "Example Advocacy Service" in page
    assert 'lang="en-GB"' in page and 'dir="ltr"' in page


def test_every_public_page_has_exit_this_page_and_a_way_to_get_help(client):
    for url in ["/", "/questions/filer", "/get-help", "/again", "/start-again"]:
        page = client.get(url).get_data(as_text=True)
        assert "govuk-exit-this-page" in page and "/exit" in page, url
        assert 'href="/get-help"' in page, url


def test_tab_titles_do_not_name_the_service_on_question_pages(client):
    page = client.get("/questions/filer").get_data(as_text=True)
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "complain" not in title.lower() and "wrong" not in title.lower()


def test_a_missing_answer_gets_a_specific_message_beside_the_field_and_in_the_summary(client):
    response = client.post("/questions/filer", data={})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "There is a problem" in page
    assert page.count("Choose who is filling in this form") == 2
    assert 'href="#filer"' in page and 'id="filer"' in page
    assert "<title>Error:" in page


def test_a_wrong_answer_keeps_what_was_typed(client):
    client.post("/questions/filer", data={"filer": "young_person"})
    client.post("/questions/safe_now", data={"safe_now": "yes"})
    client.post("/questions/young_person_status", data={"young_person_status": ["in_care"]})
    page = client.post("/questions/young_person_age", data={"young_person_age": "fourteen"}).get_data(as_text=True)
    assert "Enter the age as a number, like 15" in page
    assert 'value="fourteen"' in page


def test_free_text_is_kept_as_typed_and_never_rendered_as_html(client, filer, app):
    typed = '<script>alert("x")</script> <b>bold</b>\nلا أحد يستمع'
    filer.fill(CHILD | {"description": typed})
    page = client.get("/check").get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    filer.send()
    with app.app_context():
        from intake.extensions import vault
        from intake.cases.store import case_document
        case = case_document(vault(), db.session.execute(select(Case)).scalar_one())
        assert case["answers"]["description"] == typed


def test_not_safe_shows_help_at_once_and_the_fast_track_sends_an_urgent_case(client, app):
    client.post("/questions/filer", data={"filer": "young_person"})
    response = client.post("/questions/safe_now", data={"safe_now": "no"})
    assert response.headers["Location"] == "/help-now"
    page = client.get("/help-now").get_data(as_text=True)
    for number in ("999", "0800 1111", "0300 123 4569"):
        assert number in page
    assert client.post("/help-now", data={"choice": "fast_track"}).headers["Location"] == "/questions/description"
    client.post("/questions/description", data={"description": "Someone at home scares me"})
    response = client.post("/questions/contact", data={"contact_name": "Sam", "contact_method": "phone",
                                                       "contact_phone": "07700900982"})
    assert response.headers["Location"] == "/check"
    assert "Send now" in client.get("/check").get_data(as_text=True)
    client.post("/check")
    with app.app_context():
        case = db.session.execute(select(Case)).scalar_one()
        assert case.urgent and case.route == "safeguarding_referral"


def test_worrying_words_in_what_happened_show_help_before_carrying_on(client, filer):
    filer.fill(CHILD)
    response = client.post("/questions/description", data={"description": "my carer locks me in my room"})
    assert response.headers["Location"].startswith("/worried")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "We are worried about you" in page and "0800 1111" in page


def test_nobody_can_skip_ahead_by_typing_an_address(client):
    response = client.get("/questions/contact")
    assert response.status_code == 302 and response.headers["Location"] == "/questions/filer"
    assert client.get("/check").headers["Location"] == "/questions/filer"


def test_an_unknown_question_is_a_friendly_404(client):
    response = client.get("/questions/nothing")
    assert response.status_code == 404 and "Page not found" in response.get_data(as_text=True)


@pytest.mark.parametrize("data", [
    {"filer": "x" * 100000}, {"filer": ["a", "b"]}, {"young_person_status": "\x00"},
    {"topics": ["school", "<img src=x>"]}, {"young_person_age": "9" * 500}, {},
])
def test_no_input_ever_causes_a_server_error(client, data):
    client.post("/questions/filer", data={"filer": "young_person"})
    for page in ["filer", "safe_now", "young_person_status", "young_person_age", "topics"]:
        assert client.post(f"/questions/{page}", data=data).status_code < 500


def test_a_post_without_a_csrf_token_is_refused_kindly(csrf_client):
    response = csrf_client.post("/questions/filer", data={"filer": "young_person"})
    assert response.status_code == 400
    assert "Sorry, that did not work" in response.get_data(as_text=True)


def test_a_real_browser_flow_with_csrf_tokens_works(csrf_client):
    page = csrf_client.get("/questions/filer").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = csrf_client.post("/questions/filer", data={"filer": "young_person", "csrf_token": token})
    assert response.headers["Location"] == "/questions/safe_now"


def test_answers_in_progress_are_stored_encrypted_not_in_the_cookie(client, app):
    client.post("/questions/filer", data={"filer": "young_person"})
    cookie = client.get_cookie("session")
    assert "young_person" not in cookie.value
    with app.app_context():
        draft = db.session.execute(select(Draft)).scalar_one()
        assert "young_person" not in draft.sealed


def test_start_again_really_deletes_the_answers(client, app):
    client.post("/questions/filer", data={"filer": "young_person"})
    page = client.post("/start-again").get_data(as_text=True)
    assert "Your answers have been deleted" in page
    with app.app_context():
        assert db.session.execute(select(Draft)).first() is None


def test_exit_this_page_forgets_the_session_and_leaves(client):
    client.post("/questions/filer", data={"filer": "young_person"})
    response = client.get("/exit")
    assert response.status_code == 302 and response.headers["Location"].startswith("https://")
    assert client.get("/questions/safe_now").headers["Location"] == "/questions/filer"


def test_changing_an_answer_from_check_your_answers_returns_there(client, filer):
    filer.fill(CHILD)
    assert 'href="/questions/topics?change=1"' in client.get("/check").get_data(as_text=True)
    response = client.post("/questions/topics?change=1", data={"topics": ["placement"]})
    assert response.headers["Location"] == "/check"
    assert "Where I live, or moving home" in client.get("/check").get_data(as_text=True)


def test_equality_questions_are_optional_and_not_linked_to_the_case(client, filer, app):
    filer.fill(CHILD).send()
    assert "Skip these questions" in client.get("/equality").get_data(as_text=True)
    assert "Thank you" in client.post("/equality", data={"gender": "prefer_not"}).get_data(as_text=True)
    with app.app_context():
        from intake.cases.models import EqualityResponse
        row = db.session.execute(select(EqualityResponse)).scalar_one()
        assert not hasattr(row, "case_id")


def test_security_headers_on_every_page(client):
    response = client.get("/questions/filer")
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store"
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP: it would be ignored


def test_over_https_browsers_are_told_to_keep_to_https(client):
    response = client.get("/questions/filer", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_health_and_readiness(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz").get_json()
    assert ready["database"] == "ok" and ready["queue"]["undelivered"] == 0


def test_questions_without_a_hint_have_no_empty_hint_for_screen_readers(client):
    page = client.get("/questions/filer").get_data(as_text=True)
    assert 'id="filer-hint"' not in page and "filer-hint" not in page


def test_the_fast_track_confirmation_says_nothing_of_the_questions_it_skipped(client):
    client.post("/questions/filer", data={"filer": "young_person"})
    client.post("/questions/safe_now", data={"safe_now": "no"})
    client.post("/help-now", data={"choice": "fast_track"})
    client.post("/questions/description", data={"description": "I need help"})
    client.post("/questions/contact", data={"contact_name": "Sam", "contact_method": "phone",
                                            "contact_phone": "07700900982"})
    client.post("/check")
    page = client.get("/confirmation").get_data(as_text=True)
    assert "You told us you are not safe right now" in page
    assert "We do not know" not in page and "did not tell us" not in page


def test_check_your_answers_says_nothing_of_an_unticked_contact_box(client, filer):
    filer.fill(CHILD | {"contact_not_via_carer": None})
    page = client.get("/check").get_data(as_text=True)
    assert "Do not contact me through my carer" not in page


def test_check_your_answers_shows_a_ticked_contact_box(client, filer):
    filer.fill(CHILD | {"contact_not_via_carer": "y"})
    assert "Do not contact me through my carer" in client.get("/check").get_data(as_text=True)
