"""Answer validation: friendly errors, nothing typed lost, every script accepted."""

import pytest

from intake.journey import QUESTIONS, pick

AGE = QUESTIONS["young_person_age"].fields[0]
TOPICS = QUESTIONS["topics"].fields[0]
STATUS = QUESTIONS["young_person_status"].fields[0]
DESCRIPTION = QUESTIONS["description"].fields[0]
CONTACT = QUESTIONS["contact"]


@pytest.mark.parametrize("typed, value", [("14", 14), (" 9 ", 9), ("١٤", 14), ("１４", 14)])
def test_ages_are_read_in_any_digits(typed, value):
    assert AGE.clean(typed) == (value, None)


@pytest.mark.parametrize("typed, error", [
    ("", "Enter the young person's age"), ("fifteen", "Enter the age as a number, like 15"),
    ("-3", "Enter the age as a number, like 15"), ("12.5", "Enter the age as a number, like 15"),
    ("130", "Enter an age under 120"),
])
def test_a_wrong_age_gets_a_specific_message_and_keeps_what_was_typed(typed, error):
    value, message = AGE.clean(typed)
    assert value == typed
    assert pick(message, {"filer": "parent"}) == error


def test_the_age_error_speaks_to_a_young_person_about_themselves():
    _, message = AGE.clean("")
    assert pick(message, {"filer": "young_person"}) == "Enter your age"


def test_none_of_these_cannot_be_ticked_with_other_answers():
    value, error = STATUS.clean(["in_care", "none"])
    assert error is not None and value == ["in_care", "none"]


def test_ticked_answers_are_kept_in_option_order_without_duplicates():
    assert TOPICS.clean(["school", "placement", "school"]) == (["placement", "school"], None)


def test_an_answer_that_is_not_offered_is_refused_politely():
    assert TOPICS.clean(["<script>"])[1] is not None
    assert QUESTIONS["filer"].fields[0].clean("admin")[1] is not None


def test_free_text_is_kept_exactly_as_typed_in_any_script():
    typed = "  لا أحد يستمع إلي\n<b>help</b> — 😢  "
    assert DESCRIPTION.clean(typed) == (typed, None)


def test_free_text_of_only_spaces_counts_as_empty():
    assert DESCRIPTION.clean("   \n ")[1] is not None


def test_free_text_over_the_limit_is_refused_but_kept():
    typed = "x" * 5001
    assert DESCRIPTION.clean(typed) == (typed, DESCRIPTION.errors["too_long"])


def _contact(**raw):
    base = {"contact_name": "Sam", "contact_method": "email", "contact_phone": "",
            "contact_email": "", "contact_address": "", "contact_safe_times": "",
            "contact_not_via_carer": ""}
    return CONTACT.validate(base | raw, {"filer": "young_person"})


def test_choosing_email_needs_an_email_address():
    values, errors = _contact()
    assert set(errors) == {"contact_email"}
    values, errors = _contact(contact_email="sam@example.com")
    assert errors == {} and values["contact_email"] == "sam@example.com"


def test_a_phone_number_must_look_like_one():
    assert "contact_phone" in _contact(contact_method="phone", contact_phone="call me")[1]
    assert _contact(contact_method="text", contact_phone="+44 7700 900982")[1] == {}


def test_do_not_contact_through_carer_is_a_clear_yes_or_no():
    assert _contact(contact_email="a@b.co", contact_not_via_carer="y")[0]["contact_not_via_carer"] is True
    assert _contact(contact_email="a@b.co")[0]["contact_not_via_carer"] is False


def test_the_young_persons_name_is_asked_only_of_someone_filing_for_them():
    assert "young_person_name" not in {f.id for f in CONTACT.fields_for({"filer": "young_person"})}
    assert "young_person_name" in {f.id for f in CONTACT.fields_for({"filer": "parent"})}


def test_main_topic_offers_only_the_topics_chosen():
    field = QUESTIONS["main_topic"].fields[0]
    answers = {"topics": ["placement", "school"]}
    assert [o.value for o in field.options_for(answers)] == ["placement", "school"]
    assert field.clean("money", answers)[1] is not None


def test_every_error_a_field_gives_is_one_of_its_error_keys():
    """``Field.error_keys`` mirrors ``Field.clean``: channels rely on it to word each error."""
    from intake.journey import JOURNEY
    from intake.journey.questions import EQUALITY
    tries = ["", "  ", "zzz", "-1", "999", "5", "a" * 6000, "yes", "no@", "07700 900 982",
             ["zzz"], [], ["none", "unsure"], ["in_care", "none"], ["court", "none"]]
    for q in JOURNEY + (EQUALITY,):
        for f in q.fields:
            for raw in tries:
                _, error = f.clean(raw, {"topics": ["school"]})
                if error is not None:
                    assert f.error_key(error) in f.error_keys(), (q.id, f.id, raw, error)
        contact_method = {"phone": "contact_phone", "email": "contact_email", "letter": "contact_address"}
        if q.id == "contact":
            for method, needed in contact_method.items():
                errors = q.cross_check({"contact_method": method}, {})
                assert q.fields[[f.id for f in q.fields].index(needed)].error_key(errors[needed]) == "needed"
