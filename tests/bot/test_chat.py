"""The chat end to end: the Flask chat page talking to a real Rasa and action server."""

from __future__ import annotations

import re

import httpx
import pytest
from sqlalchemy import select

from intake.cases.models import Case, Draft
from intake.extensions import db

pytestmark = pytest.mark.postgresql_only  # what a person sees does not change with the database

YOUNG_PERSON = {
    "filer": "young_person", "safe_now": "yes", "young_person_status": ["in_care"],
    "young_person_age": "14", "topics": ["social_worker"], "event_within_12_months": "yes",
    "ongoing_proceedings": ["none"], "description": "My social worker never comes to see me.",
    "desired_outcome": "A social worker who visits every month.", "contact_name": "Sam",
    "contact_method": "text", "contact_phone": "07700 900982", "contact_safe_times": None,
    "contact_not_via_carer": "y",
}
ADVOCATE = {
    "filer": "advocate", "represents": "young_person", "young_person_status": ["care_leaver"],
    "young_person_age": "19", "consent": "yes", "topics": ["leaving_care_support"],
    "event_within_12_months": "yes", "ongoing_proceedings": ["none"],
    "description": "Jo has had no personal adviser for four months.",
    "desired_outcome": "A personal adviser and a pathway plan review.", "contact_name": "Alex Advocate",
    "young_person_name": "Jo", "organisation": None, "contact_method": "email",
    "contact_email": "alex@example.org", "contact_safe_times": None, "contact_not_via_carer": "n",
}
PARENT = {
    "filer": "parent", "parental_responsibility": "yes", "young_person_status": ["child_in_need"],
    "young_person_age": "9", "consent": "cannot_ask", "topics": ["assessment"],
    "event_within_12_months": "yes", "ongoing_proceedings": ["none"],
    "description": "The assessment of my son was done without speaking to me.",
    "desired_outcome": "A new assessment.", "contact_name": "Pat", "young_person_name": "Kai",
    "contact_method": "letter", "contact_address": "1 High Street, Example Town",
    "contact_safe_times": None, "contact_not_via_carer": "n",
}


def only_case(app) -> Case:
    with app.app_context():
        cases = db.session.execute(select(Case)).scalars().all()
        assert len(cases) == 1
        return cases[0]


def case_document(app, row):
    from intake.extensions import vault
    from intake.cases import store
    with app.app_context():
        return store.case_document(vault(), db.session.merge(row))


@pytest.mark.parametrize("given", [YOUNG_PERSON, ADVOCATE, PARENT], ids=["young_person", "advocate", "parent"])
def test_a_complaint_made_in_the_chat_becomes_the_same_case_as_the_form_makes(chat_app, chatter, given):
    chatter.start()
    assert "Hello" in chatter.bot_said() and chatter.asking == "filer"
    chatter.answer_all(given)
    assert "Here is what you told me" in chatter.bot_said()
    chatter.command("affirm")
    said = chatter.bot_said()
    assert "Your complaint has been sent" in said and "Your reference is" in said
    case = case_document(chat_app, only_case(chat_app))
    assert case["channel"] == "chat"
    assert case["answers"]["filer"] == given["filer"]
    assert case["answers"]["description"] == given["description"]  # verbatim
    assert case["contact"]["name"] == given["contact_name"]
    assert case["reference"] in said
    if case["decision"]["route"] == "statutory_stage1":
        assert "The council should answer you by" in said
    page = chatter.client.get("/confirmation").get_data(as_text=True)
    assert case["reference"] in page


def test_typed_answers_are_read_by_the_journeys_own_rules(chat_app, chatter):
    chatter.start().type("I'm the young person")
    assert chatter.asking == "safe_now"
    chatter.type("yes I am safe").type("in care")
    assert chatter.asking == "young_person_age"
    chatter.type("very old")
    assert "Enter the age as a number, like 15" in chatter.bot_said()
    assert chatter.asking == "young_person_age"
    chatter.type("I'm 15")
    assert chatter.asking == "topics"


def test_what_does_this_mean_explains_the_question_and_asks_it_again(chat_app, chatter):
    chatter.start().press("young_person").press("yes")
    chatter.command("explain")
    said = chatter.bot_said()
    assert "For example, living with foster carers" in said
    assert chatter.asking == "young_person_status"


