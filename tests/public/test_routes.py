"""A page test for every route: each kind of complaint gets the right route, explanation,
dates and advocacy offer on the confirmation page, and the stored case agrees."""

import re

import pytest
from sqlalchemy import select

from intake.cases.models import Case, OutboxEvent
from intake.extensions import db
from tests.public.conftest import YOUNG_PERSON_IN_CARE as CHILD

ADULT = {k: v for k, v in CHILD.items() if k != "safe_now"} | {
    "young_person_name": "Alex", "consent": "yes", "contact_method": "email",
    "contact_email": "someone@example.com"}

CASES = {
    "statutory_stage1": (CHILD, "The council will look into your complaint", True),
    "corporate": (CHILD | {"topics": ["child_protection_enquiry"]},
                  "The council will look into your complaint", True),
    "safeguarding_referral": (CHILD | {"description": "My foster dad hits me when he is angry."},
                              "We are passing this on to keep you safe", True),
    "school_procedure": (CHILD | {"topics": ["school"]}, "This is for the school to sort out", True),
    "court": (CHILD | {"topics": ["court_decision"]}, "This is for a court to decide", True),
    "information_governance": (CHILD | {"topics": ["personal_records"]}, "This is about your records", True),
    "independent_review_mechanism": (ADULT | {"filer": "foster_carer", "topics": ["foster_carer_approval"]},
                                     "There is a special review for this", False),
    "conference_appeal": (ADULT | {"filer": "parent", "parental_responsibility": "yes",
                                   "topics": ["child_protection_conference"]},
                          "There is a special way to challenge this", True),
    "provider_procedure": (CHILD | {"topics": ["provider_own_practice"]},
                           "The company or charity should sort this out first", True),
    "other_body": (CHILD | {"topics": ["police_health_or_other_body"]},
                   "Another organisation deals with this", True),
    "human_review": (ADULT | {"filer": "relative", "parental_responsibility": "no"},
                     "A person will decide the best way to help", True),
}


@pytest.mark.parametrize("route", sorted(CASES))
def test_each_route_is_explained_on_the_confirmation_page(route, filer, app):
    given, title, advocacy = CASES[route]
    page = filer.fill(given).send()
    assert title in page
    assert re.search(r'data-testid="reference">[2-9A-HJ-NP-TW-Z]{4}-[2-9A-HJ-NP-TW-Z]{4}-[2-9A-HJ-NP-TW-Z]{4}<', page)
    assert 'data-testid="acknowledge-by"' in page
    assert ('data-testid="advocacy-offer"' in page) is advocacy
    assert ("Example Advocacy Service" in page) is advocacy
    assert ('data-testid="stage1-due"' in page) is (route == "statutory_stage1")
    with app.app_context():
        case = db.session.execute(select(Case)).scalar_one()
        assert case.route == route
        events = db.session.execute(select(OutboxEvent)).scalars().all()
        expected = {("case.submitted", "case_system")}
        if route == "safeguarding_referral":
            expected.add(("case.urgent", "duty_team"))
        assert {(e.type, e.destination) for e in events} == expected


def test_an_urgent_case_puts_the_help_panel_first(filer):
    page = filer.fill(CHILD | {"description": "I want to kill myself"}).send()
    assert page.index("0800 1111") < page.index("Your complaint has been sent")
    assert "999" in page


def test_a_care_leaver_of_23_not_in_education_is_looked_at_by_a_person_and_offered_an_advocate(filer):
    given = CHILD | {"young_person_status": ["care_leaver"], "young_person_age": "23",
                     "care_leaver_in_education_or_training": "no", "topics": ["leaving_care_support"]}
    page = filer.fill(given).send()
    assert "A person will decide the best way to help" in page
    assert 'data-testid="advocacy-offer"' in page


def test_a_parent_filing_for_an_18_year_old_care_leaver_is_told_how_they_can_have_an_advocate(filer):
    given = ADULT | {"filer": "parent", "parental_responsibility": "yes",
                     "young_person_status": ["care_leaver"],
                     "young_person_age": "18", "topics": ["leaving_care_support"]}
    page = filer.fill(given).send()
    assert 'data-testid="advocacy-offer"' in page
    assert "The young person this complaint is about can have an advocate" in page
    assert "Example Advocacy Service" in page and "to contact me" not in page  # theirs to ask
    assert 'data-testid="advocacy-signpost"' in page  # and advice for the parent


def test_a_stage_2_request_goes_to_the_complaints_manager(filer):
    given = CHILD | {"request": "stage2_escalation"}
    filer.client.post("/again")
    page = filer.fill(given, start="/questions/request").send()
    assert filer.pages[0] == "request"
    assert "A person will decide the best way to help" in page
    assert "not being turned down" in page


def test_adults_complaining_for_themselves_are_not_offered_a_referral(filer, app):
    given, _, _ = CASES["human_review"]
    page = filer.fill(given).send()
    assert "to contact me" not in page
    filer.client.post("/confirmation/advocate", data={"advocate": "yes"})
    with app.app_context():
        types = [e.type for e in db.session.execute(select(OutboxEvent)).scalars()]
    assert types == ["case.submitted"]
