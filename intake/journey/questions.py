"""The one journey: every question, in order, with who is asked it.

Web form, Easy Read and chat all walk this list. Branching is only the ``applies``
predicates here; the answer ids are the vocabulary's.
"""

from __future__ import annotations

from dataclasses import replace

from intake.journey.model import PAGE_RULES, Field, Option, Question, Text, Wording
from intake.text import N_

#: Route facts: state the rules below read beside the answers. The service
#: (``intake.service.journey``) keeps them apart from the answers and adds them to the
#: facts it hands the journey, the engine and the case builder.
FAST_TRACK = "_fast_track"  # not safe right now, and chose the short, urgent route
ESCALATION = "_escalation"  # came through "Ask for my complaint to be looked at again"

FILING_FOR_SOMEONE = ("advocate", "representative", "professional", "other")
FAMILY_FILERS = ("parent", "relative")


def is_young_person(a: dict) -> bool:
    return a.get("filer") == "young_person"


def fast_track(a: dict) -> bool:
    """The short urgent route offered to a young person who is not safe right now."""
    return bool(a.get(FAST_TRACK))


def full_journey(predicate):
    """Questions that are skipped on the urgent fast track."""
    return lambda a: not fast_track(a) and predicate(a)


YES_NO = (Option("yes", N_("Yes")), Option("no", N_("No")))

REQUEST = Question(
    id="request",
    title=N_("What would you like to do?"),
    summary=N_("What you want to do"),
    applies=lambda a: bool(a.get(ESCALATION)) and not fast_track(a),
    fields=(Field("request", "choice", options=(
        Option("stage2_escalation", N_("Ask for my complaint to be looked at again"),
               N_("You got an answer to your complaint and you are not happy with it (stage 2)")),
        Option("stage3_escalation", N_("Ask for an independent panel to look at it"),
               N_("Your complaint was investigated and you are still not happy (stage 3)")),
        Option("new_complaint", N_("Make a new complaint")),
    ), errors={"required": N_("Choose what you would like to do")}),),
)

FILER = Question(
    id="filer",
    title=N_("Who is filling in this form?"),
    summary=N_("Who is filling in the form"),
    fields=(Field("filer", "choice", options=(
        Option("young_person", N_("I am the young person it is about"),
               N_("You are in care, get help from a social worker, or have left care")),
        Option("advocate", N_("I am an advocate helping a young person")),
        Option("parent", N_("I am a parent")),
        Option("relative", N_("I am a grandparent, aunt, uncle, brother, sister or other family member")),
        Option("foster_carer", N_("I am a foster carer")),
        Option("special_guardian", N_("I am a special guardian")),
        Option("prospective_adopter", N_("I want to adopt, or I am being assessed to adopt")),
        Option("professional", N_("I am a teacher, youth worker, health worker or other professional")),
        Option("representative", N_("I am an MP, councillor, solicitor or friend acting for someone")),
        Option("other", N_("Someone else")),
    ), errors={"required": N_("Choose who is filling in this form")}),),
)

SAFE_NOW = Question(
    id="safe_now",
    title=N_("Are you safe right now?"),
    summary=N_("Safe right now"),
    notice=N_("If you tell us someone is hurting you, or you are in danger, we have to tell "
              "people whose job is to keep you safe. We will tell you first if we can. "
              "You will not get into trouble."),
    applies=is_young_person,
    fields=(Field("safe_now", "choice", options=(
        Option("yes", N_("Yes, I am safe")),
        Option("no", N_("No, I am not safe")),
        Option("unsure", N_("I am not sure")),
    ), errors={"required": N_("Tell us if you are safe right now")}),),
)

