"""The intake queue, the case view and triage.

Case status (``Case.status``) follows from what the team has recorded, so it can never
disagree with the timestamps beside it (``status_for``):

``new``
    Received; nobody has acknowledged it yet. The clock that matters is ``acknowledge_by``.
``acknowledged``
    The complainant has been told the complaint arrived (``acknowledged_at``). The clock
    is now the stage 1 response date (``stage1_extended_due`` once an extension is set).
``responded``
    The stage 1 response (for other routes: the team's answer saying where the complaint
    goes) has been sent (``stage1_responded_at``). Closed: it leaves the open queue.
``passed_on``
    A case on the ``safeguarding_referral`` route has been passed to the children's
    services front door (``safeguarding_passed_at``). Closed, unless the route is later
    changed, when it is open again at ``new`` or ``acknowledged``.

``withdrawn``
    The complainant withdrew it themselves from "Check my complaint" (``withdrawn_at``;
    see ``intake.public.rights``). Closed: the statutory clocks stop. The team still
    writes to confirm, and the queue shows recent withdrawals until then.

So: new -> acknowledged -> responded, new/acknowledged -> passed_on, and any -> withdrawn. Confirming or
changing the route, an extension, the advocacy referral and notes are recorded without
changing the status. Every change writes one audit entry and one ``case.triaged`` event
(the case document with its ``triage``) in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlencode

from babel import Locale
from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import Date, and_, case, exists, func, literal, select, true, type_coerce

from intake import calendar, safeguarding
from intake.advocacy import store as referrals
from intake.extensions import vault
from intake.calendar import date_time, full_date, short_date, stage1_deadline, working_days_between
from intake.cases import store
from intake.cases.builder import CHANNELS, with_triage
from intake.cases.models import Case, OutboxEvent, as_utc, utcnow
from intake.eligibility.engine import RULES
from intake.eligibility.messages import REASON_MESSAGES
from intake.extensions import db
from intake.inputs import whole_number, without_controls
from intake.reports import ROUTE_LABELS
from intake.journey import JOURNEY, pick
from intake.journey.outcomes import ROUTE_TITLES
from intake.journey.questions import CONTACT_METHODS, QUESTIONS
from intake.journey.vocabulary import FILERS, FREE_TEXT, ROUTES, TOPICS
from intake.staff.blueprint import bp
from intake.accounts.audit import audit
from intake.staff.auth import requires
from intake.accounts.models import AuditEntry, CaseNote, StaffUser

PAGE_SIZE = 50
TEXT_LIMIT = 5000
NAME_LIMIT = 200
OPEN_STATUSES = ("new", "acknowledged", "escalated")
STATUSES = ("new", "acknowledged", "responded", "escalated", "passed_on", "withdrawn")

# Names the complaints team uses (ids stay in URLs, the database and events).
ROUTE_NAMES = ROUTE_LABELS  # one set of staff-facing route names, shared with the report
STATUS_NAMES = {"new": "New", "acknowledged": "Acknowledged", "responded": "Responded",
                "escalated": "Escalated", "passed_on": "Passed on", "withdrawn": "Withdrawn"}
CHANNEL_NAMES = {"web": "Web form", "easy_read": "Easy Read", "chat": "Chat"}
FILER_NAMES = {
    "young_person": "Young person", "advocate": "Advocate", "parent": "Parent",
    "relative": "Relative", "foster_carer": "Foster carer", "special_guardian": "Special guardian",
    "prospective_adopter": "Prospective adopter", "professional": "Professional",
    "representative": "Representative", "other": "Someone else",
}
#: Audit actions (with nobody signed in) for what a complainant did themselves from
#: "Check my complaint" (``intake.public.rights``), as the case page names them.
COMPLAINANT_ACTION_NAMES = {
    "complainant_withdrew": "Withdrew the complaint",
    "complainant_corrected_contact": "Changed their contact details",
    "complainant_viewed_copy": "Looked at a copy of what they told us",
}
NOTE_KIND_NAMES = {"note": "Note", "route_change": "Route", "extension": "Extension",
                   "safeguarding": "Safeguarding referral passed on"}
TOPIC_NAMES = {o.value: pick(o.label, {}) for o in QUESTIONS["topics"].fields[0].options}
METHOD_NAMES = {o.value: pick(o.label, {}) for o in CONTACT_METHODS}


# Dates and clocks (the rules are in ``intake.calendar``) -----------------------------------

def days_left_text(due: dt.date, on: dt.date) -> str:
    if due == on:
        return "Due today"
    left = working_days_between(due, on)
    if due > on:
        return f"{left} working day{'s' if left != 1 else ''} left"
    if left == 0:
        return "Overdue"
    return f"Overdue by {-left} working day{'s' if left != -1 else ''}"


ESCALATION_DUE_NAMES = {2: "Stage 2 response (provisional)", 3: "Stage 3 review panel"}


def next_due(row: Case) -> tuple[str, dt.date] | None:
    """The statutory deadline still open, as (what, date), or None when nothing is."""
    if row.status not in OPEN_STATUSES:
        return None
    if row.acknowledged_at is None:
        return "Acknowledge", row.acknowledge_by
    if row.stage >= 2:
        return ESCALATION_DUE_NAMES[row.stage], row.escalation_due
    if row.stage1_responded_at is None:
        what = "Stage 1 response (extended)" if row.extended_at is not None else "Stage 1 response"
        return what, stage1_deadline(row)
    return None


def timing(due: dt.date | None, on: dt.date) -> str | None:
    if due is None:
        return None
    return "overdue" if due < on else ("due_today" if due == on else None)


# The same rule in SQL (``next_due`` and ``calendar.stage1_deadline``), for ordering,
# counting and filtering.
IS_OPEN = Case.status.in_(OPEN_STATUSES)
NEXT_DUE = type_coerce(case(
    (Case.status.not_in(OPEN_STATUSES), None),
    (Case.acknowledged_at.is_(None), Case.acknowledge_by),
    (Case.stage >= 2, Case.escalation_due),
    (and_(Case.stage1_responded_at.is_(None), Case.extended_at.is_not(None)), Case.stage1_extended_due),
    (Case.stage1_responded_at.is_(None), Case.stage1_due),
    else_=None), Date)
ADVOCACY_ASKED = exists().where(OutboxEvent.case_id == Case.id,
                                OutboxEvent.type == referrals.REQUESTED)


def status_for(row: Case) -> str:
    if row.withdrawn_at is not None:
        return "withdrawn"
    if row.stage >= 2:
        return "escalated"
    if row.stage1_responded_at is not None:
        return "responded"
    if row.safeguarding_passed_at is not None and row.route == "safeguarding_referral":
        return "passed_on"
    if row.acknowledged_at is not None:
        return "acknowledged"
    return "new"


# The queue ----------------------------------------------------------------------------------

def _one(name: str, allowed) -> str:
    value = request.args.get(name, "")
    return value if value in allowed else ""


def language_name(code: str) -> str:
    try:
        return Locale.parse(code.replace("-", "_")).get_display_name("en") or code
    except (ValueError, TypeError, LookupError):
        return code


def _options(names: dict, chosen: str, anything: str = "Any") -> list[dict]:
    return [{"value": "", "text": anything, "selected": chosen == ""}] + [
        {"value": k, "text": v, "selected": chosen == k} for k, v in names.items()]


def _languages() -> list[str]:
    """The languages cases were made in: the language filter offers only these."""
    codes = db.session.execute(select(Case.language).distinct()).scalars()
    return sorted(code for code in codes if code)


def _queue_filters(languages: list[str]) -> dict:
    """The filters asked for; a value the queue does not know counts as no filter."""
    return {
        "route": _one("route", ROUTES),
        "status": _one("status", STATUSES + ("all",)),
        "topic": _one("topic", TOPICS),
        "channel": _one("channel", CHANNELS),
        "language": _one("language", languages),
        "filer": _one("filer", FILERS),
        "advocacy": _one("advocacy", ("yes", "no")),
    }


def _queue_conditions(chosen: dict) -> list:
    """The filters as SQL conditions. No status filter means open cases only."""
    conditions = []
    if chosen["status"] == "":
        conditions.append(IS_OPEN)
    elif chosen["status"] != "all":
        conditions.append(Case.status == chosen["status"])
    for key, column in (("route", Case.route), ("channel", Case.channel),
                        ("language", Case.language), ("filer", Case.filer)):
        if chosen[key]:
            conditions.append(column == chosen[key])
    if chosen["topic"]:
        conditions.append((literal(",") + Case.topics + literal(",")).contains(
            f",{chosen['topic']},", autoescape=True))
    if chosen["advocacy"] == "yes":
        conditions.append(ADVOCACY_ASKED)
    elif chosen["advocacy"] == "no":
        conditions.append(~ADVOCACY_ASKED)
    return conditions


def _queue_page(total: int) -> tuple[int, int]:
    """The page asked for, held between the first and the last, and the number of pages."""
    pages = max(1, -(-total // PAGE_SIZE))
    return min(whole_number(request.args.get("page"), largest=10**6) or 1, pages), pages


def _queue_rows(conditions: list, page: int) -> list[Case]:
    """One page of cases: urgent open ones first, then the nearest deadline, then the oldest."""
    return db.session.execute(
        select(Case).where(*conditions)
        .order_by(case((and_(Case.urgent, IS_OPEN), 0), else_=1),
                  case((NEXT_DUE.is_(None), 1), else_=0), NEXT_DUE, Case.submitted_at, Case.id)
        .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).scalars().all()


def _queue_items(rows: list[Case], on: dt.date) -> list[dict]:
    """What each line of the queue shows besides the case: its next deadline, and whether the
    young person asked for an advocate and where the referral has got to."""
    ids = [r.id for r in rows]
    asked = set(db.session.execute(select(OutboxEvent.case_id).where(
        OutboxEvent.case_id.in_(ids), OutboxEvent.type == referrals.REQUESTED)).scalars()) \
        if rows else set()
    referred = referrals.deliveries(db.session, ids)
    items = []
    for row in rows:
        due = next_due(row)
        items.append({
            "row": row, "due_what": due[0] if due else None, "due": due[1] if due else None,
            "timing": timing(due[1] if due else None, on), "advocacy_asked": row.id in asked,
            "referral": referred.get(row.id),
            "needs_review": row.needs_review and row.route_confirmed_at is None,
        })
    return items


def _queue_counts(on: dt.date) -> dict:
    """The numbers above the queue, over every open case whatever the filters."""
    def count(condition):
        return func.coalesce(func.sum(case((and_(IS_OPEN, condition), 1), else_=0)), 0)

    counts = db.session.execute(select(
        count(true()), count(Case.urgent), count(NEXT_DUE < on), count(NEXT_DUE == on),
        count(and_(Case.needs_review, Case.route_confirmed_at.is_(None))))).one()
    return dict(zip(("open", "urgent", "overdue", "due_today", "needs_review"), counts))


def _withdrawn_waiting() -> int:
    """Withdrawn cases the team has not yet written to confirm (they stay in sight till then)."""
    return db.session.execute(select(func.count()).select_from(Case).where(
        Case.status == "withdrawn", Case.stage1_responded_at.is_(None))).scalar_one()


def _parked() -> int | None:
    """Events the relay gave up on, for managers only (they can put them back in line)."""
    if not g.staff.can("manager"):
        return None
    return db.session.execute(select(func.count()).select_from(OutboxEvent).where(
        OutboxEvent.dead_at.is_not(None), OutboxEvent.delivered_at.is_(None))).scalar_one()


def _queue_selects(chosen: dict, languages: list[str]) -> dict:
    """The filter form's drop-downs, with what was chosen selected."""
    status = chosen["status"]
    return {
        "route": _options(ROUTE_NAMES, chosen["route"]),
        "status": [{"value": "", "text": "Open (new or acknowledged)", "selected": status == ""}]
        + [{"value": k, "text": v, "selected": status == k} for k, v in STATUS_NAMES.items()]
        + [{"value": "all", "text": "All", "selected": status == "all"}],
        "topic": _options(TOPIC_NAMES, chosen["topic"]),
        "channel": _options(CHANNEL_NAMES, chosen["channel"]),
        "language": _options({code: language_name(code) for code in languages}, chosen["language"]),
        "filer": _options(FILER_NAMES, chosen["filer"]),
        "advocacy": _options({"yes": "Yes", "no": "No"}, chosen["advocacy"]),
    }


