"""One budget of guesses per visitor per action, whatever the channel or page.

Guessing a secret (a saved form's five words, a complaint's reference and check code) is
one action: every page that takes one (continue a saved form in the web form or Easy
Read, delete a saved form, check my complaint) draws on the same per-address budget,
and each secret tried has its own smaller one. Only a well-formed guess that
opened nothing is counted, so a typo costs nothing.

The counts are atomic across every web process: a guess *reserves* a place in each budget
with one ``INSERT ... ON CONFLICT DO UPDATE ... RETURNING`` before the secret is checked,
and gives it back if the guess turned out right (or was never made). So however many
requests race, no more than the budget's guesses are ever checked; check-then-count, as a
rate limiter does, lets every racing request through. Budgets are per clock hour.
"""

from __future__ import annotations

import functools
import time

from flask import abort, g, request
from flask_babel import gettext
from flask_limiter.util import get_remote_address
from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite

from intake.cases.models import GuessCount
from intake.extensions import db

#: Failed guesses allowed per client address per hour, across every page that takes a secret.
ADDRESS_LIMIT = 10
#: Failed guesses allowed per secret tried (a set of five words, or a reference) per hour.
SECRET_LIMIT = 5
ADDRESS_SCOPE = "guess-address"
#: The kinds of secret, each with its per-secret budget: resume words, check codes.
RESUME, CHECK = "resume-words", "check-code"
#: The pages that take resume words (their "too many tries" message says so).
RESUME_PAGES = ("public.resume", "easy_read.resume", "public.delete_saved_form")
HOUR = 3600


def failed_guess() -> None:
    """Count this request's well-formed guess against the budgets."""
    g.guess_failed = True


def _hour() -> int:
    return int(time.time() // HOUR)


def reserve(scope: str, key: str, limit: int) -> bool:
    """Take one place in a budget, atomically; False when the budget was already spent.

    Committed at once on a connection of its own, so other processes see it and the
    view's own transaction (which may roll back) cannot undo it.
    """
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    upsert = dialect.insert(GuessCount).values(scope=scope, key=key[:128], hour=_hour(), count=1)
    upsert = upsert.on_conflict_do_update(
        index_elements=["scope", "key", "hour"], set_={"count": GuessCount.count + 1},
    ).returning(GuessCount.count)
    with db.engine.begin() as conn:
        return conn.execute(upsert).scalar_one() <= limit


def release(scope: str, key: str, hour: int) -> None:
    """Give back a place taken by ``reserve`` in the same hour."""
    with db.engine.begin() as conn:
        conn.execute(update(GuessCount).where(
            GuessCount.scope == scope, GuessCount.key == key[:128], GuessCount.hour == hour,
            GuessCount.count > 0).values(count=GuessCount.count - 1))


def purge_old(before_hours: int = 2) -> int:
    """Forget counts from hours long gone (``intake purge``)."""
    with db.engine.begin() as conn:
        return conn.execute(GuessCount.__table__.delete().where(
            GuessCount.hour < _hour() - before_hours)).rowcount


def guesses(kind: str, secret_key, is_malformed):
    """Decorate a view that takes a secret of ``kind``.

    ``secret_key()`` names the secret tried (a keyed hash, never the secret);
    ``is_malformed()`` is true when what was typed cannot be a secret at all (nothing is
    reserved: the view only explains what to type).
    """
    def decorate(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if request.method != "POST" or is_malformed():
                return view(*args, **kwargs)
            hour = _hour()
            taken = [(ADDRESS_SCOPE, get_remote_address() or "unknown", ADDRESS_LIMIT),
                     (kind, secret_key(), SECRET_LIMIT)]
            held = []
            for scope, key, limit in taken:
                held.append((scope, key))
                if not reserve(scope, key, limit):
                    for place in held[:-1]:  # a refused request guessed nothing
                        release(*place, hour)
                    abort(429)
            try:
                return view(*args, **kwargs)
            finally:
                if not g.get("guess_failed"):
                    for place in held:
                        release(*place, hour)
        return wrapper
    return decorate


def too_many_tries_message() -> dict:
    """The heading and message of the page shown when a budget is spent."""
    if request.endpoint in RESUME_PAGES:
        message = gettext("You have tried too many times. To keep saved forms safe, please "
                          "wait an hour and try again. If you cannot find your words, you can "
                          "start a new form.")
    else:
        message = gettext("You have tried too many times. To keep complaints private, please "
                          "wait an hour and try again, or call the complaints team.")
    return {"heading": gettext("Please wait before trying again"), "message": message}