REPRESENTS = Question(
    id="represents",
    title=N_("Who are you acting for?"),
    summary=N_("Acting for"),
    applies=full_journey(lambda a: a.get("filer") in FILING_FOR_SOMEONE),
    fields=(Field("represents", "choice", options=(
        Option("young_person", N_("The young person the complaint is about")),
        Option("parent", N_("A parent")),
        Option("relative", N_("A family member who is not a parent")),
        Option("foster_carer", N_("A foster carer")),
        Option("special_guardian", N_("A special guardian")),
        Option("prospective_adopter", N_("Someone who wants to adopt")),
        Option("nobody", N_("Nobody, I am complaining myself")),
    ), errors={"required": N_("Choose who you are acting for")}),),
)

PARENTAL_RESPONSIBILITY = Question(
    id="parental_responsibility",
    title=N_("Do you have parental responsibility for the young person?"),
    hint=N_("Parental responsibility means the legal rights to make decisions about a child. "
            "Mothers always have it. Fathers usually do if they are on the birth certificate."),
    summary=N_("Parental responsibility"),
    applies=full_journey(lambda a: a.get("filer") in FAMILY_FILERS
                         or a.get("represents") in FAMILY_FILERS),
    fields=(Field("parental_responsibility", "choice", options=(
        Option("yes", N_("Yes")), Option("no", N_("No")), Option("unsure", N_("I am not sure")),
    ), errors={"required": N_("Tell us if you have parental responsibility")}),),
)

STATUS = Question(
    id="young_person_status",
    title=Wording(N_("What help do you get from the council?"),
                  N_("What help does the young person get from the council?")),
    hint=N_("Choose all that apply."),
    summary=Wording(N_("Help you get"), N_("Help the young person gets")),
    applies=full_journey(lambda a: True),
    fields=(Field("young_person_status", "multi", options=(
        Option("in_care", Wording(N_("I am in care"), N_("They are in care")),
               N_("For example, living with foster carers, in a children's home or in supported lodgings")),
        Option("child_in_need", Wording(N_("I have a social worker, but I am not in care"),
                                        N_("They have a social worker, but are not in care")),
               N_("This includes help for disabled children")),
        Option("child_protection_plan", N_("There is a child protection plan")),
        Option("care_leaver", Wording(N_("I have left care"), N_("They have left care")),
               N_("For example, you have a personal adviser or a pathway plan")),
        Option("special_guardianship", Wording(N_("I live with a special guardian"),
                                               N_("They live with a special guardian"))),
        Option("adopted", Wording(N_("I am adopted, or being adopted"),
                                  N_("They are adopted, or being adopted"))),
        Option("early_help", N_("Early help only")),
        Option("none", N_("None of these"), exclusive=True),
        Option("unsure", N_("I do not know"), exclusive=True),
    ), errors={"required": N_("Choose at least one answer, or 'I do not know'"),
               "exclusive": N_("'None of these' and 'I do not know' cannot be chosen with other answers")}),),
)

AGE = Question(
    id="young_person_age",
    title=Wording(N_("How old are you?"), N_("How old is the young person?")),
    summary=Wording(N_("Your age"), N_("Young person's age")),
    applies=full_journey(lambda a: True),
    fields=(Field("young_person_age", "integer", minimum=0, maximum=120, errors={
        "required": Wording(N_("Enter your age"), N_("Enter the young person's age")),
        "invalid": N_("Enter the age as a number, like 15"),
        "too_big": N_("Enter an age under 120"),
    }),),
)

EDUCATION = Question(
    id="care_leaver_in_education_or_training",
    title=Wording(N_("Are you in education or training?"),
                  N_("Is the young person in education or training?")),
    hint=N_("For example college, university, an apprenticeship or a training course."),
    summary=N_("In education or training"),
    applies=full_journey(lambda a: "care_leaver" in (a.get("young_person_status") or [])
                         and (a.get("young_person_age") or 0) >= 21),
    fields=(Field("care_leaver_in_education_or_training", "boolean", options=YES_NO, errors={
        "required": N_("Choose yes or no")}),),
)

