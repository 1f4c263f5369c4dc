"""Safeguarding words in any typed answer of the web form bring help at once (issue 15)."""

from __future__ import annotations

from sqlalchemy import select

from intake.cases.models import Case
from intake.extensions import db
from tests.public.conftest import YOUNG_PERSON_IN_CARE

WORRYING_SAFE_TIMES = "not when my stepdad is home, he hits me"


def test_words_in_when_is_it_safe_to_contact_you_make_the_case_urgent(client, filer, app):
    page = filer.fill(YOUNG_PERSON_IN_CARE | {"contact_safe_times": WORRYING_SAFE_TIMES}).send()
    assert "0800 1111" in page
    with app.app_context():
        assert db.session.execute(select(Case)).scalars().one().urgent


def test_words_in_when_is_it_safe_to_contact_you_show_help_straight_after(client, filer):
    given = {k: v for k, v in YOUNG_PERSON_IN_CARE.items() if not k.startswith("contact")}
    filer.fill(given | {"contact_name": "Sam", "contact_method": "text",
                        "contact_phone": "07700 900982", "contact_not_via_carer": "y"})
    response = client.post("/questions/contact", data={
        "contact_name": "Sam", "contact_method": "text", "contact_phone": "07700 900982",
        "contact_safe_times": WORRYING_SAFE_TIMES})
    assert response.status_code == 302 and "/worried" in response.headers["Location"]
    assert "0800 1111" in client.get(response.headers["Location"]).get_data(as_text=True)
