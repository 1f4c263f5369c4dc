"""The public blueprint: start, questions, check answers, confirmation and help pages."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from intake.public import views  # noqa: E402,F401
