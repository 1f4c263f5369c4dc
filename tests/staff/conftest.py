"""Staff accounts for tests, signed in through the real two-step sign-in."""

from __future__ import annotations

import re

import pyotp
import pytest

from intake.cases.models import utcnow
from intake.extensions import db, limiter
from intake.staff.auth import hash_password
from intake.accounts.models import StaffUser

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _no_rate_limits_unless_asked(app):
    """Sign-in limits are tested on their own; other tests sign in many times."""
    limiter.enabled = False
    yield
    limiter.enabled = True
    limiter.reset()


def make_staff(app, role: str = "officer", email: str | None = None, two_factor: bool = True) -> dict:
    """An account; returns its email, password and authenticator secret."""
    email = email or f"{role}@council.example"
    secret = pyotp.random_base32()
    with app.app_context():
        user = StaffUser(email=email, name=f"Test {role.title()}", role=role,
                         password_hash=hash_password(PASSWORD))
        if two_factor:
            user.totp_sealed = app.extensions["intake_vault"].seal(secret)
            user.totp_confirmed_at = utcnow()
        db.session.add(user)
        db.session.commit()
    return {"email": email, "password": PASSWORD, "secret": secret}


def csrf(client, url: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


def sign_in(client, account: dict, code: str | None = None):
    """Password then code, as a browser does (with CSRF tokens). Returns the last response."""
    response = client.post("/staff/sign-in", data={
        "email": account["email"], "password": account["password"],
        "csrf_token": csrf(client, "/staff/sign-in")})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    code = code or pyotp.TOTP(account["secret"]).now()
    return client.post("/staff/two-factor", data={"code": code,
                                                   "csrf_token": csrf(client, "/staff/two-factor")})


@pytest.fixture
def staff_client(app):
    """``staff_client("manager")``: a test client signed in with that role."""
    made = []

    def signed_in(role: str = "officer"):
        client = app.test_client()
        account = make_staff(app, role, email=f"{role}{len(made)}@council.example")
        response = sign_in(client, account)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        made.append(client)
        return client

    return signed_in
