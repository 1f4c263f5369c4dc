"""Making real referrals for tests: a case through the engine and the store, then the
young person's answers to the referral page through ``request_referral``."""

from __future__ import annotations

from dataclasses import replace

from intake.advocacy.store import request_referral
from intake.cases.models import Case, OutboxEvent
from intake.extensions import db
from tests.queue.conftest import submit_cases

ANSWERS = {
    "contact_name": "Robin", "contact_method": "text", "contact_phone": "07700 900982",
    "contact_safe_times": "after 4pm", "contact_not_via_carer": True,
    "advocacy_language": "English", "interpreter": False,
    "communication_needs": "Short sentences please", "share_consent": True,
}


def council_with(app, **advocacy):
    """The app's council with other advocacy settings (route, response days...)."""
    council = app.config["INTAKE_COUNCIL"]
    return replace(council, advocacy=replace(council.advocacy, **advocacy))


def referred_case(app, route: str = "case_system", answers: dict | None = None, **case_answers) -> tuple[str, str]:
    """Submit a case and ask for its referral; returns (case id, referral event id)."""
    event_id = submit_cases(app, 1, **case_answers)[0]
    with app.app_context():
        case_id = db.session.get(OutboxEvent, event_id).case_id
        row = db.session.get(Case, case_id)
        made = request_referral(db.session, app.extensions["intake_vault"], row,
                                ANSWERS | (answers or {}), council_with(app, referral=route),
                                channel="web")
        return case_id, made.event_id
