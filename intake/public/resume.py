"""Keeping a form: "Save and come back later", "Continue a saved form", and session
time-outs that are kind.

A young person may fill in the form on a phone other people use or look at. So:

* The browser only ever holds a random draft token (``session["draft"]``). After
  ``INTAKE_PUBLIC_IDLE_MINUTES`` without a request the token is forgotten, and a draft
  nobody saved with a code is deleted with it; the next page says what happened. With
  JavaScript, ``public-idle.js`` warns two minutes before and keeps the form open for
  someone who is still typing; without it, the page says how long it may be left.
* "Save and come back later" gives the draft a resume code of five words (see
  ``intake.cases.codes``), shown once, never stored: only its keyed hash is. The code
  opens the form on any device, and the device that opens it gets a new token, so the
  old device's copy closes.
* Nothing saved with a code is lost by a time-out, by "Exit this page" or by opening the
  form on another device. Only sending the complaint, "Start again and delete my answers"
  (on a device holding the form) or ``INTAKE_DRAFT_DAYS`` without a change remove it.

The stored draft belongs to no channel; Easy Read and the chat can resume it with the same
words through ``store.resume_draft``.
"""

from __future__ import annotations

import time

from flask import (
    current_app, flash, g, redirect, render_template, request, session, url_for,
)
from flask_babel import format_date, gettext
from flask_limiter.util import get_remote_address

from intake.app import vault
from intake.cases import codes, store
from intake.cases.models import as_utc
from intake import safeguarding
from intake.extensions import db, limiter
from intake.forms import raw_values
from intake.journey import may_ask, next_question, question, record
from intake.journey.flow import ALSO_SAID, NOT_SAFE_ANSWERS
from intake.public import bp
from intake.public.views import LONDON, READ_FOR_SAFETY, language, load_answers, save_answers

#: Failed tries of a resume code allowed, per client address and per code tried.
ADDRESS_LIMIT = "10 per hour"
CODE_LIMIT = "5 per hour"

#: What this browser's session holds that a time-out must forget.
KEPT_BY_SESSION = ("draft", "submitted", "check_code", "equality_done", "advocacy",
                   "advocacy_declined")
SEEN = "public_seen"  # when this browser last asked for a public page
TIMED_OUT = "timed_out"
#: Pages that need what was forgotten: after a time-out they explain first.
EXPLAINED_AFTER_TIME_OUT = {
    f"{channel}.{endpoint}" for channel in ("public", "easy_read") for endpoint in (
        "ask", "check", "help_now", "worried", "confirmation", "equality", "save")
} | {"public.ask_for_advocate", "public.advocate_details", "public.advocate_requested"}


# --- time-outs -------------------------------------------------------------------------------

def idle_seconds() -> int:
    return current_app.config["INTAKE_PUBLIC_IDLE_MINUTES"] * 60


@bp.before_request
def forget_after_idle():
    """Forget this browser's form after too long without a request, and say so."""
    seen = session.get(SEEN)
    if (any(k in session for k in KEPT_BY_SESSION) and isinstance(seen, int)
            and time.time() - seen > idle_seconds()):
        store.discard_unsaved_draft(db.session, session.get("draft"))
        for key in KEPT_BY_SESSION + (SEEN,):
            session.pop(key, None)
        session[TIMED_OUT] = True
    if session.get(TIMED_OUT) and request.endpoint in EXPLAINED_AFTER_TIME_OUT:
        return redirect(url_for("public.timed_out"), 303)
    return None


@bp.after_request
def note_activity(response):
    if any(k in session for k in KEPT_BY_SESSION):
        session[SEEN] = int(time.time())
    return response


@bp.get("/timed-out")
def timed_out():
    if not session.pop(TIMED_OUT, False) and "draft" in session:
        return redirect(url_for("public.start"))  # nothing timed out: nothing to explain
    return render_template("timed_out.html",
                           minutes=current_app.config["INTAKE_PUBLIC_IDLE_MINUTES"])


@bp.post("/keep-alive")
def keep_alive():
    """The idle warning's "Keep working" button (the request itself is the activity)."""
    if session.get(TIMED_OUT):
        return {"status": "timed_out", "next": url_for("public.timed_out")}
    return {"status": "ok"}


# --- save and come back later ----------------------------------------------------------------

def _expiry(token: str | None) -> str:
    row = store.live_draft(db.session, token)
    if row is None:
        return ""
    return format_date(as_utc(row.expires_at).astimezone(LONDON).date(), format="full")


def _needs_help(answers: dict) -> bool:
    """Would the journey have shown help for what is saved? Then the save page shows it too."""
    return answers.get("safe_now") in NOT_SAFE_ANSWERS or any(
        safeguarding.detect(answers.get(f)) for f in READ_FOR_SAFETY) or bool(answers.get(ALSO_SAID))


def _keep_this_page(answers: dict) -> tuple[dict, bool]:
    """Record the answer on the page the person saved from, if it is a complete one.

    Returns the answers and whether something typed there could not be kept.
    """
    q = question(request.form.get("question", ""))
    if q is None or not may_ask(q.id, answers):
        return answers, False
    raw = raw_values(q, answers, request.form)
    values, errors = q.validate(raw, answers)
    if errors:
        typed = any(v not in ("", [], None) for v in raw.values())
        return answers, typed
    return record(answers, q, values), False


def back_to_form(answers: dict, channel: str = "public") -> str:
    """The next unanswered question, or "check your answers", in this version of the form."""
    upcoming = next_question(answers)
    return (url_for(f"{channel}.ask", question_id=upcoming.id) if upcoming
            else url_for(f"{channel}.check"))


@bp.route("/save", methods=["GET", "POST"])
def save():
    return save_form("save.html", "public")


