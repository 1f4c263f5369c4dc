"""Staff sign-in: two factors for everyone, lock-out, idle time-out, sign-out everywhere,
an append-only audit log, and no staff page reachable without the right role."""

from __future__ import annotations

import datetime as dt
import re
import time

import pyotp
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from intake.extensions import db, limiter
from intake.cases.models import utcnow
from intake.staff.auth import MAX_FAILED_ATTEMPTS, MAX_SESSION_HOURS
from intake.accounts.models import ROLES, AuditEntry, StaffUser
from tests.staff.conftest import PASSWORD, csrf, make_staff, sign_in

# The only staff pages anyone may open before signing in.
OPEN_ENDPOINTS = {"staff.sign_in", "staff.two_factor", "staff.sign_out"}


def actions(app) -> list[str]:
    with app.app_context():
        return [e.action for e in db.session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()]


def test_staff_create_makes_an_account_that_must_set_up_two_factor(app, runner):
    result = runner.invoke(args=["staff", "create", "Sam.Officer@Council.example", "--name", "Sam",
                                 "--role", "officer"], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.execute(select(StaffUser)).scalar_one()
        assert user.email == "sam.officer@council.example" and user.totp_confirmed_at is None
        assert user.password_hash.startswith("$argon2")


@pytest.mark.parametrize("password, message", [
    ("short", "at least 12"), ("password1234", "too easy"), ("aaaaaaaaaaaaaaaa", "too easy"),
    ("sam.officer-is-great", "email address"),
])
def test_weak_passwords_are_refused(runner, password, message):
    result = runner.invoke(args=["staff", "create", "sam.officer@council.example", "--name", "Sam"],
                           input=f"{password}\n{password}\n")
    assert result.exit_code != 0 and message in result.output


def test_first_sign_in_sets_up_the_authenticator_app(app):
    account = make_staff(app, two_factor=False)
    client = app.test_client()
    client.post("/staff/sign-in", data={"email": account["email"], "password": PASSWORD,
                                        "csrf_token": csrf(client, "/staff/sign-in")})
    page = client.get("/staff/two-factor").get_data(as_text=True)
    assert "Set up your authenticator app" in page and "<svg" in page
    secret = re.search(r'data-testid="totp-secret"><code>([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    response = client.post("/staff/two-factor", data={"code": pyotp.TOTP(secret).now(),
                                                      "csrf_token": csrf(client, "/staff/two-factor")})
    assert response.status_code == 302 and response.headers["Location"] == "/staff/"
    assert actions(app)[-2:] == ["two_factor_set_up", "signed_in"]


def test_a_password_alone_never_signs_anyone_in(app):
    account = make_staff(app)
    client = app.test_client()
    client.post("/staff/sign-in", data={"email": account["email"], "password": PASSWORD,
                                        "csrf_token": csrf(client, "/staff/sign-in")})
    assert client.get("/staff/").headers["Location"].startswith("/staff/sign-in")


def test_a_wrong_password_and_an_unknown_email_look_the_same(app):
    make_staff(app)
    client = app.test_client()
    pages = []
    for email, password in (("officer@council.example", "wrong password!!"), ("nobody@council.example", PASSWORD)):
        response = client.post("/staff/sign-in", data={"email": email, "password": password,
                                                       "csrf_token": csrf(client, "/staff/sign-in")})
        assert response.status_code == 400
        pages.append(re.sub(r'value="[^"]*"', "", response.get_data(as_text=True)))
    assert "The email address or password is not right" in pages[0]
    assert pages[0] == pages[1]


