"""The Easy Read form through HTTP, on SQLite and PostgreSQL: the same journey, draft and
case as the web form, said in Easy Read."""

from __future__ import annotations

import re

import pytest
from flask import render_template_string
from sqlalchemy import select

from intake.cases.models import Case
from intake.easy_read.views import easy
from intake.extensions import db, limiter
from tests.public.conftest import YOUNG_PERSON_IN_CARE, Filer


@pytest.fixture(autouse=True)
def _fresh_rate_limits(app):
    limiter.reset()
    yield
    limiter.reset()


def EasyReader(client) -> Filer:  # noqa: N802 - reads like the class it makes
    return Filer(client, prefix="/easy-read")


def stored_cases(app) -> list[Case]:
    with app.app_context():
        return db.session.execute(select(Case)).scalars().all()


def test_a_complaint_made_in_easy_read_is_the_same_case_with_channel_easy_read(app, client):
    reader = EasyReader(client).fill(YOUNG_PERSON_IN_CARE)
    assert reader.pages == ["filer", "safe_now", "young_person_status", "young_person_age",
                            "topics", "event_within_12_months", "ongoing_proceedings",
                            "description", "desired_outcome", "contact"]
    check = client.get("/easy-read/check").get_data(as_text=True)
    assert "I am <strong>in care</strong>" in check  # the Easy Read wording of the answer
    assert 'href="/easy-read/questions/young_person_age?change=1"' in check
    page = reader.send()
    assert "The council will <strong>look into</strong> your complaint" in page
    assert "We will <strong>answer</strong> your complaint by" in page
    assert re.search(r'data-testid="reference">[A-Z0-9-]{14}<', page)
    [case] = stored_cases(app)
    assert case.channel == "easy_read"
    assert case.route == "statutory_stage1"


