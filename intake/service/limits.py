"""One budget of guesses per visitor per action, whatever the channel or page.

Guessing a secret (a saved form's five words, a complaint's reference and check code) is
one action: every page that takes one (continue a saved form in the web form, Easy Read
or the chat, delete a saved form, check my complaint) draws on the same per-address
budget, and each secret tried has its own smaller one. Only a well-formed guess that
opened nothing is counted, so a typo costs nothing.
"""

from __future__ import annotations

from flask import g, request
from flask_babel import gettext
from flask_limiter.util import get_remote_address

from intake.extensions import limiter

#: Failed guesses allowed per client address, across every page that takes a secret.
ADDRESS_LIMIT = "10 per hour"
#: Failed guesses allowed per secret tried (a set of five words, or a reference).
SECRET_LIMIT = "5 per hour"
ADDRESS_SCOPE = "guess-address"
#: The kinds of secret, each with its per-secret budget: resume words, check codes.
RESUME, CHECK = "resume-words", "check-code"
#: The pages that take resume words (their "too many tries" message says so).
RESUME_PAGES = ("public.resume", "easy_read.resume", "public.delete_saved_form")


def failed_guess() -> None:
    """Count this request's well-formed guess against the budgets."""
    g.guess_failed = True


def _failed(_response) -> bool:
    return bool(g.get("guess_failed"))


def guesses(kind: str, secret_key, is_malformed):
    """Decorate a view that takes a secret of ``kind``.

    ``secret_key()`` names the secret tried (a keyed hash, never the secret);
    ``is_malformed()`` is true when what was typed cannot be a secret at all.
    """
    def decorate(view):
        view = limiter.shared_limit(ADDRESS_LIMIT, ADDRESS_SCOPE, methods=["POST"],
                                    key_func=get_remote_address, deduct_when=_failed)(view)
        return limiter.shared_limit(SECRET_LIMIT, kind, methods=["POST"],
                                    key_func=lambda: f"{kind}:{secret_key()}",
                                    deduct_when=_failed, exempt_when=is_malformed)(view)
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
