"""The `intake` command, run as a real process, as other programs will run it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

INTAKE = str(Path(sys.executable).parent / "intake")


@pytest.fixture
def env(tmp_path):
    return os.environ | {"INTAKE_INSTANCE_PATH": str(tmp_path),
                         "INTAKE_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}


def run(args, stdin, env):
    return subprocess.run([INTAKE, *args], input=stdin, capture_output=True, text=True, env=env,
                          timeout=60)


def test_assess_prints_the_decision_as_json(env):
    answers = {"filer": "young_person", "young_person_status": ["care_leaver"], "young_person_age": 23,
               "care_leaver_in_education_or_training": True, "topics": ["leaving_care_support"],
               "event_within_12_months": True, "ongoing_proceedings": ["none"]}
    result = run(["assess"], json.dumps(answers), env)
    assert result.returncode == 0, result.stderr
    decision = json.loads(result.stdout)
    assert decision["route"] == "statutory_stage1" and decision["offer_advocacy"] is True
    assert set(decision["deadlines"]) == {"acknowledge_by", "stage1_due", "stage1_extended_due"}


def test_assess_counts_the_clocks_from_the_day_received(env):
    # Received on Thursday 18 December 2025: Christmas Day, Boxing Day and New Year's Day
    # are not working days, so 10 working days run to Tuesday 6 January 2026.
    result = run(["assess", "--received", "2025-12-18"], "{}", env)
    assert result.returncode == 0, result.stderr
    deadlines = json.loads(result.stdout)["deadlines"]
    assert deadlines["acknowledge_by"] == "2025-12-22"
    assert deadlines["stage1_due"] == "2026-01-06"


@pytest.mark.parametrize("request_, expected", [
    ("stage2_escalation", {"acknowledge_by": "2026-12-23", "stage2_due": "2027-01-28",
                           "stage2_extended_due": "2027-03-25"}),
    ("stage3_escalation", {"acknowledge_by": "2026-12-23", "stage3_panel_due": "2027-02-04"}),
])
def test_assess_prints_an_escalations_own_clocks_never_stage_1s(env, request_, expected):
    result = run(["assess", "--received", "2026-12-21"], json.dumps({"request": request_}), env)
    assert result.returncode == 0, result.stderr
    decision = json.loads(result.stdout)
    assert decision["deadlines"] == expected
    assert decision["route"] == "human_review" and decision["needs_review"]


def test_assess_refuses_a_received_date_that_is_not_one(env):
    result = run(["assess", "--received", "18/12/2025"], "{}", env)
    assert result.returncode == 2 and "--received" in result.stderr and "%Y-%m-%d" in result.stderr


def test_assess_decides_an_empty_answer_set(env):
    result = run(["assess"], "{}", env)
    assert result.returncode == 0 and json.loads(result.stdout)["route"] == "human_review"


@pytest.mark.parametrize("stdin, message", [
    ("{not json", "invalid JSON"), ("[]", "must be a JSON object"),
    ('{"colour": "blue"}', "unknown answer id"), ('{"filer": "wizard"}', "unknown value for filer"),
    ('{"topics": "school"}', "must be a list"), ('{"young_person_age": "ten"}', "whole number"),
])
def test_assess_rejects_bad_input_with_exit_2_and_one_line(stdin, message, env):
    result = run(["assess"], stdin, env)
    assert result.returncode == 2
    assert result.stdout == ""
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_db_upgrade_creates_the_tables(env, tmp_path):
    result = run(["db", "upgrade"], "", env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "cli.db").exists()


def test_the_committed_schema_is_checked_by_the_command(env):
    result = run(["schema", "--check"], "", env)
    assert result.returncode == 0, result.stderr
