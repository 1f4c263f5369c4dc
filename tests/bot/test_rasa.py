"""The Rasa project itself: generated from the journey, valid, and its conversations pass."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import yaml

from intake.bot import conversation, domain_gen, messages, processes
from intake.journey import JOURNEY

BOT = Path(processes.BOT_DIR)


def domain() -> dict:
    merged: dict = {}
    for path in sorted((BOT / "domain").glob("*.yml")):
        part = yaml.safe_load(path.read_text())
        for key, value in part.items():
            if isinstance(value, dict):
                merged.setdefault(key, {}).update(value)
            elif isinstance(value, list):
                merged.setdefault(key, []).extend(value)
    return merged


def nlu_intents() -> set[str]:
    found = set()
    for path in (BOT / "data" / "nlu").glob("*.yml"):
        found |= {block["intent"] for block in yaml.safe_load(path.read_text())["nlu"]}
    return found


def test_the_journey_part_of_the_domain_is_current(runner):
    result = runner.invoke(args=["bot", "domain", "--check"])
    assert result.exit_code == 0, result.output
    assert domain_gen.JOURNEY_DOMAIN.read_text() == domain_gen.journey_domain()


def test_every_journey_field_is_a_slot_asked_by_its_own_action():
    d = domain()
    for field in (f.id for q in JOURNEY for f in q.fields):
        assert field in d["slots"], field
        assert f"action_ask_{field}" in d["actions"], field
        assert field in d["forms"]["complaint_form"]["required_slots"]


def test_every_intent_has_examples_and_every_request_button_is_an_intent():
    intents = set(domain()["intents"])
    assert nlu_intents() == intents
    assert {name for name, _ in messages.COMMANDS} <= intents
    assert conversation.COMMANDS <= intents


def test_no_words_live_in_rasa_only_message_ids():
    for name, replies in domain().get("responses", {}).items():
        for reply in replies:
            assert set(reply) == {"custom"}, name


def test_rasa_data_validate_is_clean(rasa_env):
    result = subprocess.run(processes.validate_command(), env=rasa_env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "UserWarning" not in result.stderr


def test_the_conversation_tests_pass(rasa_env, trained_model, tmp_path):
    result = subprocess.run([
        processes.rasa_bin(), "test", "core", "--stories", str(BOT / "tests"),
        "--model", str(trained_model), "--endpoints", str(BOT / "endpoints.yml"),
        "--out", str(tmp_path), "--fail-on-prediction-errors",
    ], env=rasa_env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads((tmp_path / "story_report.json").read_text())
    assert report["conversation_accuracy"]["accuracy"] == 1.0


def test_an_api_token_starting_with_a_dash_reaches_rasa_as_the_token():
    """Random tokens start with "-" one time in 64; argparse must not take it for an option."""
    import argparse

    command = processes.rasa_command("instance", 5005, "-Ab3_token")
    assert "--auth-token=-Ab3_token" in command
    parser = argparse.ArgumentParser()
    parser.add_argument("-t", "--auth-token")
    known, _ = parser.parse_known_args(command[2:])
    assert known.auth_token == "-Ab3_token"
