"""Save and come back later, continue a saved form, and kind session time-outs, on real
databases (SQLite and PostgreSQL), through HTTP as a browser does."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import time
from zoneinfo import ZoneInfo

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select, update

from intake.cases import codes, store
from intake.cases.models import Draft, utcnow
from intake.extensions import db, limiter
from tests.public.conftest import YOUNG_PERSON_IN_CARE as CHILD
from tests.public.conftest import Filer

FIRST_THREE = [("filer", {"filer": "young_person"}), ("safe_now", {"safe_now": "yes"}),
               ("young_person_status", {"young_person_status": ["in_care"]})]


@pytest.fixture(autouse=True)
def _fresh_rate_limits(app):
    """Every test starts with no tries counted (the limiter's memory outlives a test)."""
    limiter.reset()
    yield
    limiter.reset()


def answer(client, steps) -> None:
    for page, data in steps:
        response = client.post(f"/questions/{page}", data=data)
        assert response.status_code == 302, (page, response.get_data(as_text=True)[:500])


def words_on(page: str) -> list[str]:
    block = re.search(r'data-testid="resume-code"[^>]*>(.*?)</ol>', page, re.S)
    assert block, page[:3000]
    return re.findall(r"<li[^>]*>\s*([a-z]+)\s*</li>", block.group(1))


def save(client, **data) -> list[str]:
    """Press "Save and come back later"; returns the five words shown."""
    response = client.post("/save", data=data)
    assert response.status_code == 200
    return words_on(response.get_data(as_text=True))


def resume(client, code: str):
    return client.post("/continue", data={"code": code})


def drafts(app) -> list[Draft]:
    with app.app_context():
        rows = db.session.execute(select(Draft)).scalars().all()
        for row in rows:
            db.session.expunge(row)
        return rows


def set_seen(client, seconds_ago: int) -> None:
    with client.session_transaction() as session:
        session["public_seen"] = int(time.time()) - seconds_ago


def an_unused_code() -> str:
    return codes.new_code(codes.RESUME_WORDS)


# --- the code --------------------------------------------------------------------------------

def test_a_resume_code_is_five_words_from_the_bip39_list_with_at_least_44_bits():
    assert len(codes.WORDS) == 2048 and len(set(codes.WORDS)) == 2048
    assert codes.WORDS[0] == "abandon" and codes.WORDS[-1] == "zoo"  # the BIP39 English list
    assert codes.AVOIDED <= set(codes.WORDS)
    # Five words from the list less those never shown to a child (see intake/cases/codes.py).
    assert codes.bits(codes.RESUME_WORDS) >= 44
    assert codes.bits(codes.CHECK_WORDS) >= 32.5
    made = {codes.new_code(codes.RESUME_WORDS) for _ in range(500)}
    assert len(made) == 500  # drawn at random, not repeating
    for code in made:
        words = code.split(" ")
        assert len(words) == 5
        assert all(w in codes.WORDS and w not in codes.AVOIDED for w in words)


def test_typing_is_forgiven_case_spaces_hyphens_commas_and_endings():
    for typed in ("apple river cloud seven", "  Apple-RIVER, cloud\n seven. ", "APPLES RIVERS CLOUDS SEVEN",
                  "apple,river,cloud,seven", "Ápple river cloud sëven"):
        assert codes.normalise(typed, 4) == "apple river cloud seven", typed
    for typed, reason in (("", "empty"), ("  -, ", "empty"), ("apple river", "count"),
                          ("apple river cloud seven zoo", "count"), ("apple river cloud xyzzy", "unknown"),
                          (None, "empty"), (["apple"], "empty")):
        with pytest.raises(codes.CodeError) as error:
            codes.normalise(typed, 4)
        assert error.value.reason == reason, typed


def test_only_a_keyed_hash_of_the_code_is_stored(client, app):
    answer(client, FIRST_THREE)
    words = save(client)
    [row] = drafts(app)
    code = " ".join(words)
    assert row.resume_hash == codes.resume_hashes(app.config["INTAKE_DATA_KEYS"], code)[0]
    assert row.resume_hash != hashlib.sha256(code.encode()).hexdigest()
    for word in words:
        assert word not in row.sealed and word not in client.get_cookie("session").value


# --- saving and continuing ------------------------------------------------------------------

def test_save_then_continue_on_another_device_reaches_the_next_unanswered_question(client, app):
    answer(client, FIRST_THREE)
    page = client.get("/questions/young_person_age").get_data(as_text=True)
    assert "Save and come back later" in page and 'formaction="/save"' in page
    # Saving from a page keeps that page's answer when it is complete.
    words = save(client, question="young_person_age", young_person_age="14")
    assert len(words) == codes.RESUME_WORDS == 5

    phone = app.test_client()  # another device: no session at all
    typed = f"  {words[0].upper()}-{words[1]}, {words[2].title()}   {words[3]}  {words[4]}. "
    response = resume(phone, typed)
    assert response.status_code == 303
    assert response.headers["Location"] == "/questions/topics"
    welcome = phone.get("/questions/topics").get_data(as_text=True)
    assert "Your saved form is open" in welcome
    assert "Your saved form is open" not in phone.get("/questions/topics").get_data(as_text=True)

    Filer(phone).fill(CHILD, start="/questions/topics")
    summary = phone.get("/check").get_data(as_text=True)
    assert re.search(r">\s*14\s*<", summary), "the age typed on the first device was kept"

    # The first device no longer holds the form: it moved to the phone with a new token.
    assert client.get("/questions/topics").headers["Location"] == "/questions/filer"
    [row] = drafts(app)
    assert row.resume_hash is not None


def test_the_code_keeps_working_until_the_form_is_sent(client, app):
    answer(client, FIRST_THREE)
    code = " ".join(save(client))
    for _ in range(7):  # come back as often as needed; successes are never rate-limited
        other = app.test_client()
        assert resume(other, code).status_code == 303
    Filer(other).fill(CHILD, start="/questions/young_person_age").send()
    assert drafts(app) == []
    response = resume(app.test_client(), code)
    assert response.status_code == 400
    assert "We could not find a saved form" in response.get_data(as_text=True)


def test_an_unfinished_answer_on_the_page_is_not_saved_and_the_page_says_so(client, app):
    answer(client, FIRST_THREE)
    response = client.post("/save", data={"question": "young_person_age", "young_person_age": "fourteen"})
    page = response.get_data(as_text=True)
    assert "was not finished, so it was not saved" in page
    code = " ".join(words_on(page))
    other = app.test_client()
    assert resume(other, code).headers["Location"] == "/questions/young_person_age"


def test_saving_again_keeps_the_same_words_unless_new_ones_are_asked_for(client, app):
    answer(client, FIRST_THREE)
    first = " ".join(save(client))
    again = client.post("/save", data={"question": "young_person_age", "young_person_age": "15"})
    page = again.get_data(as_text=True)
    assert 'data-testid="already-saved"' in page and 'data-testid="resume-code"' not in page
    assert "Lost your words?" in page
    assert resume(app.test_client(), first).headers["Location"] == "/questions/topics"

    # The phone that resumed now holds the form; new words from there replace the old ones.
    phone = app.test_client()
    resume(phone, first)
    new = " ".join(save(phone, new_words="yes"))
    assert new != first
    assert resume(app.test_client(), first).status_code == 400
    assert resume(app.test_client(), new).status_code == 303


def test_the_save_page_says_how_long_and_how_to_keep_it_private(client, app):
    answer(client, FIRST_THREE)
    page = client.post("/save").get_data(as_text=True)
    [row] = drafts(app)
    assert row.expires_at is not None
    expires = (row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=dt.timezone.utc))
    day = expires.astimezone(ZoneInfo("Europe/London")).date()
    assert f"{day.day} {day:%B %Y}" in page
    assert "30 days" in page
    assert "If other people use this phone or computer" in page and "Exit this page" in page
    assert "govuk-!-font-size-36" in page  # shown large, one word a line
    # The words must not stay on a shared screen: the page closes itself like the form.
    assert "this page closes if you leave it for 30 minutes" in page and "/static/build/public-idle." in page


