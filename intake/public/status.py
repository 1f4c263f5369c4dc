"""Check my complaint: the reference and the three-word check code from the confirmation
page open a simple timeline of what has happened to the complaint.

The page is built from the case's plain columns only (dates, route, triage timestamps):
the sealed case document, with names, contact details and what was written, is never
opened here. A wrong reference and a wrong code get the same message, take the same time
(argon2 runs either way) and count against the same limits, so the page cannot be used to
find out whether a reference exists.
"""

from __future__ import annotations

import datetime as dt
import re

from flask import current_app, g, render_template, request
from flask_babel import format_date, gettext

from intake.cases import codes, store
from intake.cases.builder import REFERENCE_ALPHABET, REFERENCE_LENGTH
from intake import calendar
from intake.cases.models import Case
from intake.extensions import db
from intake.journey import outcomes
from intake.public import advocacy
from intake.public.blueprint import bp
from intake.service import limits, proof

#: Routes where a person is still deciding, or the council itself answers with dates.
UNDECIDED = "human_review"
STATUTORY = "statutory_stage1"


def normalise_reference(typed: object) -> str | None:
    """``k7qm 4xrt 9hpw`` -> ``K7QM-4XRT-9HPW``; None when it cannot be a reference."""
    text = re.sub(r"[^0-9A-Za-z]", "", typed if isinstance(typed, str) else "")[:100].upper()
    if len(text) != REFERENCE_LENGTH or any(c not in REFERENCE_ALPHABET for c in text):
        return None
    return "-".join(text[i:i + 4] for i in range(0, REFERENCE_LENGTH, 4))


def _typed() -> tuple[str | None, str | None]:
    """The normalised reference and check code in this request (None where malformed)."""
    if "typed_check" not in g:
        reference = normalise_reference(request.form.get("reference"))
        try:
            code = codes.normalise(request.form.get("code"), codes.CHECK_WORDS)
        except codes.CodeError:
            code = None
        g.typed_check = (reference, code)
    return g.typed_check


def _reference_key() -> str:
    reference, _ = _typed()
    return codes.rate_key(current_app.config["INTAKE_DATA_KEYS"], reference or "none")


def _day(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        value = calendar.local_date(value)
    return format_date(value, format="full")


def _step(title: str, done: dt.date | dt.datetime | None, *text: str, who: str = "") -> dict:
    return {"title": title, "done": done is not None, "date": _day(done) if done else None,
            "who": who, "text": [t for t in text if t]}


def may_escalate(row: Case) -> bool:
    """Asking for stage 2 is offered once there is an answer, for as long as the case is
    not withdrawn: a late request is flagged for a person, never refused (councils have
    been found at fault for refusing escalation: shared/domain.md)."""
    return row.stage == 1 and row.stage1_responded_at is not None and row.withdrawn_at is None


def timeline(row: Case) -> list[dict]:
    """What has happened, in order, in plain words: received, being looked at, where it
    goes (with the date to hear back by for a children's social care complaint), answered."""
    steps = [_step(gettext("We got your complaint"), row.submitted_at)]

    if row.acknowledged_at is not None:
        steps.append(_step(gettext("Someone is looking at your complaint"), row.acknowledged_at,
                           gettext("The complaints team has your complaint.")))
    else:
        steps.append(_step(gettext("Someone will look at your complaint"), None, gettext(
            "We will contact you by %(date)s to say we have it.", date=_day(row.acknowledge_by))))

    decided = row.route_confirmed_at
    if decided is None and row.route == "safeguarding_referral":
        decided = row.safeguarding_passed_at
    if decided is not None and row.route == STATUTORY and row.stage1_due is not None:
        due = calendar.stage1_deadline(row)
        steps.append(_step(
            gettext("Your complaint has been accepted"), decided,
            gettext("The council will look into it. You should hear back by %(date)s.", date=_day(due)),
            gettext("It needed more time, so the date has moved. We will tell you why.")
            if row.extended_at is not None else ""))
    elif decided is not None and row.route != UNDECIDED and row.route in outcomes.ROUTE_TITLES:
        steps.append(_step(
            gettext("We have decided who will deal with it"), decided,
            gettext(outcomes.ROUTE_EXPLANATIONS[row.route])
            if row.route != "safeguarding_referral" else gettext(
                "Something you told us means you might not be safe, so we told the people "
                "whose job is to keep children safe. The complaints team still looks at "
                "your complaint."), who=gettext(outcomes.ROUTE_TITLES[row.route])))
    else:
        steps.append(_step(gettext("Deciding the best way to deal with it"), None, gettext(
            "A person in the complaints team decides this. You do not need to do anything.")))

    if row.stage1_due is not None:  # not for a request for stage 2 or 3 made on its own
        steps.append(_step(gettext("We have sent you our answer"), row.stage1_responded_at)
                     if row.stage1_responded_at is not None
                     else _step(gettext("We will send you our answer"), None))
    if row.stage >= 2:
        due = _day(row.escalation_due)
        steps.append(_step(gettext("You asked for your complaint to be looked at again"),
                           row.escalation_requested_at,
                           gettext("We should send you our new answer by %(date)s.", date=due)
                           if row.stage == 2 else
                           gettext("An independent panel will meet to look at it by %(date)s.",
                                   date=due)))
    if row.withdrawn_at is not None:  # what was done stays; nothing more will happen
        steps = [s for s in steps if s["done"]] + [_step(
            gettext("You withdrew your complaint"), row.withdrawn_at,
            gettext("The complaints team will not look into it any more. They will write to "
                    "you to say they have stopped."))]
    for step in steps:
        step["current"] = False
    upcoming = next((s for s in steps if not s["done"]), None)
    if upcoming:
        upcoming["current"] = True
    return steps


@bp.route("/check-my-complaint", methods=["GET", "POST"])
@limits.guesses(limits.CHECK, _reference_key, lambda: _typed()[0] is None)
def check_my_complaint():
    """The form, then (POST) the timeline. Nothing goes in the address bar or the history."""
    typed = {k: (request.form.get(k) or "")[:200] for k in ("reference", "code")} \
        if request.method == "POST" else {"reference": "", "code": ""}
    errors: dict[str, str] = {}
    wrong = False
    if request.method == "POST":
        reference, code = _typed()
        if not typed["reference"].strip():
            errors["reference"] = gettext("Enter your reference")
        elif reference is None:
            errors["reference"] = gettext(
                "Enter your reference as it was given to you, like K7QM-4XRT-9HPW")
        if not typed["code"].strip():
            errors["code"] = gettext("Enter your 3-word check code")
        elif code is None:
            errors["code"] = gettext("Enter the 3 words of your check code, with a space "
                                     "between each word")
        if not errors:
            row = store.find_case_by_reference(db.session, reference)
            if codes.check_matches(row.check_hash if row else None, code):
                proof.remember(row)  # the rights pages (rights.py) need no second check
                return render_template("status.html", reference=reference, steps=timeline(row),
                                       may_escalate=may_escalate(row),
                                       advocacy=advocacy.for_status_page(row))
            limits.failed_guess()
            wrong = True
    return render_template("check_complaint.html", errors=errors, wrong=wrong, typed=typed), (
        400 if errors or wrong else 200)
