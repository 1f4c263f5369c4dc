"""The Flask application: extensions, blueprints, templates and security headers."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, current_app, g, request, session
from flask_babel import get_locale
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChainableUndefined, ChoiceLoader, PackageLoader, PrefixLoader

from intake import config as settings
from intake import logs, settings_check
from intake.council import load_council
from intake.crypto import Vault
from intake.extensions import babel, csrf, db, limiter, migrate

RTL_LANGUAGES = {"ar", "fa", "ps", "ckb", "ur", "he"}


class PrintStrictUndefined(ChainableUndefined):
    """Missing values may be tested (the GOV.UK macros rely on that) but never printed.

    A template that prints a variable nobody passed fails loudly in tests instead of
    showing a young person a blank where a date or a phone number should be.
    """

    def __str__(self) -> str:
        self._fail_with_undefined_error()
        return ""


def select_locale() -> str:
    """The reader's language: their choice this session, else their browser's, else English."""
    enabled = current_app.config["INTAKE_COUNCIL"].languages
    chosen = session.get("lang")
    if chosen not in enabled:
        chosen = request.accept_languages.best_match(enabled) or "en"
    # English here is British English: dates read "Tuesday 24 November 2026".
    return "en_GB" if chosen == "en" else chosen


def create_app(config: dict | None = None, instance_path: str | None = None) -> Flask:
    """Build the app. ``config`` overrides settings read from the environment (tests use it)."""
    app = Flask(__name__, instance_path=instance_path or os.environ.get(
        "INTAKE_INSTANCE_PATH", str(Path(settings.PROJECT_DIR) / "instance")))
    app.config.update(settings.load(app.instance_path))
    if config:
        app.config.update(config)
    settings_check.check(app.config)
    logs.configure(app)
    app.config["INTAKE_COUNCIL"] = load_council(app.config["INTAKE_COUNCIL_FILE"])
    app.extensions["intake_vault"] = Vault(app.config["INTAKE_DATA_KEYS"])

    app.jinja_env.undefined = PrintStrictUndefined
    app.jinja_loader = ChoiceLoader([
        PackageLoader("intake"),
        PrefixLoader({
            "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
            "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
        }),
    ])
    from intake.rendering import free_text
    app.jinja_env.filters["free_text"] = free_text
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    WTFormsHelpers(app)

    import intake.staff.models  # noqa: F401 - the tables belong to the metadata
    from intake.public import bp as public_bp
    from intake.health import bp as health_bp
    from intake.staff import bp as staff_bp
    app.register_blueprint(public_bp)
    app.register_blueprint(staff_bp)
    app.register_blueprint(health_bp)
    from intake.queue.pull import api_client_cli, bp as api_bp
    app.register_blueprint(api_bp)
    app.cli.add_command(api_client_cli)

    from intake import cli, errors
    cli.register(app)
    errors.register(app)

    @app.context_processor
    def page_context():
        locale = str(get_locale())
        return {
            "council": app.config["INTAKE_COUNCIL"],
            "lang": locale.replace("_", "-"),
            "dir": "rtl" if locale.split("_")[0] in RTL_LANGUAGES else "ltr",
        }

    @app.after_request
    def security_headers(response):
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Permissions-Policy"] = "geolocation=(), camera=(), microphone=(), interest-cohort=()"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            "base-uri 'none'; object-src 'none'")
        if request.endpoint != "static":
            # Nothing a young person typed may come back from the browser's cache or history.
            response.headers["Cache-Control"] = "no-store"
        else:
            response.headers["Cache-Control"] = "public, max-age=3600"
        return response

    return app


def vault() -> Vault:
    return current_app.extensions["intake_vault"]
