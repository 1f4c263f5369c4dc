"""The chat page: the chat's only public door.

The browser talks to Flask; Flask talks to Rasa's REST channel on 127.0.0.1. The transcript
is part of the journey in progress (``intake.service``), kept in the same encrypted draft
as the web form's answers, so someone can switch to the form, save and come back, or carry
on in Easy Read without losing anything, and the chat times out like the form. Each
message is an ordinary form post (the page works without JavaScript); with JavaScript the
same post returns just the new messages as HTML.
"""

from __future__ import annotations

import secrets

from flask import (
    Blueprint, current_app, jsonify, redirect, render_template, request, session, url_for,
)
from flask_babel import format_date, gettext
import datetime as dt

from intake import safeguarding
from intake.bot import messages
from intake.bot.rasa import Rasa, RasaUnavailable
from intake.cases import store
from intake.extensions import council as current_council, vault
from intake.journey import outcomes
from intake.journey.vocabulary import FREE_TEXT
from intake.service import drafts
from intake.service.journey import Journey
from intake.service.summary import summary_rows

bp = Blueprint("chat", __name__)

CHANNEL = "chat"
MAX_MESSAGE = 5000
MAX_ENTRIES = 400
ANSWER_COMMANDS = {"greet", "affirm", "deny", "skip", *(c for c, _ in messages.COMMANDS)}
HELP_SHOWS = ("help_now", "worried")


def rasa() -> Rasa:
    client = current_app.extensions.get("intake_rasa")
    if client is None:
        client = current_app.extensions["intake_rasa"] = Rasa(
            current_app.config["INTAKE_RASA_URL"], current_app.config["INTAKE_RASA_TOKEN"],
            timeout=current_app.config["INTAKE_RASA_TIMEOUT"])
    return client


def chat_state(journey: Journey) -> dict:
    """The transcript and the conversation's id in Rasa (a new one for a new chat)."""
    state = journey.chat
    if not isinstance(state, dict) or not state.get("sender"):
        state = journey.chat = {"sender": secrets.token_urlsafe(16), "entries": [], "known": None}
    return state


def metadata(journey: Journey) -> dict:
    return {"language": drafts.language(), "answers": journey.facts()}


def converse(journey: Journey, text: str, shown: str | None, extra: dict | None = None):
    """Send one message to Rasa and fold its replies into the journey.

    Returns (the journey, or None once it was sent or deleted; where to go next or None).
    ``shown`` is what the transcript shows the person said (the words on the button they
    pressed, or what they typed).
    """
    state = chat_state(journey)
    if shown:
        state["entries"].append({"from": "you", "text": shown})
    replies = rasa().send(state["sender"], text, dict(metadata(journey), **(extra or {})))
    go = None
    for payload in replies:
        if isinstance(payload.get("answers"), dict):
            journey.take_facts(payload["answers"])
            state["known"] = journey.facts()
            continue
        action = payload.get("do")
        if action == "submit":
            _submitted(journey, state)
            return None, None
        if action == "delete":
            _deleted(state)
            return None, None
        if action == "switch_to_form":
            step = journey.next_step()
            go = url_for(f"public.{step.name}", **step.args)
            continue
        state["entries"].append({"from": "bot", "payload": payload})
    state["entries"] = state["entries"][-MAX_ENTRIES:]
    return journey, go


def with_help(journey: Journey, found, was_safe: bool) -> None:
    """Help straight after the person's message, if the bot's reply does not already show it.

    Help comes first when they have just said they are not safe (the same help as the form's
    "Get help now" page) or when what they typed suggests it; a request to stop that came
    with such words is still confirmed, but below the help and with the safe choice first.
    """
    entries = chat_state(journey)["entries"]
    you = [n for n, e in enumerate(entries) if e.get("from") == "you"]
    start = you[-1] + 1 if you else 0
    shown = {(e.get("payload") or {}).get("show") for e in entries[start:]}
    if shown & set(HELP_SHOWS):
        return
    help_entry = None
    if was_safe and journey.said_not_safe:
        help_entry = {"show": "help_now"}
    elif found:
        help_entry = {"show": "worried", "tentative": found.tentative}
    if help_entry:
        entries.insert(start, {"from": "bot", "payload": help_entry})


def _submitted(journey: Journey, state: dict) -> None:
    row = drafts.submit(journey, CHANNEL)
    case = store.case_document(vault(), row)
    decision = case["decision"]
    _forget_in_rasa(state["sender"])
    session["chat_done"] = {
        "reference": case["reference"],
        "route_title": outcomes.ROUTE_TITLES[decision["route"]],
        "route_explanation": outcomes.ROUTE_EXPLANATIONS[decision["route"]],
        "respond_by": decision["deadlines"].get("stage1_due") if decision["route"] == "statutory_stage1" else None,
    }


def _deleted(state: dict) -> None:
    drafts.delete()
    _forget_in_rasa(state["sender"])
    session["chat_deleted"] = True


def _forget_in_rasa(sender: str) -> None:
    try:
        rasa().forget(sender)
    except RasaUnavailable:
        current_app.logger.warning("could not clear a finished conversation in Rasa")


@bp.get("/chat")
def chat():
    return _page()


def _page(wants_json: bool = False):
    """The conversation as it stands: sent, deleted, or in progress (started if new)."""
    if session.get("chat_done"):
        return _render(done=session["chat_done"], wants_json=wants_json)
    if session.pop("chat_deleted", False):
        # Say it is gone, and start nothing until they ask to.
        return _render(Journey(chat={"sender": "-", "entries": [
            {"from": "bot", "payload": {"show": "deleted"}}], "known": None}), wants_json=wants_json)
    journey = drafts.load()
    state = chat_state(journey)
    unavailable = False
    if not state["entries"] or state.get("known") != journey.facts():
        # A new chat, or answers changed in the form since the bot last saw them: (re)start,
        # handing the bot what is known so far.
        try:
            journey, _go = converse(journey, "/greet", None)
            if journey is not None:
                drafts.save(journey, CHANNEL)
        except RasaUnavailable:
            unavailable = True
    return _render(journey, unavailable=unavailable, wants_json=wants_json)