def test_nothing_to_save_before_the_first_answer(client):
    page = client.post("/save").get_data(as_text=True)
    assert "There is nothing to save yet" in page
    assert "There is nothing to save yet" in client.get("/save").get_data(as_text=True)


def test_the_save_page_asks_before_making_words_when_opened_by_address(client, app):
    answer(client, FIRST_THREE)
    page = client.get("/save").get_data(as_text=True)
    assert "Save my form" in page and 'data-testid="resume-code"' not in page
    assert drafts(app)[0].resume_hash is None


def test_saving_after_worrying_words_still_shows_help(client):
    answer(client, FIRST_THREE + [("young_person_age", {"young_person_age": "14"}),
                                  ("topics", {"topics": ["social_worker"]}),
                                  ("event_within_12_months", {"event_within_12_months": "yes"}),
                                  ("ongoing_proceedings", {"ongoing_proceedings": ["none"]})])
    page = client.post("/save", data={"question": "description",
                                      "description": "my carer locks me in my room"}).get_data(as_text=True)
    assert "0800 1111" in page and 'data-testid="resume-code"' in page


def test_check_your_answers_has_save_and_come_back_later(client, filer, app):
    filer.fill(CHILD)
    page = client.get("/check").get_data(as_text=True)
    assert "Save and come back later" in page
    code = " ".join(save(client))
    other = app.test_client()
    assert resume(other, code).headers["Location"] == "/check"
    assert "Your saved form is open" in other.get("/check").get_data(as_text=True)


