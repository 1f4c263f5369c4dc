"""The eligibility engine: one case per rule and per route (domain.md sections 0-6 and 9)."""

import ast
import datetime as dt
import json
import random
from pathlib import Path

import pytest

from intake.eligibility import REASON_MESSAGES, Decision, Reason, assess
from intake.eligibility import engine
from intake.journey import vocabulary
from intake.journey.vocabulary import check_answers

RECEIVED = dt.date(2026, 3, 9)
DROP = object()  # marks an answer to remove from the base case

# A 14-year-old in care complaining about their social worker: the plain stage 1 case.
BASE = {
    "filer": "young_person",
    "young_person_status": ["in_care"],
    "young_person_age": 14,
    "topics": ["social_worker"],
    "event_within_12_months": True,
    "ongoing_proceedings": ["none"],
    "request": "new_complaint",
    "safe_now": "yes",
    "description": "My social worker never comes to see me.",
}


def answers(**changes):
    """The base case with some answers changed (DROP removes one)."""
    result = dict(BASE)
    for key, value in changes.items():
        if value is DROP:
            result.pop(key, None)
        else:
            result[key] = value
    return check_answers(result)


def codes(decision: Decision) -> list[str]:
    return [reason.code for reason in decision.reasons]


def decide(given) -> Decision:
    return assess(given, received=RECEIVED)


