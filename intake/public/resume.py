"""The web form's pages for keeping a form: "Save and come back later", "Continue a saved
form", the time-out explanation and the idle warning's "Keep working".

What they do is the service's (``intake.service.saving`` and ``intake.service.timeouts``),
shared with Easy Read and the chat; these views only draw it.
"""

from __future__ import annotations

from flask import current_app, redirect, render_template, session, url_for

from intake.public.blueprint import bp
from intake.service import drafts, limits, saving, timeouts


@bp.get("/timed-out")
def timed_out():
    if not timeouts.explain_once() and drafts.DRAFT in session:
        return redirect(url_for("public.start"))  # nothing timed out: nothing to explain
    return render_template("timed_out.html",
                           minutes=current_app.config["INTAKE_PUBLIC_IDLE_MINUTES"])


@bp.post("/keep-alive")
def keep_alive():
    """The idle warning's "Keep working" button (the request itself is the activity)."""
    if timeouts.timed_out():
        return {"status": "timed_out", "next": url_for("public.timed_out")}
    return {"status": "ok"}


@bp.route("/save", methods=["GET", "POST"])
def save():
    return render_template("save.html", **saving.save_page("public"))


@bp.route("/continue", methods=["GET", "POST"])
@saving.resume_limits
def resume():
    go, page = saving.continue_page("public")
    if go:
        return redirect(go, 303)
    return render_template("resume.html", **page), (400 if page["error"] else 200)


@bp.errorhandler(429)
def too_many_tries(_error):
    return render_template("error.html", **limits.too_many_tries_message()), 429
