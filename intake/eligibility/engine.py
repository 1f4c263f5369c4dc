"""Decide the provisional route for a complaint, following domain.md section 9.

The engine never refuses anyone: when the law leaves a choice to the council (sufficient
interest, late complaints, proceedings, consent, escalation) it routes to
``human_review`` and says why. Every step adds reasons that cite the rule applied, so the
complaints team can check the decision and the complainant can read why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from intake import calendar
from intake import safeguarding
from intake.journey import vocabulary

STAGE1 = "statutory_stage1"
HUMAN = "human_review"
SAFEGUARDING = "safeguarding_referral"

# domain.md 2.2: where topics outside the statutory procedure go.
TOPIC_ROUTES: dict[str, str] = {
    "child_protection_enquiry": "corporate",
    "child_protection_conference": "conference_appeal",
    "court_report": "court",
    "court_decision": "court",
    "foster_carer_approval": "independent_review_mechanism",
    "adopter_approval": "independent_review_mechanism",
    "school": "school_procedure",
    "send_or_education": "corporate",
    "personal_records": "information_governance",
    "provider_own_practice": "provider_procedure",
    "police_health_or_other_body": "other_body",
    "other": HUMAN,
}

_SAFEGUARDING_RULE = (
    "Working Together to Safeguard Children; council procedures exclude significant-harm concerns"
)
_REG8 = "2006 Regulations reg 8: possible deferral while other proceedings are live"
_CONSENT_RULE = "Council procedures: the complaints manager confirms the child is content"
_SUITABLE_REPRESENTATIVE = (
    "Council procedures (GTBFC): the council decides whether a representative is suitable to act"
)
_WHICH_PROCEDURE = "2006 Regulations reg 10: the complaints manager decides which procedure applies"

# Every reason code the engine can emit, with the rule it applies. The message id is
# always "reason.<code>" (see messages.py; a test keeps the two in step).
RULES: dict[str, str] = {
    # 1. safeguarding
    "not_safe_now": _SAFEGUARDING_RULE,
    "unsure_if_safe": _SAFEGUARDING_RULE,
    "safeguarding_words": _SAFEGUARDING_RULE,
    # 2. topics
    "topic_child_protection_enquiry":
        "LGSCO fact sheet: s47 enquiries are not a reg 3 function; "
        "the council's own procedure",
    "topic_child_protection_conference":
        "Safeguarding partnership conference complaints procedure "
        "(appeal via the chair)",
    "topic_court_report":
        "s7 and s37 reports are excluded from the 2006 Regulations; "
        "court matters are for the court",
    "topic_court_decision":
        "LGSCO fact sheet: what a court decided or is deciding is for the court",
    "topic_foster_carer_approval":
        "Qualifying determination: Independent Review Mechanism, "
        "excluded from the 2006 Regulations",
    "topic_adopter_approval":
        "Qualifying determination: Independent Review Mechanism, "
        "excluded from the 2006 Regulations",
    "topic_school":
        "Education Act 2002 s29: the school's own complaints procedure, then the DfE",
    "topic_send_or_education":
        "Education and SEND functions are not CA 1989 Part 3: corporate procedure "
        "(SEND Tribunal for EHC plans)",
    "topic_personal_records":
        "UK GDPR data rights: the council's information governance team, then the ICO",
    "topic_provider_own_practice":
        "The independent provider's own complaints procedure; Ofsted can be told at any time",
    "topic_police_health_or_other_body":
        "Another body's own procedure (police, NHS, Cafcass, housing); LGSCO manual Part 12",
    "topic_unclear": _WHICH_PROCEDURE,
    "topic_missing": _WHICH_PROCEDURE,
    # 3. mixed complaints
    "mixed_complaint": "LGSCO fact sheet: say which procedure applies to each part",
    # 4. who is complaining
    "child_eligible": "Children Act 1989 s26(3)(a)",
    "care_leaver_eligible": "Children Act 1989 s24D",
    "care_leaver_in_education": "Children Act 1989 s24D (to 25 in education or training)",
    "care_leaver_status_to_check":
        "Children Act 1989 s24D: former relevant care leavers can have a personal adviser to 25, "
        "qualifying young people usually only to 21",
    "adult_historic":
        "Outside Children Act 1989 s26(3) and s24D; the council may still investigate",
    "age_needed": "Children Act 1989 s24D: care leaver support depends on age",
    "status_unclear": "Children Act 1989 s26(3): the child must be looked after or in need",
    "consent_given": _CONSENT_RULE,
    "consent_missing": _CONSENT_RULE,
    "consent_cannot_ask":
        _SUITABLE_REPRESENTATIVE,
    "parent_eligible": "Children Act 1989 s26(3)(b)",
    "adult_consent_needed":
        "LGSCO BCP 24-008-242: the consent of a young person aged 18 or over is needed",
    "child_disagrees":
        "Gillick competence: the child's refusal weighs heavily; "
        "a parent's own complaint may still be considered",
    "child_not_asked":
        "Gillick competence (12 and over as a working presumption): a child of sufficient "
        "understanding is asked before a parent's complaint about them goes ahead",
    "pr_holder_eligible": "Children Act 1989 s26(3)(c)",
    "sufficient_interest":
        "Children Act 1989 s26(3)(e); 2006 Regulations: "
        "the council decides sufficient interest as soon as possible",
    "foster_carer_eligible": "Children Act 1989 s26(3)(d)",
    "special_guardian_eligible": "Children Act 1989 s26(3C); s26(3)(c)",
    "adoption_eligible": "Children Act 1989 s26(3B); Adoption and Children Act 2002 s3(1)",
    "represents_unknown":
        _SUITABLE_REPRESENTATIVE,
    "filer_unknown": "Children Act 1989 s26(3): who may complain",
    # 5. timing
    "late_complaint": "2006 Regulations reg 9: a late complaint may still be considered",
    "time_unknown": "2006 Regulations reg 9: complaints are normally made within 12 months",
    # 6. proceedings
    "proceedings_ongoing": _REG8,
    "proceedings_unsure": _REG8,
    "proceedings_unknown": _REG8,
    # 7. escalation
    "escalation_stage2":
        "LGSCO: complainants are entitled to go on to stage 2; the complaints manager arranges it",
    "escalation_stage3":
        "LGSCO: complainants are entitled to go on to stage 3; the complaints manager arranges it",
    # 8. in scope
    "in_scope": "Children Act 1989 s26; 2006 Regulations reg 3-5",
    # 10. advocacy
    "advocacy_offered": "Children Act 1989 s26A",
    "advocacy_for_young_person":
        "Children Act 1989 s26A: the young person the complaint is about may have an advocate",
    "advocacy_signpost": "Adults can be signposted, e.g. Family Rights Group",
}

# Reasons that stop a statutory complaint going straight to stage 1: a person decides.
FORCING = frozenset({
    "status_unclear", "age_needed", "care_leaver_status_to_check", "adult_historic",
    "consent_missing", "consent_cannot_ask", "adult_consent_needed", "child_disagrees",
    "child_not_asked",
    "sufficient_interest", "represents_unknown", "filer_unknown",
    "late_complaint", "time_unknown",
    "proceedings_ongoing", "proceedings_unsure", "proceedings_unknown",
    "escalation_stage2", "escalation_stage3",
})

QUALIFYING_STATUSES = frozenset({
    "in_care", "child_in_need", "child_protection_plan", "care_leaver", "special_guardianship",
    "adopted",
})
LIVE_PROCEEDINGS = ("court", "police", "tribunal", "disciplinary")
#: s24D: care leavers may complain, and have an advocate, up to this age.
CARE_LEAVER_MAX_AGE = 25
#: From this age a child is presumed able to have a view on a complaint about them
#: (Gillick; shared/domain.md 1.4: "12 or over is often used as a working presumption").
SUFFICIENT_UNDERSTANDING_AGE = 12
# Adults who complain in their own right: signposted for advice, not offered an advocate.
ADULT_CLASSES = ("parent", "relative", "foster_carer", "special_guardian", "prospective_adopter")
# Filers who are asked whom they act for.
ACTS_FOR_SOMEONE = ("advocate", "representative", "professional", "other")
FREE_TEXT = vocabulary.FREE_TEXT


@dataclass(frozen=True)
class Reason:
    """One step of the decision: what was found, which rule applied, which text explains it."""

    code: str
    rule: str
    message_id: str

    def to_dict(self) -> dict:
        return {"code": self.code, "rule": self.rule, "message_id": self.message_id}


@dataclass(frozen=True)
class Decision:
    """The provisional route and everything the complaints team needs to confirm it."""

    route: str
    secondary_routes: tuple[str, ...]
    reasons: tuple[Reason, ...]
    offer_advocacy: bool
    urgent: bool
    needs_review: bool
    deadlines: dict[str, str]
    signals: tuple[str, ...]

    def to_dict(self) -> dict:
        return {
            "route": self.route,
            "secondary_routes": list(self.secondary_routes),
            "reasons": [reason.to_dict() for reason in self.reasons],
            "offer_advocacy": self.offer_advocacy,
            "urgent": self.urgent,
            "needs_review": self.needs_review,
            "deadlines": dict(self.deadlines),
            "signals": list(self.signals),
        }


def _reason(code: str, rule: str | None = None) -> Reason:
    return Reason(code=code, rule=rule or RULES[code], message_id=f"reason.{code}")


def _distinct(items) -> list:
    seen = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def _one_per_code(reasons: list[Reason]) -> tuple[Reason, ...]:
    """Keep the first reason of each code, in order, so no explanation is shown twice."""
    seen: dict[str, Reason] = {}
    for reason in reasons:
        seen.setdefault(reason.code, reason)
    return tuple(seen.values())


def qualifying_status(status_list) -> bool:
    """True if the council's children's social care supports the young person (s26(3), s24D)."""
    return bool(set(status_list or ()) & QUALIFYING_STATUSES)


# --- reading the answers defensively: a missing or odd value means "didn't say" ---

def _choice(answers: dict, key: str) -> str | None:
    value = answers.get(key)
    return value if isinstance(value, str) else None


def _multi(answers: dict, key: str) -> list[str]:
    value = answers.get(key)
    if not isinstance(value, (list, tuple)):
        return []
    return _distinct(v for v in value if isinstance(v, str))


def _age(answers: dict) -> int | None:
    value = answers.get("young_person_age")
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def _flag(answers: dict, key: str) -> bool | None:
    value = answers.get(key)
    return value if isinstance(value, bool) else None


#: The reason codes that say a child may not be safe (step 1).
SAFETY_REASONS: tuple[str, ...] = tuple(code for code, rule in RULES.items()
                                        if rule == _SAFEGUARDING_RULE)


# --- step 1: safeguarding ---

def _safety(answers: dict, also_said=()) -> tuple[list[Reason], tuple[str, ...]]:
    """Reasons for urgency and the signal categories found in the free text.

    ``also_said`` is what the person wrote outside the free-text answers (in the chat, at a
    question with buttons, or before the questions began): read just the same.
    """
    reasons = []
    safe_now = _choice(answers, "safe_now")
    if safe_now == "no":
        reasons.append(_reason("not_safe_now"))
    elif safe_now == "unsure":
        reasons.append(_reason("unsure_if_safe"))
    found = set()
    texts = [answers.get(key) for key in FREE_TEXT] + list(also_said or ())
    for text in texts:
        if isinstance(text, str):
            found.update(safeguarding.signals(text))
    if found:
        reasons.append(_reason("safeguarding_words"))
    return reasons, tuple(sorted(found))


# --- step 2: topics ---

def _topic_reasons(topics: list[str]) -> list[Reason]:
    if not topics:
        return [_reason("topic_missing")]
    reasons = []
    for topic in topics:
        if topic == "other":
            reasons.append(_reason("topic_unclear"))
        elif topic in TOPIC_ROUTES:
            reasons.append(_reason(f"topic_{topic}"))
    return reasons


# --- step 4: who is complaining ---

def complainant(answers: dict) -> str | None:
    """Whose complaint this is: a ``represents`` value, "nobody", "unknown" or None.

    Advocates act for young people unless they say otherwise; a representative who has
    not said whom they act for is "unknown"; professionals and others who have not said
    are taken to complain in their own right ("nobody").
    """
    filer = _choice(answers, "filer")
    if filer is None:
        return None
    if filer not in ACTS_FOR_SOMEONE:
        return filer
    represents = _choice(answers, "represents")
    if represents is not None:
        return represents
    if filer == "advocate":
        return "young_person"
    if filer == "representative":
        return "unknown"
    return "nobody"


def _citation(base: str, qualifying: set[str]) -> str:
    """The base section plus the adoption (s26(3B)) and special guardianship (s26(3C)) ones."""
    parts = [base] if base else []
    if "adopted" in qualifying:
        parts.append("s26(3B)")
    if "special_guardianship" in qualifying:
        parts.append("s26(3C)")
    return "Children Act 1989 " + "; ".join(parts)


def _child_citation(qualifying: set[str]) -> str:
    base = []
    if qualifying & {"in_care", "child_in_need", "child_protection_plan"}:
        base.append("s26(3)(a)")
    if "care_leaver" in qualifying:
        base.append("s24D")
    return _citation("; ".join(base), qualifying)


def _young_person_reasons(
    statuses: list[str], age: int | None, in_education: bool | None
) -> list[Reason]:
    qualifying = set(statuses) & QUALIFYING_STATUSES
    if age is not None and age >= 18:
        if "care_leaver" not in qualifying:
            return [_reason("adult_historic")]
        if age <= 20:
            return [_reason("care_leaver_eligible")]
        if age <= 24:
            if in_education:
                return [_reason("care_leaver_in_education")]
            return [_reason("care_leaver_status_to_check")]
        if in_education:
            return [_reason("care_leaver_status_to_check")]
        return [_reason("adult_historic")]
    if not qualifying:
        return [_reason("status_unclear")]
    if age is None and qualifying == {"care_leaver"}:
        return [_reason("age_needed")]
    # Under 18, or age not given with a status only children have.
    return [_reason("child_eligible", _child_citation(qualifying))]


def _consent_for_child(consent: str | None) -> list[Reason]:
    """Someone presenting the young person's own complaint: is the young person content?"""
    if consent == "yes":
        return [_reason("consent_given")]
    if consent == "cannot_ask":
        return [_reason("consent_cannot_ask")]
    return [_reason("consent_missing")]


