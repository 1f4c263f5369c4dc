"""Staff accounts, the audit log and case notes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from intake.cases.models import Base, utcnow

ROLES = ("officer", "manager", "admin")  # each can do everything the ones before it can


class StaffUser(Base):
    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    totp_sealed: Mapped[str | None] = mapped_column(Text)  # the authenticator secret, encrypted
    totp_confirmed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_totp_step: Mapped[int | None] = mapped_column(Integer)  # a code works only once
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_sign_in_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    disabled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    def can(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


class StaffSession(Base):
    """A signed-in browser, known to the server: the cookie holds a random token, this table
    its hash. Signing out deletes the row, so a copied cookie stops working at once; "sign
    out everywhere", disabling an account and a 2FA reset delete all of a person's rows."""

    __tablename__ = "staff_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"),
                                          index=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                    index=True)


class AuditEntry(Base):
    """Who did what, when. Written by the application, never changed by it: database
    triggers refuse UPDATE and DELETE on this table. ``detail`` holds identifiers and
    codes, never what anyone wrote."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), index=True)
    action: Mapped[str] = mapped_column(String(50), index=True)
    case_id: Mapped[str | None] = mapped_column(String(36), index=True)  # kept after the case is purged
    detail: Mapped[str] = mapped_column(Text, default="{}")
    chain: Mapped[str | None] = mapped_column(String(64))  # see intake.accounts.chain


class CaseNote(Base):
    """What staff wrote about a case (notes and the reasons for route changes and extensions)."""

    __tablename__ = "case_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    kind: Mapped[str] = mapped_column(String(30))  # note, route_change, extension, safeguarding
    sealed: Mapped[str] = mapped_column(Text)