def test_continuing_over_an_unsaved_form_on_this_device_deletes_that_one(client, app):
    answer(client, FIRST_THREE)
    code = " ".join(save(client))
    laptop = app.test_client()
    answer(laptop, [("filer", {"filer": "advocate"})])
    assert "The form open on this device now has not been saved" in laptop.get("/continue").get_data(as_text=True)
    assert len(drafts(app)) == 2
    assert resume(laptop, code).status_code == 303
    [row] = drafts(app)
    assert row.resume_hash is not None


# --- wrong, expired, rate-limited -----------------------------------------------------------

def test_a_wrong_code_gets_a_friendly_error_and_keeps_what_was_typed(client):
    response = resume(client, "apple river cloud seven zoo")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "There is a problem" in page and "We could not find a saved form with these words" in page
    assert 'value="apple river cloud seven zoo"' in page
    assert "<title>Error: Online form" in page
    for typed, message in (("", "Enter the 5 words you were given"),
                           ("apple river", "Enter all 5 words"),
                           ("apple river cloud seven xyzzy", "not one we use")):
        response = resume(client, typed)
        assert response.status_code == 400 and message in response.get_data(as_text=True), typed


def test_a_wrong_code_tried_again_and_again_is_rate_limited_kindly(client, app):
    answer(client, FIRST_THREE)
    real = " ".join(save(client))
    guess = an_unused_code()
    for _ in range(5):  # the same code: 5 tries an hour
        assert resume(app.test_client(), guess).status_code == 400
    response = resume(app.test_client(), guess.upper().replace(" ", "-"))  # the same code, typed differently
    page = response.get_data(as_text=True)
    assert response.status_code == 429
    assert "Please wait before trying again" in page and "wait an hour" in page
    assert "govuk-exit-this-page" in page

    # Mistyped codes are not counted; other codes are, up to 10 an hour from one address.
    for _ in range(8):
        assert resume(app.test_client(), "apple river").status_code == 400
    for _ in range(5):
        assert resume(app.test_client(), an_unused_code()).status_code == 400
    response = resume(app.test_client(), real)  # even the right code waits now
    assert response.status_code == 429