def _adult_consent(age: int | None, consent: str | None) -> list[Reason]:
    """Someone complaining in their own right about a young person aged 18 or over."""
    if age is not None and age >= 18:
        return [_reason("consent_given" if consent == "yes" else "adult_consent_needed")]
    if consent == "yes":
        return [_reason("consent_given")]
    return []


def _family_consent(age: int | None, consent: str | None) -> list[Reason]:
    """A parent or relative: as for adults; a child's disagreement weighs heavily, and a
    child old enough to have a view who has not been asked goes to a person too."""
    if (age is None or age < 18) and consent == "no":
        return [_reason("child_disagrees")]
    if age is not None and SUFFICIENT_UNDERSTANDING_AGE <= age < 18 and consent in (None, "not_asked"):
        return [_reason("child_not_asked")]
    return _adult_consent(age, consent)


def _who_reasons(answers: dict) -> tuple[str | None, list[Reason]]:
    """The complainant class and the reasons about their standing."""
    who = complainant(answers)
    if who is None:
        return who, [_reason("filer_unknown")]
    if who == "unknown":
        return who, [_reason("represents_unknown")]
    if who == "nobody":
        return who, [_reason("sufficient_interest")]

    statuses = _multi(answers, "young_person_status")
    qualifying = set(statuses) & QUALIFYING_STATUSES
    age = _age(answers)
    consent = _choice(answers, "consent")

    if who == "young_person":
        reasons = _young_person_reasons(
            statuses, age, _flag(answers, "care_leaver_in_education_or_training"))
        if _choice(answers, "filer") != "young_person":
            reasons += _consent_for_child(consent)
        return who, reasons

    if who in ("parent", "relative"):
        if who == "relative" and _choice(answers, "parental_responsibility") != "yes":
            reasons = [_reason("sufficient_interest")]
        elif not qualifying:
            reasons = [_reason("status_unclear")]
        elif who == "parent":
            reasons = [_reason("parent_eligible", _citation("s26(3)(b)", qualifying))]
        else:
            reasons = [_reason("pr_holder_eligible", _citation("s26(3)(c)", qualifying))]
        if age is None and qualifying == {"care_leaver"}:
            # A care leaver may be an adult, whose own consent is then needed.
            reasons.append(_reason("age_needed"))
        return who, reasons + _family_consent(age, consent)

    own_right = {
        "foster_carer": "foster_carer_eligible",
        "special_guardian": "special_guardian_eligible",
        "prospective_adopter": "adoption_eligible",
    }
    return who, [_reason(own_right[who])] + _adult_consent(age, consent)


