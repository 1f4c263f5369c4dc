"""Journey branching: each person is asked only what applies to them, and short."""

import pytest

from intake.journey import (
    JOURNEY, QUESTIONS, applicable, may_ask, next_question, prune, record, vocabulary_answers,
)

CONTACT = {"contact_name": "Sam", "contact_method": "phone", "contact_phone": "07700 900982",
           "contact_email": None, "contact_address": None, "contact_safe_times": None,
           "contact_not_via_carer": True, "young_person_name": "Alex", "organisation": None}


def walk(given: dict) -> list[str]:
    """Answer questions in order from ``given`` and return the pages asked."""
    answers: dict = {k: v for k, v in given.items() if k.startswith("_")}
    asked = []
    while (q := next_question(answers)) is not None:
        asked.append(q.id)
        values = {f.id: given.get(f.id, CONTACT.get(f.id)) for f in q.fields_for(answers)}
        answers = record(answers, q, values)
        assert len(asked) < 40, "the journey must end"
    return asked


CHILD_IN_CARE = {"filer": "young_person", "safe_now": "yes", "young_person_status": ["in_care"],
                 "young_person_age": 14, "topics": ["social_worker"],
                 "event_within_12_months": True, "ongoing_proceedings": ["none"],
                 "description": "My social worker never visits.", "desired_outcome": "Visits."}


def test_a_14_year_old_in_care_reaches_check_answers_in_10_pages():
    assert walk(CHILD_IN_CARE) == [
        "filer", "safe_now", "young_person_status", "young_person_age", "topics",
        "event_within_12_months", "ongoing_proceedings", "description", "desired_outcome",
        "contact"]


@pytest.mark.parametrize("filer, extra, expected", [
    ("advocate", {"represents": "young_person", "consent": "yes"}, 11),
    ("parent", {"parental_responsibility": "yes", "consent": "yes"}, 11),
    ("relative", {"parental_responsibility": "no", "consent": "not_asked"}, 11),
    ("foster_carer", {"consent": "yes"}, 10),
    ("special_guardian", {"consent": "yes"}, 10),
    ("prospective_adopter", {"consent": "cannot_ask"}, 10),
    ("professional", {"represents": "nobody", "consent": "yes"}, 11),
    ("representative", {"represents": "parent", "parental_responsibility": "yes", "consent": "yes"}, 12),
    ("other", {"represents": "nobody", "consent": "no"}, 11),
])
def test_page_count_for_each_kind_of_filer(filer, extra, expected):
    given = {k: v for k, v in CHILD_IN_CARE.items() if k != "safe_now"} | {"filer": filer} | extra
    pages = walk(given)
    assert len(pages) == expected, pages
    assert "safe_now" not in pages  # asked of young people only


def test_only_those_acting_for_someone_are_asked_who_they_act_for():
    assert "represents" not in walk(CHILD_IN_CARE)
    assert "represents" in walk(CHILD_IN_CARE | {"filer": "advocate", "represents": "young_person",
                                                  "consent": "yes"})


def test_parental_responsibility_is_asked_of_family_and_of_those_acting_for_them():
    base = CHILD_IN_CARE | {"consent": "yes"}
    assert "parental_responsibility" in walk(base | {"filer": "parent", "parental_responsibility": "no"})
    assert "parental_responsibility" in walk(base | {"filer": "representative", "represents": "relative",
                                                     "parental_responsibility": "unsure"})
    assert "parental_responsibility" not in walk(base | {"filer": "foster_carer"})


def test_education_is_asked_only_of_care_leavers_aged_21_or_more():
    leaver = CHILD_IN_CARE | {"young_person_status": ["care_leaver"],
                              "care_leaver_in_education_or_training": True}
    assert "care_leaver_in_education_or_training" in walk(leaver | {"young_person_age": 23})
    assert "care_leaver_in_education_or_training" not in walk(leaver | {"young_person_age": 19})


def test_a_late_complaint_asks_why_now_and_a_recent_one_does_not():
    assert "late_reason" in walk(CHILD_IN_CARE | {"event_within_12_months": False, "late_reason": "scared"})
    assert "late_reason" not in walk(CHILD_IN_CARE)


def test_several_topics_ask_which_matters_most_and_put_it_first():
    given = CHILD_IN_CARE | {"topics": ["placement", "school"], "main_topic": "school"}
    assert "main_topic" in walk(given)
    answers = {k: v for k, v in given.items()}
    assert vocabulary_answers(answers)["topics"] == ["school", "placement"]


def test_escalation_asks_what_they_want_first():
    assert walk(CHILD_IN_CARE | {"_escalation": True, "request": "stage2_escalation"})[0] == "request"
    assert "request" not in walk(CHILD_IN_CARE)


def test_the_fast_track_asks_only_what_happened_and_how_to_contact():
    given = {"_fast_track": True, "filer": "young_person", "safe_now": "no",
             "description": "He hits me."}
    assert walk(given) == ["filer", "safe_now", "description", "contact"]


def test_changing_an_answer_forgets_answers_that_no_longer_apply():
    answers = {"filer": "advocate", "represents": "young_person", "consent": "yes",
               "young_person_status": ["care_leaver"], "young_person_age": 23,
               "care_leaver_in_education_or_training": True}
    answers = record(answers, QUESTIONS["filer"], {"filer": "young_person"})
    assert "represents" not in answers and "consent" not in answers
    answers = record(answers, QUESTIONS["young_person_age"], {"young_person_age": 19})
    assert "care_leaver_in_education_or_training" not in answers


def test_main_topic_is_forgotten_when_its_topic_is_unticked():
    answers = prune({"topics": ["school"], "main_topic": "placement"})
    assert "main_topic" not in answers


def test_nobody_can_jump_ahead_to_a_question_whose_wording_depends_on_earlier_answers():
    assert may_ask("filer", {})
    assert not may_ask("contact", {})
    assert not may_ask("represents", {"filer": "young_person"})  # does not apply
    assert may_ask("filer", CHILD_IN_CARE)  # going back is always fine


def test_vocabulary_answers_leave_out_contact_details_and_internal_flags():
    answers = dict(CHILD_IN_CARE) | CONTACT | {"_fast_track": True}
    vocab = vocabulary_answers(answers)
    assert "contact_name" not in vocab and "_fast_track" not in vocab
    assert vocab["filer"] == "young_person"


def test_every_question_applies_only_after_the_answers_it_reads():
    """``prune`` relies on questions never reading answers from later in the journey."""
    ids = [q.id for q in JOURNEY]
    assert len(ids) == len(set(ids))
    assert applicable({})[0].id == "filer"
