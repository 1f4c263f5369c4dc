"""The case schema (JSON Schema 2020-12), generated from the vocabulary so the two cannot
drift. ``intake schema`` writes it to ``intake/schemas/case-v1.schema.json``; a test checks
the committed file matches."""

from __future__ import annotations

import json
from pathlib import Path

from intake.cases.builder import (
    CHANNELS, COMPLAINANT_ACTIONS, REFERENCE_ALPHABET, SCHEMA_ID, SCHEMA_VERSION,
)
from intake.journey.questions import CONTACT_METHODS
from intake.journey.vocabulary import ANSWERS, ROUTES

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "case-v1.schema.json"


def _answer_schema(kind: tuple) -> dict:
    if kind[0] == "choice":
        return {"type": "string", "enum": list(kind[1])}
    if kind[0] == "multi":
        return {"type": "array", "items": {"type": "string", "enum": list(kind[1])},
                "uniqueItems": True}
    if kind[0] == "integer":
        return {"type": "integer", "minimum": 0, "maximum": 130}
    if kind[0] == "boolean":
        return {"type": "boolean"}
    return {"type": "string"}


TRIAGE_STATUSES = ("new", "acknowledged", "responded", "escalated", "passed_on", "withdrawn")
TRIAGE_ACTIONS = ("route_confirmed", "route_changed", "acknowledged", "extension_set",
                  "response_sent", "advocacy_referral_made", "note_added", "safeguarding_passed")
NOTE_KINDS = ("note", "route_change", "extension", "safeguarding")


def _triage_schema() -> dict:
    """What the complaints team has done with the case (only in ``case.triaged`` events)."""
    moment = {"type": "string", "format": "date-time"}
    return {
        "type": "object",
        "description": "The complaints team's triage so far. Present only in case.triaged events; "
                       "decision.route stays the machine's provisional route, triage.route is the "
                       "route now.",
        "additionalProperties": False,
        "required": ["action", "at", "route", "status", "notes"],
        "properties": {
            "action": {"enum": list(TRIAGE_ACTIONS), "description": "The change that sent this event."},
            "at": moment,
            "route": {"enum": list(ROUTES)},
            "status": {"enum": list(TRIAGE_STATUSES)},
            "route_confirmed_at": moment,
            "acknowledged_at": moment,
            "extended_at": moment,
            "stage1_due": {"type": "string", "format": "date",
                           "description": "The stage 1 response date now (the extended date once extended)."},
            "stage1_responded_at": moment,
            "advocacy_referral_made_at": moment,
            "safeguarding_passed_at": moment,
            "safeguarding_received_by": {"type": "string", "maxLength": 200},
            "notes": {"type": "array", "items": {
                "type": "object", "additionalProperties": False,
                "required": ["kind", "text", "author", "at"],
                "properties": {
                    "kind": {"enum": list(NOTE_KINDS)},
                    "text": {"type": "string", "maxLength": 5000},
                    "author": {"type": "string", "maxLength": 200},
                    "at": moment,
                    "from_route": {"enum": list(ROUTES)},
                    "to_route": {"enum": list(ROUTES)},
                }}},
        },
    }


