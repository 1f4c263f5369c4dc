"""The chat's reading of the journey, without Rasa: what is asked next and how replies are read."""

from __future__ import annotations

import pytest

from intake.bot import conversation as talk
from intake.bot.conversation import Reply
from intake.journey import JOURNEY, next_question

YOUNG = {"filer": "young_person", "safe_now": "yes"}


def test_the_chat_asks_the_journeys_questions_in_the_journeys_order():
    assert talk.next_field({})[1].id == "filer"
    assert talk.next_field({"filer": "young_person"})[1].id == "safe_now"
    assert talk.next_field({"filer": "parent"})[1].id == "parental_responsibility"


def test_a_page_of_several_fields_is_asked_one_field_at_a_time():
    answers = {**YOUNG, "young_person_status": ["in_care"], "young_person_age": 14,
               "topics": ["money"], "event_within_12_months": True, "ongoing_proceedings": ["none"],
               "description": "x", "desired_outcome": "y"}
    question, field = talk.next_field(answers)
    assert question.id == "contact" and field.id == "contact_name"
    answers["contact_name"] = "Sam"
    assert talk.next_field(answers)[1].id == "contact_method"


def test_the_detail_for_another_way_of_contacting_is_never_asked():
    answers = {**YOUNG, "young_person_status": ["in_care"], "young_person_age": 14,
               "topics": ["money"], "event_within_12_months": True, "ongoing_proceedings": ["none"],
               "description": "x", "desired_outcome": "y", "contact_name": "Sam",
               "contact_method": "letter"}
    assert talk.next_field(answers)[1].id == "contact_address"
    answers["contact_method"] = "email"
    assert talk.next_field(answers)[1].id == "contact_email"


def test_a_button_press_is_validated_exactly_like_the_form():
    outcome = talk.answer({}, "filer", Reply("/inform", "inform", 1.0, payload="advocate"))
    assert outcome.error is None and outcome.answers["filer"] == "advocate"
    outcome = talk.answer({}, "filer", Reply("/inform", "inform", 1.0, payload="astronaut"))
    assert outcome.error == "Please choose one of the answers" and "filer" not in outcome.answers


@pytest.mark.parametrize("typed, value", [
    ("I am the young person it is about", "young_person"),
    ("im the young person", "young_person"),
    ("1", "young_person"),
    ("advocate", "advocate"),
    ("A FOSTER CARER", "foster_carer"),
])
def test_typed_words_pick_an_option_by_its_words_or_number(typed, value):
    assert talk.answer({}, "filer", Reply(typed, "inform", 0.9)).answers["filer"] == value


def test_typed_words_that_pick_nothing_get_the_questions_own_error():
    outcome = talk.answer({}, "filer", Reply("banana", "inform", 0.9))
    assert outcome.error == "Please choose one of the answers"


def test_typed_words_that_pick_none_of_several_options_get_the_questions_own_error():
    outcome = talk.answer(dict(YOUNG), "young_person_status", Reply("in care and bananas", "inform", 0.9))
    assert outcome.error and "young_person_status" not in outcome.answers


def test_several_options_can_be_typed_in_one_message():
    answers = dict(YOUNG)
    outcome = talk.answer(answers, "young_person_status", Reply("in care and early help only"))
    assert outcome.answers["young_person_status"] == ["in_care", "early_help"]
    outcome = talk.answer(answers, "young_person_status", Reply("1, 4"))
    assert outcome.answers["young_person_status"] == ["in_care", "care_leaver"]


def test_an_age_is_read_from_a_sentence_and_checked_by_the_journey():
    answers = {**YOUNG, "young_person_status": ["in_care"]}
    assert talk.answer(answers, "young_person_age", Reply("I'm 14")).answers["young_person_age"] == 14
    assert talk.answer(answers, "young_person_age", Reply("old")).error == "Enter the age as a number, like 15"


def test_yes_and_no_are_understood_in_plain_words():
    answers = {**YOUNG, "young_person_status": ["in_care"], "young_person_age": 14, "topics": ["money"]}
    yes = talk.answer(answers, "event_within_12_months", Reply("yeah", "affirm", 0.9))
    assert yes.answers["event_within_12_months"] is True
    no = talk.answer(answers, "event_within_12_months", Reply("nope", "deny", 0.9))
    assert no.answers["event_within_12_months"] is False


def test_free_text_is_kept_exactly_as_typed():
    words = "  My social worker   never visits.\nNot once!  "
    answers = {**YOUNG, "young_person_status": ["in_care"], "young_person_age": 14,
               "topics": ["money"], "event_within_12_months": True, "ongoing_proceedings": ["none"]}
    assert talk.answer(answers, "description", Reply(words)).answers["description"] == words


