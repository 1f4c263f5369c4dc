"""What every channel's confirmation page says about the case this session sent."""

from __future__ import annotations

import datetime as dt

from flask_babel import format_date

from intake.advocacy import store as referrals
from intake.extensions import db
from intake.service import drafts


def sent_case() -> dict | None:
    """The case this session sent: its row, document, dates in words and check words."""
    sent = drafts.submitted()
    if sent is None:
        return None
    row, case, words = sent
    decision = case["decision"]
    return {
        "row": row, "case": case, "decision": decision,
        "deadlines": {k: format_date(dt.date.fromisoformat(v), format="full")
                      for k, v in decision["deadlines"].items()},
        "check_words": words,
        "young_person": case["answers"].get("filer") == "young_person",
        "can_refer": referrals.can_refer(row),
        "referral_requested": referrals.find_referral(db.session, row.id) is not None,
    }
