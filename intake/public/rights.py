"""Rights a young person can use themselves, without asking an adult or phoning anyone.

From "Check my complaint" (the reference and check code, rate-limited there) they can see a
copy of what they told us, correct their contact details and withdraw the complaint. A
form they have not sent can be deleted from the device holding it ("Start again and delete
my answers") or, when it was saved with five words, from any device here.

A successful code check gives this browser a short grant (``session["rights"]``, sealed so
the cookie does not even show the case id) that lasts while the person keeps using these
pages, up to ``INTAKE_PUBLIC_IDLE_MINUTES`` without activity, and ends with "Exit this
page". Nothing identifying goes in a URL. Each action is written to the audit log (with
nobody signed in) and sent to the case system as a ``case.<action>`` event in the same
transaction, so the complaints team sees it on the case page and in their own system.
"""

from __future__ import annotations

import datetime as dt

from flask import current_app, redirect, render_template, request, session, url_for
from flask_babel import format_date

from intake import calendar
from intake.accounts.audit import audit
from intake.cases import codes, store
from intake.cases.builder import CONTACT_FIELDS, contact_details, journey_answers
from intake.cases.models import utcnow
from intake.extensions import db, vault
from intake.forms import build_form, field_params, raw_values, show_errors
from intake.journey import applicable
from intake.journey.questions import CONTACT
from intake.public import status
from intake.public.blueprint import bp
from intake.service import limits, proof, saving
from intake.service.summary import say, summary_row


@bp.app_context_processor
def rights_context():
    """``complainant_rights()`` for ``_rights.html`` on the status page."""
    def complainant_rights() -> dict:
        row = proof.checked_case()
        return {"granted": row is not None,
                "withdrawn": bool(row and row.withdrawn_at is not None)}
    return {"complainant_rights": complainant_rights}


def _ask_again():
    return redirect(url_for("public.check_my_complaint"), 303)


def _day(row_moment) -> str:
    return format_date(calendar.local_date(row_moment), format="full")


# --- the status page again, for links back from these pages -----------------------------------

@bp.get("/check-my-complaint/your-complaint")
def your_complaint():
    row = proof.checked_case()
    if row is None:
        return _ask_again()
    return render_template("status.html", reference=row.reference, steps=status.timeline(row),
                           may_escalate=status.may_escalate(row))


# --- a copy of what they told us ---------------------------------------------------------------

@bp.get("/check-my-complaint/what-you-told-us")
def copy():
    """Their own answers, as they gave them, laid out to print or save as a PDF."""
    grant = proof.grant()
    row = proof.checked_case()
    if row is None or grant is None:
        return _ask_again()
    case = store.case_document(vault(), row)
    answers = journey_answers(case)
    rows = [summary_row(q, answers) for q in applicable(answers)]
    if not grant.get("copied"):
        audit("complainant_viewed_copy", case_id=row.id)
        store.record_copy_request(db.session, vault(), row)
        proof.keep(dict(grant, copied=True))
    return render_template("rights/copy.html", reference=row.reference, rows=rows,
                           sent_on=_day(row.submitted_at))


# --- correct contact details -------------------------------------------------------------------

@bp.route("/check-my-complaint/contact-details", methods=["GET", "POST"])
def contact():
    """The journey's own contact question, filled in with what they gave before."""
    row = proof.checked_case()
    if row is None:
        return _ask_again()
    answers = journey_answers(store.case_document(vault(), row))
    if request.method == "POST":
        form = build_form(CONTACT, answers, formdata=request.form)
        if form.validate_on_submit():
            values, errors = CONTACT.validate(raw_values(CONTACT, answers, request.form), answers)
            if not errors:
                kept = {k: v for k, v in answers.items() if k not in CONTACT_FIELDS}
                audit("complainant_corrected_contact", case_id=row.id)
                store.correct_contact(db.session, vault(), row, contact_details(kept | values))
                return render_template("rights/contact_done.html")
            show_errors(form, errors, answers)
    else:
        form = build_form(CONTACT, answers)
    fields = [(f, field_params(CONTACT, f, answers)) for f in CONTACT.fields_for(answers)]
    return render_template("rights/contact.html", form=form, fields=fields,
                           title=say(CONTACT.title, answers), notice=say(CONTACT.notice, answers),
                           reference=row.reference), (400 if form.errors else 200)


