"""This visitor's journey: loaded from and saved to an encrypted draft, and sent.

The browser holds only a random draft token (``session["draft"]``); the answers live
server-side, sealed by the vault. Every channel loads and saves through here, so a person
can switch channel at any step and lose nothing, and a case is the same whichever way it
came.
"""

from __future__ import annotations

from flask import current_app, session
from flask_babel import get_locale

from intake import calendar
from intake.cases import codes, store
from intake.cases.builder import build_case
from intake.cases.models import utcnow
from intake.eligibility import assess
from intake.extensions import db, vault
from intake.journey import vocabulary_answers
from intake.journey.flow import typed_elsewhere
from intake.service.journey import Journey

#: Session keys: the draft's token; the case this session sent and its sealed check code.
DRAFT, SUBMITTED, CHECK_CODE = "draft", "submitted", "check_code"


def language() -> str:
    """The reader's language as a BCP 47 tag (``pt-BR``, not ``pt_BR``)."""
    return str(get_locale()).replace("_", "-")


def load() -> Journey:
    return Journey.from_stored(store.load_draft(db.session, vault(), session.get(DRAFT)))


def save(journey: Journey, channel: str) -> None:
    """Keep the journey (counting the days a saved form is kept from now)."""
    journey.touch(channel, language())
    token = session.get(DRAFT) or store.new_draft_token()
    store.save_draft(db.session, vault(), token, journey.to_stored(),
                     current_app.config["INTAKE_DRAFT_DAYS"])
    session[DRAFT] = token


def delete() -> None:
    """Delete the journey in progress, for real (a form saved with words goes too)."""
    store.delete_draft(db.session, session.pop(DRAFT, None))


def submit(journey: Journey, channel: str):
    """Send a finished journey: assess it, build and store the case, forget the draft."""
    facts = journey.facts()
    decision = assess(vocabulary_answers(facts), received=calendar.today(),
                      also_said=typed_elsewhere(facts))
    case = build_case(facts, decision, channel=channel, language=language(),
                      submitted_at=utcnow())
    check_code = codes.new_code(codes.CHECK_WORDS)
    row = store.submit(db.session, vault(), case, check_hash=codes.check_hash(check_code),
                       draft_token=session.pop(DRAFT, None))
    session[SUBMITTED] = row.id
    # Shown on the confirmation page while this session lasts; sealed, so the cookie
    # never holds the words themselves. The database keeps only their hash.
    session[CHECK_CODE] = vault().seal(check_code)
    return row


def submitted():
    """The case this session sent, its document and its check words, or None."""
    case_id = session.get(SUBMITTED)
    row = store.find_case(db.session, case_id) if case_id else None
    if row is None:
        return None
    sealed_code = session.get(CHECK_CODE)
    words = vault().open(sealed_code).split() if isinstance(sealed_code, str) else []
    return row, store.case_document(vault(), row), words
