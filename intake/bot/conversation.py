"""The chat's side of the journey, in pure Python (no Rasa, no Flask).

The chat asks one field at a time, in the journey's order, and reads what people type as
well as the buttons they press. Everything here turns a message into the same raw values
the web form posts, then lets the journey's own validators (``Field.clean``,
``Question.cross_check``) decide; so a rule for a good answer is never written twice.
The Rasa actions (``intake.bot.actions``) are thin wrappers around these functions.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from intake.journey import JOURNEY, applicable, is_answered, next_question, pick, prune
from intake.journey.flow import SAID_NOT_SAFE
from intake.journey.model import Field, Option, Question, Text

Translate = Callable[[str], str]

#: Intents that mean "do something else", not "here is my answer".
COMMANDS = frozenset({
    "explain", "not_safe", "human", "change_answer", "switch_to_form", "stop", "greet",
})

#: Typed words that mean yes or no, whatever the question's own labels say.
YES_WORDS = frozenset({"yes", "y", "yeah", "yep", "yup", "ok", "okay", "sure", "correct",
                       "true", "right", "i am", "i do", "they do", "it is"})
NO_WORDS = frozenset({"no", "n", "nope", "nah", "not really", "false", "i am not",
                      "i do not", "i dont", "they do not", "it is not"})

#: How sure the model must be that typed words mean "yes" before a complaint is sent.
SURE_YES = 0.9

#: A long message on a free-text question is the answer even if it sounds like a command.
LONGEST_COMMAND = 6


@dataclass(frozen=True)
class Reply:
    """One message from the person: what they typed, how Rasa read it, and, when they
    pressed a button or ticked boxes, the exact value it stands for."""

    text: str = ""
    intent: str | None = None
    confidence: float = 0.0
    payload: object = None

    @property
    def is_button(self) -> bool:
        return self.text.startswith("/")


@dataclass(frozen=True)
class Outcome:
    answers: dict
    error: Text | None = None


def _identity(text: str) -> str:
    return text


# --- where we are ---------------------------------------------------------------------------

def field_of(field_id: str) -> tuple[Question, Field]:
    for question in JOURNEY:
        for f in question.fields:
            if f.id == field_id:
                return question, f
    raise KeyError(field_id)


def settle(answers: dict) -> dict:
    """Answers with the next detail marked as answered with nothing while it does not matter
    (``Field.when`` is false), so the chat never asks for a phone number after "letter".

    Only the field about to be asked is settled: its ``when`` reads the fields before it on
    the same page, which are answered by then.
    """
    settled = dict(answers)
    while True:
        question = next_question(settled)
        if question is None:
            return settled
        pending = next(f for f in question.fields_for(settled) if f.id not in settled)
        if pending.when(settled):
            return settled
        settled[pending.id] = None


def next_field(answers: dict) -> tuple[Question, Field] | None:
    """The question and the one field of it the chat asks next; None when all are answered."""
    settled = settle(answers)
    question = next_question(settled)
    if question is None:
        return None
    for f in question.fields_for(settled):
        if f.id not in settled:
            return question, f
    return None  # pragma: no cover - next_question only returns unanswered questions


def answered_questions(answers: dict) -> list[Question]:
    """Questions someone could change, in the order they were asked."""
    return [q for q in applicable(answers) if is_answered(q, answers)]


def forget(answers: dict, question_id: str) -> dict:
    """Answers without this question's, so the chat asks it again."""
    kept = dict(answers)
    for question in JOURNEY:
        if question.id == question_id:
            for f in question.fields:
                kept.pop(f.id, None)
    return prune(kept)


def said_not_safe(answers: dict) -> dict:
    """Someone said they are not safe: the case is urgent whatever else they answer."""
    return prune(dict(answers, **{SAID_NOT_SAFE: True}))


# --- reading a reply --------------------------------------------------------------------------

def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("\u2019", "'").replace("n't", " not").replace("'m", " am")
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"\bim\b", "i am", text)
    return " ".join(text.split())


def is_command(f: Field, reply: Reply, answers: dict, translate: Translate = _identity) -> bool:
    """Is this message a request to do something else rather than an answer to ``f``?

    Buttons are always what they say. A typed message on a choice question is an answer when
    it picks one of the choices. On a free-text question (what happened, what they want) a
    typed message is always the answer: someone may well write "I want to talk to someone"
    or "stop" as part of what happened, and losing it would be worse than an odd answer
    they can change. On a short answer (a name, a phone number) only a short, confident
    message counts as a request.
    """
    if reply.intent not in COMMANDS:
        return False
    if reply.is_button:
        return True
    if f.kind in ("choice", "multi"):
        options = f.options_for(answers)
        if f.kind == "multi":
            return not match_options(reply.text, options, answers, translate, strict=True)
        return match_option(reply.text, options, answers, translate) is None
    if f.kind in ("boolean", "flag"):
        return read_typed(f, reply, answers, translate) in (None, "", reply.text)
    if f.kind == "text":
        # What happened, what they want: whatever they type is their answer, kept as typed.
        # Requests are always one press away on the buttons under the box.
        return False
    return reply.confidence >= 0.9 and len(reply.text.split()) <= LONGEST_COMMAND


