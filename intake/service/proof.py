"""What this browser has proved: a case, by its reference and check code.

A successful check (on "Check my complaint") gives the browser a short grant, sealed so the
cookie does not even show the case id. It lasts while the person keeps using the pages
that need it, up to ``INTAKE_PUBLIC_IDLE_MINUTES`` without activity, and ends with "Exit
this page". The rights pages, and any channel that acts on a sent case, ask here.
"""

from __future__ import annotations

import time

from flask import current_app, session

from intake.cases import store
from intake.cases.models import Case
from intake.extensions import db, vault

GRANT = "rights"


def remember(row: Case) -> None:
    """Called when a reference and check code matched."""
    session[GRANT] = vault().seal({"case": row.id, "seen": int(time.time()), "copied": False})


def grant() -> dict | None:
    """The live grant, or None (then the pages ask for the reference and code again)."""
    sealed = session.get(GRANT)
    if not isinstance(sealed, str):
        return None
    try:
        granted = vault().open(sealed)
    except Exception:  # noqa: BLE001 - a cookie we cannot open is no grant at all
        session.pop(GRANT, None)
        return None
    if time.time() - granted.get("seen", 0) > current_app.config["INTAKE_PUBLIC_IDLE_MINUTES"] * 60:
        session.pop(GRANT, None)
        return None
    return granted


def keep(granted: dict) -> None:
    """Renew the grant (activity), keeping what it notes (``copied``)."""
    session[GRANT] = vault().seal(dict(granted, seen=int(time.time())))


def checked_case() -> Case | None:
    """The case this browser proved it may see, or None."""
    granted = grant()
    if granted is None:
        return None
    row = store.find_case(db.session, granted["case"])
    if row is None:
        session.pop(GRANT, None)
        return None
    keep(granted)
    return row
