"""Database tables. Personal data and free text are stored only in sealed (encrypted) columns;
the plain columns hold what the queue and the annual report need and nothing that
identifies anyone."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def as_utc(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes (stored as UTC); PostgreSQL hands back aware ones."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc)


class Base(DeclarativeBase):
    pass


class Case(Base):
    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True, index=True)
    submitted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    channel: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(20))
    request: Mapped[str] = mapped_column(String(30))
    filer: Mapped[str | None] = mapped_column(String(30))
    main_topic: Mapped[str | None] = mapped_column(String(40))
    route: Mapped[str] = mapped_column(String(40), index=True)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    needs_review: Mapped[bool] = mapped_column(Boolean, default=True)
    offer_advocacy: Mapped[bool] = mapped_column(Boolean, default=False)
    acknowledge_by: Mapped[dt.date] = mapped_column(Date)
    # None for a request for stage 2 or 3 that came without its earlier case: no stage 1.
    stage1_due: Mapped[dt.date | None] = mapped_column(Date)
    stage1_extended_due: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(30), default="new", index=True)
    sealed: Mapped[str] = mapped_column(Text)  # the whole case document, encrypted
    # Vocabulary ids only (never anything typed), for the queue's filters and the report.
    topics: Mapped[str] = mapped_column(String(600), default="")
    statuses: Mapped[str] = mapped_column(String(300), default="")
    represents: Mapped[str | None] = mapped_column(String(30))
    # Triage: what the complaints team has done, when.
    route_confirmed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    extended_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    stage1_responded_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    advocacy_referral_made_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    safeguarding_passed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # "Check my complaint": an argon2 hash of the case's check code (three words, shown once
    # on the confirmation page). Never the code itself. See ``intake.cases.codes``.
    check_hash: Mapped[str | None] = mapped_column(String(200))
    # The complainant withdrew the complaint themselves ("Check my complaint").
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # Escalation (``store.escalate``): the stage the case is at now, when the complainant
    # asked for it (or the council received the request), its clocks (stage 2: 25 and 65
    # working days, provisional until the statement of complaint is agreed; stage 3: the
    # panel within 30), and whether it came more than 20 working days after the answer.
    stage: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    escalation_requested_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    escalation_due: Mapped[dt.date | None] = mapped_column(Date)
    escalation_extended_due: Mapped[dt.date | None] = mapped_column(Date)
    escalation_late: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))


class OutboxEvent(Base):
    """An event written in the same transaction as its case, for the relay to deliver.

    ``destination`` says who receives it: ``case_system`` (the council's case-management
    system), ``duty_team`` (urgent safeguarding copies) or ``advocacy`` (warm referrals to
    the advocacy provider, see ``AdvocacyReferral``). The relay delivers each
    destination's events in order per case, retrying with backoff until ``delivered_at``
    is set, or parking the event (``dead_at``) after too many failures.
    """

    __tablename__ = "outbox_events"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(50))
    destination: Mapped[str] = mapped_column(String(20), default="case_system", index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    sealed: Mapped[str] = mapped_column(Text)  # the event JSON, encrypted
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(String(500))
    dead_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), index=True)

    __table_args__ = (
        # The relay's line: only undelivered events, in order. Stays small however many
        # cases have been delivered.
        Index("ix_outbox_events_pending", "destination", "created_at", "id",
              postgresql_where=text("delivered_at IS NULL"),
              sqlite_where=text("delivered_at IS NULL")),
    )


class ApiClient(Base):
    """A case system that pulls cases through the API. Only a hash of its token is kept."""

    __tablename__ = "api_clients"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    destination: Mapped[str] = mapped_column(String(20), default="case_system")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class PullDelivery(Base):
    """One pull client's progress with one event: leased until a time, then acknowledged."""

    __tablename__ = "pull_deliveries"

    client_id: Mapped[int] = mapped_column(ForeignKey("api_clients.id", ondelete="CASCADE"),
                                           primary_key=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("outbox_events.id", ondelete="CASCADE"),
                                          primary_key=True)
    lease_id: Mapped[str | None] = mapped_column(String(36), index=True)
    leased_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    acked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class Draft(Base):
    """Answers in progress. The browser holds only a random token; we keep its hash.

    A draft belongs to no channel: ``sealed`` holds journey answers (vocabulary ids and what
    was typed), which every channel reads the same way. So a form saved with a resume code
    can be continued anywhere that accepts the code: today the web form ("Continue a saved
    form"); later Easy Read (the same page) and the chat (the words typed as a message,
    then ``store.resume_draft``). Whoever resumes gets a new token (the row's
    ``token_hash`` is replaced), so only the latest device or channel holds the draft.

    ``resume_hash`` is a keyed hash (HMAC with the data keys) of the normalised resume code,
    set by "Save and come back later"; NULL for a draft nobody saved with a code.
    """

    __tablename__ = "drafts"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    sealed: Mapped[str] = mapped_column(Text)
    resume_hash: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)


class EqualityResponse(Base):
    """Optional equality monitoring, kept apart from cases and not linked to any of them."""

    __tablename__ = "equality_responses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    received_on: Mapped[dt.date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(20))
    sealed: Mapped[str] = mapped_column(Text)


class AdvocacyReferral(Base):
    """A young person's request for an advocate, sent to the provider as an outbox event.

    Plain columns only, nothing personal: when it was asked for, the route it was sent by
    (``webhook``, ``email`` or ``case_system``: the council setting at the time), the date
    the young person was told to expect contact by, the way they chose to be contacted
    (never the number or address), and the outbox event that carries the
    referral document (sealed there). The event's delivery state is the referral's status.
    One per case: the primary key makes a second request impossible.
    """

    __tablename__ = "advocacy_referrals"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("outbox_events.id", ondelete="CASCADE"),
                                          unique=True)
    requested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    channel: Mapped[str] = mapped_column(String(20))
    route: Mapped[str] = mapped_column(String(20))
    contact_by: Mapped[dt.date] = mapped_column(Date)
    # phone, text, email or letter: the way the young person chose (never the detail).
    contact_method: Mapped[str] = mapped_column(String(20))


class GuessCount(Base):
    """Guesses of a secret counted per budget and per hour, shared by every web process.

    One row per (scope, key, hour): ``scope`` is the budget ("guess-address", "check-code",
    "resume-words"), ``key`` the client address or a keyed hash of the secret tried, never
    the secret. Counted with one atomic upsert (``intake.service.limits``), so concurrent
    requests in any number of processes cannot read the same count.
    """

    __tablename__ = "guess_counts"

    scope: Mapped[str] = mapped_column(String(20), primary_key=True)
    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    hour: Mapped[int] = mapped_column(Integer, primary_key=True)  # hours since the epoch
    count: Mapped[int] = mapped_column(Integer, default=0)