def test_too_many_wrong_attempts_lock_the_account_until_unlocked(app, runner):
    account = make_staff(app)
    client = app.test_client()
    for _ in range(MAX_FAILED_ATTEMPTS):
        client.post("/staff/sign-in", data={"email": account["email"], "password": "wrong password!!",
                                            "csrf_token": csrf(client, "/staff/sign-in")})
    response = client.post("/staff/sign-in", data={"email": account["email"], "password": PASSWORD,
                                                   "csrf_token": csrf(client, "/staff/sign-in")})
    assert response.status_code == 400 and "/staff/two-factor" not in response.headers.get("Location", "")
    assert "account_locked" in actions(app)
    # The page says the same for a locked account as for a wrong password or an unknown email.
    unknown = client.post("/staff/sign-in", data={"email": "nobody@council.example", "password": "x",
                                                  "csrf_token": csrf(client, "/staff/sign-in")})
    strip = lambda r: re.sub(r'value="[^"]*"', "", r.get_data(as_text=True))  # noqa: E731
    assert strip(response) == strip(unknown)
    assert runner.invoke(args=["staff", "unlock", account["email"]]).exit_code == 0
    assert sign_in(app.test_client(), account).status_code == 302


def test_a_code_works_only_once(app):
    account = make_staff(app)
    code = pyotp.TOTP(account["secret"]).now()
    assert sign_in(app.test_client(), account, code).headers["Location"] == "/staff/"
    replay = sign_in(app.test_client(), account, code)
    assert replay.status_code == 400 and "That code is not right" in replay.get_data(as_text=True)


def test_an_idle_session_is_signed_out_and_told_why(app, staff_client):
    client = staff_client("officer")
    with client.session_transaction() as session:
        session["staff"] = dict(session["staff"], seen=int(time.time()) - 16 * 60)
    response = client.get("/staff/")
    assert response.headers["Location"].startswith("/staff/sign-in")
    assert "signed out because you had not done anything" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_signing_out_everywhere_ends_every_other_session(app):
    account = make_staff(app)
    laptop, phone = app.test_client(), app.test_client()
    sign_in(laptop, account)
    sign_in(phone, account, pyotp.TOTP(account["secret"]).at(time.time() + 30))
    response = laptop.post("/staff/sign-out-everywhere", data={"csrf_token": csrf(laptop, "/staff/sign-in")})
    assert "signed out everywhere" in response.get_data(as_text=True)
    assert phone.get("/staff/").headers["Location"].startswith("/staff/sign-in")


def test_a_copied_cookie_is_refused_after_sign_out(app):
    account = make_staff(app)
    laptop = app.test_client()
    sign_in(laptop, account)
    copied = app.test_client()
    copied.set_cookie("session", laptop.get_cookie("session").value)
    assert copied.get("/staff/").status_code == 200  # a copy works while the session lives...
    laptop.post("/staff/sign-out", data={"csrf_token": csrf(laptop, "/staff/sign-in")})
    assert copied.get("/staff/").headers["Location"].startswith("/staff/sign-in")  # ...not after


def test_a_session_ends_after_twelve_hours_however_busy(app, staff_client):
    client = staff_client("officer")
    with app.app_context():
        db.session.execute(text("UPDATE staff_sessions SET started_at = :then"),
                           {"then": utcnow() - dt.timedelta(hours=MAX_SESSION_HOURS, minutes=1)})
        db.session.commit()
    assert client.get("/staff/").headers["Location"].startswith("/staff/sign-in")


@pytest.mark.parametrize("command", ["disable", "reset-2fa"])
def test_disabling_an_account_or_resetting_its_two_factor_ends_its_sessions(app, runner, command):
    account = make_staff(app)
    client = app.test_client()
    sign_in(client, account)
    assert client.get("/staff/").status_code == 200
    assert runner.invoke(args=["staff", command, account["email"]]).exit_code == 0
    assert client.get("/staff/").headers["Location"].startswith("/staff/sign-in")


def test_wrong_attempts_refusals_and_the_lock_are_in_the_audit_log_and_the_staff_list(app, runner):
    account = make_staff(app)
    client = app.test_client()
    for _ in range(MAX_FAILED_ATTEMPTS + 1):
        client.post("/staff/sign-in", data={"email": account["email"], "password": "wrong password!!",
                                            "csrf_token": csrf(client, "/staff/sign-in")})
    logged = actions(app)
    assert logged.count("sign_in_failed") == MAX_FAILED_ATTEMPTS
    assert logged.count("account_locked") == 1 and logged[-1] == "sign_in_refused"
    assert "locked until" in runner.invoke(args=["staff", "list"]).output


