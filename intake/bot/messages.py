"""What the chat says, in the reader's language.

The bot sends only payloads naming a question, a message or an error; this module turns
each into words through the same translation catalogues as the pages (so translating the
service translates the bot), and works out which quick replies the latest message offers.
Questions are worded from the journey itself, exactly as the web form words them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask_babel import gettext

from intake.bot import conversation as talk
from intake.journey import QUESTIONS, pick
from intake.journey.model import Field

DEFAULT_WHEN = Field.__dataclass_fields__["when"].default
from intake.text import N_

#: Requests anyone can make at any point, offered under the message box.
COMMANDS = (
    ("not_safe", N_("I'm not safe")),
    ("explain", N_("What does this mean?")),
    ("human", N_("Talk to a person")),
    ("change_answer", N_("Change an answer")),
    ("switch_to_form", N_("Switch to the form")),
    ("stop", N_("Stop and delete what I said")),
)

TEXTS = {
    "welcome": (
        N_("Hello. I can help you tell the council that something is wrong with children's "
           "social care."),
        N_("I will ask you some questions, one at a time. The council's complaints team will "
           "read what you tell me. Nobody else will."),
        N_("You can stop at any time. If you are not safe, press \u201cI'm not safe\u201d."),
    ),
    "carry_on": (N_("Let's carry on from where you got to."),),
    "about_chat": (
        N_("This chat helps you make a complaint about children's social care."),
        N_("I ask the same questions as the online form. At the end I show you your answers "
           "before anything is sent."),
    ),
    "confirm_stop": (N_("Do you want to stop and delete everything you have told me?"),),
    "deleted": (N_("Everything you told me has been deleted."),
                N_("You can start again whenever you want.")),
    "not_understood": (N_("Sorry, I did not understand that."),
                       N_("You can carry on with the questions, or choose one of the buttons below.")),
    "change_menu": (N_("Which answer do you want to change?"),),
    "summary": (N_("Here is what you told me. Please check it."),
                N_("Is it right? When you say yes, I will send it to the complaints team.")),
    "worried": (
        N_("Thank you for telling us. What you wrote makes us worried that you might not be safe."),
        N_("The complaints team will read this today and pass it to people whose job is to keep "
           "children safe."),
    ),
    "unavailable": (N_("Sorry, the chat is not working right now."),
                    N_("You can use the online form instead. It asks the same questions.")),
}

#: Help after words that might mean someone is not safe, when they were negated, hypothetical
#: or said as a joke: we may have misread, so we ask gently and still show the numbers.
TENTATIVE = N_("We might have got this wrong, but if you or someone you know is not safe, "
               "you can get help now. You can carry on with your complaint too.")

#: Explanations of a question for "What does this mean?" when it has no hint of its own.
WHY_WE_ASK = N_("We ask this so the right person can help you. If you are not sure, you can "
                "say \u201cI do not know\u201d or press \u201cTalk to a person\u201d.")


@dataclass
class Said:
    """One message in the transcript, ready for the template."""

    who: str  # "bot" or "you"
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    tone: str = ""  # "", "error" or "help" (a help message also shows the help panel)
    link: tuple[str, str] | None = None  # (text, url)


@dataclass
class Choice:
    kind: str  # "answer" (value), "command" (request), "checkbox" (multi)
    value: str
    label: str
    question: str = ""


@dataclass
class Controls:
    """What the person can do next: quick replies or boxes, and whether typing is useful."""

    prompt: str = ""
    choices: list[Choice] = field(default_factory=list)
    multi: bool = False
    can_skip: bool = False
    typing: bool = True
    input_kind: str = "text"
    asking: str = ""  # the field being asked, if any


OTHER_COMMANDS = {
    "affirm": N_("Yes"), "deny": N_("No"), "greet": N_("Carry on"), "skip": N_("Skip this question"),
}


def command_label(name: str) -> str:
    labels = dict(COMMANDS, **OTHER_COMMANDS)
    return gettext(labels.get(name, name))


def isolate(value: str) -> str:
    """A phone number or name kept left-to-right inside right-to-left text (Unicode
    isolates), so its digit groups do not swap places."""
    return f"\u2066{value}\u2069"


def _t(text, answers: dict) -> str:
    return gettext(pick(text, answers)) if text else ""


NUMBER_GROUPS = re.compile(r"(?<![\w\u2066])\d+(?:[ \u00a0]\d+)+(?![\w\u2069])")
ISOLATED = re.compile("(\u2066[^\u2069]*\u2069)")


def numbers_left_to_right(text: str) -> str:
    """Numbers of several groups ("0800 1111") kept in their order in right-to-left
    languages, where the groups would otherwise swap places; already isolated text is left
    alone."""
    return "".join(part if part.startswith("\u2066") else
                   NUMBER_GROUPS.sub(lambda m: isolate(m.group(0)), part)
                   for part in ISOLATED.split(text))


def said(entry: dict, answers: dict, council, summary_rows=None) -> Said:
    """Word one transcript entry (numbers in our words kept left-to-right)."""
    message = _said(entry, answers, council, summary_rows)
    if message.who == "bot":
        message.paragraphs = [numbers_left_to_right(p) for p in message.paragraphs]
    return message


def _said(entry: dict, answers: dict, council, summary_rows=None) -> Said:
    if entry.get("from") == "you":
        return Said("you", [entry.get("text", "")])
    payload = entry.get("payload") or {}
    if "ask" in payload:
        return Said("bot", ask_lines(payload["ask"], answers))
    if "error" in payload:
        error = payload["error"]  # a journey message id
        return Said("bot", [gettext(error)], tone="error")
    if "explain" in payload:
        return Said("bot", *explain_lines(payload["explain"], answers))
    show = payload.get("show")
    if show == "help_now":
        # The same words and numbers as the web form's "Get help now" page (the numbers are
        # the help panel, rendered with the message, each a tel: link).
        return Said("bot", [gettext("Thank you for telling me. Your safety matters most."),
                            gettext("You do not have to do this on your own"),
                            gettext("If someone is hurting you or you are in danger, we have to "
                                    "tell people whose job is to keep you safe. We will tell you "
                                    "before we do."),
                            gettext("We will pass this on to people whose job is to keep you "
                                    "safe. You can carry on telling me about your complaint if "
                                    "you want to.")], tone="help")
    if show == "worried":
        if payload.get("tentative"):
            # Negated, hypothetical or joking: help worded gently, never hidden.
            return Said("bot", [gettext(TENTATIVE), gettext("If anyone is in danger right now, "
                                                            "call 999.")], tone="help")
        return Said("bot", [gettext(t) for t in TEXTS["worried"]], tone="help")
    if show == "talk_to_person":
        return Said("bot", [
            gettext("You can talk to the complaints team on %(phone)s (%(hours)s).",
                    phone=isolate(council.complaints_phone), hours=council.complaints_hours),
            gettext("An advocate can help you make your complaint. %(name)s: %(phone)s (%(hours)s).",
                    name=council.advocacy.name, phone=isolate(council.advocacy.phone),
                    hours=council.advocacy.hours),
            gettext("You can carry on here too."),
        ])
    if show == "summary":
        return Said("bot", [gettext(t) for t in TEXTS["summary"]], rows=summary_rows or [])
    if show == "submitted":
        return Said("bot", [
            gettext("Your complaint has been sent. Your reference is %(reference)s.",
                    reference=isolate(payload.get("reference", ""))),
            gettext(payload.get("route_title", "")),
            gettext(payload.get("route_explanation", "")),
        ])
    if show in TEXTS:
        return Said("bot", [gettext(t) for t in TEXTS[show]])
    return Said("bot", [gettext(text) for text in TEXTS["not_understood"][:1]])


def ask_lines(field_id: str, answers: dict) -> list[str]:
    """The question as the form words it: the page's title first, then this field's label."""
    try:
        question, f = talk.field_of(field_id)
    except KeyError:
        return []
    lines = []
    first = question.fields_for(answers)[0].id == f.id
    if first or question.single:
        lines.append(_t(question.title, answers))
        if question.notice:
            lines.append(_t(question.notice, answers))
    if not question.single:
        lines.append(_t(f.label, answers))
    hint = f.hint if not question.single else (question.hint or f.hint)
    if hint and f.when is DEFAULT_WHEN:  # "Only if you chose email" is said by asking at all
        lines.append(_t(hint, answers))
    return [line for line in lines if line]


def explain_lines(field_id: str, answers: dict) -> tuple[list[str], list[str]]:
    """For "What does this mean?": the hints and what each choice means."""
    try:
        question, f = talk.field_of(field_id)
    except KeyError:
        return [gettext(text) for text in TEXTS["about_chat"][:1]], []
    lines = [_t(question.hint, answers), _t(f.hint, answers), _t(question.notice, answers)]
    items = [f"{_t(o.label, answers)}: {_t(o.hint, answers)}"
             for o in f.options_for(answers) if o.hint]
    lines = [line for line in dict.fromkeys(lines) if line]
    if not lines and not items:
        lines = [gettext(WHY_WE_ASK)]
    return lines, items


def controls(entries: list[dict], answers: dict) -> Controls:
    """The quick replies for the latest thing the bot asked, if nobody has answered it yet."""
    for entry in reversed(entries):
        if entry.get("from") == "you":
            break
        payload = entry.get("payload") or {}
        if "ask" in payload:
            return _field_controls(payload["ask"], answers)
        show = payload.get("show")
        if show == "summary":
            return Controls(typing=False, choices=[
                Choice("command", "affirm", gettext("Yes, send it")),
                Choice("command", "change_answer", gettext("Change an answer")),
            ])
        if show == "confirm_stop":
            # The safe choice first, so it is the one focused: someone in distress may have
            # typed something that reads like "stop".
            return Controls(typing=False, choices=[
                Choice("command", "deny", gettext("No, carry on")),
                Choice("command", "affirm", gettext("Yes, delete everything")),
            ])
        if show == "change_menu":
            return Controls(typing=False, choices=[
                Choice("command", "change_answer", _t(QUESTIONS[qid].summary or QUESTIONS[qid].title, answers), qid)
                for qid in payload.get("questions", []) if qid in QUESTIONS
            ])
        if show in ("deleted", "not_understood", "unavailable"):
            return Controls(choices=[Choice("command", "greet", gettext("Carry on") if answers
                                            else gettext("Start"))])
        if show == "submitted":
            return Controls(typing=False)
    return Controls()


def _field_controls(field_id: str, answers: dict) -> Controls:
    try:
        question, f = talk.field_of(field_id)
    except KeyError:
        return Controls()
    prompt = _t(question.title if question.single else f.label, answers)
    if f.kind in ("choice", "boolean"):
        return Controls(prompt=prompt, asking=f.id, choices=[
            Choice("answer", o.value, _t(o.label, answers)) for o in f.options_for(answers)])
    if f.kind == "flag":
        return Controls(prompt=prompt, asking=f.id, choices=[
            Choice("answer", "y", gettext("Yes")), Choice("answer", "n", gettext("No"))])
    if f.kind == "multi":
        return Controls(prompt=prompt, asking=f.id, multi=True, choices=[
            Choice("checkbox", o.value, _t(o.label, answers)) for o in f.options_for(answers)])
    kinds = {"email": "email", "phone": "tel", "integer": "numeric"}
    return Controls(prompt=prompt, asking=f.id, can_skip=not f.required,
                    input_kind=kinds.get(f.kind, "text"))
