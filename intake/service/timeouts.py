"""Forgetting a form left alone on a shared device, the same way in every channel.

A young person may use a phone other people use or look at. After
``INTAKE_PUBLIC_IDLE_MINUTES`` without a request to any public channel (web form, Easy
Read or chat), this browser's session forgets the form: the draft token, a sent case's
confirmation and the chat's conversation. A draft nobody saved with words is deleted; one
saved with words is kept. The next page that needed what was forgotten explains first.
"""

from __future__ import annotations

import time

from flask import current_app, jsonify, redirect, request, session, url_for

from intake.cases import store
from intake.extensions import db

#: The public channels' blueprints: one idle clock for all of them.
CHANNELS = ("public", "easy_read", "chat")
#: What this browser's session holds that a time-out must forget.
KEPT_BY_SESSION = ("draft", "submitted", "check_code", "equality_done", "advocacy",
                   "advocacy_declined", "chat_done", "chat_deleted")
SEEN = "public_seen"  # when this browser last asked for a public page
TIMED_OUT = "timed_out"
#: Pages that need what was forgotten: after a time-out they explain first.
EXPLAINED_AFTER_TIME_OUT = {
    f"{channel}.{endpoint}" for channel in ("public", "easy_read") for endpoint in (
        "ask", "check", "help_now", "worried", "confirmation", "equality", "save")
} | {"public.ask_for_advocate", "public.advocate_details", "public.advocate_requested",
     "chat.chat", "chat.post"}
#: Where the explanation is (the web form's page serves every channel).
EXPLANATION = "public.timed_out"


def idle_seconds() -> int:
    return current_app.config["INTAKE_PUBLIC_IDLE_MINUTES"] * 60


def install(app) -> None:
    """One idle clock for every public channel."""
    app.before_request(forget_after_idle)
    app.after_request(note_activity)


def forget_after_idle():
    """Forget this browser's form after too long without a request, and say so."""
    if request.blueprint not in CHANNELS:
        return None
    seen = session.get(SEEN)
    if (any(k in session for k in KEPT_BY_SESSION) and isinstance(seen, int)
            and time.time() - seen > idle_seconds()):
        store.discard_unsaved_draft(db.session, session.get("draft"))
        for key in KEPT_BY_SESSION + (SEEN,):
            session.pop(key, None)
        session[TIMED_OUT] = True
    if session.get(TIMED_OUT) and request.endpoint in EXPLAINED_AFTER_TIME_OUT:
        if request.accept_mimetypes.best == "application/json":
            return jsonify(redirect=url_for(EXPLANATION))  # the chat's script follows it
        return redirect(url_for(EXPLANATION), 303)
    return None


def note_activity(response):
    if request.blueprint in CHANNELS and any(k in session for k in KEPT_BY_SESSION):
        session[SEEN] = int(time.time())
    return response


def explain_once() -> bool:
    """True the first time the explanation page is shown after a time-out."""
    return bool(session.pop(TIMED_OUT, False))


def resumed() -> None:
    """A saved form was opened: the time-out has nothing more to explain."""
    session.pop(TIMED_OUT, None)


def timed_out() -> bool:
    return bool(session.get(TIMED_OUT))
