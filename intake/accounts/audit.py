"""The audit log: one entry per action by staff, by the public rights pages or by a
command, written in the caller's transaction. The table refuses updates and deletes
(``immutability``), so history cannot be rewritten through the app."""

from __future__ import annotations

import json

from flask import g

from intake.accounts.models import AuditEntry, StaffUser
from intake.extensions import db


def audit(action: str, *, staff: StaffUser | None = None, case_id: str | None = None,
          detail: dict | None = None) -> None:
    """Add an entry in the caller's transaction (the caller commits). ``detail`` holds
    codes and ids only: never anything a person typed."""
    who = staff if staff is not None else g.get("staff")
    db.session.add(AuditEntry(staff_id=who.id if who else None, action=action, case_id=case_id,
                              detail=json.dumps(detail or {}, sort_keys=True)))
