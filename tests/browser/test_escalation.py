"""Not happy with the answer, on a phone with JavaScript on and off: from "Check my
complaint" a young person asks for stage 2, is told in plain words what happens and by
when, and the same complaint moves on (no second case). Every page is checked by the
``Visitor`` (support.py): "Exit this page", a screenshot, axe-core WCAG 2.2 A/AA, and no
request leaving the machine."""

from __future__ import annotations

import datetime as dt

import pytest
from babel.dates import format_date
from sqlalchemy import select, update

from intake import calendar
from intake.cases.models import Case, OutboxEvent, utcnow
from intake.extensions import db
from tests.browser.test_journeys import YOUNG_PERSON_IN_CARE, begin, send, walk

pytestmark = pytest.mark.browser


def council_answers(app) -> None:
    """The complaints team sends its stage 1 answer."""
    with app.app_context():
        now = utcnow()
        db.session.execute(update(Case).values(acknowledged_at=now, stage1_responded_at=now,
                                               status="responded"))
        db.session.commit()


def test_not_happy_with_the_answer_asks_for_stage_2_on_the_same_complaint(visitor, app):
    page = visitor.page
    begin(visitor)
    walk(visitor, YOUNG_PERSON_IN_CARE)
    reference = send(visitor)
    code = page.get_by_test_id("check-code").inner_text().strip()
    council_answers(app)

    visitor.follow(page.get_by_role("link", name="Check your complaint").first)
    page.get_by_label("Your reference").fill(reference)
    page.get_by_label("Your check code").fill(code)
    visitor.press("Continue")
    visitor.follow(page.get_by_role("link", name="Ask for your complaint to be looked at again"))
    assert page.get_by_role("heading", level=1).inner_text().strip() == \
        "Do you want your complaint looked at again?"
    visitor.press("Yes, look at my complaint again")

    assert "You have asked for your complaint to be looked at again" in page.locator("main").inner_text()
    due = calendar.escalation_deadlines(2, calendar.today())
    say = lambda name: format_date(dt.date.fromisoformat(due[name]), format="full",  # noqa: E731
                                   locale="en_GB")
    assert say("stage2_due") in page.get_by_test_id("escalation-due").inner_text()
    assert say("acknowledge_by") in page.get_by_test_id("escalation-acknowledge").inner_text()
    with app.app_context():
        [row] = db.session.execute(select(Case)).scalars().all()
        assert row.stage == 2 and row.reference == reference
        assert db.session.execute(select(OutboxEvent.type).where(
            OutboxEvent.type == "case.escalation_requested")).scalars().all() == [
                "case.escalation_requested"]

    visitor.follow(page.get_by_role("link", name="Back to your complaint"))
    steps = page.get_by_test_id("step")
    assert steps.last.get_by_role("heading").inner_text().strip() == \
        "You asked for your complaint to be looked at again"
    assert page.get_by_test_id("not-happy").count() == 0
    visitor.finish()
