"""Signing staff in: argon2 passwords, an authenticator app for every account, lock-out,
idle time-out and "sign out everywhere". Every staff view declares the least role it needs
with ``requires``; a test walks every staff route and checks each one refuses anonymous
people and roles below it."""

from __future__ import annotations

import datetime as dt
import functools
import time

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, g, redirect, render_template, request, session, url_for
from sqlalchemy import func, select

from intake.cases.models import as_utc, utcnow
from intake.extensions import db
from intake.accounts.audit import audit
from intake.accounts.models import ROLES, StaffUser

HASHER = PasswordHasher()
MAX_FAILED_ATTEMPTS = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 12
COMMON_PASSWORDS = {
    "password1234", "123456789012", "qwertyuiop12", "letmein12345", "welcome12345",
    "passwordpassword", "iloveyou1234", "administrator", "changeme1234", "council12345",
}


# Passwords ---------------------------------------------------------------------------------

def password_problem(password: str, email: str) -> str | None:
    """Why a password is not good enough, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Use at least {MIN_PASSWORD_LENGTH} characters"
    if password.lower() in COMMON_PASSWORDS or len(set(password)) < 5:
        return "That password is too easy to guess"
    if email.split("@")[0].lower() in password.lower():
        return "Do not use your email address in your password"
    return None


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def password_matches(user: StaffUser | None, password: str) -> bool:
    """Checks in constant-ish time even for unknown accounts, so timing reveals nothing."""
    stored = user.password_hash if user else DUMMY_HASH
    try:
        HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
    if user and HASHER.check_needs_rehash(stored):
        user.password_hash = HASHER.hash(password)
    return user is not None


DUMMY_HASH = HASHER.hash("not a real password, only for timing")


# The authenticator app ---------------------------------------------------------------------

def totp_for(user: StaffUser, vault) -> pyotp.TOTP | None:
    return pyotp.TOTP(vault.open(user.totp_sealed)) if user.totp_sealed else None


def code_is_valid(user: StaffUser, vault, code: str) -> bool:
    """A current code (one step either side allowed for clock drift), usable once only."""
    totp = totp_for(user, vault)
    code = "".join(ch for ch in code if ch.isdigit())
    if totp is None or len(code) != 6:
        return False
    now = time.time()
    for drift in (-1, 0, 1):
        step = int(now // totp.interval) + drift
        if step > (user.last_totp_step or -1) and totp.at(step * totp.interval) == code:
            user.last_totp_step = step
            return True
    return False


# Lock-out ----------------------------------------------------------------------------------

def is_locked(user: StaffUser) -> bool:
    return user.locked_until is not None and as_utc(user.locked_until) > utcnow()


def record_failure(user: StaffUser | None) -> None:
    if user is None:
        return
    user.failed_attempts = (user.failed_attempts or 0) + 1
    if user.failed_attempts >= MAX_FAILED_ATTEMPTS:
        user.locked_until = utcnow() + dt.timedelta(minutes=LOCK_MINUTES)
        user.failed_attempts = 0
        audit("account_locked", staff=user)


# Sessions ----------------------------------------------------------------------------------

def idle_limit() -> int:
    return current_app.config["INTAKE_STAFF_IDLE_MINUTES"] * 60


def begin_session(user: StaffUser, stage: str) -> None:
    """``stage`` is "password" (half way) or "signed_in" (both factors given)."""
    session.pop("staff", None)
    session["staff"] = {"id": user.id, "epoch": user.session_epoch, "stage": stage,
                        "seen": int(time.time())}


def end_session() -> None:
    session.pop("staff", None)


def session_user(stage: str = "signed_in") -> StaffUser | None:
    """The staff member of this browser session, if it is valid, recent and at ``stage``."""
    data = session.get("staff")
    if not isinstance(data, dict) or data.get("stage") != stage:
        return None
    if time.time() - data.get("seen", 0) > idle_limit():
        end_session()
        session["staff_timed_out"] = True
        return None
    user = db.session.get(StaffUser, data.get("id"))
    if user is None or user.disabled_at is not None or user.session_epoch != data.get("epoch"):
        end_session()
        return None
    return user


def touch() -> None:
    session["staff"] = dict(session["staff"], seen=int(time.time()))


def requires(role: str):
    """Only a signed-in staff member whose role is ``role`` or above may use this view."""
    if role not in ROLES:
        raise ValueError(role)

    def decorate(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            user = session_user()
            if user is None:
                return redirect(url_for("staff.sign_in", next=request.path))
            if not user.can(role):
                audit("forbidden", staff=user, detail={"path": request.path})
                db.session.commit()
                return render_template("staff/forbidden.html", staff=user), 403
            g.staff = user
            touch()
            return view(*args, **kwargs)

        wrapper.required_role = role
        return wrapper

    return decorate


def staff_count() -> int:
    return db.session.execute(select(func.count()).select_from(StaffUser)).scalar_one()
