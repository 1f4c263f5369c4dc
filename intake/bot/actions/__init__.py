"""Custom actions for the Rasa action server (``rasa run actions --actions intake.bot.actions``).

Thin on purpose: what to ask next, how to read a reply and what counts as a good answer
all come from the journey through ``intake.bot.conversation``. Actions never send words,
only payloads naming a question (``ask``), a message (``show``), an error (``error``, a
journey message id) or something for the Flask chat page to do (``do``), plus the answers
so far (``answers``) for the page to keep in the encrypted draft. The page words
everything in the reader's language.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, Restarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from intake.bot import conversation as talk
from intake.bot.language import translator
from intake.journey import JOURNEY, applicable, pick, prune
from intake.journey.model import Text

FORM = "complaint_form"
#: The value of a field's slot when the journey does not ask it or it was left blank, so that
#: Rasa's "first empty slot" is always the journey's next question.
NOT_ASKED = "-"


def answers_of(tracker: Tracker) -> dict:
    value = tracker.get_slot("answers")
    return dict(value) if isinstance(value, dict) else {}


def metadata_of(tracker: Tracker) -> dict:
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    return metadata if isinstance(metadata, dict) else {}


def language_of(tracker: Tracker) -> str:
    chosen = metadata_of(tracker).get("language") or tracker.get_slot("language") or "en"
    return chosen if isinstance(chosen, str) else "en"


def reply_of(tracker: Tracker) -> talk.Reply:
    message = tracker.latest_message or {}
    intent = message.get("intent") or {}
    return talk.Reply(
        text=message.get("text") or "",
        intent=intent.get("name"),
        confidence=float(intent.get("confidence") or 0.0),
        payload=metadata_of(tracker).get("answer"),
    )


def slots_for(answers: dict) -> dict[str, Any]:
    """Each field's slot: its answer, ``None`` while the journey still needs it, else NOT_ASKED."""
    asked = {f.id for q in applicable(answers) for f in q.fields_for(answers)}
    slots = {}
    for question in JOURNEY:
        for f in question.fields:
            if f.id in answers:
                value = answers[f.id]
                slots[f.id] = NOT_ASKED if value is None else value
            else:
                slots[f.id] = None if f.id in asked else NOT_ASKED
    return slots


def remember(tracker: Tracker, answers: dict, dispatcher: CollectingDispatcher) -> list[EventType]:
    """Store the answers in the tracker and hand them to the chat page for the draft."""
    answers = talk.settle(prune(answers))
    events: list[EventType] = [SlotSet("answers", answers)]
    for name, value in slots_for(answers).items():
        if tracker.get_slot(name) != value:
            events.append(SlotSet(name, value))
    dispatcher.utter_message(json_message={"answers": answers})
    return events


def say_error(dispatcher: CollectingDispatcher, error: Text, answers: dict) -> None:
    dispatcher.utter_message(json_message={"error": pick(error, answers)})


class ValidateComplaintForm(FormValidationAction):
    """Reads each reply as the answer to the field being asked, or lets Rasa treat it as a
    request (help, explain, stop...) by setting nothing, which rejects the form's turn."""

    def name(self) -> str:
        return "validate_complaint_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> list[str]:
        upcoming = talk.next_field(answers_of(tracker))
        return [upcoming[1].id] if upcoming else []

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict) -> list[EventType]:
        answers = answers_of(tracker)
        events: list[EventType] = []
        asking = tracker.get_slot("requested_slot")
        # Rasa calls this with a field requested only when a reply to it has just arrived;
        # at the form's activation nothing has been asked yet.
        if asking:
            read = self.read_answer(dispatcher, tracker, answers, asking)
            if read is None:
                return []  # not an answer: the rules take over
            events, answers = read
        upcoming = talk.next_field(answers)
        events.append(SlotSet("requested_slot", upcoming[1].id if upcoming else None))
        return events

    def read_answer(self, dispatcher, tracker, answers, field_id):
        """(events, answers) for a reply to ``field_id``; None when it is not an answer."""
        try:
            _question, field = talk.field_of(field_id)
        except KeyError:
            return [], answers
        reply = reply_of(tracker)
        language = language_of(tracker)
        translate = translator(language)
        if talk.is_command(field, reply, answers, translate):
            return None
        outcome = talk.answer(answers, field_id, reply, translate)
        if outcome.error:
            say_error(dispatcher, outcome.error, answers)
        events = remember(tracker, outcome.answers, dispatcher)
        if outcome.error and field_id not in outcome.answers:
            # Nothing new was kept: still "validate" the field (as empty) so that the form
            # asks it again instead of handing the turn to the rules.
            events.append(SlotSet(field_id, None))
        return events, talk.settle(prune(outcome.answers))