# --- withdraw ----------------------------------------------------------------------------------

@bp.route("/check-my-complaint/withdraw", methods=["GET", "POST"])
def withdraw():
    """A kind confirmation first; then the complaint is withdrawn and they are told what next."""
    row = proof.checked_case()
    if row is None:
        return _ask_again()
    young_person = row.filer == "young_person"
    if row.withdrawn_at is not None:
        return render_template("rights/withdrawn.html", already=True, on=_day(row.withdrawn_at),
                               young_person=young_person)
    if request.method == "POST":
        audit("complainant_withdrew", case_id=row.id)
        store.withdraw(db.session, vault(), row)
        return render_template("rights/withdrawn.html", already=False, on=_day(row.withdrawn_at),
                               young_person=young_person)
    return render_template("rights/withdraw.html", reference=row.reference,
                           young_person=young_person)


# --- not happy with the answer: the next stage, on the same case -------------------------------

def escalation_dates(row) -> dict:
    """The dates a young person is told, in words, for their request for the next stage."""
    deadlines = calendar.escalation_deadlines(row.stage, calendar.local_date(row.escalation_requested_at))
    day = lambda name: format_date(dt.date.fromisoformat(deadlines[name]), format="full")  # noqa: E731
    dates = {"requested": _day(row.escalation_requested_at), "acknowledge_by": day("acknowledge_by")}
    if row.stage == 2:
        dates |= {"due": day("stage2_due"), "later": day("stage2_extended_due")}
    else:
        dates |= {"due": day("stage3_panel_due")}
    return dates


@bp.route("/check-my-complaint/not-happy", methods=["GET", "POST"])
def not_happy():
    """A plain explanation of stage 2, then the request, linked to this same complaint."""
    row = proof.checked_case()
    if row is None:
        return _ask_again()
    if row.stage >= 2:
        return render_template("rights/escalated.html", already=True, stage=row.stage,
                               dates=escalation_dates(row))
    if not status.may_escalate(row):
        return redirect(url_for("public.your_complaint"), 303)
    if request.method == "POST":
        audit("complainant_escalated", case_id=row.id, detail={"to_stage": 2})
        store.escalate(db.session, vault(), row, 2, utcnow(), by="complainant")
        return render_template("rights/escalated.html", already=False, stage=2,
                               dates=escalation_dates(row))
    return render_template("rights/escalate.html", reference=row.reference)


# --- delete a saved form from any device -------------------------------------------------------

DELETE = "delete_saved"  # the sealed hashes of the words typed, between asking and confirming


@bp.route("/delete-saved-form", methods=["GET", "POST"])
@saving.resume_limits
def delete_saved_form():
    """The 5 words of a saved form, then a confirmation before anything is deleted."""
    typed = request.form.get("code", "") if request.method == "POST" else ""
    typed = typed if isinstance(typed, str) else ""
    error = None
    if request.method == "POST":
        code = saving.typed_code()
        if code is None:
            error = saving.code_error_message()
        else:
            hashes = codes.resume_hashes(current_app.config["INTAKE_DATA_KEYS"], code)
            outcome, row = store.find_saved_draft(db.session, hashes)
            if row is not None:
                session[DELETE] = vault().seal(hashes)
                return render_template("rights/delete_saved_confirm.html",
                                       changed=_day(row.updated_at))
            limits.failed_guess()
            error = saving.not_found_message()
    return render_template("rights/delete_saved.html", error=error, typed=typed[:200]), (
        400 if error else 200)


@bp.post("/delete-saved-form/confirm")
def delete_saved_form_confirm():
    sealed = session.pop(DELETE, None)
    hashes = vault().open(sealed) if isinstance(sealed, str) else []
    if not hashes:
        return redirect(url_for("public.delete_saved_form"), 303)
    store.delete_saved_draft(db.session, hashes)
    return render_template("deleted.html")
