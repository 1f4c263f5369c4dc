"""Signing in and out. Two steps: password, then a code from the authenticator app (set up
on first sign-in). Nothing here says whether an email address has an account."""

from __future__ import annotations

import pyotp
import segno
from flask import current_app, g, redirect, render_template, request, session, url_for
from markupsafe import Markup

from intake.accounts.audit import audit
from intake.inputs import without_controls
from intake.accounts.models import StaffUser
from intake.cases.models import utcnow
from intake.extensions import db, limiter, vault
from intake.staff.auth import (
    begin_session, code_is_valid, end_every_session, end_session, for_update, is_locked,
    password_matches, record_failure, requires, session_user, touch,
)
from intake.staff.blueprint import bp

SIGN_IN_LIMIT = "20 per minute"


def _safe_next(target: str | None) -> str:
    """Only paths inside the staff area: never an open redirect."""
    if target and target.startswith("/staff/") and not target.startswith("//"):
        return target
    return url_for("staff.queue")


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(SIGN_IN_LIMIT, methods=["POST"])
def sign_in():
    error = None
    email = ""
    timed_out = session.pop("staff_timed_out", False)
    if request.method == "POST":
        email = without_controls(request.form.get("email")).strip().lower()[:320]
        password = request.form.get("password") or ""
        user = for_update(email=email)  # held until the commit below: see for_update
        if user is not None and (user.disabled_at is not None or is_locked(user)):
            password_matches(None, password)  # same work, same timing
            audit("sign_in_refused", staff=user,
                  detail={"reason": "disabled" if user.disabled_at is not None else "locked"})
            error = "wrong"  # the same words as any other failure: see sign_in.html
        elif password_matches(user, password):
            user.failed_attempts = 0
            db.session.commit()
            begin_session(user, "password")
            session["staff_next"] = _safe_next(request.args.get("next"))
            return redirect(url_for("staff.two_factor"))
        else:
            record_failure(user, "password")
            error = "wrong"
        db.session.commit()
    return render_template("staff/sign_in.html", error=error, email=email, timed_out=timed_out), (
        400 if error else 200)


@bp.route("/two-factor", methods=["GET", "POST"])
@limiter.limit(SIGN_IN_LIMIT, methods=["POST"])
def two_factor():
    user = session_user(stage="password")
    if user is None:
        return redirect(url_for("staff.sign_in"))
    setting_up = user.totp_confirmed_at is None
    if setting_up and user.totp_sealed is None:
        user.totp_sealed = vault().seal(pyotp.random_base32())
        db.session.commit()
    error = False
    if request.method == "POST":
        user = for_update(user_id=user.id)  # one code check at a time: a code works once
        if user.disabled_at is not None or is_locked(user):
            db.session.commit()
            end_session()
            return redirect(url_for("staff.sign_in"))
        if code_is_valid(user, vault(), request.form.get("code") or ""):
            if setting_up:
                user.totp_confirmed_at = utcnow()
                audit("two_factor_set_up", staff=user)
            user.last_sign_in_at = utcnow()
            audit("signed_in", staff=user)
            db.session.commit()
            begin_session(user, "signed_in")
            return redirect(session.pop("staff_next", None) or url_for("staff.queue"))
        record_failure(user, "code")
        db.session.commit()
        if is_locked(user):
            end_session()
        error = True
    qr, secret = _authenticator_setup(user) if setting_up else (None, None)
    return render_template("staff/two_factor.html", setting_up=setting_up, qr=qr, secret=secret,
                           error=error), (400 if error else 200)


def _authenticator_setup(user: StaffUser) -> tuple[Markup, str]:
    """The QR code for a first sign-in, and the same secret in groups of four for people
    who cannot scan it."""
    raw = vault().open(user.totp_sealed)
    uri = pyotp.TOTP(raw).provisioning_uri(name=user.email,
                                           issuer_name=current_app.config["INTAKE_COUNCIL"].name)
    qr = Markup(segno.make(uri).svg_inline(scale=4, title="QR code for your authenticator app"))
    return qr, " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))


@bp.post("/sign-out")
def sign_out():
    """Ends this browser's session on the server too: a copied cookie is refused after."""
    user = session_user()
    if user is not None:
        audit("signed_out", staff=user)
        db.session.commit()
    end_session()
    return render_template("staff/signed_out.html", everywhere=False)


@bp.post("/sign-out-everywhere")
@requires("officer")
def sign_out_everywhere():
    ended = end_every_session(g.staff)
    audit("signed_out_everywhere", detail={"sessions": ended})
    db.session.commit()
    session.pop("staff", None)
    return render_template("staff/signed_out.html", everywhere=True)


@bp.post("/keep-alive")
@requires("officer")
def keep_alive():
    """The idle warning's "stay signed in" button (``requires`` has already refreshed it)."""
    touch()
    if request.accept_mimetypes.best == "application/json":
        return {"status": "ok"}
    return redirect(_safe_next(request.form.get("next")))