def answer(answers: dict, field_id: str, reply: Reply, translate: Translate = _identity) -> Outcome:
    """Record the reply as the answer to ``field_id``, or say what is wrong with it.

    The answers come back pruned (a changed answer leaves no trace) and settled. When the
    reply completes a page, the page's cross-field rules run; a field they object to is
    forgotten so that the chat asks it again.
    """
    question, f = field_of(field_id)
    if reply.payload is not None:
        raw = reply.payload
    elif reply.intent == "skip" and not f.required:
        raw = [] if f.kind == "multi" else ""
    else:
        raw = read_typed(f, reply, answers, translate)
    value, error = f.clean(raw, answers)
    if error:
        return Outcome(answers, error)
    updated = settle(prune(dict(answers, **{f.id: value})))
    if is_answered(question, updated):
        values = {x.id: updated.get(x.id) for x in question.fields_for(updated)}
        problems = question.cross_check(values, updated)
        if problems:
            wrong, message = next(iter(problems.items()))
            updated.pop(wrong, None)
            return Outcome(updated, message)
    # Safeguarding words are looked for by the chat page in every message, whatever the
    # question (intake.bot.chat), not here: the action server only reads answers.
    return Outcome(updated, None)


def read_typed(f: Field, reply: Reply, answers: dict, translate: Translate = _identity):
    """Turn typed words into what the web form would have posted for this field."""
    text = reply.text or ""
    if f.kind == "choice":
        option = match_option(text, f.options_for(answers), answers, translate)
        return option.value if option else text
    if f.kind == "multi":
        return match_options(text, f.options_for(answers), answers, translate)
    if f.kind in ("boolean", "flag"):
        option = match_option(text, f.options, answers, translate) if f.options else None
        yes = yes_or_no(text, reply.intent) if option is None else option.value == "yes"
        if yes is None:
            return text if f.kind == "boolean" else ""
        if f.kind == "flag":
            return "y" if yes else ""
        return "yes" if yes else "no"
    if f.kind == "integer":
        digits = re.search(r"\d+", unicodedata.normalize("NFKC", text))
        return digits.group(0) if digits else text
    return text


def yes_or_no(text: str, intent: str | None) -> bool | None:
    words = normalise(text)
    if words in YES_WORDS or (intent == "affirm" and words not in NO_WORDS):
        return True
    if words in NO_WORDS or intent == "deny":
        return False
    return None


def is_clear_yes(reply: Reply, yes_words: frozenset[str]) -> bool:
    """Only an unambiguous confirmation sends a complaint.

    The "Yes, send it" button is one; typed words are one only when the model is sure they
    mean yes, there is no question mark, and every word is one people use to say yes
    (``yes_words``: the words of the "affirm" examples in the reader's language, and
    English). "idk", "not sure", "yes?" or "yes but change my number" show the summary
    again instead: an unsure young person's complaint is never sent before they check it.
    """
    if reply.is_button:
        return reply.text.split(maxsplit=1)[0] == "/affirm"
    words = normalise(reply.text).split()
    return (reply.intent == "affirm" and reply.confidence >= SURE_YES
            and not {"?", "\u061f"} & set(reply.text)
            and bool(words) and all(w in yes_words for w in words))


def _labels(option: Option, answers: dict, translate: Translate) -> set[str]:
    english = pick(option.label, answers) or ""
    return {normalise(english), normalise(translate(english)), normalise(option.value)}


def match_option(text: str, options: tuple[Option, ...], answers: dict,
                 translate: Translate = _identity) -> Option | None:
    """The one option these words pick: its number, its words, or words close to them."""
    words = normalise(text)
    if not words or not options:
        return None
    if words.isdigit():
        number = int(words)
        return options[number - 1] if 1 <= number <= len(options) else None
    labels = [(_labels(o, answers, translate), o) for o in options]
    exact = [o for names, o in labels if words in names]
    if len(exact) == 1:
        return exact[0]
    if len(words) >= 3:
        inside = [o for names, o in labels if any(words in name for name in names)]
        if len(inside) == 1:
            return inside[0]
        containing = [o for names, o in labels if any(name and name in words for name in names)]
        if len(containing) == 1:
            return containing[0]
        # every word they typed is in one option's words, and in no other's
        typed = set(words.split())
        covering = [o for names, o in labels if any(typed <= set(name.split()) for name in names)]
        if len(covering) == 1:
            return covering[0]
    every = {name: o for names, o in labels for name in names if name}
    close = difflib.get_close_matches(words, list(every), n=2, cutoff=0.8)
    if close and len({every[c].value for c in close}) == 1:
        return every[close[0]]
    return None


def match_options(text: str, options: tuple[Option, ...], answers: dict,
                  translate: Translate = _identity, strict: bool = False) -> list[str]:
    """Several options typed in one message: "1, 3" or "in care and money".

    When a part matches no option the whole text comes back as the one answer, so the
    journey's validator words the error; ``strict`` gives [] instead (nothing picked).
    """
    parts = [p for p in re.split(r",|;|/|\band\b|\n", unicodedata.normalize("NFKC", text)) if p.strip()]
    chosen: list[str] = []
    for part in parts or [text]:
        for piece in part.split() if normalise(part).replace(" ", "").isdigit() else [part]:
            option = match_option(piece, options, answers, translate)
            if option is None:
                return [text] if text.strip() and not strict else []
            if option.value not in chosen:
                chosen.append(option.value)
    return chosen
