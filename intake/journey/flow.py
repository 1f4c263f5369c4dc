"""Walking the journey: what to ask next, what to forget, what the engine reads."""

from __future__ import annotations

from intake.journey.model import Question
from intake.journey.questions import ESCALATION, FAST_TRACK, JOURNEY, QUESTIONS  # noqa: F401
from intake.journey.vocabulary import ANSWERS

#: Set when someone says they are not safe outside the "Are you safe right now?" question.
SAID_NOT_SAFE = "_said_not_safe"
#: The answers to "Are you safe right now?" that bring the help page first.
NOT_SAFE_ANSWERS = ("no", "unsure")
#: What someone wrote outside the free-text questions that suggests they may not be safe
#: (a message in the chat at a question with buttons, or before the questions began): kept
#: so the engine reads it and the complaints team sees it, whichever channel sends the case.
ALSO_SAID = "_also_said"
MAX_ALSO_SAID = 20
#: Typed answers outside the vocabulary's free text that the safeguarding detector reads too:
#: "When is it safe to contact you?" is where "not when my stepdad is home" gets written.
OTHER_TYPED = ("contact_safe_times",)


def typed_elsewhere(answers: dict) -> list[str]:
    """Everything the person typed that the engine would not otherwise read for safety."""
    return also_said(answers) + [answers[f] for f in OTHER_TYPED if isinstance(answers.get(f), str)]


def also_said(answers: dict) -> list[str]:
    said = answers.get(ALSO_SAID)
    return [t for t in said if isinstance(t, str)] if isinstance(said, list) else []


def with_also_said(answers: dict, text: str) -> dict:
    """The answers with ``text`` kept as something else they said (at most the latest 20)."""
    return dict(answers, **{ALSO_SAID: (also_said(answers) + [text])[-MAX_ALSO_SAID:]})


def applicable(answers: dict) -> list[Question]:
    """The questions this person is asked, in order, given what they have said so far."""
    return [q for q in JOURNEY if q.applies(answers)]


def is_answered(question: Question, answers: dict) -> bool:
    """A page is done once each of its fields has been through validation (even if optional)."""
    return all(f.id in answers for f in question.fields_for(answers))


def next_question(answers: dict) -> Question | None:
    """The first question that applies and has not been answered; None when all are."""
    for question in applicable(answers):
        if not is_answered(question, answers):
            return question
    return None


def previous_question(question_id: str, answers: dict) -> Question | None:
    """The question asked before this one (for the back link)."""
    asked = applicable(answers)
    ids = [q.id for q in asked]
    if question_id not in ids:
        return None
    index = ids.index(question_id)
    return asked[index - 1] if index > 0 else None


def may_ask(question_id: str, answers: dict) -> bool:
    """A person may open a question that applies and whose earlier questions are answered.

    This stops someone jumping ahead by URL to a page whose wording depends on answers
    they have not given yet, without stopping them going back to change anything.
    """
    for question in applicable(answers):
        if question.id == question_id:
            return True
        if not is_answered(question, answers):
            return False
    return False


def record(answers: dict, question: Question, values: dict) -> dict:
    """New answers with this page's values in, and anything that no longer applies out."""
    updated = dict(answers)
    updated.update(values)
    return prune(updated)


def prune(answers: dict) -> dict:
    """Forget answers to questions that no longer apply, so a changed answer leaves no trace.

    One pass in journey order is enough because a question's ``applies`` only reads
    answers to questions before it.
    """
    kept = dict(answers)
    for question in JOURNEY:
        if not question.applies(kept):
            for f in question.fields:
                kept.pop(f.id, None)
        else:
            for f in question.fields:
                if not f.applies(kept):
                    kept.pop(f.id, None)
    main = kept.get("main_topic")
    if main is not None and main not in (kept.get("topics") or []):
        kept.pop("main_topic", None)
    if kept.get(SAID_NOT_SAFE):
        # Someone who told us they are not safe (in the chat, at any point, whoever is
        # typing) is never forgotten by a later answer: the case stays urgent.
        kept["safe_now"] = "no"
    return kept


def vocabulary_answers(answers: dict) -> dict:
    """The answers the engine and the case carry, as vocabulary ids (main topic first)."""
    vocab = {k: v for k, v in answers.items() if k in ANSWERS and v is not None}
    topics = list(vocab.get("topics") or [])
    main = answers.get("main_topic")
    if main in topics:
        topics.remove(main)
        topics.insert(0, main)
    if topics:
        vocab["topics"] = topics
    return vocab


def question(question_id: str) -> Question | None:
    return QUESTIONS.get(question_id)