def test_an_optional_question_can_be_skipped_but_a_required_one_cannot():
    answers = {**YOUNG, "young_person_status": ["in_care"], "young_person_age": 14,
               "topics": ["money"], "event_within_12_months": False}
    skipped = talk.answer(answers, "late_reason", Reply("skip", "skip", 0.95))
    assert skipped.error is None and skipped.answers["late_reason"] is None
    assert talk.answer({}, "filer", Reply("skip", "skip", 0.95)).error


def test_the_pages_own_rules_run_when_its_last_field_is_answered():
    answers = {**YOUNG, "young_person_status": ["in_care"], "young_person_age": 14,
               "topics": ["money"], "event_within_12_months": True, "ongoing_proceedings": ["none"],
               "description": "x", "desired_outcome": "y", "contact_name": "Sam",
               "contact_method": "text", "contact_phone": None, "contact_safe_times": None}
    outcome = talk.answer(answers, "contact_not_via_carer", Reply("/inform", "inform", 1.0, payload="y"))
    assert outcome.error == "Enter a phone number so we can call or text you"
    assert talk.next_field(outcome.answers)[1].id == "contact_phone"


@pytest.mark.parametrize("reply, field, command", [
    (Reply("/explain", "explain", 1.0), "description", True),
    (Reply("what does this mean?", "explain", 0.97), "filer", True),
    (Reply("I am a foster carer", "explain", 0.6), "filer", False),
    (Reply("what does this mean", "explain", 0.95), "description", False),
    (Reply("stop", "stop", 0.99), "contact_name", True),
    (Reply("I want to talk to someone about how my social worker treats me every single week",
           "human", 0.95), "description", False),
    (Reply("I am 14", "inform", 0.9), "young_person_age", False),
    # A question with several answers: words that pick none of them are a request...
    (Reply("what does this mean?", "explain", 0.97), "young_person_status", True),
    # ...and words that pick some are an answer, whatever the model thought.
    (Reply("in care", "explain", 0.7), "young_person_status", False),
])
def test_a_request_is_told_apart_from_an_answer(reply, field, command):
    _question, f = talk.field_of(field)
    assert talk.is_command(f, reply, dict(YOUNG)) is command


def test_changing_an_answer_forgets_it_and_what_depended_on_it():
    answers = {"filer": "parent", "parental_responsibility": "yes"}
    changed = talk.forget(answers, "filer")
    assert changed == {}
    assert [q.id for q in talk.answered_questions(answers)] == ["filer", "parental_responsibility"]


def test_someone_who_says_they_are_not_safe_stays_urgent_whoever_they_are():
    answers = talk.said_not_safe({"filer": "advocate"})
    assert answers["safe_now"] == "no"
    assert talk.answer(answers, "represents", Reply("/inform", "inform", 1.0, payload="young_person")).answers["safe_now"] == "no"


def test_the_chat_reaches_the_end_of_every_journey_the_form_can_walk():
    answers = {**YOUNG, "young_person_status": ["in_care"], "young_person_age": 14,
               "topics": ["money"], "event_within_12_months": True, "ongoing_proceedings": ["none"],
               "description": "x", "desired_outcome": "y", "contact_name": "Sam",
               "contact_method": "email", "contact_email": "s@example.com",
               "contact_safe_times": None, "contact_not_via_carer": False}
    assert talk.next_field(answers) is None and next_question(talk.settle(answers)) is None
    assert all(f.id for q in JOURNEY for f in q.fields)


def test_numbers_of_several_groups_keep_their_order_in_right_to_left_chat_messages():
    from intake.bot.messages import isolate, numbers_left_to_right
    assert numbers_left_to_right("Childline 0800 1111.") == "Childline \u20660800 1111\u2069."
    already = "call " + isolate("0300 123 4567")
    assert numbers_left_to_right(already) == already
    assert numbers_left_to_right("call 999, age 15") == "call 999, age 15"


YES = frozenset({"yes", "yeah", "ok", "send", "it", "sure", "i", "am"})


@pytest.mark.parametrize("text, intent, confidence, sends", [
    ("/affirm", "affirm", 1.0, True),
    ("yes", "affirm", 0.99, True),
    ("yeah send it", "affirm", 0.95, True),
    ("idk", "affirm", 0.97, False),
    ("not sure", "affirm", 0.95, False),
    ("yes?", "affirm", 0.99, False),
    ("yes but change my number", "affirm", 0.93, False),
    ("yes", "affirm", 0.6, False),
    ("/deny", "deny", 1.0, False),
    (" /affirm", "affirm", 0.99, False),  # typed, not the button: "/affirm" is not a yes word
])
def test_only_a_clear_yes_sends(text, intent, confidence, sends):
    reply = talk.Reply(text=text, intent=intent, confidence=confidence)
    assert talk.is_clear_yes(reply, YES) is sends
