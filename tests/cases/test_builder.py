"""The case document: what every channel produces and the case system receives."""

import datetime as dt
import json
import math
import random
import re

from jsonschema import Draft202012Validator, FormatChecker

from intake.cases import schema
from intake.cases.builder import REFERENCE_ALPHABET, REFERENCE_LENGTH, build_case, event_for, new_reference
from intake.eligibility import assess
from intake.journey import next_question, record, vocabulary_answers
from intake.journey.questions import CONTACT_METHODS

VALIDATOR = Draft202012Validator(schema.case_schema(), format_checker=FormatChecker())
NOW = dt.datetime(2026, 12, 23, 16, 30, tzinfo=dt.timezone.utc)


def random_walk(rng: random.Random) -> dict:
    """Answer every question the journey asks with a random valid answer."""
    answers: dict = {}
    if rng.random() < 0.1:
        answers["_escalation"] = True
    if rng.random() < 0.05:
        answers["_fast_track"] = True
    while (q := next_question(answers)) is not None:
        values = {}
        for f in q.fields_for(answers):
            options = [o.value for o in f.options_for(answers)]
            if f.kind == "choice":
                values[f.id] = rng.choice(options)
            elif f.kind == "multi":
                plain = [o.value for o in f.options if not o.exclusive]
                values[f.id] = sorted(set(rng.sample(plain, rng.randint(1, 3))), key=options.index)
            elif f.kind == "boolean":
                values[f.id] = rng.random() < 0.5
            elif f.kind == "integer":
                values[f.id] = rng.randint(0, 30)
            elif f.kind == "flag":
                values[f.id] = rng.random() < 0.5
            elif f.id == "contact_method":
                values[f.id] = rng.choice([o.value for o in CONTACT_METHODS])
            else:
                values[f.id] = rng.choice(["Sam", "لا أحد يستمع", "I am scared to go home", None])
        answers = record(answers, q, values)
    return answers


def test_every_case_built_from_any_journey_validates_against_the_schema():
    rng = random.Random(20261122)
    for _ in range(500):
        answers = random_walk(rng)
        decision = assess(vocabulary_answers(answers), received=NOW.date())
        case = build_case(answers, decision, channel="web", language="en-GB", submitted_at=NOW)
        errors = sorted(VALIDATOR.iter_errors(case), key=str)
        assert not errors, (answers, [e.message for e in errors])
        json.dumps(event_for(case, "case.submitted"))


def test_the_committed_schema_is_the_generated_one():
    assert schema.SCHEMA_PATH.read_text() == schema.render(), "run `intake schema`"
    Draft202012Validator.check_schema(json.loads(schema.SCHEMA_PATH.read_text()))


def test_the_schema_names_itself_and_its_version():
    document = schema.case_schema()
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["$id"] and document["properties"]["schema_version"]["const"] == "1.1"


def test_references_are_easy_to_read_and_impossible_to_guess():
    references = {new_reference() for _ in range(2000)}
    assert len(references) == 2000
    for reference in references:
        assert re.fullmatch(r"[2-9A-HJ-NP-TW-Z]{4}-[2-9A-HJ-NP-TW-Z]{4}-[2-9A-HJ-NP-TW-Z]{4}", reference)
    assert not set("01ILOUV") & set(REFERENCE_ALPHABET)
    assert REFERENCE_LENGTH * math.log2(len(REFERENCE_ALPHABET)) > 56


def test_contact_details_travel_apart_from_the_answers():
    answers = {"filer": "young_person", "contact_name": "Sam", "contact_method": "text",
               "contact_phone": "07700 900982", "contact_not_via_carer": True, "contact_email": None}
    case = build_case(answers, assess({}), channel="web", language="en-GB", submitted_at=NOW)
    assert case["contact"] == {"name": "Sam", "method": "text", "phone": "07700 900982",
                               "not_via_carer": True}
    assert "contact_name" not in case["answers"]
    assert case["answers"]["request"] == "new_complaint"
    assert case["submitted_at"] == "2026-12-23T16:30:00Z"


def test_an_event_keeps_its_id_and_carries_the_case():
    case = build_case({}, assess({}), channel="web", language="en-GB", submitted_at=NOW)
    event = event_for(case, "case.submitted", event_id="e1")
    assert event["id"] == "e1" and event["data"] is case and event["type"] == "case.submitted"
