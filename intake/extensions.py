"""Flask extensions, created once and bound in ``create_app``."""

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from intake.cases.models import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
csrf = CSRFProtect()
babel = Babel()
# Per-address limits on sign-in; storage from RATELIMIT_STORAGE_URI (memory locally,
# Redis in production so every web process shares the counts).
limiter = Limiter(key_func=get_remote_address, default_limits=[])
