"""A warm advocacy referral from the web form.

After sending a complaint (the confirmation page), or later from "Check my complaint", a
young person who was offered an advocate can say yes. They then check what will be shared
(``ADVOCACY_REFERRAL``: how the advocate may contact them safely, language, interpreter,
communication needs, agreement), and the referral is queued for the council's advocacy
provider (``intake.advocacy.store``). They are told who will contact them, how, and by when.

The browser holds only the case id it has proved it may act for: ``session["submitted"]``
(it sent the complaint) or a successful check with reference and check code. Nothing goes
in the address bar.
"""

from __future__ import annotations

from flask import redirect, render_template, request, session, url_for
from flask_babel import format_date, gettext

from intake import calendar
from intake.advocacy import store as referrals
from intake.advocacy.referral import defaults
from intake.extensions import council as current_council, vault
from intake.cases import store
from intake.cases.models import Case
from intake.extensions import db
from intake.forms import build_form, field_params, raw_values, show_errors
from intake.journey import outcomes, pick
from intake.journey.questions import ADVOCACY_REFERRAL, CONTACT_METHODS
from intake.public.blueprint import bp

#: session["advocacy"]: {"case": case id, "back": "confirmation" | "status"} while asking.
ASKING = "advocacy"
#: session["advocacy_declined"]: the case whose confirmation page was answered "no, not now".
DECLINED = "advocacy_declined"
METHOD_LABELS = {o.value: o.label for o in CONTACT_METHODS}


def _council():
    return current_council()


def summary(row: Case) -> dict:
    """What the young person is told about their advocate: who, how, by when. Built from the
    plain columns (no sealed data), so "Check my complaint" can show it too."""
    referral = referrals.find_referral(db.session, row.id)
    provider = _council().advocacy
    context = {"offered": referrals.can_refer(row), "referral": referral, "provider": provider,
               "offer": gettext(outcomes.ADVOCACY_OFFER)}
    if referral is not None:
        context |= {
            "requested_on": format_date(calendar.local_date(referral.requested_at), format="full"),
            "contact_by": format_date(referral.contact_by, format="full"),
            "method": gettext(pick(METHOD_LABELS[referral.contact_method], {})),
        }
    return context


def for_status_page(row: Case) -> dict:
    """The advocacy part of "Check my complaint" for a case just checked with its reference
    and check code. If the young person can still ask, this browser may now ask for it."""
    context = summary(row)
    if context["offered"] and context["referral"] is None:
        session[ASKING] = {"case": row.id, "back": "status"}
    return context


def _asking() -> tuple[Case | None, str]:
    asking = session.get(ASKING)
    if not isinstance(asking, dict) or not isinstance(asking.get("case"), str):
        return None, "confirmation"
    return store.find_case(db.session, asking["case"]), asking.get("back", "confirmation")


@bp.post("/confirmation/advocate")
def ask_for_advocate():
    """The young person's answer on the confirmation page: yes (check the details, then
    send) or no for now (they can change their mind from "Check my complaint")."""
    case_id = session.get("submitted")
    row = store.find_case(db.session, case_id) if case_id else None
    if row is None or not referrals.can_refer(row):
        return redirect(url_for("public.start"))
    if request.form.get("advocate") == "no":
        session[DECLINED] = row.id
        return redirect(url_for("public.confirmation", _anchor="advocacy"))
    session[ASKING] = {"case": row.id, "back": "confirmation"}
    return redirect(url_for("public.advocate_details"))


def _back_url(back: str) -> str:
    return url_for("public.confirmation", _anchor="advocacy") if back == "confirmation" \
        else url_for("public.check_my_complaint")


@bp.route("/advocate", methods=["GET", "POST"])
def advocate_details():
    """Check what will be shared, then send the referral."""
    row, back = _asking()
    if row is None or not referrals.can_refer(row):
        return redirect(url_for("public.start"))
    if referrals.find_referral(db.session, row.id) is not None:
        return redirect(url_for("public.advocate_requested"))
    starting = defaults(store.case_document(vault(), row))
    question = ADVOCACY_REFERRAL
    if request.method == "POST":
        form = build_form(question, {}, formdata=request.form)
        if form.validate_on_submit():
            values, errors = question.validate(raw_values(question, {}, request.form), {})
            if not errors:
                referrals.request_referral(db.session, vault(), row, values, _council(),
                                           channel="web")
                session.pop(DECLINED, None)
                if back == "confirmation":
                    return redirect(url_for("public.confirmation", _anchor="advocacy"))
                return redirect(url_for("public.advocate_requested"))
            show_errors(form, errors, {})
    else:
        form = build_form(question, starting)
    provider = _council().advocacy
    fields = [(f, field_params(question, f, {})) for f in question.fields]
    return render_template(
        "advocate.html", form=form, fields=fields, back=_back_url(back), provider=provider,
        title=gettext(question.title), hint=gettext(question.hint),
    ), (400 if form.errors else 200)


@bp.get("/advocate/requested")
def advocate_requested():
    """Who will contact them, how and by when (after asking from "Check my complaint")."""
    row, back = _asking()
    if row is None:
        return redirect(url_for("public.start"))
    advocacy = summary(row)
    if advocacy["referral"] is None:
        return redirect(url_for("public.advocate_details"))
    return render_template("advocate_requested.html", advocacy=advocacy, back=back)
