"""Guards: routes never vanish silently, and templates never print a missing value."""

import pytest
from jinja2 import UndefinedError

EXPECTED_ROUTES = {
    "/", "/again", "/questions/<question_id>", "/help-now", "/worried", "/get-help", "/check",
    "/confirmation", "/confirmation/advocate", "/equality", "/start-again", "/exit", "/healthz", "/readyz",
    "/save", "/continue", "/timed-out", "/keep-alive", "/check-my-complaint", "/chat", "/chat/new",
    "/privacy", "/privacy/full", "/online-safety", "/cookies", "/accessibility", "/language/<code>",
    "/check-my-complaint/your-complaint", "/check-my-complaint/what-you-told-us",
    "/check-my-complaint/contact-details", "/check-my-complaint/withdraw", "/check-my-complaint/not-happy",
    "/delete-saved-form", "/delete-saved-form/confirm",
    "/advocate", "/advocate/requested",
    "/static/<path:filename>",
    "/easy-read/", "/easy-read/questions/<question_id>", "/easy-read/help-now", "/easy-read/worried",
    "/easy-read/get-help", "/easy-read/privacy", "/easy-read/check", "/easy-read/confirmation",
    "/easy-read/save", "/easy-read/continue",
    "/easy-read/pictures", "/easy-read/pictures/<name>.svg",
    "/api/v1/leases", "/api/v1/cases/<case_id>", "/api/v1/acks", "/api/v1/openapi.json",
    "/staff/sign-in", "/staff/two-factor", "/staff/sign-out", "/staff/sign-out-everywhere",
    "/staff/keep-alive", "/staff/", "/staff/cases/<case_id>", "/staff/cases/<case_id>/route",
    "/staff/cases/<case_id>/acknowledged", "/staff/cases/<case_id>/extension", "/staff/cases/<case_id>/escalation",
    "/staff/cases/<case_id>/response-sent", "/staff/cases/<case_id>/advocacy-referral",
    "/staff/cases/<case_id>/notes", "/staff/cases/<case_id>/safeguarding",
    "/staff/reports", "/staff/reports.csv", "/staff/audit", "/staff/cases/<case_id>/audit",
}


def test_no_route_vanishes_or_appears_unnoticed(app):
    assert {rule.rule for rule in app.url_map.iter_rules()} == EXPECTED_ROUTES


def test_templates_fail_loudly_when_a_value_is_missing(app):
    with app.test_request_context("/"):
        template = app.jinja_env.from_string("{{ nothing_here }}")
        with pytest.raises(UndefinedError):
            template.render()
        assert app.jinja_env.from_string("{% if nothing_here %}x{% endif %}ok").render() == "ok"
