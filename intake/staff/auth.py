"""Signing staff in: argon2 passwords, an authenticator app for every account, lock-out,
idle time-out, server-side sessions and "sign out everywhere". Every staff view declares the least role it needs
with ``requires``; a test walks every staff route and checks each one refuses anonymous
people and roles below it."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import secrets
import time

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, g, redirect, render_template, request, session, url_for
from sqlalchemy import delete, func, select

from intake.cases.models import as_utc, utcnow
from intake.extensions import db
from intake.accounts.audit import audit
from intake.accounts.models import ROLES, StaffSession, StaffUser

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

def for_update(email: str | None = None, user_id: int | None = None) -> StaffUser | None:
    """The account, its row locked until this transaction ends.

    Every sign-in step reads and changes the account's counters (wrong attempts, lock,
    the last authenticator code used) under this lock, so requests racing in several
    processes are taken one at a time: no more wrong passwords than the limit are ever
    checked, and a code cannot be used twice.
    """
    if not email and user_id is None:
        return None
    query = select(StaffUser).where(
        StaffUser.email == email if email else StaffUser.id == user_id)
    return db.session.execute(query.with_for_update().execution_options(
        populate_existing=True)).scalar_one_or_none()


def is_locked(user: StaffUser) -> bool:
    return user.locked_until is not None and as_utc(user.locked_until) > utcnow()


def record_failure(user: StaffUser | None, step: str) -> None:
    """A wrong password or code for ``user`` (locked with ``for_update``), audited."""
    if user is None:
        return
    user.failed_attempts = (user.failed_attempts or 0) + 1
    audit("sign_in_failed", staff=user, detail={"step": step, "attempt": user.failed_attempts})
    if user.failed_attempts >= MAX_FAILED_ATTEMPTS:
        user.locked_until = utcnow() + dt.timedelta(minutes=LOCK_MINUTES)
        user.failed_attempts = 0
        audit("account_locked", staff=user, detail={"minutes": LOCK_MINUTES})


# Sessions ----------------------------------------------------------------------------------

#: However active, a staff session ends after this long and the person signs in again.
MAX_SESSION_HOURS = 12


def idle_limit() -> int:
    return current_app.config["INTAKE_STAFF_IDLE_MINUTES"] * 60


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def begin_session(user: StaffUser, stage: str) -> None:
    """``stage`` is "password" (half way) or "signed_in" (both factors given). Each stage
    gets a new server-side session, so a token seen before sign-in is worth nothing after."""
    end_session()
    token = secrets.token_urlsafe(32)
    db.session.add(StaffSession(token_hash=_token_hash(token), staff_id=user.id))
    db.session.commit()
    session["staff"] = {"id": user.id, "token": token, "stage": stage, "seen": int(time.time())}


def end_session() -> None:
    """Forget this browser's session, on the server as well as in the cookie."""
    data = session.pop("staff", None)
    if isinstance(data, dict) and isinstance(data.get("token"), str):
        db.session.execute(delete(StaffSession).where(
            StaffSession.token_hash == _token_hash(data["token"])))
        db.session.commit()


def end_every_session(user: StaffUser) -> int:
    """Sign ``user`` out on every device (in the caller's transaction)."""
    return db.session.execute(delete(StaffSession).where(StaffSession.staff_id == user.id)).rowcount


def purge_old_sessions() -> int:
    cutoff = utcnow() - dt.timedelta(hours=MAX_SESSION_HOURS)
    return db.session.execute(delete(StaffSession).where(StaffSession.started_at < cutoff)).rowcount


def _live(data: dict) -> StaffSession | None:
    token = data.get("token")
    if not isinstance(token, str):
        return None
    row = db.session.get(StaffSession, _token_hash(token))
    if row is None or as_utc(row.started_at) < utcnow() - dt.timedelta(hours=MAX_SESSION_HOURS):
        return None
    return row


def session_user(stage: str = "signed_in") -> StaffUser | None:
    """The staff member of this browser session, if it is valid, recent and at ``stage``."""
    data = session.get("staff")
    if not isinstance(data, dict) or data.get("stage") != stage:
        return None
    if time.time() - data.get("seen", 0) > idle_limit():
        end_session()
        session["staff_timed_out"] = True
        return None
    row = _live(data)
    user = db.session.get(StaffUser, data.get("id")) if row is not None else None
    if user is None or user.disabled_at is not None or row.staff_id != user.id:
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
