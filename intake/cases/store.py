"""Storing cases and drafts. A case and its outbox event are written in one transaction,
so a case is never stored without the event that will carry it to the case system."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from intake import calendar
from intake.cases.builder import event_for, with_complainant_action
from intake.cases.models import Case, Draft, EqualityResponse, OutboxEvent, as_utc, utcnow
from intake.crypto import Vault


def submit(session: Session, vault: Vault, case: dict, check_hash: str | None = None,
           draft_token: str | None = None) -> Case:
    """Store the case and its events together (one commit), deleting the draft it came from.

    Deleting the draft in the same commit means a send that is retried after a crash
    (the case stored, the answer lost with the process) cannot store the complaint twice.

    Every case gets ``case.submitted`` for the case system; an urgent one also gets
    ``case.urgent`` for the safeguarding duty team, which the relay sends first.
    ``check_hash`` is the hash of the case's check code ("Check my complaint"), if the
    channel gave one; it stays in the database and never goes into the case document.
    """
    decision = case["decision"]
    deadlines = decision["deadlines"]
    answers = case["answers"]
    day = lambda name: dt.date.fromisoformat(deadlines[name]) if name in deadlines else None  # noqa: E731
    stage = ESCALATION_STAGES.get(answers["request"], 1)
    row = Case(
        id=case["id"], reference=case["reference"],
        submitted_at=dt.datetime.fromisoformat(case["submitted_at"].replace("Z", "+00:00")),
        channel=case["channel"], language=case["language"], request=answers["request"],
        filer=answers.get("filer"), main_topic=(answers.get("topics") or [None])[0],
        route=decision["route"], urgent=decision["urgent"], needs_review=decision["needs_review"],
        offer_advocacy=decision["offer_advocacy"],
        acknowledge_by=day("acknowledge_by"),
        stage1_due=day("stage1_due"), stage1_extended_due=day("stage1_extended_due"),
        stage=stage,
        escalation_requested_at=(dt.datetime.fromisoformat(case["submitted_at"].replace("Z", "+00:00"))
                                 if stage > 1 else None),
        **_escalation_clocks(deadlines),
        sealed=vault.seal(case),
        topics=",".join(answers.get("topics") or []),
        statuses=",".join(answers.get("young_person_status") or []),
        represents=answers.get("represents"),
        check_hash=check_hash,
    )
    session.add(row)
    add_event(session, vault, case, "case.submitted")
    if decision["urgent"]:
        add_event(session, vault, case, "case.urgent", destination="duty_team")
    if draft_token:
        _delete_draft(session, draft_token)
    session.commit()
    return row


def add_event(session: Session, vault: Vault, case: dict, event_type: str,
              destination: str = "case_system") -> OutboxEvent:
    """Queue an event about a case in the caller's transaction (the caller commits)."""
    return queue_event(session, vault, case["id"], event_for(case, event_type), destination)


def queue_event(session: Session, vault: Vault, case_id: str, event: dict,
                destination: str) -> OutboxEvent:
    """Queue a ready-made event envelope (sealed) in the caller's transaction."""
    row = OutboxEvent(id=event["id"], case_id=case_id, type=event["type"], destination=destination,
                      created_at=dt.datetime.fromisoformat(event["created_at"].replace("Z", "+00:00")),
                      sealed=vault.seal(event))
    session.add(row)
    return row


def advocacy_requested(session: Session, row: Case) -> bool:
    return session.execute(select(OutboxEvent.id).where(
        OutboxEvent.case_id == row.id, OutboxEvent.type == "advocacy.referral_requested")).first() is not None


def case_document(vault: Vault, row: Case) -> dict:
    return vault.open(row.sealed)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_draft_token() -> str:
    return secrets.token_urlsafe(32)


def load_draft(session: Session, vault: Vault, token: str | None) -> dict | None:
    if not token:
        return None
    row = session.get(Draft, _hash(token))
    if row is None or as_utc(row.expires_at) < utcnow():
        return None
    return vault.open(row.sealed)


def save_draft(session: Session, vault: Vault, token: str, answers: dict, days: int) -> None:
    """Keep answers in progress; unsent drafts are deleted ``days`` after their last change."""
    now = utcnow()
    row = session.get(Draft, _hash(token))
    if row is None:
        row = Draft(token_hash=_hash(token))
        session.add(row)
    row.updated_at = now
    row.expires_at = now + dt.timedelta(days=days)
    row.sealed = vault.seal(answers)
    session.commit()


def delete_draft(session: Session, token: str | None) -> None:
    if token:
        _delete_draft(session, token)
        session.commit()


def _delete_draft(session: Session, token: str) -> None:
    session.execute(delete(Draft).where(Draft.token_hash == _hash(token)),
                    execution_options={"synchronize_session": False})