@bp.get("/")
@requires("officer")
def queue():
    """The intake queue: open cases by default, filtered by the form above it, paged."""
    languages = _languages()
    chosen = _queue_filters(languages)
    conditions = _queue_conditions(chosen)
    on = calendar.today()
    total = db.session.execute(select(func.count()).select_from(Case).where(*conditions)).scalar_one()
    page, pages = _queue_page(total)
    filters = {k: v for k, v in chosen.items() if v}

    def page_url(number: int) -> str:
        return url_for("staff.queue") + "?" + urlencode(filters | {"page": number})

    return render_template(
        "staff/queue.html", staff=g.staff, cases=_queue_items(_queue_rows(conditions, page), on),
        total=total, page=page, pages=pages, page_url=page_url, filtered=bool(filters),
        counts=_queue_counts(on), parked=_parked(), on=on, withdrawn_waiting=_withdrawn_waiting(),
        select=_queue_selects(chosen, languages),
        names={"route": ROUTE_NAMES, "status": STATUS_NAMES, "channel": CHANNEL_NAMES,
               "filer": FILER_NAMES},
        short_date=short_date, date_time=date_time, language_name=language_name)


# The case page ------------------------------------------------------------------------------

STAFF_VIEW: dict = {}  # no filer: the journey's wording about "the young person"


