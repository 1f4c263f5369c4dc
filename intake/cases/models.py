"""Database tables. Personal data and free text are stored only in sealed (encrypted) columns;
the plain columns hold what the queue and the annual report need and nothing that
identifies anyone."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
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
    stage1_due: Mapped[dt.date] = mapped_column(Date)
    stage1_extended_due: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(30), default="new", index=True)
    sealed: Mapped[str] = mapped_column(Text)  # the whole case document, encrypted


class OutboxEvent(Base):
    """An event written in the same transaction as the case, for the relay to deliver."""

    __tablename__ = "outbox_events"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(50))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sealed: Mapped[str] = mapped_column(Text)  # the event JSON, encrypted
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)


class Draft(Base):
    """Answers in progress. The browser holds only a random token; we keep its hash."""

    __tablename__ = "drafts"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    sealed: Mapped[str] = mapped_column(Text)


class EqualityResponse(Base):
    """Optional equality monitoring, kept apart from cases and not linked to any of them."""

    __tablename__ = "equality_responses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    received_on: Mapped[dt.date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(20))
    sealed: Mapped[str] = mapped_column(Text)
