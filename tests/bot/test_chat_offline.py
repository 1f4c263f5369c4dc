"""When Rasa is not there, the chat says so kindly, offers the form, and nothing breaks."""

from __future__ import annotations

import pytest

from tests.bot.fixtures import free_port


@pytest.fixture
def offline(app):
    saved = app.config["INTAKE_RASA_URL"]
    app.config["INTAKE_RASA_URL"] = f"http://127.0.0.1:{free_port()}"
    app.extensions.pop("intake_rasa", None)
    yield app
    app.config["INTAKE_RASA_URL"] = saved
    app.extensions.pop("intake_rasa", None)


def test_the_chat_page_offers_the_form_when_rasa_is_down(offline, client):
    page = client.get("/chat")
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "the chat is not working right now" in body
    assert 'href="/"' in body and "Use the online form" in body


def test_a_message_when_rasa_is_down_is_a_kind_503_not_a_500(offline, client):
    response = client.post("/chat", data={"message": "hello"})
    assert response.status_code == 503
    assert "the chat is not working right now" in response.get_data(as_text=True)
    response = client.post("/chat", data={"message": "hello"}, headers={"Accept": "application/json"})
    assert response.status_code == 503 and "not working" in response.get_json()["log"]


def test_readyz_reports_the_bot_but_stays_ready_without_it(offline, client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json()["bot"] == "unavailable"