def _label(field, value, answers: dict) -> str:
    return pick(field.label_for(value), answers) or str(value)


def answer_rows(answers: dict) -> list[dict]:
    """Each answer (except free text) with the question's short label and the option's words."""
    rows = []
    for question in JOURNEY:
        for field in question.fields:
            if not field.vocabulary or field.id in FREE_TEXT or field.id not in answers:
                continue
            value = answers[field.id]
            # Labels speak about the young person (staff read them); the answers keep the
            # words the person chose.
            key = pick(question.summary or question.title, STAFF_VIEW) if question.single else \
                pick(field.label, STAFF_VIEW)
            if field.kind == "multi":
                shown = [_label(field, v, answers) for v in (value or [])]
            else:
                shown = [_label(field, value, answers)]
            rows.append({"id": field.id, "key": key, "values": shown})
            if field.id == "topics" and len(value or []) > 1:
                rows.append({"id": "main_topic", "key": "Most important",
                             "values": [_label(field, value[0], answers)]})
    return rows


def free_text_rows(answers: dict, also_said: list | None = None) -> list[dict]:
    rows = [{"id": q, "key": pick(QUESTIONS[q].summary, STAFF_VIEW), "text": answers[q]}
            for q in FREE_TEXT if answers.get(q)]
    rows += [{"id": f"also-said-{n}", "key": "Also said in the chat", "text": text}
             for n, text in enumerate(also_said or [], start=1) if isinstance(text, str)]
    return rows


