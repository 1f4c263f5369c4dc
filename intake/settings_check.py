"""Checking the settings when a process starts, so a mistake stops it at once with a message
that names the variable, instead of failing later on a child's submission."""

from __future__ import annotations

import base64
import binascii
import os
from email.utils import getaddresses
from pathlib import Path
from urllib.parse import urlparse

from cryptography.fernet import Fernet

from intake.council import load_council

TRANSPORTS = ("spool", "webhook", "amqp")
MUST_BE_SET_IN_PRODUCTION = ("INTAKE_SECRET_KEY", "INTAKE_DATA_KEYS", "INTAKE_DATABASE_URL",
                             "INTAKE_RASA_TOKEN")


class ConfigError(ValueError):
    """A setting is missing or wrong. The message starts with the variable's name."""


def _loopback(url: str) -> bool:
    return urlparse(url).hostname in ("127.0.0.1", "localhost", "::1")


def check(config: dict, env: dict | None = None) -> None:
    """Raise ConfigError for the first setting that cannot work."""
    env = os.environ if env is None else env
    production = env.get("INTAKE_ENV", "").lower() == "production"
    if production:
        for name in MUST_BE_SET_IN_PRODUCTION:
            if not env.get(name):
                raise ConfigError(f"{name}: must be set when INTAKE_ENV=production")
        if config.get("SESSION_COOKIE_SECURE") is not True:
            raise ConfigError("INTAKE_SECURE_COOKIES: must be true when INTAKE_ENV=production")
        if len(config["SECRET_KEY"]) < 32:
            raise ConfigError("INTAKE_SECRET_KEY: use at least 32 random characters")

    for position, key in enumerate(config["INTAKE_DATA_KEYS"], start=1):
        try:
            Fernet(key)
        except (ValueError, TypeError, binascii.Error):
            raise ConfigError(f"INTAKE_DATA_KEYS: key {position} is not a Fernet key "
                              "(make one with: python -c 'from cryptography.fernet import Fernet; "
                              "print(Fernet.generate_key().decode())')") from None

    for prefix, setting in (("INTAKE_", "INTAKE_CASE_TRANSPORT"), ("INTAKE_URGENT_", "INTAKE_URGENT_TRANSPORT")):
        kind = config[setting]
        if kind not in TRANSPORTS:
            raise ConfigError(f"{setting}: must be one of {', '.join(TRANSPORTS)}, not {kind!r}")
        if kind == "webhook":
            _check_webhook(config, prefix, f"{setting}=webhook")
        if kind == "amqp" and not config[f"{prefix}AMQP_URL"].startswith(("amqp://", "amqps://")):
            raise ConfigError(f"{prefix}AMQP_URL: must start with amqp:// or amqps://")

    for name in ("INTAKE_RASA_URL", "INTAKE_ACTIONS_URL"):
        if not str(config.get(name, "")).startswith(("http://", "https://")):
            raise ConfigError(f"{name}: must be an http:// address (Rasa listens on a private address)")
    if config.get("INTAKE_RASA_TIMEOUT", 1) <= 0:
        raise ConfigError("INTAKE_RASA_TIMEOUT: must be a number of seconds above 0")

    council = Path(config["INTAKE_COUNCIL_FILE"])
    if not council.is_file():
        raise ConfigError(f"INTAKE_COUNCIL_FILE: no such file: {council}")
    _check_advocacy(config)
    _check_local_terms(env.get("INTAKE_SAFEGUARDING_TERMS"))
    _check_threshold(env.get("INTAKE_SAFEGUARDING_THRESHOLD"))


def _check_threshold(value: str | None) -> None:
    if not value:
        return
    try:
        ok = 0.0 < float(value) < 1.0
    except ValueError:
        ok = False
    if not ok:
        raise ConfigError("INTAKE_SAFEGUARDING_THRESHOLD: a number between 0 and 1, like 0.5")


def _check_local_terms(path: str | None) -> None:
    """A council's safeguarding terms must read, or the service would miss them silently."""
    if not path:
        return
    from intake.safeguarding import lexicon
    try:
        lexicon.load_local(path)
    except OSError as error:
        raise ConfigError(f"INTAKE_SAFEGUARDING_TERMS: cannot read {path}: {error.strerror}") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise ConfigError(f"INTAKE_SAFEGUARDING_TERMS: {error}") from None


def _check_webhook(config: dict, prefix: str, because: str) -> None:
    url, secret = config[f"{prefix}WEBHOOK_URL"], config[f"{prefix}WEBHOOK_SECRET"]
    if not url:
        raise ConfigError(f"{prefix}WEBHOOK_URL: needed because {because}")
    if not url.startswith("https://") and not _loopback(url):
        raise ConfigError(f"{prefix}WEBHOOK_URL: must start with https://")
    body = secret.removeprefix("whsec_")
    try:
        if not secret or not base64.b64decode(body + "==", validate=False):
            raise ValueError
    except (ValueError, binascii.Error):
        raise ConfigError(f"{prefix}WEBHOOK_SECRET: needed, in the form whsec_<base64>") from None


def _address(value: str) -> bool:
    """Exactly one address, like ``referrals@example.org`` or ``Name <referrals@example.org>``."""
    found = getaddresses([value])
    return (len(found) == 1 and "@" in found[0][1]
            and not any(c.isspace() for c in found[0][1]))


def _check_advocacy(config: dict) -> None:
    """The settings the council file's advocacy referral route needs (see README)."""
    try:
        council = load_council(config["INTAKE_COUNCIL_FILE"])
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise ConfigError(f"INTAKE_COUNCIL_FILE: {exc}") from None
    route = council.advocacy.referral
    because = f"the council file's advocacy.referral is {route!r}"
    if route == "webhook":
        _check_webhook(config, "INTAKE_ADVOCACY_", because)
    if route != "email":
        return
    if not config["INTAKE_SMTP_HOST"]:
        raise ConfigError(f"INTAKE_SMTP_HOST: needed because {because}")
    port = str(config["INTAKE_SMTP_PORT"])
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError(f"INTAKE_SMTP_PORT: must be a port number, not {port!r}")
    if not config["INTAKE_SMTP_STARTTLS"] and not _loopback(f"smtp://{config['INTAKE_SMTP_HOST']}"):
        raise ConfigError("INTAKE_SMTP_STARTTLS: must be true unless INTAKE_SMTP_HOST is this "
                          "machine (referrals carry a child's personal details)")
    if bool(config["INTAKE_SMTP_USERNAME"]) != bool(config["INTAKE_SMTP_PASSWORD"]):
        missing = "INTAKE_SMTP_PASSWORD" if config["INTAKE_SMTP_USERNAME"] else "INTAKE_SMTP_USERNAME"
        raise ConfigError(f"{missing}: set both INTAKE_SMTP_USERNAME and INTAKE_SMTP_PASSWORD, or neither")
    for name in ("INTAKE_ADVOCACY_EMAIL_TO", "INTAKE_ADVOCACY_EMAIL_FROM"):
        if not config[name]:
            raise ConfigError(f"{name}: needed because {because}")
        if not _address(config[name]):
            raise ConfigError(f"{name}: must be one email address, like referrals@example.org")
