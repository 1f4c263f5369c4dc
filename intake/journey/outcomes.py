"""What each route means for the person, in plain words: shown on the confirmation page
and said by the chat. Pure text, translated by the channel that shows it."""

from intake.text import N_

ROUTE_TITLES = {
    "statutory_stage1": N_("The council will look into your complaint"),
    "corporate": N_("The council will look into your complaint"),
    "safeguarding_referral": N_("We are passing this on to keep you safe"),
    "school_procedure": N_("This is for the school to sort out"),
    "court": N_("This is for a court to decide"),
    "information_governance": N_("This is about your records"),
    "independent_review_mechanism": N_("There is a special review for this"),
    "conference_appeal": N_("There is a special way to challenge this"),
    "provider_procedure": N_("The company or charity should sort this out first"),
    "other_body": N_("Another organisation deals with this"),
    "human_review": N_("A person will decide the best way to help"),
}

ROUTE_EXPLANATIONS = {
    "statutory_stage1": N_(
        "This is a complaint about children's social care. There are rules that say the "
        "council must look into it and answer you by the dates below."),
    "corporate": N_(
        "The council's complaints team will look into it and answer you. They will tell you "
        "how long it will take."),
    "safeguarding_referral": N_(
        "Something you told us means you might not be safe. People whose job is to keep "
        "children safe will contact you today. The complaints team will still look at your "
        "complaint."),
    "school_procedure": N_(
        "Schools have their own way of dealing with complaints. The complaints team will tell "
        "you how to use it, and help if you get stuck."),
    "court": N_(
        "A court or tribunal is the right place to decide this. The complaints team will "
        "explain what you can do, and help with any other part of your complaint."),
    "information_governance": N_(
        "You have the right to see your records and ask for mistakes to be put right. The "
        "council's information team deals with this. The complaints team will pass it on."),
    "independent_review_mechanism": N_(
        "Decisions about approving foster carers and adopters can be reviewed by an "
        "independent panel. The complaints team will explain how."),
    "conference_appeal": N_(
        "Child protection conferences have their own way to challenge a decision. The "
        "complaints team will tell you how, and pass your complaint to the right person."),
    "provider_procedure": N_(
        "The company or charity that runs the home or agency has its own complaints process. "
        "The council still checks on them, so the complaints team will look at this too."),
    "other_body": N_(
        "Another organisation, like the police or the NHS, is in charge of this. The complaints "
        "team will tell you who to contact."),
    "human_review": N_(
        "We need a person in the complaints team to look at this before we can say what "
        "happens next. Your complaint is not being turned down."),
}

ADVOCACY_OFFER = N_(
    "You can have an advocate. An advocate is someone who is on your side. They help you say "
    "what you want and make sure you are listened to. It is free.")
ADVOCACY_FOR_YOUNG_PERSON = N_(
    "The young person this complaint is about can have an advocate. An advocate is someone "
    "on their side. They help the young person say what they want and make sure they are "
    "listened to. It is free. Please tell the young person about it. They can call the "
    "advocacy service below, or ask the complaints team to arrange it.")
ADVOCACY_SIGNPOST = N_(
    "If you would like advice, the Family Rights Group can help parents and family members. "
    "Call 0808 801 0366.")
