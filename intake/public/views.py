"""Public pages. Views are thin: parse the request, call the journey, the engine and the
case builder, render."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask import abort, current_app, redirect, render_template, request, session, url_for
from flask_babel import format_date, get_locale, gettext

from intake.app import vault
from intake.cases import codes, store
from intake.cases.builder import build_case
from intake.cases.models import utcnow
from intake import safeguarding
from intake.eligibility import REASON_MESSAGES, assess
from intake.eligibility.engine import SAFETY_REASONS
from intake.extensions import db
from intake.forms import build_form, field_params, raw_values, show_errors
from intake.journey import (
    applicable, is_answered, may_ask, next_question, pick, previous_question, question, record,
    vocabulary_answers,
)
from intake.journey import outcomes
from intake.journey.flow import NOT_SAFE_ANSWERS, OTHER_TYPED, typed_elsewhere
from intake.journey.vocabulary import FREE_TEXT

#: Every typed answer read for safeguarding words as soon as it is given.
READ_FOR_SAFETY = FREE_TEXT + OTHER_TYPED
from intake.journey.questions import EQUALITY
from intake.public import bp
from intake.advocacy import store as referrals
from intake.public.advocacy import DECLINED, summary as advocacy_summary

LONDON = ZoneInfo("Europe/London")
ADVOCACY_REASONS = ("advocacy_offered", "advocacy_signpost")


# --- the draft: answers in progress, kept server-side and encrypted ---------------------

def load_answers() -> dict:
    return store.load_draft(db.session, vault(), session.get("draft")) or {}


def save_answers(answers: dict) -> None:
    token = session.get("draft") or store.new_draft_token()
    store.save_draft(db.session, vault(), token, answers, current_app.config["INTAKE_DRAFT_DAYS"])
    session["draft"] = token


def language() -> str:
    return str(get_locale()).replace("_", "-")


def say(text, answers: dict) -> str:
    return gettext(pick(text, answers)) if text else ""


# --- where the journey goes next: shared by every channel that has pages ---------------------
# Steps are named by endpoint ("ask", "check", "help_now", "worried") with their URL
# arguments; each channel's blueprint has endpoints of the same names, so a person stays in
# the version of the form they chose.

def step_after_answer(q, answers: dict, changing: bool) -> tuple[str, dict]:
    """Keep the answers, then the next step: help first if they said they are not safe."""
    save_answers(answers)
    if q.id == "safe_now" and answers.get("safe_now") in NOT_SAFE_ANSWERS:
        return "help_now", {}
    # Someone who already said they are not safe has had the help page and is on the urgent
    # route: the same help again after each answer would only slow them down.
    said_not_safe = answers.get("safe_now") in NOT_SAFE_ANSWERS
    if not said_not_safe and any(safeguarding.detect(answers.get(f))
                                 for f in READ_FOR_SAFETY if any(x.id == f for x in q.fields)):
        return "worried", {"next_id": q.id, "change": int(changing)}
    return next_step(answers, changing)


def next_step(answers: dict, changing: bool = False) -> tuple[str, dict]:
    upcoming = next_question(answers)
    if upcoming is None:
        return "check", {}
    if changing and all(is_answered(x, answers) for x in applicable(answers)):
        return "check", {}
    return "ask", {"question_id": upcoming.id}


def go(channel: str, step: tuple[str, dict]):
    endpoint, args = step
    return redirect(url_for(f"{channel}.{endpoint}", **args))


def choose_after_help(answers: dict, choice: str | None) -> dict:
    """After the help page: the short urgent route, or carry on with the whole complaint."""
    if choice == "fast_track":
        answers["_fast_track"] = True
    else:
        answers.pop("_fast_track", None)
    save_answers(answers)
    return answers


def submit_complaint(answers: dict, channel: str):
    """Send a finished draft: assess, build and store the case, forget the draft.

    Every channel with pages sends through here, so a case is the same whichever way it came.
    """
    received = dt.datetime.now(LONDON).date()
    decision = assess(vocabulary_answers(answers), received=received,
                      also_said=typed_elsewhere(answers))
    case = build_case(answers, decision, channel=channel, language=language(),
                      submitted_at=utcnow())
    check_code = codes.new_code(codes.CHECK_WORDS)
    row = store.submit(db.session, vault(), case, check_hash=codes.check_hash(check_code),
                       draft_token=session.pop("draft", None))
    session["submitted"] = row.id
    # Shown on the confirmation page while this session lasts; sealed, so the cookie
    # never holds the words themselves. The database keeps only their hash.
    session["check_code"] = vault().seal(check_code)
    return row


def submitted_case() -> dict | None:
    """What the confirmation page needs about the case this session sent, or None."""
    case_id = session.get("submitted")
    row = store.find_case(db.session, case_id) if case_id else None
    if row is None:
        return None
    case = store.case_document(vault(), row)
    decision = case["decision"]
    filer = case["answers"].get("filer")
    sealed_code = session.get("check_code")
    return {
        "row": row, "case": case, "decision": decision,
        "deadlines": {k: format_date(dt.date.fromisoformat(v), format="full")
                      for k, v in decision["deadlines"].items()},
        "check_words": vault().open(sealed_code).split() if isinstance(sealed_code, str) else [],
        "young_person": filer == "young_person",
        "can_refer": referrals.can_refer(row),
        "referral_requested": referrals.find_referral(db.session, row.id) is not None,
    }


# --- pages --------------------------------------------------------------------------------

@bp.get("/")
def start():
    return render_template("start.html")


@bp.route("/again", methods=["GET", "POST"])
def again():
    """Asking for a complaint to go to stage 2 or 3: a separate door, so new complaints stay short."""
    if request.method == "POST":
        answers = load_answers()
        answers["_escalation"] = True
        save_answers(answers)
        return redirect(url_for("public.ask", question_id="request"))
    return render_template("again.html")


@bp.route("/questions/<question_id>", methods=["GET", "POST"])
def ask(question_id: str):
    q = question(question_id)
    if q is None:
        abort(404)
    answers = load_answers()
    if not may_ask(question_id, answers):
        return go("public", next_step(answers))
    changing = request.args.get("change") == "1"
    if request.method == "POST":
        form = build_form(q, answers, formdata=request.form)
        if form.validate_on_submit():
            values, errors = q.validate(raw_values(q, answers, request.form), answers)
            if not errors:
                return go("public", step_after_answer(q, record(answers, q, values), changing))
            show_errors(form, errors, answers)
    else:
        form = build_form(q, answers)
    return _render_question(q, form, answers, changing)


def _render_question(q, form, answers: dict, changing: bool):
    asked = [x.id for x in applicable(answers)]
    number = asked.index(q.id) + 1 if q.id in asked else None
    before = previous_question(q.id, answers)
    back = url_for("public.check") if changing else (
        url_for("public.ask", question_id=before.id) if before else url_for("public.start"))
    fields = [(f, field_params(q, f, answers)) for f in q.fields_for(answers)]
    return render_template(
        "question.html", question=q, form=form, fields=fields, number=number, back=back,
        title=say(q.title, answers), hint=say(q.hint, answers), notice=say(q.notice, answers),
        single=q.single is not None, changing=changing,
    ), (400 if form.errors else 200)


@bp.route("/help-now", methods=["GET", "POST"])
def help_now():
    """Shown at once to a young person who is not safe: help first, then a choice."""
    answers = load_answers()
    if request.method == "POST":
        return go("public", next_step(choose_after_help(answers, request.form.get("choice"))))
    return render_template("help_now.html", fast_track=answers.get("filer") == "young_person")


@bp.route("/worried", methods=["GET", "POST"])
def worried():
    """Shown when what someone wrote sounds like a child may be in danger."""
    answers = load_answers()
    if request.method == "POST":
        return go("public", next_step(answers, request.args.get("change") == "1"))
    found = [d for d in (safeguarding.detect(answers.get(f)) for f in READ_FOR_SAFETY) if d]
    return render_template("worried.html", young_person=answers.get("filer") == "young_person",
                           tentative=bool(found) and all(d.tentative for d in found))


@bp.get("/get-help")
def get_help():
    return render_template("get_help.html")


@bp.route("/check", methods=["GET", "POST"])
def check():
    answers = load_answers()
    upcoming = next_question(answers)
    if upcoming is not None:
        return redirect(url_for("public.ask", question_id=upcoming.id))
    if request.method == "POST":
        submit_complaint(answers, channel="web")
        return redirect(url_for("public.confirmation"))
    return render_template("check.html", rows=summary_rows(answers), fast_track=bool(answers.get("_fast_track")))


def summary_rows(answers: dict) -> list[dict]:
    return [_summary_row(q, answers) for q in applicable(answers)]


def _summary_row(q, answers: dict) -> dict:
    """One row of "check your answers": what was asked, what they said, a change link."""
    values = []
    for f in q.fields_for(answers):
        value = answers.get(f.id)
        if value in (None, "", []):
            continue
        if f.kind == "multi":
            values.extend(say(f.label_for(v), answers) for v in value)
        elif f.kind in ("choice", "boolean"):
            values.append(say(f.label_for(value), answers) or str(value))
        elif f.kind == "flag":
            values.append(say(f.label, answers))
        elif q.single is None and f.kind != "text":
            values.append(f"{say(f.label, answers)}: {value}")
        else:
            values.append(str(value))
    return {"id": q.id, "key": say(q.summary or q.title, answers), "answers": values,
            "free_text": any(f.kind == "text" for f in q.fields_for(answers))}


@bp.get("/confirmation")
def confirmation():
    sent = submitted_case()
    if sent is None:
        return redirect(url_for("public.start"))
    case, decision = sent["case"], sent["decision"]
    route = decision["route"]  # a name inside gettext(): a literal subscript would be extracted as a message
    reasons = []
    for reason in decision["reasons"]:
        if reason["code"] in ADVOCACY_REASONS:
            continue  # the page has its own section about help with the complaint
        if case["fast_track"] and reason["code"] not in SAFETY_REASONS:
            continue  # the fast track skipped the other questions on purpose: say nothing of them
        text = REASON_MESSAGES.get(reason["message_id"])
        if text and gettext(text) not in reasons:
            reasons.append(gettext(text))
    return render_template(
        "confirmation.html", case=case, decision=decision, deadlines=sent["deadlines"],
        reasons=reasons, check_words=sent["check_words"],
        route_title=gettext(outcomes.ROUTE_TITLES[route]),
        route_explanation=gettext(outcomes.ROUTE_EXPLANATIONS[route]),
        secondary=[gettext(outcomes.ROUTE_TITLES[r]) for r in decision["secondary_routes"]],
        advocacy_offer=gettext(outcomes.ADVOCACY_OFFER),
        advocacy_signpost=gettext(outcomes.ADVOCACY_SIGNPOST),
        young_person=sent["young_person"],
        advocacy=advocacy_summary(sent["row"]), declined=session.get(DECLINED) == sent["row"].id,
    )


@bp.route("/equality", methods=["GET", "POST"])
def equality():
    """Optional equality questions, after the complaint is sent and never linked to it."""
    if not session.get("submitted"):
        return redirect(url_for("public.start"))
    if session.get("equality_done"):
        return render_template("equality_done.html")
    answers: dict = {}
    if request.method == "POST":
        form = build_form(EQUALITY, answers, formdata=request.form)
        if form.validate_on_submit():
            values, errors = EQUALITY.validate(raw_values(EQUALITY, answers, request.form), answers)
            if not errors:
                kept = {k: v for k, v in values.items() if v not in (None, "", [])}
                if kept:
                    store.record_equality(db.session, vault(), "web", kept)
                session["equality_done"] = True
                return render_template("equality_done.html")
            show_errors(form, errors, answers)
    else:
        form = build_form(EQUALITY, answers)
    fields = [(f, field_params(EQUALITY, f, answers)) for f in EQUALITY.fields]
    return render_template("equality.html", question=EQUALITY, form=form, fields=fields,
                           title=say(EQUALITY.title, answers), hint=say(EQUALITY.hint, answers),
                           notice=say(EQUALITY.notice, answers))


@bp.route("/start-again", methods=["GET", "POST"])
def start_again():
    """Delete the answers in progress, for real, and begin with a clean page.

    A form saved with a resume code is the same draft, so it goes too and its words stop
    working.
    """
    if request.method == "POST":
        store.delete_draft(db.session, session.get("draft"))
        chosen = session.get("lang")  # they still read the language they chose
        session.clear()
        if chosen:
            session["lang"] = chosen
        return render_template("deleted.html")
    return render_template("start_again.html")


@bp.get("/exit")
def exit_page():
    """Exit this page: forget this browser's session and go somewhere ordinary."""
    session.clear()
    return redirect(current_app.config["INTAKE_EXIT_URL"])