class AskField(Action):
    """Asks one field of the journey: ``action_ask_<field>``, one subclass per field."""

    field_id = ""

    def name(self) -> str:
        return f"action_ask_{self.field_id}"

    def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(json_message={"ask": self.field_id})
        return []


ASK_ACTIONS = {
    f.id: type(f"Ask_{f.id}", (AskField,), {"field_id": f.id})
    for question in JOURNEY for f in question.fields
}


class ActionStart(Action):
    """Greets, and picks up answers already given in the form or a saved draft."""

    def name(self) -> str:
        return "action_start"

    def run(self, dispatcher, tracker, domain):
        metadata = metadata_of(tracker)
        given = metadata.get("answers")
        answers = dict(given) if isinstance(given, dict) else answers_of(tracker)
        dispatcher.utter_message(json_message={"show": "carry_on" if answers else "welcome"})
        events = remember(tracker, answers, dispatcher)
        return events + [SlotSet("language", language_of(tracker))]


class ActionExplain(Action):
    """ "What does this mean?": explains the question being asked (or the chat itself)."""

    def name(self) -> str:
        return "action_explain"

    def run(self, dispatcher, tracker, domain):
        asking = tracker.get_slot("requested_slot")
        if asking and tracker.active_loop_name == FORM:
            dispatcher.utter_message(json_message={"explain": asking})
        else:
            dispatcher.utter_message(json_message={"show": "about_chat"})
        return []


class ActionNotSafe(Action):
    """Help at once, and the case is marked urgent whatever else is said later.

    When they were asked for free text and typed this instead, what they typed is kept as
    their answer: it may be the most important thing they tell us.
    """

    def name(self) -> str:
        return "action_not_safe"

    def run(self, dispatcher, tracker, domain):
        answers = answers_of(tracker)
        reply = reply_of(tracker)
        asking = tracker.get_slot("requested_slot")
        if asking and not reply.is_button and tracker.active_loop_name == FORM:
            _question, field = talk.field_of(asking)
            if field.kind == "text":
                answers = talk.answer(answers, asking, reply).answers
        dispatcher.utter_message(json_message={"show": "help_now"})
        return remember(tracker, talk.said_not_safe(answers), dispatcher)


class ActionChangeAnswer(Action):
    """Offers the questions answered so far; a chosen one is forgotten and asked again."""

    def name(self) -> str:
        return "action_change_answer"

    def run(self, dispatcher, tracker, domain):
        answers = answers_of(tracker)
        chosen = metadata_of(tracker).get("question")
        answered = [q.id for q in talk.answered_questions(answers)]
        if chosen in answered:
            events = remember(tracker, talk.forget(answers, chosen), dispatcher)
            return events + [FollowupAction(FORM)]
        dispatcher.utter_message(json_message={"show": "change_menu", "questions": answered})
        return []


class ActionSwitchToForm(Action):
    def name(self) -> str:
        return "action_switch_to_form"

    def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(json_message={"do": "switch_to_form"})
        return []


class ActionDelete(Action):
    """ "Stop and delete what I said": the page deletes the draft and the transcript, and
    asks Rasa to forget this conversation; here the tracker starts again empty."""

    def name(self) -> str:
        return "action_delete"

    def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(json_message={"do": "delete"})
        return [Restarted()]


class ActionSummary(Action):
    def name(self) -> str:
        return "action_summary"

    def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(json_message={"show": "summary"})
        return []


NLU = Path(__file__).resolve().parents[1] / "data" / "nlu"


@lru_cache(maxsize=None)
def yes_words(language: str) -> frozenset[str]:
    """Every word of the "affirm" examples in ``language`` and in English (the training data
    is the one source of how people say yes)."""
    words: set[str] = set()
    for code in {"en", language}:
        path = NLU / f"{code}.yml"
        if not path.is_file():
            continue
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            if block.get("intent") == "affirm":
                for line in (block.get("examples") or "").splitlines():
                    words.update(talk.normalise(line.lstrip("- ")).split())
    return frozenset(words)


class ActionSubmit(Action):
    """The page submits the draft through the same case builder as the form, once the
    person has clearly said yes; anything less shows the summary again."""

    def name(self) -> str:
        return "action_submit"

    def run(self, dispatcher, tracker, domain):
        if talk.next_field(answers_of(tracker)) is not None:
            return [FollowupAction(FORM)]  # something is still missing: ask it
        if not talk.is_clear_yes(reply_of(tracker), yes_words(language_of(tracker))):
            return [FollowupAction("action_summary")]
        dispatcher.utter_message(json_message={"do": "submit"})
        return [Restarted()]


class ActionNotUnderstood(Action):
    def name(self) -> str:
        return "action_not_understood"

    def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(json_message={"show": "not_understood"})
        return []