# --- steps 5 to 7: timing, proceedings, escalation ---

def _timing_reasons(answers: dict) -> list[Reason]:
    within = _flag(answers, "event_within_12_months")
    if within is False:
        return [_reason("late_complaint")]
    if within is None:
        return [_reason("time_unknown")]
    return []


def _proceedings_reasons(answers: dict) -> list[Reason]:
    proceedings = _multi(answers, "ongoing_proceedings")
    live = [p for p in LIVE_PROCEEDINGS if p in proceedings]
    if live:
        return [_reason("proceedings_ongoing", f"{_REG8} ({', '.join(live)})")]
    if "unsure" in proceedings:
        return [_reason("proceedings_unsure")]
    if not proceedings:
        return [_reason("proceedings_unknown")]
    return []


def _escalation_reasons(answers: dict) -> list[Reason]:
    request = _choice(answers, "request")
    if request == "stage2_escalation":
        return [_reason("escalation_stage2")]
    if request == "stage3_escalation":
        return [_reason("escalation_stage3")]
    return []


# --- step 10: advocacy ---

def _young_person_may_have_an_advocate(statuses: list[str], age: int | None) -> bool:
    """s26A covers children and care leavers (s24D, up to 25). Where it is not certain
    that someone of 18 to 25 is a care leaver, offer it: a person checks later, and a
    young person who counts must not lose the offer to a form's uncertainty."""
    if age is None or age < 18:
        return True
    if age > CARE_LEAVER_MAX_AGE:
        return False
    return "care_leaver" in statuses or "unsure" in statuses or not statuses


