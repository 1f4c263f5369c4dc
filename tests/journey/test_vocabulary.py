"""The vocabulary in code is the shared contract, identifier for identifier."""

from pathlib import Path

import pytest
import yaml

from intake.journey import QUESTIONS, vocabulary
from tests.conftest import cannot_run

SHARED = Path(__file__).resolve().parents[3] / "shared" / "contracts" / "intake-vocabulary.yml"


@pytest.fixture(scope="module")
def contract():
    if not SHARED.exists():
        cannot_run(f"the shared contract is not beside the clone: {SHARED}")
    return yaml.safe_load(SHARED.read_text())


def test_every_answer_id_and_value_matches_the_contract(contract):
    answers = contract["answers"]
    assert set(answers) == set(vocabulary.ANSWERS)
    for key, kind in vocabulary.ANSWERS.items():
        spec = answers[key]
        if kind[0] in ("choice", "multi"):
            # YAML 1.1 reads a bare yes/no as a boolean
            values = [{True: "yes", False: "no"}.get(v, v) for v in spec]
            assert list(kind[1]) == values, key


def test_every_route_matches_the_contract(contract):
    assert list(vocabulary.ROUTES) == list(contract["decision"]["route"])


def test_every_choice_the_form_offers_is_a_vocabulary_value():
    for key, kind in vocabulary.ANSWERS.items():
        question = QUESTIONS.get(key)
        if question and kind[0] in ("choice", "multi"):
            assert {o.value for o in question.fields[0].options} == set(kind[1]), key