def test_im_not_safe_shows_help_at_once_and_makes_the_case_urgent(chat_app, chatter):
    chatter.start().press("advocate")
    chatter.type("I'm not safe")
    said = chatter.bot_said()
    council = chat_app.config["INTAKE_COUNCIL"]
    assert "999" in said and "0800 1111" in said and council.emergency_duty_phone in said
    assert chatter.asking == "represents"  # and the questions carry on
    chatter.answer_all(dict(ADVOCATE, filer="advocate"))
    chatter.command("affirm")
    case = case_document(chat_app, only_case(chat_app))
    assert case["decision"]["urgent"] is True
    assert case["decision"]["route"] == "safeguarding_referral"


def test_safeguarding_words_in_what_they_write_show_help_and_mark_urgent(chat_app, chatter):
    chatter.start()
    worrying = dict(YOUNG_PERSON, description="My foster carer hits me when I am late.")
    for field in ("filer", "safe_now"):
        chatter.press(worrying[field])
    chatter.answer_all(worrying)
    transcript = " ".join(text for _who, text in chatter.transcript())
    assert "0800 1111" in transcript and "makes us worried" in transcript
    chatter.command("affirm")
    assert case_document(chat_app, only_case(chat_app))["decision"]["urgent"] is True


def test_talk_to_a_person_gives_the_numbers_and_hours(chat_app, chatter):
    chatter.start().command("human")
    council = chat_app.config["INTAKE_COUNCIL"]
    said = chatter.bot_said()
    assert council.complaints_phone in said and council.complaints_hours in said
    assert council.advocacy.phone in said


def test_change_an_answer_asks_that_question_again_and_keeps_the_rest(chat_app, chatter):
    chatter.start().press("young_person").press("yes").tick(["in_care"]).type("14")
    assert chatter.asking == "topics"
    chatter.command("change_answer")
    assert "Which answer do you want to change?" in chatter.bot_said()
    assert "command:change_answer:young_person_age" in chatter.buttons()
    chatter.command("change_answer", "young_person_age")
    assert chatter.asking == "young_person_age"
    chatter.type("16")
    assert chatter.asking == "topics"
    chatter.answer_all(YOUNG_PERSON)
    chatter.command("affirm")
    assert case_document(chat_app, only_case(chat_app))["answers"]["young_person_age"] == 16


def test_switch_to_the_form_carries_the_answers_over(chat_app, chatter):
    chatter.start().press("young_person").press("yes").tick(["in_care"])
    chatter.command("switch_to_form")
    assert chatter.status == 302 and chatter.redirect == "/questions/young_person_age"
    page = chatter.client.get("/questions/young_person_age")
    assert page.status_code == 200
    back = chatter.client.get("/questions/young_person_status").get_data(as_text=True)
    assert 'value="in_care" checked' in back


def test_stop_and_delete_really_deletes_the_draft_and_the_conversation(chat_app, chatter, bot):
    chatter.start().press("young_person").press("yes")
    with chat_app.app_context():
        assert db.session.execute(select(Draft)).scalars().all()
    chatter.command("stop")
    assert "delete everything" in chatter.bot_said()
    chatter.command("affirm")
    assert "has been deleted" in chatter.bot_said()
    assert "I am the young person" not in chatter.page
    with chat_app.app_context():
        assert db.session.execute(select(Draft)).scalars().all() == []
    url, token = bot


def test_saying_no_to_stop_carries_on_where_they_were(chat_app, chatter):
    chatter.start().press("young_person").press("yes")
    chatter.command("stop").command("deny")
    assert chatter.asking == "young_person_status"


def test_a_form_draft_carries_on_in_the_chat(chat_app, chatter):
    client = chatter.client
    client.post("/questions/filer", data={"filer": "parent"})
    client.post("/questions/parental_responsibility", data={"parental_responsibility": "yes"})
    chatter.start()
    assert "carry on from where you got to" in chatter.bot_said()
    assert chatter.asking == "young_person_status"


def test_empty_and_too_long_messages_get_a_friendly_error_and_no_500(chat_app, chatter):
    chatter.start()
    chatter.type("   ")
    assert chatter.status == 400 and "Type a message" in chatter.page
    chatter.type("x" * 5001)
    assert chatter.status == 400 and "too long" in chatter.page
    chatter.post({"choice": "command:rm -rf"})
    assert chatter.status == 400
    chatter.post({"choice": "answer:not-an-option"})
    assert chatter.status == 400 and "not on offer" in chatter.page
    assert chatter.asking == "filer"


def test_with_javascript_the_same_post_returns_the_new_messages(chat_app, chatter):
    chatter.start()
    chatter.press("young_person", json=True)
    assert chatter.status == 200
    assert "Are you safe right now?" in chatter.bot_said() and chatter.asking == "safe_now"