# --- saved drafts: resume codes ---------------------------------------------------------
# A draft saved with "Save and come back later" also carries ``resume_hash`` (see
# ``intake.cases.codes``). Any channel can resume it: these functions take hashes and tokens,
# never a request, so Easy Read and the chat can call them as the web form does.

def live_draft(session: Session, token: str | None) -> Draft | None:
    """The draft this token holds, unless it has expired."""
    if not token:
        return None
    row = session.get(Draft, _hash(token))
    if row is None or as_utc(row.expires_at) < utcnow():
        return None
    return row


def set_resume_code(session: Session, token: str, resume_hash: str) -> bool:
    """Give the draft held by ``token`` a resume code, replacing any earlier one.

    False if there is no such draft, or (astronomically rarely) another draft already has
    this code: the caller then draws new words.
    """
    row = live_draft(session, token)
    if row is None:
        return False
    taken = session.execute(select(Draft.token_hash).where(
        Draft.resume_hash == resume_hash, Draft.token_hash != row.token_hash)).first()
    if taken:
        return False
    row.resume_hash = resume_hash
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return False
    return True


def resume_draft(session: Session, vault: Vault, resume_hashes: list[str],
                 new_token: str) -> tuple[str, dict | None]:
    """Hand the draft saved with a resume code to a new holder.

    ``resume_hashes`` are the code's hashes under each data key, newest first. Returns
    ``("resumed", answers)``, ``("expired", None)`` or ``("not_found", None)``. On success
    the draft answers to ``new_token`` only: whoever held it before (another device, or
    another channel) no longer does. The code keeps working until the draft expires, is
    sent or is deleted, and is re-hashed with the newest key.
    """
    outcome, row = find_saved_draft(session, resume_hashes)
    if row is None:
        return outcome, None
    answers = vault.open(row.sealed)
    old = row.token_hash
    session.expunge(row)
    try:
        moved = session.execute(
            update(Draft).where(Draft.token_hash == old)
            .values(token_hash=_hash(new_token), resume_hash=resume_hashes[0]),
            execution_options={"synchronize_session": False})
        if moved.rowcount != 1:  # someone else resumed it at the same moment
            session.rollback()
            return "not_found", None
        session.commit()
    except IntegrityError:
        session.rollback()
        return "not_found", None
    return "resumed", answers


def find_saved_draft(session: Session, resume_hashes: list[str]) -> tuple[str, Draft | None]:
    """The draft saved with a resume code: ``("found", row)``, ``("expired", None)`` or
    ``("not_found", None)``. ``resume_hashes`` are the code's hashes under each data key."""
    if not resume_hashes:
        return "not_found", None
    row = session.execute(select(Draft).where(Draft.resume_hash.in_(resume_hashes))).scalars().first()
    if row is None:
        return "not_found", None
    if as_utc(row.expires_at) < utcnow():
        return "expired", None
    return "found", row


def delete_saved_draft(session: Session, resume_hashes: list[str]) -> bool:
    """Delete the draft saved with a resume code, from any device; False if there was none."""
    if not resume_hashes:
        return False
    result = session.execute(delete(Draft).where(Draft.resume_hash.in_(resume_hashes)),
                             execution_options={"synchronize_session": False})
    session.commit()
    return bool(result.rowcount)


def discard_unsaved_draft(session: Session, token: str | None) -> None:
    """Delete the draft this token holds unless it was saved with a resume code.

    For a token that is being forgotten (a time-out, or a saved form opened over it): with
    no code, nobody could ever reach those answers again, so they go now rather than in
    ``INTAKE_DRAFT_DAYS``.
    """
    if token:
        session.execute(delete(Draft).where(Draft.token_hash == _hash(token),
                                            Draft.resume_hash.is_(None)),
                        execution_options={"synchronize_session": False})
        session.commit()


def find_case_by_reference(session: Session, reference: str) -> Case | None:
    return session.execute(select(Case).where(Case.reference == reference)).scalar_one_or_none()


def purge_expired_drafts(session: Session) -> int:
    result = session.execute(delete(Draft).where(Draft.expires_at < utcnow()),
                             execution_options={"synchronize_session": False})
    session.commit()
    return result.rowcount or 0


def purge_old_cases(session: Session, retention_days: int) -> int:
    """Delete cases submitted more than ``retention_days`` ago whose events were all delivered.

    A case with anything still undelivered (or parked) is kept, whatever its age: nothing
    leaves before the case system has it.
    """
    cutoff = utcnow() - dt.timedelta(days=retention_days)
    pending = select(OutboxEvent.case_id).where(OutboxEvent.delivered_at.is_(None))
    result = session.execute(
        delete(Case).where(Case.submitted_at < cutoff, Case.id.not_in(pending)),
        execution_options={"synchronize_session": False})
    session.commit()
    return result.rowcount or 0


