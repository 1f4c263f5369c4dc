"""Flask extensions and application services, created once and bound in ``create_app``.

Views, commands and the health check reach the app's services here (``db``, ``limiter``,
``vault()``, ``council()``), never through ``intake.app``, so nothing imports the factory
back.
"""

from flask import current_app
from flask_babel import Babel, get_locale
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from intake import languages
from intake.cases.models import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
csrf = CSRFProtect()
babel = Babel()
compress = Compress()  # HTML and JSON answers; static files are precompressed (intake.assets)
# Per-address limits on sign-in; storage from RATELIMIT_STORAGE_URI (memory locally,
# Redis in production so every web process shares the counts).
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def vault():
    """The app's ``intake.crypto.Vault``: seals drafts, cases and anything a cookie carries."""
    return current_app.extensions["intake_vault"]


def council():
    """The council's details in the reader's language (its own translations, if it gave them)."""
    language = languages.find(str(get_locale())) or languages.ENGLISH
    return current_app.config["INTAKE_COUNCIL"].in_language(language.code)
