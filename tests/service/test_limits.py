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


@pytest.mark.postgresql_only
def test_racing_reservations_never_take_more_places_than_the_budget(app):
    """Forty requests at once, each on its own connection: exactly the budget gets through."""
    from concurrent.futures import ThreadPoolExecutor

    from intake.service import limits

    def one(_):
        with app.app_context():
            return limits.reserve("check-code", "one-reference", 5)

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(one, range(40)))
    assert results.count(True) == 5


def test_a_place_given_back_can_be_used_again(app):
    from intake.service import limits

    with app.app_context():
        for _ in range(3):
            assert limits.reserve("resume-words", "k", 3)
        assert not limits.reserve("resume-words", "k", 3)
        limits.release("resume-words", "k", limits._hour())
        limits.release("resume-words", "k", limits._hour())
        assert limits.reserve("resume-words", "k", 3)


def test_counts_from_hours_long_gone_are_purged(app, runner):
    from intake.cases.models import GuessCount
    from intake.extensions import db
    from intake.service import limits

    with app.app_context():
        db.session.add(GuessCount(scope="guess-address", key="1.2.3.4", hour=limits._hour() - 5,
                                  count=9))
        db.session.commit()
        assert runner.invoke(args=["purge"]).exit_code == 0
        assert db.session.query(GuessCount).count() == 0