@bp.post("/chat")
def post():
    wants_json = request.accept_mimetypes.best == "application/json"
    journey = drafts.load()
    text, shown, extra, problem = _read_message(journey)
    if problem:
        return _render(journey, problem=problem, wants_json=wants_json, status=400)
    # Every typed message is read for safeguarding words, whatever is being asked (or before
    # anything is): what was typed at a question with buttons is kept for the case.
    found = safeguarding.detect(shown) if extra is None and not text.startswith("/") else None
    asking = messages.controls(chat_state(journey)["entries"], journey.facts()).asking
    if found and asking not in FREE_TEXT:  # a free-text answer is kept as the answer itself
        journey.heard(shown)
        drafts.save(journey, CHANNEL)
    was_safe = not journey.said_not_safe
    try:
        journey, go = converse(journey, text, shown, extra)
    except RasaUnavailable:
        return _render(journey, unavailable=True, wants_json=wants_json, status=503)
    if journey is not None:
        with_help(journey, found, was_safe)
        drafts.save(journey, CHANNEL)
    if go:
        return jsonify(redirect=go) if wants_json else redirect(go)
    if wants_json:
        return _page(wants_json=True)
    return redirect(url_for("chat.chat", _anchor="latest"))


def _read_message(journey: Journey):
    """(text for Rasa, what the transcript shows, metadata, problem) from the posted form.

    A button posts ``choice`` as ``answer:<value>`` or ``command:<name>[:<question>]``;
    ticked boxes post ``answer`` (several) with ``multi``; typing posts ``message``. What
    the transcript shows is worked out here from the journey, never taken from the page.
    """
    form = request.form
    offered = messages.controls(chat_state(journey)["entries"], journey.facts())
    choice = form.get("choice")
    if choice:
        kind, _, rest = choice.partition(":")
        if kind == "answer":
            label = next((c.label for c in offered.choices if c.kind == "answer" and c.value == rest), None)
            if label is None:
                return None, None, None, gettext("That answer is not on offer any more. Please choose again.")
            return "/inform", label, {"answer": rest}, None
        name, _, question = rest.partition(":")
        if kind != "command" or name not in ANSWER_COMMANDS:
            return None, None, None, gettext("Sorry, that did not work. Please try again.")
        label = next((c.label for c in offered.choices if c.kind == "command" and c.value == name
                      and c.question == question), None) or messages.command_label(name)
        return f"/{name}", label, ({"question": question} if question else {}), None
    if form.get("multi"):
        values = form.getlist("answer")
        labels = {c.value: c.label for c in offered.choices if c.kind == "checkbox"}
        if not values:
            return None, None, None, gettext("Choose at least one answer, then press \u201cSend my choices\u201d.")
        if any(v not in labels for v in values):
            return None, None, None, gettext("That answer is not on offer any more. Please choose again.")
        return "/inform", ", ".join(labels[v] for v in values), {"answer": values}, None
    text = (form.get("message") or "").strip()
    if not text:
        return None, None, None, gettext("Type a message, or choose one of the answers.")
    if len(text) > MAX_MESSAGE:
        return None, None, None, gettext(
            "Your message is too long. Please use %(count)s characters or fewer.", count=MAX_MESSAGE)
    if text.startswith("/"):
        text = " " + text  # typed words are never read as a button press
    return text, text.strip(), None, None


def _render(journey: Journey | None = None, done: dict | None = None, unavailable: bool = False,
            problem: str | None = None, wants_json: bool = False, status: int = 200):
    council = current_council()
    journey = journey or Journey()
    answers = journey.facts()
    entries = chat_state(journey)["entries"]
    rows = summary_rows(answers) if any(
        (e.get("payload") or {}).get("show") == "summary" for e in entries) else []
    said = [messages.said(e, answers, council, rows) for e in entries]
    you = [n for n, e in enumerate(entries) if e.get("from") == "you"]
    # Where the page opens (and JavaScript scrolls to): the start of the latest reply.
    latest = min(you[-1] + 1, len(said) - 1) if you else len(said) - 1
    if done:
        said = [messages.said({"from": "bot", "payload": dict(done, show="submitted")}, {}, council)]
        respond_by = done.get("respond_by")
        if respond_by:
            said[0].paragraphs.append(gettext(
                "The council should answer you by %(date)s.",
                date=format_date(dt.date.fromisoformat(respond_by), format="full")))
        said[0].link = (gettext("See what happens next and get your check code"),
                        url_for("public.confirmation"))
    if unavailable:
        said.append(messages.said({"from": "bot", "payload": {"show": "unavailable"}}, answers, council))
    controls = messages.controls(entries, answers) if not (done or unavailable) else messages.Controls(typing=False)
    if done or unavailable:
        latest = len(said) - 1
    context = dict(said=said, latest=latest, controls=controls, commands=[
        (c, gettext(label)) for c, label in messages.COMMANDS], problem=problem,
        unavailable=unavailable, done=bool(done))
    if wants_json:
        return jsonify(
            log=render_template("chat/_log.html", **context),
            controls=render_template("chat/_controls.html", **context),
            count=len(said),
        ), status
    return render_template("chat/chat.html", **context), status


@bp.post("/chat/new")
def start_new():
    """After a complaint was sent from the chat: begin a fresh conversation."""
    session.pop("chat_done", None)
    return redirect(url_for("chat.chat"))
