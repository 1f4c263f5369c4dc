"""Plain-language explanations for every reason the engine can give.

Written for a 12-year-old reader: short sentences, everyday words, "you" for the person
filling in the form. ``N_`` marks each text for Babel; channels translate when they show
it. A test checks that every reason code the engine can emit has a text here.
"""

from intake.text import N_

REASON_MESSAGES: dict[str, str] = {
    # Safety first
    "reason.not_safe_now": N_(
        "You told us you are not safe right now. Keeping you safe comes first. "
        "We will pass this on today to people whose job is to keep children safe."
    ),
    "reason.unsure_if_safe": N_(
        "You told us you are not sure if you are safe. Keeping you safe comes first. "
        "We will pass this on today to people whose job is to keep children safe."
    ),
    "reason.safeguarding_words": N_(
        "Some of the words you wrote made us worried that someone may not be safe. "
        "We cannot keep this secret. "
        "We will pass it on today to people whose job is to keep children safe."
    ),
    # What the complaint is about
    "reason.topic_child_protection_enquiry": N_(
        "Complaints about how the council checked if a child was safe go to the "
        "council's general complaints team."
    ),
    "reason.topic_child_protection_conference": N_(
        "Complaints about a child protection meeting or plan go to the people who run "
        "those meetings. They have their own way to deal with complaints."
    ),
    "reason.topic_court_report": N_(
        "Reports written for a court are dealt with by the court. "
        "The complaints team cannot change them."
    ),
    "reason.topic_court_decision": N_(
        "Only a court can change what a court decides. "
        "The complaints team cannot change it."
    ),
    "reason.topic_foster_carer_approval": N_(
        "Decisions about approving foster carers can be looked at again by a separate "
        "panel. It is called the Independent Review Mechanism."
    ),
    "reason.topic_adopter_approval": N_(
        "Decisions about approving people who want to adopt can be looked at again by a "
        "separate panel. It is called the Independent Review Mechanism."
    ),
    "reason.topic_school": N_(
        "Schools have their own way to deal with complaints. We will tell you how to use it."
    ),
    "reason.topic_send_or_education": N_(
        "Complaints about school places, school transport or special educational needs "
        "go to the council's general complaints team."
    ),
    "reason.topic_personal_records": N_(
        "The council's data team can help you see, correct or delete your records. "
        "If you are still unhappy, you can go to the Information Commissioner's Office."
    ),
    "reason.topic_provider_own_practice": N_(
        "This fostering agency or children's home is not run by the council. "
        "It has its own way to deal with complaints. You can also tell Ofsted at any time."
    ),
    "reason.topic_police_health_or_other_body": N_(
        "This part is about another organisation, like the police or the NHS. "
        "They have their own way to deal with complaints."
    ),
    "reason.topic_unclear": N_(
        "We are not sure yet what the complaint is about. "
        "A complaints manager will look at it and decide what happens next."
    ),
    "reason.topic_missing": N_(
        "You did not tell us what the complaint is about. "
        "A complaints manager will look at it and decide what happens next."
    ),
    "reason.mixed_complaint": N_(
        "Your complaint is about more than one thing. Different parts may go to "
        "different places. We will tell you where each part goes and why."
    ),
    # Who is complaining
    "reason.child_eligible": N_(
        "Children who get help from the council's children's services can always "
        "complain. They do not need an adult to agree."
    ),
    "reason.care_leaver_eligible": N_(
        "Care leavers aged 18 to 20 can complain about the help they get from the council."
    ),
    "reason.care_leaver_in_education": N_(
        "Care leavers up to 25 who are in education or training can complain "
        "about the help they get."
    ),
    "reason.care_leaver_status_to_check": N_(
        "Some care leavers over 21 can still use this complaints process. "
        "It depends on the help they get. A complaints manager will check."
    ),
    "reason.adult_historic": N_(
        "Adults can still complain about their time in care. "
        "A complaints manager will decide how the council looks at it."
    ),
    "reason.age_needed": N_(
        "We need to know how old the young person is, because some help for care "
        "leavers depends on age. A complaints manager will check."
    ),
    "reason.status_unclear": N_(
        "This complaints process is for children who get help from the council's "
        "children's services. A complaints manager will check what help they get."
    ),
    "reason.consent_given": N_(
        "Thank you for checking that the young person agrees with this complaint."
    ),
    "reason.consent_missing": N_(
        "We do not know yet if the young person agrees with this complaint. "
        "A complaints manager will check with them first."
    ),
    "reason.consent_cannot_ask": N_(
        "You told us the young person cannot be asked about this complaint. "
        "A complaints manager will decide how to go ahead."
    ),
    "reason.parent_eligible": N_(
        "Parents of a child who gets help from the council's children's services can complain."
    ),
    "reason.adult_consent_needed": N_(
        "The young person is 18 or over. They need to agree before someone else "
        "complains for them. A complaints manager will check."
    ),
    "reason.child_disagrees": N_(
        "You told us the young person does not agree with this complaint. "
        "What they think matters a lot. A complaints manager will decide what happens."
    ),
    "reason.child_not_asked": N_(
        "You have not asked the young person about this complaint yet. At their age, what "
        "they think matters. A complaints manager will talk to them before deciding what "
        "happens."
    ),
    "reason.pr_holder_eligible": N_(
        "People who have legal responsibility for a child (called parental "
        "responsibility) can complain."
    ),
    "reason.sufficient_interest": N_(
        "A complaints manager will decide if you can use this complaints process. "
        "They will think about what the child wants. "
        "You will not be turned away without a proper decision."
    ),
    "reason.foster_carer_eligible": N_(
        "Foster carers can complain about how the council looks after a child they care for."
    ),
    "reason.special_guardian_eligible": N_(
        "Special guardians can complain about the help they and the child get from the council."
    ),
    "reason.adoption_eligible": N_(
        "People involved in an adoption can complain about the council's adoption work."
    ),
    "reason.represents_unknown": N_(
        "We do not know who you are acting for. A complaints manager will check."
    ),
    "reason.filer_unknown": N_(
        "We do not know who is making this complaint. A complaints manager will check."
    ),
    # When it happened, and other things going on
    "reason.late_complaint": N_(
        "This happened more than a year ago. The council can still look at it if there "
        "is a good reason for the wait. Please tell us why it took time."
    ),
    "reason.time_unknown": N_(
        "We do not know when this happened. A complaints manager will check."
    ),
    "reason.proceedings_ongoing": N_(
        "There is a court case, police inquiry or other process going on. "
        "The council may wait until it ends. A complaints manager will decide."
    ),
    "reason.proceedings_unsure": N_(
        "You are not sure if there is a court case or police inquiry going on. "
        "A complaints manager will check."
    ),
    "reason.proceedings_unknown": N_(
        "We do not know if there is a court case or police inquiry going on. "
        "A complaints manager will check."
    ),
    # Next steps
    "reason.escalation_stage2": N_(
        "You want to take your complaint to the next step (stage 2). "
        "You have the right to do this. A complaints manager will set it up."
    ),
    "reason.escalation_stage3": N_(
        "You want to take your complaint to the last step (stage 3), a review panel. "
        "You have the right to do this. A complaints manager will set it up."
    ),
    "reason.in_scope": N_(
        "This can go through the council's complaints process for children's services. "
        "The council should answer within 10 working days."
    ),
    "reason.advocacy_offered": N_(
        "You can have an advocate for free. An advocate is someone on your side who "
        "helps you say what you want."
    ),
    "reason.advocacy_for_young_person": N_(
        "The young person this complaint is about can have a free advocate. An advocate is "
        "someone on their side who helps them say what they want."
    ),
    "reason.advocacy_signpost": N_(
        "Free advice for adults is available, for example from the Family Rights Group."
    ),
}
