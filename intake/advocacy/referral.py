"""The referral document: everything the advocacy provider needs to contact a young person
safely and help with their complaint, and nothing more.

Built from the stored case and the young person's answers to ``ADVOCACY_REFERRAL`` (how the
advocate may contact them, language, interpreter, communication needs, agreement to share).
Pure, so every channel (web form, Easy Read, chat) builds the same document; the JSON
Schema is in ``intake/schemas/advocacy-referral-v1.schema.json``.
"""

from __future__ import annotations

import datetime as dt
import uuid

from babel import Locale, UnknownLocaleError

from intake.calendar import utc_iso, working_days_after
from intake.inputs import without_bidi_controls
from intake.eligibility.engine import SAFETY_REASONS
from intake.journey.model import pick
from intake.journey.questions import ADVOCACY_REFERRAL, CONTACT_METHODS, QUESTIONS

SCHEMA_VERSION = "1.0"
SCHEMA_ID = "urn:children-complaints-intake:schema:advocacy-referral:1"
EVENT_TYPE = "advocacy.referral"
#: The outbox destination of referrals; its transport follows the council's route.
DESTINATION = "advocacy"

#: The one contact detail each way of contacting needs; the others are not shared.
DETAIL_FOR_METHOD = {"phone": "phone", "text": "phone", "email": "email", "letter": "address"}
METHODS = tuple(o.value for o in ADVOCACY_REFERRAL.fields[1].options)