# (name, answers, route, secondary_routes, needs_review, offer_advocacy, codes that must appear)
CASES = [
    # --- young people complaining for themselves ---
    ("child_in_care_about_social_worker", answers(),
     "statutory_stage1", (), False, True, ["child_eligible", "in_scope", "advocacy_offered"]),
    ("child_in_need_about_short_breaks",
     answers(young_person_status=["child_in_need"], young_person_age=10,
             topics=["disability_services"]),
     "statutory_stage1", (), False, True, ["child_eligible", "in_scope"]),
    ("child_on_protection_plan_about_assessment",
     answers(young_person_status=["child_protection_plan"], topics=["assessment"]),
     "statutory_stage1", (), False, True, ["child_eligible"]),
    ("adopted_child_about_adoption_support",
     answers(young_person_status=["adopted"], topics=["adoption_support"]),
     "statutory_stage1", (), False, True, ["child_eligible"]),
    ("child_age_missing_is_presumed_a_child", answers(young_person_age=DROP),
     "statutory_stage1", (), False, True, ["child_eligible"]),
    ("status_missing_needs_a_check", answers(young_person_status=DROP),
     "human_review", (), True, True, ["status_unclear"]),
    ("early_help_only_needs_a_check", answers(young_person_status=["early_help", "unsure"]),
     "human_review", (), True, True, ["status_unclear"]),
    ("care_leaver_age_missing", answers(young_person_status=["care_leaver"], young_person_age=DROP),
     "human_review", (), True, True, ["age_needed"]),
    ("care_leaver_aged_17", answers(young_person_status=["care_leaver"], young_person_age=17),
     "statutory_stage1", (), False, True, ["child_eligible"]),
    ("care_leaver_aged_19",
     answers(young_person_status=["care_leaver"], young_person_age=19,
             topics=["leaving_care_support"]),
     "statutory_stage1", (), False, True, ["care_leaver_eligible"]),
    ("care_leaver_aged_23_in_education",
     answers(young_person_status=["care_leaver"], young_person_age=23,
             care_leaver_in_education_or_training=True, topics=["leaving_care_support"]),
     "statutory_stage1", (), False, True, ["care_leaver_in_education", "advocacy_offered"]),
    ("care_leaver_aged_23_not_in_education",
     answers(young_person_status=["care_leaver"], young_person_age=23,
             care_leaver_in_education_or_training=False, topics=["leaving_care_support"]),
     "human_review", (), True, True, ["care_leaver_status_to_check", "advocacy_offered"]),
    ("care_leaver_aged_22_education_not_said",
     answers(young_person_status=["care_leaver"], young_person_age=22),
     "human_review", (), True, True, ["care_leaver_status_to_check"]),
    ("care_leaver_aged_25_in_education",
     answers(young_person_status=["care_leaver"], young_person_age=25,
             care_leaver_in_education_or_training=True),
     "human_review", (), True, True, ["care_leaver_status_to_check", "advocacy_offered"]),
    ("care_leaver_aged_26_in_education",
     answers(young_person_status=["care_leaver"], young_person_age=26,
             care_leaver_in_education_or_training=True),
     "human_review", (), True, False, ["care_leaver_status_to_check"]),
    ("care_leaver_aged_30",
     answers(young_person_status=["care_leaver"], young_person_age=30),
     "human_review", (), True, False, ["adult_historic"]),
    ("adult_about_historic_time_in_care",
     answers(young_person_status=["in_care"], young_person_age=40),
     "human_review", (), True, False, ["adult_historic"]),
    # --- someone presenting the young person's own complaint ---
    ("advocate_with_consent", answers(filer="advocate", represents="young_person", consent="yes"),
     "statutory_stage1", (), False, True, ["child_eligible", "consent_given", "advocacy_offered"]),
    ("advocate_without_consent",
     answers(filer="advocate", represents="young_person", consent="not_asked"),
     "human_review", (), True, True, ["consent_missing", "advocacy_offered"]),
    ("advocate_acts_for_the_young_person_unless_they_say_otherwise",
     answers(filer="advocate"),
     "human_review", (), True, True, ["child_eligible", "consent_missing"]),
    ("advocate_cannot_ask_the_child",
     answers(filer="advocate", represents="young_person", consent="cannot_ask"),
     "human_review", (), True, True, ["consent_cannot_ask"]),
    ("professional_for_a_child_who_disagrees",
     answers(filer="professional", represents="young_person", consent="no"),
     "human_review", (), True, True, ["consent_missing"]),
    # --- parents ---
    ("parent_of_child_in_care", answers(filer="parent", young_person_age=10, topics=["placement"]),
     "statutory_stage1", (), False, True,
     ["parent_eligible", "in_scope", "advocacy_for_young_person", "advocacy_signpost"]),
    ("parent_of_child_not_known_to_social_care",
     answers(filer="parent", young_person_status=["none"], consent="yes"),
     "human_review", (), True, True, ["status_unclear"]),
    ("parent_of_adult_care_leaver_without_consent",
     answers(filer="parent", young_person_status=["care_leaver"], young_person_age=19,
             consent="not_asked"),
     "human_review", (), True, True,
     ["parent_eligible", "adult_consent_needed", "advocacy_for_young_person"]),
    ("parent_of_adult_care_leaver_with_consent",
     answers(filer="parent", young_person_status=["care_leaver"], young_person_age=19,
             consent="yes"),
     "statutory_stage1", (), False, True, ["parent_eligible", "consent_given"]),
    ("parent_of_care_leaver_of_unknown_age",
     answers(filer="parent", young_person_status=["care_leaver"], young_person_age=DROP),
     "human_review", (), True, True, ["parent_eligible", "age_needed"]),
    ("parent_whose_child_disagrees", answers(filer="parent", consent="no"),
     "human_review", (), True, True, ["parent_eligible", "child_disagrees"]),
    ("representative_for_a_parent",
     answers(filer="representative", represents="parent", consent="not_asked"),
     "human_review", (), True, True, ["parent_eligible", "child_not_asked", "advocacy_signpost"]),
    ("parent_who_has_not_asked_a_child_of_12",
     answers(filer="parent", young_person_age=12, consent="not_asked"),
     "human_review", (), True, True, ["parent_eligible", "child_not_asked"]),
    ("parent_of_a_young_child_need_not_ask_first",
     answers(filer="parent", young_person_age=8, consent="not_asked"),
     "statutory_stage1", (), False, True, ["parent_eligible", "advocacy_for_young_person"]),
    ("parent_of_an_18_year_old_care_leaver_is_told_how_they_can_have_an_advocate",
     answers(filer="parent", young_person_status=["care_leaver"], young_person_age=18,
             consent="yes"),
     "statutory_stage1", (), False, True,
     ["parent_eligible", "advocacy_for_young_person", "advocacy_signpost"]),
    # --- relatives ---
    ("relative_with_parental_responsibility",
     answers(filer="relative", parental_responsibility="yes", consent="yes"),
     "statutory_stage1", (), False, True, ["pr_holder_eligible"]),
    ("grandparent_without_parental_responsibility",
     answers(filer="relative", parental_responsibility="no"),
     "human_review", (), True, True, ["sufficient_interest", "advocacy_signpost"]),
    ("relative_unsure_about_parental_responsibility",
     answers(filer="relative", parental_responsibility="unsure"),
     "human_review", (), True, True, ["sufficient_interest"]),
    ("relative_whose_adult_young_person_has_not_agreed",
     answers(filer="relative", parental_responsibility="yes", young_person_status=["care_leaver"],
             young_person_age=18),
     "human_review", (), True, True, ["pr_holder_eligible", "adult_consent_needed"]),
    # --- carers, guardians, adopters ---
    ("foster_carer", answers(filer="foster_carer", topics=["placement"]),
     "statutory_stage1", (), False, False, ["foster_carer_eligible", "advocacy_signpost"]),
    ("special_guardian",
     answers(filer="special_guardian", young_person_status=["special_guardianship"],
             topics=["special_guardianship_support"]),
     "statutory_stage1", (), False, False, ["special_guardian_eligible"]),
    ("prospective_adopter",
     answers(filer="prospective_adopter", young_person_status=DROP, young_person_age=DROP,
             topics=["adoption_support"]),
     "statutory_stage1", (), False, False, ["adoption_eligible"]),
    ("foster_carer_for_an_adult_without_consent",
     answers(filer="foster_carer", young_person_status=["care_leaver"], young_person_age=18),
     "human_review", (), True, False, ["foster_carer_eligible", "adult_consent_needed"]),
    # --- no clear standing ---
    ("professional_in_own_right", answers(filer="professional", represents="nobody"),
     "human_review", (), True, False, ["sufficient_interest"]),
    ("professional_who_did_not_say_whom_they_act_for", answers(filer="professional"),
     "human_review", (), True, False, ["sufficient_interest"]),
    ("other_filer_who_did_not_say", answers(filer="other"),
     "human_review", (), True, False, ["sufficient_interest"]),
    ("representative_who_did_not_say_whom_they_act_for", answers(filer="representative"),
     "human_review", (), True, False, ["represents_unknown"]),
    ("filer_missing", answers(filer=DROP),
     "human_review", (), True, False, ["filer_unknown"]),
    # --- timing (reg 9) ---
    ("late_complaint", answers(event_within_12_months=False, late_reason="I did not know I could complain"),
     "human_review", (), True, True, ["late_complaint"]),
    ("time_not_said", answers(event_within_12_months=DROP),
     "human_review", (), True, True, ["time_unknown"]),
    # --- proceedings (reg 8) ---
    ("court_proceedings", answers(ongoing_proceedings=["court"]),
     "human_review", (), True, True, ["proceedings_ongoing"]),
    ("police_investigation_even_if_none_also_ticked",
     answers(ongoing_proceedings=["none", "police"]),
     "human_review", (), True, True, ["proceedings_ongoing"]),
    ("disciplinary_proceedings", answers(ongoing_proceedings=["disciplinary"]),
     "human_review", (), True, True, ["proceedings_ongoing"]),
    ("unsure_about_proceedings", answers(ongoing_proceedings=["unsure"]),
     "human_review", (), True, True, ["proceedings_unsure"]),
    ("proceedings_not_said", answers(ongoing_proceedings=DROP),
     "human_review", (), True, True, ["proceedings_unknown"]),
    # --- escalation ---
    ("stage2_request", answers(request="stage2_escalation"),
     "human_review", (), True, True, ["escalation_stage2"]),
    ("stage3_request", answers(request="stage3_escalation"),
     "human_review", (), True, True, ["escalation_stage3"]),
    ("stage2_request_about_a_school", answers(request="stage2_escalation", topics=["school"]),
     "human_review", ("school_procedure",), True, True, ["escalation_stage2", "topic_school"]),
    # --- topics ---
    ("school", answers(topics=["school"]),
     "school_procedure", (), False, True, ["topic_school"]),
    ("school_complaint_needs_no_standing_decision",
     answers(filer="relative", parental_responsibility="no", topics=["school"]),
     "school_procedure", (), False, True, ["topic_school"]),
    ("other_topic", answers(topics=["other"]),
     "human_review", (), True, True, ["topic_unclear"]),
    ("topics_missing", answers(topics=DROP),
     "human_review", (), True, True, ["topic_missing"]),
    # --- mixed complaints ---
    ("placement_and_school", answers(topics=["placement", "school"]),
     "statutory_stage1", ("school_procedure",), True, True,
     ["mixed_complaint", "topic_school", "in_scope"]),
    ("school_and_placement", answers(topics=["school", "placement"]),
     "school_procedure", ("statutory_stage1",), True, True, ["mixed_complaint", "in_scope"]),
    ("two_in_scope_topics_are_not_mixed", answers(topics=["placement", "family_time"]),
     "statutory_stage1", (), False, True, ["in_scope"]),
    ("school_and_late_placement_complaint",
     answers(topics=["school", "placement"], event_within_12_months=False),
     "school_procedure", ("human_review",), True, True, ["mixed_complaint", "late_complaint"]),
    ("three_way_split",
     answers(topics=["placement", "court_report", "personal_records", "court_decision"]),
     "statutory_stage1", ("court", "information_governance"), True, True,
     ["mixed_complaint", "topic_court_report", "topic_personal_records", "topic_court_decision"]),
    # --- safeguarding ---
    ("not_safe_now", answers(safe_now="no"),
     "safeguarding_referral", ("statutory_stage1",), True, True, ["not_safe_now", "in_scope"]),
    ("unsure_if_safe", answers(safe_now="unsure"),
     "safeguarding_referral", ("statutory_stage1",), True, True, ["unsure_if_safe"]),
    ("harm_words_in_the_description",
     answers(description="My foster carer hits me and I don't feel safe"),
     "safeguarding_referral", ("statutory_stage1",), True, True, ["safeguarding_words"]),
    ("harm_words_in_the_desired_outcome", answers(desired_outcome="I want to run away"),
     "safeguarding_referral", ("statutory_stage1",), True, True, ["safeguarding_words"]),
    ("harm_words_in_the_late_reason",
     answers(event_within_12_months=False,
             late_reason="they said they would hurt me if I told. he hit me"),
     "safeguarding_referral", ("human_review",), True, True,
     ["safeguarding_words", "late_complaint"]),
    ("not_safe_and_a_school_complaint", answers(safe_now="no", topics=["school", "placement"]),
     "safeguarding_referral", ("school_procedure", "statutory_stage1"), True, True,
     ["not_safe_now", "mixed_complaint"]),
    ("empty_answers", {},
     "human_review", (), True, False,
     ["topic_missing", "filer_unknown", "time_unknown", "proceedings_unknown"]),
]


