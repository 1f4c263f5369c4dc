"""Security that holds under concurrency: the app under gunicorn with four worker processes
on PostgreSQL, sent the requests an attacker would send all at once.

Proves what single-request tests cannot: no more wrong passwords are checked than the
limit before the lock, an authenticator code works once however many sign-ins race, no
more check-code guesses are checked than the budget, the per-address sign-in limit is one
limit across processes (Redis), and a copied staff cookie is refused after sign-out.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pyotp
import pytest
import redis
from sqlalchemy import select

from intake.accounts.models import AuditEntry
from intake.cases import codes
from intake.extensions import db
from intake.service import limits
from intake.staff.account import SIGN_IN_LIMIT
from intake.staff.auth import MAX_FAILED_ATTEMPTS
from tests.conftest import cannot_run
from tests.queue.conftest import free_port
from tests.staff.conftest import PASSWORD, make_staff

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
WORKERS = 4
#: A Redis database of its own for the per-address limits (Flask-Limiter's storage, as in
#: docker-compose), emptied before each test.
REDIS = "redis://127.0.0.1:6379/15"

pytestmark = pytest.mark.postgresql_only


@pytest.fixture(scope="module")
def server(app, database_url, tmp_path_factory):
    """The app as production runs it: gunicorn, several processes, one database."""
    port = free_port()
    env = dict(os.environ) | {
        "INTAKE_INSTANCE_PATH": str(tmp_path_factory.mktemp("gunicorn")),
        "INTAKE_DATABASE_URL": database_url,
        "INTAKE_SECRET_KEY": "concurrency-test-" + "k" * 40,
        "INTAKE_DATA_KEYS": ",".join(app.config["INTAKE_DATA_KEYS"]),
        "INTAKE_RATELIMIT_STORAGE_URI": REDIS,
    }
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS),
         "intake:create_app()"], env=env, cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("gunicorn did not start: " + process.stdout.read().decode()[-2000:])
            time.sleep(0.2)
    yield base
    process.send_signal(signal.SIGTERM)
    process.wait(30)


@pytest.fixture(autouse=True)
def _fresh_address_limits():
    try:
        redis.Redis.from_url(REDIS).flushdb()
    except redis.RedisError as error:
        cannot_run(f"Redis is not running at {REDIS}: {error}")


class Browser:
    """One visitor: its own cookies, and the CSRF token of the page it last opened."""

    def __init__(self, base: str):
        self.http = httpx.Client(base_url=base, follow_redirects=False, timeout=30)

    def open(self, path: str) -> str:
        page = self.http.get(path).text
        self.token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        return page

    def send(self, path: str, **form) -> httpx.Response:
        return self.http.post(path, data=form | {"csrf_token": self.token})


def opened(server: str, path: str) -> Browser:
    visitor = Browser(server)
    visitor.open(path)
    return visitor


def all_at_once(count: int, prepare, fire) -> list:
    """``prepare(i)`` for every visitor, then ``fire`` on all of them at the same moment."""
    barrier = threading.Barrier(count)

    def one(number):
        visitor = prepare(number)
        barrier.wait()
        return fire(visitor)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


def logged(app, action: str) -> int:
    with app.app_context():
        return len(db.session.execute(select(AuditEntry).where(AuditEntry.action == action)).all())


def signed_in_to_password_step(server: str, account: dict) -> Browser:
    visitor = opened(server, "/staff/sign-in")
    assert visitor.send("/staff/sign-in", email=account["email"],
                        password=account["password"]).status_code == 302
    visitor.open("/staff/two-factor")
    return visitor


def test_racing_wrong_passwords_check_no_more_than_the_limit_before_the_lock(app, server):
    account = make_staff(app)

    racing = int(SIGN_IN_LIMIT.split()[0]) - 1  # and one more, under the per-address limit
    answers = all_at_once(racing, lambda _: opened(server, "/staff/sign-in"), lambda v: v.send(
        "/staff/sign-in", email=account["email"], password="wrong password, racing"))
    assert {a.status_code for a in answers} == {400}
    assert logged(app, "sign_in_failed") == MAX_FAILED_ATTEMPTS
    assert logged(app, "account_locked") == 1
    assert logged(app, "sign_in_refused") == racing - MAX_FAILED_ATTEMPTS
    late = opened(server, "/staff/sign-in")
    assert late.send("/staff/sign-in", email=account["email"], password=PASSWORD).status_code == 400


def test_one_authenticator_code_signs_in_once_however_many_sign_ins_race(app, server):
    account = make_staff(app)
    code = pyotp.TOTP(account["secret"]).now()
    answers = all_at_once(6, lambda _: signed_in_to_password_step(server, account),
                          lambda v: v.send("/staff/two-factor", code=code))
    assert sorted(a.status_code for a in answers) == [302, 400, 400, 400, 400, 400]


def test_racing_check_code_guesses_check_no_more_than_the_budget(app, server):
    answers = all_at_once(30, lambda _: opened(server, "/check-my-complaint"), lambda v: v.send(
        "/check-my-complaint", reference="2222-3333-4444",
        code=codes.new_code(codes.CHECK_WORDS)))
    statuses = [a.status_code for a in answers]
    assert statuses.count(400) == limits.SECRET_LIMIT  # checked, and wrong
    assert statuses.count(429) == 30 - limits.SECRET_LIMIT


def test_the_per_address_sign_in_limit_holds_across_processes(app, server):
    answers = all_at_once(30, lambda _: opened(server, "/staff/sign-in"), lambda v: v.send(
        "/staff/sign-in", email="nobody@council.example", password="guessing"))
    statuses = [a.status_code for a in answers]
    allowed = int(SIGN_IN_LIMIT.split()[0])
    assert statuses.count(400) == allowed and statuses.count(429) == 30 - allowed


def test_a_copied_staff_cookie_is_refused_after_sign_out(app, server):
    account = make_staff(app)
    laptop = signed_in_to_password_step(server, account)
    assert laptop.send("/staff/two-factor",
                       code=pyotp.TOTP(account["secret"]).now()).status_code == 302
    thief = httpx.Client(base_url=server, follow_redirects=False)
    thief.cookies.set("session", laptop.http.cookies["session"])
    assert thief.get("/staff/").status_code == 200
    laptop.open("/staff/")
    assert laptop.send("/staff/sign-out").status_code == 200
    assert thief.get("/staff/").headers["location"].startswith("/staff/sign-in")
