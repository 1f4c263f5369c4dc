"""The referral document and the page's questions, pure: no app, no database."""

from __future__ import annotations

import datetime as dt

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from intake.advocacy.referral import as_text, build_referral, contact_by, defaults, email_parts, referral_event
from intake.advocacy.schema import SCHEMA_PATH, referral_schema, render
from intake.cases.builder import build_case
from intake.eligibility import assess
from intake.journey.questions import ADVOCACY_REFERRAL, JOURNEY
from tests.advocacy.support import ANSWERS
from tests.queue.conftest import CHILD

VALIDATOR = Draft202012Validator(referral_schema(), format_checker=FormatChecker())
NOW = dt.datetime(2026, 12, 23, 15, 30, tzinfo=dt.timezone.utc)


def case_for(**changes) -> dict:
    answers = CHILD | {"contact_method": "text", "contact_phone": "07700 900982",
                       "contact_safe_times": "after 4pm", "contact_not_via_carer": True} | changes
    return build_case(answers, assess(answers), channel="web", language="en-GB", submitted_at=NOW)


def referral(case=None, **answers) -> dict:
    return build_referral(case or case_for(), ANSWERS | answers, council="Example Council",
                          provider="Example Advocacy Service", response_working_days=3,
                          requested_at=NOW, requested_on=NOW.date())


def test_the_promised_date_counts_english_working_days():
    # Wednesday 23 December 2026: Christmas Day (Fri) and Boxing Day substitute (Mon 28) skipped.
    assert contact_by(dt.date(2026, 12, 23), 3) == dt.date(2026, 12, 30)
    assert contact_by(dt.date(2026, 11, 20), 3) == dt.date(2026, 11, 25)  # over a weekend
    assert referral()["contact_by"] == "2026-12-30"


def test_the_referral_carries_what_the_provider_needs_and_validates():
    case = case_for()
    document = referral(case)
    VALIDATOR.validate(document)
    assert document["reference"] == case["reference"] and document["case_id"] == case["id"]
    assert document["young_person"] == {"name": "Robin", "age": 14, "status": ["in_care"],
                                        "language": "English", "interpreter": False,
                                        "communication_needs": "Short sentences please"}
    assert document["contact"] == {"method": "text", "phone": "07700 900982",
                                   "safe_times": "after 4pm", "not_via_carer": True}
    assert document["complaint"]["topics"] == ["placement"]
    assert document["complaint"]["description"] == CHILD["description"]
    assert document["complaint"]["stage1_due"] == case["decision"]["deadlines"]["stage1_due"]
    assert document["safety"] == {"urgent": False, "reasons": [], "signals": []}
    assert document["consent_to_share"] is True


def test_only_the_detail_for_the_chosen_way_of_contacting_is_shared():
    document = referral(contact_method="letter", contact_address="1 Example Road",
                        contact_email="robin@example.com", contact_not_via_carer=False)
    assert document["contact"] == {"method": "letter", "address": "1 Example Road",
                                   "safe_times": "after 4pm", "not_via_carer": False}
    VALIDATOR.validate(document)


def test_a_safety_concern_goes_with_the_referral():
    case = case_for(safe_now="unsure", description="My foster dad hits me when he is angry.")
    document = referral(case)
    assert document["safety"]["urgent"] is True
    assert document["safety"]["reasons"] == ["unsure_if_safe", "safeguarding_words"]
    assert document["safety"]["signals"]
    VALIDATOR.validate(document)
    text = as_text(document)
    assert text.index("SAFETY CONCERN") < text.index("THE YOUNG PERSON")
    assert "not sure they are safe right now" in text


def test_no_referral_without_agreement_to_share():
    with pytest.raises(ValueError):
        referral(share_consent=False)


def test_the_page_starts_from_the_complaints_contact_preferences():
    start = defaults(case_for())
    assert start == {"contact_name": "Robin", "contact_phone": "07700 900982",
                     "contact_email": "robin@example.com", "contact_safe_times": "after 4pm",
                     "contact_method": "text", "contact_not_via_carer": True,
                     "advocacy_language": "English"}
    # "Through my advocate" is not a way for the advocate to reach them: they choose again.
    assert "contact_method" not in defaults(case_for(contact_method="advocate"))
    assert defaults(case_for() | {"language": "pl"})["advocacy_language"] == "Polski"


@pytest.mark.parametrize("change, errors", [
    ({}, set()),
    ({"share_consent": ""}, {"share_consent"}),
    ({"contact_method": "letter", "contact_address": "1 Example Road"}, {"contact_method"}),
    ({"contact_method": "email", "contact_email": "not an email"}, {"contact_email"}),
    ({"contact_method": "email", "contact_email": ""}, {"contact_email"}),
    ({"contact_method": "advocate"}, {"contact_method"}),
    ({"advocacy_language": ""}, {"advocacy_language"}),
    ({"interpreter": "maybe"}, {"interpreter"}),
    ({"communication_needs": "x" * 1001}, {"communication_needs"}),
])
def test_the_page_checks_its_answers_like_every_journey_page(change, errors):
    raw = {"contact_name": "Robin", "contact_method": "text", "contact_phone": "07700 900982",
           "contact_not_via_carer": "y", "advocacy_language": "English", "interpreter": "no",
           "share_consent": "y"} | change
    values, found = ADVOCACY_REFERRAL.validate(raw, {})
    assert set(found) == errors
    if not errors:
        assert values["share_consent"] is True and values["interpreter"] is False


def test_the_referral_page_is_not_part_of_the_complaint_journey():
    assert ADVOCACY_REFERRAL not in JOURNEY


def test_the_email_names_the_reference_only_and_attaches_the_event():
    document = referral()
    subject, text, filename = email_parts(referral_event(document))
    assert subject == f"Advocacy referral: complaint {document['reference']}"
    assert "Robin" not in subject and filename.endswith(".json")
    assert "Wednesday 30 December 2026 (3 working days)" in text


def test_the_committed_schema_is_current():
    assert SCHEMA_PATH.read_text() == render()