def signal_rows(words: list[dict]) -> list[dict]:
    """Why the detector flagged each piece of text: category, term or score, and how sure.

    Read again from the words themselves, so staff always see the current detector's reading;
    the young person never sees any of this.
    """
    rows = []
    for word in words:
        for signal in safeguarding.detect(word["text"]).signals:
            rows.append({
                "where": word["key"], "category": safeguarding.LABELS[signal.category],
                "why": (f"the words “{signal.evidence}” ({language_name(signal.language)})"
                        if signal.how == "term" and signal.language != "*" else
                        f"the council's own term “{signal.evidence}”" if signal.how == "term"
                        else f"the classifier (probability {signal.evidence})"),
                "tentative": signal.tentative,
            })
    return rows


def contact_rows(contact: dict) -> list[dict]:
    methods = METHOD_NAMES
    labels = (("name", "Name to use"), ("young_person_name", "Young person's name"),
              ("organisation", "Organisation"), ("method", "How to contact"),
              ("phone", "Phone"), ("email", "Email"), ("address", "Address"),
              ("safe_times", "Safe times to contact"))
    rows = []
    for key, label in labels:
        if contact.get(key):
            value = methods.get(contact[key], contact[key]) if key == "method" else contact[key]
            rows.append({"id": key, "key": label, "value": value, "long": key == "address"})
    rows.append({"id": "not_via_carer", "key": "Contact through carer or placement",
                 "value": "No – do not contact through the carer or placement"
                 if contact.get("not_via_carer") else "Allowed", "long": False})
    return rows


