"""Storing a warm referral: the request, its outbox event and the notice to the case system,
in one transaction, so a referral is never promised to a young person without being queued.

No Flask: every channel calls ``request_referral`` with the answers it collected.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from intake.advocacy.referral import DESTINATION, build_referral, referral_event
from intake.cases import store
from intake.calendar import local_date
from intake.cases.models import AdvocacyReferral, Case, OutboxEvent, utcnow
from intake.council import Council
from intake.crypto import Vault

#: The case system is told a young person asked for an advocate (also counted in reports).
REQUESTED = "advocacy.referral_requested"


def can_refer(row: Case) -> bool:
    """Advocacy was offered and the young person filed the complaint themselves, so the
    contact details on it are theirs. (An advocate who filed it is already their advocate;
    a parent, professional or anyone else is told how the young person can take it up.)"""
    return bool(row.offer_advocacy) and row.filer == "young_person"


def find_referral(session: Session, case_id: str) -> AdvocacyReferral | None:
    return session.get(AdvocacyReferral, case_id)


def request_referral(session: Session, vault: Vault, row: Case, answers: dict, council: Council,
                     *, channel: str, now: dt.datetime | None = None) -> AdvocacyReferral | None:
    """Queue the referral for ``row`` built from the young person's checked ``answers``.

    Writes the referral row, the ``advocacy.referral`` event for the provider and the
    ``advocacy.referral_requested`` notice for the case system, then commits. Returns None
    (changing nothing) when the case cannot be referred or a referral already exists.
    """
    if not can_refer(row) or find_referral(session, row.id) is not None:
        return None
    now = now or utcnow()
    provider = council.advocacy
    case = store.case_document(vault, row)
    referral = build_referral(case, answers, council=council.name, provider=provider.name,
                              response_working_days=provider.response_working_days,
                              requested_at=now, requested_on=local_date(now))
    store.add_event(session, vault, case, REQUESTED)
    event = store.queue_event(session, vault, row.id, referral_event(referral, created_at=now),
                              DESTINATION)
    session.flush()  # the events first: the referral row refers to one
    referral_row = AdvocacyReferral(case_id=row.id, event_id=event.id, requested_at=now,
                                    channel=channel, route=provider.referral,
                                    contact_by=dt.date.fromisoformat(referral["contact_by"]),
                                    contact_method=referral["contact"]["method"])
    session.add(referral_row)
    try:
        session.commit()
    except IntegrityError:  # asked twice at the same moment: the first one stands
        session.rollback()
        return None
    return referral_row


@dataclass(frozen=True)
class Delivery:
    """Where a referral has got to, read from its outbox row.

    ``state`` is ``requested`` (queued, not tried yet), ``failing`` (tried and failed; the
    relay keeps trying unless ``parked``), ``sent`` (the council's mail server accepted the
    email) or ``delivered`` (the provider's webhook or the case system confirmed it).
    """

    referral: AdvocacyReferral
    state: str
    attempts: int
    last_error: str | None
    delivered_at: dt.datetime | None
    parked: bool


def _delivery(referral: AdvocacyReferral, event: OutboxEvent) -> Delivery:
    if event.delivered_at is not None:
        state = "sent" if referral.route == "email" else "delivered"
    elif event.attempts or event.dead_at is not None:
        state = "failing"
    else:
        state = "requested"
    return Delivery(referral=referral, state=state, attempts=event.attempts or 0,
                    last_error=event.last_error, delivered_at=event.delivered_at,
                    parked=event.dead_at is not None and event.delivered_at is None)


def deliveries(session: Session, case_ids: list[str]) -> dict[str, Delivery]:
    """The referral status of each of these cases that has a referral."""
    if not case_ids:
        return {}
    found = session.execute(
        select(AdvocacyReferral, OutboxEvent)
        .join(OutboxEvent, OutboxEvent.id == AdvocacyReferral.event_id)
        .where(AdvocacyReferral.case_id.in_(case_ids))).all()
    return {referral.case_id: _delivery(referral, event) for referral, event in found}


def referral_document(session: Session, vault: Vault, referral: AdvocacyReferral) -> dict | None:
    """The referral as sent (for the complaints team's case page)."""
    event = session.get(OutboxEvent, referral.event_id)
    return vault.open(event.sealed)["data"] if event is not None else None