def case_schema() -> dict:
    date = {"type": "string", "format": "date"}
    text = {"type": "string", "maxLength": 5000}
    group = f"[{REFERENCE_ALPHABET}]{{4}}"
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Children's social care complaint intake case",
        "description": "One complaint as captured by the intake service (web form, Easy Read or "
                       "chat), with the provisional decision. Answers use the intake vocabulary "
                       "identifiers.",
        "type": "object",
        "required": ["schema_version", "id", "reference", "submitted_at", "channel", "language",
                     "fast_track", "answers", "contact", "decision"],
        "additionalProperties": False,
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "id": {"type": "string", "format": "uuid"},
            "reference": {"type": "string", "pattern": f"^{group}-{group}-{group}$"},
            "submitted_at": {"type": "string", "format": "date-time"},
            "channel": {"enum": list(CHANNELS)},
            "language": {"type": "string", "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"},
            "fast_track": {"type": "boolean",
                           "description": "Sent early by a young person who was not safe."},
            "answers": {
                "type": "object",
                "additionalProperties": False,
                "required": ["request"],
                "properties": {k: _answer_schema(v) for k, v in ANSWERS.items()},
            },
            "contact": {
                "type": "object",
                "additionalProperties": False,
                "required": ["not_via_carer"],
                "properties": {
                    "name": {"type": "string", "maxLength": 200},
                    "young_person_name": {"type": "string", "maxLength": 200},
                    "organisation": {"type": "string", "maxLength": 200},
                    "method": {"enum": [o.value for o in CONTACT_METHODS]},
                    "phone": {"type": "string", "maxLength": 40},
                    "email": {"type": "string", "maxLength": 254},
                    "address": {"type": "string", "maxLength": 500},
                    "safe_times": {"type": "string", "maxLength": 200},
                    "not_via_carer": {"type": "boolean",
                                      "description": "Never contact through the carer or placement."},
                },
            },
            "decision": {
                "type": "object",
                "additionalProperties": False,
                "required": ["route", "secondary_routes", "reasons", "offer_advocacy", "urgent",
                             "needs_review", "deadlines", "signals"],
                "properties": {
                    "route": {"enum": list(ROUTES)},
                    "secondary_routes": {"type": "array", "items": {"enum": list(ROUTES)},
                                         "uniqueItems": True},
                    "reasons": {"type": "array", "items": {
                        "type": "object", "additionalProperties": False,
                        "required": ["code", "rule", "message_id"],
                        "properties": {"code": {"type": "string"}, "rule": {"type": "string"},
                                       "message_id": {"type": "string"}}}},
                    "offer_advocacy": {"type": "boolean"},
                    "urgent": {"type": "boolean"},
                    "needs_review": {"type": "boolean"},
                    "deadlines": {"oneOf": [
                        _deadlines("A new complaint (English working days).",
                                   "stage1_due", "stage1_extended_due"),
                        _deadlines("A request for stage 2 (since 1.1): stage2_due is "
                                   "provisional until the statement of complaint is agreed.",
                                   "stage2_due", "stage2_extended_due"),
                        _deadlines("A request for stage 3 (since 1.1).", "stage3_panel_due"),
                    ]},
                    "signals": {"type": "array", "items": {"type": "string"}},
                },
            },
            "also_said": {
                "type": "array", "maxItems": 20, "items": text,
                "description": "What the person wrote outside the free-text answers that made "
                               "the safeguarding detector show help (a chat message typed at "
                               "a question with buttons, or before the questions began)."},
            "triage": _triage_schema(),
            "stage": {"enum": [1, 2, 3],
                      "description": "Since 1.1: the stage the case is at now (absent means 1)."},
            "escalation": {
                "type": "object",
                "description": "Since 1.1: the request for the next stage on this same case, in "
                               "case.escalation_requested events and after. Deadlines count "
                               "from the day of the request; late means more than 20 working "
                               "days after the previous stage's answer (a person decides; the "
                               "request is never refused by the service).",
                "additionalProperties": False,
                "required": ["to_stage", "requested_at", "by", "late", "deadlines"],
                "properties": {
                    "to_stage": {"enum": [2, 3]},
                    "requested_at": {"type": "string", "format": "date-time"},
                    "by": {"enum": ["complainant", "staff"]},
                    "late": {"type": "boolean"},
                    "deadlines": {"type": "object", "additionalProperties": date,
                                  "required": ["acknowledge_by"]},
                },
            },
            "complainant_action": {
                "type": "object",
                "description": "What the complainant did themselves from Check my complaint. "
                               "Present only in case.withdrawn, case.contact_corrected and "
                               "case.copy_requested events; in case.contact_corrected, contact "
                               "holds the corrected details.",
                "additionalProperties": False,
                "required": ["action", "at"],
                "properties": {
                    "action": {"enum": list(COMPLAINANT_ACTIONS)},
                    "at": {"type": "string", "format": "date-time"},
                },
            },
        },
        "$defs": {"free_text": text},
    }


def _deadlines(description: str, *names: str) -> dict:
    date = {"type": "string", "format": "date"}
    required = ["acknowledge_by", *names]
    return {"type": "object", "additionalProperties": False, "description": description,
            "required": required, "properties": {name: date for name in required}}


def render() -> str:
    return json.dumps(case_schema(), indent=2, ensure_ascii=False) + "\n"


def write(path: Path = SCHEMA_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render())
    return path
