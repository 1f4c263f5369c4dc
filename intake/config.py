"""Settings from INTAKE_* environment variables, each with a safe local default.

Locally nothing needs setting: the database is SQLite in ``instance/`` and the secret and
data keys are generated once into ``instance/`` (never committed). In production set them
all (see README "Configuring").
"""

from __future__ import annotations

import os
from pathlib import Path

from intake.crypto import new_key
from intake.settings_check import ConfigError

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


def _instance_secret(instance: Path, name: str, make) -> str:
    """A secret kept in the instance folder, made on first use (local runs and tests only)."""
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / name
    if not path.exists():
        path.write_text(make())
        path.chmod(0o600)
    return path.read_text().strip()


def _number(env, name: str, kind, default: str):
    """A numeric setting, or an error naming the variable (not a bare ValueError)."""
    raw = env.get(name, default)
    try:
        value = kind(raw)
    except (TypeError, ValueError):
        what = "a whole number" if kind is int else "a number"
        raise ConfigError(f"{name}: must be {what}, not {raw!r}") from None
    if value < 0:
        raise ConfigError(f"{name}: must not be negative, not {raw!r}")
    return value


def load(instance_path: str, env: dict | None = None) -> dict:
    """The Flask config mapping for this process, read from the environment."""
    env = os.environ if env is None else env
    instance = Path(instance_path)
    database_url = env.get("INTAKE_DATABASE_URL") or f"sqlite:///{instance / 'intake.db'}"
    if database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgresql://"):]
    data_keys = [k.strip() for k in (env.get("INTAKE_DATA_KEYS") or "").split(",") if k.strip()]
    if not data_keys:
        data_keys = [_instance_secret(instance, "data.key", new_key)]
    secret = env.get("INTAKE_SECRET_KEY") or _instance_secret(
        instance, "secret.key", lambda: new_key())
    return {
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "INTAKE_DATA_KEYS": data_keys,
        # The chat: Rasa's REST channel and its HTTP API (the token lets the page clear a
        # finished conversation), and the action server Rasa calls. All on 127.0.0.1.
        "INTAKE_RASA_URL": env.get("INTAKE_RASA_URL", "http://127.0.0.1:5005"),
        "INTAKE_RASA_TOKEN": env.get("INTAKE_RASA_TOKEN") or _instance_secret(
            instance, "rasa.token", lambda: new_key()),
        "INTAKE_RASA_TIMEOUT": _number(env, "INTAKE_RASA_TIMEOUT", float, "10"),
        "INTAKE_ACTIONS_URL": env.get("INTAKE_ACTIONS_URL", "http://127.0.0.1:5055/webhook"),
        "INTAKE_CASE_TRANSPORT": env.get("INTAKE_CASE_TRANSPORT", "spool"),
        "INTAKE_SPOOL_DIR": env.get("INTAKE_SPOOL_DIR", str(instance / "spool")),
        "INTAKE_WEBHOOK_URL": env.get("INTAKE_WEBHOOK_URL", ""),
        "INTAKE_WEBHOOK_SECRET": env.get("INTAKE_WEBHOOK_SECRET", ""),
        "INTAKE_AMQP_URL": env.get("INTAKE_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/%2F"),
        "INTAKE_AMQP_QUEUE": env.get("INTAKE_AMQP_QUEUE", "intake.cases"),
        "INTAKE_COUNCIL_FILE": env.get("INTAKE_COUNCIL_FILE", str(PACKAGE_DIR / "council.toml")),
        # Urgent safeguarding copies (case.urgent) can go somewhere else: the duty team.
        # Each INTAKE_URGENT_* setting falls back to the case system's.
        "INTAKE_URGENT_TRANSPORT": env.get("INTAKE_URGENT_TRANSPORT")
        or env.get("INTAKE_CASE_TRANSPORT", "spool"),
        "INTAKE_URGENT_SPOOL_DIR": env.get("INTAKE_URGENT_SPOOL_DIR", str(instance / "spool-urgent")),
        "INTAKE_URGENT_WEBHOOK_URL": env.get("INTAKE_URGENT_WEBHOOK_URL")
        or env.get("INTAKE_WEBHOOK_URL", ""),
        "INTAKE_URGENT_WEBHOOK_SECRET": env.get("INTAKE_URGENT_WEBHOOK_SECRET")
        or env.get("INTAKE_WEBHOOK_SECRET", ""),
        "INTAKE_URGENT_AMQP_URL": env.get("INTAKE_URGENT_AMQP_URL")
        or env.get("INTAKE_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/%2F"),
        "INTAKE_URGENT_AMQP_QUEUE": env.get("INTAKE_URGENT_AMQP_QUEUE", "intake.urgent"),
        "INTAKE_WEBHOOK_TIMEOUT": _number(env, "INTAKE_WEBHOOK_TIMEOUT", float, "10"),
        # Warm advocacy referrals (the council file's advocacy.referral says which route).
        "INTAKE_ADVOCACY_WEBHOOK_URL": env.get("INTAKE_ADVOCACY_WEBHOOK_URL", ""),
        "INTAKE_ADVOCACY_WEBHOOK_SECRET": env.get("INTAKE_ADVOCACY_WEBHOOK_SECRET", ""),
        "INTAKE_ADVOCACY_EMAIL_TO": env.get("INTAKE_ADVOCACY_EMAIL_TO", ""),
        "INTAKE_ADVOCACY_EMAIL_FROM": env.get("INTAKE_ADVOCACY_EMAIL_FROM", ""),
        "INTAKE_SMTP_HOST": env.get("INTAKE_SMTP_HOST", ""),
        "INTAKE_SMTP_PORT": env.get("INTAKE_SMTP_PORT", "587"),
        "INTAKE_SMTP_USERNAME": env.get("INTAKE_SMTP_USERNAME", ""),
        "INTAKE_SMTP_PASSWORD": env.get("INTAKE_SMTP_PASSWORD", ""),
        "INTAKE_SMTP_STARTTLS": env.get("INTAKE_SMTP_STARTTLS", "true").strip().lower()
        not in ("false", "0", "no", "off"),
        "INTAKE_SMTP_TIMEOUT": _number(env, "INTAKE_SMTP_TIMEOUT", float, "30"),
        "INTAKE_RELAY_MAX_ATTEMPTS": _number(env, "INTAKE_RELAY_MAX_ATTEMPTS", int, "15"),
        "INTAKE_RELAY_BACKOFF_SECONDS": _number(env, "INTAKE_RELAY_BACKOFF_SECONDS", float, "2"),
        "INTAKE_RELAY_BACKOFF_MAX_SECONDS": _number(env, "INTAKE_RELAY_BACKOFF_MAX_SECONDS", float, "3600"),
        "INTAKE_RELAY_POLL_SECONDS": _number(env, "INTAKE_RELAY_POLL_SECONDS", float, "1"),
        "INTAKE_RELAY_BATCH": _number(env, "INTAKE_RELAY_BATCH", int, "50"),
        "INTAKE_EXIT_URL": env.get("INTAKE_EXIT_URL", "https://www.bbc.co.uk/weather"),
        "INTAKE_LOG_FORMAT": env.get("INTAKE_LOG_FORMAT")
        or ("json" if env.get("INTAKE_ENV", "").lower() == "production" else "text"),
        "INTAKE_DRAFT_DAYS": _number(env, "INTAKE_DRAFT_DAYS", int, "30"),
        # The public form forgets this browser's answers after this long without activity
        # (a shared or watched phone), warning two minutes before. Saved forms are kept.
        "INTAKE_PUBLIC_IDLE_MINUTES": _number(env, "INTAKE_PUBLIC_IDLE_MINUTES", int, "30"),
        # Cases stay this long after delivery, for the queue and the annual report.
        "INTAKE_CASE_RETENTION_DAYS": _number(env, "INTAKE_CASE_RETENTION_DAYS", int, str(6 * 365)),
        # CSRF tokens live as long as the browser session: a child who takes an hour over
        # "what happened" must not lose it to an expired token.
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env.get("INTAKE_SECURE_COOKIES", "false").lower() == "true",
        "SESSION_COOKIE_NAME": "session",
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_DIR / "translations"),
        "MAX_CONTENT_LENGTH": 256 * 1024,
        "INTAKE_STAFF_IDLE_MINUTES": _number(env, "INTAKE_STAFF_IDLE_MINUTES", int, "15"),
        "RATELIMIT_STORAGE_URI": env.get("INTAKE_RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        # Reverse proxies in front of the app (load balancer, ingress) that set
        # X-Forwarded-For and X-Forwarded-Proto; 0 trusts no such header.
        "INTAKE_PROXY_HOPS": _number(env, "INTAKE_PROXY_HOPS", int, "0"),
        # Pages and API answers compressed by the app itself (Flask-Compress), so what
        # docker-compose ships is small without a proxy: brotli at a fast level, else gzip.
        # Static files are compressed once at build time instead (intake/assets.py).
        "COMPRESS_ALGORITHM": ["br", "gzip"],
        "COMPRESS_BR_LEVEL": 4,
        "COMPRESS_LEVEL": 6,
        "COMPRESS_MIN_SIZE": 500,
        "COMPRESS_MIMETYPES": ["text/html", "application/json", "application/problem+json",
                               "text/csv", "text/plain", "image/svg+xml"],
    }
