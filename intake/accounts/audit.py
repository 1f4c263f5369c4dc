"""The audit log: one entry per action by staff, by the public rights pages or by a
command, written in the caller's transaction. The table refuses updates and deletes
(``immutability``), the app's database role may not change it (``intake db
grant-app-role``), and each entry is hash-chained to the one before (``chain``), so
history cannot be rewritten through the app and a rewrite by anyone else shows.

Entries are chained in the order they commit: on PostgreSQL the writer takes a
transaction-scoped advisory lock before reading the last hash, so two requests cannot both
chain onto the same entry. Callers lock any rows they need *before* auditing (as every
view does: audit, then commit), so the lock order is always rows first, then the chain.
"""

from __future__ import annotations

import json

from flask import g
from sqlalchemy import select, text

from intake.accounts import chain
from intake.accounts.models import AuditEntry, StaffUser
from intake.cases.models import utcnow
from intake.extensions import db

#: The advisory lock that orders the chain (any constant; this one spells "audit").
CHAIN_LOCK = 0x6175646974


def audit(action: str, *, staff: StaffUser | None = None, case_id: str | None = None,
          detail: dict | None = None) -> None:
    """Add an entry in the caller's transaction (the caller commits). ``detail`` holds
    codes and ids only: never anything a person typed."""
    who = staff if staff is not None else g.get("staff")
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})
    with db.session.no_autoflush:  # each entry is flushed as it is added (below)
        previous = db.session.execute(select(AuditEntry.chain).order_by(
            AuditEntry.id.desc()).limit(1)).scalar_one_or_none()
    entry = AuditEntry(at=utcnow(), staff_id=who.id if who else None, action=action,
                       case_id=case_id, detail=json.dumps(detail or {}, sort_keys=True))
    entry.chain = chain.link(previous, entry.at, entry.staff_id, action, case_id, entry.detail)
    db.session.add(entry)
    db.session.flush()  # the next entry in this transaction chains onto this one
