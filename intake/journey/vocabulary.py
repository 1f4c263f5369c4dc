"""The intake vocabulary, version 1, as Python data.

The identifiers are the stable contract shared by every channel, the engine, the case
schema and the case system (see ../shared/contracts/intake-vocabulary.yml; a test keeps
this module and that file in step). Wording shown to people never lives here: it comes
from the message catalogue.
"""

from __future__ import annotations

FILERS = (
    "young_person", "advocate", "parent", "relative", "foster_carer", "special_guardian",
    "prospective_adopter", "professional", "representative", "other",
)
REPRESENTS = (
    "young_person", "parent", "relative", "foster_carer", "special_guardian",
    "prospective_adopter", "nobody",
)
YES_NO_UNSURE = ("yes", "no", "unsure")
YOUNG_PERSON_STATUSES = (
    "in_care", "child_in_need", "child_protection_plan", "care_leaver", "special_guardianship",
    "adopted", "early_help", "none", "unsure",
)
CONSENTS = ("yes", "no", "not_asked", "cannot_ask")
TOPICS_IN_SCOPE = (
    "social_worker", "placement", "family_time", "care_plan_or_review", "leaving_care_support",
    "money", "disability_services", "assessment", "care_proceedings_decision", "adoption_support",
    "special_guardianship_support", "information_or_communication",
)
TOPICS_ELSEWHERE = (
    "child_protection_enquiry", "child_protection_conference", "court_report", "court_decision",
    "foster_carer_approval", "adopter_approval", "school", "send_or_education",
    "personal_records", "provider_own_practice", "police_health_or_other_body",
)
TOPICS = TOPICS_IN_SCOPE + TOPICS_ELSEWHERE + ("other",)
PROCEEDINGS = ("court", "police", "tribunal", "disciplinary", "none", "unsure")
REQUESTS = ("new_complaint", "stage2_escalation", "stage3_escalation")
SAFE_NOW = ("yes", "no", "unsure")

#: The answers a person writes in their own words (kept as typed, scanned for safeguarding
#: signals, shown to staff as "in their own words"), in the order they are shown.
FREE_TEXT = ("description", "desired_outcome", "late_reason")

ROUTES = (
    "statutory_stage1", "corporate", "safeguarding_referral", "school_procedure", "court",
    "information_governance", "independent_review_mechanism", "conference_appeal",
    "provider_procedure", "other_body", "human_review",
)

# Each answer id with its type: ("choice", values) | ("multi", values) | ("integer",)
# | ("boolean",) | ("text",)
ANSWERS: dict[str, tuple] = {
    "filer": ("choice", FILERS),
    "represents": ("choice", REPRESENTS),
    "parental_responsibility": ("choice", YES_NO_UNSURE),
    "young_person_status": ("multi", YOUNG_PERSON_STATUSES),
    "young_person_age": ("integer",),
    "care_leaver_in_education_or_training": ("boolean",),
    "consent": ("choice", CONSENTS),
    "topics": ("multi", TOPICS),
    "event_within_12_months": ("boolean",),
    "late_reason": ("text",),
    "ongoing_proceedings": ("multi", PROCEEDINGS),
    "request": ("choice", REQUESTS),
    "safe_now": ("choice", SAFE_NOW),
    "description": ("text",),
    "desired_outcome": ("text",),
}


class VocabularyError(ValueError):
    """An answer set that uses an identifier or a type the vocabulary does not define."""


def check_answers(answers: object) -> dict:
    """Return the answers if every key and value is in the vocabulary, else raise.

    Missing answers are fine (they mean "not asked"); ``None`` counts as missing.
    """
    if not isinstance(answers, dict):
        raise VocabularyError("answers must be a JSON object")
    clean = {}
    for key, value in answers.items():
        if key not in ANSWERS:
            raise VocabularyError(f"unknown answer id: {key!r}")
        if value is None:
            continue
        kind = ANSWERS[key]
        if kind[0] == "choice":
            if not isinstance(value, str) or value not in kind[1]:
                raise VocabularyError(f"unknown value for {key}: {value!r}")
        elif kind[0] == "multi":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise VocabularyError(f"{key} must be a list of identifiers")
            unknown = [v for v in value if v not in kind[1]]
            if unknown:
                raise VocabularyError(f"unknown value for {key}: {unknown[0]!r}")
        elif kind[0] == "integer":
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 130:
                raise VocabularyError(f"{key} must be a whole number of years from 0 to 130")
        elif kind[0] == "boolean":
            if not isinstance(value, bool):
                raise VocabularyError(f"{key} must be true or false")
        elif kind[0] == "text":
            if not isinstance(value, str):
                raise VocabularyError(f"{key} must be text")
        clean[key] = value
    return clean
