"""The Easy Read version of the form, at /easy-read.

It walks the same journey as the web form (``intake.journey``), validates with the same
``Question.validate``, and keeps and sends the journey through the same service
(``intake.service``): only the words and pictures differ, so a person can switch between
the two versions at any step and lose nothing. Views are thin: the journey decides, the
content says it in Easy Read.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import click
from flask import (
    Blueprint, abort, current_app, redirect, render_template, request, send_file, url_for,
)
from flask_babel import gettext
from markupsafe import Markup, escape

from intake import config as settings
from intake.extensions import council as current_council
from intake.easy_read.content import CONTENT_DIR, Content, load
from intake.easy_read.pictures import copy_from_openmoji
from intake.forms import display_value, raw_values
from intake.journey import applicable, may_ask, pick, previous_question, question
from intake.journey.model import Text
from intake.service import drafts, limits, saving
from intake.service.confirmation import sent_case
from intake.service.journey import Step

bp = Blueprint("easy_read", __name__, url_prefix="/easy-read", cli_group="easy-read")
CHANNEL = "easy_read"
BOLD = re.compile(r"\*\*(.+?)\*\*")
#: A year: picture URLs carry a hash of the file, so a changed picture gets a new URL.
PICTURE_CACHE_SECONDS = 365 * 24 * 3600


@bp.record_once
def _load_content(state) -> None:
    """Read the Easy Read files once, at start-up: a mistake in them stops the service."""
    content = load(state.app.config.get("INTAKE_EASY_READ_DIR", CONTENT_DIR))
    versions = {name: hashlib.sha256(content.picture_path(name).read_bytes()).hexdigest()[:12]
                for name in content.pictures}
    state.app.extensions["easy_read"] = (content, versions)


def content() -> Content:
    return current_app.extensions["easy_read"][0]


# --- saying things in Easy Read ------------------------------------------------------------------

def places(**extra) -> dict:
    """The values Easy Read text may name, like %(council)s or %(advocacy_phone)s."""
    council = current_council()
    return {
        "council": council.name, "complaints_phone": council.complaints_phone,
        "complaints_hours": council.complaints_hours,
        "front_door_phone": council.front_door_phone,
        "emergency_duty_phone": council.emergency_duty_phone,
        "advocacy_name": council.advocacy.name, "advocacy_phone": council.advocacy.phone,
        "days": current_app.config["INTAKE_DRAFT_DAYS"],
        "minutes": current_app.config["INTAKE_PUBLIC_IDLE_MINUTES"],
        **extra,
    }


def translated(text: Text | None, answers: dict | None = None, **extra) -> str:
    """The text in the reader's language, with the council's details filled in."""
    if not text:
        return ""
    message = gettext(pick(text, answers or {}))
    return message % places(**extra) if "%(" in message else message


def easy(text: Text | None, answers: dict | None = None, **extra) -> Markup:
    """Text as HTML: escaped first, then **key words** in bold (so no HTML gets in)."""
    return Markup(BOLD.sub(r"<strong>\1</strong>", str(escape(translated(text, answers, **extra)))))


def plain(text: Text | None, answers: dict | None = None, **extra) -> str:
    """Text where bold cannot be shown (the tab title, error links)."""
    return BOLD.sub(r"\1", translated(text, answers, **extra))


def picture_url(name: str) -> str:
    return url_for("easy_read.picture", name=name, v=current_app.extensions["easy_read"][1][name])


@bp.context_processor
def easy_read_helpers() -> dict:
    return {"easy": easy, "plain": plain, "picture_url": picture_url,
            "standard_version": standard_version(), "content": content()}


#: Each Easy Read page and the same step in the standard form.
STANDARD = {
    "start": "start", "ask": "ask", "help_now": "help_now", "worried": "worried",
    "get_help": "get_help", "check": "check", "confirmation": "confirmation", "save": "save",
    "resume": "resume",
}


def standard_version() -> str | None:
    endpoint = (request.endpoint or "").removeprefix("easy_read.")
    if endpoint not in STANDARD:
        return None
    args = dict(request.view_args or {})
    args.update({k: v for k, v in request.args.items() if k in ("change", "next_id")})
    return url_for(f"public.{STANDARD[endpoint]}", **args)


# --- pages ----------------------------------------------------------------------------------------

def go(step: Step):
    """To a step of the journey, in Easy Read."""
    return redirect(url_for(f"easy_read.{step.name}", **step.args))


@bp.get("/")
def start():
    return render_template("easy_read/start.html", page=content().pages["start"])


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
    errors: dict = {}
    shown = {f.id: display_value(f, answers.get(f.id)) for f in q.fields_for(answers)}
    if request.method == "POST":
        raw = raw_values(q, answers, request.form)
        values, errors = q.validate(raw, answers)
        if not errors:
            journey.answer(q, values)
            drafts.save(journey, CHANNEL)
            return go(journey.step_after_answer(q, changing))
        shown = raw
    return _render_question(q, answers, shown, errors, changing)


def _render_question(q, answers: dict, shown: dict, errors: dict, changing: bool):
    words = content().questions[q.id]
    asked = [x.id for x in applicable(answers)]
    before = previous_question(q.id, answers)
    back = url_for("easy_read.check") if changing else (
        url_for("easy_read.ask", question_id=before.id) if before else url_for("easy_read.start"))
    messages = {}
    for field_id, message in errors.items():
        f = next(f for f in q.fields if f.id == field_id)
        key = f.error_key(message)
        said = words.fields[field_id].errors.get(key) if key else None
        messages[field_id] = plain(said, answers) if said else translated(message, answers)
    fields = [_field_view(q, f, words, answers, shown.get(f.id), messages.get(f.id))
              for f in q.fields_for(answers)]
    return render_template(
        "easy_read/question.html", question=q, words=words, answers=answers, fields=fields,
        errors=[{"text": m, "href": f"#{fid}"} for fid, m in messages.items()],
        number=asked.index(q.id) + 1 if q.id in asked else None, back=back,
        single=q.single is not None, changing=changing,
    ), (400 if errors else 200)


def _field_view(q, f, words, answers: dict, value, error: str | None) -> dict:
    """What the template needs to draw one field the Easy Read way."""
    said = words.fields.get(f.id)
    choices = []
    for option in f.options_for(answers):
        choice = said.options[option.value]
        chosen = value if isinstance(value, list) else [value]
        choices.append({"value": option.value, "choice": choice, "exclusive": option.exclusive,
                        "checked": option.value in chosen})
    kind = {"choice": "radios", "boolean": "radios", "multi": "checkboxes", "flag": "flag",
            "text": "textarea"}.get(f.kind, "input")
    return {"field": f, "kind": kind, "said": said, "choices": choices, "error": error,
            "value": "" if value is None or isinstance(value, list) else value}


@bp.route("/help-now", methods=["GET", "POST"])
def help_now():
    journey = drafts.load()
    if request.method == "POST":
        journey.choose_fast_track(request.form.get("choice") == "fast_track")
        drafts.save(journey, CHANNEL)
        return go(journey.next_step())
    return render_template("easy_read/help_now.html", page=content().pages["help_now"],
                           fast_track=journey.young_person)


@bp.route("/worried", methods=["GET", "POST"])
def worried():
    if request.method == "POST":
        return go(drafts.load().next_step(request.args.get("change") == "1"))
    return render_template("easy_read/worried.html", page=content().pages["worried"])


@bp.get("/get-help")
def get_help():
    return render_template("easy_read/page.html", page=content().pages["get_help"],
                           sections=("numbers", "advocate", "complaints"))


@bp.get("/privacy")
def privacy():
    return render_template("easy_read/page.html", page=content().pages["privacy"],
                           sections=("about",))


@bp.route("/check", methods=["GET", "POST"])
def check():
    journey = drafts.load()
    step = journey.next_step()
    if step.name != "check":
        return go(step)
    if request.method == "POST":
        drafts.submit(journey, CHANNEL)
        return redirect(url_for("easy_read.confirmation"))
    answers = journey.facts()
    rows = [_summary_row(q, answers) for q in applicable(answers)]
    return render_template("easy_read/check.html", page=content().pages["check"], rows=rows,
                           answers=answers, fast_track=journey.fast_track)


def _summary_row(q, answers: dict) -> dict:
    """One row of "check your answers", in Easy Read words, with its change link."""
    words = content().questions[q.id]
    values = []
    for f in q.fields_for(answers):
        value = answers.get(f.id)
        if value in (None, "", [], False):
            continue
        said = words.fields.get(f.id)
        if f.kind == "multi":
            values.extend({"choice": said.options[v]} for v in value)
        elif f.kind in ("choice", "boolean"):
            values.append({"choice": said.options[display_value(f, value)]})
        elif f.kind == "flag":
            values.append({"label": said.label})
        else:
            values.append({"label": said.label if said and q.single is None else None,
                           "typed": str(value), "free_text": f.kind == "text"})
    return {"id": q.id, "summary": words.summary, "answers": values}


@bp.get("/confirmation")
def confirmation():
    sent = sent_case()
    if sent is None:
        return redirect(url_for("easy_read.start"))
    decision = sent["decision"]
    return render_template(
        "easy_read/confirmation.html", page=content().pages["confirmation"], sent=sent,
        decision=decision, route=content().routes[decision["route"]],
        secondary=[content().routes[r] for r in decision["secondary_routes"]])


@bp.route("/save", methods=["GET", "POST"])
def save():
    return render_template("easy_read/save.html", **saving.save_page(CHANNEL))


@bp.route("/continue", methods=["GET", "POST"])
@saving.resume_limits
def resume():
    go_to, page = saving.continue_page(CHANNEL)
    if go_to:
        return redirect(go_to, 303)
    return render_template("easy_read/resume.html", **page), (400 if page["error"] else 200)


@bp.errorhandler(429)
def too_many_tries(_error):
    return render_template("error.html", **limits.too_many_tries_message()), 429


# --- pictures ---------------------------------------------------------------------------------------

@bp.get("/pictures")
def attributions():
    """Who drew the pictures, as their licence asks."""
    pictures = sorted(content().pictures.values(), key=lambda p: p.name)
    return render_template("easy_read/attributions.html", page=content().pages["attributions"],
                           pictures=pictures)


@bp.get("/pictures/<name>.svg")
def picture(name: str):
    if name not in content().pictures:
        abort(404)
    response = send_file(content().picture_path(name), mimetype="image/svg+xml",
                         max_age=PICTURE_CACHE_SECONDS, conditional=True)
    response.cache_control.public = True
    response.cache_control.immutable = True
    return response


@bp.cli.command("pictures")
@click.option("--openmoji", "openmoji_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path(settings.PROJECT_DIR) / "node_modules" / "openmoji",
              help="The OpenMoji npm package (npm ci installs it).")
def copy_pictures(openmoji_dir: Path) -> None:
    """Copy the pictures listed in easy_read/pictures/pictures.toml from OpenMoji."""
    directory = Path(current_app.config.get("INTAKE_EASY_READ_DIR", CONTENT_DIR))
    copied, unlisted = copy_from_openmoji(directory, openmoji_dir)
    click.echo(f"copied {len(copied)} pictures into {directory / 'pictures'}")
    for name in unlisted:
        click.echo(f"not listed in pictures.toml (delete it or list it): {name}.svg")