@pytest.mark.parametrize(
    "given, route, secondary, needs_review, offer_advocacy, expected_codes",
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_decision(given, route, secondary, needs_review, offer_advocacy, expected_codes):
    decision = decide(given)
    assert decision.route == route
    assert decision.secondary_routes == secondary
    assert decision.needs_review is needs_review
    assert decision.offer_advocacy is offer_advocacy
    assert set(expected_codes) <= set(codes(decision)), codes(decision)
    assert decision.urgent is (route == "safeguarding_referral")


OUT_OF_SCOPE = [
    ("child_protection_enquiry", "corporate"),
    ("child_protection_conference", "conference_appeal"),
    ("court_report", "court"),
    ("court_decision", "court"),
    ("foster_carer_approval", "independent_review_mechanism"),
    ("adopter_approval", "independent_review_mechanism"),
    ("school", "school_procedure"),
    ("send_or_education", "corporate"),
    ("personal_records", "information_governance"),
    ("provider_own_practice", "provider_procedure"),
    ("police_health_or_other_body", "other_body"),
]


@pytest.mark.parametrize("topic, route", OUT_OF_SCOPE)
def test_each_topic_outside_the_procedure_has_its_route_and_reason(topic, route):
    decision = decide(answers(topics=[topic]))
    assert decision.route == route
    assert f"topic_{topic}" in codes(decision)
    assert "in_scope" not in codes(decision)
    assert decision.needs_review is False


def test_every_topic_elsewhere_is_covered():
    assert {topic for topic, _ in OUT_OF_SCOPE} == set(vocabulary.TOPICS_ELSEWHERE)


@pytest.mark.parametrize("topic", vocabulary.TOPICS_IN_SCOPE)
def test_each_topic_in_scope_goes_to_stage1(topic):
    decision = decide(answers(topics=[topic]))
    assert decision.route == "statutory_stage1"
    assert "in_scope" in codes(decision)


def test_every_route_is_reachable():
    reached = {decide(case[1]).route for case in CASES}
    reached |= {route for _, route in OUT_OF_SCOPE}
    assert reached == set(vocabulary.ROUTES)


@pytest.mark.parametrize(
    "status, citation",
    [
        (["in_care"], "s26(3)(a)"),
        (["adopted"], "s26(3B)"),
        (["special_guardianship"], "s26(3C)"),
    ],
)
def test_child_eligible_cites_the_right_section(status, citation):
    decision = decide(answers(young_person_status=status))
    (reason,) = [r for r in decision.reasons if r.code == "child_eligible"]
    assert citation in reason.rule


def test_safeguarding_signal_categories_are_reported():
    decision = decide(answers(description="He hits me.", desired_outcome="I want to die"))
    assert decision.signals == ("physical_abuse", "self_harm")
    assert decision.urgent


def test_what_was_said_outside_the_free_text_is_read_too():
    decision = assess(answers(), received=RECEIVED, also_said=["my foster carer hits me"])
    assert decision.urgent and "physical_abuse" in decision.signals


def test_safe_now_yes_with_a_calm_description_is_not_urgent():
    decision = decide(answers())
    assert not decision.urgent
    assert decision.signals == ()


def test_reasons_are_not_repeated():
    decision = decide(
        answers(safe_now="no", description="he hit me", topics=["school", "court_report"]))
    assert len(codes(decision)) == len(set(codes(decision)))


def test_proceedings_reason_names_the_proceedings():
    decision = decide(answers(ongoing_proceedings=["court", "police"]))
    (reason,) = [r for r in decision.reasons if r.code == "proceedings_ongoing"]
    assert "court, police" in reason.rule


def test_deadlines_over_christmas():
    decision = assess(answers(), received=dt.date(2026, 12, 23))
    assert decision.deadlines == {
        "acknowledge_by": "2026-12-29",
        "stage1_due": "2027-01-11",
        "stage1_extended_due": "2027-01-25",
    }


def test_deadlines_default_to_today():
    from intake.calendar import statutory_deadlines

    assert assess({}).deadlines == statutory_deadlines(dt.date.today())


def test_deadlines_are_given_even_when_the_route_is_elsewhere():
    assert set(decide(answers(topics=["school"])).deadlines) == {
        "acknowledge_by", "stage1_due", "stage1_extended_due",
    }


def test_to_dict_is_json_ready():
    decision = decide(answers(safe_now="no", topics=["placement", "school"]))
    data = decision.to_dict()
    assert set(data) == {
        "route", "secondary_routes", "reasons", "offer_advocacy", "urgent", "needs_review",
        "deadlines", "signals",
    }
    assert data["secondary_routes"] == ["statutory_stage1", "school_procedure"]
    assert data["reasons"][0] == {
        "code": "not_safe_now",
        "rule": engine.RULES["not_safe_now"],
        "message_id": "reason.not_safe_now",
    }
    assert json.loads(json.dumps(data)) == data


def test_reason_to_dict():
    reason = Reason(code="in_scope", rule="rule", message_id="reason.in_scope")
    assert reason.to_dict() == {"code": "in_scope", "rule": "rule", "message_id": "reason.in_scope"}


# --- messages: every reason the engine can emit has a plain-language text ---

def _codes_in_engine_source() -> set[str]:
    """Every literal code passed to _reason() in engine.py, plus the topic_<topic> codes."""
    tree = ast.parse(Path(engine.__file__).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "_reason" and node.args):
            arg = node.args[0]
            if isinstance(arg, ast.Constant):
                found.add(arg.value)
            elif isinstance(arg, ast.IfExp):  # _reason("a" if ... else "b")
                found.update(n.value for n in (arg.body, arg.orelse) if isinstance(n, ast.Constant))
        if isinstance(node, ast.Dict):  # own_right = {"foster_carer": "foster_carer_eligible", ...}
            for value in node.values:
                if isinstance(value, ast.Constant) and str(value.value).endswith("_eligible"):
                    found.add(value.value)
    found |= {f"topic_{t}" for t in engine.TOPIC_ROUTES if t != "other"}
    return found


def test_every_code_in_the_engine_source_has_a_rule():
    assert _codes_in_engine_source() <= set(engine.RULES)


def test_every_reason_the_engine_can_emit_has_a_message():
    emitted = set(engine.RULES) | _codes_in_engine_source()
    missing = {f"reason.{code}" for code in emitted} - set(REASON_MESSAGES)
    assert not missing


def test_no_message_without_a_reason():
    assert set(REASON_MESSAGES) == {f"reason.{code}" for code in engine.RULES}


def test_every_message_is_marked_for_translation():
    tree = ast.parse(Path(engine.__file__).with_name("messages.py").read_text(encoding="utf-8"))
    (table,) = [n.value for n in ast.walk(tree) if isinstance(n, ast.AnnAssign)]
    for value in table.values:
        assert isinstance(value, ast.Call) and value.func.id == "N_"


@pytest.mark.parametrize("message_id", sorted(REASON_MESSAGES))
def test_messages_are_plain_language(message_id):
    text = REASON_MESSAGES[message_id]
    lowered = text.lower()
    for banned in ("statutory", "representations", "eligible", "eligibility"):
        assert banned not in lowered
    sentences = [s for s in text.replace("?", ".").replace("!", ".").split(".") if s.strip()]
    assert all(len(s.split()) <= 20 for s in sentences), "keep sentences short"


# --- never crash: random valid answer sets ---

TEXTS = [
    "", "my social worker never visits", "he hits me", "I want to run away",
    "no food at home", "hit the target", "I don\u2019t feel safe", "ordinary words",
]


def _random_answers(rng: random.Random) -> dict:
    result = {}
    for key, kind in vocabulary.ANSWERS.items():
        if rng.random() < 0.3:
            continue
        if kind[0] == "choice":
            result[key] = rng.choice(kind[1])
        elif kind[0] == "multi":
            result[key] = rng.sample(kind[1], rng.randint(0, 3))
        elif kind[0] == "integer":
            result[key] = rng.choice([rng.randint(0, 30), rng.randint(0, 130)])
        elif kind[0] == "boolean":
            result[key] = rng.random() < 0.5
        elif kind[0] == "text":
            result[key] = rng.choice(TEXTS)
    return check_answers(result)


def test_random_valid_answers_never_break_the_engine():
    rng = random.Random(20260309)
    for _ in range(2000):
        given = _random_answers(rng)
        decision = decide(given)
        assert decision.route in vocabulary.ROUTES, given
        assert decision.route not in decision.secondary_routes, given
        assert len(set(decision.secondary_routes)) == len(decision.secondary_routes), given
        assert set(decision.secondary_routes) <= set(vocabulary.ROUTES), given
        for reason in decision.reasons:
            assert reason.message_id == f"reason.{reason.code}"
            assert reason.message_id in REASON_MESSAGES, reason
        if decision.route in ("human_review", "safeguarding_referral") or decision.secondary_routes:
            assert decision.needs_review, given
        data = decision.to_dict()
        assert json.loads(json.dumps(data)) == data


PURE_MODULES = ("intake.calendar", "intake.journey.vocabulary", "intake.text", "intake.eligibility",
                "intake.safeguarding")


def test_the_package_stays_pure():
    """No Flask or other web imports, only pure intake modules: every channel can use it."""
    folder = Path(engine.__file__).parent
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            for name in names:
                assert not name.startswith(("flask", "werkzeug", "jinja2")), (path.name, name)
                if name.startswith("intake."):
                    assert name.startswith(PURE_MODULES), (path.name, name)


# --- advocacy for care leavers (issue 18) ---

@pytest.mark.parametrize("given, offered, code", [
    (answers(young_person_status=["unsure"], young_person_age=20), True, "advocacy_offered"),
    (answers(young_person_status=["care_leaver"], young_person_age=25), True, "advocacy_offered"),
    (answers(young_person_status=DROP, young_person_age=19), True, "advocacy_offered"),
    (answers(young_person_status=["none"], young_person_age=20), False, None),
    (answers(young_person_status=["care_leaver"], young_person_age=26), False, None),
    (answers(filer="professional", represents="young_person", consent="yes",
             young_person_status=["unsure"], young_person_age=22),
     True, "advocacy_for_young_person"),
    (answers(filer="foster_carer", young_person_age=10), False, None),
])
def test_advocacy_is_offered_for_a_young_persons_own_experience_whoever_files(given, offered, code):
    decision = decide(given)
    assert decision.offer_advocacy is offered
    if code:
        assert code in codes(decision)
    else:
        assert not {"advocacy_offered", "advocacy_for_young_person"} & set(codes(decision))
