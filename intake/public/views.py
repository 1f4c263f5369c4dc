"""The web form's pages. Views are thin: parse the request, ask the journey in progress
(``intake.service``) what to do, render."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext

from intake.cases import store
from intake.eligibility import REASON_MESSAGES
from intake.eligibility.engine import SAFETY_REASONS
from intake.extensions import db, vault
from intake.forms import build_form, field_params, raw_values, show_errors
from intake.journey import applicable, may_ask, previous_question, question
from intake.journey import outcomes
from intake.journey.questions import EQUALITY
from intake.public.advocacy import DECLINED, summary as advocacy_summary
from intake.public.blueprint import bp
from intake.service import drafts
from intake.service.confirmation import sent_case
from intake.service.journey import Step
from intake.service.summary import say, summary_rows

ADVOCACY_REASONS = ("advocacy_offered", "advocacy_for_young_person", "advocacy_signpost")
CHANNEL = "web"


def go(step: Step):
    """To a step of the journey, in the web form."""
    return redirect(url_for(f"public.{step.name}", **step.args))


# --- pages --------------------------------------------------------------------------------

@bp.get("/")
def start():
    return render_template("start.html")


@bp.route("/again", methods=["GET", "POST"])
def again():
    """Asking for a complaint to go to stage 2 or 3: a separate door, so new complaints stay short."""
    if request.method == "POST":
        journey = drafts.load()
        journey.ask_to_escalate()
        drafts.save(journey, CHANNEL)
        return redirect(url_for("public.ask", question_id="request"))
    return render_template("again.html")


@bp.route("/questions/<question_id>", methods=["GET", "POST"])
def ask(question_id: str):
    q = question(question_id)
    if q is None:
        abort(404)
    journey = drafts.load()
    answers = journey.facts()
    if not may_ask(question_id, answers):
        return go(journey.next_step())
    changing = request.args.get("change") == "1"
    if request.method == "POST":
        form = build_form(q, answers, formdata=request.form)
        if form.validate_on_submit():
            values, errors = q.validate(raw_values(q, answers, request.form), answers)
            if not errors:
                journey.answer(q, values)
                drafts.save(journey, CHANNEL)
                return go(journey.step_after_answer(q, changing))
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
    journey = drafts.load()
    if request.method == "POST":
        journey.choose_fast_track(request.form.get("choice") == "fast_track")
        drafts.save(journey, CHANNEL)
        return go(journey.next_step())
    return render_template("help_now.html", fast_track=journey.young_person)


@bp.route("/worried", methods=["GET", "POST"])
def worried():
    """Shown when what someone wrote sounds like a child may be in danger."""
    journey = drafts.load()
    if request.method == "POST":
        return go(journey.next_step(request.args.get("change") == "1"))
    found = journey.safety_findings()
    return render_template("worried.html", young_person=journey.young_person,
                           tentative=bool(found) and all(d.tentative for d in found))


@bp.get("/get-help")
def get_help():
    return render_template("get_help.html")


@bp.route("/check", methods=["GET", "POST"])
def check():
    journey = drafts.load()
    step = journey.next_step()
    if step.name != "check":
        return go(step)
    if request.method == "POST":
        drafts.submit(journey, CHANNEL)
        return redirect(url_for("public.confirmation"))
    return render_template("check.html", rows=summary_rows(journey.facts()),
                           fast_track=journey.fast_track)


@bp.get("/confirmation")
def confirmation():
    sent = sent_case()
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
        advocacy_offer=advocacy_offer(sent["young_person"]),
        advocacy_signpost=gettext(outcomes.ADVOCACY_SIGNPOST) if "advocacy_signpost" in {
            r["code"] for r in decision["reasons"]} else None,
        young_person=sent["young_person"],
        advocacy=advocacy_summary(sent["row"]), declined=session.get(DECLINED) == sent["row"].id,
    )


def advocacy_offer(young_person: bool) -> str:
    """The offer in the filer's words: to the young person, or how they can take it up."""
    return gettext(outcomes.ADVOCACY_OFFER if young_person else outcomes.ADVOCACY_FOR_YOUNG_PERSON)


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
        drafts.delete()
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