def save_form(template: str, channel: str):
    """Save the form and give its five words; the words are shown this once only.

    Shared by the versions of the form (``channel`` is the blueprint people go back to).
    """
    answers = load_answers()
    page_not_saved = False
    if request.method == "POST":
        answers, page_not_saved = _keep_this_page(answers)
    if not answers:
        return render_template(template, state="empty")
    token = session.get("draft")
    row = store.live_draft(db.session, token)
    has_code = row is not None and row.resume_hash is not None
    common = {"back": back_to_form(answers, channel), "help_needed": _needs_help(answers),
              "page_not_saved": page_not_saved, "days": current_app.config["INTAKE_DRAFT_DAYS"]}
    if request.method == "GET":
        return render_template(template, state="saved" if has_code else "ask",
                               expires=_expiry(token), **common)
    save_answers(answers)  # keeps this page's answer, and counts the days from now
    token = session["draft"]
    if has_code and request.form.get("new_words") != "yes":
        return render_template(template, state="saved", expires=_expiry(token), **common)
    keys = current_app.config["INTAKE_DATA_KEYS"]
    for _ in range(5):
        code = codes.new_code(codes.RESUME_WORDS)
        if store.set_resume_code(db.session, token, codes.resume_hashes(keys, code)[0]):
            break
    else:  # five clashes in a row cannot happen by chance
        raise RuntimeError("could not make a unique resume code")
    return render_template(template, state="new", words=code.split(), expires=_expiry(token),
                           **common)


# --- continue a saved form -------------------------------------------------------------------

def _typed_code() -> str | None:
    """The normalised code in this request, or None when it cannot be a code."""
    if "typed_code" not in g:
        try:
            g.typed_code = codes.normalise(request.form.get("code"), codes.RESUME_WORDS)
        except codes.CodeError as error:
            g.typed_code = None
            g.code_error = error
    return g.typed_code


def _code_rate_key() -> str:
    code = _typed_code()
    if code is None:
        return "resume-code:none"
    return "resume-code:" + codes.rate_key(current_app.config["INTAKE_DATA_KEYS"], code)


def _failed(_response) -> bool:
    """Only a well-formed code that opened nothing counts against the limits."""
    return bool(g.get("code_guess_failed"))


def not_found_message() -> str:
    return gettext("We could not find a saved form with these words. Check the words and try "
                   "again. Saved forms are deleted %(days)s days after they were last changed.",
                   days=current_app.config["INTAKE_DRAFT_DAYS"])


def _code_error_message(error: codes.CodeError) -> str:
    if error.reason == "empty":
        return gettext("Enter the 5 words you were given when you saved your form")
    if error.reason == "count":
        return gettext("Enter all 5 words, with a space between each word")
    return gettext("One of the words is not one we use. Check the spelling of each word")


def resume_limits(view):
    """The limits on guessing words, counted together for every version of the form."""
    view = limiter.shared_limit(ADDRESS_LIMIT, "resume-address", methods=["POST"],
                                key_func=get_remote_address, deduct_when=_failed)(view)
    return limiter.shared_limit(CODE_LIMIT, "resume-code", methods=["POST"],
                                key_func=_code_rate_key, deduct_when=_failed,
                                exempt_when=lambda: _typed_code() is None)(view)


@bp.route("/continue", methods=["GET", "POST"])
@resume_limits
def resume():
    return continue_form("resume.html", "public")


def continue_form(template: str, channel: str):
    """Open a saved form with its five words, on this device, at the next question.

    "Not found" and "expired" are told apart. It cannot help a guesser: an expired form never
    opens, a guess is as unlikely to hit an expired code as a live one, and both count
    against the same limits. It does help the person whose form it was, who otherwise
    keeps checking the spelling of words that were right.
    """
    old = session.get("draft")
    open_unsaved = False
    current = store.live_draft(db.session, old)
    if current is not None and current.resume_hash is None:
        open_unsaved = True
    typed = request.form.get("code", "") if request.method == "POST" else ""
    typed = typed if isinstance(typed, str) else ""
    error = None
    if request.method == "POST":
        code = _typed_code()
        if code is None:
            error = _code_error_message(g.code_error)
        else:
            keys = current_app.config["INTAKE_DATA_KEYS"]
            token = store.new_draft_token()
            outcome, answers = store.resume_draft(db.session, vault(), codes.resume_hashes(keys, code),
                                                  token)
            if outcome == "resumed":
                store.discard_unsaved_draft(db.session, old)
                session["draft"] = token
                session.pop(TIMED_OUT, None)
                flash("resumed", "resume")
                return redirect(back_to_form(answers, channel), 303)
            g.code_guess_failed = True
            days = current_app.config["INTAKE_DRAFT_DAYS"]
            if outcome == "expired":
                error = gettext("The form saved with these words has expired. Saved forms are "
                                "deleted %(days)s days after they were last changed, to keep "
                                "them private. You can start a new form.", days=days)
            else:
                error = not_found_message()
    return render_template(template, error=error, typed=typed[:200],
                           open_unsaved=open_unsaved), (400 if error else 200)


# --- too many tries --------------------------------------------------------------------------

@bp.errorhandler(429)
def too_many_tries(_error):
    return render_template("error.html", **too_many_tries_message()), 429


def too_many_tries_message() -> dict:
    if request.endpoint in ("public.resume", "easy_read.resume"):
        message = gettext("You have tried too many times. To keep saved forms safe, please "
                          "wait an hour and try again. If you cannot find your words, you can "
                          "start a new form.")
    else:
        message = gettext("You have tried too many times. To keep complaints private, please "
                          "wait an hour and try again, or call the complaints team.")
    return {"heading": gettext("Please wait before trying again"), "message": message}
