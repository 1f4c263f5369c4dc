"""The referral schema (JSON Schema 2020-12), generated beside the case schema from the same
vocabulary. ``intake schema`` writes it; ``intake schema --check`` and a test check it."""

from __future__ import annotations

import json
from intake.advocacy.referral import DETAIL_FOR_METHOD, METHODS, SCHEMA_ID, SCHEMA_VERSION
from intake.cases.builder import REFERENCE_ALPHABET
from intake.cases.schema import SCHEMA_PATH as CASE_SCHEMA_PATH, case_schema
from intake.eligibility.engine import SAFETY_REASONS
from intake.journey.vocabulary import ANSWERS, ROUTES

SCHEMA_PATH = CASE_SCHEMA_PATH.parent / "advocacy-referral-v1.schema.json"


def referral_schema() -> dict:
    date = {"type": "string", "format": "date"}
    moment = {"type": "string", "format": "date-time"}
    group = f"[{REFERENCE_ALPHABET}]{{4}}"
    # The same contact details as in the case, without the complaint-only ones.
    contact = {key: value for key, value in case_schema()["properties"]["contact"]["properties"].items()
               if key in ("phone", "email", "address", "safe_times", "not_via_carer")}
    # The one contact detail each method needs must be there.
    needs = [{"if": {"properties": {"method": {"const": method}}},
              "then": {"required": [detail]}} for method, detail in DETAIL_FOR_METHOD.items()]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Warm advocacy referral",
        "description": "Sent to the council's commissioned advocacy provider when a young person "
                       "asks for an advocate and agrees to share these details. Delivered as the "
                       "data of an advocacy.referral event (by webhook, email attachment or the "
                       "case system's transport). Answers use the intake vocabulary identifiers.",
        "type": "object",
        "additionalProperties": False,
        "required": ["schema_version", "id", "case_id", "reference", "council", "provider",
                     "requested_at", "contact_by", "response_working_days", "consent_to_share",
                     "young_person", "contact", "complaint", "safety"],
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "id": {"type": "string", "format": "uuid",
                   "description": "The referral's id; the same on every delivery attempt."},
            "case_id": {"type": "string", "format": "uuid"},
            "reference": {"type": "string", "pattern": f"^{group}-{group}-{group}$",
                          "description": "The complaint's reference, as the young person knows it."},
            "council": {"type": "string", "maxLength": 200},
            "provider": {"type": "string", "maxLength": 200},
            "requested_at": moment,
            "contact_by": date | {"description": "The young person was told the provider will "
                                                 "contact them by this date."},
            "response_working_days": {"type": "integer", "minimum": 1, "maximum": 20},
            "consent_to_share": {"const": True},
            "young_person": {
                "type": "object", "additionalProperties": False,
                "required": ["name", "language", "interpreter"],
                "properties": {
                    "name": {"type": "string", "minLength": 1, "maxLength": 200,
                             "description": "The name they asked to be called."},
                    "age": {"type": "integer", "minimum": 0, "maximum": 130},
                    "status": {"type": "array", "uniqueItems": True, "items": {
                        "enum": list(ANSWERS["young_person_status"][1])}},
                    "language": {"type": "string", "minLength": 1, "maxLength": 100},
                    "interpreter": {"type": "boolean"},
                    "communication_needs": {"type": "string", "maxLength": 1000},
                },
            },
            "contact": {
                "type": "object", "additionalProperties": False,
                "required": ["method", "not_via_carer"],
                "properties": {"method": {"enum": list(METHODS)}} | contact,
                "allOf": needs,
            },
            "complaint": {
                "type": "object", "additionalProperties": False,
                "required": ["submitted_at", "topics", "route"],
                "properties": {
                    "submitted_at": moment,
                    "topics": {"type": "array", "uniqueItems": True,
                               "items": {"enum": list(ANSWERS["topics"][1])}},
                    "route": {"enum": list(ROUTES)},
                    "description": {"type": "string", "maxLength": 5000,
                                    "description": "What happened, in their words."},
                    "desired_outcome": {"type": "string", "maxLength": 2000},
                    "stage1_due": date | {"description": "When the council should answer "
                                                         "(statutory stage 1 only)."},
                },
            },
            "safety": {
                "type": "object", "additionalProperties": False,
                "required": ["urgent", "reasons", "signals"],
                "properties": {
                    "urgent": {"type": "boolean",
                               "description": "The case went to the safeguarding duty team."},
                    "reasons": {"type": "array", "uniqueItems": True,
                                "items": {"enum": list(SAFETY_REASONS)}},
                    "signals": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
    }


def render() -> str:
    return json.dumps(referral_schema(), indent=2, ensure_ascii=False) + "\n"