def shared_with_provider(referral) -> dict | None:
    """What the advocacy provider was given to contact the young person (from the referral
    as sent, which may differ from the complaint's contact preferences)."""
    if referral is None:
        return None
    document = referrals.referral_document(db.session, vault(), referral.referral)
    if document is None:
        return None
    contact, young_person = document["contact"], document["young_person"]
    return {"method": METHOD_NAMES.get(contact["method"], contact["method"]),
            "details": [contact[k] for k in ("phone", "email", "address", "safe_times") if contact.get(k)],
            "not_via_carer": contact["not_via_carer"], "language": young_person["language"],
            "interpreter": young_person["interpreter"],
            "communication_needs": young_person.get("communication_needs")}


def reason_rows(decision: dict) -> list[dict]:
    return [{"code": r["code"],
             "message": REASON_MESSAGES.get(r.get("message_id"), r["code"]),
             "rule": r.get("rule") or RULES.get(r["code"], "")}
            for r in decision.get("reasons", [])]


def deadline_rows(row: Case, on: dt.date) -> list[dict]:
    def line(name, due, done_at, applies=True, replaced=False):
        if done_at is not None:
            state, left = f"Done {date_time(done_at)}", ""
        elif not applies:
            state, left = "Only if extended", ""
        elif replaced:
            state, left = "Replaced by the extension", ""
        elif row.status not in OPEN_STATUSES:
            state, left = "Closed (" + STATUS_NAMES.get(row.status, row.status).lower() + ")", ""
        else:
            state, left = None, days_left_text(due, on)
        return {"name": name, "date": full_date(due), "left": left, "state": state,
                "timing": timing(due, on) if state is None else None}

    extended = row.extended_at is not None
    rows = [line("Acknowledge", row.acknowledge_by, row.acknowledged_at)]
    if row.stage1_due is not None:  # a request for stage 2 or 3 on its own has no stage 1
        rows += [
            line("Stage 1 response", row.stage1_due, row.stage1_responded_at, replaced=extended),
            line("Stage 1 response, extended", row.stage1_extended_due,
                 row.stage1_responded_at if extended else None, applies=extended),
        ]
    if row.stage == 2:
        rows += [line("Stage 2 response (25 working days; provisional until the statement of "
                      "complaint is agreed)", row.escalation_due, None),
                 line("Stage 2 response, extended (65 working days)",
                      row.escalation_extended_due, None, applies=False)]
    elif row.stage == 3:
        rows.append(line("Stage 3 review panel (30 working days)", row.escalation_due, None))
    return rows


def notes_for(row: Case) -> list[dict]:
    """Every note on the case, oldest first, opened, with its author's name."""
    found = db.session.execute(
        select(CaseNote, StaffUser.name).join(StaffUser, CaseNote.staff_id == StaffUser.id)
        .where(CaseNote.case_id == row.id).order_by(CaseNote.at, CaseNote.id)).all()
    notes = []
    for note, author in found:
        opened = vault().open(note.sealed)
        notes.append({"id": note.id, "kind": note.kind, "text": opened.get("text") or "",
                      "author": author, "at": as_utc(note.at),
                      "from_route": opened.get("from"), "to_route": opened.get("to"),
                      "received_by": opened.get("received_by")})
    return notes


def complainant_actions(row: Case) -> list[dict]:
    """What the complainant did themselves, oldest first, from the audit log."""
    found = db.session.execute(
        select(AuditEntry.action, AuditEntry.at).where(
            AuditEntry.case_id == row.id, AuditEntry.staff_id.is_(None),
            AuditEntry.action.in_(COMPLAINANT_ACTION_NAMES)).order_by(AuditEntry.at, AuditEntry.id)).all()
    return [{"action": action, "name": COMPLAINANT_ACTION_NAMES[action], "at": at}
            for action, at in found]