def test_an_expired_forms_code_does_not_open_it(client, app):
    answer(client, FIRST_THREE)
    code = " ".join(save(client))
    with app.app_context():
        db.session.execute(update(Draft).values(expires_at=utcnow() - dt.timedelta(minutes=1)))
        db.session.commit()
    response = resume(app.test_client(), code)
    assert response.status_code == 400
    assert "has expired" in response.get_data(as_text=True)
    with app.app_context():
        assert store.purge_expired_drafts(db.session) == 1
    response = resume(app.test_client(), code)
    assert response.status_code == 400 and "could not find" in response.get_data(as_text=True)


def test_start_again_deletes_a_saved_form_and_its_words_stop_working(client, app):
    answer(client, FIRST_THREE)
    code = " ".join(save(client))
    assert "its 5 words stop working" in client.get("/start-again").get_data(as_text=True)
    assert "Your answers have been deleted" in client.post("/start-again").get_data(as_text=True)
    assert drafts(app) == []
    assert resume(app.test_client(), code).status_code == 400

    # ...and on a device that continued the form, too.
    answer(client, FIRST_THREE)
    code = " ".join(save(client))
    phone = app.test_client()
    resume(phone, code)
    phone.post("/start-again")
    assert drafts(app) == []


def test_exit_this_page_closes_the_form_here_but_keeps_the_saved_form(client, app):
    answer(client, FIRST_THREE)
    code = " ".join(save(client))
    client.get("/exit")
    assert client.get("/questions/topics").headers["Location"] == "/questions/filer"
    assert resume(client, code).headers["Location"] == "/questions/young_person_age"


# --- time-outs -------------------------------------------------------------------------------

def test_after_the_idle_time_the_form_is_forgotten_explained_and_a_saved_code_still_works(client, app):
    answer(client, FIRST_THREE)
    code = " ".join(save(client))
    set_seen(client, 31 * 60)

    response = client.get("/questions/young_person_age")
    assert response.status_code == 303 and response.headers["Location"] == "/timed-out"
    page = client.get("/timed-out").get_data(as_text=True)
    assert "We closed the form to keep your answers private" in page
    assert "30 minutes" in page and "Use your 5 words to carry on" in page
    assert 'href="/continue"' in page
    with client.session_transaction() as session:
        assert "draft" not in session and "timed_out" not in session

    # This browser no longer holds the form; the saved form is kept and opens with its words.
    assert client.get("/questions/young_person_age").headers["Location"] == "/questions/filer"
    assert len(drafts(app)) == 1
    response = resume(client, code)
    assert response.headers["Location"] == "/questions/young_person_age"


def test_a_form_nobody_saved_is_deleted_at_the_time_out(client, app):
    answer(client, FIRST_THREE)
    assert len(drafts(app)) == 1
    set_seen(client, 31 * 60)
    response = client.post("/questions/young_person_age", data={"young_person_age": "14"})
    assert response.status_code == 303 and response.headers["Location"] == "/timed-out"
    assert drafts(app) == []


def test_activity_keeps_the_form_open(client, app):
    answer(client, FIRST_THREE)
    set_seen(client, 29 * 60)
    assert client.get("/questions/young_person_age").status_code == 200
    set_seen(client, 29 * 60)
    response = client.post("/keep-alive")
    assert response.get_json() == {"status": "ok"}
    with client.session_transaction() as session:
        assert time.time() - session["public_seen"] < 5
    set_seen(client, 29 * 60)
    client.get("/get-help")  # any page counts
    assert client.get("/questions/young_person_age").status_code == 200


def test_keep_alive_after_the_time_out_says_so(client):
    answer(client, FIRST_THREE)
    set_seen(client, 31 * 60)
    assert client.post("/keep-alive").get_json() == {"status": "timed_out", "next": "/timed-out"}


def test_keep_alive_needs_the_csrf_token(csrf_client):
    response = csrf_client.post("/keep-alive")
    assert response.status_code == 400