def _routes(topics: list[str], statutory_route: str, escalation: bool,
            urgent: bool) -> tuple[str, tuple[str, ...], bool]:
    """3, 7. The route of each topic (mixed complaints are split and flagged): the primary
    route, the others, and whether the topics go different ways."""
    topic_routes = [
        statutory_route if t in vocabulary.TOPICS_IN_SCOPE else TOPIC_ROUTES[t] for t in topics
    ] or [HUMAN]
    mixed = len(set(topic_routes)) > 1
    if escalation:
        # Escalations go to the complaints manager whatever the topic; keep the topic routes.
        primary, secondary = HUMAN, topic_routes
    else:
        primary, secondary = topic_routes[0], topic_routes[1:]
    if urgent:
        primary, secondary = SAFEGUARDING, [primary] + list(secondary)
    return primary, tuple(r for r in _distinct(secondary) if r != primary), mixed


def _advocacy(answers: dict, who: str | None) -> tuple[bool, list[Reason]]:
    """10. Advocacy whenever the complaint is about a child's or care leaver's own
    experience, whoever files it: the young person, an advocate or someone else presenting
    their complaint, or a parent or relative complaining about the care the young person
    gets. Foster carers, special guardians and adopters complain about their own services.
    A filer who is not the young person is told how the young person can take it up;
    adults are also signposted to advice for themselves."""
    filer = _choice(answers, "filer")
    about_young_person = who in ("young_person", "parent", "relative")
    offer = about_young_person and _young_person_may_have_an_advocate(
        _multi(answers, "young_person_status"), _age(answers))
    reasons = []
    if offer:
        reasons.append(_reason("advocacy_offered" if filer in ("young_person", "advocate")
                               else "advocacy_for_young_person"))
    if who in ADULT_CLASSES:
        reasons.append(_reason("advocacy_signpost"))
    return offer, reasons


