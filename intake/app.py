"""The Flask application: extensions, blueprints, templates and security headers."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, abort, current_app, request, session
from flask_babel import get_locale
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChainableUndefined, ChoiceLoader, PackageLoader, PrefixLoader
from werkzeug.middleware.proxy_fix import ProxyFix

from intake import config as settings
from intake import logs, settings_check
from intake.council import load_council
from intake.crypto import Vault
from intake.extensions import babel, compress, csrf, db, limiter, migrate
from intake import languages


class PrintStrictUndefined(ChainableUndefined):
    """Missing values may be tested (the GOV.UK macros rely on that) but never printed.

    A template that prints a variable nobody passed fails loudly in tests instead of
    showing a young person a blank where a date or a phone number should be.
    """

    def __str__(self) -> str:
        self._fail_with_undefined_error()
        return ""


#: Blueprints for the council's own people and systems, which are written in English.
ENGLISH_ONLY = ("staff", "api", "health")


def current_language() -> languages.Language:
    """The reader's language: their choice this session, else their browser's, else English.

    A choice the council has since switched off, or a code nobody offers, is ignored.
    The staff pages and the API are in English only.
    """
    if request.blueprint in ENGLISH_ONLY:
        return languages.ENGLISH
    enabled = current_app.config["INTAKE_COUNCIL"].languages
    chosen = session.get("lang")
    if chosen not in enabled:
        chosen = languages.negotiate(request.accept_languages, enabled) or languages.ENGLISH.code
    return languages.BY_CODE[chosen]


def select_locale() -> str:
    # English here is British English: dates read "Tuesday 24 November 2026".
    return current_language().babel_locale


def create_app(config: dict | None = None, instance_path: str | None = None) -> Flask:
    """Build the app. ``config`` overrides settings read from the environment (tests use it)."""
    app = Flask(__name__, instance_path=instance_path or os.environ.get(
        "INTAKE_INSTANCE_PATH", str(Path(settings.PROJECT_DIR) / "instance")))
    app.config.update(settings.load(app.instance_path))
    if config:
        app.config.update(config)
    settings_check.check(app.config)
    if app.config["INTAKE_PROXY_HOPS"]:
        # Behind a proxy, rate limits and logs need the person's address, not the proxy's.
        hops = app.config["INTAKE_PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    logs.configure(app)
    app.config["INTAKE_COUNCIL"] = load_council(app.config["INTAKE_COUNCIL_FILE"])
    app.extensions["intake_vault"] = Vault(app.config["INTAKE_DATA_KEYS"])
    _templates(app)
    _extensions(app)
    _channels(app)
    app.context_processor(page_context)
    app.before_request(refuse_oversized_bodies)
    app.after_request(security_headers)
    return app


def _templates(app: Flask) -> None:
    """Our templates, the GOV.UK macros, and the filters and globals every page uses."""
    from intake import assets, fragments
    from intake.public.language import character_count_texts, here, language_link
    from intake.rendering import free_text, ltr
    app.jinja_env.undefined = PrintStrictUndefined
    app.jinja_loader = ChoiceLoader([
        PackageLoader("intake"),
        PrefixLoader({
            "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
            "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
            # The library's own macros, for the few that intake/templates/govuk_frontend_jinja/
            # wraps to give them words in the reader's language.
            "govuk_frontend_jinja_library": PackageLoader("govuk_frontend_jinja"),
        }),
    ])
    app.jinja_env.filters["free_text"] = free_text
    app.jinja_env.filters["ltr"] = ltr
    app.jinja_env.globals["language_link"] = language_link
    app.jinja_env.globals["here"] = here
    app.jinja_env.globals["character_count_texts"] = character_count_texts
    fragments.install(app)
    assets.install(app)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


def _extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    WTFormsHelpers(app)
    compress.init_app(app)


def _channels(app: Flask) -> None:
    """The channels (web form, Easy Read, chat, staff, API), their shared time-out, and the
    commands and error pages."""
    import intake.accounts.models  # noqa: F401 - the tables belong to the metadata
    from intake import commands, errors
    from intake.bot.chat import bp as chat_bp
    from intake.easy_read.views import bp as easy_read_bp
    from intake.health import bp as health_bp
    from intake.public import bp as public_bp
    from intake.queue.pull import api_client_cli, bp as api_bp
    from intake.service import timeouts
    from intake.staff import bp as staff_bp
    for blueprint in (public_bp, easy_read_bp, staff_bp, health_bp, chat_bp, api_bp):
        app.register_blueprint(blueprint)
    app.cli.add_command(api_client_cli)
    timeouts.install(app)
    commands.register(app)
    errors.register(app)


def page_context() -> dict:
    language = languages.find(str(get_locale())) or languages.ENGLISH
    council = current_app.config["INTAKE_COUNCIL"]
    return {
        "council": council.in_language(language.code),
        "lang": language.tag,
        "dir": language.direction,
        "page_language": language,
        # The chooser: every language the council offers, each named in itself.
        "chooser_languages": [languages.BY_CODE[code] for code in council.languages],
    }


def refuse_oversized_bodies():
    """A body over MAX_CONTENT_LENGTH is refused (413) before any page looks at it.

    Werkzeug only refuses it when the form is read, and a page that redirects first
    would otherwise answer as if nothing were wrong.
    """
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if limit is not None and (request.content_length or 0) > limit:
        abort(413)


def security_headers(response):
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Permissions-Policy"] = "geolocation=(), camera=(), microphone=(), interest-cohort=()"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if request.is_secure:
        # Served over HTTPS (directly, or behind a proxy that says so; INTAKE_PROXY_HOPS):
        # browsers must not come back over plain HTTP for a year.
        response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
        "base-uri 'none'; object-src 'none'")
    if response.cache_control.immutable:
        pass  # fingerprinted public files (Easy Read pictures) keep their long cache
    elif request.endpoint != "static":
        # Nothing a young person typed may come back from the browser's cache or history.
        response.headers["Cache-Control"] = "no-store"
    else:
        response.headers["Cache-Control"] = "public, max-age=3600"
    return response
