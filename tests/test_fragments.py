"""Rendered fragments kept per process (intake/fragments.py): the same HTML as rendering
afresh, in every language, and never anyone's words."""

from __future__ import annotations

import re

import pytest
from flask_babel import force_locale

from intake.forms import build_form, field_params
from intake.fragments import FragmentCache
from intake.journey import QUESTIONS
from intake.languages import LANGUAGES

CSRF = re.compile(r'<input[^>]*name="csrf_token"[^>]*>|data-csrf-token="[^"]*"')


def without_token(html: str) -> str:
    """The page minus its CSRF token, which is signed with the time and so changes by the second."""
    return CSRF.sub('(csrf token)', html)


PAGES = ["/", "/questions/filer", "/get-help", "/online-safety", "/privacy", "/easy-read/"]


def cache(app) -> FragmentCache:
    return app.extensions["intake_fragments"]


def test_every_question_field_from_the_cache_is_the_html_rendering_it_afresh_gives(app):
    render_field = app.jinja_env.globals["render_field"]
    cache(app).clear()
    checked = 0
    with app.test_request_context():
        for language in LANGUAGES:  # one cache across languages: a key missing the language fails
            with force_locale(language.babel_locale):
                for q in QUESTIONS.values():
                    form = build_form(q, {})
                    for f in q.fields_for({}):
                        # Fresh parameters for each render, as each request builds them
                        # (govuk-frontend-wtf adds to the dict it is given).
                        params = lambda: field_params(q, f, {})  # noqa: E731
                        fresh = form[f.id](params=params())
                        assert render_field(form, f.id, params(), language.tag) == fresh, (language.code, f.id)
                        assert render_field(form, f.id, params(), language.tag) == fresh, (language.code, f.id)
                        checked += 1
    assert checked > 13 * 20 and len(cache(app)) > 0


@pytest.mark.parametrize("path", PAGES)
def test_a_page_from_a_warm_cache_is_the_page_a_cold_one_renders_in_every_language(app, client, path):
    for language in LANGUAGES:
        client.get(f"/language/{language.code}")
        warm = client.get(path)
        cache(app).clear()
        cold = client.get(path)
        assert warm.status_code == cold.status_code == 200, (language.code, path)
        assert without_token(warm.get_data(as_text=True)) == without_token(cold.get_data(as_text=True)), \
            (language.code, path)
        for other in PAGES:  # fill the cache from other pages before the next language
            client.get(other)


def test_typed_words_and_error_messages_are_never_kept(app, client):
    words = "My foster carer Zebedee-7319 locks the fridge"
    cache(app).clear()
    client.post("/questions/filer", data={"filer": "young_person"})
    client.post("/questions/safe_now", data={"safe_now": "yes"})
    client.post("/questions/young_person_status", data={"young_person_status": "in_care"})
    client.post("/questions/young_person_age", data={"young_person_age": "not a number"})  # an error
    client.post("/questions/young_person_age", data={"young_person_age": "15"})
    assert client.get("/questions/young_person_age").status_code == 200  # 15 shown again
    client.post("/questions/topics", data={"topics": "placement"})
    client.post("/questions/event_within_12_months", data={"event_within_12_months": "yes"})
    client.post("/questions/ongoing_proceedings", data={"ongoing_proceedings": "none"})
    client.post("/questions/description", data={"description": words})
    page = client.get("/questions/description").get_data(as_text=True)
    assert "Zebedee-7319" in page  # shown back to the person...
    kept = repr(list(cache(app)._items.items()))
    assert "Zebedee-7319" not in kept  # ...but not kept
    assert "value=\"15\"" not in kept and "'15'" not in kept
    assert "govuk-error-message" not in kept


def test_the_cache_forgets_the_oldest_fragments_beyond_its_size():
    small = FragmentCache(size=3)
    for n in range(5):
        small.get_or_render(("k", str(n)), lambda n=n: f"<p>{n}</p>")
    assert len(small) == 3
    assert small.get_or_render(("k", "4"), lambda: "new") == "<p>4</p>"
    assert small.get_or_render(("k", "0"), lambda: "<p>again</p>") == "<p>again</p>"