def _load(case_id: str, lock: bool = False) -> Case:
    query = select(Case).where(Case.id == case_id[:36])
    if lock:
        query = query.with_for_update()
    row = db.session.execute(query).scalar_one_or_none()
    if row is None:
        abort(404)
    return row


def safeguarding_defaults() -> dict:
    now = calendar.now()
    return {"received_day": str(now.day), "received_month": str(now.month),
            "received_year": str(now.year), "received_time": f"{now:%H:%M}",
            "requested_day": "", "requested_month": "", "requested_year": ""}


def show_case(row: Case, errors: dict | None = None, values: dict | None = None, status: int = 200):
    """The case page; every showing is audited as ``case_viewed``."""
    document = store.case_document(vault(), row)
    answers = document.get("answers", {})
    decision = document.get("decision", {})
    on = calendar.today()
    due = next_due(row)
    notes = notes_for(row)
    by_complainant = complainant_actions(row)
    referral = referrals.deliveries(db.session, [row.id]).get(row.id)
    audit("case_viewed", case_id=row.id)
    db.session.commit()
    errors = errors or {}
    form = safeguarding_defaults() | (values or {})
    title = f"Case {row.reference}"
    words = free_text_rows(answers, document.get("also_said"))
    return render_template(
        "staff/case.html", staff=g.staff, page_title=("Error: " if errors else "") + title,
        row=row, document=document, contact=document.get("contact", {}),
        answers=answer_rows(answers), words=words, signal_rows=signal_rows(words),
        contact_rows=contact_rows(document.get("contact", {})),
        reasons=reason_rows(decision), decision=decision, deadlines=deadline_rows(row, on),
        due=due, due_timing=timing(due[1] if due else None, on),
        days_left=days_left_text(due[1], on) if due else None,
        notes=notes, errors=errors, form=form, by_complainant=by_complainant,
        advocacy_asked=store.advocacy_requested(db.session, row),
        referral=referral, shared=shared_with_provider(referral),
        needs_review=row.needs_review and row.route_confirmed_at is None,
        route_names=ROUTE_NAMES, route_titles=ROUTE_TITLES, status_names=STATUS_NAMES,
        channel_names=CHANNEL_NAMES, note_kinds=NOTE_KIND_NAMES, language_name=language_name,
        date_time=date_time, long_date=full_date, short_date=short_date,
        escalation_requested_on=full_date(calendar.local_date(row.escalation_requested_at))
        if row.escalation_requested_at else None,
    ), status


@bp.get("/cases/<case_id>")
@requires("officer")
def case_page(case_id):
    return show_case(_load(case_id))


# Triage -------------------------------------------------------------------------------------

def _field(name: str) -> str:
    """A typed field, control characters removed (they mean nothing in a note or a name)."""
    return without_controls(request.form.get(name, ""))


def _text(name: str, errors: dict, required: str | None, limit: int = TEXT_LIMIT) -> str:
    value = _field(name)
    if not value.strip():
        if required:
            errors[name] = required
        return ""
    if len(value) > limit:
        errors[name] = f"Use {limit} characters or fewer"
    return value


TIME = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?", re.IGNORECASE)


def _received_at(row: Case, errors: dict) -> dt.datetime | None:
    day = _typed_day("received", errors, "Enter the date it was passed on, including day, month and year")
    if day is None:
        return None
    match = TIME.fullmatch(_field("received_time").strip())
    hour = int(match.group(1)) if match else -1
    minute = int(match.group(2) or 0) if match else -1
    if match and match.group(3):
        hour = hour % 12 + (12 if match.group(3).lower() == "pm" else 0) if 1 <= hour <= 12 else -1
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        errors["received_time"] = "Enter a real time, like 14:30 or 2:30pm"
        return None
    moment = calendar.from_local(day, hour, minute)
    if moment > utcnow() + dt.timedelta(minutes=5):
        errors["received_day"] = "The date and time it was passed on must be now or in the past"
        return None
    if moment.date() < as_utc(row.submitted_at).date() - dt.timedelta(days=1):
        errors["received_day"] = "The date it was passed on cannot be before the case was received"
        return None
    return moment