def _sender(chat_app, client) -> str:
    from intake.cases import store
    from intake.extensions import vault
    from intake.service.journey import Journey
    with client.session_transaction() as session:
        token = session["draft"]
    with chat_app.app_context():
        return Journey.from_stored(store.load_draft(db.session, vault(), token)).chat["sender"]


def _user_messages(url, token, sender) -> list[str]:
    tracker = httpx.get(f"{url}/conversations/{sender}/tracker", params={"token": token}).json()
    return [e.get("text") for e in tracker.get("events", []) if e.get("event") == "user"]


def test_rasa_forgets_a_deleted_conversation(chat_app, chatter, bot):
    url, token = bot
    chatter.start().type("I am the young person")
    sender = _sender(chat_app, chatter.client)
    assert "I am the young person" in _user_messages(url, token, sender)
    chatter.command("stop").command("affirm")
    assert _user_messages(url, token, sender) == []


# --- safeguarding in every message, at every step (issue 15) ------------------------------

def help_shown(chatter) -> bool:
    return 'data-help' in chatter.page and 'href="tel:08001111"' in chatter.page


def test_a_disclosure_typed_at_a_question_with_buttons_shows_help_and_makes_the_case_urgent(chat_app, chatter):
    chatter.start().type("my foster carer hits me")
    assert help_shown(chatter)
    assert "makes us worried" in chatter.bot_said()
    assert chatter.asking == "filer"  # and the question is asked again, below the help
    chatter.press("young_person").press("yes")
    chatter.answer_all(YOUNG_PERSON)
    chatter.command("affirm")
    case = case_document(chat_app, only_case(chat_app))
    assert case["decision"]["urgent"] is True and "physical_abuse" in case["decision"]["signals"]
    assert case["also_said"] == ["my foster carer hits me"]


def test_distress_is_never_read_as_stop(chat_app, chatter):
    chatter.start().press("young_person").press("yes")
    chatter.type("i dont want to be here anymore")
    assert help_shown(chatter)
    said = chatter.bot_said()
    assert said.index("Get help now") < (said.index("delete everything") if "delete everything" in said else len(said))
    pending = [b for b in chatter.buttons() if b in ("command:affirm", "command:deny")]
    if pending:
        # A stop is still confirmed, with the safe choice first (the one focused).
        assert pending[0] == "command:deny"


def test_no_i_am_not_safe_shows_the_same_help_as_the_get_help_now_page(chat_app, chatter):
    chatter.start().press("young_person").press("no")
    assert help_shown(chatter)
    said = chatter.bot_said()
    assert "You do not have to do this on your own" in said
    assert chatter.asking == "young_person_status"  # and the questions carry on


def test_a_disclosure_in_arabic_at_a_question_with_buttons_shows_help(chat_app, chatter):
    chatter.client.get("/language/ar")
    chatter.start().type("زوج أمي يضربني كل يوم")
    assert help_shown(chatter)
    assert 'dir="rtl"' in chatter.client.get("/chat").get_data(as_text=True)


def test_the_page_opens_at_the_start_of_the_reply_with_help_first(chat_app, chatter):
    chatter.start().press("young_person")
    chatter.type("he hits me")
    first_reply = re.search(r'<li class="app-chat__message app-chat__message--bot[^"]*"[^>]*id="latest"[^>]*>', chatter.page)
    assert first_reply and "data-help" in first_reply.group(0)


@pytest.mark.parametrize("unsure", ["idk", "not sure", "yes?"])
def test_only_a_clear_yes_sends_the_complaint(chat_app, chatter, unsure):
    chatter.start()
    chatter.answer_all(YOUNG_PERSON)
    chatter.type(unsure)
    assert "Your complaint has been sent" not in chatter.bot_said()
    with chat_app.app_context():
        assert db.session.execute(select(Case)).scalars().all() == []
    assert "Save and come back later" in chatter.page
    chatter.type("yes", json=True)  # as the page's script sends it: only log and controls change
    assert "Your complaint has been sent" in chatter.bot_said()
    assert "Save and come back later" not in chatter.page


def test_the_summary_offers_change_an_answer_once(chat_app, chatter):
    chatter.start()
    chatter.answer_all(YOUNG_PERSON)
    assert "Here is what you told me" in chatter.bot_said()
    assert chatter.page.count('value="command:change_answer"') == 1
    assert chatter.page.count('value="command:not_safe"') == 1
