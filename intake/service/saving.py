""""Save and come back later" and "Continue a saved form", for every channel.

"Save" gives the draft a resume code of five words (``intake.cases.codes``), shown once and
never stored: only its keyed hash is. The words open the form on any device, in any
channel, and the device that opens it gets a new token, so the old device's copy closes.
Nothing saved with words is lost by a time-out, by "Exit this page" or by opening the
form elsewhere; only sending it, "Start again and delete my answers" or
``INTAKE_DRAFT_DAYS`` without a change remove it.

Channels call ``save_page`` and ``continue_page`` and draw the result their own way.
"""

from __future__ import annotations

from flask import current_app, flash, g, request, session, url_for
from flask_babel import format_date, gettext

from intake import calendar
from intake.cases import codes, store
from intake.extensions import db, vault
from intake.forms import raw_values
from intake.journey import may_ask, question
from intake.service import drafts, limits, timeouts
from intake.service.journey import Journey


def back_to_form(journey: Journey, channel: str) -> str:
    """The next unanswered question, or "check your answers", in this channel."""
    step = journey.next_step()
    return url_for(f"{channel}.{step.name}", **step.args)


def expiry(token: str | None) -> str:
    """The day a saved form will be deleted, in the reader's words ("" if none)."""
    row = store.live_draft(db.session, token)
    if row is None:
        return ""
    return format_date(calendar.local_date(row.expires_at), format="full")


def _keep_this_page(journey: Journey) -> bool:
    """Record the answer on the page the person saved from, if it is a complete one.

    Returns whether something typed there could not be kept.
    """
    q = question(request.form.get("question", ""))
    if q is None or not may_ask(q.id, journey.facts()):
        return False
    raw = raw_values(q, journey.facts(), request.form)
    values, errors = q.validate(raw, journey.facts())
    if errors:
        return any(v not in ("", [], None) for v in raw.values())
    journey.answer(q, values)
    return False


def save_page(channel: str) -> dict:
    """What the save page shows: "empty", "ask", "saved" or "new" (with the five words)."""
    journey = drafts.load()
    page_not_saved = _keep_this_page(journey) if request.method == "POST" else False
    if journey.is_empty:
        return {"state": "empty"}
    token = session.get(drafts.DRAFT)
    row = store.live_draft(db.session, token)
    has_code = row is not None and row.resume_hash is not None
    common = {"back": back_to_form(journey, channel), "help_needed": journey.needs_help,
              "page_not_saved": page_not_saved, "days": current_app.config["INTAKE_DRAFT_DAYS"]}
    if request.method == "GET":
        return dict(common, state="saved" if has_code else "ask", expires=expiry(token))
    drafts.save(journey, channel)  # keeps this page's answer, and counts the days from now
    token = session[drafts.DRAFT]
    if has_code and request.form.get("new_words") != "yes":
        return dict(common, state="saved", expires=expiry(token))
    return dict(common, state="new", words=_new_words(token).split(), expires=expiry(token))


def _new_words(token: str) -> str:
    keys = current_app.config["INTAKE_DATA_KEYS"]
    for _ in range(5):
        code = codes.new_code(codes.RESUME_WORDS)
        if store.set_resume_code(db.session, token, codes.resume_hashes(keys, code)[0]):
            return code
    raise RuntimeError("could not make a unique resume code")  # five clashes cannot be chance


# --- continue a saved form -------------------------------------------------------------------

def typed_code() -> str | None:
    """The normalised five words in this request, or None when they cannot be a code."""
    if "typed_code" not in g:
        try:
            g.typed_code = codes.normalise(request.form.get("code"), codes.RESUME_WORDS)
        except codes.CodeError as error:
            g.typed_code = None
            g.code_error = error
    return g.typed_code


def _code_key() -> str:
    return codes.rate_key(current_app.config["INTAKE_DATA_KEYS"], typed_code() or "none")


#: The guess budgets for every page that takes the five words.
resume_limits = limits.guesses(limits.RESUME, _code_key, lambda: typed_code() is None)


def not_found_message() -> str:
    return gettext("We could not find a saved form with these words. Check the words and try "
                   "again. Saved forms are deleted %(days)s days after they were last changed.",
                   days=current_app.config["INTAKE_DRAFT_DAYS"])


def code_error_message() -> str:
    """Why what was typed cannot be five words (after ``typed_code()`` returned None)."""
    reason = g.code_error.reason
    if reason == "empty":
        return gettext("Enter the 5 words you were given when you saved your form")
    if reason == "count":
        return gettext("Enter all 5 words, with a space between each word")
    return gettext("One of the words is not one we use. Check the spelling of each word")


def continue_page(channel: str) -> tuple[str | None, dict]:
    """Open a saved form with its five words, on this device, at the next question.

    Returns (where to go, None) when it opened, else (None, what the page shows). "Not
    found" and "expired" are told apart: an expired form never opens and both count against
    the same budgets, so it cannot help a guesser, and it does help the person whose form it
    was, who otherwise keeps checking the spelling of words that were right.
    """
    old = session.get(drafts.DRAFT)
    current = store.live_draft(db.session, old)
    typed = request.form.get("code", "") if request.method == "POST" else ""
    page = {"error": None, "typed": (typed if isinstance(typed, str) else "")[:200],
            "open_unsaved": current is not None and current.resume_hash is None}
    if request.method != "POST":
        return None, page
    code = typed_code()
    if code is None:
        return None, dict(page, error=code_error_message())
    keys = current_app.config["INTAKE_DATA_KEYS"]
    token = store.new_draft_token()
    outcome, stored = store.resume_draft(db.session, vault(), codes.resume_hashes(keys, code),
                                         token)
    if outcome == "resumed":
        store.discard_unsaved_draft(db.session, old)
        session[drafts.DRAFT] = token
        timeouts.resumed()
        flash("resumed", "resume")
        return back_to_form(Journey.from_stored(stored), channel), page
    limits.failed_guess()
    if outcome == "expired":
        return None, dict(page, error=gettext(
            "The form saved with these words has expired. Saved forms are deleted %(days)s days "
            "after they were last changed, to keep them private. You can start a new form.",
            days=current_app.config["INTAKE_DRAFT_DAYS"]))
    return None, dict(page, error=not_found_message())