def _note(row: Case, kind: str, now: dt.datetime, **content) -> CaseNote:
    note = CaseNote(case_id=row.id, staff_id=g.staff.id, at=now, kind=kind,
                    sealed=vault().seal({k: v for k, v in content.items() if v is not None}))
    db.session.add(note)
    db.session.flush()
    return note


def _record(row: Case, action: str, now: dt.datetime, detail: dict | None = None) -> None:
    """One audit entry and one ``case.triaged`` event for the change, then commit."""
    row.status = status_for(row)
    audit(action, case_id=row.id, detail=detail or {})
    notes = notes_for(row)
    received_by = next((n["received_by"] for n in reversed(notes)
                        if n["kind"] == "safeguarding" and n["received_by"]), None)
    triage = {
        "action": action, "at": now, "route": row.route, "status": row.status,
        "route_confirmed_at": row.route_confirmed_at, "acknowledged_at": row.acknowledged_at,
        "extended_at": row.extended_at,
        "stage1_due": stage1_deadline(row),
        "stage1_responded_at": row.stage1_responded_at,
        "advocacy_referral_made_at": row.advocacy_referral_made_at,
        "safeguarding_passed_at": row.safeguarding_passed_at,
        "safeguarding_received_by": received_by,
        "notes": [{"kind": n["kind"], "text": n["text"], "author": n["author"], "at": n["at"],
                   "from_route": n["from_route"], "to_route": n["to_route"]} for n in notes],
    }
    document = with_triage(store.case_document(vault(), row), triage)
    store.add_event(db.session, vault(), document, "case.triaged")
    db.session.commit()


def _done(row: Case, message: str):
    flash(message, "success")
    return redirect(url_for("staff.case_page", case_id=row.id))


def _refuse(row: Case, errors: dict):
    """Show the case again with the errors and what was typed; nothing is changed."""
    db.session.rollback()
    values = {k: without_controls(v) for k, v in request.form.items() if k != "csrf_token"}
    return show_case(_load(row.id), errors=errors, values=values, status=400)


@bp.post("/cases/<case_id>/route")
@requires("officer")
def triage_route(case_id):
    row = _load(case_id, lock=True)
    errors: dict = {}
    route = _field("route")
    if route not in ROUTES:
        errors["route"] = "Choose the route for this case"
    changing = route in ROUTES and route != row.route
    reason = _text("route_reason", errors,
                   "Give the reason for changing the route" if changing else None)
    if errors:
        return _refuse(row, errors)
    now = utcnow()
    was = row.route
    if changing or reason:
        _note(row, "route_change", now, text=reason, **{"from": was, "to": route})
    row.route = route
    row.route_confirmed_at = now
    if changing:
        _record(row, "route_changed", now, {"from": was, "to": route})
        return _done(row, f"Route changed to {ROUTE_NAMES[route]}")
    _record(row, "route_confirmed", now, {"route": route})
    return _done(row, f"Route confirmed: {ROUTE_NAMES[route]}")


def _once(row: Case, attribute: str, field: str, message: str):
    """Steps recorded once only: a second try says when it was done and changes nothing."""
    done = getattr(row, attribute)
    if done is not None:
        return {field: f"{message} {date_time(done)}"}
    return {}


def _stamp(case_id: str, attribute: str, field: str, already: str, action: str, done: str):
    """A step that is one timestamp, recorded once: set it, audit it, tell the case system."""
    row = _load(case_id, lock=True)
    errors = _once(row, attribute, field, already)
    if errors:
        return _refuse(row, errors)
    now = utcnow()
    setattr(row, attribute, now)
    _record(row, action, now)
    return _done(row, done)


@bp.post("/cases/<case_id>/acknowledged")
@requires("officer")
def triage_acknowledged(case_id):
    return _stamp(case_id, "acknowledged_at", "acknowledge",
                  "This case was already marked acknowledged on", "acknowledged",
                  "Marked as acknowledged")


