"""Building the case document: the one structure every channel produces and the case
system receives. Pure: no Flask, no database."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid

from intake.calendar import utc_iso
from intake.journey import vocabulary_answers
from intake.journey.flow import ESCALATION, FAST_TRACK, also_said

SCHEMA_VERSION = "1.1"  # 1.1: escalations (stage, escalation, their deadlines)
SCHEMA_ID = "urn:children-complaints-intake:schema:case:1"
CHANNELS = ("web", "easy_read", "chat")

#: Letters and digits that cannot be mistaken for each other when read aloud or typed
#: (no 0/O, 1/I/L, U/V).
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
REFERENCE_LENGTH = 12  # 29**12 is about 2**58: not guessable

CONTACT_FIELDS = (
    "contact_name", "young_person_name", "organisation", "contact_method", "contact_phone",
    "contact_email", "contact_address", "contact_safe_times", "contact_not_via_carer",
)


def new_reference() -> str:
    """A reference like ``K7QM-4XRT-9HPW``: easy to read out, impossible to guess."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return "-".join(chars[i:i + 4] for i in range(0, REFERENCE_LENGTH, 4))


def build_case(journey_answers: dict, decision, *, channel: str, language: str,
               submitted_at: dt.datetime, case_id: str | None = None,
               reference: str | None = None) -> dict:
    """The case document (see ``intake/schemas/case-v1.schema.json``)."""
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    answers = vocabulary_answers(journey_answers)
    answers.setdefault("request", "new_complaint")
    contact = contact_details(journey_answers)
    case = {
        "schema_version": SCHEMA_VERSION,
        "id": case_id or str(uuid.uuid4()),
        "reference": reference or new_reference(),
        "submitted_at": utc_iso(submitted_at),
        "channel": channel,
        "language": language,
        "fast_track": bool(journey_answers.get(FAST_TRACK)),
        "answers": answers,
        "contact": contact,
        "decision": decision.to_dict(),
    }
    said = also_said(journey_answers)
    if said:
        case["also_said"] = said
    return case


def contact_details(journey_answers: dict) -> dict:
    """The case's ``contact`` block from the journey's contact answers."""
    contact = {}
    for key in CONTACT_FIELDS:
        value = journey_answers.get(key)
        if value not in (None, ""):
            contact[key.removeprefix("contact_")] = value
    contact["not_via_carer"] = bool(journey_answers.get("contact_not_via_carer"))
    return contact


def journey_answers(case: dict) -> dict:
    """The journey's answers again, from a case document: the inverse of ``build_case``.

    So a complainant's own answers can be shown back to them, and their contact details
    corrected, with the journey's own questions and wording.
    """
    answers = dict(case["answers"])
    topics = answers.get("topics") or []
    if len(topics) > 1:
        answers["main_topic"] = topics[0]
    if answers.get("request", "new_complaint") != "new_complaint":
        answers[ESCALATION] = True
    if case.get("fast_track"):
        answers[FAST_TRACK] = True
    contact = case.get("contact") or {}
    for key in CONTACT_FIELDS:
        value = contact.get(key.removeprefix("contact_"))
        if value not in (None, "", False):
            answers[key] = value
    return answers


#: What a complainant can do themselves from "Check my complaint", each an event type
#: ``case.<action>`` carrying the case document with ``complainant_action``.
COMPLAINANT_ACTIONS = ("withdrawn", "contact_corrected", "copy_requested")


def with_complainant_action(case: dict, action: str, at: dt.datetime) -> dict:
    """A copy of the case document saying what the complainant has just done."""
    if action not in COMPLAINANT_ACTIONS:
        raise ValueError(f"unknown complainant action {action!r}")
    return dict(case, complainant_action={"action": action, "at": utc_iso(at)})


def event_for(case: dict, event_type: str, *, event_id: str | None = None,
              created_at: dt.datetime | None = None) -> dict:
    """The envelope the relay delivers: the same id on every attempt."""
    created = created_at or dt.datetime.now(dt.timezone.utc)
    return {
        "id": event_id or str(uuid.uuid4()),
        "type": event_type,
        "created_at": utc_iso(created),
        "schema_version": SCHEMA_VERSION,
        "data": case,
    }


def with_triage(case: dict, triage: dict) -> dict:
    """A copy of the case document carrying the complaints team's triage (``case.triaged``).

    Date-times in ``triage`` (and in its notes) become UTC ISO strings like ``submitted_at``;
    dates become ISO dates; ``None`` values are left out, so a step not taken is absent.
    """
    def plain(value):
        if isinstance(value, dt.datetime):
            return utc_iso(value)
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items() if v is not None}
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        return value

    return dict(case, triage=plain(triage))
