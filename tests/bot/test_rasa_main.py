"""The fix run before Rasa: action server responses are checked with a validator built once,
exactly as strictly as Rasa's own method checks them, and much faster."""

from __future__ import annotations

import json
import subprocess

from intake.bot import processes

CHECK = r"""
import json, time
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from intake.bot.rasa_main import patch

good = {"events": [{"event": "slot", "name": "answers", "value": {"filer": "young_person"}}],
        "responses": [{"json_message": {"show": "summary"}}]}
bad = [{"events": "not a list"}, {"responses": [1]}, {"events": [{"event": 3}]}]
action = RemoteAction("action_summary", None)

def outcome(result):
    try:
        return action._validate_action_result(result)
    except ValidationError as error:
        return "invalid: " + error.message

def timed():
    start = time.perf_counter()
    for _ in range(50):
        action._validate_action_result(good)
    return (time.perf_counter() - start) / 50

before = [outcome(r) for r in [good] + bad]
slow = timed()
patch()
patch()  # applying it twice changes nothing
after = [outcome(r) for r in [good] + bad]
fast = timed()
print(json.dumps({"before": before, "after": after, "slow": slow, "fast": fast}))
"""


def run_in_rasa(code: str) -> dict:
    result = subprocess.run([processes.rasa_python(), "-c", code], capture_output=True, text=True,
                            env={"PYTHONPATH": str(processes.PROJECT_DIR)}, timeout=300, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_patched_check_accepts_and_refuses_exactly_what_rasas_own_does_and_is_faster():
    seen = run_in_rasa(CHECK)
    assert seen["before"][0] is True and all(o.startswith("invalid") for o in seen["before"][1:])
    assert seen["after"] == seen["before"]
    assert seen["fast"] < seen["slow"] / 5, seen


def test_rasa_is_started_through_the_fix():
    command = processes.rasa_command("/tmp/instance", 5005, "token")
    assert command[:3] == [processes.rasa_python(), "-m", "intake.bot.rasa_main"]
    assert command[3] == "run"
