"""One budget of guesses per visitor, whatever page or channel the guesses come through."""

from __future__ import annotations

import pytest

from intake.cases import codes
from intake.extensions import limiter


@pytest.fixture(autouse=True)
def _fresh_rate_limits(app):
    limiter.reset()
    yield
    limiter.reset()


def wrong_words() -> str:
    return codes.new_code(codes.RESUME_WORDS)


GUESSES = {
    "continue in the web form": lambda c: c.post("/continue", data={"code": wrong_words()}),
    "continue in Easy Read": lambda c: c.post("/easy-read/continue", data={"code": wrong_words()}),
    "delete a saved form": lambda c: c.post("/delete-saved-form", data={"code": wrong_words()}),
    "check my complaint": lambda c: c.post("/check-my-complaint", data={
        "reference": "2222-3333-4444", "code": codes.new_code(codes.CHECK_WORDS)}),
}


@pytest.mark.parametrize("last", sorted(GUESSES))
def test_wrong_guesses_on_every_page_draw_on_one_budget(app, client, last):
    pages = sorted(GUESSES)
    for number in range(10):  # ten wrong guesses an hour from one address, spread over pages
        response = GUESSES[pages[number % len(pages)]](app.test_client())
        assert response.status_code == 400, pages[number % len(pages)]
    response = GUESSES[last](app.test_client())
    assert response.status_code == 429
    assert "Please wait before trying again" in response.get_data(as_text=True)


def test_mistyped_guesses_cost_nothing_anywhere(app, client):
    for _ in range(12):
        for path in ("/continue", "/easy-read/continue", "/delete-saved-form"):
            assert app.test_client().post(path, data={"code": "apple river"}).status_code == 400
    assert GUESSES["check my complaint"](app.test_client()).status_code == 400
