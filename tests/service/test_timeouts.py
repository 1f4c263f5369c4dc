"""One idle clock for every public channel: the chat times out like the form."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from intake.cases.models import Draft
from intake.extensions import db


def started_form(client) -> None:
    response = client.post("/questions/filer", data={"filer": "young_person"})
    assert response.status_code == 302


def idle_for(client, seconds: int) -> None:
    with client.session_transaction() as session:
        session["public_seen"] = int(time.time()) - seconds


def drafts(app) -> int:
    with app.app_context():
        return len(db.session.execute(select(Draft)).scalars().all())


@pytest.mark.parametrize("page", ["/chat", "/easy-read/check", "/check"])
def test_a_form_left_alone_is_forgotten_and_explained_in_every_channel(app, client, page):
    started_form(client)
    assert drafts(app) == 1
    idle_for(client, app.config["INTAKE_PUBLIC_IDLE_MINUTES"] * 60 + 5)
    response = client.get(page)
    assert response.status_code == 303 and response.headers["Location"].endswith("/timed-out")
    assert drafts(app) == 0
    with client.session_transaction() as session:
        assert "draft" not in session
    assert "We closed the form" in client.get("/timed-out").get_data(as_text=True)


def test_the_chats_script_is_told_where_the_explanation_is(app, client):
    started_form(client)
    idle_for(client, app.config["INTAKE_PUBLIC_IDLE_MINUTES"] * 60 + 5)
    response = client.post("/chat", data={"message": "hi"}, headers={"Accept": "application/json"})
    assert response.get_json() == {"redirect": "/timed-out"}


def test_using_the_chat_keeps_the_form_open(app, client):
    started_form(client)
    idle_for(client, app.config["INTAKE_PUBLIC_IDLE_MINUTES"] * 60 - 60)
    client.get("/chat")  # Rasa may be down here: the visit is what counts
    with client.session_transaction() as session:
        assert time.time() - session["public_seen"] < 5
    assert drafts(app) == 1


def test_the_staff_area_does_not_touch_the_public_clock(app, client):
    started_form(client)
    idle_for(client, 10)
    client.get("/staff/sign-in")
    with client.session_transaction() as session:
        assert time.time() - session["public_seen"] >= 10