def test_errors_are_said_in_easy_read_beside_the_field_and_nothing_typed_is_lost(client):
    client.post("/easy-read/questions/filer", data={"filer": "young_person"})
    client.post("/easy-read/questions/safe_now", data={"safe_now": "yes"})
    client.post("/easy-read/questions/young_person_status", data={"young_person_status": ["in_care"]})
    response = client.post("/easy-read/questions/young_person_age", data={"young_person_age": "fourteen"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert page.count("Write the age as a number, like 15.") == 2  # in the summary and by the field
    assert 'href="#young_person_age"' in page and 'value="fourteen"' in page
    assert "<title>Error: Question 4 – Easy Read" in page

    response = client.post("/easy-read/questions/young_person_status", data={
        "young_person_status": ["in_care", "none"]})
    assert "You cannot choose None of these or I do not know with other answers." in response.get_data(as_text=True)


def test_the_contact_page_asks_for_the_detail_that_goes_with_the_choice_in_easy_read(client):
    for page, data in [("filer", {"filer": "young_person"}), ("safe_now", {"safe_now": "yes"}),
                       ("young_person_status", {"young_person_status": ["in_care"]}),
                       ("young_person_age", {"young_person_age": "14"}),
                       ("topics", {"topics": ["money"]}), ("event_within_12_months", {"event_within_12_months": "yes"}),
                       ("ongoing_proceedings", {"ongoing_proceedings": ["none"]}),
                       ("description", {"description": "My allowance was stopped."}),
                       ("desired_outcome", {"desired_outcome": "Pay it again."})]:
        assert client.post(f"/easy-read/questions/{page}", data=data).status_code == 302
    response = client.post("/easy-read/questions/contact", data={"contact_name": "Sam", "contact_method": "email"})
    assert response.status_code == 400
    assert "Write an email address, so we can email you." in response.get_data(as_text=True)


def test_not_safe_goes_to_easy_read_help_with_the_numbers_and_the_fast_track(app, client):
    client.post("/easy-read/questions/filer", data={"filer": "young_person"})
    response = client.post("/easy-read/questions/safe_now", data={"safe_now": "no"})
    assert response.headers["Location"] == "/easy-read/help-now"
    page = client.get("/easy-read/help-now").get_data(as_text=True)
    assert 'href="tel:999"' in page and 'href="tel:08001111"' in page
    council = app.config["INTAKE_COUNCIL"]
    assert f'href="tel:{council.emergency_duty_phone.replace(" ", "")}"' in page
    response = client.post("/easy-read/help-now", data={"choice": "fast_track"})
    assert response.headers["Location"] == "/easy-read/questions/description"


def test_worrying_words_lead_to_the_easy_read_worried_page(client):
    reader = EasyReader(client)
    given = {**YOUNG_PERSON_IN_CARE, "description": "My carer hits me when I am late."}
    reader.fill(given)
    assert "description" in reader.pages
    response = client.post("/easy-read/questions/description?change=1",
                           data={"description": "He hits me."})
    assert response.headers["Location"].startswith("/easy-read/worried")


def test_switching_between_versions_keeps_every_answer(client):
    client.post("/questions/filer", data={"filer": "advocate"})
    web = client.get("/questions/represents").get_data(as_text=True)
    assert 'href="/easy-read/questions/represents"' in web  # the Easy Read link on the web page
    page = client.get("/easy-read/questions/filer").get_data(as_text=True)
    assert re.search(r'value="advocate"\s+checked', page)
    assert 'href="/questions/filer"' in page  # and back to the standard version
    client.post("/easy-read/questions/represents", data={"represents": "young_person"})
    back = client.get("/questions/represents").get_data(as_text=True)
    assert re.search(r'value="young_person"\s+checked', back) or 'value="young_person" checked' in back


def test_a_form_saved_in_the_web_form_is_continued_and_sent_in_easy_read(app, client):
    for page, data in [("filer", {"filer": "young_person"}), ("safe_now", {"safe_now": "yes"}),
                       ("young_person_status", {"young_person_status": ["in_care"]})]:
        client.post(f"/questions/{page}", data=data)
    saved = client.post("/save", data={"question": "young_person_age", "young_person_age": "14"})
    words = re.findall(r"<li[^>]*>\s*([a-z]+)\s*</li>",
                       re.search(r'data-testid="resume-code"[^>]*>(.*?)</ol>',
                                 saved.get_data(as_text=True), re.S).group(1))
    assert len(words) == 5
    other = app.test_client()
    response = other.post("/easy-read/continue", data={"code": " ".join(words)})
    assert response.status_code == 303
    assert response.headers["Location"] == "/easy-read/questions/topics"
    EasyReader(other).fill(YOUNG_PERSON_IN_CARE, start="/easy-read/questions/topics").send()
    [case] = stored_cases(app)
    assert case.channel == "easy_read"


def test_save_and_come_back_later_in_easy_read_keeps_the_page_and_gives_words(client):
    client.post("/easy-read/questions/filer", data={"filer": "parent"})
    response = client.post("/easy-read/save", data={"question": "parental_responsibility",
                                                     "parental_responsibility": "yes"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'data-testid="resume-code"' in page
    assert "These are your <strong>5 words</strong>." in page
    assert 'href="/easy-read/questions/young_person_status"' in page  # back into Easy Read
    wrong = client.post("/easy-read/continue", data={"code": "apple apple apple apple apple"})
    assert wrong.status_code == 400 and "We could not find a saved form" in wrong.get_data(as_text=True)


def test_easy_read_words_are_escaped_and_only_bold_is_markup(app):
    with app.test_request_context("/easy-read/"):
        html = str(easy("**Hi** <script>alert(1)</script> & **you**"))
    assert html == "<strong>Hi</strong> &lt;script&gt;alert(1)&lt;/script&gt; &amp; <strong>you</strong>"
    with app.test_request_context("/easy-read/"):
        assert render_template_string("{{ plain('**Hi** <b>') }}") == "Hi &lt;b&gt;"


def test_pictures_are_served_with_a_long_cache_and_unknown_ones_are_not(client):
    page = client.get("/easy-read/").get_data(as_text=True)
    src = re.search(r'src="(/easy-read/pictures/complaint\.svg\?v=[0-9a-f]{12})"', page).group(1)
    response = client.get(src)
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert "immutable" in response.headers["Cache-Control"]
    assert "max-age=31536000" in response.headers["Cache-Control"]
    assert client.get("/easy-read/pictures/nothing.svg").status_code == 404
    assert client.get("/easy-read/").headers["Cache-Control"] == "no-store"


def test_every_easy_read_page_says_who_drew_the_pictures_and_has_exit_this_page(client):
    for url in ["/easy-read/", "/easy-read/questions/filer", "/easy-read/get-help",
                "/easy-read/privacy", "/easy-read/pictures", "/easy-read/continue"]:
        page = client.get(url).get_data(as_text=True)
        assert 'href="/easy-read/pictures"' in page, url
        assert "govuk-exit-this-page" in page, url
        assert 'data-module="app-listen"' in page and "/static/build/easy-read-listen." in page, url
    credits = client.get("/easy-read/pictures").get_data(as_text=True)
    assert "CC BY-SA 4.0" in credits and "Johanna Wellnitz" in credits


def test_the_start_page_offers_easy_read(client):
    page = client.get("/").get_data(as_text=True)
    assert 'href="/easy-read/"' in page


def test_an_unknown_question_is_not_found_and_a_jump_ahead_goes_back(client):
    assert client.get("/easy-read/questions/nothing").status_code == 404
    response = client.get("/easy-read/questions/contact")
    assert response.headers["Location"] == "/easy-read/questions/filer"