def test_a_disabled_account_cannot_sign_in(app, runner):
    account = make_staff(app)
    runner.invoke(args=["staff", "disable", account["email"]])
    client = app.test_client()
    response = client.post("/staff/sign-in", data={"email": account["email"], "password": PASSWORD,
                                                   "csrf_token": csrf(client, "/staff/sign-in")})
    assert response.status_code == 400


def test_sign_in_is_rate_limited_per_address(app):
    limiter.enabled = True
    client = app.test_client()
    token = csrf(client, "/staff/sign-in")
    codes = [client.post("/staff/sign-in", data={"email": "x@council.example", "password": "nope",
                                                 "csrf_token": token}).status_code for _ in range(22)]
    assert codes[-1] == 429 and codes[0] == 400


def test_sign_in_never_redirects_outside_the_staff_area(app):
    account = make_staff(app)
    client = app.test_client()
    client.post("/staff/sign-in?next=https://evil.example/", data={
        "email": account["email"], "password": PASSWORD, "csrf_token": csrf(client, "/staff/sign-in")})
    response = client.post("/staff/two-factor", data={"code": pyotp.TOTP(account["secret"]).now(),
                                                      "csrf_token": csrf(client, "/staff/two-factor")})
    assert response.headers["Location"] == "/staff/"


def test_the_audit_log_cannot_be_changed_or_deleted(app):
    make_staff(app)
    with app.app_context():
        db.session.add(AuditEntry(action="signed_in", detail="{}"))
        db.session.commit()
        for statement in ("UPDATE audit_entries SET action = 'x'", "DELETE FROM audit_entries"):
            with pytest.raises((DBAPIError, IntegrityError)):
                db.session.execute(text(statement))
                db.session.commit()
            db.session.rollback()
        assert db.session.execute(select(AuditEntry.action)).scalars().all() == ["signed_in"]


def _url(rule) -> str:
    return rule.rule.replace("<case_id>", "00000000-0000-0000-0000-000000000000").replace(
        "<int:page>", "1")


def staff_rules(app):
    return [r for r in app.url_map.iter_rules() if r.endpoint.startswith("staff.")]


def test_every_staff_route_declares_who_may_use_it(app):
    for rule in staff_rules(app):
        if rule.endpoint not in OPEN_ENDPOINTS:
            view = app.view_functions[rule.endpoint]
            assert getattr(view, "required_role", None) in ROLES, rule.endpoint


def test_every_staff_route_refuses_an_anonymous_person(app):
    client = app.test_client()
    app.config["WTF_CSRF_ENABLED"] = False
    try:
        for rule in staff_rules(app):
            if rule.endpoint in OPEN_ENDPOINTS:
                continue
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                response = client.open(_url(rule), method=method)
                assert response.status_code == 302, (rule.rule, method)
                assert response.headers["Location"].startswith("/staff/sign-in"), (rule.rule, method)
    finally:
        app.config["WTF_CSRF_ENABLED"] = True


def test_every_staff_route_refuses_a_role_below_the_one_it_needs(app, staff_client):
    app.config["WTF_CSRF_ENABLED"] = False
    try:
        clients = {role: staff_client(role) for role in ROLES}
        checked = 0
        for rule in staff_rules(app):
            needed = getattr(app.view_functions[rule.endpoint], "required_role", None)
            if needed is None:
                continue
            for role in ROLES[:ROLES.index(needed)]:
                for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                    response = clients[role].open(_url(rule), method=method)
                    assert response.status_code == 403, (rule.rule, method, role)
                    checked += 1
        assert checked > 0 and "forbidden" in actions(app)
    finally:
        app.config["WTF_CSRF_ENABLED"] = True


def test_a_nul_or_control_character_in_the_sign_in_email_is_a_wrong_sign_in_not_an_error(app, client):
    account = make_staff(app)
    for email in (account["email"] + "\x00", "\x00", "a\x1b@council.example"):
        response = client.post("/staff/sign-in", data={"email": email, "password": "wrong"})
        assert response.status_code == 400