def test_the_idle_time_is_configurable(client, app):
    app.config["INTAKE_PUBLIC_IDLE_MINUTES"] = 5
    try:
        answer(client, FIRST_THREE)
        page = client.get("/questions/young_person_age").get_data(as_text=True)
        assert "leave it for 5 minutes" in page and 'data-idle-minutes="5"' in page
        set_seen(client, 6 * 60)
        assert client.get("/questions/young_person_age").headers["Location"] == "/timed-out"
    finally:
        app.config["INTAKE_PUBLIC_IDLE_MINUTES"] = 30


def test_the_confirmation_is_forgotten_after_the_idle_time_too(client, filer):
    filer.fill(CHILD).send()
    set_seen(client, 31 * 60)
    assert client.get("/confirmation").headers["Location"] == "/timed-out"
    assert "If you had already sent your complaint" in client.get("/timed-out").get_data(as_text=True)


def test_without_javascript_question_pages_say_how_long_they_can_be_left(client):
    page = client.get("/questions/filer").get_data(as_text=True)
    assert "this form closes if you leave it for 30 minutes" in page
    assert 'id="idle-warning-template"' in page and 'role="alertdialog"' in page
    assert "Keep working" in page
    assert "/static/build/public-idle." in page
    for url in ("/", "/get-help", "/continue", "/check-my-complaint", "/start-again"):
        assert "/static/build/public-idle." not in client.get(url).get_data(as_text=True), url


def test_the_idle_script_is_served(client):
    response = client.get("/static/public-idle.js")
    assert response.status_code == 200 and b"alertdialog" in response.data
    response.close()


# --- every page ----------------------------------------------------------------------------

def test_new_pages_have_exit_this_page_help_and_a_neutral_tab_title(client):
    answer(client, FIRST_THREE)
    pages = {"/continue": client.get("/continue"), "/save": client.get("/save"),
             "/check-my-complaint": client.get("/check-my-complaint")}
    set_seen(client, 31 * 60)
    client.get("/questions/young_person_age")
    pages["/timed-out"] = client.get("/timed-out")
    for url, response in pages.items():
        page = response.get_data(as_text=True)
        assert response.status_code == 200, url
        assert "govuk-exit-this-page" in page and 'href="/get-help"' in page, url
        title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
        assert title.strip().startswith("Online form"), (url, title)
        assert "complain" not in title.lower(), url


def test_the_start_page_links_to_continuing_and_checking(client):
    page = client.get("/").get_data(as_text=True)
    assert 'href="/continue"' in page and "Continue a saved form" in page
    assert 'href="/check-my-complaint"' in page and "Check your complaint" in page


@pytest.mark.parametrize("data", [
    {"code": "x" * 100000}, {"code": ["a", "b"]}, {"code": "\x00\x01"}, {"code": "ａｐｐｌｅ " * 4},
    {"code": "<script>alert(1)</script>"}, {}, {"question": "nothing", "new_words": "yes"},
    {"question": "young_person_age", "young_person_age": "9" * 500},
])
def test_no_input_ever_causes_a_server_error(client, data):
    answer(client, FIRST_THREE)
    for url in ("/continue", "/save", "/keep-alive", "/check-my-complaint"):
        response = client.post(url, data=data)
        assert response.status_code < 500, (url, response.get_data(as_text=True)[:500])
        assert "<script>alert" not in response.get_data(as_text=True)


def test_migration_0004_adds_and_removes_the_code_columns(app):
    with app.app_context():
        try:
            downgrade(revision="0003")
            columns = inspect(db.engine)
            assert "resume_hash" not in {c["name"] for c in columns.get_columns("drafts")}
            assert "check_hash" not in {c["name"] for c in columns.get_columns("cases")}
        finally:
            upgrade()
        columns = inspect(db.engine)
        assert "resume_hash" in {c["name"] for c in columns.get_columns("drafts")}
        assert "check_hash" in {c["name"] for c in columns.get_columns("cases")}
        indexes = {i["name"]: i for i in columns.get_indexes("drafts")}
        assert indexes["ix_drafts_resume_hash"]["unique"]