def language_name(tag: str) -> str:
    """The name of a language in itself ("English", "Polski"), for the page's starting answer."""
    try:
        locale = Locale.parse((tag or "en").replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return ""
    name = Locale(locale.language).get_display_name(locale.language) or ""
    return name[:1].upper() + name[1:]


def defaults(case: dict) -> dict:
    """The referral page's starting answers: the contact preferences given with the
    complaint (a carer who must not be used stays ruled out) and the case's language."""
    contact = case.get("contact") or {}
    answers = {f"contact_{key}": contact[key]
               for key in ("name", "phone", "email", "address", "safe_times") if contact.get(key)}
    if contact.get("method") in METHODS:
        answers["contact_method"] = contact["method"]
    answers["contact_not_via_carer"] = bool(contact.get("not_via_carer"))
    answers["advocacy_language"] = language_name(case.get("language", "en"))
    return answers


def contact_by(requested_on: dt.date, working_days: int) -> dt.date:
    """The date the provider promises to have made contact by (English working days)."""
    return working_days_after(requested_on, working_days)


def build_referral(case: dict, answers: dict, *, council: str, provider: str,
                   response_working_days: int, requested_at: dt.datetime,
                   requested_on: dt.date, referral_id: str | None = None) -> dict:
    """The referral document for ``case`` from the young person's checked ``answers``.

    ``requested_on`` is the English calendar date of the request (working days count from
    it). Only the contact detail for the chosen way of contacting is included.
    """
    if answers.get("share_consent") is not True:
        raise ValueError("a referral is only built when the young person agreed to share")
    method = answers["contact_method"]
    if method not in METHODS:
        raise ValueError(f"unknown contact method {method!r}")
    decision = case["decision"]
    due = contact_by(requested_on, response_working_days)
    return {
        "schema_version": SCHEMA_VERSION,
        "id": referral_id or str(uuid.uuid4()),
        "case_id": case["id"],
        "reference": case["reference"],
        "council": council,
        "provider": provider,
        "requested_at": utc_iso(requested_at),
        "contact_by": due.isoformat(),
        "response_working_days": response_working_days,
        "consent_to_share": True,
        "young_person": _young_person(case["answers"], answers),
        "contact": _contact(method, answers),
        "complaint": _complaint(case),
        "safety": {
            "urgent": bool(decision["urgent"]),
            "reasons": [r["code"] for r in decision["reasons"] if r["code"] in SAFETY_REASONS],
            "signals": list(decision.get("signals") or []),
        },
    }


def _young_person(vocabulary: dict, answers: dict) -> dict:
    young_person = {"name": answers["contact_name"].strip(),
                    "language": answers["advocacy_language"].strip(),
                    "interpreter": bool(answers.get("interpreter"))}
    if isinstance(vocabulary.get("young_person_age"), int):
        young_person["age"] = vocabulary["young_person_age"]
    if vocabulary.get("young_person_status"):
        young_person["status"] = list(vocabulary["young_person_status"])
    if (answers.get("communication_needs") or "").strip():
        young_person["communication_needs"] = answers["communication_needs"]
    return young_person


def _contact(method: str, answers: dict) -> dict:
    """Only the detail for the chosen way of contacting them."""
    detail = DETAIL_FOR_METHOD[method]
    contact = {"method": method, detail: answers[f"contact_{detail}"],
               "not_via_carer": bool(answers.get("contact_not_via_carer"))}
    if (answers.get("contact_safe_times") or "").strip():
        contact["safe_times"] = answers["contact_safe_times"].strip()
    return contact


def _complaint(case: dict) -> dict:
    vocabulary, decision = case["answers"], case["decision"]
    complaint = {"submitted_at": case["submitted_at"], "topics": list(vocabulary.get("topics") or []),
                 "route": decision["route"]}
    for key in ("description", "desired_outcome"):
        if (vocabulary.get(key) or "").strip():
            complaint[key] = vocabulary[key]
    if decision["route"] == "statutory_stage1":
        complaint["stage1_due"] = decision["deadlines"]["stage1_due"]
    return complaint


def referral_event(referral: dict, *, event_id: str | None = None,
                   created_at: dt.datetime | None = None) -> dict:
    """The envelope the relay delivers, like a case event: the same id on every attempt."""
    return {
        "id": event_id or str(uuid.uuid4()),
        "type": EVENT_TYPE,
        "created_at": utc_iso(created_at or dt.datetime.now(dt.timezone.utc)),
        "schema_version": SCHEMA_VERSION,
        "data": referral,
    }


# --- the readable form (the body of a referral email) --------------------------------------

_STAFF_VIEW: dict = {}  # the journey's wording about "the young person"
_TOPICS = {o.value: pick(o.label, _STAFF_VIEW) for o in QUESTIONS["topics"].fields[0].options}
_METHODS = {o.value: pick(o.label, _STAFF_VIEW) for o in CONTACT_METHODS}
_SAFETY = {
    "not_safe_now": "They told us they are not safe right now.",
    "unsure_if_safe": "They told us they are not sure they are safe right now.",
    "safeguarding_words": "What they wrote suggests they may not be safe.",
}


def as_text(referral: dict) -> str:
    """The referral as plain English for a person at the provider to read (the JSON goes
    with it). Written for the provider's staff, so not translated."""
    yp, contact, complaint = referral["young_person"], referral["contact"], referral["complaint"]
    due = dt.date.fromisoformat(referral["contact_by"])
    lines = [
        f"Advocacy referral from {referral['council']} (complaint reference {referral['reference']})",
        "",
        f"A young person has asked {referral['provider']} to contact them about their complaint.",
        f"They have been told you will contact them by {due:%A} {due.day} {due:%B %Y} "
        f"({referral['response_working_days']} working days).",
        "They agreed that these details can be shared with you.",
        "",
    ]
    safety = referral["safety"]
    if safety["urgent"] or safety["reasons"]:
        lines.append("SAFETY CONCERN")
        if safety["urgent"]:
            lines.append("The complaint was marked urgent and passed to the council's "
                         "safeguarding duty team.")
        lines += [_SAFETY.get(code, code) for code in safety["reasons"]]
        if safety["signals"]:
            lines.append("Signals found: " + ", ".join(safety["signals"]))
        lines.append("")
    lines += ["THE YOUNG PERSON", f"Name to use: {yp['name']}"]
    if "age" in yp:
        lines.append(f"Age: {yp['age']}")
    lines.append(f"Language: {yp['language']}")
    lines.append(f"Needs an interpreter: {'Yes' if yp['interpreter'] else 'No'}")
    if yp.get("communication_needs"):
        lines += ["Communication needs:", yp["communication_needs"]]
    lines += ["", "HOW TO CONTACT THEM SAFELY", f"By: {_METHODS[contact['method']]}"]
    for key, label in (("phone", "Phone"), ("email", "Email"), ("address", "Address"),
                       ("safe_times", "Safe times")):
        if contact.get(key):
            lines.append(f"{label}: {contact[key]}")
    lines.append("Do NOT contact them through their carer or the place they live."
                 if contact["not_via_carer"] else "Contact through their carer is allowed.")
    lines += ["", "THEIR COMPLAINT"]
    if complaint["topics"]:
        lines.append("About: " + "; ".join(_TOPICS.get(t, t) for t in complaint["topics"]))
    if complaint.get("stage1_due"):
        due1 = dt.date.fromisoformat(complaint["stage1_due"])
        lines.append(f"The council should answer by {due1:%A} {due1.day} {due1:%B %Y}.")
    for key, label in (("description", "In their words, what happened:"),
                       ("desired_outcome", "What they would like to happen:")):
        if complaint.get(key):
            lines += ["", label, complaint[key]]
    lines += ["", f"The same referral is attached as JSON (referral id {referral['id']}).", ""]
    # Typed direction controls could make the email read differently from what was typed.
    return without_bidi_controls("\n".join(lines))


def email_parts(event: dict) -> tuple[str, str, str]:
    """Subject, text and attachment name of the referral email. The subject names the
    reference only: subject lines show in inbox lists and notifications."""
    referral = event["data"]
    return (f"Advocacy referral: complaint {referral['reference']}", as_text(referral),
            f"advocacy-referral-{referral['reference']}.json")