def purge_old_equality(session: Session, retention_days: int) -> int:
    """Delete optional equality answers older than the retention period (they only feed
    the annual counts)."""
    cutoff = (utcnow() - dt.timedelta(days=retention_days)).date()
    result = session.execute(delete(EqualityResponse).where(EqualityResponse.received_on < cutoff),
                             execution_options={"synchronize_session": False})
    session.commit()
    return result.rowcount or 0


def rotate_keys(session: Session, vault: Vault, batch: int = 500) -> int:
    """Re-encrypt every sealed value with the newest data key; returns how many."""
    count = 0
    for model in (Case, OutboxEvent, Draft, EqualityResponse):
        for row in session.execute(select(model).execution_options(yield_per=batch)).scalars():
            row.sealed = vault.rotate(row.sealed)
            count += 1
        session.commit()
    return count


def record_equality(session: Session, vault: Vault, channel: str, answers: dict) -> None:
    """Keep optional equality answers apart from any case (nothing links them)."""
    session.add(EqualityResponse(received_on=utcnow().date(), channel=channel,
                                 sealed=vault.seal(answers)))
    session.commit()


def find_case(session: Session, case_id: str) -> Case | None:
    return session.execute(select(Case).where(Case.id == case_id)).scalar_one_or_none()


# --- rights the complainant uses themselves ("Check my complaint") -----------------------
# Each change and its ``case.<action>`` event are written in one transaction, with whatever
# the caller added to the session (the audit entry for the complaints team).

def withdraw(session: Session, vault: Vault, row: Case) -> bool:
    """Withdraw a complaint at the complainant's request; False if it already was.

    The duty team hears too when the case was urgent: a withdrawal can be a sign that
    someone is pressing the child to drop it.
    """
    if row.withdrawn_at is not None:
        session.rollback()
        return False
    now = utcnow()
    row.withdrawn_at = now
    row.status = "withdrawn"
    document = with_complainant_action(case_document(vault, row), "withdrawn", now)
    add_event(session, vault, document, "case.withdrawn")
    if row.urgent:
        add_event(session, vault, document, "case.withdrawn", destination="duty_team")
    session.commit()
    return True


def _escalation_clocks(deadlines: dict[str, str]) -> dict[str, dt.date | None]:
    """The escalation columns from a decision's or a request's deadlines (none for stage 1)."""
    due = deadlines.get("stage2_due") or deadlines.get("stage3_panel_due")
    extended = deadlines.get("stage2_extended_due")
    return {"escalation_due": dt.date.fromisoformat(due) if due else None,
            "escalation_extended_due": dt.date.fromisoformat(extended) if extended else None}


#: The stage a request in the journey's ``request`` answer asks for.
ESCALATION_STAGES = {"stage2_escalation": 2, "stage3_escalation": 3}


def escalate(session: Session, vault: Vault, row: Case, to_stage: int,
             requested_at: dt.datetime, by: str) -> bool:
    """Record a request for stage 2 or 3 on the same case; False if it was already made.

    The case keeps its history (stage 1's dates and answer stay) and moves to the next
    stage with that stage's clocks from the day of the request. A request made more than
    20 working days after the previous stage's answer is flagged late for a person to
    consider; nothing here refuses it. The case system gets ``case.escalation_requested``
    with the case as it is now (its ``escalation`` says what was asked, when and by whom).
    """
    if to_stage not in (2, 3):
        raise ValueError(f"no escalation to stage {to_stage}")
    if row.stage >= to_stage:
        session.rollback()
        return False
    requested_on = calendar.local_date(requested_at)
    deadlines = calendar.escalation_deadlines(to_stage, requested_on)
    answered = calendar.local_date(row.stage1_responded_at) if (
        to_stage == 2 and row.stage1_responded_at is not None) else None
    row.stage = to_stage
    row.escalation_requested_at = requested_at
    for column, value in _escalation_clocks(deadlines).items():
        setattr(row, column, value)
    row.escalation_late = calendar.escalation_is_late(answered, requested_on)
    row.status = "escalated"
    document = dict(case_document(vault, row), stage=to_stage, escalation={
        "to_stage": to_stage, "requested_at": calendar.utc_iso(requested_at), "by": by,
        "late": row.escalation_late, "deadlines": deadlines,
    })
    row.sealed = vault.seal(document)
    add_event(session, vault, document, "case.escalation_requested")
    session.commit()
    return True


def correct_contact(session: Session, vault: Vault, row: Case, contact: dict) -> None:
    """Replace the case's contact details with the complainant's corrected ones."""
    document = dict(case_document(vault, row), contact=contact)
    row.sealed = vault.seal(document)
    add_event(session, vault, with_complainant_action(document, "contact_corrected", utcnow()),
              "case.contact_corrected")
    session.commit()


def record_copy_request(session: Session, vault: Vault, row: Case) -> None:
    """Tell the case system the complainant was shown a copy of what they told us."""
    add_event(session, vault, with_complainant_action(case_document(vault, row), "copy_requested",
                                                      utcnow()), "case.copy_requested")
    session.commit()
