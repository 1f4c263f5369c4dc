"""The soak and fault proof (bench/soak.py): its checks, and a short run of the real thing.

The full proof is ten minutes of 50 people; here the same script runs for under a minute
with fewer people and faults every few seconds, against gunicorn, the local PostgreSQL and
RabbitMQ and the real Rasa, so a change that loses a case under a crash fails the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from bench.soak import verify
from tests.conftest import cannot_run

ROOT = Path(__file__).resolve().parents[2]

CASES = {"c1": "AAAA-BBBB-CCC1", "c2": "AAAA-BBBB-CCC2"}
EVENTS = {"e1": ("c1", "case.submitted"), "e2": ("c2", "case.submitted"), "u2": ("c2", "case.urgent")}
DELIVERED = [("q", "e1", "AAAA-BBBB-CCC1"), ("q", "e2", "AAAA-BBBB-CCC2"), ("q.urgent", "u2", "AAAA-BBBB-CCC2")]
SHOWN = {"AAAA-BBBB-CCC1": "web", "AAAA-BBBB-CCC2": "chat"}
OK = Counter({200: 10, 302: 8})


def test_a_clean_run_has_no_problems():
    counts, problems = verify(SHOWN, CASES, EVENTS, DELIVERED, OK)
    assert problems == []
    assert counts["redeliveries_of_the_same_id"] == 0


def test_the_same_event_id_delivered_twice_is_counted_as_a_redelivery_not_a_loss():
    counts, problems = verify(SHOWN, CASES, EVENTS, DELIVERED + [DELIVERED[0]], OK)
    assert problems == [] and counts["redeliveries_of_the_same_id"] == 1


def test_a_reference_shown_to_a_person_but_not_stored_is_a_problem():
    _, problems = verify({**SHOWN, "ZZZZ-ZZZZ-ZZZZ": "web"}, CASES, EVENTS, DELIVERED, OK)
    assert any("ZZZZ-ZZZZ-ZZZZ" in p for p in problems)


def test_a_stored_event_never_delivered_is_a_problem():
    _, problems = verify(SHOWN, CASES, EVENTS, DELIVERED[:1] + DELIVERED[2:], OK)
    assert any("never delivered" in p and "e2" in p for p in problems)


def test_an_event_the_database_does_not_know_is_a_problem():
    _, problems = verify(SHOWN, CASES, EVENTS, DELIVERED + [("q", "stray", "AAAA-BBBB-CCC1")], OK)
    assert any("does not know" in p for p in problems)


def test_a_case_submitted_twice_under_two_ids_is_a_problem():
    events = {**EVENTS, "e1b": ("c1", "case.submitted")}
    _, problems = verify(SHOWN, CASES, events, DELIVERED + [("q", "e1b", "AAAA-BBBB-CCC1")], OK)
    assert any("more than one event" in p for p in problems)


def test_a_delivery_carrying_another_cases_reference_is_a_problem():
    _, problems = verify(SHOWN, CASES, EVENTS, [("q", "e1", "AAAA-BBBB-CCC2")] + DELIVERED[1:], OK)
    assert any("another case" in p for p in problems)


def test_any_5xx_response_is_a_problem():
    _, problems = verify(SHOWN, CASES, EVENTS, DELIVERED, OK + Counter({502: 1}))
    assert any("5xx" in p for p in problems)


def test_a_run_that_completed_nothing_proves_nothing():
    _, problems = verify({}, {}, {}, [], OK)
    assert "no complaint was completed" in problems


def test_people_on_the_form_and_the_chat_lose_nothing_while_the_relay_and_a_worker_are_killed(bot):
    database_url, amqp_url = os.environ.get("TEST_DATABASE_URL", ""), os.environ.get("TEST_AMQP_URL")
    if not database_url.startswith("postgresql://") or not amqp_url:
        cannot_run("the soak needs TEST_DATABASE_URL (PostgreSQL) and TEST_AMQP_URL (RabbitMQ)")
    rasa_url, token = bot
    result = subprocess.run(
        [sys.executable, "bench/soak.py", "--duration", "40", "--clients", "8", "--chat-share", "0.25", "--think", "0.2",
         "--fault-every", "5", "--workers", "2", "--threads", "4",
         "--database-url", database_url.rsplit("/", 1)[0] + "/" + database_url.rsplit("/", 1)[1] + "_soak",
         "--amqp-url", amqp_url, "--rasa-url", rasa_url, "--rasa-token", token, "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.stdout.strip(), result.stderr[-3000:]
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["problems"] == [], figures
    assert result.returncode == 0
    assert figures["faults"].get("relay killed", 0) >= 2 and figures["faults"].get("web worker killed", 0) >= 2
    assert figures["by_channel"].get("web", 0) >= 5 and figures["by_channel"].get("chat", 0) >= 1, figures
    assert figures["five_xx"] == 0 and figures["stored_but_not_delivered"] == 0
