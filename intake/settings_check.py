"""Checking the settings when a process starts, so a mistake stops it at once with a message
that names the variable, instead of failing later on a child's submission."""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path
from urllib.parse import urlparse

from cryptography.fernet import Fernet

TRANSPORTS = ("spool", "webhook", "amqp")
MUST_BE_SET_IN_PRODUCTION = ("INTAKE_SECRET_KEY", "INTAKE_DATA_KEYS", "INTAKE_DATABASE_URL")


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
            url, secret = config[f"{prefix}WEBHOOK_URL"], config[f"{prefix}WEBHOOK_SECRET"]
            if not url:
                raise ConfigError(f"{prefix}WEBHOOK_URL: needed because {setting}=webhook")
            if not url.startswith("https://") and not _loopback(url):
                raise ConfigError(f"{prefix}WEBHOOK_URL: must start with https://")
            body = secret.removeprefix("whsec_")
            try:
                if not secret or not base64.b64decode(body + "==", validate=False):
                    raise ValueError
            except (ValueError, binascii.Error):
                raise ConfigError(f"{prefix}WEBHOOK_SECRET: needed, in the form whsec_<base64>") from None
        if kind == "amqp" and not config[f"{prefix}AMQP_URL"].startswith(("amqp://", "amqps://")):
            raise ConfigError(f"{prefix}AMQP_URL: must start with amqp:// or amqps://")

    council = Path(config["INTAKE_COUNCIL_FILE"])
    if not council.is_file():
        raise ConfigError(f"INTAKE_COUNCIL_FILE: no such file: {council}")