CONSENT = Question(
    id="consent",
    title=N_("Does the young person know about this complaint and agree with it?"),
    summary=N_("Young person agrees"),
    applies=full_journey(lambda a: a.get("filer") not in (None, "young_person")),
    fields=(Field("consent", "choice", options=(
        Option("yes", N_("Yes, they know and agree")),
        Option("no", N_("No, they do not agree")),
        Option("not_asked", N_("I have not asked them")),
        Option("cannot_ask", N_("They are too young or not able to understand")),
    ), errors={"required": N_("Tell us if the young person knows and agrees")}),),
)

_TOPIC_OPTIONS = (
    Option("social_worker", N_("A social worker or personal adviser"),
           N_("For example, they keep changing, do not listen or do not visit")),
    Option("placement", Wording(N_("Where I live, or moving home"),
                                N_("Where the young person lives, or moving home")),
           N_("Foster home, children's home or supported accommodation")),
    Option("family_time", Wording(N_("Seeing my family, brothers or sisters"),
                                  N_("Seeing family, brothers or sisters"))),
    Option("care_plan_or_review", Wording(N_("My care plan, pathway plan or review meetings"),
                                          N_("A care plan, pathway plan or review meetings"))),
    Option("leaving_care_support", N_("Help as a care leaver"),
           N_("Housing, money, education or a personal adviser")),
    Option("money", N_("Money"), N_("Allowances, pocket money, savings or grants")),
    Option("disability_services", N_("Help for disabled children"),
           N_("Short breaks or direct payments")),
    Option("assessment", N_("An assessment by children's social care")),
    Option("care_proceedings_decision", N_("The council's decision to go to court to take a child into care")),
    Option("adoption_support", N_("Adoption, or support after adoption")),
    Option("special_guardianship_support", N_("Support for special guardians")),
    Option("information_or_communication", N_("Not being told things, or promises not kept")),
    Option("child_protection_enquiry", N_("How a child protection enquiry was done")),
    Option("child_protection_conference", N_("A child protection conference or plan")),
    Option("court_report", N_("A report written for court")),
    Option("court_decision", N_("Something a court decided or is deciding")),
    Option("foster_carer_approval", N_("Approving or removing a foster carer")),
    Option("adopter_approval", N_("Being assessed or approved to adopt")),
    Option("school", N_("A school or academy")),
    Option("send_or_education", N_("Special educational needs, EHC plans or school transport")),
    Option("personal_records", Wording(N_("Seeing or correcting records about me"),
                                       N_("Seeing or correcting records"))),
    Option("provider_own_practice", N_("A fostering agency or children's home run by a company or charity")),
    Option("police_health_or_other_body", N_("The police, NHS, Cafcass or another organisation")),
    Option("other", N_("Something else")),
)

TOPICS = Question(
    id="topics",
    title=N_("What is the complaint about?"),
    hint=N_("Choose all that apply."),
    summary=N_("What it is about"),
    applies=full_journey(lambda a: True),
    fields=(Field("topics", "multi", options=_TOPIC_OPTIONS, errors={
        "required": N_("Choose at least one thing the complaint is about")}),),
)


def _several_topics(a: dict) -> bool:
    return len(a.get("topics") or []) > 1


MAIN_TOPIC = Question(
    id="main_topic",
    title=N_("Which of these is the most important to you?"),
    hint=N_("We will look at all of them. This helps us know where to start."),
    summary=N_("Most important"),
    applies=full_journey(_several_topics),
    fields=(Field("main_topic", "choice", options=_TOPIC_OPTIONS, vocabulary=False,
                  choices_from="topics", errors={
        "required": N_("Choose the most important one")}),),
)

WHEN = Question(
    id="event_within_12_months",
    title=N_("Did it happen in the last 12 months?"),
    hint=N_("Say yes if it is still happening, or if you only found out about it in the last 12 months."),
    summary=N_("In the last 12 months"),
    applies=full_journey(lambda a: True),
    fields=(Field("event_within_12_months", "boolean", options=(
        Option("yes", N_("Yes, or it is still happening")),
        Option("no", N_("No, it was longer ago")),
    ), errors={"required": N_("Choose yes or no")}),),
)

