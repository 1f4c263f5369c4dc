"""The custom actions, run in the Rasa environment against stored trackers (tests/bot/trackers/)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from intake.bot import processes

TRACKERS = Path(__file__).parent / "trackers"
RUNNER = Path(__file__).parent / "run_actions.py"


@pytest.fixture
def run(rasa_env):
    def run(action: str, stored: str) -> dict:
        tracker = json.loads((TRACKERS / f"{stored}.json").read_text())
        python = str(processes.venv() / "bin" / "python")
        result = subprocess.run([python, str(RUNNER)], input=json.dumps({"action": action, "tracker": tracker}),
                                env=rasa_env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr[-2000:]
        return json.loads(result.stdout.strip().splitlines()[-1])
    return run


def slots(result: dict) -> dict:
    return {e["name"]: e["value"] for e in result["events"] if e["event"] == "slot"}


def test_a_typed_age_is_kept_and_the_journey_says_what_comes_next(run):
    result = run("validate_complaint_form", "typed_age")
    assert slots(result)["young_person_age"] == 14
    assert slots(result)["requested_slot"] == "topics"
    assert {"answers": slots(result)["answers"]} in result["messages"]


def test_a_bad_answer_gets_the_journeys_error_and_the_question_again(run):
    result = run("validate_complaint_form", "wrong_age")
    assert {"error": "Enter the age as a number, like 15"} in result["messages"]
    assert slots(result)["requested_slot"] == "young_person_age"
    assert "young_person_age" not in slots(result)["answers"]


def test_a_request_is_not_taken_as_an_answer(run):
    assert run("validate_complaint_form", "explain_on_a_choice")["events"] == []


def test_a_long_story_is_an_answer_even_if_it_sounds_like_a_request(run):
    result = run("validate_complaint_form", "long_story_that_mentions_a_person")
    assert slots(result)["description"].startswith("I want to talk to someone")


def test_not_safe_keeps_what_they_wrote_shows_help_and_marks_urgent(run):
    result = run("action_not_safe", "not_safe_while_writing")
    answers = slots(result)["answers"]
    assert answers["description"] == "my carer hits me and I am not safe"
    assert answers["safe_now"] == "no" and answers["_said_not_safe"] is True
    assert {"show": "help_now"} in result["messages"]


def test_the_chat_picks_up_answers_given_in_the_form(run):
    result = run("action_start", "start_with_form_answers")
    assert result["messages"][0] == {"show": "carry_on"}
    assert slots(result)["filer"] == "parent" and slots(result)["parental_responsibility"] == "yes"
    assert slots(result)["safe_now"] == "-"  # not asked of a parent


def test_changing_an_answer_forgets_it_and_asks_again(run):
    result = run("action_change_answer", "change_the_age")
    assert "young_person_age" not in slots(result)["answers"]
    assert slots(result)["young_person_age"] is None
    assert {"event": "followup", "name": "complaint_form"} in [
        {k: e[k] for k in ("event", "name")} for e in result["events"] if e["event"] == "followup"]


def test_nothing_is_sent_while_a_question_is_unanswered(run):
    result = run("action_submit", "send_too_soon")
    assert result["messages"] == []
    assert result["events"][0]["event"] == "followup"


def test_a_button_press_is_read_whatever_the_language(run):
    result = run("validate_complaint_form", "button_press_in_arabic")
    assert slots(result)["filer"] == "advocate"
