"""Requests no browser of ours would send: too big, the wrong content type, without a CSRF
token, or sent twice. Each gets a clear 4xx with the service's friendly page (or, where
sending twice is harmless, a safe redirect), never a 5xx or a stack trace."""

from __future__ import annotations

import io
import json
import re

import pytest

from intake.cases.models import Case
from intake.extensions import db
from tests.public.conftest import YOUNG_PERSON_IN_CARE, Filer

#: Every public page that takes a form post.
FORM_PAGES = (
    "/questions/filer", "/questions/description", "/check", "/again", "/help-now", "/worried",
    "/start-again", "/equality", "/save", "/continue", "/easy-read/questions/filer",
    "/easy-read/check", "/easy-read/save", "/easy-read/continue", "/chat", "/chat/new",
)
TOO_BIG = 256 * 1024 + 1


def friendly(response, heading: str) -> None:
    """The service's own error page: its words, the way out, and no trace of Python."""
    body = response.get_data(as_text=True)
    assert response.mimetype == "text/html"
    assert heading in body, body[:1000]
    assert "govuk-exit-this-page" in body
    assert "Traceback" not in body and "Werkzeug" not in body


def token(client, path: str) -> str:
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"',
                      client.get(path).get_data(as_text=True))
    assert found, f"no CSRF token on {path}"
    return found.group(1) or found.group(2)


@pytest.mark.parametrize("path", ["/questions/description", "/easy-read/questions/description",
                                  "/chat", "/continue"])
def test_a_body_over_256_kb_is_refused_with_a_friendly_413(client, path):
    for body in ({"description": "x" * TOO_BIG, "message": "x" * TOO_BIG},
                 {"file": (io.BytesIO(b"x" * TOO_BIG), "big.txt")}):
        response = client.post(path, data=body)
        assert response.status_code == 413, path
        friendly(response, "That was too long")


def test_a_body_just_under_the_limit_is_read(client):
    Filer(client).fill(YOUNG_PERSON_IN_CARE)
    response = client.post("/questions/description", data={"description": "x" * 200_000})
    assert response.status_code == 400  # read, and answered: "Please use 5000 characters or fewer"
    assert "5000 characters or fewer" in response.get_data(as_text=True)


@pytest.mark.parametrize("content_type, body", [
    ("application/json", json.dumps({"description": "It happened", "csrf_token": "x"})),
    ("text/plain", "description=It happened"),
    ("application/xml", "<description>It happened</description>"),
    ("application/x-www-form-urlencoded", "description=%ZZ%\x00&&==;"),
    ("multipart/form-data; boundary=nothing", "not multipart at all"),
])
def test_the_wrong_content_type_is_a_clear_400(app, csrf_client, content_type, body):
    client = csrf_client
    app.config["WTF_CSRF_ENABLED"] = False
    Filer(client).fill(YOUNG_PERSON_IN_CARE)
    # Without CSRF checks, the form sees nothing it can use and asks again.
    response = client.post("/questions/description", data=body, content_type=content_type)
    if content_type == "application/x-www-form-urlencoded":
        assert response.status_code in (302, 400)  # werkzeug reads what it can of a bad form
    else:
        assert response.status_code == 400
        assert "Tell us what happened" in response.get_data(as_text=True)
    # As the service runs (CSRF on), nothing without a token is read at all.
    app.config["WTF_CSRF_ENABLED"] = True
    for path in FORM_PAGES:
        response = csrf_client.post(path, data=body, content_type=content_type)
        assert response.status_code == 400, path
        friendly(response, "Sorry, that did not work")


@pytest.mark.parametrize("path", FORM_PAGES)
def test_a_form_post_without_a_csrf_token_is_a_friendly_400(csrf_client, path):
    response = csrf_client.post(path, data={"filer": "young_person", "message": "hello"})
    assert response.status_code == 400
    friendly(response, "Sorry, that did not work")
    # Nor will another browser's token do.
    other = csrf_client.application.test_client()
    response = csrf_client.post(path, data={"csrf_token": token(other, "/questions/filer")})
    assert response.status_code == 400
    friendly(response, "Sorry, that did not work")


def test_replayed_form_posts(app, csrf_client):
    """Sending the same post twice (a double tap, the back button, a reload that re-posts).

    An answer sent twice is harmless: the same answer is kept and the same next page is
    given (a redirect). Sending the complaint twice must not make two cases: the second
    post finds no form in progress and is redirected to the start of a new one.
    """
    client = csrf_client
    code = token(client, "/questions/filer")
    first = client.post("/questions/filer", data={"csrf_token": code, "filer": "young_person"})
    again = client.post("/questions/filer", data={"csrf_token": code, "filer": "young_person"})
    assert first.status_code == again.status_code == 302
    assert first.headers["Location"] == again.headers["Location"] == "/questions/safe_now"

    app.config["WTF_CSRF_ENABLED"] = False
    Filer(client).fill(YOUNG_PERSON_IN_CARE)
    app.config["WTF_CSRF_ENABLED"] = True
    code = token(client, "/check")
    sent = client.post("/check", data={"csrf_token": code})
    assert sent.status_code == 302 and sent.headers["Location"] == "/confirmation"
    replayed = client.post("/check", data={"csrf_token": code})
    assert replayed.status_code == 302
    assert replayed.headers["Location"].startswith("/questions/")
    with app.app_context():
        assert db.session.query(Case).count() == 1

    # A post replayed from an old session after "Exit this page" has no session to match.
    client.get("/exit")
    stale = client.post("/questions/filer", data={"csrf_token": code, "filer": "young_person"})
    assert stale.status_code == 400
    friendly(stale, "Sorry, that did not work")
