"""Check my complaint: the reference and check code from the confirmation page open a simple
timeline that follows the complaints team's triage, and nothing personal, on real databases."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date
from sqlalchemy import select, update

from intake.cases import codes
from intake.cases.models import Case, OutboxEvent, as_utc, utcnow
from intake.extensions import db, limiter
from tests.public.conftest import YOUNG_PERSON_IN_CARE as CHILD
from tests.staff.conftest import make_staff, sign_in

LONDON = ZoneInfo("Europe/London")
GENERIC = "We could not find a complaint with that reference and check code"


@pytest.fixture(autouse=True)
def _fresh_rate_limits(app):
    limiter.reset()
    yield
    limiter.reset()


def sent(filer, given=CHILD) -> tuple[str, str, str]:
    """Send a complaint; returns (reference, check code, confirmation page)."""
    page = filer.fill(given).send()
    reference = re.search(r'data-testid="reference">([^<]+)<', page).group(1)
    code = re.search(r'data-testid="check-code"[^>]*>([^<]+)<', page).group(1)
    return reference, code, page


def check(client, reference: str, code: str):
    return client.post("/check-my-complaint", data={"reference": reference, "code": code})


def steps(page: str) -> list[dict]:
    found = []
    for block in re.findall(r'<li[^>]*data-testid="step"(.*?)</li>', page, re.S):
        title = re.search(r"<h2[^>]*>(.*?)</h2>", block, re.S).group(1).strip()
        date = re.search(r'data-testid="step-date">(.*?)<', block)
        text = " ".join(re.sub(r"<[^>]+>", " ", block).split())
        found.append({"title": title, "done": 'data-done="yes"' in block,
                      "date": date.group(1) if date else None, "text": text})
    return found


def full(day: dt.date) -> str:
    return format_date(day, format="full", locale="en_GB")


def case_row(app) -> Case:
    with app.app_context():
        row = db.session.execute(select(Case)).scalar_one()
        db.session.expunge(row)
        return row


@pytest.fixture
def officer(app):
    client = app.test_client()
    response = sign_in(client, make_staff(app, "officer"))
    assert response.status_code == 302
    return client


def test_the_check_code_on_the_confirmation_page_opens_the_status_page(client, filer, app):
    reference, code, page = sent(filer)
    assert len(code.split()) == 3 and all(w in codes.WORDS for w in code.split())
    assert 'href="/check-my-complaint"' in page and "Check your complaint" in page

    other = app.test_client()  # any device, any time later
    typed_reference = reference.lower().replace("-", " ")
    typed_code = "  " + code.upper().replace(" ", ", ") + " "
    response = check(other, typed_reference, typed_code)
    status = response.get_data(as_text=True)
    assert response.status_code == 200
    assert reference in status
    first = steps(status)[0]
    assert first["title"] == "We got your complaint" and first["done"]
    assert first["date"] == full(as_utc(case_row(app).submitted_at).astimezone(LONDON).date())


def test_the_confirmation_keeps_showing_the_code_while_the_session_lasts(client, filer):
    _, code, _ = sent(filer)
    assert code in client.get("/confirmation").get_data(as_text=True)
    assert code.split()[0] not in client.get_cookie("session").value


def test_only_an_argon2_hash_of_the_check_code_is_stored_and_never_sent_on(client, filer, app):
    _, code, _ = sent(filer)
    row = case_row(app)
    assert row.check_hash.startswith("$argon2")
    assert code not in row.check_hash and codes.check_matches(row.check_hash, code)
    vault = app.extensions["intake_vault"]
    with app.app_context():
        document = vault.open(row.sealed)
        events = [vault.open(e.sealed) for e in db.session.execute(select(OutboxEvent)).scalars()]
    for text in [str(document)] + [str(e) for e in events]:
        assert code not in text and "check_hash" not in text


def test_the_timeline_follows_the_complaints_teams_triage(client, filer, app, officer):
    reference, code, _ = sent(filer)
    row = case_row(app)
    assert row.route == "statutory_stage1"

    def now_showing():
        response = check(app.test_client(), reference, code)
        assert response.status_code == 200
        return steps(response.get_data(as_text=True))

    shown = now_showing()
    assert [s["title"] for s in shown] == [
        "We got your complaint", "Someone will look at your complaint",
        "Deciding the best way to deal with it", "We will send you our answer"]
    assert [s["done"] for s in shown] == [True, False, False, False]
    assert f"We will contact you by {full(row.acknowledge_by)}" in shown[1]["text"]
    assert "Next" in shown[1]["text"] and "Not yet" in shown[2]["text"]

    assert officer.post(f"/staff/cases/{row.id}/acknowledged").status_code == 302
    shown = now_showing()
    assert shown[1]["title"] == "Someone is looking at your complaint" and shown[1]["done"]
    assert shown[1]["date"] == full(dt.datetime.now(LONDON).date())

    assert officer.post(f"/staff/cases/{row.id}/route", data={"route": "statutory_stage1"}).status_code == 302
    shown = now_showing()
    assert shown[2]["title"] == "Your complaint has been accepted" and shown[2]["done"]
    assert f"You should hear back by {full(row.stage1_due)}" in shown[2]["text"]

    assert officer.post(f"/staff/cases/{row.id}/extension",
                        data={"extension_reason": "We need to speak to three people."}).status_code == 302
    shown = now_showing()
    assert f"You should hear back by {full(row.stage1_extended_due)}" in shown[2]["text"]
    assert "It needed more time" in shown[2]["text"]
    assert "speak to three people" not in str(shown)  # staff notes are never shown

    assert officer.post(f"/staff/cases/{row.id}/response-sent").status_code == 302
    response = check(app.test_client(), reference, code)
    page = response.get_data(as_text=True)
    shown = steps(page)
    assert shown[3]["title"] == "We have sent you our answer" and shown[3]["done"]
    assert all(s["done"] for s in shown)
    assert "Not happy with the answer?" in page and 'href="/check-my-complaint/not-happy"' in page


def test_not_happy_with_the_answer_moves_the_same_case_to_stage_2_with_its_own_clocks(
        client, filer, app, officer):
    reference, code, _ = sent(filer)
    row = case_row(app)
    assert officer.post(f"/staff/cases/{row.id}/response-sent").status_code == 302
    young_person = app.test_client()
    page = check(young_person, reference, code).get_data(as_text=True)
    explained = young_person.get("/check-my-complaint/not-happy").get_data(as_text=True)
    assert "It is called stage 2" in explained
    done = young_person.post("/check-my-complaint/not-happy").get_data(as_text=True)
    assert "You have asked for your complaint to be looked at again" in done
    with app.app_context():
        cases = db.session.execute(select(Case)).scalars().all()
        assert len(cases) == 1 and cases[0].stage == 2 and not cases[0].escalation_late
        today = cases[0].escalation_requested_at
        events = [e.type for e in db.session.execute(
            select(OutboxEvent).order_by(OutboxEvent.created_at)).scalars()]
    assert events[-1] == "case.escalation_requested"
    from intake import calendar
    due = calendar.escalation_deadlines(2, calendar.local_date(today))
    assert full(dt.date.fromisoformat(due["stage2_due"])) in done
    assert full(dt.date.fromisoformat(due["stage2_extended_due"])) in done
    page = young_person.get("/check-my-complaint/your-complaint").get_data(as_text=True)
    assert steps(page)[-1]["title"] == "You asked for your complaint to be looked at again"
    assert "Not happy with the answer?" not in page
    again = young_person.post("/check-my-complaint/not-happy").get_data(as_text=True)
    assert "You have already asked" in again
    with app.app_context():
        assert db.session.execute(select(OutboxEvent).where(
            OutboxEvent.type == "case.escalation_requested")).scalars().all().__len__() == 1


def test_asking_for_stage_2_needs_the_check_code_and_an_answer_first(client, filer, app):
    reference, code, _ = sent(filer)
    stranger = app.test_client()
    assert stranger.post("/check-my-complaint/not-happy").headers["Location"].endswith(
        "/check-my-complaint")
    young_person = app.test_client()
    check(young_person, reference, code)
    assert young_person.post("/check-my-complaint/not-happy").status_code == 303  # no answer yet
    assert case_row(app).stage == 1


def test_a_complaint_passed_on_says_who_deals_with_it_in_plain_words(client, filer, app, officer):
    reference, code, _ = sent(filer)
    row = case_row(app)
    response = officer.post(f"/staff/cases/{row.id}/route", data={
        "route": "school_procedure", "route_reason": "It is about the school's exclusion."})
    assert response.status_code == 302
    shown = steps(check(app.test_client(), reference, code).get_data(as_text=True))
    assert shown[2]["title"] == "We have decided who will deal with it" and shown[2]["done"]
    assert "This is for the school to sort out" in shown[2]["text"]
    assert "Schools have their own way of dealing with complaints" in shown[2]["text"]
    assert "hear back by" not in shown[2]["text"]
    assert "exclusion" not in str(shown)


def test_a_case_a_person_still_has_to_decide_stays_at_deciding(client, filer, app, officer):
    reference, code, _ = sent(filer)
    row = case_row(app)
    officer.post(f"/staff/cases/{row.id}/route", data={"route": "human_review", "route_reason": "Unclear."})
    shown = steps(check(app.test_client(), reference, code).get_data(as_text=True))
    assert shown[2]["title"] == "Deciding the best way to deal with it" and not shown[2]["done"]


def test_a_safeguarding_case_passed_to_the_front_door_says_so(client, filer, app):
    reference, code, _ = sent(filer, CHILD | {"description": "My foster dad hits me when he is angry."})
    row = case_row(app)
    assert row.route == "safeguarding_referral"
    with app.app_context():
        db.session.execute(update(Case).values(safeguarding_passed_at=utcnow()))
        db.session.commit()
    shown = steps(check(app.test_client(), reference, code).get_data(as_text=True))
    assert "We are passing this on to keep you safe" in shown[2]["text"] and shown[2]["done"]
    assert "today" not in shown[2]["text"]  # the confirmation's "will contact you today" is not repeated


def test_the_status_page_shows_nothing_personal_and_a_neutral_tab_title(client, filer, app):
    given = CHILD | {"contact_name": "Samira Quinlan", "contact_phone": "07700 900123",
                     "description": "Zebra crossings and purple umbrellas happened.",
                     "desired_outcome": "An unusual outcome phrase."}
    reference, code, _ = sent(filer, given)
    page = check(app.test_client(), reference, code).get_data(as_text=True)
    for personal in ("Samira", "Quinlan", "07700", "900123", "Zebra", "umbrellas", "unusual outcome",
                     "social worker"):
        assert personal not in page, personal
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert title.strip().startswith("Online form") and "complain" not in title.lower()
    assert "govuk-exit-this-page" in page


def test_a_wrong_reference_or_code_gets_one_message_that_does_not_say_which(client, filer, app):
    reference, code, _ = sent(filer)
    other_code = next(c for c in (codes.new_code(3) for _ in range(10)) if c != code)
    other_reference = "2222-3333-4444" if reference != "2222-3333-4444" else "5555-6666-7777"
    answers = [check(app.test_client(), reference, other_code),
               check(app.test_client(), other_reference, code),
               check(app.test_client(), other_reference, other_code)]
    pages = []
    for response in answers:
        page = response.get_data(as_text=True)
        assert response.status_code == 400
        assert GENERIC in page and "There is a problem" in page
        assert "<title>Error: Online form" in page
        pages.append(re.sub(r'value="[^"]*"', "", re.sub(r'name="csrf_token" value="[^"]*"', "", page)))
    assert pages[0] == pages[1] == pages[2]  # nothing tells the three apart


def test_missing_or_malformed_entries_get_specific_messages(client):
    page = check(client, "", "").get_data(as_text=True)
    assert "Enter your reference" in page and "Enter your 3-word check code" in page
    page = check(client, "ABC", "apple river").get_data(as_text=True)
    assert "like K7QM-4XRT-9HPW" in page and "Enter the 3 words of your check code" in page
    assert GENERIC not in page


def test_wrong_tries_are_rate_limited_per_reference_and_per_address(client, filer, app):
    reference, code, _ = sent(filer)
    for _ in range(5):
        assert check(app.test_client(), reference, codes.new_code(3)).status_code == 400
    response = check(app.test_client(), reference, code)  # even the right code waits now
    page = response.get_data(as_text=True)
    assert response.status_code == 429
    assert "Please wait before trying again" in page and "call the complaints team" in page
    assert "govuk-exit-this-page" in page

    for number in range(5):  # other references from the same address: 10 wrong tries an hour
        assert check(app.test_client(), f"2222-3333-444{number + 5}", code).status_code == 400
    response = check(app.test_client(), "2222-3333-4442", code)
    assert response.status_code == 429


def test_right_answers_are_not_rate_limited(client, filer, app):
    reference, code, _ = sent(filer)
    for _ in range(12):
        assert check(app.test_client(), reference, code).status_code == 200


def test_a_case_without_a_check_code_cannot_be_checked(client, filer, app):
    reference, code, _ = sent(filer)
    with app.app_context():
        db.session.execute(update(Case).values(check_hash=None))
        db.session.commit()
    assert check(app.test_client(), reference, code).status_code == 400


@pytest.mark.parametrize("data", [
    {"reference": "x" * 100000, "code": "y" * 100000}, {"reference": ["a", "b"], "code": "\x00"},
    {"reference": "<script>alert(1)</script>", "code": "<b>"}, {},
    {"reference": "2222 3333 4444", "code": "ａｐｐｌｅ ｒｉｖｅｒ ｃｌｏｕｄ"},
])
def test_no_input_ever_causes_a_server_error(client, data):
    response = client.post("/check-my-complaint", data=data)
    assert response.status_code in (200, 400)
    assert "<script>alert" not in response.get_data(as_text=True)