WHO_READS = N_("The council's complaints team will read this. They will only share it with "
               "people who need to know to sort it out. If what you write sounds like someone "
               "is not safe, we will show you where to get help, and we may have to tell "
               "people whose job is to keep children safe.")

LATE_REASON = Question(
    id="late_reason",
    title=N_("Why are you telling us now?"),
    hint=N_("You can still complain. It helps us to know why it was hard to tell us sooner. "
            "You do not have to say."),
    summary=N_("Why now"),
    notice=WHO_READS,
    applies=full_journey(lambda a: a.get("event_within_12_months") is False),
    fields=(Field("late_reason", "text", required=False, max_length=2000),),
)

PROCEEDINGS = Question(
    id="ongoing_proceedings",
    title=N_("Is any of this happening at the moment?"),
    hint=N_("Choose all that apply."),
    summary=N_("Happening now"),
    applies=full_journey(lambda a: True),
    fields=(Field("ongoing_proceedings", "multi", options=(
        Option("court", N_("A court case")),
        Option("police", N_("A police investigation")),
        Option("tribunal", N_("A tribunal")),
        Option("disciplinary", N_("Someone from the council is being disciplined")),
        Option("none", N_("None of these"), exclusive=True),
        Option("unsure", N_("I do not know"), exclusive=True),
    ), errors={"required": N_("Choose at least one answer, or 'I do not know'"),
               "exclusive": N_("'None of these' and 'I do not know' cannot be chosen with other answers")}),),
)

DESCRIPTION = Question(
    id="description",
    title=Wording(N_("What happened?"), N_("What happened?")),
    hint=N_("Tell us in your own words. You can write as much or as little as you like."),
    notice=WHO_READS,
    summary=N_("What happened"),
    fields=(Field("description", "text", max_length=5000, errors={
        "required": N_("Tell us what happened"),
        "too_long": N_("Please use 5000 characters or fewer"),
    }),),
)

OUTCOME = Question(
    id="desired_outcome",
    title=N_("What would you like to happen?"),
    hint=N_("For example, an apology, a change, or something to be put right. If you are not sure, say so."),
    summary=N_("What you would like to happen"),
    notice=WHO_READS,
    applies=full_journey(lambda a: True),
    fields=(Field("desired_outcome", "text", max_length=2000, errors={
        "required": N_("Tell us what you would like to happen, or write 'not sure'"),
        "too_long": N_("Please use 2000 characters or fewer"),
    }),),
)

CONTACT_METHODS = (
    Option("phone", N_("Phone call")),
    Option("text", N_("Text message")),
    Option("email", N_("Email")),
    Option("letter", N_("Letter")),
    Option("advocate", N_("Through my advocate")),
)

#: The contact detail each way of contacting needs.
CONTACT_DETAIL = {"phone": "contact_phone", "text": "contact_phone", "email": "contact_email",
                  "letter": "contact_address"}


def _needs_detail(field_id: str):
    return lambda a: CONTACT_DETAIL.get(a.get("contact_method") or "") == field_id


