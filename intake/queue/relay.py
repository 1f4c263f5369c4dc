"""The relay: delivers outbox events to the case system, the duty team and the advocacy
provider, losing nothing.

Guarantees, and how:
- At least once: an event is marked delivered only in the same database transaction that
  claimed it, after its transport confirmed delivery. A relay killed mid-batch leaves its
  events undelivered, and they go again with the same event id.
- In order per case: an event is eligible only when no earlier event of the same case for
  the same destination is still undelivered (a parked event holds the ones after it).
- Never twice at once: rows are claimed with ``SELECT ... FOR UPDATE SKIP LOCKED`` on
  PostgreSQL, so several relays share the work. (SQLite has no row locks: run one relay.)
- Urgent first: duty-team copies are delivered before anything else in every pass.
- Failures back off exponentially with jitter and are parked (dead-lettered) after
  ``INTAKE_RELAY_MAX_ATTEMPTS``; ``intake relay retry`` puts them back.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import signal
import threading
import time

from sqlalchemy import or_, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from intake.cases.models import OutboxEvent, as_utc, utcnow
from intake.crypto import Vault
from intake.queue.transports import DeliveryError, transport_for

log = logging.getLogger("intake.relay")

#: Urgent copies first; then cases; then warm advocacy referrals (intake.advocacy).
DESTINATIONS = ("duty_team", "case_system", "advocacy")


def backoff_seconds(attempts: int, base: float, ceiling: float, rng=random.random) -> float:
    """Exponential backoff with jitter: between half and all of base * 2^(attempts-1)."""
    delay = min(ceiling, base * 2 ** max(0, attempts - 1))
    return delay / 2 + rng() * delay / 2


def _candidates(destination: str, now: dt.datetime):
    """Pending events due now, oldest first, leaving out cases held by an earlier event that
    is parked or waiting to retry (so those cases never clog the head of the line)."""
    held = select(OutboxEvent.case_id).where(
        OutboxEvent.destination == destination, OutboxEvent.delivered_at.is_(None),
        or_(OutboxEvent.dead_at.is_not(None), OutboxEvent.next_attempt_at > now))
    return (
        select(OutboxEvent)
        .where(OutboxEvent.destination == destination,
               OutboxEvent.delivered_at.is_(None),
               OutboxEvent.dead_at.is_(None),
               or_(OutboxEvent.next_attempt_at.is_(None), OutboxEvent.next_attempt_at <= now),
               OutboxEvent.case_id.not_in(held))
        .order_by(OutboxEvent.created_at, OutboxEvent.id)
    )


def _first_of_each_case(session: Session, rows: list[OutboxEvent], destination: str) -> list[OutboxEvent]:
    """Keep only events with nothing earlier still pending for their case (order per case).

    An earlier event being delivered by another relay right now still counts as pending,
    so its successor waits for it.
    """
    if not rows:
        return rows
    pending = session.execute(
        select(OutboxEvent.id, OutboxEvent.case_id, OutboxEvent.created_at)
        .where(OutboxEvent.case_id.in_({r.case_id for r in rows}),
               OutboxEvent.destination == destination,
               OutboxEvent.delivered_at.is_(None))).all()
    first: dict[str, str] = {}
    for event_id, case_id, _created in sorted(pending, key=lambda p: (as_utc(p[2]), p[0])):
        first.setdefault(case_id, event_id)
    return [r for r in rows if first.get(r.case_id) == r.id]


class Relay:
    def __init__(self, session: Session, vault: Vault, config: dict, transports: dict | None = None):
        self.session = session
        self.vault = vault
        self.config = config
        self.transports = transports if transports is not None else {}
        self.stopping = threading.Event()

    def transport(self, destination: str):
        if destination not in self.transports:
            self.transports[destination] = transport_for(self.config, destination)
        return self.transports[destination]

    def deliver_batch(self, destination: str) -> int:
        """Claim and deliver one batch for a destination; returns how many were attempted."""
        now = utcnow()
        batch = self.config["INTAKE_RELAY_BATCH"]
        try:
            claimed = self.session.execute(
                _candidates(destination, now).limit(batch)
                .with_for_update(skip_locked=True, of=OutboxEvent)).scalars().all()
            rows = _first_of_each_case(self.session, claimed, destination)
            delivered = 0
            for row in rows:
                if self._deliver(row, destination):
                    delivered += 1
            self.session.commit()
        except SQLAlchemyError as exc:
            self.session.rollback()
            log.warning("relay: database unavailable (%s); will retry", type(exc).__name__)
            return 0
        if rows:
            log.info("relay: %s delivered %d of %d", destination, delivered, len(rows))
        return len(rows)

    def _deliver(self, row: OutboxEvent, destination: str) -> bool:
        try:
            self.transport(destination).send(self.vault.open(row.sealed))
        except Exception as exc:  # noqa: BLE001 - any failure means "try again later"
            self._failed(row, exc)
            return False
        row.delivered_at = utcnow()
        row.last_error = None
        return True

    def _failed(self, row: OutboxEvent, exc: Exception) -> None:
        row.attempts = (row.attempts or 0) + 1
        reason = str(exc) if isinstance(exc, DeliveryError) else type(exc).__name__
        row.last_error = reason[:500]
        if row.attempts >= self.config["INTAKE_RELAY_MAX_ATTEMPTS"]:
            row.dead_at = utcnow()
            log.error("relay: event %s parked after %d attempts: %s", row.id, row.attempts, reason)
        else:
            delay = backoff_seconds(row.attempts, self.config["INTAKE_RELAY_BACKOFF_SECONDS"],
                                    self.config["INTAKE_RELAY_BACKOFF_MAX_SECONDS"])
            row.next_attempt_at = utcnow() + dt.timedelta(seconds=delay)
            log.warning("relay: event %s attempt %d failed (%s); next in %.1fs",
                        row.id, row.attempts, reason, delay)

    def drain_once(self) -> int:
        """One pass over every destination, urgent first."""
        return sum(self.deliver_batch(d) for d in DESTINATIONS)

    def run(self, once: bool = False) -> None:
        """Deliver until stopped (or, with ``once``, until nothing is deliverable now)."""
        try:
            while not self.stopping.is_set():
                attempted = self.drain_once()
                if attempted == 0:
                    if once:
                        return
                    self.stopping.wait(self.config["INTAKE_RELAY_POLL_SECONDS"])
        finally:
            self.close()

    def stop_on_signals(self) -> None:
        """Finish the batch in hand, then stop, on SIGTERM or SIGINT (graceful shutdown)."""
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: self.stopping.set())

    def close(self) -> None:
        for transport in self.transports.values():
            transport.close()
        self.transports.clear()


def retry_parked(session: Session, event_ids: list[str] | None = None) -> int:
    """Put parked (dead-lettered) events back in line: all of them, or the ids given."""
    statement = update(OutboxEvent).where(OutboxEvent.dead_at.is_not(None))
    if event_ids:
        statement = statement.where(OutboxEvent.id.in_(event_ids))
    result = session.execute(
        statement.values(dead_at=None, attempts=0, next_attempt_at=None),
        execution_options={"synchronize_session": False})
    session.commit()
    return result.rowcount or 0


def wait_until_delivered(session: Session, timeout: float) -> bool:
    """For tools and tests: poll until nothing is left undelivered."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        session.expire_all()
        if session.execute(select(OutboxEvent.id).where(OutboxEvent.delivered_at.is_(None))).first() is None:
            return True
        time.sleep(0.05)
    return False