@bp.post("/cases/<case_id>/extension")
@requires("officer")
def triage_extension(case_id):
    row = _load(case_id, lock=True)
    errors = _once(row, "extended_at", "extension_reason", "The stage 1 extension was already set on") \
        or _once(row, "stage1_responded_at", "extension_reason", "The stage 1 response was already sent on")
    if errors:
        return _refuse(row, errors)
    reason = _text("extension_reason", errors, "Give the reason for the extension")
    if errors:
        return _refuse(row, errors)
    now = utcnow()
    _note(row, "extension", now, text=reason)
    row.extended_at = now
    _record(row, "extension_set", now)
    return _done(row, f"Stage 1 extended: the response is now due {full_date(row.stage1_extended_due)}")


def _typed_day(prefix: str, errors: dict,
               missing: str = "Enter the date, including day, month and year") -> dt.date | None:
    """A day typed in a GOV.UK date input (``prefix_day``, ``_month``, ``_year``)."""
    parts = [_field(f"{prefix}_{p}").strip() for p in ("day", "month", "year")]
    if not all(parts):
        errors[f"{prefix}_day"] = missing
        return None
    try:
        day = dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
        if not 2000 <= day.year <= 2100:
            raise ValueError
    except (ValueError, OverflowError):
        errors[f"{prefix}_day"] = "Enter a real date, like 27 3 2026"
        return None
    return day


@bp.post("/cases/<case_id>/escalation")
@requires("officer")
def triage_escalation(case_id):
    """A request for the next stage that came by phone, letter or email: the same case moves
    on, with that stage's clocks from the day the council received the request."""
    row = _load(case_id, lock=True)
    errors: dict = {}
    if row.stage >= 3:
        errors["escalation"] = "This case is already at stage 3"
        return _refuse(row, errors)
    day = _typed_day("requested", errors)
    if day is not None and day > calendar.today():
        errors["requested_day"] = "The date must be today or in the past"
    if errors:
        return _refuse(row, errors)
    to_stage = row.stage + 1
    audit("escalation_recorded", case_id=row.id, detail={"to_stage": to_stage})
    store.escalate(db.session, vault(), row, to_stage, calendar.from_local(day, 12, 0), by="staff")
    due = "the stage 2 response is due" if to_stage == 2 else "the review panel must meet by"
    late = " It is late (more than 20 working days after the answer): decide whether to accept it." \
        if row.escalation_late else ""
    return _done(row, f"Stage {to_stage} requested on {full_date(day)}: {due} "
                      f"{full_date(row.escalation_due)}.{late}")


@bp.post("/cases/<case_id>/response-sent")
@requires("officer")
def triage_response_sent(case_id):
    return _stamp(case_id, "stage1_responded_at", "response",
                  "The stage 1 response was already recorded as sent on", "response_sent",
                  "Stage 1 response recorded as sent")


@bp.post("/cases/<case_id>/advocacy-referral")
@requires("officer")
def triage_advocacy_referral(case_id):
    return _stamp(case_id, "advocacy_referral_made_at", "advocacy",
                  "The advocacy referral was already recorded as made on", "advocacy_referral_made",
                  "Advocacy referral recorded as made")


@bp.post("/cases/<case_id>/notes")
@requires("officer")
def triage_note(case_id):
    row = _load(case_id, lock=True)
    errors: dict = {}
    text = _text("note", errors, "Write the note")
    if errors:
        return _refuse(row, errors)
    now = utcnow()
    note = _note(row, "note", now, text=text)
    _record(row, "note_added", now, {"note_id": note.id})
    return _done(row, "Note added")


@bp.post("/cases/<case_id>/safeguarding")
@requires("officer")
def triage_safeguarding(case_id):
    row = _load(case_id, lock=True)
    errors = _once(row, "safeguarding_passed_at", "received_by",
                   "The safeguarding referral was already recorded as passed on")
    if errors:
        return _refuse(row, errors)
    received_by = _text("received_by", errors, "Enter the name of the person at the front door who received it",
                        limit=NAME_LIMIT)
    received_at = _received_at(row, errors)
    if errors:
        return _refuse(row, errors)
    now = utcnow()
    _note(row, "safeguarding", now, text="", received_by=received_by.strip(),
          received_at=received_at.isoformat())
    row.safeguarding_passed_at = received_at
    _record(row, "safeguarding_passed", now)
    return _done(row, "Safeguarding referral recorded as passed to the front door")