CONTACT = Question(
    id="contact",
    title=N_("How can we contact you safely?"),
    notice=Wording(
        N_("We only use these details to talk to you about your complaint, and to pass them to "
           "an advocate if you ask for one. If you tick the last box, we will never contact you "
           "through your carer or the place you live. You can change these details later."),
        N_("We only use these details to talk to you about this complaint, and to pass them to "
           "an advocate if you ask for one. You can change these details later.")),
    summary=N_("Contact"),
    fields=(
        Field("contact_name", "line", label=N_("Your name"),
              hint=N_("The name you would like us to use"), max_length=200,
              autocomplete="name", vocabulary=False,
              errors={"required": N_("Enter your name"),
                      "too_long": N_("Please use 200 characters or fewer")}),
        Field("young_person_name", "line", label=N_("The young person's name"), max_length=200,
              applies=lambda a: not is_young_person(a), vocabulary=False,
              errors={"required": N_("Enter the young person's name"),
                      "too_long": N_("Please use 200 characters or fewer")}),
        Field("organisation", "line", label=N_("Your organisation (optional)"), required=False,
              max_length=200, autocomplete="organization", vocabulary=False,
              applies=lambda a: a.get("filer") in ("advocate", "professional", "representative")),
        Field("contact_method", "choice", label=N_("How should we contact you?"),
              options=CONTACT_METHODS, vocabulary=False,
              errors={"required": N_("Choose how we should contact you")}),
        Field("contact_phone", "phone", label=N_("Phone number"),
              hint=N_("Only if you chose phone call or text message"), required=False,
              autocomplete="tel", vocabulary=False, when=_needs_detail("contact_phone"),
              errors={"invalid": N_("Enter a phone number, like 07700 900 982"),
                      "needed": N_("Enter a phone number so we can call or text you")}),
        Field("contact_email", "email", label=N_("Email address"),
              hint=N_("Only if you chose email"), required=False, max_length=254,
              autocomplete="email", vocabulary=False, when=_needs_detail("contact_email"),
              errors={"invalid": N_("Enter an email address, like name@example.com"),
                      "needed": N_("Enter an email address so we can email you")}),
        Field("contact_address", "text", label=N_("Address"),
              hint=N_("Only if you chose letter"), required=False, max_length=500,
              vocabulary=False, when=_needs_detail("contact_address"),
              errors={"needed": N_("Enter an address so we can write to you")}),
        Field("contact_safe_times", "line", label=N_("When is it safe to contact you? (optional)"),
              hint=N_("For example, 'after 4pm on weekdays'"), required=False, max_length=200,
              vocabulary=False),
        Field("contact_not_via_carer", "flag",
              label=N_("Do not contact me through my carer or the place I live"),
              required=False, vocabulary=False),
    ),
)


def _contact_rules(values: dict, _answers: dict) -> dict[str, Text]:
    """The detail that goes with the chosen way of contacting is needed."""
    wanted = CONTACT_DETAIL.get(values.get("contact_method") or "")
    if wanted and not values.get(wanted):
        return {wanted: next(f for f in CONTACT.fields if f.id == wanted).error("needed")}
    return {}


PAGE_RULES["contact"] = _contact_rules

#: The journey, in order. Channels ask the first question that applies and is unanswered.
JOURNEY: tuple[Question, ...] = (
    REQUEST, FILER, SAFE_NOW, REPRESENTS, PARENTAL_RESPONSIBILITY, STATUS, AGE, EDUCATION,
    CONSENT, TOPICS, MAIN_TOPIC, WHEN, LATE_REASON, PROCEEDINGS, DESCRIPTION, OUTCOME, CONTACT,
)

QUESTIONS: dict[str, Question] = {q.id: q for q in JOURNEY}

#: Optional equality monitoring, asked only after a complaint is sent, kept apart from it.
EQUALITY = Question(
    id="equality",
    title=N_("Help us check the service is fair (optional)"),
    hint=N_("You do not have to answer any of these. Your answers are kept separately from "
            "your complaint and are only used to count who uses the service."),
    summary=N_("About you"),
    notice=N_("We ask so we can check that every young person can use this service, whatever "
              "their background. Nobody in the complaints team sees these answers with your "
              "complaint, and your complaint is dealt with the same way if you skip them."),
    fields=(
        Field("gender", "choice", label=N_("Which of these describes you?"), required=False,
              vocabulary=False, options=(
                  Option("girl_or_woman", N_("Girl or woman")),
                  Option("boy_or_man", N_("Boy or man")),
                  Option("non_binary", N_("Non-binary")),
                  Option("another_way", N_("I describe myself another way")),
                  Option("prefer_not", N_("I prefer not to say")))),
        Field("ethnicity", "choice", label=N_("What is your ethnic group?"), required=False,
              vocabulary=False, options=(
                  Option("asian", N_("Asian or Asian British")),
                  Option("black", N_("Black, Black British, Caribbean or African")),
                  Option("mixed", N_("Mixed or multiple ethnic groups")),
                  Option("white", N_("White")),
                  Option("other", N_("Another ethnic group")),
                  Option("prefer_not", N_("I prefer not to say")))),
        Field("disability", "choice", label=N_("Do you have a disability or a long-term health condition?"),
              required=False, vocabulary=False, options=(
                  Option("yes", N_("Yes")), Option("no", N_("No")),
                  Option("prefer_not", N_("I prefer not to say")))),
        Field("first_language", "line", label=N_("What is your first language? (optional)"),
              required=False, max_length=100, vocabulary=False),
    ),
)


