"""A journey in progress keeps its answers and its state apart, and decides every step."""

from __future__ import annotations

from intake.journey import question
from intake.service.journey import STORED_VERSION, Journey, Step

CHILD = {"filer": "young_person", "age_band": "13_15", "safe_now": "yes"}


def test_answers_and_state_are_stored_apart_and_come_back_the_same():
    journey = Journey(answers=dict(CHILD), fast_track=True, escalation=True,
                      also_said=["he hits me"], chat={"sender": "s", "entries": [], "known": None})
    journey.touch("chat", "ar")
    stored = journey.to_stored()
    assert stored["version"] == STORED_VERSION and stored["answers"] == CHILD
    assert not any(key.startswith("_") for key in stored["answers"])
    assert Journey.from_stored(stored) == journey


def test_a_draft_saved_in_the_old_flat_layout_still_opens_with_its_state_taken_out():
    old = dict(CHILD, _fast_track=True, _escalation=True, _also_said=["help"],
               _chat={"sender": "abc", "entries": [], "known": None})
    journey = Journey.from_stored(old)
    assert journey.answers == CHILD
    assert journey.fast_track and journey.escalation and journey.also_said == ["help"]
    assert journey.chat["sender"] == "abc"


def test_nothing_stored_or_something_unreadable_is_an_empty_journey():
    for stored in (None, [], "text", {"version": STORED_VERSION, "answers": "x", "state": 3}):
        assert Journey.from_stored(stored).is_empty


def test_the_core_reads_the_route_facts_but_the_answers_never_hold_them():
    journey = Journey(answers=dict(CHILD), fast_track=True)
    assert journey.facts()["_fast_track"] is True and "_fast_track" not in journey.answers
    journey.take_facts(dict(journey.facts(), description="x"))
    assert journey.fast_track and journey.answers["description"] == "x"
    assert "_fast_track" not in journey.answers


def test_what_else_was_said_is_added_to_and_never_replaced_from_outside():
    journey = Journey(answers=dict(CHILD))
    journey.heard("my stepdad hurts me")
    journey.take_facts({"filer": "young_person", "_also_said": ["something else"]})
    assert journey.also_said == ["my stepdad hurts me"]
    assert journey.needs_help


def test_saying_not_safe_goes_to_help_first_and_the_fast_track_skips_the_rest():
    journey = Journey(answers={"filer": "young_person", "age_band": "13_15"})
    journey.answer(question("safe_now"), {"safe_now": "no"})
    assert journey.step_after_answer(question("safe_now"), changing=False) == Step("help_now", {})
    full = journey.next_step()
    journey.choose_fast_track(True)
    assert journey.next_step() != full and journey.next_step().name == "ask"


def test_a_worrying_free_text_answer_goes_to_the_worried_step():
    journey = Journey(answers=dict(CHILD))
    q = question("description")
    journey.answer(q, {"description": "my foster carer hits me with a belt when she is angry"})
    assert journey.step_after_answer(q, changing=False) == Step(
        "worried", {"next_id": "description", "change": 0})