def _deadlines(answers: dict, received: dt.date) -> dict[str, str]:
    """11. A new complaint's stage 1 clocks, or a stage 2 or 3 request's own (never stage 1's)."""
    request = _choice(answers, "request")
    if request == "stage2_escalation":
        return calendar.escalation_deadlines(2, received)
    if request == "stage3_escalation":
        return calendar.escalation_deadlines(3, received)
    return calendar.statutory_deadlines(received)


def assess(answers: dict, received: dt.date | None = None, also_said=()) -> Decision:
    """Decide the provisional route for a set of vocabulary answers (domain.md section 9).

    Any answer may be missing; the engine then asks a person to decide rather than guess.
    ``also_said``: other things the person wrote (see ``_safety``).
    """
    answers = answers if isinstance(answers, dict) else {}
    received = received or calendar.today()

    # 1. Safeguarding comes first, but the complaint itself is still routed below.
    safety_reasons, signals = _safety(answers, also_said)
    urgent = bool(safety_reasons)

    # 2. What each topic is about. The first topic is the main one.
    topics = [t for t in _multi(answers, "topics") if t in vocabulary.TOPICS]
    in_scope = [t for t in topics if t in vocabulary.TOPICS_IN_SCOPE]
    may_be_statutory = bool(in_scope) or not topics or "other" in topics

    # 4-7. Standing, timing, proceedings and escalation decide what a statutory topic becomes.
    who, who_reasons = _who_reasons(answers)
    procedure_reasons = (
        _timing_reasons(answers) + _proceedings_reasons(answers) if may_be_statutory else []
    )
    escalation = _escalation_reasons(answers)
    forced = any(r.code in FORCING for r in who_reasons + procedure_reasons + escalation)
    statutory_route = HUMAN if forced else STAGE1

    primary, secondary_routes, mixed = _routes(topics, statutory_route, bool(escalation), urgent)

    reasons = safety_reasons + _topic_reasons(topics)
    if mixed:
        reasons.append(_reason("mixed_complaint"))
    reasons += who_reasons + procedure_reasons + escalation
    if in_scope and statutory_route == STAGE1:
        reasons.append(_reason("in_scope"))  # 8.

    offer_advocacy, advocacy_reasons = _advocacy(answers, who)
    reasons += advocacy_reasons

    # 9. A person must decide whenever the route is not final.
    needs_review = primary in (HUMAN, SAFEGUARDING) or mixed or HUMAN in secondary_routes

    return Decision(
        route=primary,
        secondary_routes=secondary_routes,
        reasons=_one_per_code(reasons),
        offer_advocacy=offer_advocacy,
        urgent=urgent,
        needs_review=needs_review,
        deadlines=_deadlines(answers, received),  # 11.
        signals=signals,
    )