def _contact_field(field_id: str, **changes) -> Field:
    """A field of the complaint's contact page, reused (same id, same checks) with wording
    about the advocate."""
    original = next(f for f in CONTACT.fields if f.id == field_id)
    return replace(original, **changes)


def _referral_rules(values: dict, answers: dict) -> dict[str, Text]:
    """The contact detail that goes with the way chosen; no letter to a young person who
    asked not to be contacted through the place they live; and their agreement to share."""
    errors = _contact_rules(values, answers)
    if values.get("contact_not_via_carer") and values.get("contact_method") == "letter":
        errors.setdefault("contact_method", N_(
            "A letter goes to the place you live. Choose another way, or untick 'Do not "
            "contact me through my carer or the place I live'"))
    if values.get("share_consent") is not True:
        errors["share_consent"] = N_("Tick the box to say the advocacy service can have these "
                                     "details, or go back if you do not want an advocate now")
    return errors


#: What a young person confirms before a warm advocacy referral is sent: how the advocate
#: may contact them safely (filled in from their complaint), language and interpreter,
#: communication needs, and agreement to share. Not part of JOURNEY: asked after "yes" to
#: an advocate, in any channel. The contact field ids are the complaint's, so the same
#: rules check them.
ADVOCACY_REFERRAL = Question(
    id="advocacy_referral",
    title=N_("Before we ask an advocate to contact you"),
    hint=N_("Check how the advocate can contact you safely. We have filled in what you told "
            "us with your complaint. You can change it."),
    summary=N_("Asking for an advocate"),
    fields=(
        _contact_field("contact_name", label=N_("What name should the advocate use?"),
                       hint=None),
        _contact_field("contact_method", label=N_("How should the advocate contact you?"),
                       options=tuple(o for o in CONTACT_METHODS if o.value != "advocate"),
                       errors={"required": N_("Choose how the advocate should contact you")}),
        _contact_field("contact_phone"),
        _contact_field("contact_email"),
        _contact_field("contact_address"),
        _contact_field("contact_safe_times"),
        _contact_field("contact_not_via_carer"),
        Field("advocacy_language", "line",
              label=N_("Which language would you like to speak with your advocate?"),
              max_length=100, vocabulary=False,
              errors={"required": N_("Enter the language you would like to speak"),
                      "too_long": N_("Please use 100 characters or fewer")}),
        Field("interpreter", "boolean", label=N_("Do you need an interpreter?"),
              hint=N_("This includes British Sign Language."), options=YES_NO,
              vocabulary=False, errors={"required": N_("Choose yes or no")}),
        Field("communication_needs", "text",
              label=N_("Is there anything that would help you talk with your advocate? (optional)"),
              hint=N_("For example, you use sign language or pictures, need things read out, "
                      "or need more time."),
              required=False, max_length=1000, vocabulary=False,
              errors={"too_long": N_("Please use 1000 characters or fewer")}),
        Field("share_consent", "flag",
              label=N_("I agree that these details, and what my complaint is about, can be "
                       "shared with the advocacy service"),
              required=False, vocabulary=False),
    ),
)

PAGE_RULES["advocacy_referral"] = _referral_rules
