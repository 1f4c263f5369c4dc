"""Staff wording for the vocabulary ids the report counts (the topics reuse the journey's own
option labels). Shared with the staff queue, so a route has one name wherever staff read it."""

from __future__ import annotations

from intake.journey.model import Wording
from intake.journey.questions import QUESTIONS

ROUTE_LABELS = {
    "statutory_stage1": "Statutory complaint, stage 1",
    "corporate": "Corporate complaints procedure",
    "safeguarding_referral": "Safeguarding referral",
    "school_procedure": "School's complaints procedure",
    "court": "Court or tribunal",
    "information_governance": "Information governance (records)",
    "independent_review_mechanism": "Independent Review Mechanism",
    "conference_appeal": "Child protection conference appeal",
    "provider_procedure": "Provider's own complaints procedure",
    "other_body": "Another organisation",
    "human_review": "Waiting for a person to decide the route",
}
REQUEST_LABELS = {
    "new_complaint": "Stage 1 (new complaint)",
    "stage2_escalation": "Stage 2 (investigation asked for)",
    "stage3_escalation": "Stage 3 (review panel asked for)",
}
FILER_LABELS = {
    "young_person": "The young person",
    "advocate": "An advocate",
    "parent": "A parent",
    "relative": "Another family member",
    "foster_carer": "A foster carer",
    "special_guardian": "A special guardian",
    "prospective_adopter": "An adopter or prospective adopter",
    "professional": "A professional (teacher, youth worker, health worker)",
    "representative": "A representative (MP, councillor, solicitor or friend)",
    "other": "Someone else",
}
STATUS_LABELS = {
    "child_in_need": "Children in need",
    "child_protection_plan": "Children with a child protection plan",
    "in_care": "Looked-after children (in care)",
    "care_leaver": "Care leavers",
    "special_guardianship": "Children living with a special guardian",
    "adopted": "Adopted children",
}
CHANNEL_LABELS = {"web": "Online form", "easy_read": "Easy Read form", "chat": "Chat"}
NOT_RECORDED = "Not recorded"


def _topic_labels() -> dict[str, str]:
    options = QUESTIONS["topics"].fields[0].options
    return {o.value: (o.label.other if isinstance(o.label, Wording) else o.label) for o in options}


TOPIC_LABELS = _topic_labels()


def language_label(code: str) -> str:
    """``en-GB`` becomes "English (en-GB)"; unknown codes are shown as they are."""
    try:
        from babel import Locale
        name = Locale.parse(code.replace("-", "_")).get_language_name("en")
    except Exception:  # noqa: BLE001 - any code we cannot name is still counted
        return code or NOT_RECORDED
    return f"{name} ({code})" if name else code
