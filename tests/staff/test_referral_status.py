"""The complaints team sees each warm advocacy referral's status, read from its outbox row:
requested, sent (email accepted), delivery failing (and parked), delivered."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select, update

from intake.cases.models import OutboxEvent, utcnow
from intake.extensions import db
from intake.accounts.models import AuditEntry
from tests.advocacy.support import referred_case
from tests.queue.conftest import submit_cases


@pytest.fixture
def officer(staff_client):
    return staff_client("officer")


def set_event(app, event_id: str, **columns) -> None:
    with app.app_context():
        db.session.execute(update(OutboxEvent).where(OutboxEvent.id == event_id).values(**columns))
        db.session.commit()


def state(page: str) -> list[str]:
    return re.findall(r'data-testid="referral-state" data-state="([a-z]+)"', page)


def delivery(page: str) -> str:
    found = re.search(r'data-testid="referral-delivery">(.*?)</dd>', page, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", found).split())


@pytest.mark.parametrize("route, columns, expected, words", [
    ("case_system", {}, "requested", "Waiting to be sent."),
    ("email", {"attempts": 2, "last_error": "email: SMTP 451"}, "failing",
     "2 failed attempts (email: SMTP 451); trying again automatically."),
    ("webhook", {"attempts": 15, "last_error": "webhook: HTTP 500", "dead": True}, "failing",
     "Stopped after 15 failed attempts (webhook: HTTP 500)."),
    ("email", {"delivered": True}, "sent", "Accepted by the mail server"),
    ("webhook", {"delivered": True}, "delivered", "Delivered"),
    ("case_system", {"delivered": True}, "delivered", "Delivered"),
])
def test_the_case_page_and_queue_show_the_referral_status(app, officer, route, columns, expected, words):
    case_id, event_id = referred_case(app, route=route)
    other = submit_cases(app, 1)  # a case with no referral shows no referral status
    if columns.pop("dead", False):
        columns["dead_at"] = utcnow()
    if columns.pop("delivered", False):
        columns["delivered_at"] = utcnow()
    if columns:
        set_event(app, event_id, **columns)

    page = officer.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    assert state(page) == [expected, expected]  # beside the reference, and in its section
    assert delivery(page).startswith(words)
    assert "Text message" in page and "07700 900982" in page and "Short sentences please" in page
    assert "Not through the carer or placement" in page
    queue = officer.get("/staff/?status=all").get_data(as_text=True)
    assert state(queue) == [expected]
    with app.app_context():
        other_case = db.session.get(OutboxEvent, other[0]).case_id
    assert state(officer.get(f"/staff/cases/{other_case}").get_data(as_text=True)) == []


def test_viewing_a_referral_is_audited_like_any_view_of_the_case(app, officer):
    case_id, _ = referred_case(app)
    officer.get(f"/staff/cases/{case_id}")
    with app.app_context():
        actions = list(db.session.execute(select(AuditEntry.action).where(
            AuditEntry.case_id == case_id)).scalars())
    assert actions == ["case_viewed"]


def test_the_triage_step_says_the_referral_was_sent_by_the_service(app, officer):
    case_id, _ = referred_case(app)
    page = officer.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    assert "The service sent their referral itself" in page
    # The team can still record one made another way.
    assert "Record referral as made" in page
